"""The gene, chemical and disease tables: models, filters, links, copying and hostile text."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus import FIGURES, SEED, TABLES
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont, QGuiApplication, QPalette
from pytestqt.modeltest import ModelTester

from viewer import links
from viewer.record import FigureRecord, load_record
from viewer.ui.models import (
    Column,
    GeneFilterProxy,
    GeneTableModel,
    MentionTableModel,
    Role,
    TextFilterProxy,
    default_organisms,
)
from viewer.ui.tables import GeneTablePanel, MentionTablePanel

PLANT = FIGURES / "PMC6585049__12870_2019_1880_Fig9_HTML.md"  # 43 genes: human, fly, E. coli
NEURO = FIGURES / "PMC6365454__fnins-13-00025-g0002.md"  # 115 genes, chemicals, diseases
NAMED = FIGURES / "PMC10003241__ijms-24-04893-g003.md"  # chemicals with names and ChEBI ids
HUMAN = "Homo sapiens"
FLY = "Drosophila melanogaster"
EVIL = '<a href="file:///etc/passwd">x</a>'


def empty_record() -> FigureRecord:
    return FigureRecord(figid="PMC1__empty")


def records() -> dict[str, FigureRecord]:
    return {
        "seed": load_record(SEED),
        "plant": load_record(PLANT),
        "neuro": load_record(NEURO),
        "named": load_record(NAMED),
        "empty": empty_record(),
    }


def seed_without_lists() -> str:
    """The seed record's text with its inline gene, chemical and disease lists cut out."""
    kept: list[str] = []
    skipping = False
    for line in SEED.read_text(encoding="utf-8").splitlines():
        top_level = line[:1] not in (" ", "-", "")
        if top_level:
            skipping = line.split(":", 1)[0] in ("genes", "chemicals", "diseases")
        if not skipping:
            kept.append(line)
    return "\n".join(kept) + "\n"


GENES_HEADER = "organism_id\torganism_name\tword\tmatch\tncbigene_symbol\tncbigene_id\tsource"


@pytest.fixture
def mixed_record(tmp_path: Path) -> FigureRecord:
    """The seed's metadata (a human figure) with a genes table of human and fly matches."""
    record_path = tmp_path / SEED.name
    record_path.write_text(seed_without_lists(), encoding="utf-8")
    rows = [
        GENES_HEADER,
        "9606\tHomo sapiens\tSTAT3\tSTAT3\tSTAT3\t6774\tncbigene_symbol",
        "9606\tHomo sapiens\tIL6\tIL6\tIL6\t3569\tncbigene_symbol",
        "9606\tHomo sapiens\tJAK\tJAK\tJAK1\t3716\tfamplex_relations",
        "7227\tDrosophila melanogaster\tSTAT3\tSTAT3\tStat92E\t41592\tncbigene_synonym",
        "7227\tDrosophila melanogaster\tJAK\tJAK\thop\t32549\tncbigene_synonym",
    ]
    table = tmp_path / "PMC1584297__neo0809_0733_fig009-genes.tsv"
    table.write_text("\n".join(rows) + "\n", encoding="utf-8")
    record = load_record(record_path)
    assert record.layout == "split"
    assert record.own_organisms == (HUMAN,)
    assert record.gene_organisms == (HUMAN, FLY)
    return record


@pytest.fixture
def evil_record(tmp_path: Path) -> FigureRecord:
    path = tmp_path / "evil.md"
    path.write_text(
        "---\nfigid: PMC1__evil\ngenes:\n"
        f"- word: '{EVIL}'\n  symbol: STAT3\n  source: '<b>bold</b>'\n"
        "  hgnc_symbol: STAT3\n  entrez: '6774'\n"
        "chemicals:\n"
        f"- word: '{EVIL}'\n  source: MESH\n  identifier: '<img src=\"file:///x\">'\n"
        "---\n",
        encoding="utf-8",
    )
    return load_record(path)


def show(qtbot, panel):
    qtbot.addWidget(panel)
    # An explicit minimum size keeps the layout from setting the new window's limits as it
    # is shown, which the offscreen platform reports as a warning.
    panel.setMinimumSize(300, 200)
    panel.resize(1000, 700)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def gene_panel(qtbot, record: FigureRecord | None) -> GeneTablePanel:
    panel = show(qtbot, GeneTablePanel())
    panel.set_record(record)
    return panel


