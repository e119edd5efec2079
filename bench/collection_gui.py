"""Benchmark: the longest stall of the GUI event loop while the window indexes a folder.

Makes N synthetic records (default 20,000) with ``bench/collection.py``'s generator, opens the
folder in the Collection tab of a real (offscreen) main window, and runs a ``QTimer`` probe
every 5 ms until indexing ends. Prints the longest gap between two probe ticks beyond the
5 ms period, the 99th percentile, and the indexing time. Target: the longest stall ≤ 50 ms.
Run: ``.venv/bin/python bench/collection_gui.py [--n 20000]``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PROBE_MS = 5


def main() -> None:
    """Make the corpus, index it from the GUI, and print the event loop's stalls."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000, help="number of records to make")
    args = parser.parse_args()

    import collection as corpus_maker  # bench/collection.py

    with tempfile.TemporaryDirectory() as home:
        root = Path(home)
        os.environ["PATHWAY_VIEWER_CONFIG"] = str(root / "config")
        os.environ["PATHWAY_VIEWER_CACHE"] = str(root / "cache")
        corpus = root / "corpus"
        corpus.mkdir()
        corpus_maker.make_corpus(corpus, args.n, corpus_maker.load_sources())

        from PySide6.QtCore import QElapsedTimer, QTimer

        from viewer.ui.app import make_app
        from viewer.ui.window import MainWindow

        app = make_app()
        window = MainWindow(offline=True)
        window.resize(1280, 800)
        window.show()
        window.ensure_panels()
        gaps: list[float] = []
        clock = QElapsedTimer()
        clock.start()
        last = [clock.nsecsElapsed()]

        worst = [0.0, 0.0]  # stall, when (s after the start)

        def tick() -> None:
            now = clock.nsecsElapsed()
            gap = (now - last[0]) / 1e6 - PROBE_MS
            gaps.append(gap)
            if gap > worst[0]:
                worst[:] = [gap, now / 1e9]
            last[0] = now

        probe = QTimer()
        probe.setInterval(PROBE_MS)
        probe.timeout.connect(tick)
        started = time.perf_counter()
        probe.start()
        panel = window.open_collection([corpus])
        done: list[object] = []
        panel.indexingFinished.connect(done.append)
        panel.indexingFinished.connect(lambda _outcome: app.quit())
        app.exec()
        seconds = time.perf_counter() - started
        probe.stop()
        listed = panel.model.rowCount()
        gaps.sort()
        p99 = gaps[int(len(gaps) * 0.99)] if gaps else 0.0
        print(f"records made and indexed from the GUI : {args.n} ({listed} listed)")
        print(f"indexing time                         : {seconds:7.1f} s")
        print(
            f"longest event-loop stall              : {worst[0]:7.1f} ms "
            f"(at {worst[1]:.1f} s of {seconds:.1f} s)"
        )
        print(f"99th percentile stall                 : {p99:7.1f} ms  (target: longest ≤ 50 ms)")
        print(f"outcome                               : {done[0] if done else 'none'}")
        window.close()


if __name__ == "__main__":
    main()
