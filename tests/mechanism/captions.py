"""Small records made of one caption and a gene table, for the mechanism reader's tests."""

from __future__ import annotations

from viewer.mechanism import build_mechanism
from viewer.record import parse_record
from viewer.record.model import FigureRecord


def caption_record(
    caption: str, genes: dict[str, str], words: dict[str, str] | None = None
) -> FigureRecord:
    """A record with ``caption`` whose gene table lists ``genes`` (symbol → Entrez id).

    ``words`` gives the figure's word for a symbol where it is not the symbol itself.
    """
    words = words or {}
    rows = "".join(
        f"- word: {words.get(s, s)}\n  symbol: {s}\n  source: hgnc_symbol\n  hgnc_symbol: {s}\n"
        f"  entrez: '{e}'\n"
        for s, e in genes.items()
    )
    text = f"---\nfigid: PMC1__test\ncaption: {caption!r}\ngenes:\n{rows}---\n"
    return parse_record(text.encode(), "test.md")


def caption_relations(caption: str, genes: dict[str, str]) -> set[tuple[str, str, str]]:
    """The edges drawn for ``caption``, as (source label, type, target label)."""
    mechanism = build_mechanism(caption_record(caption, genes))
    label = {n.id: n.label for n in mechanism.nodes}
    return {(label[e.source], e.type, label[e.target]) for e in mechanism.edges}
