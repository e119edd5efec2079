"""The gene, chemical and disease tables of the main window, with their filters.

A panel is a filter box, a count of the rows shown ("23 of 43 genes", so filtered-out rows are
never a mystery) and a sortable table. Link cells open their page on a single click;
Enter or a double-click opens the row's main page; every page goes through
``urls.open_url``. Record text is shown as plain text only.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, Literal, TypeVar

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QGuiApplication, QKeyEvent, QKeySequence, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from viewer.genelist import GeneListError, RecordMatch, match_record_genes, parse_gene_list
from viewer.record.model import FigureRecord, Gene, Mention
from viewer.ui import urls
from viewer.ui.models import (
    GeneFilterProxy,
    GeneTableModel,
    MentionKind,
    MentionTableModel,
    RecordTableModel,
    Role,
    TextFilterProxy,
    default_organisms,
    other_id_urls,
    plain_tooltip,
    vocabulary_label,
)

# Columns are sized to their contents, but one long OCR word or name must not push the rest
# of the table out of sight.
MAX_COLUMN_WIDTH = 320
HIGHLIGHT_HELP = (
    "Highlight genes in the table and on the mechanism canvas: type or paste symbols, OCR "
    "words or NCBI Gene ids, separated by spaces, commas, semicolons or new lines "
    "(upper or lower case). The names stay when you switch figures."
)

T = TypeVar("T", Gene, Mention)


def _plain_label(text: str = "") -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def _menu_text(text: str) -> str:
    """Record text for a menu or button label: a lone ``&`` would become a shortcut marker."""
    return text.replace("&", "&&")


def _cell_for_tsv(text: str) -> str:
    return " ".join(text.split()) if any(c in text for c in "\t\r\n") else text


def _copy_lines(lines: list[str]) -> None:
    QGuiApplication.clipboard().setText("\n".join(lines))


class RecordTablePanel(QWidget, Generic[T]):
    """What the gene and mention panels share: filter box, count, table, clicks and copying."""

    def __init__(
        self,
        model: RecordTableModel[T],
        proxy: TextFilterProxy,
        singular: str,
        plural: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.singular = singular
        self.plural = plural
        self.model = model
        self.proxy = proxy
        model.setParent(self)
        proxy.setParent(self)
        proxy.setSourceModel(model)

        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(f"Filter {plural}")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setToolTip(
            f"Show only the {plural} whose row contains every word typed here "
            "(any column, upper or lower case)."
        )
        self.filter_edit.textChanged.connect(self._on_filter_text)
        self.filter_edit.returnPressed.connect(self._go_to_table)
        self.count_label = _plain_label()
        self.empty_label = _plain_label()
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        # Its text changes with the record; its size must not change the panel's limits.
        self.empty_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)

        self.view = QTableView()
        self.view.setModel(proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setTabKeyNavigation(False)  # Tab leaves the table, as in a form
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        # Start in the record's own order (PFOCR lists genes as found); a third click on a
        # header returns to it.
        header.setSortIndicatorClearable(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        self.view.setMouseTracking(True)  # for the pointing hand over links
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.clicked.connect(self._on_clicked)
        self.view.doubleClicked.connect(self._on_double_clicked)
        self.view.entered.connect(self._on_entered)
        self.view.viewportEntered.connect(self._on_viewport_entered)
        self.view.customContextMenuRequested.connect(self._show_context_menu)
        self.view.installEventFilter(self)

        self.tools = QHBoxLayout()
        self.tools.setContentsMargins(0, 0, 0, 0)
        self.tools.addWidget(self.filter_edit, 1)
        self.tools.addWidget(self.count_label)
        self.tools_box = QWidget()
        self.tools_box.setLayout(self.tools)
        # The panel's minimum size must not follow the count text or the organism button
        # coming and going: the window's limits would change on every record and keystroke.
        self.tools_box.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.content = QWidget()
        column = QVBoxLayout(self.content)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.tools_box)
        column.addWidget(self.view, 1)
        # A stack sizes itself to its largest page, so switching to the empty state and back
        # leaves the panel's size limits alone too.
        self.stack = QStackedWidget()
        self.stack.addWidget(self.content)
        self.stack.addWidget(self.empty_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        for signal in (
            proxy.rowsInserted,
            proxy.rowsRemoved,
            proxy.modelReset,
            proxy.layoutChanged,
        ):
            signal.connect(self._update_count)
        self.set_record(None)

    # Showing a record.

    def set_record(self, record: FigureRecord | None) -> None:
        """Show ``record``'s rows, or an empty panel for ``None``."""
        old_columns = self.model.columns
        self.model.set_record(record)
        if self.model.columns != old_columns:
            # Column positions moved: a sort by "column 4" would now sort something else.
            self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        has_rows = bool(self.model.items)
        self.stack.setCurrentWidget(self.content if has_rows else self.empty_label)
        if record is None:
            self.empty_label.setText("No figure open.")
        else:
            self.empty_label.setText(f"No {self.plural} listed for this figure.")
        if has_rows:
            self._resize_columns()
        self._update_count()

    def _resize_columns(self) -> None:
        self.view.resizeColumnsToContents()
        header = self.view.horizontalHeader()
        for section in range(header.count()):
            if header.sectionSize(section) > MAX_COLUMN_WIDTH:
                header.resizeSection(section, MAX_COLUMN_WIDTH)

    def _noun(self, count: int) -> str:
        return self.singular if count == 1 else self.plural

    def count_text(self) -> str:
        """What the count label says, e.g. "23 of 43 genes"."""
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        if shown == total:
            return f"{total} {self._noun(total)}"
        return f"{shown} of {total} {self.plural}"

    def _update_count(self) -> None:
        self.count_label.setText(self.count_text())
        hidden = self.model.rowCount() - self.proxy.rowCount()
        self.count_label.setToolTip(
            f"{hidden} {self._noun(hidden)} hidden by the filters" if hidden else ""
        )

    def _go_to_table(self) -> None:
        """Enter in the filter box moves to the first row shown, ready for Enter to open it."""
        if self.proxy.rowCount():
            self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)
            if not self.view.currentIndex().isValid():
                self.view.setCurrentIndex(self.proxy.index(0, 0))

    def _on_filter_text(self, text: str) -> None:
        self.proxy.set_text(text)
        self._update_count()

    # Rows and links.

    def _item_at(self, index: QModelIndex) -> T | None:
        if not index.isValid():
            return None
        return self.model.item(self.proxy.mapToSource(index).row())

    def selected_items(self) -> list[T]:
        """The selected rows' genes or mentions in view order; else the current row's."""
        selection = self.view.selectionModel()
        rows = sorted(index.row() for index in selection.selectedRows())
        if not rows and self.view.currentIndex().isValid():
            rows = [self.view.currentIndex().row()]
        return self.proxy.source_items(rows)

    def rows_for_copy(self) -> list[T]:
        """The selected rows in view order, or every row the filters show when none is."""
        rows = sorted(index.row() for index in self.view.selectionModel().selectedRows())
        return self.proxy.source_items(rows or range(self.proxy.rowCount()))

    def open_row(self, index: QModelIndex) -> bool:
        """Open the main page of the row at ``index`` (a proxy index)."""
        item = self._item_at(index)
        return item is not None and urls.open_url(self.model.row_url(item))

    def _on_clicked(self, index: QModelIndex) -> None:
        # Ctrl- and Shift-clicks extend the selection; they must not also open a browser.
        modifiers = QGuiApplication.keyboardModifiers()
        if modifiers & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier):
            return
        url = index.data(int(Role.URL))
        if url:
            urls.open_url(url)

    def _on_double_clicked(self, index: QModelIndex) -> None:
        # The first click of a double-click on a link cell has opened that link already.
        if index.data(int(Role.URL)):
            return
        self.open_row(index)

    def _on_entered(self, index: QModelIndex) -> None:
        viewport = self.view.viewport()
        if index.data(int(Role.URL)):
            viewport.setCursor(Qt.CursorShape.PointingHandCursor)
        else:
            viewport.unsetCursor()

    def _on_viewport_entered(self) -> None:
        self.view.viewport().unsetCursor()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter opens the current row; Ctrl+C copies the selected rows as TSV."""
        if watched is self.view and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.matches(QKeySequence.StandardKey.Copy):
                self.copy_rows()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                # Handled here, not through `activated`, which some styles emit on one click.
                self.open_row(self.view.currentIndex())
                return True
        return super().eventFilter(watched, event)

    # Copying.

    def copy_rows(self) -> None:
        """Copy the selected rows, with a header line, as tab-separated text."""
        columns = range(self.proxy.columnCount())
        selection = self.view.selectionModel()
        rows = sorted(index.row() for index in selection.selectedRows())
        if not rows and self.view.currentIndex().isValid():
            rows = [self.view.currentIndex().row()]
        if not rows:
            return
        lines = [
            "\t".join(
                _cell_for_tsv(str(self.proxy.headerData(c, Qt.Orientation.Horizontal)))
                for c in columns
            )
        ]
        for row in rows:
            lines.append(
                "\t".join(
                    _cell_for_tsv(str(self.proxy.index(row, c).data() or "")) for c in columns
                )
            )
        _copy_lines(lines)

    # The context menu.

    def build_context_menu(self, index: QModelIndex) -> QMenu:
        """The context menu for the row at ``index`` (a proxy index; may be invalid)."""
        menu = QMenu(self)
        self._add_open_actions(menu, self._item_at(index))
        menu.addSeparator()
        self._add_copy_actions(menu)
        copy_rows = QAction("Copy rows", menu)
        copy_rows.setShortcut(QKeySequence(QKeySequence.StandardKey.Copy))
        copy_rows.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        copy_rows.triggered.connect(self.copy_rows)
        menu.addAction(copy_rows)
        return menu

    def _add_open_actions(self, menu: QMenu, item: T | None) -> None:
        raise NotImplementedError

    def _add_copy_actions(self, menu: QMenu) -> None:
        raise NotImplementedError

    def _add_open(self, menu: QMenu, text: str, url: str | None) -> QAction:
        action = menu.addAction(_menu_text(text))
        action.setEnabled(url is not None)
        if url is not None:
            action.setToolTip(url)
            action.triggered.connect(lambda _checked=False, u=url: urls.open_url(u))
        return action

    def _show_context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if index.isValid() and not self.view.selectionModel().isRowSelected(index.row()):
            self.view.setCurrentIndex(index)
            self.view.selectRow(index.row())
        menu = self.build_context_menu(index)
        menu.exec(self.view.viewport().mapToGlobal(pos))
        menu.deleteLater()


class _StayOpenMenu(QMenu):
    """A menu whose checkable entries toggle without closing it, to tick several at once."""

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """Toggle a checkable entry and keep the menu open."""
        action = self.activeAction()
        if action is not None and action.isCheckable() and action.isEnabled():
            action.trigger()
            event.accept()
            return
        super().mouseReleaseEvent(event)


class GeneTablePanel(RecordTablePanel[Gene]):
    """The genes of a figure, filterable by text and by the organism they were matched in.

    PFOCR matches each figure against several organisms, so a plant figure also lists human
    and fly genes. The organism filter starts on the figure's own organisms.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        self.organism_actions: dict[str, QAction] = {}
        self.organism_menu = _StayOpenMenu()
        self.organism_filter = QToolButton()
        self.organism_filter.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.organism_filter.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.organism_filter.setMenu(self.organism_menu)
        self.highlight_edit = QLineEdit()
        self.highlight_edit.setPlaceholderText("Highlight genes")
        self.highlight_edit.setClearButtonEnabled(True)
        self.highlight_edit.setAccessibleName("Highlight genes")
        self.highlight_edit.setToolTip(HIGHLIGHT_HELP)
        self.highlight_match = RecordMatch(frozenset(), (), ())
        super().__init__(GeneTableModel(), GeneFilterProxy(), "gene", "genes", parent)
        self.organism_menu.setParent(self.organism_filter, self.organism_menu.windowFlags())
        self.tools.insertWidget(1, self.highlight_edit, 1)
        self.tools.insertWidget(2, self.organism_filter)
        self._selecting = False
        self.view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.highlight_edit.textChanged.connect(self._apply_highlight)

    genesSelected = Signal(list)  # NCBI Gene ids of the rows the user selected
    highlightChanged = Signal(list)  # NCBI Gene ids the highlight box names in this figure

    @property
    def gene_model(self) -> GeneTableModel:
        """The model, typed as the gene model."""
        assert isinstance(self.model, GeneTableModel)
        return self.model

    def set_highlight(self, names: Iterable[str]) -> None:
        """Type these gene names into the highlight box (which highlights them)."""
        self.highlight_edit.setText(", ".join(names))

    def _apply_highlight(self) -> None:
        """Highlight the genes the box names, and say which names this figure lacks."""
        try:
            names = parse_gene_list(self.highlight_edit.text()).names
        except GeneListError:
            names = ()
        record = self.model.record
        match = match_record_genes(record.genes if record is not None else (), names)
        self.highlight_match = match
        self.gene_model.set_highlighted(match.entrez)
        tip = HIGHLIGHT_HELP
        if names:
            tip = f"{len(match.found)} of {len(names)} names found in this figure"
            if match.missing:
                tip += "; not in it: " + ", ".join(match.missing[:30])
                tip += " …" if len(match.missing) > 30 else ""
            tip += "\n\n" + HIGHLIGHT_HELP
        self.highlight_edit.setToolTip(plain_tooltip(tip))
        self._update_count()
        self.highlightChanged.emit(sorted(match.entrez))

    def _on_selection_changed(self, *_args: object) -> None:
        if not self._selecting:
            selection = self.view.selectionModel().selectedRows()
            rows = sorted(index.row() for index in selection)
            self.genesSelected.emit(
                list(dict.fromkeys(g.entrez for g in self.proxy.source_items(rows)))
            )

    def select_entrez(self, entrez_ids: set[str] | frozenset[str]) -> int:
        """Select the visible rows of these genes (without emitting ``genesSelected``).

        Returns how many rows were selected; the first is scrolled into view.
        """
        selection = QItemSelection()
        first: QModelIndex | None = None
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            gene = self._item_at(index)
            if gene is not None and gene.entrez in entrez_ids:
                selection.select(index, index)
                first = first or index
        self._selecting = True
        try:
            self.view.selectionModel().select(
                selection,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        finally:
            self._selecting = False
        if first is not None:
            self.view.scrollTo(first)
        return len(selection.indexes()) // max(1, self.proxy.columnCount())

    @property
    def gene_proxy(self) -> GeneFilterProxy:
        """The proxy, typed as the gene proxy."""
        assert isinstance(self.proxy, GeneFilterProxy)
        return self.proxy

    def set_record(self, record: FigureRecord | None) -> None:
        """Show ``record``'s genes, with the organism filter on its own organisms.

        The highlight box keeps its names and highlights them in the new figure.
        """
        self._build_organism_menu(record)
        self.gene_proxy.set_organisms(default_organisms(record))
        super().set_record(record)
        self._sync_organism_filter()
        self._apply_highlight()

    def count_text(self) -> str:
        """The count, and how many genes the highlight box marks."""
        text = super().count_text()
        marked = sum(1 for g in self.model.items if g.entrez in self.highlight_match.entrez)
        return f"{text} · {marked} highlighted" if self.highlight_edit.text().strip() else text

    def set_organisms(self, organisms: set[str] | frozenset[str] | None) -> None:
        """Show only genes matched in ``organisms`` (``None``: every organism)."""
        known = set(self.organism_actions)
        chosen = None if organisms is None or known <= set(organisms) else frozenset(organisms)
        self.gene_proxy.set_organisms(chosen)
        self._sync_organism_filter()
        self._update_count()

    def _build_organism_menu(self, record: FigureRecord | None) -> None:
        self.organism_menu.clear()
        self.organism_actions = {}
        gene_organisms = record.gene_organisms if record is not None else ()
        self.organism_filter.setVisible(len(gene_organisms) > 1)
        if len(gene_organisms) < 2 or record is None:
            return
        counts = {name: 0 for name in gene_organisms}
        for gene in record.genes:
            if gene.organism in counts:
                counts[gene.organism] += 1
        show_all = self.organism_menu.addAction("All organisms")
        show_all.triggered.connect(lambda: self.set_organisms(None))
        own = default_organisms(record)
        if own is not None:
            names = ", ".join(name for name in gene_organisms if name in own)
            show_own = self.organism_menu.addAction(_menu_text(f"The figure's organisms ({names})"))
            show_own.triggered.connect(lambda: self.set_organisms(set(own)))
        self.organism_menu.addSeparator()
        for name in gene_organisms:
            action = self.organism_menu.addAction(_menu_text(f"{name} ({counts[name]})"))
            action.setCheckable(True)
            action.toggled.connect(self._on_organism_toggled)
            self.organism_actions[name] = action

    def _on_organism_toggled(self, _checked: bool) -> None:
        self.set_organisms({name for name, a in self.organism_actions.items() if a.isChecked()})

    def _sync_organism_filter(self) -> None:
        chosen = self.gene_proxy.organisms
        for name, action in self.organism_actions.items():
            action.blockSignals(True)
            action.setChecked(chosen is None or name in chosen)
            action.blockSignals(False)
        total = len(self.organism_actions)
        if chosen is None:
            text = "All organisms"
        elif len(chosen) == 1:
            (text,) = chosen
        else:
            text = f"{len(chosen)} of {total} organisms"
        self.organism_filter.setText(_menu_text(text))
        shown = sorted(self.organism_actions if chosen is None else chosen)
        self.organism_filter.setToolTip(
            plain_tooltip(
                "Genes shown from: " + (", ".join(shown) or "no organism") + "\n"
                "PFOCR matches each figure against several organisms; "
                "choose which organisms' genes to show."
            )
        )

    def _add_open_actions(self, menu: QMenu, item: Gene | None) -> None:
        ncbi = self.model.row_url(item) if item is not None else None
        hgnc = GeneTableModel.hgnc_url(item) if item is not None else None
        self._add_open(menu, "Open NCBI Gene page", ncbi)
        self._add_open(menu, "Open HGNC page", hgnc)

    def _add_copy_actions(self, menu: QMenu) -> None:
        menu.addAction("Copy symbols").triggered.connect(self.copy_symbols)
        menu.addAction("Copy NCBI Gene ids").triggered.connect(self.copy_ids)

    def copy_symbols(self) -> None:
        """Copy the selected genes' symbols, one a line, each once."""
        symbols = dict.fromkeys(g.display_symbol for g in self.selected_items())
        _copy_lines(list(symbols))

    def copy_ids(self) -> None:
        """Copy the selected genes' NCBI Gene ids, one a line, each once."""
        ids = dict.fromkeys(g.entrez for g in self.selected_items())
        _copy_lines(list(ids))

    def copy_table_symbols(self) -> int:
        """Copy the symbols of the selected genes, or of all shown; return how many."""
        symbols = list(dict.fromkeys(g.display_symbol for g in self.rows_for_copy()))
        _copy_lines(symbols)
        return len(symbols)

    def copy_table_ids(self) -> int:
        """Copy the NCBI Gene ids of the selected genes, or of all shown; return how many."""
        ids = list(dict.fromkeys(g.entrez for g in self.rows_for_copy() if g.entrez))
        _copy_lines(ids)
        return len(ids)


class MentionTablePanel(RecordTablePanel[Mention]):
    """The chemicals or the diseases of a figure, with links to their vocabulary pages."""

    def __init__(
        self, kind: Literal["chemicals", "diseases"] = "chemicals", parent: QWidget | None = None
    ) -> None:
        self.kind: MentionKind = kind
        singular = "chemical" if kind == "chemicals" else "disease"
        super().__init__(MentionTableModel(kind), TextFilterProxy(), singular, kind, parent)

    def _add_open_actions(self, menu: QMenu, item: Mention | None) -> None:
        url = self.model.row_url(item) if item is not None else None
        vocabulary = vocabulary_label(item.source) if item is not None else ""
        self._add_open(menu, f"Open {vocabulary or 'identifier'} page", url)
        for curie, other_url in other_id_urls(item) if item is not None else ():
            self._add_open(menu, f"Open {curie}", other_url)

    def _add_copy_actions(self, menu: QMenu) -> None:
        menu.addAction("Copy words").triggered.connect(self.copy_words)
        menu.addAction("Copy identifiers").triggered.connect(self.copy_identifiers)

    def copy_words(self) -> None:
        """Copy the selected mentions' words, one a line, each once."""
        words = dict.fromkeys(m.word for m in self.selected_items() if m.word)
        _copy_lines(list(words))

    def copy_identifiers(self) -> None:
        """Copy the selected mentions' ids, one a line, each once."""
        ids = dict.fromkeys(m.identifier for m in self.selected_items() if m.identifier)
        _copy_lines(list(ids))
