"""The figure image panel: the picture with zoom and pan, or a note saying why there is none.

``FigureImageView`` stacks two pages. The image page is a ``FigureCanvas`` (a ``ZoomableView``,
see ``viewer.ui.zoom_view``) that fits the figure to the panel (shrinking, never enlarging)
until the user zooms: the wheel zooms around the cursor, ``+``/``=`` and ``-`` zoom, ``0``
fits, ``1`` shows actual pixels, dragging pans and a double click toggles between fit and
100 %. The placeholder page says "Loading figure…" or why there is no image (always as plain
text), with a button to the figure's page at PMC.

Images come from an ``ImageFetcher`` (``fetcher`` attribute), which never blocks the window.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette, QPixmap, QTransform
from PySide6.QtWidgets import (
    QGraphicsPixmapItem,
    QGraphicsScene,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from viewer import links
from viewer.record.model import FigureRecord
from viewer.ui import urls
from viewer.ui.image_fetch import ImageFetcher
from viewer.ui.zoom_view import ZoomableView, ZoomPanel

LOADING = "Loading figure…"
NO_RECORD = "No figure selected."
MIN_SCALE = 0.02
MAX_SCALE = 16.0
# Finer mip levels are not worth their memory: a 1/64 view is a thumbnail anyway.
MAX_MIP_LEVEL = 6


def backdrop_color(palette: QPalette) -> QColor:
    """A neutral backdrop a little darker than the window, so white figures keep an edge."""
    return palette.color(QPalette.ColorRole.Window).darker(110)


class FigureCanvas(ZoomableView):
    """Shows one image, centred, with fit-to-window, zoom around the cursor and drag to pan.

    Strong downscaling with bilinear filtering turns small text into noise, so the view draws
    from a pyramid of pre-shrunk copies (made with Qt's area-averaging smooth scaling) and
    uses the one just above the displayed resolution.
    """

    min_scale = MIN_SCALE
    max_scale = MAX_SCALE

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self._item = QGraphicsPixmapItem()
        self._item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self._item.setShapeMode(QGraphicsPixmapItem.ShapeMode.BoundingRectShape)
        self.scene().addItem(self._item)
        self._image = QImage()
        self._levels: dict[int, QPixmap] = {}
        self._level_images: dict[int, QImage] = {}
        self._level = -1
        self.setRenderHints(
            QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform
        )
        self.setBackgroundBrush(backdrop_color(self.palette()))
        self.setToolTip(
            "Scroll to zoom, drag to move. Keys: + and − zoom, 0 fits, 1 shows actual size;"
            " double-click switches between the two."
        )

    # -- content ---------------------------------------------------------------------------

    @property
    def image(self) -> QImage:
        """The image shown (a null image when none)."""
        return self._image

    def content_rect(self) -> QRectF:
        """The image's rectangle in the scene (empty when there is no image)."""
        return QRectF(self._image.rect())

    def set_image(self, image: QImage) -> None:
        """Show ``image``, fitted to the view."""
        self._image = image
        self._levels = {0: QPixmap.fromImage(image)}
        self._level_images = {0: image}
        self._level = -1
        self.scene().setSceneRect(0, 0, image.width(), image.height())
        self.fit()

    def clear(self) -> None:
        """Show nothing and release the image's memory."""
        self._image = QImage()
        self._levels = {}
        self._level_images = {}
        self._level = -1
        self._item.setPixmap(QPixmap())
        self.scene().setSceneRect(0, 0, 1, 1)
        self.resetTransform()

    # -- zoom ------------------------------------------------------------------------------

    def _scale_to(self, scale: float, anchor: QPointF | None) -> None:
        if self._image.isNull():
            return
        super()._scale_to(scale, anchor)

    def _scaled(self, scale: float) -> None:
        """Draw from the smallest pre-shrunk copy that still has at least the shown detail."""
        width, height = self._image.width(), self._image.height()
        level = 0
        if scale < 0.5:
            level = min(MAX_MIP_LEVEL, math.floor(math.log2(1 / scale)))
        while level > 0 and (width >> level < 1 or height >> level < 1):
            level -= 1
        if level == self._level:
            return
        pixmap = self._levels.get(level)
        if pixmap is None:
            pixmap = QPixmap.fromImage(self._level_image(level))
            self._levels[level] = pixmap
        self._level = level
        self._item.setPixmap(pixmap)
        self._item.setTransform(
            QTransform.fromScale(width / pixmap.width(), height / pixmap.height())
        )

    def _level_image(self, level: int) -> QImage:
        image = self._level_images.get(level)
        if image is None:
            finer = self._level_image(level - 1)
            image = finer.scaled(
                max(1, finer.width() // 2),
                max(1, finer.height() // 2),
                Qt.AspectRatioMode.IgnoreAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            self._level_images[level] = image
        return image


class FigureImageView(ZoomPanel):
    """The figure of one record: the image when there is one, else a note and a PMC link.

    Call ``show_record``; the image arrives later from ``fetcher``. ``zoom_in``, ``zoom_out``,
    ``fit`` and ``actual_size`` (and the matching ``*_action`` QActions, for menus) act on it.
    """

    canvas: FigureCanvas

    def __init__(self, parent: QWidget | None = None, *, fetcher: ImageFetcher | None = None):
        super().__init__(parent)
        self.record: FigureRecord | None = None
        self.fetcher = fetcher if fetcher is not None else ImageFetcher(self)
        self._failed = False

        self.canvas = FigureCanvas()
        self.canvas.zoomChanged.connect(self.zoomChanged)

        self.message_label = QLabel()
        # Reasons may quote record text or server names: never let them become rich text.
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label.setWordWrap(True)
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.pmc_button = QPushButton("View figure at PMC")
        self.pmc_button.setToolTip("Open the figure's page at PubMed Central in the browser")
        self.pmc_button.clicked.connect(self.open_pmc_figure)
        self.pmc_button.setVisible(False)

        self.placeholder = QWidget()
        self.placeholder.setAutoFillBackground(True)
        backdrop = self.placeholder.palette()
        backdrop.setColor(QPalette.ColorRole.Window, backdrop_color(self.palette()))
        self.placeholder.setPalette(backdrop)
        # The note sits in a box of bounded width, centred; the box (not the label) takes
        # the width, so the wrapped text gets a sensible line length at any panel size.
        note = QWidget()
        note.setMaximumWidth(460)
        note_column = QVBoxLayout(note)
        note_column.addWidget(self.message_label)
        note_column.addSpacing(8)
        note_column.addWidget(self.pmc_button, 0, Qt.AlignmentFlag.AlignHCenter)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(note, 100)
        row.addStretch(1)
        column = QVBoxLayout(self.placeholder)
        column.addStretch(1)
        column.addLayout(row)
        column.addStretch(1)

        self._add_pages(self.placeholder)
        self._add_zoom_actions()

        self.fetcher.imageReady.connect(self._on_image_ready)
        self.fetcher.imageFailed.connect(self._on_image_failed)
        self._show_message(NO_RECORD)
        self.setMinimumSize(160, 120)

    # -- what is shown ---------------------------------------------------------------------

    @property
    def showing_image(self) -> bool:
        """Whether the image page (rather than the placeholder) is shown."""
        return self.stack.currentWidget() is self.canvas

    def image(self) -> QImage | None:
        """The figure image shown, or ``None``."""
        return self.canvas.image if self.showing_image else None

    def message(self) -> str:
        """The placeholder text ("Loading figure…" or why there is no image)."""
        return self.message_label.text()

    def show_record(self, record: FigureRecord | None) -> None:
        """Show the figure of ``record`` (``None`` clears the panel); the image comes later."""
        previous, self.record = self.record, record
        self._update_pmc_button()
        if record is None:
            self.fetcher.fetch(None)
            self._show_message(NO_RECORD)
            return
        same = previous is not None and (previous.figid, previous.path, previous.filename) == (
            record.figid,
            record.path,
            record.filename,
        )
        if same and (self.showing_image or self.fetcher.busy):
            return
        self._show_message(LOADING)
        self.fetcher.fetch(record)

    def set_offline(self, offline: bool) -> None:
        """Stop or allow downloads; coming back online retries a figure that failed."""
        self.fetcher.set_offline(offline)
        if not offline and self._failed and self.record is not None:
            self._show_message(LOADING)
            self.fetcher.fetch(self.record)

    def open_pmc_figure(self) -> bool:
        """Open the figure's page at PMC in the browser; return whether it was opened."""
        if self.record is None:
            return False
        return urls.open_url(links.pmc_figure(self.record.figlink))

    # -- fetcher answers -------------------------------------------------------------------

    def _is_current(self, figid: str) -> bool:
        return self.record is not None and self.record.figid == figid

    def _on_image_ready(self, figid: str, image: QImage) -> None:
        if not self._is_current(figid):
            return
        self._failed = False
        self.stack.setCurrentWidget(self.canvas)
        self.canvas.set_image(image)
        self._enable_zoom(True)

    def _on_image_failed(self, figid: str, reason: str) -> None:
        if not self._is_current(figid):
            return
        self._show_message(reason)
        self._failed = True

    def _show_message(self, text: str) -> None:
        self._failed = False
        self.message_label.setText(text)
        self.stack.setCurrentWidget(self.placeholder)
        self.canvas.clear()
        self._enable_zoom(False)

    def _update_pmc_button(self) -> None:
        link = links.pmc_figure(self.record.figlink) if self.record is not None else None
        self.pmc_button.setVisible(link is not None)
