"""Helpers the export formats share: text made safe for a format, and facts read off a record.

Nothing here decides a format's layout; it only answers questions every writer asks the same
way (which organism, which OCR word a node came from, which ChEBI or MeSH id a chemical has).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from viewer.mechanism.model import Node
from viewer.record.model import FigureRecord, Gene, Mention

# XML 1.0 allows tab, newline and carriage return but no other C0 control character, no lone
# surrogate and neither U+FFFE nor U+FFFF: such a character would make the whole file unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Everything a line-based reader may take for the end of a line or of a field.
_BREAKS = re.compile("[\t\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_DIGITS = re.compile(r"[1-9][0-9]{0,11}")


def xml_text(text: str) -> str:
    """``text`` with the characters XML 1.0 cannot carry replaced by U+FFFD.

    The XML writers escape ``&``, ``<`` and quotes themselves; this only removes what no
    escaping can save.
    """
    return _NOT_XML.sub("\ufffd", text)


def one_line(text: str) -> str:
    """``text`` with tabs and line breaks replaced by spaces (for one field of a line format)."""
    return _BREAKS.sub(" ", text)


def unix_newlines(text: str) -> str:
    r"""``text`` with ``\r\n`` and lone ``\r`` turned into ``\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def number(value: float) -> float:
    """A finite float (layouts never give NaN, but a file must not carry one either)."""
    return float(value) if math.isfinite(value) else 0.0


def organisms(record: FigureRecord) -> tuple[str, ...]:
    """The organisms the figure is about: the record's own, else those its genes matched in."""
    return record.own_organisms or record.gene_organisms


def figure_alias(record: FigureRecord) -> str | None:
    """PFOCR's short alias of the figure (``PMC100003__F11``), when the record has one."""
    alias = record.extra.get("figid_alias")
    if isinstance(alias, str) and alias.strip() and alias.strip() not in ("NA", ".na.character"):
        return alias.strip()
    return None


def checked_entrez(entrez: str | None) -> str | None:
    """An NCBI Gene id when it is one (digits, no leading zero), else ``None``."""
    return entrez if entrez is not None and _DIGITS.fullmatch(entrez) else None


def gene_ids(record: FigureRecord) -> list[str]:
    """The record's NCBI Gene ids, each once, in the record's order."""
    return list(dict.fromkeys(e for e in (checked_entrez(g.entrez) for g in record.genes) if e))


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a mechanism node came from: the OCR word and how PFOCR matched it."""

    word: str
    source: str


def origins(record: FigureRecord, nodes: list[Node]) -> dict[str, Origin]:
    """The OCR word and match source behind each node, by node id.

    A node of the record's genes takes the word and source of the first gene row it stands
    for; a caption-only name is its first spelling in the caption, with source ``caption``
    (``famplex`` for a family the record does not list).
    """
    by_entrez: dict[str, Gene] = {}
    for gene in record.genes:
        by_entrez.setdefault(gene.entrez, gene)
    found: dict[str, Origin] = {}
    for node in nodes:
        gene = next((by_entrez[e] for e in node.entrez_ids if e in by_entrez), None)
        if gene is not None:
            found[node.id] = Origin(gene.word or node.label, gene.source or "")
        else:
            word = node.mentions[0] if node.mentions else node.label
            found[node.id] = Origin(word, "caption" if node.kind == "caption" else "famplex")
    return found


@dataclass(frozen=True, slots=True)
class ChemicalXref:
    """A chemical's id in the vocabulary a pathway tool knows (``ChEBI`` or ``MeSH``)."""

    database: str
    id: str


def chemical_xref(mention: Mention) -> ChemicalXref | None:
    """The ChEBI id of a chemical when it has one, else its MeSH id, else ``None``."""
    candidates = [((mention.source or "").lower(), mention.identifier or "")]
    for other in mention.other_ids:
        prefix, _, local = other.partition(":")
        candidates.append((prefix.lower(), local))
    for prefix, local in candidates:
        if prefix == "chebi":
            digits = local.rpartition(":")[2].strip()
            if digits.isdigit():
                return ChemicalXref("ChEBI", f"CHEBI:{digits}")
    for prefix, local in candidates:
        if prefix == "mesh" and re.fullmatch(r"[A-Z][0-9]{6,10}", local.strip()):
            return ChemicalXref("MeSH", local.strip())
    return None


def chemical_label(mention: Mention) -> str:
    """The name to show for a chemical: the figure's word, else the vocabulary's name or id."""
    return mention.word or mention.name or mention.identifier or "?"
