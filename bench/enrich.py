"""Benchmark: rank N synthetic figures (default 100,000) against 200-gene lists.

Makes the same synthetic collection as ``bench/collection.py`` (or reuses one kept with
``--keep DIR``), indexes it, then times ``enrich``:

- the first query: a new ``Collection`` opened on the existing index, then one 200-gene list
  (target at 100,000 figures: under 1 s);
- p50/p95/max of 20 further 200-gene lists on the same open collection.

Each list holds 195 distinct Homo sapiens genes of the collection, named as researchers name
them (official symbols in any case, some NCBI Gene ids, a few of the symbols PFOCR matched),
plus 5 names that are no genes at all, drawn with a fixed seed.

Run: ``python bench/enrich.py [--n 20000] [--keep DIR]``. Nothing here is a test.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from viewer.collection import Collection
from viewer.collection.enrich import enrich

sys.path.insert(0, str(Path(__file__).resolve().parent))
from collection import load_sources, make_corpus  # bench/collection.py

LIST_SIZE = 200


def gene_lists(collection: Collection, count: int, rng: random.Random) -> list[list[str]]:
    """``count`` lists of ``LIST_SIZE`` names (see the module docstring)."""
    figures = collection.page("", 0, 2_000)
    genes = {}  # entrez → (matched symbol, official symbol)
    for row in figures:
        for _word, symbol, official, entrez, organism, _taxon in collection.genes(row.id):
            if official and organism in (None, "Homo sapiens"):
                genes[str(entrez)] = (symbol or official, official)
    ids = sorted(genes)
    lists = []
    for number in range(count):
        names = []
        for entrez in rng.sample(ids, LIST_SIZE - 5):
            matched, official = genes[entrez]
            names.append(
                rng.choices([official, official.lower(), entrez, matched], weights=[60, 20, 15, 5])[
                    0
                ]
            )
        names += [f"NOTAGENE{number}x{n}" for n in range(5)]
        rng.shuffle(names)
        lists.append(names)
    return lists


def main() -> None:
    """Make or reuse the corpus, index it, then time enrichment queries."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="number of records to make")
    parser.add_argument(
        "--keep", metavar="DIR", help="make the corpus in DIR and keep it (reused by later runs)"
    )
    args = parser.parse_args()
    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="pfv-enrich-"))
    corpus, cache = base / "pfocr", base / "cache"
    try:
        last = corpus / "_figures" / f"PMC{20_000_000 + args.n - 1}__synthetic{args.n - 1:06d}.md"
        if not last.exists():
            shutil.rmtree(corpus, ignore_errors=True)
            started = time.perf_counter()
            make_corpus(corpus, args.n, load_sources())
            print(f"made {args.n:,} records in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        with Collection([corpus], cache) as collection:
            summary = collection.refresh()
        print(f"index: {summary}")
        lists = None
        started = time.perf_counter()
        with Collection([corpus], cache) as collection:
            lists = gene_lists(collection, 21, random.Random(7))
            setup = time.perf_counter() - started
            started = time.perf_counter()
            first = enrich(collection, lists[0])
            first_seconds = time.perf_counter() - started
            times = []
            for names in lists[1:]:
                begin = time.perf_counter()
                result = enrich(collection, names)
                times.append(time.perf_counter() - begin)
        print(
            f"{first.tested:,} figures tested, background {first.background:,} genes; "
            f"first list: {len(first.resolution.genes)} of {LIST_SIZE} names found, naming "
            f"{first.list_size} genes; "
            f"{len(first.matches):,} figures share genes (best p {first.matches[0].p_value:.3g})"
        )
        print(
            f"first query after opening the index: {first_seconds * 1000:.0f} ms "
            f"(opening and drawing the lists: {setup * 1000:.0f} ms, not counted)"
        )
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        print(
            f"{len(times)} more 200-gene lists: p50 {statistics.median(times) * 1000:.0f} ms, "
            f"p95 {p95 * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms "
            f"(last: {len(result.matches):,} figures listed)"
        )
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