def cell(panel, row: int, column: Column) -> QModelIndex:
    col = panel.model.column_of(column)
    assert col is not None, column
    return panel.proxy.index(row, col)


def row_of(panel, text: str, column: Column) -> int:
    col = panel.model.column_of(column)
    for row in range(panel.proxy.rowCount()):
        if panel.proxy.index(row, col).data() == text:
            return row
    raise AssertionError(f"{text!r} not in column {column}")


def click(qtbot, view, index: QModelIndex, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    view.scrollTo(index)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, modifier, view.visualRect(index).center()
    )


def double_click(qtbot, view, index: QModelIndex) -> None:
    """Press-release, then the double-click event, as a real double-click arrives."""
    click(qtbot, view, index)
    qtbot.mouseDClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )


def column_values(panel, column: Column) -> list[str]:
    col = panel.model.column_of(column)
    return [panel.proxy.index(row, col).data() for row in range(panel.proxy.rowCount())]


def headers(model) -> list[str]:
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


# --- the models pass Qt's model checks -------------------------------------------------------


@pytest.mark.parametrize("name", ["seed", "plant", "neuro", "named", "empty"])
def test_gene_model_and_proxy_pass_modeltester(qtmodeltester, name) -> None:
    record = records()[name]
    model = GeneTableModel()
    model.set_record(record)
    proxy = GeneFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(model)
    ModelTester(None).check(proxy, force_py=True)
    # The checks stay connected: changes below are checked as they happen.
    proxy.sort(model.column_of(Column.ENTREZ), Qt.SortOrder.DescendingOrder)
    proxy.set_text("a")
    proxy.set_organisms({HUMAN})
    proxy.set_organisms(None)
    proxy.set_text("")
    model.set_record(load_record(PLANT))
    model.set_record(None)
    model.set_record(record)
    assert model.rowCount() == len(record.genes)


@pytest.mark.parametrize("name", ["seed", "plant", "neuro", "named", "empty"])
@pytest.mark.parametrize("kind", ["chemicals", "diseases"])
def test_mention_model_and_proxy_pass_modeltester(qtmodeltester, name, kind) -> None:
    record = records()[name]
    model = MentionTableModel(kind)
    model.set_record(record)
    proxy = TextFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    ModelTester(None).check(model, force_py=True)
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    proxy.set_text("d")
    proxy.set_text("")
    model.set_record(load_record(NAMED))
    model.set_record(None)
    model.set_record(record)
    assert model.rowCount() == len(getattr(record, kind))


def test_panels_models_pass_modeltester(qtbot, qtmodeltester) -> None:
    panel = gene_panel(qtbot, load_record(PLANT))
    qtmodeltester.check(panel.proxy)
    panel.set_record(load_record(NEURO))
    panel.filter_edit.setText("stat")
    panel.set_organisms({FLY})
    panel.set_record(empty_record())
    panel.set_record(None)


# --- what the gene model shows -------------------------------------------------------------


def test_gene_columns_inline_and_split() -> None:
    model = GeneTableModel()
    model.set_record(load_record(SEED))
    assert headers(model) == ["Word", "Symbol", "Source", "HGNC symbol", "NCBI Gene id"]
    model.set_record(load_record(PLANT))
    assert headers(model) == [
        "Word", "Symbol", "Source", "Official symbol", "NCBI Gene id", "Organism",
    ]  # fmt: skip
    assert model.rowCount() == 43


def test_header_tooltips_explain_each_column() -> None:
    model = GeneTableModel()
    model.set_record(load_record(PLANT))
    tips = {
        model.headerData(c, Qt.Orientation.Horizontal): model.headerData(
            c, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
        )
        for c in range(model.columnCount())
    }
    assert "as OCR read it in the figure image" in tips["Word"]
    assert "cleaned word that was looked up" in tips["Symbol"]
    assert "FamPlex" in tips["Source"] and "synonym" in tips["Source"]
    assert "NCBI Gene page" in tips["NCBI Gene id"]
    assert "several organisms" in tips["Organism"]
    assert "HGNC page" in tips["Official symbol"]
    assert model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.DecorationRole) is None


