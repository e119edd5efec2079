"""Benchmark: index and search a collection of N synthetic records made from the real corpus.

Makes N records (default 100,000) in a temporary folder laid out like the PFOCR database
(``_figures/*.md`` plus ``_data/{figid}-genes.tsv`` and the like), by varying the records bundled
with the tests: new ids, PMC ids and years, a word added to each caption, and some genes left
out and others borrowed from another record (both layouts: inline gene lists and side tables).
Then prints:

- the cold index time beside a bare single-core ``yaml.load(..., CSafeLoader)`` loop over the
  same record files, and their ratio (target at 100,000: ≤ 0.6);
- the warm re-open time (open again and refresh, nothing changed; target ≤ 3% of cold);
- peak memory while indexing (the indexing process and its reading processes, each at its
  peak; target ≤ 500 MB), beside ``getrusage`` maxrss of self and children (which counts a
  spawned child's brief fork of the parent too);
- p50/p95 latency of a gene query, a three-gene query, a text query and a combined query
  (``search(limit=100)`` plus ``count``; target p95 ≤ 50 ms).

The bare loop runs before and after each cold index and its fastest run counts, so that other
load on the machine weighs against the index, not for it; the load other processes put on the
machine during each cold index is printed too.

Run: ``python bench/collection.py [--n 20000] [--repeat 2] [--keep DIR]``. Nothing here is a
test.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from viewer.collection import Collection, default_workers
from viewer.record import load_record

ROOT = Path(__file__).resolve().parent.parent

CORPUS = ROOT / "tests" / "data"
SOURCES = (CORPUS / "pfocr-database" / "_figures", CORPUS / "revisions")
TABLES = CORPUS / "pfocr-database" / "_data"
_TOP_KEY = re.compile(r"^[A-Za-z_][\w.@$-]*:", re.MULTILINE)


@dataclass
class Source:
    """A real record to vary: its front matter, gene entries (inline) or table rows (split)."""

    figid: str
    text: str
    inline_genes: list[str]  # one text block per gene entry; empty for the split layout
    gene_header: str
    gene_rows: list[str]
    other_tables: dict[str, str]  # kind → whole table text (chemicals, diseases)
    symbols: list[str]
    words: list[str]


def _genes_block(text: str) -> tuple[int, int] | None:
    """Where the inline ``genes:`` list is in a record's text (start, end), if it has one."""
    match = re.search(r"^genes:\n", text, re.MULTILINE)
    if match is None:
        return None
    following = _TOP_KEY.search(text, match.end())
    return match.start(), following.start() if following else len(text)


def load_sources() -> list[Source]:
    """Read the corpus records this benchmark varies (those that load, one per figid)."""
    sources: dict[str, Source] = {}
    for folder in SOURCES:
        for path in sorted(folder.glob("*.md")):
            record = load_record(path)
            if record.figid in sources:
                continue
            text = path.read_text(encoding="utf-8")
            block = _genes_block(text)
            entries: list[str] = []
            if block is not None:
                body = text[block[0] + len("genes:\n") : block[1]]
                entries = [e for e in re.split(r"(?m)^(?=- )", body) if e.strip()]
            header, rows, others = "", [], {}
            for kind in ("genes", "chemicals", "diseases"):
                table = TABLES / f"{record.figid}-{kind}.tsv"
                if table.is_file() and block is None:
                    lines = table.read_text(encoding="utf-8").splitlines(keepends=True)
                    if kind == "genes":
                        header, rows = lines[0], lines[1:]
                    else:
                        others[kind] = "".join(lines)
            words = re.findall(r"[A-Za-z]{6,}", record.caption or "")
            sources[record.figid] = Source(
                record.figid,
                text,
                entries,
                header,
                rows,
                others,
                [g.hgnc_symbol or g.symbol or "" for g in record.genes if g.hgnc_symbol],
                words,
            )
    return list(sources.values())


def _vary_caption(text: str, word: str) -> str:
    return re.sub(
        r"^caption: (['\"]?)", lambda m: f"caption: {m.group(1)}{word} ", text, count=1, flags=re.M
    )


