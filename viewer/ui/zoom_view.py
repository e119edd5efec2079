"""Zoom and pan shared by the figure image panel and the mechanism panel.

``ZoomableView`` is a ``QGraphicsView`` that fits its content to the view (shrinking, never
enlarging past 100 %) and keeps it fitted as the view resizes, until the user zooms: the wheel
zooms around the cursor, ``+``/``=`` and ``-``/``_`` zoom, ``0`` fits, ``1`` shows 100 %,
dragging pans and a double click switches between fit and 100 %. ``zoomChanged`` reports
every new scale. Subclasses say where the content is (``content_rect``), whether there is any
(``has_content``), which double clicks belong to the scene (``_double_click_passes``) and what
to redraw at a new scale (``_scaled``); ``min_scale`` and ``max_scale`` bound the zoom.

``ZoomPanel`` is a ``QWidget`` around such a view (its ``canvas``, stacked with a note page by
``_add_pages``): ``zoom_in``, ``zoom_out``, ``fit`` and ``actual_size`` act on the canvas, and
``_add_zoom_actions`` makes the matching QActions for menus (disabled until ``_enable_zoom``
says there is content).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QResizeEvent,
    QShowEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QFrame, QGraphicsView, QStackedWidget, QVBoxLayout, QWidget

ZOOM_STEP = 1.25
# Blank pixels kept around the content in fit mode, so its edge stays visible.
FIT_MARGIN = 8


class ZoomableView(QGraphicsView):
    """A view with fit-to-window, zoom around the cursor or centre, and drag to pan.

    ``fit_mode`` is true while the view keeps its content fitted (until the user zooms).
    """

    zoomChanged = Signal(float)

    min_scale: ClassVar[float] = 0.05
    max_scale: ClassVar[float] = 8.0

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fit_mode = True
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        # Anchoring is done by hand (see _scale_to) so it works before any mouse move.
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    # -- hooks -----------------------------------------------------------------------------

    def content_rect(self) -> QRectF:
        """The scene rectangle to fit and centre on (empty when there is nothing to show)."""
        return self.sceneRect()

    def has_content(self) -> bool:
        """Whether there is anything to zoom (the wheel, keys and double click act only then)."""
        return not self.content_rect().isEmpty()

    def _double_click_passes(self, event: QMouseEvent) -> bool:
        """Whether a left double click goes to ``QGraphicsView`` instead of toggling the zoom."""
        return not self.has_content()

    def _scaled(self, scale: float) -> None:
        """Called when the view has just been set to ``scale`` (before ``zoomChanged``)."""

    # -- zoom ------------------------------------------------------------------------------

    @property
    def zoom(self) -> float:
        """The current scale: 1.0 draws one scene pixel per screen pixel."""
        return self.transform().m11()

    def fit_scale(self) -> float:
        """The scale that shows the whole content (never above 1: small content stays sharp)."""
        rect = self.content_rect()
        if rect.isEmpty():
            return 1.0
        room = self.viewport().size()
        width = max(1, room.width() - 2 * FIT_MARGIN)
        height = max(1, room.height() - 2 * FIT_MARGIN)
        return min(width / rect.width(), height / rect.height(), 1.0)

    def fit(self) -> None:
        """Fit the whole content into the view, and keep it fitted as the view resizes."""
        self.fit_mode = True
        self._scale_to(self.fit_scale(), None)
        self.centerOn(self.content_rect().center())

    def actual_size(self) -> None:
        """Show the content at 100 %."""
        self.fit_mode = False
        self._scale_to(1.0, None)

    def zoom_by(self, factor: float, anchor: QPointF | None = None) -> None:
        """Zoom by ``factor`` keeping the point under ``anchor`` (viewport coordinates) still."""
        self.fit_mode = False
        self._scale_to(self.zoom * factor, anchor)

    def zoom_in(self) -> None:
        """Enlarge by one step around the centre."""
        self.zoom_by(ZOOM_STEP)

    def zoom_out(self) -> None:
        """Shrink by one step around the centre."""
        self.zoom_by(1 / ZOOM_STEP)

    def _scale_to(self, scale: float, anchor: QPointF | None) -> None:
        low = min(self.min_scale, self.fit_scale())
        scale = max(low, min(self.max_scale, scale))
        if anchor is None:
            anchor = QPointF(self.viewport().rect().center())
        fixed = self.mapToScene(anchor.toPoint())
        self.setTransform(QTransform.fromScale(scale, scale))
        # Scroll so that the scene point that was under the anchor is under it again.
        moved = self.mapFromScene(fixed) - anchor.toPoint()
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + moved.x())
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + moved.y())
        self._scaled(scale)
        self.zoomChanged.emit(scale)

    # -- events ----------------------------------------------------------------------------

    def wheelEvent(self, event: QWheelEvent) -> None:
        """Zoom around the cursor; a notch of a wheel is one zoom step."""
        steps = event.angleDelta().y() / 120
        if steps == 0 or not self.has_content():
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
        if mods == Qt.KeyboardModifier.NoModifier and self.has_content():
            if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
                self.zoom_in()
                return
            if key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
                self.zoom_out()
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
        if event.button() != Qt.MouseButton.LeftButton or self._double_click_passes(event):
            super().mouseDoubleClickEvent(event)
            return
        if not self.has_content():
            return
        if self.fit_mode and self.fit_scale() < 1.0:
            self.fit_mode = False
            self._scale_to(1.0, event.position())
        else:
            self.fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Keep fitted content fitted."""
        super().resizeEvent(event)
        if self.fit_mode:
            self.fit()

    def showEvent(self, event: QShowEvent) -> None:
        """Fit again once the view has its real size."""
        super().showEvent(event)
        if self.fit_mode:
            self.fit()