def test_source_cell_is_readable_with_raw_value_in_tooltip(mixed_record) -> None:
    model = GeneTableModel()
    model.set_record(load_record(SEED))
    source = model.index(0, model.column_of(Column.SOURCE))
    assert source.data() == "Gene family (FamPlex)"
    assert source.data(Role.RAW) == "bioentities_symbol"
    assert "Recorded as: bioentities_symbol" in source.data(Qt.ItemDataRole.ToolTipRole)
    model.set_record(mixed_record)
    sources = [model.index(r, model.column_of(Column.SOURCE)).data() for r in range(5)]
    assert sources == [
        "NCBI Gene symbol", "NCBI Gene symbol", "Gene family (FamPlex)",
        "NCBI Gene synonym", "NCBI Gene synonym",
    ]  # fmt: skip


def test_hgnc_alias_source_reads_as_hgnc_alias(tmp_path) -> None:
    path = tmp_path / "alias.md"
    path.write_text(
        "---\nfigid: PMC1__alias\ngenes:\n- word: p53\n  symbol: P53\n"
        "  source: hgnc_alias_symbol\n  hgnc_symbol: TP53\n  entrez: 7157\n---\n",
        encoding="utf-8",
    )
    model = GeneTableModel()
    model.set_record(load_record(path))
    source = model.index(0, model.column_of(Column.SOURCE))
    assert source.data() == "HGNC alias"
    assert "hgnc_alias_symbol" in source.data(Qt.ItemDataRole.ToolTipRole)


def test_roles_urls_items_and_unknown_roles() -> None:
    record = load_record(SEED)
    model = GeneTableModel()
    model.set_record(record)
    entrez = model.index(0, model.column_of(Column.ENTREZ))
    hgnc = model.index(0, model.column_of(Column.OFFICIAL))
    word = model.index(0, model.column_of(Column.WORD))
    assert entrez.data() == "5966"
    assert entrez.data(Role.URL) == "https://www.ncbi.nlm.nih.gov/gene/5966"
    assert entrez.data(Role.SORT) == 5966
    assert hgnc.data(Role.URL) == links.hgnc_symbol("REL")
    assert word.data(Role.URL) is None
    assert word.data(Role.ITEM) is record.genes[0]
    assert word.data(Qt.ItemDataRole.CheckStateRole) is None
    assert word.data(Qt.ItemDataRole.DecorationRole) is None
    assert word.data(Role.RAW + 50) is None
    assert model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is None


def test_link_cells_look_like_links() -> None:
    model = GeneTableModel()
    model.set_record(load_record(SEED))
    for column in (Column.ENTREZ, Column.OFFICIAL):
        index = model.index(0, model.column_of(column))
        brush = index.data(Qt.ItemDataRole.ForegroundRole)
        assert brush.color() == QGuiApplication.palette().color(QPalette.ColorRole.Link)
        font = index.data(Qt.ItemDataRole.FontRole)
        assert isinstance(font, QFont) and font.underline()
    assert model.index(0, 0).data(Qt.ItemDataRole.FontRole) is None


def test_only_human_symbols_link_to_hgnc() -> None:
    model = GeneTableModel()
    model.set_record(load_record(PLANT))
    col = model.column_of(Column.OFFICIAL)
    for row, gene in enumerate(model.items):
        url = model.index(row, col).data(Role.URL)
        if gene.organism == HUMAN:
            assert url == links.hgnc_symbol(gene.hgnc_symbol)
        else:
            assert url is None
            assert model.index(row, col).data(Qt.ItemDataRole.FontRole) is None


# --- clicking, activating, cursor ----------------------------------------------------------


def test_click_on_ncbi_id_opens_ncbi_gene(qtbot, opened_urls) -> None:
    panel = gene_panel(qtbot, load_record(SEED))
    click(qtbot, panel.view, cell(panel, 0, Column.ENTREZ))
    assert opened_urls == ["https://www.ncbi.nlm.nih.gov/gene/5966"]


def test_click_on_hgnc_symbol_opens_hgnc(qtbot, opened_urls) -> None:
    panel = gene_panel(qtbot, load_record(SEED))
    click(qtbot, panel.view, cell(panel, 1, Column.OFFICIAL))
    assert opened_urls == ["https://www.genenames.org/data/gene-symbol-report/#!/symbol/JAK1"]


