"""The main window as a user meets it: opening, dropping, recent files, panels, safety."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from corpus import FIGURES, SEED, TABLES
from PySide6.QtCore import QByteArray, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage
from PySide6.QtWidgets import QApplication, QFormLayout, QLabel

from viewer.ui.app import build_window
from viewer.ui.window import MainWindow

SPLIT = FIGURES / "PMC6365454__fnins-13-00025-g0002.md"
OLD = FIGURES / "PMC1322299__pmed.0020415.g001.md"


def make_window(qtbot, paths=()) -> MainWindow:
    window = MainWindow(offline=True)
    qtbot.addWidget(window)
    window.show()
    if paths:
        open_and_wait(qtbot, window, paths)
    return window


def open_and_wait(qtbot, window: MainWindow, paths) -> None:
    with qtbot.waitSignal(window.loader.idle, timeout=10_000):
        window.open_paths(list(paths))


def drag_enter_event(pos: QPointF, mime: QMimeData) -> QDragEnterEvent:
    """A drag-enter event; Qt 6.12 takes a QPointF, earlier versions a QPoint."""
    args = (
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    try:
        return QDragEnterEvent(pos, *args)
    except TypeError:
        return QDragEnterEvent(pos.toPoint(), *args)


def drop(window: MainWindow, paths) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    pos = QPointF(window.width() / 2, window.height() / 2)
    enter = drag_enter_event(pos, mime)  # fmt: skip
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    event = QDropEvent(
        pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    QApplication.sendEvent(window, event)
    assert event.isAccepted()


def test_seed_opens_by_default_with_all_panels(qtbot) -> None:
    window = build_window([], offline=True)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.record is not None, timeout=10_000)
    assert window.record.figid == "PMC1584297__neo0809_0733_fig009"
    assert window.metadata.title.text() == "Cross-talk between the NFKB and the STAT3 pathways"
    assert window.windowTitle().startswith("Cross-talk between the NFKB")
    assert [window.table_tabs.tabText(i) for i in range(3)] == [
        "Genes (12)",
        "Chemicals (0)",
        "Diseases (0)",
    ]
    assert window.gene_panel.proxy.rowCount() == 12
    assert not window.side_panel.isVisibleTo(window)  # one record: no list needed


def test_several_files_list_and_selection(qtbot) -> None:
    window = make_window(qtbot, [SEED, SPLIT])
    assert window.record_list.count() == 2 and window.record_list.isVisibleTo(window)
    assert window.record.figid == "PMC1584297__neo0809_0733_fig009"
    window.record_list.setCurrentRow(1)
    assert window.record.figid == "PMC6365454__fnins-13-00025-g0002"
    assert window.table_tabs.tabText(1) == "Chemicals (12)"
    # Opening a file that is already open selects it and reads nothing.
    window.open_paths([SEED])
    assert window.record_list.count() == 2 and window.record.figid.startswith("PMC1584297")
    assert not window.loader.busy


def test_close_shows_the_next_record(qtbot) -> None:
    window = make_window(qtbot, [SEED, OLD])
    window.close_current()
    assert window.record is not None and len(window.records) == 1
    window.close_current()
    assert window.record is None and window.windowTitle() == "Pathway Figure Viewer"


def test_dropping_a_file_and_a_folder(qtbot, tmp_path) -> None:
    folder = tmp_path / "records"
    (folder / "_figures").mkdir(parents=True)
    (folder / "_data").mkdir()
    shutil.copy(SPLIT, folder / "_figures")
    for table in TABLES.glob("PMC6365454__*"):
        shutil.copy(table, folder / "_data")
    shutil.copy(OLD, folder / "_figures")
    (folder / "_figures" / "broken.md").write_bytes(b"---\nfigid: X\ncaption: [\n---\n")
    window = make_window(qtbot)
    with qtbot.waitSignal(window.loader.idle, timeout=10_000):
        drop(window, [SEED, folder])
    # The file opens; the folder becomes a collection, indexed in the background.
    assert [r.figid for r in window.records.values()] == ["PMC1584297__neo0809_0733_fig009"]
    panel = window.collection_panel
    assert panel is not None and window.figure_tabs.currentWidget() is panel
    qtbot.waitUntil(lambda: not panel.indexing, timeout=60_000)
    listed = {panel.model.index(r, 0).data() for r in range(panel.model.rowCount())}
    assert listed == {"PMC6365454__fnins-13-00025-g0002", "PMC1322299__pmed.0020415.g001"}
    assert window.problem_list.count() == 1
    problem = window.problem_list.item(0).text()
    assert problem.startswith(str(folder / "_figures" / "broken.md") + ":4: error: YAML syntax")
    # Opening a figure from the list reads it whole, with its side tables.
    row = next(
        r for r in range(panel.model.rowCount())
        if panel.model.index(r, 0).data().startswith("PMC6365454")
    )  # fmt: skip
    with qtbot.waitSignal(window.loader.idle, timeout=10_000):
        panel.view.doubleClicked.emit(panel.model.index(row, 1))
    assert window.record.figid == "PMC6365454__fnins-13-00025-g0002"
    assert len(window.record.genes) == 115  # the side tables came along


def test_drop_of_non_file_data_is_refused(qtbot) -> None:
    window = make_window(qtbot)
    mime = QMimeData()
    mime.setText("just text")
    enter = drag_enter_event(QPointF(10, 10), mime)  # fmt: skip
    QApplication.sendEvent(window, enter)
    assert not enter.isAccepted()


def test_open_recent_survives_a_restart_and_drops_missing_files(qtbot, tmp_path) -> None:
    kept = tmp_path / "kept.md"
    gone = tmp_path / "gone.md"
    kept.write_bytes(SEED.read_bytes())
    gone.write_bytes(OLD.read_bytes())
    first = make_window(qtbot, [kept, gone])
    first.close()
    gone.unlink()
    second = make_window(qtbot)
    assert second.recent_paths() == [str(kept.resolve())]
    second._fill_recent_menu()
    entries = [a.text() for a in second.recent_menu.actions() if not a.isSeparator()]
    assert entries[0] == str(kept.resolve())
    open_and_wait(qtbot, second, [entries[0]])
    assert second.record.figid == "PMC1584297__neo0809_0733_fig009"


def test_window_geometry_is_restored(qtbot) -> None:
    first = make_window(qtbot)
    first.resize(720, 520)  # the offscreen screen is 800×600; restoring clamps to it
    first.close()
    second = make_window(qtbot)
    assert (second.width(), second.height()) == (720, 520)


@pytest.mark.parametrize(
    "saved",
    [b"not a geometry at all", b"\x01\xd9\xd0\xcb\x00\x03junk"],
    ids=["refused", "nonsense"],
)
def test_unreadable_saved_geometry_falls_back_to_the_default_size(qtbot, saved) -> None:
    # Geometry saved on another platform or Qt version, or a damaged settings file: the window
    # must not open at Qt's tiny fallback size (it did, at 474×382, under X11).
    from viewer.ui.settings import app_settings

    app_settings().setValue("window/geometry", QByteArray(saved))
    window = make_window(qtbot)
    assert (window.width(), window.height()) == (1280, 800)


def test_html_in_a_record_is_shown_literally_and_opens_nothing(
    qtbot, tmp_path, opened_urls
) -> None:
    evil = '<a href="file:///etc/passwd">passwd</a> <img src="/etc/hosts">'
    path = tmp_path / "evil.md"
    path.write_text(
        f"---\nfigid: PMC1__evil\nfigtitle: '{evil}'\ncaption: '{evil} caption'\n"
        f"papertitle: '{evil}'\ngenes:\n- word: '{evil}'\n  symbol: X\n  source: s\n"
        "  hgnc_symbol: X\n  entrez: '7'\n---\n",
        encoding="utf-8",
    )
    window = make_window(qtbot, [path])
    assert window.metadata.title.text() == evil
    assert window.metadata.caption.text() == f"{evil} caption"
    for label in window.findChildren(QLabel):
        if "passwd" in label.text():
            assert label.textFormat() == Qt.TextFormat.PlainText
    word = window.gene_panel.proxy.index(0, 0)
    assert word.data() == evil
    qtbot.mouseClick(
        window.gene_panel.view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=window.gene_panel.view.visualRect(word).center(),
    )
    assert opened_urls == []


def test_metadata_links_only_for_valid_ids(qtbot, opened_urls) -> None:
    window = make_window(qtbot, [SPLIT])
    buttons = window.metadata.link_buttons
    visible = {key for key, button in buttons.items() if button.isVisibleTo(window)}
    assert visible == {
        "pmc_article", "europepmc_article", "pmc_figure", "pfocr", "ndex", "wikipathways",
    }  # fmt: skip
    buttons["wikipathways"].click()
    buttons["pmc_figure"].click()
    assert opened_urls == [
        "https://www.wikipathways.org/pathways/WP5283.html",
        "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC6365454/figure/F2/",
    ]
    open_and_wait(qtbot, window, [SEED])
    visible = {key for key, button in buttons.items() if button.isVisibleTo(window)}
    assert "ndex" not in visible and "wikipathways" not in visible


def test_what_waits_for_the_first_paint_is_done_once_the_window_is_ready(qtbot) -> None:
    window = make_window(qtbot, [SEED])
    window.ensure_panels()
    area = window.dockWidgetArea(window.history_dock)
    assert area == Qt.DockWidgetArea.RightDockWidgetArea
    assert not window.history_dock.isVisible()
    for button in window.metadata.link_buttons.values():
        assert button.cursor().shape() == Qt.CursorShape.PointingHandCursor
    selectable = Qt.TextInteractionFlag.TextSelectableByMouse
    panel = window.metadata
    for label in (panel.title, panel.caption, panel.citation, panel.notes):
        assert label.textInteractionFlags() == selectable
    year = panel.details.itemAt(0, QFormLayout.ItemRole.FieldRole).widget()
    assert year.text() == "2006" and year.textInteractionFlags() == selectable
    open_and_wait(qtbot, window, [SPLIT])  # a record shown later: new rows, selectable too
    year = panel.details.itemAt(0, QFormLayout.ItemRole.FieldRole).widget()
    assert year.text() == "2019" and year.textInteractionFlags() == selectable


def test_permalink_copy(qtbot) -> None:
    window = make_window(qtbot, [SEED])
    window.metadata.permalink_button.click()
    assert QApplication.clipboard().text() == (
        "https://pfocr.wikipathways.org/figures/PMC1584297__neo0809_0733_fig009.html"
    )


def test_long_caption_collapses(qtbot) -> None:
    window = make_window(qtbot, [FIGURES / "PMC11842143__SCI2025-5551222.001.md"])
    full = window.record.caption
    assert len(full) > 2000
    assert len(window.metadata.caption.text()) < 500
    assert window.metadata.caption_toggle.text() == "Show more"
    window.metadata.caption_toggle.click()
    assert window.metadata.caption.text() == full
    assert window.metadata.caption_toggle.text() == "Show less"


def test_screenshot_of_the_seed_at_a_given_size(tmp_path) -> None:
    out = tmp_path / "shot.png"
    result = subprocess.run(
        [sys.executable, "-m", "viewer", "--offline", "--screenshot", str(out), "--size=1280x800"],
        capture_output=True,
        text=True,
        timeout=120,
        env={
            **os.environ,
            "PATHWAY_VIEWER_CONFIG": str(tmp_path / "cfg"),
            "PATHWAY_VIEWER_CACHE": str(tmp_path / "cache"),
        },
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 800)


def wait_for_mechanism(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.mechanism_view.showing_diagram, timeout=10_000)


def test_mechanism_tab_shows_the_seed_mechanism(qtbot) -> None:
    window = make_window(qtbot, [SEED])
    wait_for_mechanism(qtbot, window)
    scene = window.mechanism_view.scene
    labels = {item.node.label for item in scene.node_items.values()}
    assert {"NFκB", "IL6", "gp130", "STAT3", "IκB", "EGFR", "JAK", "IL6R"} <= labels
    kinds = sorted(item.relation_type for item in scene.edge_items)
    # NFκB→IL6, IL6→gp130, IL6→STAT3, NFκB→STAT3 (its loss blocks STAT3), IκB⊣NFκB
    assert kinds == ["activation"] * 4 + ["inhibition"]
    assert window.export_svg_action.isEnabled()


def test_canvas_and_gene_table_select_each_other(qtbot) -> None:
    window = make_window(qtbot, [SEED])
    wait_for_mechanism(qtbot, window)
    scene = window.mechanism_view.scene
    family = next(i for i in scene.node_items.values() if i.node.label == "NFκB")
    family.setSelected(True)
    selected = {g.hgnc_symbol for g in window.gene_panel.selected_items()}
    assert selected == {"REL", "RELA", "RELB", "NFKB1", "NFKB2"}
    scene.clearSelection()
    stat3 = window.gene_panel.proxy.match(
        window.gene_panel.proxy.index(0, 3), Qt.ItemDataRole.DisplayRole, "STAT3"
    )[0]
    window.gene_panel.view.selectRow(stat3.row())
    highlighted = {scene.node_items[i].node.label for i in scene.highlighted_node_ids()}
    assert highlighted == {"STAT3"}


def test_export_mechanism_from_the_window(qtbot, tmp_path) -> None:
    window = make_window(qtbot, [SEED])
    wait_for_mechanism(qtbot, window)
    svg, png = tmp_path / "m.svg", tmp_path / "m.png"
    assert window.export_mechanism("svg", str(svg)) and window.export_mechanism("png", str(png))
    assert b"STAT3" in svg.read_bytes()
    assert not QImage(str(png)).isNull()
