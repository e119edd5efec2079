"""A collection: a set of folders and files of records, indexed in SQLite for listing and search.

``Collection(paths)`` opens (or creates) the index of those paths in the cache folder;
``refresh()`` (or the generator ``iter_refresh()``, for a worker thread) brings it up to date;
``count``, ``page``, ``search`` and ``results`` read it. Nothing here imports Qt.

How it stays fast and right:

- Refreshing is incremental. A file whose size and modification time are unchanged is not read
  again (nor is a record whose side tables are unchanged); changed files are read again, and
  deleted ones leave the index. A rename is a deletion and an addition.
- Files are read in worker processes (one per core), in chunks, and come back as small tuples
  (``viewer.collection.extract``); the index is written in batches, one transaction each, so a
  cancelled or interrupted refresh leaves a consistent index that the next refresh completes.
- The database holds only what lists and searches need: one row per figure, FTS5 tables for
  the text and for exact keys (genes, chemicals, diseases, organisms, PMC ids), and the gene,
  chemical and disease rows themselves for later analyses (as JSON lists, one table row per
  figure, with views that show them as rows). Full records are read from their files when
  shown.
- A database that is not ours, is damaged, or has another schema version is deleted and built
  again (it is only a cache).
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import sqlite3
import threading
import time
from array import array
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from viewer.collection import postings
from viewer.collection.cache import database_path, resolve_roots
from viewer.collection.extract import Job, Outcome, Reader, read_chunk, start_worker
from viewer.collection.query import QueryError, compile_query, parse_query
from viewer.collection.walk import TABLE_SUFFIXES, scan_roots

SCHEMA_VERSION = 6
APPLICATION_ID = 0x50465643  # "PFVC": marks the file as a Pathway Figure Viewer collection
TABLE_SHIFT = 4  # side_tables rows: rowid = figure id << 4 | n (a record has at most 3)
ORGANISM_SHIFT = 6  # gene_sets rows: rowid = figure id << 6 | n (n: one of its organisms)
CHUNK = 64  # files per task sent to a worker process
BATCH = 5000  # records per transaction while indexing…
BATCH_SECONDS = 1.0  # …or fewer, so that a reader sees new records at least this often
SERIAL_LIMIT = 400  # below this many files to read, worker processes cost more than they save

KIND_RECORD, KIND_PROBLEM, KIND_OTHER = 0, 1, 2

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE files (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    kind INTEGER NOT NULL
);
CREATE TABLE figures (
    id INTEGER PRIMARY KEY,
    figid TEXT NOT NULL,
    figtitle TEXT,
    papertitle TEXT,
    year INTEGER,
    pmcid TEXT,
    organisms TEXT NOT NULL,
    gene_count INTEGER NOT NULL,
    gene_matches INTEGER NOT NULL,
    title_key TEXT NOT NULL,
    organism_key TEXT NOT NULL,
    layout TEXT NOT NULL
);
-- A figure's genes, chemicals and diseases: JSON lists of rows, one table row per figure
-- (one insert instead of dozens); the views below show them as ordinary rows.
CREATE TABLE lists (
    figure INTEGER PRIMARY KEY, genes TEXT NOT NULL, chemicals TEXT NOT NULL, diseases TEXT NOT NULL
);
-- The side tables a record was read with, to notice when they change: rowid = figure << 4 | n.
CREATE TABLE side_tables (
    figure INTEGER NOT NULL, path TEXT NOT NULL, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL
);
-- For enrichment (viewer.collection.enrich):
-- * gene_sets: a figure's distinct NCBI Gene ids per organism, as sorted int64 array bytes,
--   and how many (rowid = figure << 6 | n);
-- * gene_postings: the figures of each gene, in blocks (viewer.collection.postings), so that
--   a gene list is looked up gene by gene instead of figure by figure;
-- * gene_names: the names (ids, symbols, OCR words; case-folded) that lead to each gene, best
--   rank first (viewer.collection.extract.gene_name_rows). A refresh that removes figures
--   drops the names of genes no figure has any more.
CREATE TABLE gene_sets (
    figure INTEGER NOT NULL, organism TEXT NOT NULL, size INTEGER NOT NULL, ids BLOB NOT NULL
);
CREATE INDEX gene_sets_organism ON gene_sets (organism, size, figure);
CREATE TABLE gene_names (
    organism TEXT NOT NULL, name TEXT NOT NULL, rank INTEGER NOT NULL, entrez INTEGER NOT NULL,
    symbol TEXT NOT NULL, PRIMARY KEY (organism, name, entrez)
) WITHOUT ROWID;
CREATE TABLE problems (file INTEGER PRIMARY KEY, line INTEGER, message TEXT NOT NULL);
CREATE TABLE folder_problems (path TEXT NOT NULL, message TEXT NOT NULL);
-- Full-text search: the words of the title, caption and paper title, and in ``keys`` one
-- token per exact key (gene symbols and ids, chemicals, diseases, organisms, the PMC id; see
-- viewer.collection.keys), so that one FTS5 lookup intersects words and genes.
CREATE VIRTUAL TABLE search USING fts5 (
    figtitle, caption, papertitle, keys, tokenize = 'unicode61 remove_diacritics 2'
);
"""
# Indexes for sorting and looking up figures. A refresh that adds many figures drops them and
# makes them again at the end, which costs less than keeping them up to date row by row.
# Each index holds the whole order a list sorts by (column, then figure id, then the rowid that
# every index entry ends with), so that listing 100,000 figures in any order reads an index
# instead of sorting.
_FIGURE_INDEXES = {
    "figures_figid": "figid",
    "figures_title": "title_key, figid",
    "figures_year": "year, figid",
    "figures_organism": "organism_key, figid",
    "figures_gene_count": "gene_count, figid",
}
BULK = 2000  # a refresh reading at least this many files, more than are indexed, goes in bulk


