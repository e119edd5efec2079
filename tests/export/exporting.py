"""Shared by the export tests: the corpus loaded once, each export made once, and readers.

Loading every record, building its mechanism and writing each format happens at most once per
test session (``functools.cache``), so the many per-record tests only read and validate.
"""

from __future__ import annotations

import csv
import functools
import io
from pathlib import Path

from corpus import SEED, corpus_records

from viewer.export import FORMATS
from viewer.mechanism import Mechanism, build_mechanism
from viewer.record import FigureRecord, load_record

RECORDS = corpus_records()
IDS = [
    f"seed:{p.stem}" if p == SEED else f"rev:{p.stem}" if p.parent.name == "revisions" else p.stem
    for p in RECORDS
]


@functools.cache
def loaded(path: Path) -> tuple[FigureRecord, Mechanism]:
    record = load_record(path)
    return record, build_mechanism(record)


@functools.cache
def exported(path: Path, fmt: str) -> str:
    record, mechanism = loaded(path)
    return FORMATS[fmt].write(record, mechanism)


def read_tsv(text: str) -> list[list[str]]:
    """Rows as Python's csv module reads a tab-separated file."""
    return list(csv.reader(io.StringIO(text, newline=""), delimiter="\t"))


def read_gmt(text: str) -> list[tuple[str, str, list[str]]]:
    """A small, strict GMT reader: name, description, then NCBI Gene ids, tab-separated."""
    assert text.endswith("\n") or text == ""
    sets = []
    for number, line in enumerate(text.split("\n")[:-1], start=1):
        fields = line.split("\t")
        assert len(fields) >= 2, f"line {number}: a gene set needs a name and a description"
        name, description, genes = fields[0], fields[1], fields[2:]
        assert name and name == name.strip(), f"line {number}: bad name {name!r}"
        assert description, f"line {number}: empty description"
        assert all(g.isdigit() and not g.startswith("0") for g in genes), f"line {number}"
        assert len(set(genes)) == len(genes), f"line {number}: a gene is listed twice"
        assert "\r" not in line, f"line {number}: carriage return"
        sets.append((name, description, genes))
    return sets


def read_sif(text: str) -> list[list[str]]:
    """SIF lines: ``source<TAB>type<TAB>target`` or a lone node; checks every line's shape."""
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        fields = line.split("\t")
        assert len(fields) in (1, 3), f"line {number}: {line!r}"
        assert all(f and f == f.strip() for f in fields), f"line {number}: empty field"
        rows.append(fields)
    return rows
