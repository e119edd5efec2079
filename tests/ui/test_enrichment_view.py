"""The Enrichment tab and the Highlight genes box: rank, open with highlights, export."""

from __future__ import annotations

from corpus import DATA, SEED
from PySide6.QtCore import Qt

from viewer.collection.enrich import COLUMNS
from viewer.record import load_record
from viewer.ui.enrichment_view import EnrichmentModel
from viewer.ui.window import MainWindow

CORPUS = DATA / "pfocr-database"
SEED_RECORD = load_record(SEED)
SEED_SYMBOLS = sorted({g.hgnc_symbol for g in SEED_RECORD.genes})


def window_with_collection(qtbot) -> MainWindow:
    window = MainWindow(offline=True)
    qtbot.addWidget(window)
    window.show()
    window.open_paths([CORPUS])
    qtbot.waitUntil(lambda: window.collection_panel is not None, timeout=10_000)
    qtbot.waitUntil(lambda: not window.collection_panel.indexing, timeout=120_000)
    return window


def ranked_panel(qtbot, window: MainWindow, text: str):
    panel = window.show_enrichment()
    assert window.figure_tabs.currentWidget() is panel
    panel.list_edit.setPlainText(text)
    with qtbot.waitSignal(panel.finished, timeout=60_000) as done:
        assert panel.run()
        assert panel.running and not panel.run_button.isEnabled()
    assert not isinstance(done.args[0], str), done.args[0]
    return panel


def test_a_pasted_list_ranks_the_figures_and_names_the_unknown(qtbot, qtmodeltester) -> None:
    window = window_with_collection(qtbot)
    text = "\n".join(SEED_SYMBOLS[:6]) + "\n" + ", ".join(SEED_SYMBOLS[6:]) + "; NOTAGENE stat3"
    panel = ranked_panel(qtbot, window, text)
    model = panel.model
    assert model.rowCount() == len(panel.result.matches) > 5
    top = model.figure_match(0)
    assert top.figid == SEED_RECORD.figid
    assert model.index(0, 0).data() == SEED_RECORD.figtitle
    assert model.index(0, 1).data() == str(len({g.entrez for g in SEED_RECORD.genes}))
    assert model.index(0, 6).data() == ", ".join(SEED_SYMBOLS)
    p_values = [model.figure_match(r).p_value for r in range(model.rowCount())]
    assert p_values == sorted(p_values)
    found = len(SEED_SYMBOLS)
    status = panel.status_label.text()
    assert status.startswith(f"{found} of {found + 1} names found (1 repeated names counted once)")
    assert (
        "Not found among the collection's Homo sapiens genes: NOTAGENE"
        in panel.unknown_label.text()
    )
    assert panel.export_button.isEnabled()
    qtmodeltester.check(model)


def test_sorting_the_table(qtbot) -> None:
    window = window_with_collection(qtbot)
    panel = ranked_panel(qtbot, window, "STAT3 JAK2 IL6 AKT1 MTOR TP53 EGFR")
    model = panel.model
    rows = range(model.rowCount())
    panel.view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    overlaps = [int(model.index(r, 1).data()) for r in rows]
    assert overlaps == sorted(overlaps, reverse=True)
    panel.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    titles = [model.index(r, 0).data().casefold() for r in rows]
    assert titles == sorted(titles)
    panel.view.sortByColumn(3, Qt.SortOrder.AscendingOrder)
    assert [model.figure_match(r) for r in rows] == list(panel.result.matches)


def test_opening_a_row_highlights_its_genes_in_the_table_and_on_the_canvas(qtbot) -> None:
    window = window_with_collection(qtbot)
    panel = ranked_panel(qtbot, window, "STAT3 JAK2 IL6 NFKB1 RELA notagene")
    row = next(
        r
        for r in range(panel.model.rowCount())
        if panel.model.figure_match(r).figid == SEED_RECORD.figid
    )
    match = panel.model.figure_match(row)
    with qtbot.waitSignal(window.loader.idle, timeout=10_000):
        panel.view.doubleClicked.emit(panel.model.index(row, 0))
    qtbot.waitUntil(lambda: window.record is not None and window.record.figid == SEED_RECORD.figid)
    genes = window.gene_panel
    expected = {str(e) for e in match.entrez}
    assert genes.gene_model.highlighted == expected
    assert genes.highlight_edit.text() == ", ".join(match.genes)
    highlighted_rows = [
        r for r in range(genes.model.rowCount()) if genes.gene_model.is_highlighted(r)
    ]
    assert {genes.model.items[r].entrez for r in highlighted_rows} == expected
    index = genes.model.index(highlighted_rows[0], 0)
    assert index.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert index.data(Qt.ItemDataRole.FontRole).bold()
    assert "highlighted" in genes.count_label.text()
    canvas = window.mechanism_view
    qtbot.waitUntil(lambda: bool(canvas.scene.node_items), timeout=20_000)
    marked = canvas.scene.marked_node_ids()
    assert marked
    for node_id in marked:
        assert expected & set(canvas.scene.node_items[node_id].node.entrez_ids)


