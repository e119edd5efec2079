"""The Collection tab: indexing in the background, searching, sorting, opening a figure."""

from __future__ import annotations

from corpus import DATA
from PySide6.QtCore import Qt

from viewer.ui.collection_view import CollectionModel, CollectionPanel
from viewer.ui.window import MainWindow

CORPUS = DATA / "pfocr-database"


def indexed_panel(qtbot, tmp_path) -> CollectionPanel:
    panel = CollectionPanel()
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.indexingFinished, timeout=120_000) as finished:
        panel.open_folders([CORPUS], cache_dir=tmp_path / "cache")
        assert panel.indexing and panel.progress_box.isVisibleTo(panel)
    assert not isinstance(finished.args[0], str), finished.args[0]
    assert not panel.progress_box.isVisibleTo(panel)
    return panel


def column(panel: CollectionPanel, col: int) -> list[str]:
    return [panel.model.index(r, col).data() for r in range(panel.model.rowCount())]


def test_the_whole_corpus_is_listed_and_searchable(qtbot, tmp_path) -> None:
    panel = indexed_panel(qtbot, tmp_path)
    total = panel.model.rowCount()
    assert total == len(list((CORPUS / "_figures").glob("*.md")))
    assert panel.hits_label.text() == f"{total} figures"
    panel.search_edit.setText("gene:STAT3")
    hits = panel.search()
    assert 0 < hits < total
    assert panel.hits_label.text() == f"{hits} figure{'s' * (hits != 1)} match"
    assert panel.model.rowCount() == hits


def test_a_malformed_query_says_why_and_keeps_the_list(qtbot, tmp_path) -> None:
    panel = indexed_panel(qtbot, tmp_path)
    rows = panel.model.rowCount()
    panel.search_edit.setText('year:abc "unclosed')
    assert panel.search() == -1
    assert panel.hits_label.text().startswith("Cannot search:")
    assert panel.model.rowCount() == rows


def test_sorting_by_year_asks_the_index(qtbot, tmp_path) -> None:
    panel = indexed_panel(qtbot, tmp_path)
    with qtbot.waitSignal(panel.searched, timeout=10_000):  # sorted on the thread pool
        panel.view.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    years = [int(y) for y in column(panel, 2) if y]
    assert years == sorted(years, reverse=True)
    with qtbot.waitSignal(panel.searched, timeout=10_000):
        panel.view.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    years = [int(y) for y in column(panel, 2) if y]
    assert years == sorted(years)


def test_model_passes_the_model_tester(qtbot, qtmodeltester, tmp_path) -> None:
    panel = indexed_panel(qtbot, tmp_path)
    qtmodeltester.check(panel.model)
    empty = CollectionModel()
    qtmodeltester.check(empty)


def test_opening_a_second_time_reuses_the_index(qtbot, tmp_path) -> None:
    first = indexed_panel(qtbot, tmp_path)
    count = first.model.rowCount()
    second = CollectionPanel()
    qtbot.addWidget(second)
    with qtbot.waitSignal(second.indexingFinished, timeout=60_000) as finished:
        second.open_folders([CORPUS], cache_dir=tmp_path / "cache")
    summary = finished.args[0]
    assert summary.unchanged == count and summary.added == 0
    assert second.model.rowCount() == count


def test_open_folder_in_the_window_fills_the_collection_tab(qtbot, tmp_path) -> None:
    window = MainWindow(offline=True)
    qtbot.addWidget(window)
    window.show()
    window.open_paths([CORPUS])
    panel = window.collection_panel
    qtbot.waitUntil(lambda: not panel.indexing, timeout=120_000)
    assert panel.model.rowCount() > 50
    assert window.figure_tabs.tabText(window.figure_tabs.currentIndex()) == "Collection"


def test_cancel_leaves_a_usable_list_and_the_next_opening_finishes(qtbot, tmp_path) -> None:
    panel = CollectionPanel()
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.indexingFinished, timeout=60_000) as finished:
        panel.open_folders([CORPUS], cache_dir=tmp_path / "cache")
        panel.cancel_button.click()
    summary = finished.args[0]
    assert summary.cancelled
    assert panel.model.rowCount() == summary.records  # what was indexed is listed
    assert panel.search() == summary.records
    with qtbot.waitSignal(panel.indexingFinished, timeout=120_000) as finished:
        panel.open_folders([CORPUS], cache_dir=tmp_path / "cache")
    assert not finished.args[0].cancelled
    assert panel.model.rowCount() == len(list((CORPUS / "_figures").glob("*.md")))


def test_the_list_starts_in_figure_id_order(qtbot, tmp_path) -> None:
    # Enabling sorting on a view sorts by its header's indicator; the list must still open
    # A to Z, with no column marked as sorted.
    panel = indexed_panel(qtbot, tmp_path)
    ids = column(panel, 0)
    assert ids == sorted(ids)
    assert panel.view.horizontalHeader().sortIndicatorSection() == -1


def test_typed_queries_are_searched_in_the_background(qtbot, tmp_path) -> None:
    panel = indexed_panel(qtbot, tmp_path)
    total = panel.model.rowCount()
    with qtbot.waitSignal(panel.searched, timeout=10_000) as hits:
        panel.search_edit.setText("gene:STAT3")  # the search timer starts the search
        assert panel.model.rowCount() == total  # nothing happened in the GUI thread yet
    assert 0 < hits.args[0] < total == len(list((CORPUS / "_figures").glob("*.md")))
    assert panel.model.rowCount() == hits.args[0]
    assert panel.hits_label.text() == f"{hits.args[0]} figure{'s' * (hits.args[0] != 1)} match"
    with qtbot.waitSignal(panel.searched, timeout=10_000) as refused:
        panel.search_edit.setText('year:abc "unclosed')
    assert refused.args[0] == -1 and panel.hits_label.text().startswith("Cannot search:")
    assert panel.model.rowCount() == hits.args[0]  # the last good list stays


def test_a_search_overtaken_by_a_newer_one_is_dropped(qtbot, tmp_path) -> None:
    panel = indexed_panel(qtbot, tmp_path)
    total = panel.model.rowCount()
    panel.search_edit.setText("gene:STAT3")
    panel._search_timer.stop()
    panel.search_in_background()  # started on the thread pool…
    panel.search_edit.setText("")
    panel._search_timer.stop()
    assert panel.search() == total  # …and overtaken by a search made at once
    qtbot.wait(500)  # the gene:STAT3 result arrives meanwhile, and must be dropped
    assert panel.model.rowCount() == total
    assert panel.hits_label.text() == f"{total} figures"
