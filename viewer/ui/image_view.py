"""The figure image panel: the picture with zoom and pan, or a note saying why there is none.

``FigureImageView`` stacks two pages. The image page is a ``QGraphicsView`` that fits the figure
to the panel (shrinking, never enlarging) until the user zooms: the wheel zooms around the
cursor, ``+``/``=`` and ``-`` zoom, ``0`` fits, ``1`` shows actual pixels, dragging pans and a
double click toggles between fit and 100 %. The placeholder page says "Loading figure…" or why
there is no image (always as plain text), with a button to the figure's page at PMC.

Images come from an ``ImageFetcher`` (``fetcher`` attribute), which never blocks the window.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QImage,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPalette,
    QPixmap,
    QResizeEvent,
    QShowEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from viewer import links
from viewer.record.model import FigureRecord
from viewer.ui import urls
from viewer.ui.image_fetch import ImageFetcher

LOADING = "Loading figure…"
NO_RECORD = "No figure selected."
MIN_SCALE = 0.02
MAX_SCALE = 16.0
ZOOM_STEP = 1.25
# Blank pixels kept around the figure in fit mode, so its edge stays visible.
FIT_MARGIN = 8
# Finer mip levels are not worth their memory: a 1/64 view is a thumbnail anyway.
MAX_MIP_LEVEL = 6


def backdrop_color(palette: QPalette) -> QColor:
    """A neutral backdrop a little darker than the window, so white figures keep an edge."""
    return palette.color(QPalette.ColorRole.Window).darker(110)


class FigureCanvas(QGraphicsView):
    """Shows one image, centred, with fit-to-window, zoom around the cursor and drag to pan.

    Strong downscaling with bilinear filtering turns small text into noise, so the view draws
    from a pyramid of pre-shrunk copies (made with Qt's area-averaging smooth scaling) and
    uses the one just above the displayed resolution.
    """

    zoomChanged = Signal(float)

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
        self.fit_mode = True
        self.setRenderHints(
            QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform
        )
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        # Anchoring is done by hand (see _scale_to) so it works before any mouse move.
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
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

    @property
    def zoom(self) -> float:
        """The current scale: 1.0 shows one image pixel per screen pixel."""
        return self.transform().m11()

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

    def fit_scale(self) -> float:
        """The scale that shows the whole image (never above 1: small figures stay sharp)."""
        if self._image.isNull():
            return 1.0
        room = self.viewport().size()
        width = max(1, room.width() - 2 * FIT_MARGIN)
        height = max(1, room.height() - 2 * FIT_MARGIN)
        return min(width / self._image.width(), height / self._image.height(), 1.0)

    def fit(self) -> None:
        """Fit the whole image into the view, and keep it fitted as the view resizes."""
        self.fit_mode = True
        self._scale_to(self.fit_scale(), None)
        self.centerOn(self._item.sceneBoundingRect().center())

    def actual_size(self) -> None:
        """Show the image at 100 %."""
        self.fit_mode = False
        self._scale_to(1.0, None)

    def zoom_by(self, factor: float, anchor: QPointF | None = None) -> None:
        """Zoom by ``factor`` keeping the point under ``anchor`` (viewport coordinates) still."""
        self.fit_mode = False
        self._scale_to(self.zoom * factor, anchor)

    def _scale_to(self, scale: float, anchor: QPointF | None) -> None:
        if self._image.isNull():
            return
        low = min(MIN_SCALE, self.fit_scale())
        scale = max(low, min(MAX_SCALE, scale))
        if anchor is None:
            anchor = QPointF(self.viewport().rect().center())
        fixed = self.mapToScene(anchor.toPoint())
        self.setTransform(QTransform.fromScale(scale, scale))
        # Scroll so that the scene point that was under the anchor is under it again.
        moved = self.mapFromScene(fixed) - anchor.toPoint()
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + moved.x())
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + moved.y())
        self._pick_level(scale)
        self.zoomChanged.emit(scale)

    def _pick_level(self, scale: float) -> None:
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

    # -- events ----------------------------------------------------------------------------

    def wheelEvent(self, event: QWheelEvent) -> None:
        """Zoom around the cursor; a notch of a wheel is one zoom step."""
        steps = event.angleDelta().y() / 120
        if steps == 0 or self._image.isNull():
            event.ignore()
            return
        self.zoom_by(ZOOM_STEP**steps, event.position())
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """``+``/``=`` and ``-`` zoom, ``0`` fits, ``1`` is actual size."""
        mods = event.modifiers() & ~(
            Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
        )
        key = event.key()
        if mods == Qt.KeyboardModifier.NoModifier and not self._image.isNull():
            if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
                self.zoom_by(ZOOM_STEP)
                return
            if key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
                self.zoom_by(1 / ZOOM_STEP)
                return
            if key == Qt.Key.Key_0:
                self.fit()
                return
            if key == Qt.Key.Key_1:
                self.actual_size()
                return
        super().keyPressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        """Switch between fit and 100 %, the latter around the clicked point."""
        if self._image.isNull() or event.button() != Qt.MouseButton.LeftButton:
            super().mouseDoubleClickEvent(event)
            return
        if self.fit_mode and self.fit_scale() < 1.0:
            self.fit_mode = False
            self._scale_to(1.0, event.position())
        else:
            self.fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Keep a fitted image fitted."""
        super().resizeEvent(event)
        if self.fit_mode:
            self.fit()

    def showEvent(self, event: QShowEvent) -> None:
        """Fit again once the view has its real size."""
        super().showEvent(event)
        if self.fit_mode:
            self.fit()


class FigureImageView(QWidget):
    """The figure of one record: the image when there is one, else a note and a PMC link.

    Call ``show_record``; the image arrives later from ``fetcher``. ``zoom_in``, ``zoom_out``,
    ``fit`` and ``actual_size`` (and the matching ``*_action`` QActions, for menus) act on it.
    """

    zoomChanged = Signal(float)

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

        self.stack = QStackedWidget()
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self.canvas)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self.zoom_in_action = self._action(
            "Zoom &In", QKeySequence.StandardKey.ZoomIn, self.zoom_in
        )
        self.zoom_out_action = self._action(
            "Zoom &Out", QKeySequence.StandardKey.ZoomOut, self.zoom_out
        )
        self.fit_action = self._action("&Fit to Window", QKeySequence("Ctrl+0"), self.fit)
        self.actual_size_action = self._action(
            "&Actual Size", QKeySequence("Ctrl+1"), self.actual_size
        )

        self.fetcher.imageReady.connect(self._on_image_ready)
        self.fetcher.imageFailed.connect(self._on_image_failed)
        self._show_message(NO_RECORD)
        self.setMinimumSize(160, 120)

    def _action(
        self, text: str, keys: QKeySequence | QKeySequence.StandardKey, slot: Callable[[], None]
    ) -> QAction:
        action = QAction(text, self)
        action.setShortcut(keys)
        # Only while the figure panel has focus: a window-wide "1" or "0" would break typing.
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        action.setEnabled(False)
        self.addAction(action)
        return action

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

    # -- zoom ------------------------------------------------------------------------------

    def zoom_in(self) -> None:
        """Enlarge by one step around the centre."""
        self.canvas.zoom_by(ZOOM_STEP)

    def zoom_out(self) -> None:
        """Shrink by one step around the centre."""
        self.canvas.zoom_by(1 / ZOOM_STEP)

    def fit(self) -> None:
        """Fit the whole figure into the panel."""
        self.canvas.fit()

    def actual_size(self) -> None:
        """Show the figure at 100 %."""
        self.canvas.actual_size()

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

    def _enable_zoom(self, enabled: bool) -> None:
        for action in (
            self.zoom_in_action,
            self.zoom_out_action,
            self.fit_action,
            self.actual_size_action,
        ):
            action.setEnabled(enabled)
