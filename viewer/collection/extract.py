"""Turn record files into the small plain tuples the index stores (this runs in worker processes).

Each file becomes one tuple, cheap to send between processes:

- ``("r", path, figure, text, keys, lists, tables, gene_sets, gene_names)`` for a record (see
  ``record_outcome``);
- ``("p", path, line, message)`` for a file that cannot be read as one;
- ``("o", path)`` for a file in a folder that turned out not to be a record at all.

Reading takes a fast path (``skim``) when it can and ``load_record`` otherwise, and both give
the same values: the index never disagrees with what the viewer shows when a record is opened.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import stat
from array import array
from collections.abc import Iterable, Mapping, Sequence
from operator import itemgetter
from pathlib import Path
from typing import Any, NamedTuple

from viewer.collection.keys import (
    CHEMICAL,
    DISEASE,
    GENE,
    ORGANISM,
    PMCID,
    key_token,
    key_tokens,
    normalise_key,
    pmcid_key,
)
from viewer.collection.skim import LIST_FIELDS, front_matter_text, skim_front_matter
from viewer.record.discover import looks_like_record
from viewer.record.errors import RecordError
from viewer.record.frontmatter import MAX_RECORD_BYTES
from viewer.record.model import FigureRecord, Gene, Mention
from viewer.record.parse import _Reader, load_record
from viewer.record.tables import (
    CHEMICAL_ID_COLUMNS,
    DISEASE_ID_COLUMNS,
    MAX_TABLE_BYTES,
    TABLE_KINDS,
    find_tables,
    read_mentions,
)
from viewer.record.values import clean_text, entrez_id

# How many entries each cache of repeated values keeps before it starts again: enough for the
# genes and symbols that recur across a collection, little enough to keep a worker small.
CACHE_LIMIT = 20_000
WORKER_NICENESS = 5  # reading processes yield the cores to the interactive process
Job = tuple[str, bool]  # (path, sniff: check the file looks like a record first)
Outcome = tuple[Any, ...]
# A gene as the ``Gene`` fields (word, symbol, source, hgnc_symbol, entrez, organism, taxon).
GeneFields = tuple[str | None, str | None, str | None, str | None, str, str | None, str | None]
_GENE_COLUMNS = ("word", "match", "ncbigene_symbol", "ncbigene_id")
# Raw values of a gene, in ``_gene``'s order: from a side table's columns, from an inline entry.
_TABLE_COLUMNS = (
    "word",
    "match",
    "source",
    "ncbigene_symbol",
    "ncbigene_id",
    "organism_name",
    "organism_id",
)
_INLINE_KEYS = ("word", "symbol", "source", "hgnc_symbol", "entrez")
# The inline layout (PFOCR before 2023) matched every figure against human genes only, and its
# genes carry no organism: for enrichment they are Homo sapiens genes.
INLINE_GENE_ORGANISM = "Homo sapiens"
# How a name leads to a gene, best first: its id or official symbol, the symbol PFOCR matched
# (often an alias), the word read in the figure.
NAME_ID, NAME_MATCH, NAME_WORD = 0, 1, 2
GeneName = tuple[str, str, int, int, str]  # (organism, case-folded name, rank, entrez, symbol)


def gene_fields(genes: Iterable[Gene]) -> list[GeneFields]:
    """The fields of ``Gene`` values, as ``read_gene_table`` returns them."""
    return [
        (g.word, g.symbol, g.source, g.hgnc_symbol, g.entrez, g.organism, g.taxon) for g in genes
    ]


def _gene(
    word: Any, symbol: Any, source: Any, hgnc: Any, entrez: Any, organism: Any, taxon: Any
) -> GeneFields | None:
    """A gene from its raw values by the record layer's rules, or ``None`` when it drops one."""
    gene_id = entrez_id(entrez)
    if gene_id is None:
        return None
    symbol, hgnc = _text(symbol), _text(hgnc)
    if symbol is None and hgnc is None:
        return None
    return (_text(word), symbol, _text(source), hgnc, gene_id, _text(organism), _text(taxon))


def _text(value: Any) -> str | None:
    """``clean_text``, with a value that is not text read as missing (the record layer's way)."""
    try:
        return clean_text(value)
    except TypeError:
        return None


Memo = dict[tuple[Any, ...], "GeneFields | None"]
TableState = tuple[str, int, int]  # a side table's path, size and modification time


