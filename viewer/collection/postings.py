"""The index's gene → figures lists ("postings"), kept in blocks so that writing them is cheap.

Enrichment asks "which figures hold these genes?" for a few hundred genes at once. The
``gene_postings`` table answers it: one row per gene and block of 1,024 figure ids, holding
the figure ids of that block that list the gene, as sorted int64 array bytes. A 100,000-figure
collection with 3 million (gene, figure) pairs then keeps about 1/15 as many rows, and a
refresh writes a few thousand rows per batch instead of a hundred thousand.

Figure ids grow as records are added, so a bulk refresh mostly fills new blocks; only a block
that already has rows is read back and merged. Removing a figure rewrites the rows of its genes
in its block. NCBI Gene ids are unique across organisms, so the table needs no organism.
"""

from __future__ import annotations

import sqlite3
from array import array
from collections import Counter
from collections.abc import Callable, Iterable

BLOCK_SHIFT = 10  # 1,024 figure ids per block

SCHEMA = """
CREATE TABLE gene_postings (
    entrez INTEGER NOT NULL, block INTEGER NOT NULL, figures BLOB NOT NULL,
    PRIMARY KEY (entrez, block)
) WITHOUT ROWID;
"""

FigureGenes = tuple[int, Iterable[int]]  # (figure id, its NCBI Gene ids)


def _ids(blob: bytes) -> array:
    ids = array("q")
    ids.frombytes(blob)
    return ids


def _group(figure_genes: Iterable[FigureGenes]) -> dict[tuple[int, int], list[int]]:
    """``{(entrez, block): [figure, …]}`` for these figures' genes."""
    groups: dict[tuple[int, int], list[int]] = {}
    for figure, genes in figure_genes:
        block = figure >> BLOCK_SHIFT
        for entrez in genes:
            key = (entrez, block)
            figures = groups.get(key)
            if figures is None:
                groups[key] = [figure]
            else:
                figures.append(figure)
    return groups


def _stored(conn: sqlite3.Connection, key: tuple[int, int]) -> array | None:
    row = conn.execute(
        "SELECT figures FROM gene_postings WHERE entrez = ? AND block = ?", key
    ).fetchone()
    return None if row is None else _ids(row[0])


class PostingsWriter:
    """Adds postings batch by batch during one refresh, reading back as little as it can.

    Figure ids grow during a refresh, so each batch continues the block the previous one
    ended in. The writer keeps that block's rows in memory; it reads a row from the database
    only for a block that held figures before the refresh began.
    """

    def __init__(self) -> None:
        self._fresh_from: int | None = None  # blocks from here on were empty at the start
        self._recent: dict[tuple[int, int], array] = {}  # the newest block's rows, as written

    def add(
        self, conn: sqlite3.Connection, figure_genes: Iterable[FigureGenes], last_figure: int
    ) -> None:
        """Record that these figures hold these genes (inside the caller's transaction).

        ``last_figure`` is the largest figure id with genes before this batch (-1: none).
        """
        if self._fresh_from is None:
            self._fresh_from = (last_figure >> BLOCK_SHIFT) + 1 if last_figure >= 0 else 0
        rows = []
        for key, figures in _group(figure_genes).items():
            merged = set(figures)
            old = self._recent.get(key)
            if old is None and key[1] < self._fresh_from:
                old = _stored(conn, key)
            if old is not None:
                merged.update(old)
            stored = array("q", sorted(merged))
            rows.append((*key, stored.tobytes()))
            self._recent[key] = stored
        conn.executemany("INSERT OR REPLACE INTO gene_postings VALUES (?, ?, ?)", rows)
        newest = max((block for _entrez, block in self._recent), default=0)
        self._recent = {key: ids for key, ids in self._recent.items() if key[1] == newest}


def remove_postings(conn: sqlite3.Connection, figure_genes: Iterable[FigureGenes]) -> None:
    """Forget that these figures hold these genes (inside the caller's transaction)."""
    for key, figures in _group(figure_genes).items():
        old = _stored(conn, key)
        if old is None:
            continue
        gone = set(figures)
        kept = [figure for figure in old if figure not in gone]
        if kept:
            conn.execute(
                "UPDATE gene_postings SET figures = ? WHERE entrez = ? AND block = ?",
                (array("q", kept).tobytes(), *key),
            )
        else:
            conn.execute("DELETE FROM gene_postings WHERE entrez = ? AND block = ?", key)


def count_overlaps(
    execute: Callable[[str, list[int]], sqlite3.Cursor], entrez_ids: Iterable[int]
) -> tuple[Counter[int], set[int]]:
    """How many of these genes each figure holds, and which of the genes any figure holds."""
    counts: Counter[int] = Counter()
    present: set[int] = set()
    wanted = sorted(set(entrez_ids))
    for start in range(0, len(wanted), 500):
        part = wanted[start : start + 500]
        marks = ", ".join("?" * len(part))
        cursor = execute(
            f"SELECT entrez, figures FROM gene_postings WHERE entrez IN ({marks})", part
        )
        for entrez, blob in cursor:
            present.add(entrez)
            counts.update(_ids(blob))
    return counts, present
