"""Where the real records bundled with the tests live (see tests/data/README.md)."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).parent / "data"
FIGURES = DATA / "pfocr-database" / "_figures"
TABLES = DATA / "pfocr-database" / "_data"
REVISIONS = DATA / "revisions"
SEED = Path(__file__).parent.parent / "seeds" / "PMC1584297__neo0809_0733_fig009.md"
SHARED_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def corpus_records() -> list[Path]:
    """Every real record bundled with the tests, the seed included."""
    return [SEED, *sorted(FIGURES.glob("*.md")), *sorted(REVISIONS.glob("*.md"))]


# The links the seed record supports, as DESIGN.md spells them.
SEED_LINKS = {
    "pmc_article": "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC1584297/",
    "pmc_figure": "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC1584297/figure/F9/",
    "image": "https://europepmc.org/api/fulltextRepo?pmcId=PMC1584297&type=FILE"
    "&fileName=neo0809_0733_fig009.jpg&mimeType=image/jpeg",
    "ndex": None,
    "wikipathways": None,
    "pfocr": "https://pfocr.wikipathways.org/figures/PMC1584297__neo0809_0733_fig009.html",
}
