"""Benchmark: time from process start to the painted main window showing the seed record.

Starts fresh Python processes, alternating the viewer and a bare PySide6 window (a QMainWindow
with a label), and takes the median over the runs. Each child reports the wall-clock instant of
its first paint once the window shows what it should; the parent subtracts the instant it
started the process. Offscreen by default, so it runs without a display. Run: ``make bench``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

_PAINT_WATCH = """
import sys, time
from PySide6.QtCore import QEvent, QObject
class FirstPaint(QObject):
    def __init__(self, ready):
        super().__init__()
        self.ready = ready
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and self.ready():
            print(time.time(), flush=True)
            QApplication.instance().exit(0)
        return False
"""

VIEWER_CHILD = (
    # As pathway-viewer does: ask for a running viewer to take the files (none is running
    # with the bench's own settings folder), then read the seed in a forked process while
    # Qt loads.
    "from viewer.cli import _handed_over\n"
    "assert not _handed_over([])\n"
    "from viewer.data_files import paths_to_open\n"
    "from viewer.record.prefetch import start_prefetch\n"
    "prefetch = start_prefetch(paths_to_open([]))\n"
    "from PySide6.QtWidgets import QApplication\n"
    + _PAINT_WATCH
    + """
from viewer.ui.app import build_window, make_app, show_when_ready
app = make_app()
window = build_window([], offline=True, prefetch=prefetch)
watch = FirstPaint(lambda: window.record is not None)
window.metadata.title.installEventFilter(watch)
show_when_ready(window)  # as pathway-viewer does
app.exec()
"""
)

BARE_CHILD = (
    "from PySide6.QtWidgets import QApplication, QLabel, QMainWindow\n"
    + _PAINT_WATCH
    + """
app = QApplication(sys.argv[:1])
window = QMainWindow()
label = QLabel("Cross-talk between the NFKB and the STAT3 pathways")
window.setCentralWidget(label)
window.resize(1280, 800)
watch = FirstPaint(lambda: True)
label.installEventFilter(watch)
window.show()
app.exec()
"""
)


def time_child(code: str, env: dict[str, str]) -> float:
    """Seconds from spawning ``code`` to the paint instant it prints."""
    start = time.time()
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    if out.returncode != 0 or not out.stdout.strip():
        raise RuntimeError(out.stderr)
    return float(out.stdout.strip().splitlines()[-1]) - start


def main() -> None:
    """Measure both kinds of start and print the medians and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            "PATHWAY_VIEWER_CONFIG": os.path.join(home, "config"),
            "PATHWAY_VIEWER_CACHE": os.path.join(home, "cache"),
        }
        # An installed program starts from compiled bytecode; let the warm-up run write it.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        time_child(VIEWER_CHILD, env)  # warm the file cache once
        viewer, bare = [], []
        for _ in range(args.runs):
            viewer.append(time_child(VIEWER_CHILD, env))
            bare.append(time_child(BARE_CHILD, env))
    v, b = statistics.median(viewer), statistics.median(bare)
    print(f"viewer window with the seed : {v * 1000:7.0f} ms (median of {args.runs})")
    print(f"bare PySide6 window         : {b * 1000:7.0f} ms (median of {args.runs})")
    print(f"ratio viewer / bare         : {v / b:7.2f}  (target: at most 1.5)")
    # This machine's speed drifts between runs; each viewer run is paired with the bare run
    # right after it, and the paired ratios show how much of the spread is drift.
    paired = sorted(x / y for x, y in zip(viewer, bare, strict=True))
    print(
        f"paired ratios               : median {statistics.median(paired):.2f}, "
        f"range {paired[0]:.2f}-{paired[-1]:.2f}; fastest runs {min(viewer) / min(bare):.2f}"
    )


if __name__ == "__main__":
    main()