def test_click_on_fly_symbol_opens_nothing_and_human_opens_hgnc(qtbot, opened_urls) -> None:
    panel = gene_panel(qtbot, load_record(PLANT))
    click(
        qtbot, panel.view, cell(panel, row_of(panel, "CkIIbeta", Column.OFFICIAL), Column.OFFICIAL)
    )
    assert opened_urls == []
    human = next(g for g in panel.model.items if g.organism == HUMAN)
    click(
        qtbot,
        panel.view,
        cell(panel, row_of(panel, human.hgnc_symbol, Column.OFFICIAL), Column.OFFICIAL),
    )
    assert opened_urls == [links.hgnc_symbol(human.hgnc_symbol)]


def test_click_on_plain_cell_or_with_ctrl_opens_nothing(qtbot, opened_urls) -> None:
    panel = gene_panel(qtbot, load_record(SEED))
    click(qtbot, panel.view, cell(panel, 0, Column.WORD))
    click(qtbot, panel.view, cell(panel, 1, Column.SOURCE))
    click(
        qtbot,
        panel.view,
        cell(panel, 2, Column.ENTREZ),
        modifier=Qt.KeyboardModifier.ControlModifier,
    )
    assert opened_urls == []


def test_double_click_opens_row_ncbi_page(qtbot, opened_urls) -> None:
    panel = gene_panel(qtbot, load_record(SEED))
    double_click(qtbot, panel.view, cell(panel, 1, Column.WORD))
    assert opened_urls == ["https://www.ncbi.nlm.nih.gov/gene/3716"]
    # On a link cell the click opens that link; the double-click does not open a second page.
    double_click(qtbot, panel.view, cell(panel, 2, Column.OFFICIAL))
    assert opened_urls[1:] == [links.hgnc_symbol("NFKB2")]


def test_enter_and_return_open_current_row_ncbi_page(qtbot, opened_urls) -> None:
    panel = gene_panel(qtbot, load_record(SEED))
    panel.view.setFocus()
    panel.view.setCurrentIndex(cell(panel, 2, Column.SYMBOL))
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    panel.view.setCurrentIndex(cell(panel, 3, Column.SOURCE))
    qtbot.keyClick(panel.view, Qt.Key.Key_Enter)
    assert opened_urls == [
        "https://www.ncbi.nlm.nih.gov/gene/4791",
        "https://www.ncbi.nlm.nih.gov/gene/4790",
    ]


def test_pointing_hand_over_link_cells(qtbot) -> None:
    panel = gene_panel(qtbot, load_record(SEED))
    viewport = panel.view.viewport()
    for column, shape in (
        (Column.ENTREZ, Qt.CursorShape.PointingHandCursor),
        (Column.WORD, Qt.CursorShape.ArrowCursor),
        (Column.OFFICIAL, Qt.CursorShape.PointingHandCursor),
    ):
        index = cell(panel, 0, column)
        qtbot.mouseMove(viewport, panel.view.visualRect(index).center())
        qtbot.waitUntil(lambda s=shape: viewport.cursor().shape() == s, timeout=2000)


# --- sorting and filtering -------------------------------------------------------------------


def test_sorting_by_id_is_numeric(qtbot) -> None:
    panel = gene_panel(qtbot, load_record(PLANT))
    assert column_values(panel, Column.WORD)[0] == "and"  # the record's own order first
    panel.view.sortByColumn(panel.model.column_of(Column.ENTREZ), Qt.SortOrder.AscendingOrder)
    ids = column_values(panel, Column.ENTREZ)
    assert ids == sorted(ids, key=int)
    assert ids != sorted(ids)  # as text, 1xxxxx would sort before 3xxxx
    panel.view.sortByColumn(panel.model.column_of(Column.ENTREZ), Qt.SortOrder.DescendingOrder)
    assert column_values(panel, Column.ENTREZ) == sorted(ids, key=int, reverse=True)


