"""Render the application icon's PNG sizes from its SVG with Qt's own SVG renderer.

Run it after editing ``resources/icons/org.wikipathways.PathwayFigureViewer.svg``::

    .venv/bin/python packaging/render_icons.py

It writes ``resources/icons/hicolor/{N}x{N}/apps/org.wikipathways.PathwayFigureViewer.png``
for every size in ``SIZES`` (the PNGs are committed: desktops without SVG support, and the
16–48 px menu and panel sizes, use them). Needs no display.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

APP_ID = "org.wikipathways.PathwayFigureViewer"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"


def png_path(icons: Path, size: int) -> Path:
    """Where the ``size`` px PNG lives in the hicolor layout under ``icons``."""
    return icons / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def render(svg: Path, icons: Path, sizes: tuple[int, ...] = SIZES) -> list[Path]:
    """Render ``svg`` at each of ``sizes`` into the hicolor tree under ``icons``."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: error: not an SVG Qt can draw")
    written = []
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        out = png_path(icons, size)
        out.parent.mkdir(parents=True, exist_ok=True)
        if not image.convertToFormat(QImage.Format.Format_ARGB32).save(str(out), "PNG"):
            raise SystemExit(f"{out}: error: cannot write")
        written.append(out)
    return written


def main(argv: list[str] | None = None) -> int:
    """Render the icon sizes; print each file written."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--svg", type=Path, default=ICONS / f"{APP_ID}.svg")
    parser.add_argument("--out", type=Path, default=ICONS, help="folder holding hicolor/")
    args = parser.parse_args(argv)
    for path in render(args.svg, args.out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
