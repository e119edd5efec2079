"""Gene lists as researchers paste them, and which of a figure's genes a list names.

A list is text: gene symbols, HGNC symbols, OCR words or NCBI Gene ids, in any mix, separated
by new lines, spaces, tabs, commas or semicolons; blank lines are skipped, ``#`` starts a
comment that runs to the end of the line, and surrounding quotes are dropped. Names compare
case-insensitively (``normalise_key``); a name given twice counts once. No Qt here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from viewer.collection.keys import normalise_key
from viewer.record.model import Gene

MAX_LIST_NAMES = 100_000  # a longer "list" is a wrong file, not a gene list
_SEPARATORS = re.compile(r"[\s,;]+")
_QUOTES = "\"'`‘’“”"


class GeneListError(ValueError):
    """Text that cannot be a gene list (too long); the message says why."""


@dataclass(frozen=True)
class GeneList:
    """The distinct names of a list, in the order first given, and how many repeats were dropped."""

    names: tuple[str, ...]
    repeats: int = 0

    def __len__(self) -> int:
        return len(self.names)

    def __bool__(self) -> bool:
        return bool(self.names)


def parse_gene_list(text: str) -> GeneList:
    """The names in ``text`` (see the module docstring); raises ``GeneListError`` when too long."""
    names: dict[str, str] = {}
    repeats = 0
    for line in text.splitlines():
        line = line.split("#", 1)[0]
        for part in _SEPARATORS.split(line):
            name = part.strip(_QUOTES)
            if not name:
                continue
            key = normalise_key(name)
            if key in names:
                repeats += 1
                continue
            names[key] = name
            if len(names) > MAX_LIST_NAMES:
                raise GeneListError(
                    f"more than {MAX_LIST_NAMES:,} names: this does not look like a gene list"
                )
    return GeneList(tuple(names.values()), repeats)


def gene_keys(gene: Gene) -> set[str]:
    """The case-folded names a gene answers to: OCR word, symbols, NCBI Gene id."""
    return {normalise_key(v) for v in (gene.word, gene.symbol, gene.hgnc_symbol, gene.entrez) if v}


@dataclass(frozen=True)
class RecordMatch:
    """Which genes of one figure a list names: their NCBI Gene ids, and the names not found."""

    entrez: frozenset[str]
    found: tuple[str, ...]
    missing: tuple[str, ...]


def match_record_genes(genes: Iterable[Gene], names: Iterable[str]) -> RecordMatch:
    """The figure genes that one of ``names`` names (by word, symbol, HGNC symbol or id)."""
    by_key: dict[str, set[str]] = {}
    for gene in genes:
        for key in gene_keys(gene):
            by_key.setdefault(key, set()).add(gene.entrez)
    entrez: set[str] = set()
    found: list[str] = []
    missing: list[str] = []
    for name in names:
        ids = by_key.get(normalise_key(name))
        if ids:
            entrez |= ids
            found.append(name)
        else:
            missing.append(name)
    return RecordMatch(frozenset(entrez), tuple(found), tuple(missing))