def _create_indexes(conn: sqlite3.Connection) -> None:
    for name, column in _FIGURE_INDEXES.items():
        conn.execute(f"CREATE INDEX IF NOT EXISTS {name} ON figures ({column})")


def _drop_indexes(conn: sqlite3.Connection) -> None:
    for name in _FIGURE_INDEXES:
        conn.execute(f"DROP INDEX IF EXISTS {name}")


# Views of the JSON lists as rows, for SQL analyses; they need SQLite's JSON functions, which
# nearly every build has (without them the index works, minus these views).
LIST_COLUMNS = {
    "genes": ("word", "symbol", "hgnc_symbol", "entrez", "organism", "taxon"),
    "chemicals": ("word", "source", "identifier", "name"),
    "diseases": ("word", "source", "identifier", "name"),
}
_VIEWS = "".join(
    f"CREATE VIEW {name} AS SELECT l.figure AS figure, "
    + ", ".join(f"json_extract(x.value, '$[{n}]') AS {c}" for n, c in enumerate(columns))
    + f" FROM lists l, json_each(l.{name}) x;\n"
    for name, columns in LIST_COLUMNS.items()
)

# Sort keys for lists: column expression on figures f (ties are broken by figid, then id).
SORTS = {
    "score": "score",
    "id": "f.figid",
    "title": "f.title_key",
    "year": "f.year",
    "organism": "f.organism_key",
    "genes": "f.gene_count",
    # The order files were indexed in (their paths'): needs no sort, even while a bulk refresh
    # has dropped the other indexes, so a list refreshed during indexing costs little.
    "indexed": "f.id",
}
_ROW_COLUMNS = (
    "f.id, f.figid, f.figtitle, f.papertitle, f.year, f.pmcid, f.organisms, f.gene_count, "
    "(SELECT path FROM files WHERE files.id = f.id)"
)


class CancelFlag(Protocol):
    """Anything with ``is_set()``, such as a ``threading.Event``."""

    def is_set(self) -> bool:
        """Whether the work should stop."""
        ...


class Row(NamedTuple):
    """One figure as a list shows it."""

    id: int
    figid: str
    figtitle: str | None
    papertitle: str | None
    year: int | None
    pmcid: str | None
    organisms: str
    gene_count: int
    path: str
    score: float = 0.0

    @property
    def title(self) -> str:
        """The title to show: the figure title, else the figure id."""
        return self.figtitle or self.figid


class Hit(NamedTuple):
    """One search result, as ``pathway-viewer search`` prints it."""

    figid: str
    figtitle: str | None
    year: int | None
    score: float


class Problem(NamedTuple):
    """A file or folder that could not be indexed, and why (``line`` is 1-based or ``None``)."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Progress:
    """How far a refresh is: ``phase`` is ``scan`` (walking the folders) or ``index``."""

    phase: str
    done: int
    total: int


@dataclass(frozen=True)
class RefreshSummary:
    """What a refresh did, and the state of the index after it."""

    added: int
    updated: int
    removed: int
    unchanged: int
    read: int
    records: int
    problems: int
    cancelled: bool
    seconds: float

    def __str__(self) -> str:
        text = (
            f"{self.records} records indexed, {self.problems} problems "
            f"({self.added} added, {self.updated} updated, {self.removed} removed, "
            f"{self.unchanged} unchanged) in {self.seconds:.1f} s"
        )
        return text + (" (cancelled: run again to finish)" if self.cancelled else "")


class ResultSet:
    """The figures matching a query, in list order: a snapshot that a list model can page through.

    Only the figure ids (8 bytes each) are held; rows are read from the index on demand.
    """

    def __init__(self, collection: Collection, ids: array, scores: array) -> None:
        self._collection = collection
        self._ids = ids
        self._scores = scores
        self._positions: dict[int, int] | None = None

    def __len__(self) -> int:
        return len(self._ids)

    def id_at(self, position: int) -> int:
        """The figure id at a position of the list."""
        return self._ids[position]

    def position(self, figure_id: int) -> int | None:
        """Where a figure is in the list, or ``None``."""
        if self._positions is None:
            self._positions = {figure_id: n for n, figure_id in enumerate(self._ids)}
        return self._positions.get(figure_id)

    def rows(self, offset: int, limit: int) -> list[Row | None]:
        """The rows at positions ``offset`` to ``offset + limit - 1``, one per position.

        A position whose figure left the index since the snapshot (a refresh removed its file)
        holds ``None``.
        """
        ids = self._ids[offset : offset + max(0, limit)]
        scores = self._scores[offset : offset + max(0, limit)]
        rows = self._collection.rows(ids)
        return [
            rows[i]._replace(score=s) if i in rows else None
            for i, s in zip(ids, scores, strict=True)
        ]

    def path(self, position: int) -> Path:
        """The record file of the figure at ``position``."""
        return self._collection.path(self._ids[position])

    @property
    def last_id(self) -> int:
        """The largest figure id in the list (0 when empty)."""
        return max(self._ids, default=0)

    def extended(self, ids: array) -> ResultSet:
        """This list with ``ids`` added at the end (unscored)."""
        return ResultSet(
            self._collection, self._ids + ids, self._scores + array("d", bytes(8 * len(ids)))
        )


def default_workers() -> int:
    """How many processes read files: one per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA temp_store = MEMORY")
    return conn


