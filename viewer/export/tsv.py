"""The record's genes as a tab-separated table, in PFOCR's columns plus the NCBI Gene link.

One row per gene row of the record, led by the figure id so that several records can share
one table. The columns follow PFOCR's current genes tables (``organism_id``, ``organism_name``,
``word``, ``match``, ``ncbigene_symbol``, ``ncbigene_id``, ``source``); inline-layout records,
which have no organism per gene, leave those two empty. Python's ``csv`` module quotes any
field holding a tab, a line break or a quote, so spreadsheets and ``csv`` readers get every
value back whole; carriage returns are written as line feeds.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from viewer import links
from viewer.export.common import unix_newlines
from viewer.mechanism.model import Mechanism
from viewer.record.model import FigureRecord

COLUMNS = (
    "figid",
    "organism_id",
    "organism_name",
    "word",
    "match",
    "ncbigene_symbol",
    "ncbigene_id",
    "source",
    "ncbigene_url",
)


def _rows(record: FigureRecord) -> Iterable[list[str]]:
    for gene in record.genes:
        yield [
            unix_newlines(value or "")
            for value in (
                record.figid,
                gene.taxon,
                gene.organism,
                gene.word,
                gene.symbol,
                gene.hgnc_symbol,
                gene.entrez,
                gene.source,
                links.gene_url(gene),
            )
        ]


def records_to_tsv(records: Iterable[FigureRecord]) -> str:
    """Return the genes of all ``records`` as one table with a header row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\n")
    writer.writerow(COLUMNS)
    for record in records:
        writer.writerows(_rows(record))
    return buffer.getvalue()


def record_to_tsv(record: FigureRecord, mechanism: Mechanism | None = None) -> str:
    """Return the record's genes as a table (the mechanism is not needed)."""
    return records_to_tsv([record])
