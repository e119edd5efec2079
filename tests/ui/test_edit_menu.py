"""Edit menu: gene symbols, Entrez ids and the permalink go to the system clipboard."""

from __future__ import annotations

from corpus import SEED
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QApplication

from viewer.ui.window import MainWindow


def open_seed(qtbot) -> MainWindow:
    window = MainWindow(offline=True)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.loader.idle, timeout=10_000):
        window.open_paths([SEED])
    window.ensure_panels()
    return window


def menu_action(window: MainWindow, text: str):
    (action,) = [a for a in window.edit_menu.actions() if a.text() == text]
    return action


def test_copy_symbols_and_ids_of_all_shown_genes(qtbot) -> None:
    window = open_seed(qtbot)
    clipboard = QApplication.clipboard()
    menu_action(window, "Copy Gene &Symbols").trigger()
    symbols = clipboard.text().splitlines()
    # The seed's 12 gene rows name 9 distinct genes (the NF-κB and JAK families' members).
    assert symbols == list(dict.fromkeys(symbols))
    assert {"RELA", "NFKB1", "JAK2", "TYK2", "STAT3", "IL6", "IL6R"} <= set(symbols)
    assert len(symbols) == 12
    menu_action(window, "Copy &Entrez Ids").trigger()
    ids = clipboard.text().splitlines()
    assert "6774" in ids and "3569" in ids and len(ids) == 12
    assert all(i.isdigit() for i in ids)
    assert window.statusBar().currentMessage() == "Copied 12 NCBI Gene ids"


def test_copy_only_the_selected_or_filtered_genes(qtbot) -> None:
    window = open_seed(qtbot)
    panel = window.gene_panel
    panel.filter_edit.setText("STAT3")
    window.copy_gene_symbols()
    assert QApplication.clipboard().text() == "STAT3"
    panel.filter_edit.clear()
    selection = panel.view.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in (0, 1):
        selection.select(panel.proxy.index(row, 0), flags)
    expected = [panel.proxy.index(r, 3).data() for r in (0, 1)]  # the HGNC symbol column
    window.copy_gene_symbols()
    assert QApplication.clipboard().text().splitlines() == expected


def test_copy_permalink(qtbot) -> None:
    window = open_seed(qtbot)
    menu_action(window, "Copy &Permalink").trigger()
    assert QApplication.clipboard().text() == (
        "https://pfocr.wikipathways.org/figures/PMC1584297__neo0809_0733_fig009.html"
    )
