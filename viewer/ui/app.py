"""Start the Qt application: the main window on the given paths, or on the bundled seed record.

With ``screenshot`` the window is rendered offscreen once loading and image fetching have
finished (or timed out), saved as a PNG, and the program exits.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from viewer import APP_NAME, __version__
from viewer.data_files import data_dir, paths_to_open
from viewer.ui.settings import APP_ID
from viewer.ui.window import MainWindow

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

    from viewer.record.prefetch import Prefetch
    from viewer.ui.theme import Theme

SCREENSHOT_TIMEOUT_S = 40.0
SHOW_TIMEOUT_MS = 250


def make_app() -> QApplication:
    """Return the running QApplication, creating it with the viewer's names if needed."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    # What start-up made (modules, classes, Qt's wrappers) lives as long as the app: keep it out
    # of the collector's full passes, which otherwise scan it all again and again while records
    # are indexed or loaded, and stop the event loop for 20-40 ms each time.
    gc.freeze()
    return app  # type: ignore[return-value]


def build_window(
    files: Sequence[str | Path],
    *,
    offline: bool | None = None,
    prefetch: Prefetch | None = None,
    theme: Theme | None = None,
) -> MainWindow:
    """Create the main window and start opening ``files`` (the seed record when none).

    ``prefetch``, from ``start_prefetch(paths_to_open(files))`` called before Qt was imported,
    supplies the records a forked process has read meanwhile.
    """
    window = MainWindow(offline=offline, theme=theme)
    window.open_paths(paths_to_open(files), prefetch)
    return window


def show_when_ready(window: MainWindow, timeout_ms: int = SHOW_TIMEOUT_MS) -> None:
    """Show the window once its first record has arrived (or loading ended, or time ran out).

    Its first paint then already shows the record instead of an empty frame.
    """
    shown = False

    def show() -> None:
        nonlocal shown
        if not shown:
            shown = True
            window.show()

    if not window.loader.busy:
        show()
        return
    window.loader.loaded.connect(show)
    window.loader.idle.connect(show)
    QTimer.singleShot(timeout_ms, show)


def when_settled(
    window: MainWindow, callback: Callable[[], None], timeout_s: float = SCREENSHOT_TIMEOUT_S
) -> None:
    """Call ``callback`` once records are loaded and the figure image has arrived or failed."""
    deadline = time.monotonic() + timeout_s
    timer = QTimer(window)

    def poll() -> None:
        if not window.busy or time.monotonic() > deadline:
            timer.stop()
            QTimer.singleShot(150, callback)  # let layouts and the last paint happen

    timer.timeout.connect(poll)
    timer.start(50)


def app_icon() -> QIcon:
    """The viewer's icon: the desktop theme's when installed, else the bundled files."""
    from PySide6.QtGui import QIcon  # after the first paint: its enums cost a few ms

    icon = QIcon()
    icons = data_dir("resources") / "icons"
    icon.addFile(str(icons / f"{APP_ID}.svg"))
    for png in sorted(icons.glob(f"hicolor/*/apps/{APP_ID}.png")):
        icon.addFile(str(png))
    return QIcon.fromTheme(APP_ID, icon)


def _listen(window: MainWindow) -> None:
    from viewer.ui.instance_server import InstanceServer

    server = InstanceServer(window)
    if server.listen():
        window.instance_server = server
        QApplication.instance().aboutToQuit.connect(server.close)


def run_gui(
    files: Sequence[str],
    *,
    screenshot: str | None = None,
    size: tuple[int, int] | None = None,
    offline: bool | None = None,
    prefetch: Prefetch | None = None,
    listen: bool = False,
    theme: Theme | None = None,
) -> int:
    """Run the viewer; with ``screenshot``, save a PNG of the settled window and exit.

    With ``listen`` the window also takes the files later launches hand over (see
    ``viewer.instance``), unless another viewer already does.
    """
    if screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = make_app()
    window = build_window(files, offline=offline, prefetch=prefetch, theme=theme)
    if size or screenshot:
        window.resize(*(size or (1280, 800)))
    show_when_ready(window)
    QTimer.singleShot(0, lambda: app.setWindowIcon(app_icon()))  # after the first paint
    if not screenshot:
        if listen:
            # After the first paint: the socket is not needed to show the window.
            QTimer.singleShot(0, lambda: _listen(window))
        return app.exec()
    status = [0]

    def save() -> None:
        if not window.grab().save(screenshot):
            print(f"{screenshot}: error: cannot write the PNG", file=sys.stderr)
            status[0] = 1
        window.close()
        app.quit()

    when_settled(window, save)
    app.exec()
    return status[0]
