"""The mechanism panel: the caption's proposed mechanism as a zoomable pathway diagram.

``MechanismView`` stacks two pages: the diagram (a ``MechanismCanvas`` over a
``MechanismScene``) and a plain-text note for a figure whose caption names none of its genes.
The canvas works like the figure image panel (both are ``ZoomableView``s, see
``viewer.ui.zoom_view``): it fits the diagram to the panel (never enlarging it) until the user
zooms; the wheel zooms around the cursor, ``+``/``=`` and ``-`` zoom, ``0`` fits, ``1`` shows
100 %; dragging the background pans, clicking a box selects it (Ctrl-click adds), a click on
the background clears the selection and a double click there switches between fit and 100 %.
Double-clicking a gene opens its NCBI Gene page; a family offers its members' pages.

Selecting boxes emits ``genesSelected`` with their genes' NCBI ids; ``highlight_entrez`` marks
the boxes of genes picked elsewhere (the gene table) without emitting anything back.

``make_editable`` turns on editing (``viewer.ui.canvas_edit``); ``refresh`` redraws after an
edit without refitting; ``set_notice`` shows a line of plain text above the diagram (a
curation that no longer matches its record, a curation that cannot be read).
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QPalette
from PySide6.QtWidgets import QGraphicsView, QLabel, QVBoxLayout, QWidget

from viewer.mechanism.model import Mechanism
from viewer.ui import mechanism_render
from viewer.ui.canvas_edit import CanvasEditor
from viewer.ui.mechanism_scene import EMPTY_MESSAGE, MechanismScene, colors_from_palette
from viewer.ui.zoom_view import ZoomableView, ZoomPanel

NO_RECORD = "No figure selected."
MIN_SCALE = 0.05
MAX_SCALE = 8.0


class MechanismCanvas(ZoomableView):
    """A view of a ``MechanismScene`` with fit, zoom around the cursor and drag to pan."""

    min_scale = MIN_SCALE
    max_scale = MAX_SCALE

    def __init__(self, scene: MechanismScene, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(scene)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        # The drag mode is ZoomableView's ScrollHandDrag: presses on boxes select them (the
        # scene accepts those); the rest pans, and QGraphicsView takes a press-and-release with
        # hardly any motion for a click on the background, which clears the selection.
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)

    def mechanism_scene(self) -> MechanismScene:
        """The scene shown."""
        scene = self.scene()
        assert isinstance(scene, MechanismScene)
        return scene

    def has_content(self) -> bool:
        """Whether the diagram has any boxes."""
        return bool(self.mechanism_scene().node_items)

    def _on_node(self, pos: QPoint) -> bool:
        return self.mechanism_scene().node_at(self.mapToScene(pos)) is not None

    def _double_click_passes(self, event: QMouseEvent) -> bool:
        """A double click on a box is the scene's: it follows the box."""
        return self._on_node(event.position().toPoint())


class MechanismView(ZoomPanel):
    """The proposed mechanism of one figure, or a note when the caption names none of its genes.

    ``set_mechanism`` shows a ``Mechanism`` (``None`` clears); ``scene`` is the
    ``MechanismScene`` and ``canvas`` the view over it. ``zoom_in``, ``zoom_out``, ``fit`` and
    ``actual_size`` (and the matching ``*_action`` QActions, for menus) act on the diagram.
    """

    genesSelected = Signal(list)

    canvas: MechanismCanvas

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

        self.notice = QLabel()
        self.notice.setTextFormat(Qt.TextFormat.PlainText)  # it may quote file names
        self.notice.setWordWrap(True)
        self.notice.setMargin(6)
        self.notice.setAutoFillBackground(True)
        self.notice.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.notice.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.notice.hide()

        self._add_pages(self.empty_label)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, self.notice)
        self._add_zoom_actions()
        self._apply_palette()
        self.setMinimumSize(160, 120)

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
        self._enable_zoom(has_nodes)

    def refresh(self) -> None:
        """Redraw the mechanism after it was edited, keeping zoom, scroll and selection."""
        self.scene.refresh()
        has_nodes = bool(self.scene.node_items)
        if has_nodes and not self.showing_diagram:
            self.stack.setCurrentWidget(self.canvas)
            self.canvas.fit()
        self._enable_zoom(has_nodes)

    def make_editable(self) -> CanvasEditor:
        """Let the user edit the diagram; returns the editor whose signals carry the edits."""
        return self.scene.make_editable()

    def set_note(self, note: str) -> None:
        """Say under the legend (and in exported pictures) where the mechanism comes from."""
        self.scene.set_note(note)

    def set_notice(self, text: str | None) -> None:
        """Show ``text`` above the diagram (plain text); ``None`` or empty hides it."""
        self.notice.setText(text or "")
        self.notice.setVisible(bool(text))

    def highlight_entrez(self, ids: Iterable[str]) -> None:
        """Mark the boxes standing for these NCBI Gene ids (``genesSelected`` stays quiet)."""
        self.scene.highlight_entrez(set(ids))

    def mark_entrez(self, ids: Iterable[str]) -> None:
        """Mark the boxes of genes of the highlighted gene list (amber border and fill)."""
        self.scene.mark_entrez(set(ids))

    # -- export ----------------------------------------------------------------------------

    def export_svg(self, path: str | os.PathLike[str]) -> bool:
        """Write the diagram to ``path`` as SVG, in print colours.

        Returns ``False`` when there is nothing to export; raises ``OSError`` (with the path
        and reason in its message) when the file cannot be written.
        """
        if not self.scene.node_items:
            return False
        return mechanism_render.render_svg(self.mechanism, path, self.scene.note)

    def export_png(self, path: str | os.PathLike[str], scale: float = 2.0) -> bool:
        """Write the diagram to ``path`` as PNG at ``scale`` pixels per scene pixel.

        Returns ``False`` when there is nothing to export; raises ``OSError`` (with the path
        and reason in its message) when the file cannot be written.
        """
        if not self.scene.node_items:
            return False
        return mechanism_render.render_png(self.mechanism, path, scale, self.scene.note)

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
