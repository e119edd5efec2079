"""The Enrichment tab: paste a gene list, rank the collection's figures, open the best ones.

``EnrichmentPanel`` runs ``viewer.collection.enrich.enrich`` on the global ``QThreadPool``
(never on the GUI thread), shows which names were not found, and lists the figures in
``EnrichmentModel`` (sortable by any column; best p-value first). Activating a row asks the
window to open the figure with the overlapping genes highlighted; the table exports as TSV.
"""

from __future__ import annotations

import contextlib
import math
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRunnable,
    QSettings,
    Qt,
    QThreadPool,
    Signal,
    Slot,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from viewer.atomicfile import write_atomically
from viewer.collection import Collection
from viewer.collection.enrich import (
    DEFAULT_MIN_SIZE,
    DEFAULT_ORGANISM,
    Enrichment,
    EnrichmentError,
    FigureMatch,
    Matches,
    enrich,
)
from viewer.genelist import GeneList, GeneListError, parse_gene_list
from viewer.ui.plaintext import plain_tooltip

AnyIndex = QModelIndex | QPersistentModelIndex
MAX_LIST_FILE_BYTES = 20 * 1024 * 1024

# (header, tooltip, FigureMatch field it sorts by)
COLUMNS = (
    ("Figure", "The figure's title (its PFOCR id when it has none)", "title"),
    ("Overlap", "How many genes of your list the figure has", "overlap"),
    ("Size", "How many genes of the organism the figure has", "size"),
    ("p", "One-sided hypergeometric p-value of the overlap", "p_value"),
    ("Adjusted p", "Benjamini–Hochberg adjusted p-value (false discovery rate)", "adjusted_p"),
    (
        "Odds ratio",
        "Odds ratio of the overlap (0.5 added to every cell when one is 0)",
        "odds_ratio",
    ),
    ("Genes", "The genes of your list in the figure", "genes"),
)
NUMERIC = {1, 2, 3, 4, 5}


def format_number(value: float) -> str:
    """A p-value or ratio as a researcher reads it: 3 significant digits."""
    if math.isinf(value):
        return "∞"
    return f"{value:.3g}"


