"""The ``index``, ``search`` and ``enrich`` subcommands of ``pathway-viewer`` (headless, no Qt).

``viewer.cli`` registers them with ``add_commands``; they live here, beside the index they
drive, so that the command line and the GUI share one implementation.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from viewer.collection.query import QueryError

if TYPE_CHECKING:
    from viewer.collection.index import Collection, RefreshSummary

INTERRUPTED = "interrupted: the index keeps what was done; run again to finish"
SEARCH_HELP = (
    'Free words and "quoted phrases" search titles and captions; also gene:STAT3, '
    'organism:"Homo sapiens", year:2006 or year:2000..2010, pmcid:PMC123, chemical:..., '
    "disease:...; terms must all match (AND), 'OR' between terms matches either, a leading "
    "'-' excludes. A query that starts with '-' needs '--' before it, and the options before "
    "the paths: pathway-viewer search --limit 5 PATH -- -gene:TP53"
)


class _Meter:
    """Progress on stderr, only when it is a terminal, at most ten times a second."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.live = stream.isatty()
        self.shown = 0.0
        self.dirty = False

    def __call__(self, progress: object) -> None:
        if not self.live:
            return
        now = time.monotonic()
        done, total = getattr(progress, "done", 0), getattr(progress, "total", 0)
        if now - self.shown < 0.1 and done != total:
            return
        self.shown = now
        if getattr(progress, "phase", "") == "scan":
            text = "looking for records…"
        else:
            text = f"indexing {done:,} of {total:,} files"
        self.stream.write(f"\r\x1b[K{text}")
        self.stream.flush()
        self.dirty = True

    def clear(self) -> None:
        if self.dirty:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.dirty = False


def _missing(paths: Sequence[str]) -> bool:
    """Report paths that do not exist; true if there was one."""
    missing = [p for p in paths if not os.path.exists(p)]
    for path in missing:
        print(f"{path}: error: no such file or folder", file=sys.stderr)
    return bool(missing)


def _open_and_refresh(
    paths: Sequence[str], cache_dir: str | None
) -> tuple[Collection, RefreshSummary]:
    """Open the collection of ``paths`` and refresh it, showing progress on a terminal."""
    from viewer.collection.index import Collection

    collection = Collection(paths, cache_dir)
    meter = _Meter(sys.stderr)
    try:
        summary = collection.refresh(progress=meter)
    except BaseException:
        meter.clear()
        collection.close()
        raise
    meter.clear()
    return collection, summary


def run_index(args: argparse.Namespace) -> int:
    """``pathway-viewer index PATH...``: build or refresh the index, then list its problems."""
    if _missing(args.paths):
        return 1
    try:
        collection, summary = _open_and_refresh(args.paths, args.cache_dir)
    except KeyboardInterrupt:
        print(INTERRUPTED, file=sys.stderr)
        return 130
    except (OSError, sqlite3.Error) as exc:
        print(f"error: cannot keep the index: {exc}", file=sys.stderr)
        return 1
    with collection:
        for problem in collection.problems():
            print(problem)
    print(summary, file=sys.stderr)
    return 0


