"""A slow, obvious search over loaded records: what the index's answers are checked against.

It evaluates the parsed query tree of ``viewer.collection.query`` against ``FigureRecord``
values read with ``load_record``, spelling out each rule of the search language again
(independently of the SQL the index runs).
"""

from __future__ import annotations

import functools
import re
import shutil
import unicodedata
from pathlib import Path

from corpus import FIGURES, TABLES

from viewer.collection.keys import normalise_key, pmcid_key
from viewer.collection.query import And, Key, Node, Not, Or, Text, Year
from viewer.record import FigureRecord

_TOKEN = re.compile(r"[^\W_]+")


@functools.cache
def tokens(text: str | None) -> list[str]:
    """Words as SQLite's unicode61 tokenizer sees them: letters and digits, lower case, plain."""
    if not text:
        return []
    decomposed = unicodedata.normalize("NFD", text.lower())
    plain = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return _TOKEN.findall(plain)


def _phrase_in(words: list[str], phrase: list[str], prefix: bool) -> bool:
    n = len(phrase)
    for start in range(len(words) - n + 1):
        window = words[start : start + n]
        if window[:-1] == phrase[:-1] and (
            window[-1].startswith(phrase[-1]) if prefix else window[-1] == phrase[-1]
        ):
            return True
    return False


def text_matches(record: FigureRecord, node: Text) -> bool:
    """A word, phrase or prefix in one of the title, caption and paper title."""
    phrase = tokens(node.phrase)
    columns = (record.figtitle, record.caption, record.papertitle)
    return any(_phrase_in(tokens(c), phrase, node.prefix) for c in columns)


def record_keys(record: FigureRecord, kind: str) -> set[str]:
    """The normalised keys a record answers to for one field."""
    values: list[str | None] = []
    if kind == "g":
        values = [v for g in record.genes for v in (g.word, g.symbol, g.hgnc_symbol, g.entrez)]
    elif kind in ("c", "d"):
        mentions = record.chemicals if kind == "c" else record.diseases
        for m in mentions:
            values += [m.word, m.identifier, m.name, *m.other_ids]
            if m.source and m.identifier:
                values.append(f"{m.source}:{m.identifier}")
    elif kind == "o":
        values = list(record.own_organisms)
    elif kind == "p":
        values = [pmcid_key(record.pmcid)] if record.pmcid else []
    return {normalise_key(v) for v in values if v and v.strip()}


def matches(record: FigureRecord, node: Node | None) -> bool:
    """Whether a record matches a parsed query (``None`` matches everything)."""
    if node is None:
        return True
    if isinstance(node, Text):
        return text_matches(record, node)
    if isinstance(node, Key):
        return normalise_key(node.value) in record_keys(record, node.kind)
    if isinstance(node, Year):
        if record.year is None:
            return False
        low = node.low if node.low is not None else -(10**9)
        high = node.high if node.high is not None else 10**9
        return low <= record.year <= high
    if isinstance(node, And):
        return all(matches(record, p) for p in node.parts)
    if isinstance(node, Or):
        return any(matches(record, p) for p in node.parts)
    if isinstance(node, Not):
        return not matches(record, node.part)
    raise AssertionError(node)


def positive_keys(node: Node | None) -> set[Key]:
    """The distinct ``gene:``, ``chemical:`` and ``disease:`` terms not under an exclusion."""
    if isinstance(node, Key):
        return {node} if node.kind in "gcd" else set()
    if isinstance(node, (And, Or)):
        return set().union(*(positive_keys(p) for p in node.parts))
    return set()


def ranked_count(record: FigureRecord, node: Node | None) -> int:
    """How many of the query's ranking terms (``positive_keys``) the record contains."""
    return sum(matches(record, key) for key in positive_keys(node))


def copy_records(target: Path, names: list[str]) -> list[Path]:
    """Copy corpus records (and their side tables) into ``target`` laid out as PFOCR does."""
    figures, data = target / "_figures", target / "_data"
    figures.mkdir(parents=True, exist_ok=True)
    data.mkdir(exist_ok=True)
    copied = []
    for name in names:
        source = FIGURES / name
        shutil.copy2(source, figures / name)
        copied.append(figures / name)
        for table in TABLES.glob(f"{source.stem}-*.tsv"):
            shutil.copy2(table, data / table.name)
    return copied