def make_corpus(folder: Path, count: int, sources: list[Source]) -> None:
    """Write ``count`` synthetic records (and their side tables) under ``folder``."""
    figures, data = folder / "_figures", folder / "_data"
    figures.mkdir(parents=True)
    data.mkdir()
    vocabulary = sorted({w.lower() for s in sources for w in s.words})
    split_donors = [s for s in sources if s.gene_rows]
    inline_donors = [s for s in sources if s.inline_genes]
    for number in range(count):
        source = sources[number % len(sources)]
        rng = random.Random(number)
        pmcid = f"PMC{20_000_000 + number}"
        figid = f"{pmcid}__synthetic{number:06d}"
        text = source.text.replace(source.figid, figid)
        text = re.sub(r"^pmcid: .*$", f"pmcid: {pmcid}", text, count=1, flags=re.MULTILINE)
        year = 1995 + (number * 7) % 31
        text = re.sub(r"^year: .*$", f"year: '{year}'", text, count=1, flags=re.MULTILINE)
        text = _vary_caption(text, rng.choice(vocabulary))
        step = 2 + number % 5
        if source.inline_genes:
            donor = rng.choice(inline_donors)
            kept = [e for n, e in enumerate(source.inline_genes) if n % step != number % step]
            kept += rng.sample(donor.inline_genes, min(2, len(donor.inline_genes)))
            block = _genes_block(text)
            assert block is not None
            text = text[: block[0]] + "genes:\n" + "".join(kept) + text[block[1] :]
        elif source.gene_rows:
            donor = rng.choice(split_donors)
            rows = [r for n, r in enumerate(source.gene_rows) if n % step != number % step]
            rows += rng.sample(donor.gene_rows, min(3, len(donor.gene_rows)))
            (data / f"{figid}-genes.tsv").write_text(source.gene_header + "".join(rows))
        for kind, table in source.other_tables.items():
            (data / f"{figid}-{kind}.tsv").write_text(table)
        (figures / f"{figid}.md").write_text(text, encoding="utf-8")


def bare_loop(paths: list[Path]) -> float:
    """Seconds for a bare single-core LibYAML load of every record's front matter."""
    start = time.perf_counter()
    for path in paths:
        text = path.read_bytes().decode("utf-8")
        yaml.load(text.split("---\n")[1], Loader=yaml.CSafeLoader)
    return time.perf_counter() - start


def percentiles(times: list[float]) -> str:
    """p50 and p95 of times in seconds, shown in milliseconds."""
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"p50 {statistics.median(ordered) * 1000:6.1f} ms   p95 {p95 * 1000:6.1f} ms"


def queries(sources: list[Source], rng: random.Random) -> dict[str, list[str]]:
    """The query mixes measured: each kind with varying terms from the corpus."""
    with_genes = [s for s in sources if len(s.symbols) >= 3]
    words = [w.lower() for s in sources for w in s.words]
    made: dict[str, list[str]] = {"gene": [], "three genes": [], "text": [], "combined": []}
    for _ in range(60):
        source = rng.choice(with_genes)
        a, b, c = rng.sample(source.symbols, 3)
        made["gene"].append(f"gene:{a}")
        made["three genes"].append(f"gene:{a} gene:{b} gene:{c}")
        made["text"].append(f"{rng.choice(words)} {rng.choice(words)}")
        made["combined"].append(f"gene:{a} {rng.choice(words)} year:2000..2015")
    return made


def _peak_rss(pid: int) -> float | None:
    """The peak resident memory (MB) of a live process, from /proc (Linux); ``None`` elsewhere."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as listing:
            return [int(p) for p in listing.read().split()]
    except OSError:
        return []


def _busy_seconds() -> float | None:
    """CPU time used by every process of the machine so far (Linux), to tell others' load."""
    try:
        with open("/proc/stat") as stat:
            fields = [int(x) for x in stat.readline().split()[1:]]
    except OSError:
        return None
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def index_in_this_process(corpus: str, cache: str) -> None:
    """Index cold and print a JSON line: seconds, summary, peak memory (MB), others' load."""
    workers: dict[int, float] = {}
    done = threading.Event()

    def watch() -> None:  # the reading processes' peaks, read while they live
        while not done.wait(0.2):
            for child in _children(os.getpid()):
                peak = _peak_rss(child)
                if peak is not None:
                    workers[child] = max(workers.get(child, 0.0), peak)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    busy_before, times_before = _busy_seconds(), os.times()
    started = time.perf_counter()
    with Collection([corpus], cache) as collection:
        summary = collection.refresh()
    seconds = time.perf_counter() - started
    busy_after, times_after = _busy_seconds(), os.times()
    done.set()
    watcher.join()
    memory = {
        "self": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "children": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        # The multiprocessing helper (resource tracker) is tiny; keep the reading processes.
        "workers": sorted((p for p in workers.values() if p > 20), reverse=True),
    }
    own = sum(times_after[:4]) - sum(times_before[:4])
    others = None if busy_before is None else busy_after - busy_before - own  # type: ignore[operator]
    print(
        json.dumps(
            {"seconds": seconds, "summary": str(summary), "memory": memory, "others": others}
        )
    )