def test_sorting_text_is_natural_and_case_insensitive() -> None:
    model = GeneTableModel()
    model.set_record(load_record(SEED))
    proxy = GeneFilterProxy()
    proxy.setSourceModel(model)
    col = model.column_of(Column.OFFICIAL)
    proxy.sort(col, Qt.SortOrder.AscendingOrder)
    symbols = [proxy.index(r, col).data() for r in range(proxy.rowCount())]
    assert symbols.index("IL6") < symbols.index("IL6R") < symbols.index("JAK1")


def test_text_filter_changes_rows_and_count(qtbot) -> None:
    panel = gene_panel(qtbot, load_record(SEED))
    assert panel.count_label.text() == "12 genes"
    assert panel.filter_edit.placeholderText() == "Filter genes"
    assert panel.filter_edit.isClearButtonEnabled()
    qtbot.keyClicks(panel.filter_edit, "jak")
    assert sorted(column_values(panel, Column.OFFICIAL)) == ["JAK1", "JAK2", "JAK3", "TYK2"]
    assert panel.count_label.text() == "4 of 12 genes"
    panel.filter_edit.setText("NFKB rel")  # every word must match, in any column
    assert sorted(column_values(panel, Column.OFFICIAL)) == ["REL", "RELA", "RELB"]
    panel.filter_edit.setText("no such gene")
    assert panel.proxy.rowCount() == 0 and panel.count_label.text() == "0 of 12 genes"
    panel.filter_edit.clear()
    assert panel.count_label.text() == "12 genes"


def test_filter_searches_the_readable_source_and_organism(qtbot) -> None:
    panel = gene_panel(qtbot, load_record(PLANT))
    panel.filter_edit.setText("coli")
    assert panel.proxy.rowCount() == 5
    assert panel.count_label.text() == "5 of 43 genes"
    panel.filter_edit.setText("synonym melanogaster")
    assert panel.proxy.rowCount() == 15


def test_organism_filter_starts_on_own_organisms(qtbot, mixed_record) -> None:
    assert default_organisms(mixed_record) == {HUMAN}
    panel = gene_panel(qtbot, mixed_record)
    assert panel.organism_filter.isVisibleTo(panel)
    assert panel.organism_filter.text() == HUMAN
    assert panel.proxy.rowCount() == 3
    assert set(column_values(panel, Column.ORGANISM)) == {HUMAN}
    assert panel.count_label.text() == "3 of 5 genes"
    assert panel.organism_actions[HUMAN].isChecked()
    assert not panel.organism_actions[FLY].isChecked()

    panel.organism_actions[FLY].trigger()  # tick fly too: everything shows
    assert panel.proxy.rowCount() == 5 and panel.count_label.text() == "5 genes"
    assert panel.organism_filter.text() == "All organisms"
    panel.organism_actions[HUMAN].trigger()  # untick human: fly only
    assert set(column_values(panel, Column.ORGANISM)) == {FLY}
    assert panel.count_label.text() == "2 of 5 genes"
    panel.filter_edit.setText("stat")  # the two filters combine
    assert column_values(panel, Column.OFFICIAL) == ["Stat92E"]
    assert panel.count_label.text() == "1 of 5 genes"
    panel.set_organisms(None)
    assert panel.count_label.text() == "2 of 5 genes"
    assert all(a.isChecked() for a in panel.organism_actions.values())


def test_organism_filter_menu_has_shortcuts(qtbot, mixed_record) -> None:
    panel = gene_panel(qtbot, mixed_record)
    actions = {a.text(): a for a in panel.organism_filter.menu().actions() if a.text()}
    actions["All organisms"].trigger()
    assert panel.proxy.rowCount() == 5
    actions["The figure's organisms (Homo sapiens)"].trigger()
    assert panel.proxy.rowCount() == 3
    assert {"Homo sapiens (3)", "Drosophila melanogaster (2)"} <= set(actions)


def test_organism_filter_when_all_organisms_are_own_or_just_one(qtbot) -> None:
    plant = load_record(PLANT)
    assert set(plant.own_organisms) == set(plant.gene_organisms)
    panel = gene_panel(qtbot, plant)
    assert panel.organism_filter.isVisibleTo(panel)
    assert panel.proxy.rowCount() == 43 and panel.count_label.text() == "43 genes"
    panel.organism_actions["Escherichia coli str. K-12 substr. MG1655"].trigger()
    assert panel.count_label.text() == "38 of 43 genes"
    panel.set_record(load_record(SEED))  # one organism (or none named): no filter
    assert not panel.organism_filter.isVisibleTo(panel)
    assert panel.proxy.rowCount() == 12