class EnrichmentModel(QAbstractTableModel):
    """The figures of one ``Enrichment``, in the order the user sorted them."""

    MATCH_ROLE = int(Qt.ItemDataRole.UserRole) + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.result: Enrichment | None = None
        self._order: list[int] = []  # positions in result.matches, in the order shown

    def set_result(self, result: Enrichment | None) -> None:
        """Show ``result``'s figures, best first (``None``: nothing)."""
        self.beginResetModel()
        self.result = result
        self._order = list(range(len(result.matches))) if result is not None else []
        self.endResetModel()

    def figure_match(self, row: int) -> FigureMatch | None:
        """The figure at ``row`` (its title is read from the index when first shown)."""
        if self.result is None or not 0 <= row < len(self._order):
            return None
        return self.result.matches[self._order[row]]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """One row per figure that shares genes with the list."""
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """The columns of ``COLUMNS``."""
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Plain-text cells, tooltips, right-aligned numbers and the row's ``FigureMatch``."""
        if not index.isValid() or not 0 <= index.column() < len(COLUMNS):
            return None
        match = self.figure_match(index.row())
        if match is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                match.title,
                str(match.overlap),
                str(match.size),
                format_number(match.p_value),
                format_number(match.adjusted_p),
                format_number(match.odds_ratio),
                ", ".join(match.genes),
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 6:
                return plain_tooltip(", ".join(match.genes))
            return plain_tooltip(
                f"{match.title}\n{match.figid}\n"
                f"{match.overlap} of its {match.size} genes are in your list; "
                f"p = {match.p_value:.3g}, adjusted p = {match.adjusted_p:.3g}\n"
                "Double-click or press Enter to open it with these genes highlighted"
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and column in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == self.MATCH_ROLE:
            return match
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles and their tooltips."""
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][0]
        if role == Qt.ItemDataRole.ToolTipRole:
            return COLUMNS[section][1]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column; ties keep the ranking's order (best p-value first)."""
        if not 0 <= column < len(COLUMNS) or self.result is None:
            return
        field = COLUMNS[column][2]
        matches = self.result.matches
        key: Callable[[int], Any]
        if field == "title":
            key = lambda i: matches[i].title.casefold()  # noqa: E731
        elif field == "genes":
            key = lambda i: ", ".join(matches[i].genes).casefold()  # noqa: E731
        else:
            ranked = matches.ranked if isinstance(matches, Matches) else matches
            key = lambda i: getattr(ranked[i], field)  # noqa: E731
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        old = [self._order[i.row()] for i in persistent]
        self._order.sort()
        self._order.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        where = {position: row for row, position in enumerate(self._order)}
        self.changePersistentIndexList(
            persistent,
            [self.index(where[m], i.column()) for m, i in zip(old, persistent, strict=True)],
        )
        self.layoutChanged.emit()


class _Signals(QObject):
    finished = Signal(object, object)  # (Enrichment or error message, the GeneList)


class _EnrichJob(QRunnable):
    def __init__(
        self,
        collection: Collection,
        gene_list: GeneList,
        options: dict[str, Any],
        signals: _Signals,
        cancel: threading.Event,
    ) -> None:
        super().__init__()
        self.collection, self.gene_list, self.options = collection, gene_list, options
        self.signals, self.cancel = signals, cancel

    def run(self) -> None:
        try:
            result = enrich(
                self.collection, self.gene_list.names, cancelled=self.cancel.is_set, **self.options
            )
            # Titles and gene symbols are read here too, so that showing or sorting the table
            # never waits on the index in the GUI thread.
            if isinstance(result.matches, Matches):
                result.matches.load_all()
            outcome: object = result
        except InterruptedError:
            outcome = "Cancelled."
        except EnrichmentError as exc:
            outcome = f"Cannot rank the figures: {exc}"
        except Exception as exc:  # reported in the panel; the window goes on
            outcome = f"Ranking failed: {type(exc).__name__}: {exc}"
        with contextlib.suppress(RuntimeError):  # the window closed meanwhile
            self.signals.finished.emit(outcome, self.gene_list)


def _plain_label() -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class EnrichmentPanel(QWidget):
    """Gene list in, ranked figures out, for the collection the window has open."""

    openRequested = Signal(str, list)  # record path, the symbols to highlight in it
    finished = Signal(object)  # the Enrichment, or a message

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.collection: Collection | None = None
        self.result: Enrichment | None = None
        self.running = False
        self._cancel = threading.Event()
        self._signals: _Signals | None = None
        self.settings = QSettings()

        self.intro = _plain_label()
        self.list_edit = QPlainTextEdit()
        self.list_edit.setPlaceholderText(
            "Paste gene symbols or NCBI Gene ids: one a line, or separated by spaces, commas "
            "or semicolons.\nSTAT3\nJAK2\nIL6 …"
        )
        self.list_edit.setAccessibleName("Gene list")
        self.list_edit.setAccessibleDescription(
            "The genes to look for: symbols, OCR words or NCBI Gene ids, any separator"
        )
        self.list_edit.setTabChangesFocus(True)
        self.list_edit.setMaximumHeight(110)
        self.load_button = QPushButton("Load List…")
        self.load_button.setToolTip("Read a gene list from a text file (one name a line, or TSV)")
        self.load_button.clicked.connect(lambda: self.load_list())

        self.organism_box = QComboBox()
        self.organism_box.setAccessibleName("Organism")
        self.organism_box.setToolTip(
            "Compare genes of this organism: PFOCR matches figures against several organisms"
        )
        self.organism_box.addItem(DEFAULT_ORGANISM, DEFAULT_ORGANISM)
        self.min_size_box = QSpinBox()
        self.min_size_box.setRange(1, 10_000)
        self.min_size_box.setValue(DEFAULT_MIN_SIZE)
        self.min_size_box.setAccessibleName("Smallest figure")
        self.min_size_box.setToolTip(
            "Leave out figures with fewer genes of the organism than this (PFOCR uses 3)"
        )
        self.background_box = QSpinBox()
        self.background_box.setRange(0, 10_000_000)
        self.background_box.setSpecialValueText("the collection's genes")
        self.background_box.setAccessibleName("Background size")
        self.background_box.setToolTip(
            "How many genes the list was drawn from; leave at the collection's genes, or give "
            "e.g. 20000 for the whole human genome"
        )
        self.run_button = QPushButton("Rank Figures")
        self.run_button.setDefault(True)
        self.run_button.setToolTip("Rank the collection's figures by this list (Ctrl+Return)")
        self.run_button.clicked.connect(lambda: self.run())
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(12)
        self.progress.hide()
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=lambda: self.run())

        options = QFormLayout()
        options.addRow("Organism:", self.organism_box)
        options.addRow("Smallest figure:", self.min_size_box)
        options.addRow("Background:", self.background_box)
        buttons = QVBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.load_button)
        buttons.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.list_edit, 3)
        top.addLayout(options, 2)
        top.addLayout(buttons)

        self.status_label = _plain_label()
        self.unknown_label = _plain_label()
        self.model = EnrichmentModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Figures ranked by your gene list")
        self.view.setAccessibleDescription("Double-click or press Enter to open a figure")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.setSortingEnabled(True)
        header = self.view.horizontalHeader()
        header.setSortIndicator(3, Qt.SortOrder.AscendingOrder)
        header.setStretchLastSection(True)  # the genes take what the numbers leave
        for column in NUMERIC:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.view.activated.connect(self._open_index)
        self.view.doubleClicked.connect(self._open_index)
        self.export_button = QPushButton("Export Table…")
        self.export_button.setToolTip("Save the ranked figures as a TSV table")
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(lambda: self.export_tsv())
        bottom = QHBoxLayout()
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(self.export_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.intro)
        layout.addLayout(top)
        layout.addWidget(self.progress)
        layout.addWidget(self.unknown_label)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        self.set_collection(None)

    # -- the collection ---------------------------------------------------------------------

    def set_collection(self, collection: Collection | None) -> None:
        """Rank the figures of ``collection`` from now on (``None``: none open)."""
        self.cancel()
        self.collection = collection
        self.model.set_result(None)
        self.result = None
        self.export_button.setEnabled(False)
        self.unknown_label.clear()
        self.status_label.clear()
        self.run_button.setEnabled(collection is not None)
        if collection is None:
            self.intro.setText(
                "Open a folder of figure records (File ▸ Open Folder…) to rank its figures "
                "by how many genes of your list they hold."
            )
        else:
            roots = ", ".join(str(r) for r in collection.roots)
            self.intro.setText(
                f"Which figures of {roots} match your gene list? Figures are ranked by a "
                "one-sided hypergeometric test against the collection's genes."
            )
        self.refresh_organisms()

    def refresh_organisms(self) -> None:
        """Offer the organisms whose genes the collection holds, most figures first."""
        current = self.organism_box.currentData() or DEFAULT_ORGANISM
        organisms = self.collection.gene_organisms() if self.collection is not None else []
        self.organism_box.blockSignals(True)
        self.organism_box.clear()
        names = [name for name, _count in organisms]
        if DEFAULT_ORGANISM not in names:
            self.organism_box.addItem(DEFAULT_ORGANISM, DEFAULT_ORGANISM)
        for name, count in organisms:
            self.organism_box.addItem(f"{name} ({count:,} figures)", name)
        found = self.organism_box.findData(current)
        self.organism_box.setCurrentIndex(max(0, found))
        self.organism_box.blockSignals(False)

    # -- running -----------------------------------------------------------------------------

    def gene_list(self) -> GeneList:
        """The names in the list box (raises ``GeneListError`` when it is no list)."""
        return parse_gene_list(self.list_edit.toPlainText())

    def run(self) -> bool:
        """Rank the figures by the list, in the background; false when there is nothing to run."""
        if self.collection is None:
            self.status_label.setText("No collection open: open a folder of records first.")
            return False
        try:
            gene_list = self.gene_list()
        except GeneListError as exc:
            self.status_label.setText(f"Cannot read the list: {exc}")
            return False
        if not gene_list:
            self.status_label.setText("The list is empty: paste or load some gene names.")
            return False
        self.cancel()
        self._cancel = threading.Event()
        signals = _Signals()
        signals.finished.connect(self._on_finished)
        self._signals = signals
        background = self.background_box.value()
        options = {
            "organism": self.organism_box.currentData() or DEFAULT_ORGANISM,
            "min_size": self.min_size_box.value(),
            "background": background or None,
        }
        self.running = True
        self.run_button.setEnabled(False)
        self.cancel_button.show()
        self.progress.show()
        self.status_label.setText(f"Ranking figures by {len(gene_list)} names…")
        job = _EnrichJob(self.collection, gene_list, options, signals, self._cancel)
        QThreadPool.globalInstance().start(job)
        return True

    def cancel(self) -> None:
        """Stop a ranking under way."""
        self._cancel.set()

    @Slot(object, object)
    def _on_finished(self, outcome: object, gene_list: GeneList) -> None:
        if self.sender() is not self._signals:
            return  # an older run that was cancelled or replaced
        self.running = False
        self.run_button.setEnabled(self.collection is not None)
        self.cancel_button.hide()
        self.progress.hide()
        if not isinstance(outcome, Enrichment):
            self.status_label.setText(str(outcome))
            self.finished.emit(outcome)
            return
        self.result = outcome
        self.model.set_result(outcome)
        self.view.horizontalHeader().setSortIndicator(3, Qt.SortOrder.AscendingOrder)
        self.view.setColumnWidth(0, max(200, int(self.view.viewport().width() * 0.42)))
        self.export_button.setEnabled(bool(outcome.matches))
        found = len(outcome.resolution.genes)
        repeats = f" ({gene_list.repeats} repeated names counted once)" if gene_list.repeats else ""
        self.status_label.setText(
            f"{found} of {len(gene_list)} names found{repeats}: {outcome.list_size} "
            f"{outcome.organism} genes, in a background of {outcome.background:,}. "
            f"{outcome.tested:,} figures with at least {outcome.min_size} genes tested; "
            f"{len(outcome.matches):,} share genes with the list."
        )
        unknown = outcome.resolution.unknown
        ambiguous = [
            f"{name} → {', '.join(s for _e, s in pairs)}"
            for name, pairs in outcome.resolution.genes.items()
            if len(pairs) > 1
        ]
        lines = []
        if unknown:
            shown = ", ".join(unknown[:40]) + (
                f" and {len(unknown) - 40} more" if len(unknown) > 40 else ""
            )
            lines.append(f"Not found among the collection's {outcome.organism} genes: {shown}")
        if ambiguous:
            lines.append("Names standing for several genes: " + "; ".join(ambiguous[:10]))
        self.unknown_label.setText("\n".join(lines))
        self.finished.emit(outcome)

    # -- results -----------------------------------------------------------------------------

    def _open_index(self, index: QModelIndex) -> None:
        match = index.data(EnrichmentModel.MATCH_ROLE)
        if isinstance(match, FigureMatch) and self.collection is not None:
            self.openRequested.emit(str(self.collection.path(match.figure)), list(match.genes))

    def load_list(self, path: str | None = None) -> bool:
        """Read a gene list file into the list box (asks for the file when ``path`` is None)."""
        if path is None:
            folder = self.settings.value("enrichment/folder", "")
            path, _ = QFileDialog.getOpenFileName(
                self,
                "Load Gene List",
                folder if isinstance(folder, str) else "",
                "Gene lists (*.txt *.tsv *.csv *.grp *.lst);;All files (*)",
            )
            if not path:
                return False
        try:
            size = Path(path).stat().st_size
            if size > MAX_LIST_FILE_BYTES:
                raise GeneListError(f"the file is {size // (1024 * 1024)} MiB: too big for a list")
            text = Path(path).read_text(encoding="utf-8-sig", errors="replace")
            names = parse_gene_list(text).names
        except (OSError, GeneListError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            QMessageBox.warning(self, "Cannot load the gene list", f"{path}: {reason}")
            return False
        self.list_edit.setPlainText("\n".join(names))
        self.settings.setValue("enrichment/folder", str(Path(path).parent))
        self.status_label.setText(f"Loaded {len(names)} names from {Path(path).name}.")
        return True

    def export_tsv(self, path: str | None = None) -> bool:
        """Save the ranked figures as TSV (asks where when ``path`` is None)."""
        if self.result is None:
            return False
        if path is None:
            folder = self.settings.value("export/folder", "")
            suggested = str(Path(folder if isinstance(folder, str) else "") / "enrichment.tsv")
            path, _ = QFileDialog.getSaveFileName(
                self, "Export Ranked Figures", suggested, "TSV (*.tsv)"
            )
            if not path:
                return False
        try:
            write_atomically(path, "\n".join(self.result.tsv_lines()) + "\n")
        except OSError as exc:
            QMessageBox.warning(self, "Export failed", f"{path}: {exc.strerror or exc}")
            return False
        self.settings.setValue("export/folder", str(Path(path).parent))
        self.status_label.setText(f"Saved {len(self.result.matches):,} figures to {path}.")
        return True