def run_search(args: argparse.Namespace) -> int:
    """``pathway-viewer search PATH... QUERY``: figure ids best first, or JSON lines."""
    from viewer.collection.query import parse_query

    if len(args.terms) < 2:
        print("error: search needs at least one PATH and then the QUERY", file=sys.stderr)
        return 2
    *paths, query = args.terms
    try:
        parse_query(query)  # a bad query is reported before any indexing
    except QueryError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.limit is not None and args.limit < 0:
        print("error: --limit must be 0 or more", file=sys.stderr)
        return 2
    if _missing(paths):
        return 1
    try:
        collection, _summary = _open_and_refresh(paths, args.cache_dir)
    except KeyboardInterrupt:
        print(INTERRUPTED, file=sys.stderr)
        return 130
    except (OSError, sqlite3.Error) as exc:
        print(f"error: cannot keep the index: {exc}", file=sys.stderr)
        return 1
    with collection:
        try:
            hits = collection.search(query, limit=args.limit)
        except QueryError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    out = sys.stdout
    for hit in hits:
        if args.json:
            record = {
                "figid": hit.figid,
                "figtitle": hit.figtitle,
                "year": hit.year,
                "score": round(hit.score, 4),
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            out.write(hit.figid + "\n")
    return 0


def _read_gene_list(source: str) -> str:
    """The text of ``--genes``: a file, or standard input for ``-``."""
    if source == "-":
        return sys.stdin.read()
    with open(source, encoding="utf-8-sig", errors="replace") as handle:
        return handle.read()


def run_enrich(args: argparse.Namespace) -> int:
    """``pathway-viewer enrich PATH... --genes FILE``: figures ranked by over-representation."""
    from viewer.collection.enrich import EnrichmentError, enrich
    from viewer.genelist import GeneListError, parse_gene_list

    for name, value, least in (
        ("--min-size", args.min_size, 1),
        ("--background", args.background, 1),
        ("--limit", args.limit, 0),
    ):
        if value is not None and value < least:
            print(f"error: {name} must be {least} or more", file=sys.stderr)
            return 2
    try:
        gene_list = parse_gene_list(_read_gene_list(args.genes))
    except OSError as exc:
        print(
            f"{args.genes}: error: cannot read the gene list: {exc.strerror or exc}",
            file=sys.stderr,
        )
        return 1
    except GeneListError as exc:
        print(f"{args.genes}: error: {exc}", file=sys.stderr)
        return 2
    if not gene_list:
        print(f"{args.genes}: error: the gene list holds no gene names", file=sys.stderr)
        return 2
    if _missing(args.paths):
        return 1
    try:
        collection, _summary = _open_and_refresh(args.paths, args.cache_dir)
    except KeyboardInterrupt:
        print(INTERRUPTED, file=sys.stderr)
        return 130
    except (OSError, sqlite3.Error) as exc:
        print(f"error: cannot keep the index: {exc}", file=sys.stderr)
        return 1
    with collection:
        try:
            result = enrich(
                collection,
                gene_list.names,
                organism=args.organism,
                min_size=args.min_size,
                background=args.background,
            )
        except EnrichmentError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    unknown = result.resolution.unknown
    if unknown:
        shown = ", ".join(unknown[:20]) + (
            f" and {len(unknown) - 20} more" if len(unknown) > 20 else ""
        )
        print(
            f"not found among {result.organism} genes of the collection: {shown}", file=sys.stderr
        )
    print(
        f"{result.list_size} of the list's genes in a background of {result.background:,}; "
        f"{result.tested:,} figures with at least {result.min_size} genes tested, "
        f"{len(result.matches):,} share genes with the list",
        file=sys.stderr,
    )
    sys.stdout.write("\n".join(result.tsv_lines(args.limit)) + "\n")
    return 0


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``index``, ``search`` and ``enrich`` to the subcommand parsers of ``pathway-viewer``."""
    cache_help = "folder for the index (default: the user cache folder, or PATHWAY_VIEWER_CACHE)"
    index = commands.add_parser(
        "index",
        help="build or refresh the index of folders of records",
        description="Index records (files, or folders searched recursively) for search. "
        "Unchanged files are not read again. Files that cannot be read are listed as "
        "'path:line: message'.",
    )
    index.add_argument("paths", nargs="+", metavar="PATH")
    index.add_argument("--cache-dir", metavar="DIR", help=cache_help)
    index.set_defaults(run=run_index)
    search = commands.add_parser(
        "search",
        help="search folders of records",
        description="Search records (indexing or refreshing the index first) and print one "
        "figure id a line, best first. " + SEARCH_HELP,
        usage="pathway-viewer search PATH... QUERY [--limit N] [--json] [--cache-dir DIR]",
    )
    search.add_argument("terms", nargs="+", metavar="PATH... QUERY")
    search.add_argument("--limit", type=int, metavar="N", help="print at most N figures")
    search.add_argument(
        "--json", action="store_true", help="one JSON object a line: figid, figtitle, year, score"
    )
    search.add_argument("--cache-dir", metavar="DIR", help=cache_help)
    search.set_defaults(run=run_search)
    enrich = commands.add_parser(
        "enrich",
        help="rank the figures of folders of records by over-representation of a gene list",
        description="Index records (as 'index' does), then rank the figures by how "
        "over-represented the genes of a list are in them: one-sided hypergeometric test "
        "against the collection's genes of one organism, Benjamini-Hochberg adjusted. Prints "
        "a TSV table, best first: figid, figtitle, overlap, size, p_value, adjusted_p, "
        "odds_ratio, genes. Names not found go to stderr. The list holds gene symbols, OCR "
        "words or NCBI Gene ids separated by new lines, spaces, tabs, commas or semicolons; "
        "'#' starts a comment.",
    )
    enrich.add_argument("paths", nargs="+", metavar="PATH")
    enrich.add_argument(
        "--genes", required=True, metavar="FILE", help="the gene list: a file, or - for stdin"
    )
    enrich.add_argument(
        "--organism",
        default="Homo sapiens",
        help="compare genes of this organism (default: Homo sapiens)",
    )
    enrich.add_argument(
        "--min-size",
        type=int,
        default=3,
        metavar="N",
        help="leave out figures with fewer than N genes of the organism (default: 3)",
    )
    enrich.add_argument(
        "--background",
        type=int,
        metavar="N",
        help="background size (default: the number of the organism's genes in the collection)",
    )
    enrich.add_argument("--limit", type=int, metavar="N", help="print at most N figures")
    enrich.add_argument("--cache-dir", metavar="DIR", help=cache_help)
    enrich.set_defaults(run=run_enrich)
