"""Curating a mechanism in the window: undo, save, reopen, prompts, bad sidecars, recovery."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from corpus import SEED
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication

from viewer.mechanism import build_mechanism
from viewer.mechanism.edits import add_relation, move_nodes
from viewer.mechanism.sidecar import dump_sidecar, load_sidecar, save_sidecar, sidecar_path
from viewer.record import load_record
from viewer.ui import curation
from viewer.ui.window import MainWindow, path_key

GPML = "{http://pathvisio.org/GPML/2013a}"


@pytest.fixture
def record(tmp_path) -> Path:
    path = tmp_path / SEED.name
    shutil.copyfile(SEED, path)
    return path


class Answers:
    """Stands in for the user: answers questions in turn and keeps what was asked."""

    def __init__(self, *answers: str) -> None:
        self.answers = list(answers)
        self.asked: list[curation.Question] = []

    def __call__(self, question: curation.Question) -> str:
        self.asked.append(question)
        assert self.answers, f"unexpected question: {question.text}"
        answer = self.answers.pop(0)
        assert answer in question.choices
        return answer


def open_window(qtbot, path: Path, answers: Answers | None = None) -> MainWindow:
    window = MainWindow(offline=True)
    qtbot.addWidget(window)
    window.ask = answers or Answers()
    window.show()
    with qtbot.waitSignal(window.loader.idle, timeout=10_000):
        window.open_paths([path])
    window.ensure_panels()
    qtbot.waitUntil(lambda: path_key(path) in window.curations, timeout=15_000)
    return window


def session_of(window: MainWindow, path: Path) -> curation.CurationSession:
    return window.curations[path_key(path)]


def edit(qtbot, window: MainWindow, trigger) -> None:
    """Make an edit through the canvas and wait until it is on the undo stack."""
    stack = window.undo_group.activeStack()
    count = stack.count()
    trigger()
    qtbot.waitUntil(lambda: stack.count() == count + 1, timeout=3000)


def choose(menu, text: str) -> None:
    """Pick an entry of a menu (the menu is kept alive until it is triggered)."""
    (found,) = [a for a in menu.actions() if a.text() == text]
    found.trigger()


def node_id(window: MainWindow, label: str) -> str:
    (found,) = [n.id for n in window.mechanism_view.mechanism.nodes if n.label == label]
    return found


def test_every_edit_kind_undoes_back_to_the_draft_and_redoes(qtbot, record) -> None:
    window = open_window(qtbot, record)
    draft = build_mechanism(load_record(record)).snapshot()
    scene = window.mechanism_view.scene
    editor = scene.editor
    assert window.mechanism_view.mechanism.snapshot() == draft
    assert not window.undo_action.isEnabled() and not window.isWindowModified()
    nfkb, il6, stat3 = (node_id(window, n) for n in ("NFκB", "IL6", "STAT3"))

    edit(qtbot, window, lambda: editor.request(move_nodes, {il6: (900.0, 50.0)}))
    edge = scene.mechanism.graph.edges[nfkb, il6]["edge"]
    edit(qtbot, window, lambda: choose(editor.edge_menu(edge), "Inhibits (⊣)"))
    edge = scene.mechanism.graph.edges[nfkb, il6]["edge"]
    edit(qtbot, window, lambda: choose(editor.edge_menu(edge), "Reverse"))
    edge = scene.mechanism.graph.edges[il6, nfkb]["edge"]
    edit(qtbot, window, lambda: choose(editor.edge_menu(edge), "Delete"))
    menu = editor.canvas_menu(QPointF(-300, 300))
    genes = menu.actions()[0].menu()
    edit(qtbot, window, lambda: choose(genes, "IL6R (3570) — on the canvas"))
    editor.ask_text = lambda *_: "gp80"
    edit(qtbot, window, lambda: editor.add_named(QPointF(-300, 400)))
    edit(
        qtbot,
        window,
        lambda: editor.request(add_relation, node_id(window, "gp80"), stat3, "activation"),
    )
    editor.ask_text = lambda *_: "STAT3 dimer"
    edit(qtbot, window, lambda: editor.rename(stat3))
    edit(
        qtbot,
        window,
        lambda: choose(scene.node_menu(scene.mechanism.node(il6)), "Delete"),
    )

    stack = window.undo_group.activeStack()
    assert stack.count() == 9
    assert window.isWindowModified() and window.windowTitle().endswith(
        "[*] — Pathway Figure Viewer"
    )
    assert window.undo_action.text() == "&Undo Delete IL6"
    assert window.history_view.model().rowCount() == 10  # "As opened" and the nine steps
    edited = scene.mechanism.snapshot()
    assert "STAT3 dimer" in [item.label_item.text() for item in scene.node_items.values()]

    for _ in range(9):
        window.undo_action.trigger()
    assert scene.mechanism.snapshot() == draft
    assert {i.node.label for i in scene.node_items.values()} == {
        n.label for n in build_mechanism(load_record(record)).nodes
    }
    assert not window.isWindowModified() and not window.undo_action.isEnabled()
    for _ in range(9):
        window.redo_action.trigger()
    assert scene.mechanism.snapshot() == edited
    assert window.isWindowModified()
    window.ask = Answers("discard")


def test_undo_and_redo_keys_are_the_standard_ones(qtbot, record) -> None:
    window = open_window(qtbot, record)
    assert "Ctrl+Z" in [k.toString() for k in window.undo_action.shortcuts()]
    assert "Ctrl+Shift+Z" in [k.toString() for k in window.redo_action.shortcuts()]
    assert window.save_action.shortcut().toString() == "Ctrl+S"
    assert not window.history_dock.isVisible()
    window.history_action.trigger()
    assert window.history_dock.isVisible()


def curate_stat3(qtbot, window: MainWindow, label: str = "STAT3 dimer") -> None:
    editor = window.mechanism_view.scene.editor
    editor.ask_text = lambda *_: label
    (stat3,) = [n.id for n in window.mechanism_view.mechanism.nodes if "6774" in n.entrez_ids]
    edit(qtbot, window, lambda: editor.rename(stat3))


def gpml_labels(path: Path) -> set[str]:
    return {n.get("TextLabel") for n in ET.parse(path).getroot().iter(f"{GPML}DataNode")}


def test_save_reopen_same_graph_and_export_uses_it(qtbot, record, tmp_path) -> None:
    before = record.read_bytes()
    window = open_window(qtbot, record)
    curate_stat3(qtbot, window)
    edit(qtbot, window, lambda: window.mechanism_view.scene.editor.request(
        move_nodes, {node_id(window, "IL6"): (321.0, 123.0)}
    ))  # fmt: skip
    assert window.isWindowModified()
    assert window.save_curation()
    assert not window.isWindowModified()
    assert window.statusBar().currentMessage() == f"Curation saved to {sidecar_path(record)}"
    assert record.read_bytes() == before  # the record itself is never touched
    saved = window.mechanism_view.mechanism.snapshot()
    window.export_record("gpml", str(tmp_path / "out.gpml"))
    assert "STAT3 dimer" in gpml_labels(tmp_path / "out.gpml")
    window.close()

    again = open_window(qtbot, record)
    assert again.mechanism_view.mechanism.snapshot() == saved
    assert not again.isWindowModified() and not again.mechanism_view.notice.isVisibleTo(
        again.mechanism_view
    )
    assert again.mechanism_view.scene.node_items[node_id(again, "IL6")].scenePos() == QPointF(
        321.0, 123.0
    )
    again.copy_gpml_nodes()
    assert 'TextLabel="STAT3 dimer"' in QApplication.clipboard().text()


def test_saving_over_a_sidecar_changed_on_disk_asks_first(qtbot, record) -> None:
    answers = Answers()
    window = open_window(qtbot, record, answers)
    curate_stat3(qtbot, window)
    assert window.save_curation() and answers.asked == []  # nothing on disk changed
    curate_stat3(qtbot, window, "STAT3 mine")
    # Meanwhile another window (or program) saves its own curation of the record.
    theirs = build_mechanism(load_record(record))
    save_sidecar(theirs, record, author="Someone else")
    answers.answers = ["cancel"]
    assert not window.save_curation()
    assert "changed on disk since it was opened" in answers.asked[-1].text
    assert load_sidecar(record).author == "Someone else"  # left as it was
    assert window.isWindowModified()
    answers.answers = ["overwrite"]
    assert window.save_curation()
    labels = {n.label for n in load_sidecar(record).mechanism.nodes}
    assert "STAT3 mine" in labels and not window.isWindowModified()
    assert len(answers.asked) == 2


def test_closing_a_record_with_unsaved_edits_asks(qtbot, record) -> None:
    answers = Answers("cancel")
    window = open_window(qtbot, record, answers)
    curate_stat3(qtbot, window)
    window.close_action.trigger()
    assert answers.asked[0].choices == ("save", "discard", "cancel")
    assert "has unsaved edits" in answers.asked[0].text
    assert window.record is not None and len(window.records) == 1  # cancelled: still open
    answers.answers = ["save"]
    window.close_action.trigger()
    assert window.record is None and window.curations == {}
    assert "STAT3 dimer" in {n.label for n in load_sidecar(record).mechanism.nodes}


def test_discarding_on_close_keeps_the_old_sidecar(qtbot, record) -> None:
    window = open_window(qtbot, record, Answers("discard"))
    curate_stat3(qtbot, window)
    window.close_current()
    assert window.record is None and not sidecar_path(record).exists()


def test_quitting_with_unsaved_edits_asks_and_cancel_keeps_the_window(qtbot, record) -> None:
    answers = Answers("cancel")
    window = open_window(qtbot, record, answers)
    curate_stat3(qtbot, window)
    assert not window.close()
    assert window.isVisible() and len(answers.asked) == 1
    answers.answers = ["save"]
    assert window.close()
    assert load_sidecar(record) is not None


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("nodes: [unclosed\n", "YAML syntax error"),
        ("format: pathway-figure-viewer/mechanism\nversion: 99\n", "newer version"),
        ("an edge to an unknown node", "edge 1 refers to an unknown node 'nowhere-"),
    ],
)
def test_a_bad_sidecar_is_reported_left_alone_and_the_draft_shown(
    qtbot, record, text, reason
) -> None:
    if text == "an edge to an unknown node":
        good = dump_sidecar(build_mechanism(load_record(record)), record)
        text = good.replace("target: ", "target: nowhere-", 1)
    bad = sidecar_path(record)
    bad.write_text(text, encoding="utf-8")
    window = open_window(qtbot, record)
    problems = [window.problem_list.item(i).text() for i in range(window.problem_list.count())]
    assert len(problems) == 1 and problems[0].startswith(str(bad)) and reason in problems[0]
    assert problems[0].endswith("(the draft mechanism is shown)")
    assert window.problems_box.isVisibleTo(window)
    notice = window.mechanism_view.notice
    assert (
        notice.isVisibleTo(window.mechanism_view)
        and "cannot be read, so the draft is shown" in notice.text()
    )
    draft = build_mechanism(load_record(record)).snapshot()
    assert window.mechanism_view.mechanism.snapshot() == draft
    assert bad.read_text(encoding="utf-8") == text
    # Saving a curation over it asks first.
    curate_stat3(qtbot, window)
    window.ask = Answers("cancel")
    assert not window.save_curation()
    assert "could not be read" in window.ask.asked[0].text
    assert bad.read_text(encoding="utf-8") == text
    window.ask = Answers("discard")


def test_a_curation_of_a_changed_record_says_so(qtbot, record) -> None:
    mechanism = build_mechanism(load_record(record))
    save_sidecar(mechanism, record)
    record.write_bytes(record.read_bytes() + b"\n")
    window = open_window(qtbot, record)
    notice = window.mechanism_view.notice
    assert notice.isVisibleTo(window.mechanism_view)
    assert notice.text().startswith("The record changed since this curation was saved")
    window.save_curation()  # saving records the record as it is now
    assert not notice.isVisibleTo(window.mechanism_view)


def test_unsaved_edits_are_autosaved_and_removed_on_save(qtbot, record, monkeypatch) -> None:
    window = open_window(qtbot, record)
    session = session_of(window, record)
    session.autosave_timer.setInterval(50)
    recovery = curation.recovery_path(record)
    assert recovery.parent.parent == Path(__import__("os").environ["PATHWAY_VIEWER_CACHE"])
    curate_stat3(qtbot, window)
    qtbot.waitUntil(recovery.exists, timeout=3000)
    assert "STAT3 dimer" in recovery.read_text(encoding="utf-8")
    window.save_curation()
    assert not recovery.exists()
    curate_stat3(qtbot, window, "again")
    qtbot.waitUntil(recovery.exists, timeout=3000)
    window.undo_action.trigger()  # back to the saved state: nothing to recover
    assert not recovery.exists()


def test_recovered_edits_are_offered_and_restored_or_discarded(qtbot, record) -> None:
    window = open_window(qtbot, record)
    session_of(window, record).autosave_timer.setInterval(50)
    curate_stat3(qtbot, window)
    recovery = curation.recovery_path(record)
    qtbot.waitUntil(recovery.exists, timeout=3000)
    edited = window.mechanism_view.mechanism.snapshot()
    session_of(window, record).close()  # as if the process died: the file stays
    window.curations.clear()
    window.close()

    answers = Answers("restore")
    again = open_window(qtbot, record, answers)
    assert answers.asked[0].text.startswith("The viewer stopped before the curation of")
    assert again.mechanism_view.mechanism.snapshot() == edited
    assert again.isWindowModified() and again.undo_action.text() == "&Undo Restore unsaved edits"
    again.ask = Answers("discard")
    again.close()
    assert not recovery.exists()


def test_a_run_of_nudges_is_one_undo_step(qtbot, record) -> None:
    window = open_window(qtbot, record)
    scene = window.mechanism_view.scene
    il6 = node_id(window, "IL6")
    start = scene.mechanism.node(il6)
    scene.node_items[il6].setSelected(True)
    stack = window.undo_group.activeStack()
    for step in (1, 2, 3):
        assert scene.editor.nudge(10.0, 0.0)
        qtbot.waitUntil(lambda step=step: scene.mechanism.node(il6).x == start.x + 10 * step)
    assert stack.count() == 1 and stack.command(0).text() == "Move IL6"
    window.undo_action.trigger()
    assert scene.mechanism.node(il6) == start and not window.isWindowModified()


def test_the_curator_name_is_saved_with_the_curation(qtbot, record) -> None:
    window = open_window(qtbot, record)
    asked = []
    window.ask_text = lambda title, label, text: asked.append(text) or "  A.  Curator "
    (entry,) = [a for a in window.edit_menu.actions() if a.text() == "Curator &Name…"]
    entry.trigger()
    assert asked == [""] and window.curator == "A. Curator"
    curate_stat3(qtbot, window)
    assert window.save_curation()
    assert load_sidecar(record).author == "A. Curator"


def test_the_note_under_the_legend_says_where_the_mechanism_comes_from(
    qtbot, record, tmp_path
) -> None:
    window = open_window(qtbot, record)
    window.ask_text = lambda title, label, text: "A. Curator"
    (entry,) = [a for a in window.edit_menu.actions() if a.text() == "Curator &Name…"]
    entry.trigger()
    view = window.mechanism_view
    assert view.scene.note_item.text().startswith("Inferred from the caption by text mining")
    curate_stat3(qtbot, window)
    assert view.scene.note_item.text().startswith("Edited by hand")
    assert window.save_curation()
    note = view.scene.note_item.text()
    assert note.startswith("Curated by hand by A. Curator on 20")
    picture = tmp_path / "curated.svg"
    assert view.export_svg(str(picture))
    assert "Curated by hand by A. Curator" in picture.read_text()


def test_each_figure_has_its_own_history_and_unsaved_mark(qtbot, record, tmp_path) -> None:
    other = tmp_path / "other" / SEED.name
    other.parent.mkdir()
    shutil.copyfile(SEED, other)
    answers = Answers()
    window = open_window(qtbot, record, answers)
    with qtbot.waitSignal(window.loader.idle, timeout=10_000):
        window.open_paths([other])
    window.select(path_key(other))
    qtbot.waitUntil(lambda: path_key(other) in window.curations, timeout=15_000)
    window.select(path_key(record))
    curate_stat3(qtbot, window)
    texts = [window.record_list.item(i).text() for i in range(2)]
    assert texts[0].startswith("• ") and not texts[1].startswith("• ")
    window.select(path_key(other))
    assert not window.isWindowModified() and not window.undo_action.isEnabled()
    window.select(path_key(record))
    assert (
        window.isWindowModified()
        and window.undo_action.text() == "&Undo Rename STAT3 to STAT3 dimer"
    )
    # Quitting asks about the one figure with unsaved edits, shown while asked.
    shown = []
    window.ask = lambda question: shown.append(window.record.path) or "save"
    window.select(path_key(other))
    assert window.close()
    assert shown == [str(record)]
    assert "STAT3 dimer" in {n.label for n in load_sidecar(record).mechanism.nodes}
    assert not sidecar_path(other).exists()


def test_the_tab_tells_draft_edited_and_curated_and_reset_goes_back_to_the_draft(
    qtbot, record
) -> None:
    window = open_window(qtbot, record)
    draft = build_mechanism(load_record(record)).snapshot()
    tab = window.figure_tabs.indexOf(window.mechanism_view)
    assert window.figure_tabs.tabText(tab) == "Mechanism"
    curate_stat3(qtbot, window)
    assert window.figure_tabs.tabText(tab) == "Mechanism (edited)"
    window.save_curation()
    assert window.figure_tabs.tabText(tab) == "Mechanism (curated)"
    window.reset_action.trigger()
    assert window.mechanism_view.mechanism.snapshot() == draft
    assert window.undo_action.text() == "&Undo Reset to the draft" and window.isWindowModified()
    window.undo_action.trigger()
    labels = {n.label for n in window.mechanism_view.mechanism.nodes}
    assert "STAT3 dimer" in labels and not window.isWindowModified()
