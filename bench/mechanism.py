"""Benchmark: quality of the mechanism reader against the gold set, and its speed.

Prints precision, recall and F1 of the extractor (strict: ends, type and direction must agree;
loose: ends only) and of a baseline that links every pair of entities in the same sentence
(scored loosely, since it has no types), over ``tests/data/mechanism_gold.yaml`` (the set the
rules were developed on) and over ``tests/data/mechanism_heldout.yaml`` and
``mechanism_heldout2.yaml`` (other captions, annotated without seeing the extractor); then the
time to extract and lay out the largest record of the corpus (most genes, and longest
caption). Run: ``make bench``.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from viewer.mechanism import build_mechanism
from viewer.mechanism.evaluate import evaluate, load_gold
from viewer.mechanism.famplex import famplex
from viewer.record import load_record
from viewer.record.discover import iter_record_files

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "mechanism_gold.yaml"
HELD_OUT = ROOT / "tests" / "data" / "mechanism_heldout.yaml"
HELD_OUT_2 = ROOT / "tests" / "data" / "mechanism_heldout2.yaml"
CORPUS = [ROOT / "tests" / "data" / "pfocr-database", ROOT / "tests" / "data" / "revisions"]
SEED = ROOT / "seeds"


def main() -> None:
    """Print quality and timing figures."""
    start = time.perf_counter()
    famplex()
    load_ms = (time.perf_counter() - start) * 1000
    records = {}
    for path in iter_record_files([SEED, *CORPUS]):
        if path.suffix == ".md" and path.name != "README.md":
            record = load_record(path)
            records.setdefault(record.figid, record)
    sets = (("gold set", GOLD), ("held-out set", HELD_OUT), ("held-out set 2", HELD_OUT_2))
    for title, path in sets:
        figures = load_gold(path)
        strict, baseline = evaluate(figures, records, strict=True)
        loose, _ = evaluate(figures, records, strict=False)
        print(f"{title}: {len(figures)} figures, {strict.gold} edges")
        for name, s in (("extractor (strict)", strict), ("extractor (loose)", loose),
                        ("same-sentence baseline", baseline)):  # fmt: skip
            print(
                f"  {name:24s} precision {s.precision:.2f}  recall {s.recall:.2f}  "
                f"F1 {s.f1:.2f}  ({s.matched_predicted}/{s.predicted} predicted, "
                f"{s.matched_gold}/{s.gold} gold)"
            )
    largest = max(records.values(), key=lambda r: (len(r.genes), len(r.caption or "")))
    longest = max(records.values(), key=lambda r: len(r.caption or ""))
    for title, record in (("most genes", largest), ("longest caption", longest)):
        times = []
        for _ in range(30):
            t = time.perf_counter()
            mechanism = build_mechanism(record)
            times.append((time.perf_counter() - t) * 1000)
        print(
            f"{title}: {record.figid} ({len(record.genes)} genes, "
            f"{len(record.caption or '')} caption chars, {len(mechanism.nodes)} nodes): "
            f"extraction + layout median {statistics.median(times):.1f} ms, "
            f"max {max(times):.1f} ms (target: under 50 ms)"
        )
    print(f"FamPlex resources, loaded once per process: {load_ms:.0f} ms")


if __name__ == "__main__":
    main()