def _remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            os.remove(f"{path}{suffix}")


def _roots_text(roots: Sequence[Path]) -> str:
    return json.dumps([str(r) for r in roots])


def _schema_state(conn: sqlite3.Connection, roots_text: str) -> str:
    """``ours``, ``empty`` or ``foreign`` (anything else: another app's, old, damaged, …)."""
    application_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if application_id == 0 and version == 0:
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        return "empty" if tables == 0 else "foreign"
    if application_id != APPLICATION_ID or version != SCHEMA_VERSION:
        return "foreign"
    row = conn.execute("SELECT value FROM meta WHERE key = 'roots'").fetchone()
    return "ours" if row is not None and row[0] == roots_text else "foreign"


def _open_database(path: Path, roots: Sequence[Path]) -> None:
    """Make sure ``path`` holds an index of ``roots`` in the current schema, rebuilding if not."""
    path.parent.mkdir(parents=True, exist_ok=True)
    roots_text = _roots_text(roots)
    for _attempt in range(3):
        conn = None
        try:
            conn = _connect(path)
            state = _schema_state(conn, roots_text)
            if state == "ours":
                _create_indexes(conn)  # in case a bulk refresh was killed half-way
                return
            if state == "empty":
                conn.execute("BEGIN IMMEDIATE")
                if _schema_state(conn, roots_text) == "empty":  # no one else created it
                    conn.execute("PRAGMA journal_mode = WAL").fetchall()
                    conn.executescript("BEGIN;" + _SCHEMA + postings.SCHEMA + "COMMIT;")
                    _create_indexes(conn)
                    with contextlib.suppress(sqlite3.OperationalError):  # no JSON functions
                        conn.executescript("BEGIN;" + _VIEWS + "COMMIT;")
                    conn.execute("BEGIN")
                    conn.execute(
                        "INSERT INTO meta VALUES ('roots', ?), ('created', ?)",
                        (roots_text, time.strftime("%Y-%m-%dT%H:%M:%S")),
                    )
                    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                    conn.execute("COMMIT")
                else:
                    conn.execute("ROLLBACK")
                continue
        except sqlite3.DatabaseError:
            pass  # damaged, or not a database at all
        finally:
            if conn is not None:
                conn.close()
        _remove_database(path)
    raise sqlite3.DatabaseError(f"cannot create the collection index {path}")