class ZoomPanel(QWidget):
    """A panel showing its content in a ``ZoomableView`` (``canvas``, set by the subclass).

    ``stack`` holds two pages, a note and the canvas. ``zoom_in``, ``zoom_out``, ``fit`` and
    ``actual_size`` (and the matching ``*_action`` QActions, made by ``_add_zoom_actions``) act
    on the canvas; ``zoomChanged`` is for the subclass to connect to the canvas's.
    """

    zoomChanged = Signal(float)

    canvas: ZoomableView
    stack: QStackedWidget
    zoom_in_action: QAction
    zoom_out_action: QAction
    fit_action: QAction
    actual_size_action: QAction

    def _add_pages(self, note: QWidget) -> None:
        """Fill the panel with ``stack``: the ``note`` page, then the canvas."""
        self.stack = QStackedWidget()
        self.stack.addWidget(note)
        self.stack.addWidget(self.canvas)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    def _add_zoom_actions(self) -> None:
        """Make the four zoom actions, with their shortcuts, disabled until there is content."""
        self.zoom_in_action = self._zoom_action(
            "Zoom &In", QKeySequence.StandardKey.ZoomIn, self.zoom_in
        )
        self.zoom_out_action = self._zoom_action(
            "Zoom &Out", QKeySequence.StandardKey.ZoomOut, self.zoom_out
        )
        self.fit_action = self._zoom_action("&Fit to Window", QKeySequence("Ctrl+0"), self.fit)
        self.actual_size_action = self._zoom_action(
            "&Actual Size", QKeySequence("Ctrl+1"), self.actual_size
        )

    def _zoom_action(
        self, text: str, keys: QKeySequence | QKeySequence.StandardKey, slot: Callable[[], None]
    ) -> QAction:
        action = QAction(text, self)
        action.setShortcut(keys)
        # Only while the panel has focus: a window-wide "1" or "0" would break typing.
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        action.setEnabled(False)
        self.addAction(action)
        return action

    def _enable_zoom(self, enabled: bool) -> None:
        for action in (
            self.zoom_in_action,
            self.zoom_out_action,
            self.fit_action,
            self.actual_size_action,
        ):
            action.setEnabled(enabled)

    # -- zoom ------------------------------------------------------------------------------

    def zoom_in(self) -> None:
        """Enlarge by one step around the centre."""
        self.canvas.zoom_in()

    def zoom_out(self) -> None:
        """Shrink by one step around the centre."""
        self.canvas.zoom_out()

    def fit(self) -> None:
        """Fit the whole content into the panel."""
        self.canvas.fit()

    def actual_size(self) -> None:
        """Show the content at 100 %."""
        self.canvas.actual_size()
