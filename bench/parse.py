"""Benchmark: records per second through ``viewer.record`` versus a bare LibYAML loop.

Loads every record of a corpus (default: the records bundled with the tests) through
``load_record`` (side tables included), then parses the same files' front matter with a bare
``yaml.load(..., CSafeLoader)`` loop, and prints both rates and their ratio. Run: ``make bench``.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import yaml

from viewer.record import load_record
from viewer.record.discover import iter_record_files
from viewer.record.safeyaml import uses_libyaml

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data"


def bare_yaml(paths: list[Path]) -> None:
    """Parse each file's front matter with LibYAML and nothing else."""
    for path in paths:
        text = path.read_bytes().decode("utf-8")
        yaml.load(text.split("---\n")[1], Loader=yaml.CSafeLoader)


def viewer_record(paths: list[Path]) -> None:
    """Load each file as the viewer does: checks, normalisation, side tables."""
    for path in paths:
        load_record(path)


def best_rate(run, paths: list[Path], repeats: int) -> tuple[float, float]:
    """Return (best, median) records per second over ``repeats`` runs."""
    rates = []
    for _ in range(repeats):
        start = time.perf_counter()
        run(paths)
        rates.append(len(paths) / (time.perf_counter() - start))
    return max(rates), statistics.median(rates)


def main() -> None:
    """Measure both loops and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=[str(DEFAULT_CORPUS)])
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    # The bare loop needs front matter between '---' lines: keep the files that have it.
    paths = [p for p in iter_record_files(args.paths) if p.read_bytes().startswith(b"---\n")]
    print(f"{len(paths)} records; LibYAML loader in use: {uses_libyaml()}")
    viewer_best, viewer_median = best_rate(viewer_record, paths, args.repeats)
    bare_best, bare_median = best_rate(bare_yaml, paths, args.repeats)
    print(f"viewer.record.load_record : {viewer_best:8.0f} records/s (median {viewer_median:.0f})")
    print(f"bare yaml.load CSafeLoader: {bare_best:8.0f} records/s (median {bare_median:.0f})")
    print(f"ratio viewer / bare       : {viewer_best / bare_best:8.2f}")


if __name__ == "__main__":
    main()
