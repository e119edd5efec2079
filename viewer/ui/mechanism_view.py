"""The mechanism panel: the caption's proposed mechanism as a zoomable pathway diagram.

``MechanismView`` stacks two pages: the diagram (a ``MechanismCanvas`` over a
``MechanismScene``) and a plain-text note for a figure whose caption names none of its genes.
The canvas works like the figure image panel: it fits the diagram to the panel (never
enlarging it) until the user zooms; the wheel zooms around the cursor, ``+``/``=`` and ``-``
zoom, ``0`` fits, ``1`` shows 100 %; dragging the background pans, clicking a box selects it
(Ctrl-click adds), a click on the background clears the selection and a double click there
switches between fit and 100 %. Double-clicking a gene opens its NCBI Gene page; a family
offers its members' pages.

Selecting boxes emits ``genesSelected`` with their genes' NCBI ids; ``highlight_entrez`` marks
the boxes of genes picked elsewhere (the gene table) without emitting anything back.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPalette,
    QResizeEvent,
    QShowEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsView,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from viewer.mechanism.model import Mechanism
from viewer.ui import mechanism_render
from viewer.ui.mechanism_scene import EMPTY_MESSAGE, MechanismScene, colors_from_palette

NO_RECORD = "No figure selected."
MIN_SCALE = 0.05
MAX_SCALE = 8.0
ZOOM_STEP = 1.25
FIT_MARGIN = 8


class MechanismCanvas(QGraphicsView):
    """A view of a ``MechanismScene`` with fit, zoom around the cursor and drag to pan."""

    zoomChanged = Signal(float)

    def __init__(self, scene: MechanismScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.fit_mode = True
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        # Presses on boxes select them (the scene accepts those); the rest pans, and
        # QGraphicsView takes a press-and-release with hardly any motion for a click on the
        # background, which clears the selection.
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)

    def mechanism_scene(self) -> MechanismScene:
        """The scene shown."""
        scene = self.scene()
        assert isinstance(scene, MechanismScene)
        return scene

    # -- zoom ------------------------------------------------------------------------------

    @property
    def zoom(self) -> float:
        """The current scale: 1.0 draws one scene pixel per screen pixel."""
        return self.transform().m11()

    def _has_content(self) -> bool:
        return bool(self.mechanism_scene().node_items)

    def fit_scale(self) -> float:
        """The scale that shows the whole diagram (never above 1)."""
        rect = self.sceneRect()
        if rect.isEmpty():
            return 1.0
        room = self.viewport().size()
        width = max(1, room.width() - 2 * FIT_MARGIN)
        height = max(1, room.height() - 2 * FIT_MARGIN)
        return min(width / rect.width(), height / rect.height(), 1.0)

    def fit(self) -> None:
        """Fit the whole diagram into the view, and keep it fitted as the view resizes."""
        self.fit_mode = True
        self._scale_to(self.fit_scale(), None)
        self.centerOn(self.sceneRect().center())

    def actual_size(self) -> None:
        """Show the diagram at 100 %."""
        self.fit_mode = False
        self._scale_to(1.0, None)

    def zoom_by(self, factor: float, anchor: QPointF | None = None) -> None:
        """Zoom by ``factor`` keeping the point under ``anchor`` (viewport coordinates) still."""
        self.fit_mode = False
        self._scale_to(self.zoom * factor, anchor)

    def _scale_to(self, scale: float, anchor: QPointF | None) -> None:
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
        self.zoomChanged.emit(scale)

    # -- events ----------------------------------------------------------------------------

    def wheelEvent(self, event: QWheelEvent) -> None:
        """Zoom around the cursor; a notch of a wheel is one zoom step."""
        steps = event.angleDelta().y() / 120
        if steps == 0 or not self._has_content():
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
        if mods == Qt.KeyboardModifier.NoModifier and self._has_content():
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

    def _on_node(self, pos: QPoint) -> bool:
        return self.mechanism_scene().node_at(self.mapToScene(pos)) is not None

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        """On a box: follow it (the scene does); elsewhere: switch between fit and 100 %."""
        point = event.position().toPoint()
        if event.button() != Qt.MouseButton.LeftButton or self._on_node(point):
            super().mouseDoubleClickEvent(event)
            return
        if not self._has_content():
            return
        if self.fit_mode and self.fit_scale() < 1.0:
            self.fit_mode = False
            self._scale_to(1.0, event.position())
        else:
            self.fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Keep a fitted diagram fitted."""
        super().resizeEvent(event)
        if self.fit_mode:
            self.fit()

    def showEvent(self, event: QShowEvent) -> None:
        """Fit again once the view has its real size."""
        super().showEvent(event)
        if self.fit_mode:
            self.fit()