class Collection:
    """The index of a set of folders and files of records.

    Open it with the paths, optionally a ``cache_dir`` (default: ``database_path``'s choice);
    read it from any thread (each thread gets its own connection); ``refresh`` it from one
    thread at a time. ``close()`` (or ``with``) releases the connections.

    Refreshing starts reading processes with the ``spawn`` method: a script that refreshes
    needs the usual ``if __name__ == "__main__":`` guard, and a frozen app
    ``multiprocessing.freeze_support()``; without them the refresh reads in this process.
    """

    def __init__(self, paths: Iterable[str | Path], cache_dir: str | Path | None = None) -> None:
        self.roots = resolve_roots(paths)
        self.database = database_path(self.roots, cache_dir)
        self._lock = threading.Lock()
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        _open_database(self.database, self.roots)

    # --- connections ---------------------------------------------------------------------

    def _reader(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = _connect(self.database)
            conn.execute("PRAGMA query_only = 1")
            self._local.conn = conn
            with self._lock:
                self._connections.append(conn)
        return conn

    def close(self) -> None:
        """Close every connection this object opened."""
        with self._lock:
            connections, self._connections = self._connections, []
        for conn in connections:
            with contextlib.suppress(sqlite3.Error):
                conn.close()
        self._local = threading.local()

    def __enter__(self) -> Collection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- refreshing ----------------------------------------------------------------------

    def refresh(
        self,
        progress: Callable[[Progress], None] | None = None,
        cancel: CancelFlag | None = None,
        workers: int | None = None,
    ) -> RefreshSummary:
        """Bring the index up to date with the files; see ``iter_refresh``."""
        steps = self.iter_refresh(cancel, workers)
        while True:
            try:
                step = next(steps)
            except StopIteration as stop:
                return stop.value
            if progress is not None:
                progress(step)

    def iter_refresh(
        self, cancel: CancelFlag | None = None, workers: int | None = None
    ) -> Generator[Progress, None, RefreshSummary]:
        """Bring the index up to date, yielding ``Progress`` as it goes; returns the summary.

        Records become visible to readers batch by batch. When ``cancel.is_set()`` turns true
        (or the generator is closed) the refresh stops after the current batch; the index stays
        usable and the next refresh reads what was left. ``workers`` is the number of reading
        processes (default: one per core; 1 reads in this process).
        """
        started = time.perf_counter()
        yield Progress("scan", 0, 0)
        scan = scan_roots(self.roots)
        conn = _connect(self.database)
        conn.execute("PRAGMA cache_size = -32768")  # 32 MiB of pages for the writer
        bulk = False
        try:
            plan = _plan(conn, scan)
            del scan  # a path and a stat per file: not needed while reading
            total = len(plan.jobs)
            bulk = total >= BULK and total > _totals(conn)[0]
            if bulk:
                _drop_indexes(conn)
            yield Progress("index", 0, total)
            done = 0
            cancelled = False
            batch: list[Outcome] = []
            last_commit = time.perf_counter()
            chunks = _read(plan.jobs, workers, cancel)
            try:
                for outcomes in chunks:
                    batch += outcomes
                    if len(batch) >= BATCH or time.perf_counter() - last_commit > BATCH_SECONDS:
                        _write(conn, batch, plan)
                        done += len(batch)
                        batch = []
                        last_commit = time.perf_counter()
                        yield Progress("index", done, total)
                    if cancel is not None and cancel.is_set():
                        cancelled = True
                        break
                if batch:
                    _write(conn, batch, plan)
                    done += len(batch)
                    yield Progress("index", done, total)
            finally:
                chunks.close()
            cancelled = cancelled or done < total
            if bulk:
                _create_indexes(conn)
                bulk = False
            if plan.removed or plan.updated:
                _drop_orphan_names(conn)
            conn.execute("PRAGMA optimize")
            records, problems = _totals(conn)
        finally:
            if bulk:  # stopped by an exception: the indexes are still made again
                with contextlib.suppress(sqlite3.Error):
                    _create_indexes(conn)
            conn.close()
        return RefreshSummary(
            added=plan.added,
            updated=plan.updated,
            removed=plan.removed,
            unchanged=plan.unchanged,
            read=done,
            records=records,
            problems=problems,
            cancelled=cancelled,
            seconds=time.perf_counter() - started,
        )

    # --- reading -------------------------------------------------------------------------

    def _execute(self, sql: str, params: Sequence[object] = ()) -> sqlite3.Cursor:
        try:
            return self._reader().execute(sql, params)
        except sqlite3.OperationalError as exc:
            if "fts5" in str(exc):  # a match expression FTS5 refused: say so as a query error
                raise QueryError(f"the search cannot be run: {exc}") from None
            raise

    def count(self, query: str = "") -> int:
        """How many figures match ``query`` (all figures for an empty query)."""
        compiled = compile_query(parse_query(query), with_score=False)
        if compiled.fts_only is not None:  # the full-text lookup alone answers it
            sql, params = "SELECT count(*) FROM search WHERE search MATCH ?", [compiled.fts_only]
        else:
            sql, params = compiled.select("f.id")
            sql = f"SELECT count(*) FROM ({sql})"
        return int(self._execute(sql, params).fetchone()[0])

    @staticmethod
    def _order(sort: str, descending: bool, ranked: bool) -> str:
        """The ORDER BY clause; a score that is the same for every match orders by figure id."""
        if sort not in SORTS:
            raise ValueError(f"unknown sort {sort!r}; one of {', '.join(SORTS)}")
        if sort == "score" and not ranked:
            sort, descending = "id", False
        if sort == "score":  # best first; ties by figure id
            return f"ORDER BY score {'ASC' if descending else 'DESC'}, f.figid, f.id"
        # One direction for every term, so that the sort's index is read forwards or backwards.
        direction = "DESC" if descending else "ASC"
        column = SORTS[sort]
        if column == "f.id":
            return f"ORDER BY f.id {direction}"
        terms = [column] if column == "f.figid" else [column, "f.figid"]
        return "ORDER BY " + ", ".join(f"{term} {direction}" for term in [*terms, "f.id"])

    def page(
        self,
        query: str = "",
        offset: int = 0,
        limit: int = 100,
        sort: str = "score",
        descending: bool = False,
    ) -> list[Row]:
        """Rows ``offset`` to ``offset + limit - 1`` of the figures matching ``query``.

        ``sort`` is one of ``SORTS``: ``score`` (best first; figure id when nothing ranks),
        ``id``, ``title``, ``year``, ``organism`` or ``genes`` (gene count); ``descending``
        reverses it.
        """
        compiled = compile_query(parse_query(query), with_score=sort == "score")
        order = self._order(sort, descending, compiled.ranked)
        sql, params = compiled.select(_ROW_COLUMNS, f"{order} LIMIT ? OFFSET ?")
        cursor = self._execute(sql, [*params, max(0, limit), max(0, offset)])
        return [Row(*row) for row in cursor]

    def search(self, query: str, limit: int | None = None) -> list[Hit]:
        """The figures matching ``query``, best first (then by figure id)."""
        compiled = compile_query(parse_query(query))
        order = self._order("score", False, compiled.ranked)
        tail = order + (" LIMIT ?" if limit is not None else "")
        sql, params = compiled.select("f.figid, f.figtitle, f.year", tail)
        if limit is not None:
            params.append(max(0, limit))
        return [Hit(*row) for row in self._execute(sql, params)]

    def results(self, query: str = "", sort: str = "score", descending: bool = False) -> ResultSet:
        """A snapshot of the figures matching ``query`` in list order (see ``page``)."""
        compiled = compile_query(parse_query(query), with_score=sort == "score")
        order = self._order(sort, descending, compiled.ranked)
        sql, params = compiled.select("f.id", order)
        # One row of text instead of one row per figure: SQLite then sorts and scans in a
        # single step without holding the interpreter lock, so a list refreshed while another
        # thread indexes does not wait for the lock once per figure.
        row = self._execute(
            f"SELECT group_concat(id), group_concat(score) FROM ({sql})", params
        ).fetchone()
        if row is None or row[0] is None:
            return ResultSet(self, array("q"), array("d"))
        ids = array("q", map(int, row[0].split(",")))
        scores = array("d", map(float, row[1].split(",")))
        return ResultSet(self, ids, scores)

    def ids_after(self, figure_id: int) -> array:
        """The ids of the figures indexed after ``figure_id`` (larger ids), in id order.

        What a list in index order (``sort="indexed"``) gains while a refresh adds records.
        """
        row = self._execute(
            "SELECT group_concat(id) FROM (SELECT id FROM figures WHERE id > ? ORDER BY id)",
            (figure_id,),
        ).fetchone()
        return array("q", map(int, row[0].split(","))) if row and row[0] else array("q")

    def rows(self, ids: Sequence[int]) -> dict[int, Row]:
        """The rows of the given figure ids (those still in the index)."""
        found: dict[int, Row] = {}
        ids = list(ids)
        for start in range(0, len(ids), 500):
            part = ids[start : start + 500]
            marks = ",".join("?" * len(part))
            sql = f"SELECT {_ROW_COLUMNS} FROM figures f WHERE f.id IN ({marks})"
            for row in self._execute(sql, part):
                found[row[0]] = Row(*row)
        return found

    def titles(self, ids: Sequence[int]) -> dict[int, tuple[str, str | None]]:
        """``(figid, figtitle)`` of the given figure ids (those still in the index)."""
        found: dict[int, tuple[str, str | None]] = {}
        ids = list(ids)
        if len(ids) > 20_000:  # most of the collection: one pass beats many lookups
            wanted = set(ids)
            for figure, figid, title in self._execute("SELECT id, figid, figtitle FROM figures"):
                if figure in wanted:
                    found[figure] = (figid, title)
            return found
        for start in range(0, len(ids), 500):
            part = ids[start : start + 500]
            marks = ",".join("?" * len(part))
            sql = f"SELECT id, figid, figtitle FROM figures WHERE id IN ({marks})"
            for figure, figid, title in self._execute(sql, part):
                found[figure] = (figid, title)
        return found

    def row(self, figure_id: int) -> Row | None:
        """One figure's row, or ``None`` when it is no longer in the index."""
        return self.rows([figure_id]).get(figure_id)

    def path(self, figure_id: int) -> Path:
        """The record file of a figure (``KeyError`` when it is no longer in the index)."""
        row = self._execute("SELECT path FROM files WHERE id = ?", (figure_id,)).fetchone()
        if row is None:
            raise KeyError(figure_id)
        return Path(row[0])

    def problems(self) -> list[Problem]:
        """Files and folders that could not be indexed, by path."""
        cursor = self._execute(
            "SELECT files.path, problems.line, problems.message FROM problems "
            "JOIN files ON files.id = problems.file "
            "UNION ALL SELECT path, NULL, message FROM folder_problems ORDER BY 1"
        )
        return [Problem(*row) for row in cursor]

    def genes(self, figure_id: int) -> list[tuple[Any, ...]]:
        """A figure's genes as ``(word, symbol, hgnc_symbol, entrez, organism, taxon)`` rows."""
        row = self._execute("SELECT genes FROM lists WHERE figure = ?", (figure_id,)).fetchone()
        return [] if row is None else [tuple(gene) for gene in json.loads(row[0])]

    def gene_sets(self, organism: str | None = None) -> Iterator[tuple[int, frozenset[int]]]:
        """Each figure's set of NCBI Gene ids (of one organism, if given), in figure order.

        Genes of inline-layout records count as Homo sapiens genes (PFOCR matched those
        figures against human genes only). Figures without genes are left out.
        """
        sets = self.gene_id_arrays(organism)
        current, ids = None, set()
        for figure, array_ids in sets:
            if figure != current:
                if ids:
                    yield current, frozenset(ids)  # type: ignore[misc]
                current, ids = figure, set()
            ids.update(array_ids)
        if ids:
            yield current, frozenset(ids)  # type: ignore[misc]

    def gene_id_arrays(self, organism: str | None = None) -> Iterator[tuple[int, array]]:
        """``(figure, ids)`` per figure and organism (one organism, if given), in figure order.

        ``ids`` is the sorted ``array('q')`` of the figure's distinct NCBI Gene ids of that
        organism; a figure with genes of several organisms comes once per organism when
        ``organism`` is ``None``.
        """
        if organism is None:
            cursor = self._execute("SELECT figure, ids FROM gene_sets ORDER BY rowid")
        else:
            cursor = self._execute(
                "SELECT figure, ids FROM gene_sets WHERE organism = ? ORDER BY rowid", (organism,)
            )
        for figure, blob in cursor:
            yield figure, _id_array(blob)

    def gene_organisms(self) -> list[tuple[str, int]]:
        """The organisms of the collection's genes, with how many figures have genes of each."""
        cursor = self._execute(
            "SELECT organism, count(*) FROM gene_sets GROUP BY organism ORDER BY count(*) DESC,"
            " organism"
        )
        return [(organism, count) for organism, count in cursor]

    def gene_set_sizes(self, organism: str, min_size: int = 1) -> list[tuple[int, int]]:
        """``(figure, size)`` of the figures with at least ``min_size`` genes of ``organism``."""
        cursor = self._execute(
            "SELECT figure, size FROM gene_sets WHERE organism = ? AND size >= ?",
            (organism, min_size),
        )
        return cursor.fetchall()

    def gene_count(self, organism: str) -> int:
        """How many distinct genes of ``organism`` the collection's figures hold."""
        row = self._execute(
            "SELECT count(*) FROM (SELECT DISTINCT entrez FROM gene_names WHERE organism = ?) g"
            " WHERE EXISTS (SELECT 1 FROM gene_postings p WHERE p.entrez = g.entrez)",
            (organism,),
        ).fetchone()
        return int(row[0])

    def gene_overlaps(self, entrez_ids: Iterable[int]) -> tuple[dict[int, int], set[int]]:
        """How many of these genes each figure holds, and which of the genes any figure holds.

        Gives ``({figure: count}, {entrez, …})``; figures holding none are left out.
        """
        return postings.count_overlaps(self._execute, entrez_ids)

    def figure_gene_ids(self, figures: Iterable[int], organism: str) -> dict[int, array]:
        """The NCBI Gene ids of ``organism`` that each of these figures holds."""
        found: dict[int, array] = {}
        wanted = set(figures)
        if len(wanted) > 20_000:  # most of the collection: one pass beats many lookups
            cursor = self._execute(
                "SELECT figure, ids FROM gene_sets WHERE organism = ?", (organism,)
            )
            for figure, blob in cursor:
                if figure in wanted:
                    found[figure] = _id_array(blob)
            return found
        for figure in sorted(wanted):  # a figure's rows: rowid figure << 6 | n
            cursor = self._execute(
                "SELECT ids FROM gene_sets WHERE rowid BETWEEN ? AND ? AND organism = ?",
                (figure << ORGANISM_SHIFT, ((figure + 1) << ORGANISM_SHIFT) - 1, organism),
            )
            for (blob,) in cursor:
                found[figure] = _id_array(blob)
        return found

    def gene_names(
        self, organism: str, names: Iterable[str]
    ) -> dict[str, list[tuple[int, int, str]]]:
        """What each name (case-folded, see ``normalise_key``) leads to among one organism's genes.

        Gives ``{name: [(rank, entrez, symbol), …]}`` for the names found, best rank first;
        ranks are those of ``viewer.collection.extract`` (id or official symbol, matched
        symbol, OCR word).
        """
        found: dict[str, list[tuple[int, int, str]]] = {}
        wanted = sorted(set(names))
        for start in range(0, len(wanted), 500):
            part = wanted[start : start + 500]
            marks = ", ".join("?" * len(part))
            cursor = self._execute(
                "SELECT name, rank, entrez, symbol FROM gene_names"
                f" WHERE organism = ? AND name IN ({marks}) ORDER BY name, rank, entrez",
                [organism, *part],
            )
            for name, rank, entrez, symbol in cursor:
                found.setdefault(name, []).append((rank, entrez, symbol))
        return found


def _totals(conn: sqlite3.Connection) -> tuple[int, int]:
    records = conn.execute("SELECT count(*) FROM figures").fetchone()[0]
    problems = conn.execute(
        "SELECT (SELECT count(*) FROM problems) + (SELECT count(*) FROM folder_problems)"
    ).fetchone()[0]
    return records, problems


# --- refresh internals -----------------------------------------------------------------------


@dataclass
class _Plan:
    jobs: list[Job]
    states: dict[str, tuple[int, int, int | None]]  # path → (size, mtime_ns, old id or None)
    added: int
    updated: int
    removed: int
    unchanged: int
    postings: postings.PostingsWriter = field(default_factory=postings.PostingsWriter)


def _delete_figures(conn: sqlite3.Connection, ids: list[int]) -> None:
    """Remove what the index holds about these files, except their ``files`` rows."""
    if not ids:
        return
    single = [(i,) for i in ids]
    conn.executemany("DELETE FROM figures WHERE id = ?", single)
    conn.executemany("DELETE FROM search WHERE rowid = ?", single)
    conn.executemany("DELETE FROM lists WHERE figure = ?", single)
    conn.executemany("DELETE FROM problems WHERE file = ?", single)
    conn.executemany(
        "DELETE FROM side_tables WHERE rowid BETWEEN ? AND ?",
        [(i << TABLE_SHIFT, ((i + 1) << TABLE_SHIFT) - 1) for i in ids],
    )
    ranges = [(i << ORGANISM_SHIFT, ((i + 1) << ORGANISM_SHIFT) - 1) for i in ids]
    held: list[tuple[int, array]] = []
    for low, high in ranges:
        for figure, blob in conn.execute(
            "SELECT figure, ids FROM gene_sets WHERE rowid BETWEEN ? AND ?", (low, high)
        ):
            held.append((figure, _id_array(blob)))
    postings.remove_postings(conn, held)
    conn.executemany("DELETE FROM gene_sets WHERE rowid BETWEEN ? AND ?", ranges)


def _id_array(blob: bytes) -> array:
    """The NCBI Gene ids of a ``gene_sets`` row."""
    ids = array("q")
    ids.frombytes(blob)
    return ids


def _drop_orphan_names(conn: sqlite3.Connection) -> None:
    """Forget the names of genes that no figure has any more (after figures left)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(
            "DELETE FROM gene_names WHERE NOT EXISTS"
            " (SELECT 1 FROM gene_postings p WHERE p.entrez = gene_names.entrez)"
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _changed_tables(
    conn: sqlite3.Connection, unchanged: dict[int, str], scan_tables: set[str]
) -> set[int]:
    """Unchanged records whose side tables changed, vanished, or newly appeared in a root."""
    stale: set[int] = set()
    known: set[str] = set()
    for figure, path, size, mtime_ns in conn.execute(
        "SELECT figure, path, size, mtime_ns FROM side_tables"
    ):
        known.add(path)
        if figure not in unchanged or figure in stale:
            continue
        try:
            info = os.stat(path)
        except OSError:
            stale.add(figure)
            continue
        if info.st_size != size or info.st_mtime_ns != mtime_ns:
            stale.add(figure)
    if not unchanged:
        return stale
    # A table that appeared: its record must be read again. Look its figure id up in batches.
    figids = set()
    for table in scan_tables - known:
        name = os.path.basename(table)
        figids.add(next(name[: -len(s)] for s in TABLE_SUFFIXES if name.endswith(s)))
    figid_list = sorted(figids)
    for start in range(0, len(figid_list), 500):
        part = figid_list[start : start + 500]
        marks = ", ".join("?" * len(part))
        for (figure,) in conn.execute(f"SELECT id FROM figures WHERE figid IN ({marks})", part):
            if figure in unchanged:
                stale.add(figure)
    return stale


def _plan(conn: sqlite3.Connection, scan: Any) -> _Plan:
    """Compare the walk with the index: which files to read, and remove what is gone."""
    # (id, path, size, mtime_ns, kind) by path: this runs for every file on every refresh.
    known: dict[str, tuple[int, str, int, int, int]] = {
        row[1]: row for row in conn.execute("SELECT id, path, size, mtime_ns, kind FROM files")
    }
    jobs: list[Job] = []
    states: dict[str, tuple[int, int, int | None]] = {}
    unchanged: dict[int, str] = {}  # id → path of unchanged records
    added = updated = same = 0
    for path, (size, mtime_ns, sniff) in scan.files.items():
        old = known.pop(path, None)
        if old is None:
            added += 1
        elif old[2] == size and old[3] == mtime_ns:
            same += 1
            if old[4] == KIND_RECORD:
                unchanged[old[0]] = path
            continue
        else:
            updated += 1
        jobs.append((path, sniff))
        states[path] = (size, mtime_ns, None if old is None else old[0])
    for figure in _changed_tables(conn, unchanged, scan.tables):
        path = unchanged[figure]
        size, mtime_ns, sniff = scan.files[path]
        jobs.append((path, sniff))
        states[path] = (size, mtime_ns, figure)
        same -= 1
        updated += 1
    removed = [old[0] for old in known.values()]
    jobs.sort()  # read in path order: ids then follow the folders' order
    conn.execute("BEGIN IMMEDIATE")
    try:
        _delete_figures(conn, removed)
        conn.executemany("DELETE FROM files WHERE id = ?", [(i,) for i in removed])
        conn.execute("DELETE FROM folder_problems")
        conn.executemany("INSERT INTO folder_problems VALUES (?, ?)", scan.problems)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return _Plan(jobs, states, added, updated, len(removed), same)


def _read(
    jobs: list[Job], workers: int | None, cancel: CancelFlag | None
) -> Generator[list[Outcome], None, None]:
    """Read the files, yielding their outcomes chunk by chunk, in order.

    Worker processes are spawned, not forked: the caller may be a GUI with threads, which a
    fork would copy half-way. If they cannot run (a frozen app without ``freeze_support``, a
    script without a ``__main__`` guard, no semaphores), this process reads the rest itself.
    """
    chunks = [jobs[start : start + CHUNK] for start in range(0, len(jobs), CHUNK)]
    count = default_workers() if workers is None else max(1, workers)
    done = 0  # chunks yielded so far
    if count > 1 and len(jobs) >= SERIAL_LIMIT:
        pending: deque[Future[list[Outcome]]] = deque()
        pool = None
        try:
            pool = ProcessPoolExecutor(
                count, mp_context=multiprocessing.get_context("spawn"), initializer=start_worker
            )
            for chunk in chunks[: count * 4]:
                pending.append(pool.submit(read_chunk, chunk))
            submitted = len(pending)
            while pending:
                outcomes = pending.popleft().result()
                if submitted < len(chunks) and (cancel is None or not cancel.is_set()):
                    pending.append(pool.submit(read_chunk, chunks[submitted]))
                    submitted += 1
                done += 1
                yield outcomes
            return
        except (BrokenProcessPool, OSError, RuntimeError):
            pass  # read the chunks not yet yielded here, below
        finally:
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
    reader = Reader()
    for chunk in chunks[done:]:
        if cancel is not None and cancel.is_set():
            return
        yield reader.outcomes(chunk)


def _write(conn: sqlite3.Connection, outcomes: list[Outcome], plan: _Plan) -> None:
    """Store a batch of outcomes in one transaction."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        next_id = conn.execute("SELECT IFNULL(max(id), 0) + 1 FROM files").fetchone()[0]
        replaced: list[int] = []
        files: list[tuple[Any, ...]] = []
        figures: list[tuple[Any, ...]] = []
        texts: list[tuple[Any, ...]] = []
        problems: list[tuple[int, int | None, str]] = []
        lists: list[tuple[Any, ...]] = []
        tables: list[tuple[Any, ...]] = []
        gene_sets: list[tuple[Any, ...]] = []
        gene_names: list[tuple[Any, ...]] = []
        held: list[tuple[int, array]] = []  # (figure, NCBI Gene ids) for gene_postings
        for outcome in outcomes:
            kind, path = outcome[0], outcome[1]
            size, mtime_ns, file_id = plan.states[path]
            if file_id is None:
                file_id, next_id = next_id, next_id + 1
            else:
                replaced.append(file_id)
            if kind == "r":
                file_kind = KIND_RECORD
                figures.append((file_id, *outcome[2]))
                texts.append((file_id, *outcome[3], outcome[4]))
                lists.append((file_id, *outcome[5]))
                base = file_id << TABLE_SHIFT
                tables += [(base + n, file_id, *state) for n, state in enumerate(outcome[6][:15])]
                base = file_id << ORGANISM_SHIFT
                limit = (1 << ORGANISM_SHIFT) - 1
                for n, (organism, blob) in enumerate(outcome[7][:limit]):
                    ids = _id_array(blob)
                    gene_sets.append((base + n, file_id, organism, len(ids), blob))
                    held.append((file_id, ids))
                gene_names += outcome[8]
            elif kind == "p":
                file_kind = KIND_PROBLEM
                problems.append((file_id, outcome[2], outcome[3]))
            else:
                file_kind = KIND_OTHER
            files.append((file_id, path, size, mtime_ns, file_kind))
        _delete_figures(conn, replaced)
        conn.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?)", files)
        conn.executemany(f"INSERT INTO figures VALUES ({', '.join('?' * 12)})", figures)
        conn.executemany(
            "INSERT INTO search (rowid, figtitle, caption, papertitle, keys)"
            " VALUES (?, ?, ?, ?, ?)",
            texts,
        )
        conn.executemany("INSERT INTO lists VALUES (?, ?, ?, ?)", lists)
        conn.executemany(
            "INSERT INTO side_tables (rowid, figure, path, size, mtime_ns) VALUES (?, ?, ?, ?, ?)",
            tables,
        )
        last = conn.execute("SELECT max(rowid) FROM gene_sets").fetchone()[0]
        conn.executemany(
            "INSERT INTO gene_sets (rowid, figure, organism, size, ids) VALUES (?, ?, ?, ?, ?)",
            gene_sets,
        )
        plan.postings.add(conn, held, -1 if last is None else last >> ORGANISM_SHIFT)
        conn.executemany(
            "INSERT INTO gene_names VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE"
            " SET rank = min(rank, excluded.rank)",
            gene_names,
        )
        conn.executemany("INSERT INTO problems VALUES (?, ?, ?)", problems)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
