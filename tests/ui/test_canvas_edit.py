"""Editing on the canvas, as a curator does it: drag, Shift-drag, menus, keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QMenu
from test_mechanism_view import demo_mechanism

from viewer.mechanism.edits import apply
from viewer.mechanism.model import Member
from viewer.ui.mechanism_view import MechanismView


@pytest.fixture
def editing(qtbot):
    """A view of the demo mechanism, editable, that applies what the editor asks for."""
    view = MechanismView()
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.set_mechanism(demo_mechanism())
    editor = view.make_editable()
    changes, refusals = [], []

    def on_change(change) -> None:
        changes.append(change)
        apply(view.mechanism, change)
        view.refresh()

    editor.changeRequested.connect(on_change)
    editor.editRefused.connect(refusals.append)
    view.show()
    qtbot.waitExposed(view)
    view.actual_size()
    return view, editor, changes, refusals


def point_of(view: MechanismView, node_id: str) -> QPoint:
    return view.canvas.mapFromScene(view.scene.node_items[node_id].scenePos())


def mouse_drag(view: MechanismView, start: QPoint, end: QPoint, modifiers=None) -> None:
    viewport = view.canvas.viewport()
    mods = modifiers or Qt.KeyboardModifier.NoModifier
    left = Qt.MouseButton.LeftButton

    def send(kind, pos: QPoint, button, held) -> None:
        event = QMouseEvent(
            kind, QPointF(pos), QPointF(viewport.mapToGlobal(pos)), button, held, mods
        )
        QApplication.sendEvent(viewport, event)

    send(QEvent.Type.MouseButtonPress, start, left, left)
    for i in range(1, 11):
        send(QEvent.Type.MouseMove, start + (end - start) * i / 10, Qt.MouseButton.NoButton, left)
    send(QEvent.Type.MouseButtonRelease, end, left, Qt.MouseButton.NoButton)


def triggered(menu: QMenu, text: str) -> None:
    (action,) = [a for a in menu.actions() if a.text() == text]
    action.trigger()


def relations(view: MechanismView) -> set[tuple[str, str, str]]:
    return {(e.source, e.target, e.type) for e in view.mechanism.edges}


def test_dragging_a_box_moves_it_and_its_relations_follow(editing) -> None:
    view, _, changes, _ = editing
    before = view.mechanism.node("stat3")
    edge = next(i for i in view.scene.edge_items if i.edge.target == "stat3")
    end_before = edge.end_point()
    start = point_of(view, "stat3")
    mouse_drag(view, start, start + QPoint(150, 40))
    (change,) = changes
    assert change.text == "Move STAT3"
    moved = view.mechanism.node("stat3")
    assert (moved.x, moved.y) == pytest.approx((before.x + 150, before.y + 40), abs=1)
    edge = next(i for i in view.scene.edge_items if i.edge.target == "stat3")
    assert edge.end_point().x() > end_before.x() + 100  # the arrow points at the new place


def test_a_click_without_moving_changes_nothing(editing, qtbot) -> None:
    view, _, changes, _ = editing
    qtbot.mouseClick(view.canvas.viewport(), Qt.MouseButton.LeftButton, pos=point_of(view, "il6"))
    assert changes == [] and view.scene.selected_node_ids() == ["il6"]


def test_shift_drag_from_box_to_box_draws_an_activation(editing) -> None:
    view, _, changes, refusals = editing
    shift = Qt.KeyboardModifier.ShiftModifier
    mouse_drag(view, point_of(view, "ikb"), point_of(view, "stat3"), shift)
    assert ("ikb", "stat3", "activation") in relations(view)
    assert changes[-1].text == "Add IκB → STAT3"
    assert view.scene.editor.rubber is None  # the rubber band line is gone
    assert any(i.edge.target == "stat3" and i.edge.source == "ikb" for i in view.scene.edge_items)
    # Drawn again: refused, with a reason the window shows.
    mouse_drag(view, point_of(view, "ikb"), point_of(view, "stat3"), shift)
    assert refusals == ["IκB → STAT3 is already drawn"]
    # Dropped on the background or on itself: nothing.
    mouse_drag(view, point_of(view, "ikb"), QPoint(2, 2), shift)
    mouse_drag(view, point_of(view, "ikb"), point_of(view, "ikb") + QPoint(3, 0), shift)
    assert len(changes) == 1


def test_relation_menu_types_reverses_and_deletes(editing) -> None:
    view, editor, _, _ = editing
    edge = view.mechanism.graph.edges["nfkb", "il6"]["edge"]
    menu = editor.edge_menu(edge)
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == [
        "Activates (→)",
        "Inhibits (⊣)",
        "Binds (—)",
        "Is Associated With (- -)",
        "Reverse",
        "Delete",
    ]
    assert [a.isChecked() for a in menu.actions()[:4]] == [True, False, False, False]
    triggered(menu, "Binds (—)")
    assert ("nfkb", "il6", "binding") in relations(view)
    item = next(i for i in view.scene.edge_items if i.edge.source == "nfkb")
    assert item.head_kind == "none"  # redrawn as a plain line
    triggered(editor.edge_menu(view.mechanism.graph.edges["nfkb", "il6"]["edge"]), "Reverse")
    assert ("il6", "nfkb", "binding") in relations(view)
    triggered(editor.edge_menu(view.mechanism.graph.edges["il6", "nfkb"]["edge"]), "Delete")
    assert not view.mechanism.graph.has_edge("il6", "nfkb")


def test_box_menu_renames_and_deletes(editing) -> None:
    view, editor, _, _ = editing
    asked = []
    editor.ask_text = lambda title, label, text: asked.append((title, text)) or "IL-6 <b>x</b>"
    menu = view.scene.node_menu(view.mechanism.node("il6"))
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts[0] == "Open NCBI Gene page of IL6"
    assert texts[1:3] == ["Rename…", "Delete"]
    triggered(menu, "Rename…")
    assert asked == [("Rename", "IL6")]
    assert view.scene.node_items["il6"].label_item.text() == "IL-6 <b>x</b>"  # literal
    assert view.mechanism.node("il6").entrez_ids == ("3569",)
    triggered(view.scene.node_menu(view.mechanism.node("il6")), "Delete")
    assert "il6" not in view.scene.node_items
    assert all("il6" not in (s, t) for s, t, _ in relations(view))


def test_cancelling_a_rename_changes_nothing(editing) -> None:
    view, editor, changes, _ = editing
    editor.ask_text = lambda *_: None
    triggered(view.scene.node_menu(view.mechanism.node("il6")), "Rename…")
    assert changes == []


def test_background_menu_adds_genes_of_the_record_and_named_entities(editing) -> None:
    view, editor, _, _ = editing
    editor.genes = [Member("IL6", "3569"), Member("SOCS3", "9021")]
    spot = QPointF(-400, 500)
    menu = editor.canvas_menu(spot)
    genes = menu.actions()[0].menu()
    assert [a.text() for a in genes.actions()] == ["IL6 (3569) — on the canvas", "SOCS3 (9021)"]
    triggered(genes, "SOCS3 (9021)")
    (socs3,) = [n for n in view.mechanism.nodes if n.label == "SOCS3"]
    assert socs3.entrez_ids == ("9021",) and (socs3.x, socs3.y) == (-400, 500)
    assert view.scene.node_items[socs3.id].scenePos() == spot
    editor.ask_text = lambda *_: "gp80"
    triggered(editor.canvas_menu(QPointF(0, 600)), "Add &Named Entity…")
    (gp80,) = [n for n in view.mechanism.nodes if n.label == "gp80"]
    assert gp80.kind == "caption" and gp80.related


def test_delete_key_deletes_the_selected_boxes(editing, qtbot) -> None:
    view, _, changes, _ = editing
    view.scene.node_items["gp130"].setSelected(True)
    view.scene.node_items["ikb"].setSelected(True)
    view.canvas.setFocus()
    qtbot.keyClick(view.canvas.viewport(), Qt.Key.Key_Delete)
    assert changes[-1].text == "Delete 2 nodes"
    assert {"gp130", "ikb"}.isdisjoint(view.scene.node_items)


def test_a_selected_relation_is_deleted_with_the_delete_key(editing) -> None:
    view, _, changes, _ = editing
    item = next(i for i in view.scene.edge_items if i.edge.source == "ikb")
    item.setSelected(True)
    event = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier)
    view.scene.keyPressEvent(event)
    assert changes[-1].text == "Delete IκB → NF-κB"
    assert not view.mechanism.graph.has_edge("ikb", "nfkb")


def test_a_view_that_is_not_editable_moves_nothing(qtbot) -> None:
    view = MechanismView()
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.set_mechanism(demo_mechanism())
    view.show()
    qtbot.waitExposed(view)
    view.actual_size()
    before = view.scene.node_items["stat3"].scenePos()
    mouse_drag(view, point_of(view, "stat3"), point_of(view, "stat3") + QPoint(100, 0))
    assert view.scene.node_items["stat3"].scenePos() == before
    assert view.scene.editor is None


def test_arrow_keys_nudge_the_selected_boxes(editing, qtbot) -> None:
    view, _, changes, _ = editing
    before = view.mechanism.node("il6")
    view.scene.node_items["il6"].setSelected(True)
    view.canvas.setFocus()
    qtbot.keyClick(view.canvas.viewport(), Qt.Key.Key_Right)
    qtbot.keyClick(view.canvas.viewport(), Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    after = view.mechanism.node("il6")
    assert (after.x, after.y) == (before.x + 10, before.y + 50)
    assert [c.merge_key for c in changes] == ["nudge il6", "nudge il6"]
    assert view.scene.selected_node_ids() == ["il6"]  # still selected after the redraw