class MechanismView(QWidget):
    """The proposed mechanism of one figure, or a note when the caption names none of its genes.

    ``set_mechanism`` shows a ``Mechanism`` (``None`` clears); ``scene`` is the
    ``MechanismScene`` and ``canvas`` the view over it. ``zoom_in``, ``zoom_out``, ``fit`` and
    ``actual_size`` (and the matching ``*_action`` QActions, for menus) act on the diagram.
    """

    genesSelected = Signal(list)
    zoomChanged = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mechanism: Mechanism | None = None
        self.scene = MechanismScene(self, colors=colors_from_palette(self.palette()))
        self.scene.nodesSelected.connect(self.genesSelected)
        self.canvas = MechanismCanvas(self.scene)
        self.canvas.zoomChanged.connect(self.zoomChanged)

        self.empty_label = QLabel(NO_RECORD)
        # Fixed text today, but the page may one day name the figure: keep it plain.
        self.empty_label.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.empty_label.setMargin(16)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_label)
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
        self._apply_palette()
        self.setMinimumSize(160, 120)

    def _action(
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

    # -- what is shown ---------------------------------------------------------------------

    @property
    def showing_diagram(self) -> bool:
        """Whether the diagram (rather than the note) is shown."""
        return self.stack.currentWidget() is self.canvas

    def message(self) -> str:
        """The note shown instead of a diagram."""
        return self.empty_label.text()

    def set_mechanism(self, mechanism: Mechanism | None) -> None:
        """Draw ``mechanism``, fitted; ``None`` clears the panel."""
        self.mechanism = mechanism
        self.scene.set_mechanism(mechanism)
        has_nodes = bool(self.scene.node_items)
        if has_nodes:
            self.stack.setCurrentWidget(self.canvas)
            self.canvas.fit()
        else:
            self.empty_label.setText(NO_RECORD if mechanism is None else EMPTY_MESSAGE)
            self.stack.setCurrentWidget(self.empty_label)
        for action in (
            self.zoom_in_action,
            self.zoom_out_action,
            self.fit_action,
            self.actual_size_action,
        ):
            action.setEnabled(has_nodes)

    def highlight_entrez(self, ids: Iterable[str]) -> None:
        """Mark the boxes standing for these NCBI Gene ids (``genesSelected`` stays quiet)."""
        self.scene.highlight_entrez(set(ids))

    # -- zoom ------------------------------------------------------------------------------

    def zoom_in(self) -> None:
        """Enlarge by one step around the centre."""
        self.canvas.zoom_by(ZOOM_STEP)

    def zoom_out(self) -> None:
        """Shrink by one step around the centre."""
        self.canvas.zoom_by(1 / ZOOM_STEP)

    def fit(self) -> None:
        """Fit the whole diagram into the panel."""
        self.canvas.fit()

    def actual_size(self) -> None:
        """Show the diagram at 100 %."""
        self.canvas.actual_size()

    # -- export ----------------------------------------------------------------------------

    def export_svg(self, path: str | os.PathLike[str]) -> bool:
        """Write the diagram to ``path`` as SVG, in print colours.

        Returns ``False`` when there is nothing to export; raises ``OSError`` (with the path
        and reason in its message) when the file cannot be written.
        """
        if not self.scene.node_items:
            return False
        return mechanism_render.render_svg(self.mechanism, path)

    def export_png(self, path: str | os.PathLike[str], scale: float = 2.0) -> bool:
        """Write the diagram to ``path`` as PNG at ``scale`` pixels per scene pixel.

        Returns ``False`` when there is nothing to export; raises ``OSError`` (with the path
        and reason in its message) when the file cannot be written.
        """
        if not self.scene.node_items:
            return False
        return mechanism_render.render_png(self.mechanism, path, scale)

    # -- palette ---------------------------------------------------------------------------

    def _apply_palette(self) -> None:
        colors = colors_from_palette(self.palette())
        self.scene.set_colors(colors)
        self.canvas.setBackgroundBrush(colors.background)

    def changeEvent(self, event: QEvent) -> None:
        """Follow light/dark palette changes."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_palette()
