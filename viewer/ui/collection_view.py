"""A collection in the window: indexing off the GUI thread, a paged list over the index, search.

``CollectionPanel`` opens a ``viewer.collection.Collection`` for some folders, refreshes its
index on the global ``QThreadPool`` (a progress bar, a count and Cancel), and lists the figures
through ``CollectionModel``, which holds only a ``ResultSet`` of ids and reads rows from SQLite
a page at a time, so 100,000 figures cost little memory. The search box takes the search
language of ``viewer.collection.query``; a malformed query shows its message, not an error.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from viewer.collection import Collection, QueryError, ResultSet, Row
from viewer.ui.plaintext import plain_tooltip

PAGE_ROWS = 256
MAX_CACHED_PAGES = 64
# (header, sort key of Collection.results, tooltip)
COLUMNS = (
    ("Figure", "id", "The PFOCR figure id"),
    ("Title", "title", "The figure's title"),
    ("Year", "year", "The paper's year"),
    ("Organism", "organism", "The organisms the record names"),
    ("Genes", "genes", "How many gene matches the record lists"),
)
LIVE_UPDATE_MS = 700
SEARCH_DELAY_MS = 250

AnyIndex = QModelIndex | QPersistentModelIndex


class CollectionModel(QAbstractTableModel):
    """The figures of a ``ResultSet``, read from the index a page at a time."""

    PATH_ROLE = int(Qt.ItemDataRole.UserRole) + 1

    sortRequested = Signal(str, bool)  # sort key, descending

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._results: ResultSet | None = None
        self._pages: dict[int, list[Row | None]] = {}

    @property
    def results(self) -> ResultSet | None:
        """The figures shown."""
        return self._results

    def append_results(self, results: ResultSet) -> None:
        """Show ``results``, which extend the ones shown: rows are added, none reset."""
        old = self.rowCount()
        if self._results is None or len(results) <= old:
            self.set_results(results)
            return
        self.beginInsertRows(QModelIndex(), old, len(results) - 1)
        self._results = results
        self.endInsertRows()

    def set_results(self, results: ResultSet | None) -> None:
        """Show ``results`` (``None``: nothing)."""
        self.beginResetModel()
        self._results = results
        self._pages = {}
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """One row per figure in the results."""
        return 0 if parent.isValid() or self._results is None else len(self._results)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """The columns of ``COLUMNS``."""
        return 0 if parent.isValid() else len(COLUMNS)

    def row_at(self, row: int) -> Row | None:
        """The figure at ``row`` (``None`` when it left the index since the search)."""
        if self._results is None or not 0 <= row < len(self._results):
            return None
        page = row // PAGE_ROWS
        rows = self._pages.get(page)
        if rows is None:
            if len(self._pages) >= MAX_CACHED_PAGES:
                self._pages.clear()
            rows = self._results.rows(page * PAGE_ROWS, PAGE_ROWS)
            self._pages[page] = rows
        return rows[row - page * PAGE_ROWS]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Plain text cells, tooltips and the record path (``PATH_ROLE``)."""
        if not index.isValid() or index.column() >= len(COLUMNS):
            return None
        row = self.row_at(index.row())
        if row is None:
            return "(removed)" if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                row.figid,
                row.title,
                "" if row.year is None else str(row.year),
                row.organisms,
                str(row.gene_count),
            )[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(f"{row.title}\n{row.figid}\n{row.path}")
        if role == self.PATH_ROLE:
            return row.path
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (2, 4):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
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
            return COLUMNS[section][2]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Ask the panel to search again in another order (the index sorts, not the model)."""
        if 0 <= column < len(COLUMNS):
            descending = order == Qt.SortOrder.DescendingOrder
            self.sortRequested.emit(COLUMNS[column][1], descending)


class _IndexSignals(QObject):
    progress = Signal(str, int, int)  # phase, done, total
    finished = Signal(object)  # RefreshSummary, or an error message (str)


class _IndexJob(QRunnable):
    def __init__(self, collection: Collection, signals: _IndexSignals, cancel: threading.Event):
        super().__init__()
        self.collection, self.signals, self.cancel = collection, signals, cancel

    def run(self) -> None:
        steps = self.collection.iter_refresh(self.cancel)
        try:
            while True:
                try:
                    step = next(steps)
                except StopIteration as stop:
                    outcome: object = stop.value
                    break
                self.signals.progress.emit(step.phase, step.done, step.total)
        except Exception as exc:  # reported in the window; the index stays usable
            outcome = f"indexing failed: {type(exc).__name__}: {exc}"
        with contextlib.suppress(RuntimeError):  # the window closed meanwhile
            self.signals.finished.emit(outcome)


class _SearchSignals(QObject):
    done = Signal(int, object, object)  # generation, ResultSet or error message, (query, sort)


class _SearchJob(QRunnable):
    """One search of the index, on the thread pool (a list of 100,000 figures takes ~0.1 s)."""

    def __init__(
        self,
        collection: Collection,
        key: tuple[str, str, bool],
        generation: int,
        signals: _SearchSignals,
    ) -> None:
        super().__init__()
        self.collection, self.key, self.generation, self.signals = (
            collection,
            key,
            generation,
            signals,
        )

    def run(self) -> None:
        query, sort, descending = self.key
        try:
            outcome: object = self.collection.results(query, sort=sort, descending=descending)
        except QueryError as exc:
            outcome = f"Cannot search: {exc}"
        except Exception as exc:  # the index went away (another folder opened): say so
            outcome = f"Cannot search: {type(exc).__name__}: {exc}"
        with contextlib.suppress(RuntimeError):  # the window closed meanwhile
            self.signals.done.emit(self.generation, outcome, (query, sort))


class CollectionPanel(QWidget):
    """Search box, hit count, progress and the list of one collection's figures.

    Typed queries and sort changes are searched on the thread pool (``searched`` tells when
    the list shows their result); ``search()`` searches at once, for the list's own updates.
    """

    openRequested = Signal(str)  # the path of a record to open
    indexingFinished = Signal(object)  # RefreshSummary or error message
    searched = Signal(int)  # the hits now listed (-1: the query was refused)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.collection: Collection | None = None
        self._cancel = threading.Event()
        self._signals: _IndexSignals | None = None
        self._sort = ("score", False)
        self._shown_key: tuple[str, str] | None = None  # (query, sort) of the list shown
        self._generation = 0  # searches started; a result of an older one is dropped
        self._search_signals = _SearchSignals(self)
        self._search_signals.done.connect(self._on_search_done)
        self.indexing = False

        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(
            'Search: words, gene:STAT3, year:2000..2010, "a phrase"'
        )
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setToolTip(
            "Free words search titles and captions. gene:SYMBOL or gene:ENTREZ, organism:, "
            'year:2006 or year:2000..2010, pmcid:, chemical:, disease:, "quoted phrases", '
            "OR between terms, -term to exclude."
        )
        self.search_edit.setAccessibleName("Search the collection")
        self.search_edit.textChanged.connect(self._schedule_search)
        self.hits_label = QLabel()
        self.hits_label.setTextFormat(Qt.TextFormat.PlainText)
        self.hits_label.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip(
            "Stop indexing; what is indexed stays, and the next opening goes on"
        )
        self.cancel_button.clicked.connect(self.cancel)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        self.progress_box = QWidget()
        self.progress_box.setLayout(progress_row)
        progress_row.setContentsMargins(0, 0, 0, 0)
        self.progress_box.hide()

        self.model = CollectionModel(self)
        self.model.sortRequested.connect(self._on_sort)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Figures in the collection")
        self.view.setAccessibleDescription("Double-click or press Enter to open a figure")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSortIndicatorClearable(True)
        # No sort indicator before sorting is enabled: enabling it sorts by the indicator, and
        # Qt's default one (the first column, descending) would list the figures Z to A.
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.view.activated.connect(self._open_index)
        self.view.doubleClicked.connect(self._open_index)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.hits_label)
        layout.addWidget(self.progress_box)
        layout.addWidget(self.view, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.timeout.connect(self.search_in_background)
        self._live_timer = QTimer(self)
        self._live_timer.timeout.connect(self.search)

    def open_folders(
        self, paths: Sequence[str | Path], cache_dir: str | Path | None = None
    ) -> None:
        """Index ``paths`` (in the background) and list their figures as they arrive."""
        self.cancel()
        if self.collection is not None:
            self.model.set_results(None)
            self.collection.close()
        self._shown_key = None
        self._generation += 1  # results of the old collection's searches are dropped
        self.collection = Collection(paths, cache_dir=cache_dir)
        self.search()
        self._cancel = threading.Event()
        signals = _IndexSignals()
        signals.progress.connect(self._on_progress)
        signals.finished.connect(self._on_finished)
        self._signals = signals
        self.indexing = True
        self.progress.setRange(0, 0)
        self.progress.setFormat("Looking for records…")
        self.progress_box.show()
        self._live_timer.start(LIVE_UPDATE_MS)
        QThreadPool.globalInstance().start(_IndexJob(self.collection, signals, self._cancel))

    def cancel(self) -> None:
        """Stop indexing after the current batch."""
        self._cancel.set()

    @Slot(str, int, int)
    def _on_progress(self, phase: str, done: int, total: int) -> None:
        if phase == "index" and total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
            self.progress.setFormat("Indexing %v of %m records")
        else:
            self.progress.setRange(0, 0)

    @Slot(object)
    def _on_finished(self, outcome: object) -> None:
        self.indexing = False
        self._live_timer.stop()
        self.progress_box.hide()
        self.search()
        self.indexingFinished.emit(outcome)

    def _schedule_search(self) -> None:
        self._search_timer.start(SEARCH_DELAY_MS)

    def _on_sort(self, key: str, descending: bool) -> None:
        self._sort = (key, descending)
        self.search_in_background()

    def _search_key(self) -> tuple[str, str, bool]:
        """The query, sort and direction the list should show."""
        query = self.search_edit.text().strip()
        sort, descending = self._sort
        if sort == "score" and not query:
            # Unsorted: figure ids; while indexing, the order files are indexed in (nearly the
            # same for PFOCR's folders): the list then only gains the records indexed since.
            sort = "indexed" if self.indexing else "id"
        return query, sort, descending

    def search(self) -> int:
        """Search now; return the number of hits (-1 for a bad query)."""
        if self.collection is None:
            return 0
        self._generation += 1  # a background search under way is outdated
        query, sort, descending = self._search_key()
        shown = self.model.results
        if sort == "indexed" and self._shown_key == (query, sort) and shown is not None:
            results = shown.extended(self.collection.ids_after(shown.last_id))
            self.model.append_results(results)
            return self._show_count(results, query, sort)
        try:
            results = self.collection.results(query, sort=sort, descending=descending)
        except QueryError as exc:
            return self._show_refusal(f"Cannot search: {exc}")
        self.model.set_results(results)
        return self._show_count(results, query, sort)

    def search_in_background(self) -> None:
        """Search on the thread pool; the list changes when the result arrives."""
        if self.collection is None:
            return
        key = self._search_key()
        if key[1] == "indexed" and self._shown_key == key[:2]:
            self.search()  # only the records indexed since: cheap
            return
        self._generation += 1
        self.hits_label.setText("Searching…")
        job = _SearchJob(self.collection, key, self._generation, self._search_signals)
        QThreadPool.globalInstance().start(job)

    @Slot(int, object, object)
    def _on_search_done(self, generation: int, outcome: object, key: tuple[str, str]) -> None:
        if generation != self._generation:
            return  # a newer search (or another folder) came since
        if isinstance(outcome, ResultSet):
            self.model.set_results(outcome)
            self._show_count(outcome, *key)
        else:
            self._show_refusal(str(outcome))

    def _show_count(self, results: ResultSet, query: str, sort: str) -> int:
        self._shown_key = (query, sort)
        count = len(results)
        noun = "figure" if count == 1 else "figures"
        text = f"{count} {noun}" + (" match" if query else "")
        self.hits_label.setText(text + (" so far…" if self.indexing else ""))
        self.searched.emit(count)
        return count

    def _show_refusal(self, message: str) -> int:
        self.hits_label.setText(message)
        self.searched.emit(-1)
        return -1

    def _open_index(self, index: QModelIndex) -> None:
        path = index.data(CollectionModel.PATH_ROLE)
        if path:
            self.openRequested.emit(path)

    def problems(self) -> list[str]:
        """The files the index could not read, as ``path:line: message`` lines."""
        return [str(p) for p in self.collection.problems()] if self.collection else []
