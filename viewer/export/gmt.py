"""Gene sets in GMT, the format of enrichment tools (GSEA, Enrichr, clusterProfiler, g:Profiler).

One line per figure, as PFOCR publishes its gene sets: the set's name (PFOCR's figure alias,
such as ``PMC100003__F11``, or the figure id when the record has none), its description (the
figure title) and then the figure's NCBI Gene ids, each once, all separated by tabs. Tabs and
line breaks inside a name or title become spaces, since they would split the line.
"""

from __future__ import annotations

from collections.abc import Iterable

from viewer.export.common import figure_alias, gene_ids, one_line
from viewer.mechanism.model import Mechanism
from viewer.record.model import FigureRecord


def gmt_line(record: FigureRecord, organism: str | None = None) -> str:
    """The record's gene set as one GMT line (without its line break).

    With ``organism`` (a name such as ``Homo sapiens``, or an NCBI taxon id), only genes
    matched in that organism are listed; inline-layout genes, which name no organism, stay.
    """
    if organism is None:
        genes = gene_ids(record)
    else:
        kept = [g for g in record.genes if g.organism is None or organism in (g.organism, g.taxon)]
        genes = gene_ids(FigureRecord(record.figid, genes=tuple(kept)))
    name = one_line(figure_alias(record) or record.figid).strip() or record.figid
    title = one_line(record.title).strip() or name
    return "\t".join([name, title, *genes])


def records_to_gmt(records: Iterable[FigureRecord], organism: str | None = None) -> str:
    """Return one GMT line per record."""
    return "".join(gmt_line(record, organism) + "\n" for record in records)


def record_to_gmt(record: FigureRecord, mechanism: Mechanism | None = None) -> str:
    """Return the record's gene set as a one-line GMT file (the mechanism is not needed)."""
    return records_to_gmt([record])
