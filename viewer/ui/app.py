"""Start the Qt application: the main window on the given records, or on the bundled seed."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from viewer import APP_NAME, __version__
from viewer.data_files import seed_record
from viewer.ui.window import MainWindow


def build_window(files: Sequence[str]) -> MainWindow:
    """Create the main window showing ``files``, or the bundled seed record when none are given."""
    window = MainWindow()
    for path in [Path(f) for f in files] or [seed_record()]:
        window.open_path(path)
    return window


def run_gui(files: Sequence[str], screenshot: str | None = None) -> int:
    """Open the main window on ``files`` (the seed when empty); with ``screenshot``, save a PNG."""
    if screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    window = build_window(files)
    window.show()
    if screenshot:
        status: list[int] = [0]

        def save() -> None:
            if not window.grab().save(screenshot):
                print(f"{screenshot}: error: cannot write the PNG", file=sys.stderr)
                status[0] = 1
            app.quit()

        QTimer.singleShot(200, save)
        app.exec()
        return status[0]
    return app.exec()
