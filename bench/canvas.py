"""Benchmark: drawing the mechanism canvas, on the GUI thread, for every bundled record.

For each record of the corpus: the time to build its canvas scene (boxes, relations routed
around other boxes, legend) from a laid-out mechanism, and the time to reroute the relations of
its busiest box, which the canvas does at every step of a drag while curating. Prints the
median and the worst over the corpus, and the records they come from. No display is needed.
Run: ``make bench``.
"""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from viewer.mechanism import build_mechanism
from viewer.record import load_record
from viewer.record.discover import iter_record_files
from viewer.ui.mechanism_render import ensure_app
from viewer.ui.mechanism_scene import MechanismScene, print_colors

ROOT = Path(__file__).resolve().parent.parent
CORPUS = [ROOT / "tests" / "data" / "pfocr-database", ROOT / "tests" / "data" / "revisions"]


def main() -> None:
    """Print canvas drawing and drag-step times over the corpus."""
    ensure_app()
    builds: list[tuple[float, str]] = []
    steps: list[tuple[float, str]] = []
    for path in iter_record_files(CORPUS):
        if path.suffix != ".md" or path.name == "README.md":
            continue
        mechanism = build_mechanism(load_record(path))
        scene = MechanismScene(colors=print_colors())
        start = time.perf_counter()
        scene.set_mechanism(mechanism)
        builds.append(((time.perf_counter() - start) * 1000, path.name))
        if not scene.edge_items:
            continue
        busiest = max(
            scene.node_items.values(),
            key=lambda item: sum(item in (e.source_item, e.target_item) for e in scene.edge_items),
        )
        start = time.perf_counter()
        scene.reroute_edges(busiest)
        steps.append(((time.perf_counter() - start) * 1000, path.name))
    for title, times in (("canvas drawn", builds), ("drag step (busiest box)", steps)):
        worst = max(times)
        median = statistics.median(t for t, _ in times)
        print(
            f"{title}: {len(times)} records, median {median:.1f} ms, "
            f"max {worst[0]:.1f} ms ({worst[1]})"
        )


if __name__ == "__main__":
    main()