def cold_index(corpus: Path, cache: Path) -> dict:
    """Index cold in a fresh process, so that its memory is the index's alone."""
    shutil.rmtree(cache, ignore_errors=True)
    result = subprocess.run(
        [sys.executable, __file__, "--index-only", str(corpus), str(cache)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.splitlines()[-1])


def _seconds(run: dict) -> str:
    return f"{run['seconds']:.1f}"


def _others(run: dict) -> str:
    return "?" if run.get("others") is None else f"{run['others']:.0f}"


def main() -> None:
    """Make the corpus, index it cold and warm, query it, and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="number of records to make")
    parser.add_argument(
        "--repeat", type=int, default=1, help="cold index runs (the fastest counts; default 1)"
    )
    parser.add_argument(
        "--index-only", nargs=2, metavar=("CORPUS", "CACHE"), help=argparse.SUPPRESS
    )
    parser.add_argument(
        "--keep", metavar="DIR", help="make the corpus in DIR and keep it (reused by later runs)"
    )
    args = parser.parse_args()
    if args.index_only:
        index_in_this_process(*args.index_only)
        return
    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="pfv-bench-"))
    corpus, cache = base / "pfocr", base / "cache"
    try:
        sources = load_sources()
        started = time.perf_counter()
        last = corpus / "_figures" / f"PMC{20_000_000 + args.n - 1}__synthetic{args.n - 1:06d}.md"
        if not last.exists():  # (a corpus kept from an earlier run with the same N is reused)
            shutil.rmtree(corpus, ignore_errors=True)
            make_corpus(corpus, args.n, sources)
        print(
            f"made {args.n:,} records in {time.perf_counter() - started:.1f} s "
            f"({sum(1 for s in sources if s.inline_genes)} inline and "
            f"{sum(1 for s in sources if not s.inline_genes)} split-layout sources); "
            f"{default_workers()} reading processes"
        )
        paths = sorted((corpus / "_figures").glob("*.md"))
        # The bare loop runs before and after the cold index, and the faster run counts: other
        # load on the machine then weighs against the index, not for it.
        bares = [bare_loop(paths)]
        colds = []
        for _ in range(args.repeat):
            colds.append(cold_index(corpus, cache))
            bares.append(bare_loop(paths))
        bare = min(bares)
        best = min(colds, key=lambda run: run["seconds"])
        cold, summary, memory = best["seconds"], best["summary"], best["memory"]
        started = time.perf_counter()
        with Collection([corpus], cache) as collection:
            warm_summary = collection.refresh()
            warm = time.perf_counter() - started
            assert warm_summary.read == 0, warm_summary
            measured = {}
            for kind, texts in queries(sources, random.Random(1)).items():
                times, hits = [], []
                for text in texts:
                    begin = time.perf_counter()
                    found = collection.search(text, limit=100)
                    total = collection.count(text)
                    times.append(time.perf_counter() - begin)
                    hits.append(total if found or total == 0 else -1)
                measured[kind] = (times, statistics.median(hits))
        size = sum(p.stat().st_size for p in cache.iterdir()) / 1e6
        print(f"index: {summary}")
        print(
            f"bare yaml.load loop (1 core): {bare:8.1f} s   "
            f"(fastest of {', '.join(f'{b:.1f}' for b in bares)} s)"
        )
        print(
            f"cold index:                   {cold:8.1f} s   ratio {cold / bare:.2f} (≤ 0.6)   "
            f"(fastest of {', '.join(_seconds(c) for c in colds)} s; "
            f"other processes used {', '.join(_others(c) for c in colds)} CPU s meanwhile)"
        )
        print(f"warm re-open:                 {warm:8.2f} s   {warm / cold:.1%} of cold (≤ 3%)")
        workers = memory["workers"]
        total = memory["self"] + sum(workers)
        print(
            f"peak memory while indexing: {memory['self']:.0f} MB (indexing process) + "
            f"{' + '.join(f'{w:.0f}' for w in workers) or '0'} MB (reading processes) = "
            f"{total:.0f} MB (≤ 500 MB); getrusage maxrss self + children: "
            f"{memory['self']:.0f} + {memory['children']:.0f} MB; index file {size:.0f} MB"
        )
        for kind, (times, hits) in measured.items():
            print(f"query {kind:12s} {percentiles(times)}   (median hits {hits:,.0f})")
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