def read_gene_table(
    table: Path, memo: Memo | None = None, size: int | None = None
) -> list[GeneFields]:
    """The genes of a side table, exactly as ``viewer.record.tables.read_genes`` reads them.

    Written for speed (no ``Gene`` objects, no mapping a row, ``memo`` remembering rows seen
    in other tables): a split-layout collection spends much of its indexing time here. ``size``
    is the file's size when already known. Warnings are not collected; the index keeps none.
    """
    try:
        if (table.stat().st_size if size is None else size) > MAX_TABLE_BYTES:
            return []
        lines = table.read_bytes().decode("utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    if not lines:
        return []
    header = [name.strip() for name in lines[0].split("\t")]
    width = len(header)
    column = {name: number for number, name in enumerate(header)}
    if any(name not in column for name in _GENE_COLUMNS):
        return []
    # A column the table lacks reads as the empty cell appended to each row.
    missing = any(name not in column for name in _TABLE_COLUMNS)
    pick = itemgetter(*(column.get(name, width) for name in _TABLE_COLUMNS))
    memo = {} if memo is None else memo
    genes: dict[GeneFields, None] = {}
    for line in lines[1:]:
        cells = line.split("\t")
        if len(cells) != width:
            continue  # (a blank line has one cell: only a one-column table could keep it)
        if missing:
            cells.append("")
        raw = pick(cells)
        gene = memo.get(raw, memo)
        if gene is memo:
            if len(memo) > CACHE_LIMIT:
                memo.clear()
            gene = memo[raw] = _gene(*raw)
        if gene is not None:
            genes[gene] = None  # type: ignore[index]
    return list(genes)


def inline_genes(value: Any, memo: Memo | None = None) -> list[GeneFields]:
    """The genes of an inline ``genes:`` list, as ``load_record`` reads them (no warnings)."""
    if not isinstance(value, list):
        return []
    memo = {} if memo is None else memo
    genes: list[GeneFields] = []
    for entry in value:
        if not isinstance(entry, Mapping):
            continue
        raw = tuple(entry.get(name) for name in _INLINE_KEYS)
        try:
            gene = memo.get(raw, memo)
        except TypeError:  # an unhashable value: read it without the memo
            gene = _gene(*raw, None, None)
        if gene is memo:
            gene = memo[raw] = _gene(*raw, None, None)
        if gene is not None:
            genes.append(gene)  # type: ignore[arg-type]
    return genes


class Reader:
    """Reads files for the index, remembering folder listings and repeated values between files.

    One reader serves one refresh: the folder listings it keeps would go stale afterwards.
    """

    def __init__(self) -> None:
        self._listings: dict[str, frozenset[str]] = {}
        self._values: dict[str, str | None] = {}
        self._tokens: dict[Any, Any] = {}
        self._genes: Memo = {}
        self._names_sent: set[GeneFields] = set()  # genes whose names were sent

    def _listing(self, folder: str) -> frozenset[str]:
        names = self._listings.get(folder)
        if names is None:
            try:
                names = frozenset(os.listdir(folder))
            except OSError:
                names = frozenset()
            if len(self._listings) > 4096:
                self._listings.clear()
            self._listings[folder] = names
        return names

    def find_tables(self, record_path: str, figid: str) -> dict[str, TableState]:
        """``viewer.record.tables.find_tables``, answered from cached folder listings.

        Gives each table's path, size and modification time (what tells that it changed).
        """
        if "/" in figid or os.sep in figid or figid in (".", ".."):
            found = find_tables(Path(record_path), figid)
            states = {kind: _state(str(path)) for kind, path in found.items()}
            return {kind: state for kind, state in states.items() if state is not None}
        folder = os.path.dirname(record_path)
        places = (os.path.join(os.path.dirname(folder), "_data"), os.path.join(folder, "_data"))
        tables: dict[str, TableState] = {}
        for kind in TABLE_KINDS:
            name = f"{figid}-{kind}.tsv"
            for place in (*places, folder):
                if name in self._listing(place):
                    state = _state(os.path.join(place, name))
                    if state is not None:
                        tables[kind] = state
                        break
        return tables

    def _skim(self, path: str) -> Parts | None:
        """Read a record the fast way, or return ``None`` to have ``load_record`` do it."""
        try:
            with open(path, "rb") as handle:
                data = handle.read(MAX_RECORD_BYTES + 1)
        except OSError:
            return None
        if len(data) > MAX_RECORD_BYTES:
            return None
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return None
        if "\r" in text or "\x00" in text:
            return None
        yaml_text = front_matter_text(text)
        if yaml_text is None:
            return None
        fields = skim_front_matter(yaml_text, self._values)
        if fields is None:
            return None
        if any(name in fields for name in LIST_FIELDS):
            genes = inline_genes(fields.pop("genes", None), self._genes)
            record = _Reader(fields, path, None).read()
            return Parts(record, genes, record.chemicals, record.diseases)
        record = _Reader(fields, path, None).read()
        tables = self.find_tables(path, record.figid)
        warnings: list[str] = []
        genes, chemicals, diseases = (
            tables.get("genes"),
            tables.get("chemicals"),
            tables.get("diseases"),
        )
        return Parts(
            record,
            [] if genes is None else read_gene_table(Path(genes[0]), self._genes, genes[1]),
            ()
            if chemicals is None
            else read_mentions(Path(chemicals[0]), CHEMICAL_ID_COLUMNS, warnings),
            ()
            if diseases is None
            else read_mentions(Path(diseases[0]), DISEASE_ID_COLUMNS, warnings),
            tuple(tables.values()),
            "split" if tables else "none",
        )

    def read(self, path: str) -> Parts:
        """What the index needs of the record at ``path`` (raises ``RecordError``)."""
        skimmed = self._skim(path)
        if skimmed is not None:
            return skimmed
        record = load_record(path)
        tables = self.find_tables(path, record.figid) if record.layout == "split" else {}
        return Parts(
            record,
            gene_fields(record.genes),
            record.chemicals,
            record.diseases,
            tuple(tables.values()),
            record.layout,
        )

    def outcome(self, path: str, sniff: bool) -> Outcome:
        """The tuple for one file (see the module docstring)."""
        try:
            if sniff and not looks_like_record(Path(path)):
                return ("o", path)
            return record_outcome(path, self.read(path), self._tokens, self._names_sent)
        except RecordError as exc:
            message = exc.message
            if exc.column is not None and exc.line is not None:
                message = f"{message} (column {exc.column})"
            return ("p", path, exc.line, message)
        except Exception as exc:  # a bug must not stop the index; report it with the file
            return ("p", path, None, f"unexpected {type(exc).__name__}: {exc}")

    def outcomes(self, jobs: Iterable[Job]) -> list[Outcome]:
        """The tuples for several files, in order."""
        return [self.outcome(path, sniff) for path, sniff in jobs]


class Parts(NamedTuple):
    """What the index takes from one record.

    ``record`` holds the metadata (its own ``genes`` may be empty for the split layout: the
    genes are in ``genes``); ``tables`` are the side tables read, ``layout`` the record's.
    """

    record: FigureRecord
    genes: Sequence[GeneFields]
    chemicals: Sequence[Mention]
    diseases: Sequence[Mention]
    tables: tuple[TableState, ...] = ()
    layout: str = "inline"


def _mention_keys(mentions: Iterable[Mention]) -> list[str | None]:
    keys: list[str | None] = []
    for m in mentions:
        keys += (m.word, m.identifier, m.name, *m.other_ids)
        if m.source and m.identifier:
            keys.append(f"{m.source}:{m.identifier}")
    return keys


def search_keys(parts: Parts, cache: dict[Any, Any] | None = None) -> set[str]:
    """Every exact-match token a record answers to (``gene:``, ``organism:``, …).

    ``cache`` remembers tokens between records (genes repeat across a collection).
    """
    cache = {} if cache is None else cache
    tokens: set[str] = set()
    for gene in parts.genes:
        known = cache.get(gene)
        if known is None:
            if len(cache) > CACHE_LIMIT:
                cache.clear()
            known = cache[gene] = tuple(key_tokens(GENE, (gene[0], gene[1], gene[3], gene[4])))
        tokens.update(known)
    tokens |= key_tokens(CHEMICAL, _mention_keys(parts.chemicals), cache)
    tokens |= key_tokens(DISEASE, _mention_keys(parts.diseases), cache)
    tokens |= key_tokens(ORGANISM, parts.record.own_organisms, cache)
    if parts.record.pmcid:
        tokens.add(key_token(PMCID, pmcid_key(parts.record.pmcid)))
    return tokens


def _state(path: str) -> TableState | None:
    """A side table's path, size and modification time; ``None`` if it is not a readable file."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (path, info.st_size, info.st_mtime_ns) if stat.S_ISREG(info.st_mode) else None


def _json(rows: Iterable[tuple[Any, ...]], cache: dict[Any, Any]) -> str:
    """Rows as a JSON list (duplicates dropped), each row's text remembered in ``cache``."""
    parts = []
    for row in dict.fromkeys(rows):
        text = cache.get(row)
        if text is None:
            if len(cache) > CACHE_LIMIT:
                cache.clear()
            text = cache[row] = json.dumps(row, ensure_ascii=False, separators=(",", ":"))
        parts.append(text)
    return "[" + ",".join(parts) + "]"


def gene_organism(gene: GeneFields) -> str:
    """The organism a gene belongs to for enrichment (inline genes are human: see above)."""
    return gene[5] or INLINE_GENE_ORGANISM


def gene_set_rows(genes: Iterable[GeneFields]) -> tuple[tuple[str, bytes], ...]:
    """A record's gene sets: per organism, its distinct NCBI Gene ids as sorted int64 bytes."""
    sets: dict[str, set[int]] = {}
    for gene in genes:
        sets.setdefault(gene_organism(gene), set()).add(int(gene[4]))
    return tuple((organism, array("q", sorted(ids)).tobytes()) for organism, ids in sets.items())


def gene_name_rows(
    genes: Iterable[GeneFields], sent: set[GeneFields] | None = None
) -> list[GeneName]:
    """The names that lead to a record's genes, minus those of the genes in ``sent`` (which grows).

    A reading process sends the names of each gene once per refresh; the index keeps them all.
    """
    rows: list[GeneName] = []
    for gene in genes:
        if sent is not None:
            if gene in sent:
                continue
            if len(sent) > 10 * CACHE_LIMIT:
                sent.clear()  # sending names twice costs little; memory does
            sent.add(gene)
        word, symbol, _source, official, entrez = gene[:5]
        organism = gene_organism(gene)
        number = int(entrez)
        shown = official or symbol or entrez
        rows.append((organism, entrez, NAME_ID, number, shown))
        if official:
            rows.append((organism, normalise_key(official), NAME_ID, number, shown))
        if symbol:
            rows.append((organism, normalise_key(symbol), NAME_MATCH, number, shown))
        if word:
            rows.append((organism, normalise_key(word), NAME_WORD, number, shown))
    return rows


def record_outcome(
    path: str,
    parts: Parts,
    cache: dict[Any, Any] | None = None,
    names_sent: set[GeneFields] | None = None,
) -> Outcome:
    """The ``("r", …)`` tuple for a record read from ``path`` (``cache``: see ``search_keys``).

    Genes, chemicals and diseases travel as JSON lists of rows, as the index stores them:
    ``[word, symbol, hgnc_symbol, entrez, organism, taxon]`` (``entrez`` a number) and
    ``[word, source, identifier, name]``; then the gene sets and names of ``gene_set_rows``
    and ``gene_name_rows`` (the names of genes in ``names_sent`` are left out).
    """
    record = parts.record
    cache = {} if cache is None else cache
    rows = cache.setdefault("json rows", {})
    organisms = "; ".join(record.own_organisms)
    figure = (
        record.figid,
        record.figtitle,
        record.papertitle,
        record.year,
        record.pmcid,
        organisms,
        len({g[4] for g in parts.genes}),
        len(parts.genes),
        record.title.casefold(),
        organisms.casefold(),
        parts.layout,
    )
    lists = (
        _json(((g[0], g[1], g[3], int(g[4]), g[5], g[6]) for g in parts.genes), rows),
        _json(((m.word, m.source, m.identifier, m.name) for m in parts.chemicals), rows),
        _json(((m.word, m.source, m.identifier, m.name) for m in parts.diseases), rows),
    )
    return (
        "r",
        path,
        figure,
        (record.figtitle, record.caption, record.papertitle),
        " ".join(sorted(search_keys(parts, cache))),
        lists,
        parts.tables,
        gene_set_rows(parts.genes),
        gene_name_rows(parts.genes, names_sent),
    )


_worker_reader: Reader | None = None


def start_worker() -> None:
    """Pool initializer: a fresh reader for this worker process.

    Ctrl-C is left to the parent, which stops the pool and keeps the index consistent. The
    reader runs at a lower scheduling priority: with one reader per core, the window (or
    shell) that started the indexing must still get a core when it needs one.
    """
    global _worker_reader
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(WORKER_NICENESS)
    _worker_reader = Reader()


def read_chunk(jobs: list[Job]) -> list[Outcome]:
    """Pool task: the outcomes of a chunk of files."""
    if _worker_reader is None:
        start_worker()
    assert _worker_reader is not None
    return _worker_reader.outcomes(jobs)