def test_default_organisms_falls_back_to_all() -> None:
    assert default_organisms(None) is None
    assert default_organisms(load_record(SEED)) is None
    assert default_organisms(load_record(PLANT)) is None  # all three are the figure's own
    neuro = load_record(NEURO)
    assert neuro.own_organisms == () or default_organisms(neuro) is None


# --- copying and the context menu ----------------------------------------------------------


def test_copy_symbols_and_ids_of_selected_rows(qtbot) -> None:
    panel = gene_panel(qtbot, load_record(SEED))
    panel.view.selectRow(1)
    click(
        qtbot, panel.view, cell(panel, 5, Column.WORD), modifier=Qt.KeyboardModifier.ControlModifier
    )
    panel.copy_symbols()
    assert QGuiApplication.clipboard().text() == "JAK1\nIL6R"
    panel.copy_ids()
    assert QGuiApplication.clipboard().text() == "3716\n3570"


def test_context_menu_actions(qtbot, opened_urls) -> None:
    panel = gene_panel(qtbot, load_record(SEED))
    index = cell(panel, 9, Column.WORD)
    panel.view.selectRow(9)
    menu = panel.build_context_menu(index)
    actions = {a.text(): a for a in menu.actions() if not a.isSeparator()}
    assert list(actions) == [
        "Open NCBI Gene page", "Open HGNC page", "Copy symbols", "Copy NCBI Gene ids", "Copy rows",
    ]  # fmt: skip
    actions["Open NCBI Gene page"].trigger()
    actions["Open HGNC page"].trigger()
    assert opened_urls == [
        "https://www.ncbi.nlm.nih.gov/gene/6774",
        "https://www.genenames.org/data/gene-symbol-report/#!/symbol/STAT3",
    ]
    actions["Copy symbols"].trigger()
    assert QGuiApplication.clipboard().text() == "STAT3"
    actions["Copy NCBI Gene ids"].trigger()
    assert QGuiApplication.clipboard().text() == "6774"


def test_context_menu_disables_hgnc_for_fly_gene(qtbot) -> None:
    panel = gene_panel(qtbot, load_record(PLANT))
    menu = panel.build_context_menu(cell(panel, 0, Column.WORD))  # CkIIbeta, a fly gene
    actions = {a.text(): a for a in menu.actions() if not a.isSeparator()}
    assert actions["Open NCBI Gene page"].isEnabled()
    assert not actions["Open HGNC page"].isEnabled()