def test_exporting_the_ranked_table(qtbot, tmp_path) -> None:
    window = window_with_collection(qtbot)
    panel = ranked_panel(qtbot, window, "\n".join(SEED_SYMBOLS))
    target = tmp_path / "ranked.tsv"
    assert panel.export_tsv(str(target))
    lines = target.read_text().splitlines()
    assert lines[0].split("\t") == list(COLUMNS)
    assert len(lines) == 1 + len(panel.result.matches)
    assert lines[1].split("\t")[0] == SEED_RECORD.figid


def test_without_a_collection_the_tab_says_what_to_do(qtbot) -> None:
    window = MainWindow(offline=True)
    qtbot.addWidget(window)
    panel = window.show_enrichment()
    assert "Open a folder of figure records" in panel.intro.text()
    assert not panel.run_button.isEnabled()
    panel.list_edit.setPlainText("STAT3")
    assert not panel.run()
    assert "No collection open" in panel.status_label.text()


def test_an_empty_list_and_an_unknown_organism_get_a_message(qtbot) -> None:
    window = window_with_collection(qtbot)
    panel = window.show_enrichment()
    panel.list_edit.setPlainText(" \n# nothing here\n")
    assert not panel.run()
    assert "The list is empty" in panel.status_label.text()
    organisms = [panel.organism_box.itemData(i) for i in range(panel.organism_box.count())]
    assert organisms[0] == "Homo sapiens" and "Mus musculus" in organisms
    panel.list_edit.setPlainText("STAT3")
    panel.background_box.setValue(5)
    with qtbot.waitSignal(panel.finished, timeout=60_000):
        panel.run()
    assert "background of 5 genes is smaller than the largest figure" in panel.status_label.text()


def test_loading_a_list_file(qtbot, tmp_path) -> None:
    window = MainWindow(offline=True)
    qtbot.addWidget(window)
    panel = window.show_enrichment()
    source = tmp_path / "list.txt"
    source.write_text("STAT3\tJAK2\n\nIL6\nstat3\n")
    assert panel.load_list(str(source))
    assert panel.list_edit.toPlainText() == "STAT3\nJAK2\nIL6"


def test_the_highlight_box_marks_typed_genes_on_any_figure(qtbot) -> None:
    window = MainWindow(offline=True)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.loader.idle, timeout=10_000):
        window.open_paths([SEED])
    genes = window.gene_panel
    stat3 = {g.entrez for g in SEED_RECORD.genes if g.hgnc_symbol in ("STAT3", "IL6")}
    window.focus_highlight()
    genes.highlight_edit.setText("stat3; IL6 PIK3CA")
    assert genes.gene_model.highlighted == stat3
    assert "not in it: PIK3CA" in genes.highlight_edit.toolTip()
    marked_rows = [r for r in range(genes.model.rowCount()) if genes.gene_model.is_highlighted(r)]
    assert genes.count_label.text().endswith(f"· {len(marked_rows)} highlighted")
    canvas = window.mechanism_view
    qtbot.waitUntil(lambda: bool(canvas.scene.node_items), timeout=20_000)
    marked = canvas.scene.marked_node_ids()
    assert {canvas.scene.node_items[n].node.label for n in marked} >= {"STAT3"}
    genes.highlight_edit.clear()
    assert genes.gene_model.highlighted == frozenset()
    assert canvas.scene.marked_node_ids() == []


def test_model_columns_have_tooltips(qtbot) -> None:
    model = EnrichmentModel()
    for section in range(model.columnCount()):
        assert model.headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
