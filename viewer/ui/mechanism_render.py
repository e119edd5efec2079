"""Mechanism diagrams to files: SVG (``QSvgGenerator``) and PNG (``QImage``), on white.

The diagram is drawn by a fresh ``MechanismScene`` in the print-friendly light colours, with
the figure id as a title, the legend and the text-mining note, so an exported file stands on
its own. Rendering needs a Qt application but no display: ``ensure_app()`` makes one (on the
offscreen platform when there is no display), which is what the command line uses.

Files are written in one go from memory, so a failure leaves no half-written file from Qt;
a path that cannot be written raises ``OSError`` with the path and the reason.
"""

from __future__ import annotations

import math
import os
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QApplication

from viewer.mechanism.model import Mechanism
from viewer.ui.mechanism_scene import MechanismScene, print_colors

EXPORT_MARGIN = 24
# A PNG larger than this many pixels is drawn at a smaller scale (64 Mpx is 256 MiB of RGB32).
MAX_PIXELS = 64_000_000
SVG_DPI = 96


def ensure_app() -> QGuiApplication:
    """The running Qt application, or a new ``QApplication`` (offscreen without a display)."""
    app = QGuiApplication.instance()
    if app is not None:
        return app  # type: ignore[return-value]
    headless = sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )
    if headless:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QApplication([sys.argv[0] if sys.argv else "pathway-viewer"])


def export_scene(mechanism: Mechanism | None, note: str | None = None) -> MechanismScene:
    """The scene an export draws: light colours, titled with the figure id.

    ``note`` says where the mechanism comes from (default: the text-mining draft).
    """
    ensure_app()
    title = f"Mechanism proposed in the caption of {mechanism.figid}" if mechanism else None
    scene = MechanismScene(colors=print_colors(), title=title)
    if note:
        scene.note = note
    scene.set_mechanism(mechanism)
    return scene


def _source_rect(scene: MechanismScene) -> QRectF:
    rect = scene.itemsBoundingRect()
    if rect.isEmpty():
        rect = QRectF(0, 0, 1, 1)
    return rect.adjusted(-EXPORT_MARGIN, -EXPORT_MARGIN, EXPORT_MARGIN, EXPORT_MARGIN)


def _draw(scene: MechanismScene, painter: QPainter, source: QRectF, width: int, height: int):
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    target = QRectF(0, 0, width, height)
    painter.fillRect(target, QColor("white"))
    scene.render(painter, target, source, Qt.AspectRatioMode.KeepAspectRatio)


def svg_bytes(mechanism: Mechanism | None, note: str | None = None) -> bytes:
    """The diagram of ``mechanism`` as an SVG document."""
    scene = export_scene(mechanism, note)
    source = _source_rect(scene)
    width, height = math.ceil(source.width()), math.ceil(source.height())
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setResolution(SVG_DPI)
    generator.setSize(QSize(width, height))
    generator.setViewBox(QRectF(0, 0, width, height))
    generator.setTitle(scene.title or "Mechanism")
    generator.setDescription(scene.note)
    painter = QPainter()
    if not painter.begin(generator):
        raise OSError("Cannot start drawing the SVG document")
    try:
        _draw(scene, painter, source, width, height)
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data())


def png_image(mechanism: Mechanism | None, scale: float = 2.0, note: str | None = None) -> QImage:
    """The diagram of ``mechanism`` as an image, ``scale`` pixels per scene pixel."""
    scene = export_scene(mechanism, note)
    source = _source_rect(scene)
    scale = max(0.1, float(scale))
    if source.width() * source.height() * scale * scale > MAX_PIXELS:
        scale = math.sqrt(MAX_PIXELS / (source.width() * source.height()))
    width = max(1, math.ceil(source.width() * scale))
    height = max(1, math.ceil(source.height() * scale))
    image = QImage(width, height, QImage.Format.Format_RGB32)
    if image.isNull():
        raise OSError(f"Cannot make a {width}×{height} image: not enough memory")
    # Tell viewers the intended size: 96 dpi at scale 1.
    dots_per_metre = round(SVG_DPI * scale / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    painter = QPainter(image)
    try:
        _draw(scene, painter, source, width, height)
    finally:
        painter.end()
    return image


def png_bytes(mechanism: Mechanism | None, scale: float = 2.0, note: str | None = None) -> bytes:
    """The diagram of ``mechanism`` as PNG data."""
    image = png_image(mechanism, scale, note)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise OSError("Cannot encode the diagram as PNG")
    buffer.close()
    return bytes(data.data())


def _write(path: str | os.PathLike[str], data: bytes) -> None:
    try:
        Path(path).write_bytes(data)
    except OSError as error:
        message = f"Cannot write the diagram to {os.fspath(path)}: {error.strerror or error}"
        if error.errno is None:
            raise OSError(message) from error
        raise OSError(error.errno, message) from error


def render_svg(
    mechanism: Mechanism | None, path: str | os.PathLike[str], note: str | None = None
) -> bool:
    """Write the diagram of ``mechanism`` to ``path`` as SVG; ``OSError`` if it cannot."""
    _write(path, svg_bytes(mechanism, note))
    return True


def render_png(
    mechanism: Mechanism | None,
    path: str | os.PathLike[str],
    scale: float = 2.0,
    note: str | None = None,
) -> bool:
    """Write the diagram of ``mechanism`` to ``path`` as PNG; ``OSError`` if it cannot."""
    _write(path, png_bytes(mechanism, scale, note))
    return True