def test_ctrl_c_copies_selected_rows_as_tsv(qtbot) -> None:
    panel = gene_panel(qtbot, load_record(SEED))
    panel.view.setFocus()
    panel.view.selectRow(9)
    panel.view.selectionModel().select(
        cell(panel, 10, Column.WORD),
        panel.view.selectionModel().SelectionFlag.Select
        | panel.view.selectionModel().SelectionFlag.Rows,
    )
    qtbot.keyClick(panel.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text().splitlines() == [
        "Word\tSymbol\tSource\tHGNC symbol\tNCBI Gene id",
        "STAT3\tSTAT3\tHGNC symbol\tSTAT3\t6774",
        "IL6\tIL6\tHGNC symbol\tIL6\t3569",
    ]


# --- hostile record text -------------------------------------------------------------------


def test_record_html_shows_literally_and_opens_nothing(qtbot, opened_urls, evil_record) -> None:
    panel = gene_panel(qtbot, evil_record)
    word = cell(panel, 0, Column.WORD)
    assert word.data() == EVIL
    assert word.data(Role.URL) is None
    click(qtbot, panel.view, word)
    assert opened_urls == []
    double_click(qtbot, panel.view, word)
    # The double-click opens the row's NCBI page, which is a checked link; nothing else opens.
    assert opened_urls == ["https://www.ncbi.nlm.nih.gov/gene/6774"]
    source = cell(panel, 0, Column.SOURCE)
    assert source.data() == "<b>bold</b>"
    tip = source.data(Qt.ItemDataRole.ToolTipRole)
    assert "<b>" not in tip and "&lt;b&gt;bold&lt;/b&gt;" in tip


def test_mention_html_shows_literally_and_links_nowhere(qtbot, opened_urls, evil_record) -> None:
    panel = show(qtbot, MentionTablePanel("chemicals"))
    panel.set_record(evil_record)
    word = cell(panel, 0, Column.WORD)
    ident = cell(panel, 0, Column.IDENTIFIER)
    assert word.data() == EVIL
    assert ident.data() == '<img src="file:///x">'
    assert ident.data(Role.URL) is None
    click(qtbot, panel.view, ident)
    click(qtbot, panel.view, word)
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert opened_urls == []
    assert "<img" not in (ident.data(Qt.ItemDataRole.ToolTipRole) or "")


# --- chemicals and diseases ----------------------------------------------------------------


def test_click_on_mesh_id_opens_mesh(qtbot, opened_urls) -> None:
    panel = show(qtbot, MentionTablePanel("chemicals"))
    panel.set_record(load_record(NEURO))
    assert headers(panel.model) == ["Word", "Vocabulary", "Identifier"]
    assert panel.count_label.text() == "12 chemicals"
    assert cell(panel, 0, Column.VOCABULARY).data() == "MeSH"
    click(qtbot, panel.view, cell(panel, 0, Column.IDENTIFIER))
    assert opened_urls == ["https://id.nlm.nih.gov/mesh/D015232"]
    assert opened_urls[0].startswith("https://id.nlm.nih.gov/mesh/D")


def test_diseases_table(qtbot, opened_urls) -> None:
    panel = show(qtbot, MentionTablePanel("diseases"))
    panel.set_record(load_record(NEURO))
    assert panel.count_label.text() == "1 disease"
    assert panel.filter_edit.placeholderText() == "Filter diseases"
    index = cell(panel, 0, Column.WORD)
    assert index.data() == "Microangiopathy"
    panel.view.setFocus()
    panel.view.setCurrentIndex(index)
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert opened_urls == ["https://id.nlm.nih.gov/mesh/D057049"]


def test_mentions_with_names_and_other_ids(qtbot, opened_urls) -> None:
    record = load_record(NAMED)
    panel = show(qtbot, MentionTablePanel("chemicals"))
    panel.set_record(record)
    assert headers(panel.model) == ["Word", "Name", "Vocabulary", "Identifier", "Other ids"]
    row = row_of(panel, "Fatty acid", Column.WORD)
    assert cell(panel, row, Column.NAME).data() == "fatty acid"
    assert cell(panel, row, Column.OTHER_IDS).data() == "chebi:35366"
    menu = panel.build_context_menu(cell(panel, row, Column.WORD))
    actions = {a.text(): a for a in menu.actions() if not a.isSeparator()}
    assert {"Open MeSH page", "Open chebi:35366", "Copy words", "Copy identifiers"} <= set(actions)
    actions["Open MeSH page"].trigger()
    actions["Open chebi:35366"].trigger()
    assert opened_urls == [
        "https://id.nlm.nih.gov/mesh/D005227",
        "https://bioregistry.io/chebi:35366",
    ]
    panel.view.selectRow(row)
    actions["Copy identifiers"].trigger()
    assert QGuiApplication.clipboard().text() == "D005227"


def test_chebi_only_mention_links_through_bioregistry(qtbot, opened_urls) -> None:
    record = load_record(FIGURES / "PMC12068639__ppat.1013147.g002.md")
    panel = show(qtbot, MentionTablePanel("chemicals"))
    panel.set_record(record)
    row = row_of(panel, "ATP", Column.WORD)
    assert cell(panel, row, Column.VOCABULARY).data() == "ChEBI"
    click(qtbot, panel.view, cell(panel, row, Column.IDENTIFIER))
    assert opened_urls == ["https://bioregistry.io/chebi:30616"]


def test_mention_filter(qtbot) -> None:
    panel = show(qtbot, MentionTablePanel("chemicals"))
    panel.set_record(load_record(NEURO))
    panel.filter_edit.setText("atp")
    assert column_values(panel, Column.WORD) == ["ATP"]
    assert panel.count_label.text() == "1 of 12 chemicals"


def test_empty_states(qtbot) -> None:
    chemicals = show(qtbot, MentionTablePanel("chemicals"))
    assert chemicals.empty_label.text() == "No figure open."
    chemicals.set_record(load_record(SEED))
    assert chemicals.empty_label.isVisibleTo(chemicals)
    assert chemicals.empty_label.text() == "No chemicals listed for this figure."
    assert chemicals.empty_label.textFormat() == Qt.TextFormat.PlainText
    assert not chemicals.view.isVisibleTo(chemicals)
    chemicals.set_record(load_record(NEURO))
    assert chemicals.view.isVisibleTo(chemicals)
    assert not chemicals.empty_label.isVisibleTo(chemicals)
    diseases = show(qtbot, MentionTablePanel("diseases"))
    diseases.set_record(load_record(PLANT))
    assert diseases.empty_label.text() == "No diseases listed for this figure."
    genes = gene_panel(qtbot, empty_record())
    assert genes.empty_label.text() == "No genes listed for this figure."
    assert not genes.organism_filter.isVisibleTo(genes)


def test_mention_kind_is_checked() -> None:
    with pytest.raises(ValueError):
        MentionTableModel("proteins")  # type: ignore[arg-type]


def test_corpus_tables_load_into_models() -> None:
    # Every bundled side table's record fills the models without error.
    for table in sorted(TABLES.glob("*-genes.tsv"))[:20]:
        record = load_record(FIGURES / (table.name.removesuffix("-genes.tsv") + ".md"))
        model = GeneTableModel()
        model.set_record(record)
        for row in range(model.rowCount()):
            for col in range(model.columnCount()):
                assert isinstance(model.index(row, col).data(), str)


def test_enter_in_filter_box_moves_to_the_first_row(qtbot, opened_urls) -> None:
    panel = gene_panel(qtbot, load_record(SEED))
    panel.filter_edit.setFocus()
    qtbot.keyClicks(panel.filter_edit, "stat3")
    qtbot.keyClick(panel.filter_edit, Qt.Key.Key_Return)
    assert opened_urls == []  # Enter in the box only moves to the table
    assert panel.view.currentIndex().row() == 0
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert opened_urls == ["https://www.ncbi.nlm.nih.gov/gene/6774"]


def test_view_header_shows_column_tooltips(qtbot) -> None:
    panel = gene_panel(qtbot, load_record(SEED))
    header = panel.view.horizontalHeader()
    tip = header.model().headerData(
        panel.model.column_of(Column.ENTREZ), Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
    )
    assert "NCBI Gene (Entrez) id" in tip
    assert panel.view.isSortingEnabled() and panel.view.alternatingRowColors()
    assert panel.view.selectionBehavior() == panel.view.SelectionBehavior.SelectRows


def test_hostile_organism_names_stay_plain(qtbot, tmp_path) -> None:
    record_path = tmp_path / SEED.name
    record_path.write_text(seed_without_lists(), encoding="utf-8")
    evil = "<b>Evil</b> & co"
    rows = [
        GENES_HEADER,
        "9606\tHomo sapiens\tSTAT3\tSTAT3\tSTAT3\t6774\tncbigene_symbol",
        f"1\t{evil}\tSTAT3\tSTAT3\tstat\t123\tncbigene_symbol",
    ]
    (tmp_path / "PMC1584297__neo0809_0733_fig009-genes.tsv").write_text(
        "\n".join(rows) + "\n", encoding="utf-8"
    )
    panel = gene_panel(qtbot, load_record(record_path))
    panel.set_organisms({evil})
    assert panel.organism_filter.text() == "<b>Evil</b> && co"  # "&" is not a shortcut marker
    assert "<b>Evil" not in panel.organism_filter.toolTip()
    assert "&lt;b&gt;Evil&lt;/b&gt; &amp; co" in panel.organism_filter.toolTip()
    assert panel.organism_actions[evil].text() == "<b>Evil</b> && co (1)"
    assert column_values(panel, Column.ORGANISM) == [evil]
    organism = cell(panel, 0, Column.ORGANISM)
    assert "&lt;b&gt;" in organism.data(Qt.ItemDataRole.ToolTipRole)
