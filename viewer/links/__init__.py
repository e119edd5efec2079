"""Build the web links a user may follow, from checked ids only (no Qt here).

Every function returns an https URL when its id has the expected form and ``None`` otherwise,
so nothing a record supplies is ever opened unchecked.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from viewer.record.model import FigureRecord, Gene, Mention

_ENTREZ = re.compile(r"[1-9][0-9]{0,11}")
_PMCID = re.compile(r"PMC[0-9]{1,10}")
_FIGLINK = re.compile(r"/pmc/articles/PMC[0-9]{1,10}/figure/[A-Za-z0-9._-]{1,100}/?")
_FILENAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,200}\.(?:jpe?g|png|gif|tiff?)", re.IGNORECASE)
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_WPID = re.compile(r"WP[0-9]{1,8}")
_FIGID = re.compile(r"PMC[0-9]{1,10}__[A-Za-z0-9._-]{1,200}")
_SYMBOL = re.compile(r"[A-Za-z0-9][A-Za-z0-9@._:/-]{0,40}")
_MESH = re.compile(r"[A-Z][0-9]{6,10}")
_DIGITS = re.compile(r"[0-9]{1,10}")


def _ok(pattern: re.Pattern[str], value: str | None) -> bool:
    return value is not None and pattern.fullmatch(value) is not None


def ncbi_gene(entrez: str | None) -> str | None:
    """NCBI Gene page of an Entrez id."""
    return f"https://www.ncbi.nlm.nih.gov/gene/{entrez}" if _ok(_ENTREZ, entrez) else None


def hgnc_symbol(symbol: str | None) -> str | None:
    """HGNC symbol report of a gene symbol."""
    if not _ok(_SYMBOL, symbol):
        return None
    return f"https://www.genenames.org/data/gene-symbol-report/#!/symbol/{quote(symbol or '')}"


def pmc_article(pmcid: str | None) -> str | None:
    """The paper at PubMed Central."""
    return f"https://www.ncbi.nlm.nih.gov/pmc/articles/{pmcid}/" if _ok(_PMCID, pmcid) else None


def europepmc_article(pmcid: str | None) -> str | None:
    """The paper at Europe PMC."""
    return f"https://europepmc.org/article/PMC/{pmcid}" if _ok(_PMCID, pmcid) else None


def pmc_figure(figlink: str | None) -> str | None:
    """The figure's page at PubMed Central (``figlink`` must be a path under /pmc/articles/)."""
    return f"https://www.ncbi.nlm.nih.gov{figlink}" if _ok(_FIGLINK, figlink) else None


def figure_image(pmcid: str | None, filename: str | None) -> str | None:
    """The figure image from Europe PMC's full-text repository."""
    if not (_ok(_PMCID, pmcid) and _ok(_FILENAME, filename)):
        return None
    return (
        f"https://europepmc.org/api/fulltextRepo?pmcId={pmcid}&type=FILE"
        f"&fileName={quote(filename or '')}&mimeType=image/jpeg"
    )


def pmc_image(pmcid: str | None, filename: str | None) -> str | None:
    """The figure image from PubMed Central's own article files (a fallback: these moved before)."""
    if not (_ok(_PMCID, pmcid) and _ok(_FILENAME, filename)):
        return None
    return f"https://www.ncbi.nlm.nih.gov/pmc/articles/{pmcid}/bin/{quote(filename or '')}"


def ndex_network(uuid: str | None) -> str | None:
    """The figure's network at NDEx."""
    return f"https://www.ndexbio.org/viewer/networks/{uuid}" if _ok(_UUID, uuid) else None


def wikipathways(wpid: str | None) -> str | None:
    """The WikiPathways pathway made from the figure."""
    return f"https://www.wikipathways.org/pathways/{wpid}.html" if _ok(_WPID, wpid) else None


def pfocr_figure(figid: str | None) -> str | None:
    """The figure's page on the PFOCR website."""
    if not _ok(_FIGID, figid):
        return None
    return f"https://pfocr.wikipathways.org/figures/{quote(figid or '')}.html"


def mention(item: Mention) -> str | None:
    """The page of a chemical's or disease's id: MeSH directly, ChEBI and DOID via Bioregistry."""
    source = (item.source or "").upper()
    ident = item.identifier
    if source == "MESH" and _ok(_MESH, ident):
        return f"https://id.nlm.nih.gov/mesh/{ident}"
    if source in ("CHEBI", "DOID") and ident is not None:
        local = ident.split(":", 1)[1] if ":" in ident else ident
        if _ok(_DIGITS, local):
            return f"https://bioregistry.io/{source.lower()}:{local}"
    return None


def gene_url(gene: Gene) -> str | None:
    """NCBI Gene page of a gene."""
    return ncbi_gene(gene.entrez)


def record_links(record: FigureRecord) -> dict[str, str | None]:
    """Every link a record supports, keyed as in the JSON export; ``None`` where the id is bad."""
    return {
        "pmc_article": pmc_article(record.pmcid),
        "europepmc_article": europepmc_article(record.pmcid),
        "pmc_figure": pmc_figure(record.figlink),
        "image": figure_image(record.pmcid, record.filename),
        "ndex": ndex_network(record.ndex),
        "wikipathways": wikipathways(record.wpid),
        "pfocr": pfocr_figure(record.figid),
    }
