"""Editing the mechanism on its canvas: the gestures and menus that turn into changes.

A ``CanvasEditor`` attached to a ``MechanismScene`` (``scene.set_editor``) makes the diagram
editable:

- drag a box to move it (the selected boxes move together);
- Shift-drag from one box to another to draw a relation (an activation; change its type from
  its menu);
- right-click a relation: its type (activates, inhibits, binds, is associated with), Reverse,
  Delete; right-click a box: Rename…, Delete (besides its NCBI Gene pages); right-click the
  background: Add Gene ▸ (the record's genes) and Add Named Entity…;
- Delete (or Backspace) deletes the selected boxes and relations; F2 renames the selected box;
  the arrow keys nudge the selected boxes (10 px, 50 with Shift), one undo step per run.

The editor never changes the mechanism itself: it emits ``changeRequested`` with a
``viewer.mechanism.edits.Change`` for the owner to apply (through its undo stack), and
``editRefused`` with a message when an edit cannot be made. Names typed by the user go
through ``ask_text``, which tests replace.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QActionGroup, QKeyEvent, QPen
from PySide6.QtWidgets import (
    QGraphicsLineItem,
    QGraphicsSceneMouseEvent,
    QInputDialog,
    QLineEdit,
    QMenu,
    QWidget,
)

from viewer.mechanism.edits import (
    Change,
    EditError,
    add_node,
    add_relation,
    gene_node,
    move_nodes,
    named_node,
    relabel,
    remove_nodes,
    remove_relation,
    reverse_relation,
    set_relation_type,
)
from viewer.mechanism.model import Edge, Member, Node

if TYPE_CHECKING:
    from viewer.ui.mechanism_scene import MechanismScene

RELATION_ENTRIES = (
    ("activation", "Activates (→)"),
    ("inhibition", "Inhibits (⊣)"),
    ("binding", "Binds (—)"),
    ("association", "Is Associated With (- -)"),
)
DRAW_HINT = "Shift-drag from a box to another to draw a relation"


def _menu_text(text: str) -> str:
    """Record text as a menu entry: "&" would start a keyboard mnemonic."""
    return text.replace("&", "&&")


def ask_text_dialog(parent: QWidget | None, title: str, label: str, text: str) -> str | None:
    """Ask for one line of text; ``None`` when the user cancels."""
    value, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, text)
    return value if ok else None


class CanvasEditor(QObject):
    """The editing gestures and menus of one ``MechanismScene``.

    ``genes`` are the record's genes that Add Gene offers; ``ask_text(title, label, text)``
    asks for a name and returns ``None`` on cancel.
    """

    changeRequested = Signal(object)  # Change
    editRefused = Signal(str)

    def __init__(self, scene: MechanismScene) -> None:
        super().__init__(scene)
        self.scene = scene
        self.genes: list[Member] = []
        self.ask_text: Callable[[str, str, str], str | None] = self._ask_with_dialog
        self.rubber: QGraphicsLineItem | None = None
        self._from: str | None = None
        self._pressed: dict[str, QPointF] = {}

    def _ask_with_dialog(self, title: str, label: str, text: str) -> str | None:
        views = self.scene.views()
        return ask_text_dialog(views[0] if views else None, title, label, text)

    # -- changes ---------------------------------------------------------------------------

    def request(self, build: Callable[..., Change], *args: object) -> bool:
        """Build a change against the scene's mechanism and ask for it; False if refused."""
        mechanism = self.scene.mechanism
        if mechanism is None:
            return False
        try:
            change = build(mechanism, *args)
        except EditError as exc:
            self.editRefused.emit(str(exc))
            return False
        if change.empty:
            return False
        self.changeRequested.emit(change)
        return True

    # -- mouse -----------------------------------------------------------------------------

    def press(self, event: QGraphicsSceneMouseEvent) -> bool:
        """Start drawing a relation (Shift on a box); True when the editor took the press."""
        item = self.scene.node_at(event.scenePos())
        self._pressed = {}
        if item is None or event.button() != Qt.MouseButton.LeftButton:
            return False
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self._from = item.node.id
            self.rubber = QGraphicsLineItem(QLineF(item.scenePos(), event.scenePos()))
            pen = QPen(self.scene.colors.selection, 2.0)
            pen.setStyle(Qt.PenStyle.DashLine)
            self.rubber.setPen(pen)
            self.rubber.setZValue(10)
            self.scene.addItem(self.rubber)
            event.accept()
            return True
        self._pressed = {node_id: i.pos() for node_id, i in self.scene.node_items.items()}
        return False

    def move(self, event: QGraphicsSceneMouseEvent) -> bool:
        """Follow the pointer with the relation being drawn; True when drawing."""
        if self.rubber is None:
            return False
        line = self.rubber.line()
        self.rubber.setLine(QLineF(line.p1(), event.scenePos()))
        event.accept()
        return True

    def release(self, event: QGraphicsSceneMouseEvent) -> bool:
        """Finish drawing a relation; True when the editor took the release."""
        if self.rubber is None:
            return False
        source = self._from
        self.scene.removeItem(self.rubber)
        self.rubber, self._from = None, None
        target = self.scene.node_at(event.scenePos())
        if source is not None and target is not None and target.node.id != source:
            self.request(add_relation, source, target.node.id, "activation")
        event.accept()
        return True

    def moved_boxes(self) -> None:
        """After a press and release: ask to move the boxes the user dragged."""
        pressed, self._pressed = self._pressed, {}
        items = self.scene.node_items
        dragged = {
            node_id: (item.pos().x(), item.pos().y())
            for node_id, item in items.items()
            if node_id in pressed and item.pos() != pressed[node_id]
        }
        if dragged:
            self.request(move_nodes, self._with_the_rest(dragged))

    def _with_the_rest(
        self, moved: dict[str, tuple[float, float]]
    ) -> dict[str, tuple[float, float]]:
        """New centres, rounded; every box's when the canvas (not the mechanism) placed them."""
        if self.scene.laid_out_here:
            # Keep every box where it is seen, or the others would fall back to one point.
            seen = {i: (it.pos().x(), it.pos().y()) for i, it in self.scene.node_items.items()}
            moved = {**seen, **moved}
        return {i: (round(x, 2), round(y, 2)) for i, (x, y) in moved.items()}

    def nudge(self, dx: float, dy: float) -> bool:
        """Move the selected boxes by ``(dx, dy)``; runs of nudges merge into one undo step."""
        selected = self.scene.selected_node_ids()
        if not selected:
            return False
        items = self.scene.node_items
        moved = {i: (items[i].pos().x() + dx, items[i].pos().y() + dy) for i in selected}
        return self.request(move_nodes, self._with_the_rest(moved), "nudge " + " ".join(selected))

    # -- keys ------------------------------------------------------------------------------

    def key(self, event: QKeyEvent) -> bool:
        """Delete/Backspace deletes the selection, F2 renames; True when handled."""
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.delete_selection()
            event.accept()
            return True
        step = 50.0 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 10.0
        arrows = {
            Qt.Key.Key_Left: (-step, 0.0),
            Qt.Key.Key_Right: (step, 0.0),
            Qt.Key.Key_Up: (0.0, -step),
            Qt.Key.Key_Down: (0.0, step),
        }
        if event.key() in arrows and self.nudge(*arrows[Qt.Key(event.key())]):
            event.accept()
            return True
        if event.key() == Qt.Key.Key_F2:
            selected = self.scene.selected_node_ids()
            if len(selected) == 1:
                self.rename(selected[0])
                event.accept()
                return True
        return False

    def delete_selection(self) -> None:
        """Delete the selected boxes (with their relations), else the selected relations."""
        nodes = self.scene.selected_node_ids()
        if nodes:
            self.request(remove_nodes, nodes)
            return
        edges = self.scene.selected_edges()
        if len(edges) == 1:
            self.request(remove_relation, edges[0].source, edges[0].target)
        elif edges:
            self.request(_remove_relations, [(e.source, e.target) for e in edges])

    def rename(self, node_id: str) -> None:
        """Ask for a new label for the box ``node_id``."""
        mechanism = self.scene.mechanism
        if mechanism is None or node_id not in self.scene.node_items:
            return
        old = mechanism.node(node_id).label
        # The old label goes in the (plain-text) line edit only: a dialog's label guesses
        # rich text, and a label from a record must never be read as markup.
        label = self.ask_text("Rename", "New label (the box keeps its genes):", old)
        if label is not None:
            self.request(relabel, node_id, label)

    def add_named(self, pos: QPointF) -> None:
        """Ask for a name and add a box for it at ``pos``."""
        name = self.ask_text("Add Named Entity", "Name of the gene, complex or molecule:", "")
        if name is not None:
            self.request(_add_named, name, pos.x(), pos.y())

    # -- menus -----------------------------------------------------------------------------

    def add_node_actions(self, menu: QMenu, node: Node) -> None:
        """Rename… and Delete for the box of ``node``."""
        if menu.actions():
            menu.addSeparator()
        menu.addAction("Rename…", lambda: self.rename(node.id))
        menu.addAction("Delete", lambda: self.request(remove_nodes, [node.id]))
        hint = menu.addAction(DRAW_HINT)
        hint.setEnabled(False)

    def edge_menu(self, edge: Edge) -> QMenu:
        """The menu of a relation: its type, Reverse, Delete."""
        menu = QMenu()
        group = QActionGroup(menu)
        for relation, text in RELATION_ENTRIES:
            action = menu.addAction(text)
            action.setCheckable(True)
            action.setChecked(edge.type == relation)
            action.setActionGroup(group)
            action.triggered.connect(
                lambda _=False, r=relation: self.request(
                    set_relation_type, edge.source, edge.target, r
                )
            )
        menu.addSeparator()
        menu.addAction("Reverse", lambda: self.request(reverse_relation, edge.source, edge.target))
        menu.addAction("Delete", lambda: self.request(remove_relation, edge.source, edge.target))
        return menu

    def canvas_menu(self, pos: QPointF) -> QMenu:
        """The menu of the background at scene point ``pos``: add a gene or a named entity."""
        menu = QMenu()
        genes = menu.addMenu("Add &Gene")
        mechanism = self.scene.mechanism
        shown = {e for n in (mechanism.nodes if mechanism else []) for e in n.entrez_ids}
        for member in self.genes:
            text = _menu_text(member.symbol) + (f" ({member.entrez})" if member.entrez else "")
            if member.entrez in shown:
                text += " — on the canvas"
            genes.addAction(text, lambda m=member: self.request(_add_gene, m, pos.x(), pos.y()))
        if not self.genes:
            genes.addAction("The record lists no genes").setEnabled(False)
        menu.addAction("Add &Named Entity…", lambda: self.add_named(pos))
        return menu


def _add_gene(mechanism, member: Member, x: float, y: float) -> Change:  # type: ignore[no-untyped-def]
    return add_node(mechanism, gene_node(mechanism, member, x, y))


def _add_named(mechanism, name: str, x: float, y: float) -> Change:  # type: ignore[no-untyped-def]
    return add_node(mechanism, named_node(mechanism, name, x, y))


def _remove_relations(mechanism, pairs: list[tuple[str, str]]) -> Change:  # type: ignore[no-untyped-def]
    edges = tuple(
        edge
        for source, target in pairs
        for edge in remove_relation(mechanism, source, target).edges
    )
    return Change(f"Delete {len(edges)} relations", (), edges)
