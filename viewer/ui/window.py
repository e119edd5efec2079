"""The main window: the figure, its metadata and its gene, chemical and disease tables at once.

Layout: a list of open records and a problems list on the left (shown when needed), the figure
above the tables in the middle, the metadata panel on the right. Records load off the GUI
thread; a record that fails goes to the problems list and the others open.

Curation: each record's mechanism is edited on the canvas through its own undo stack (a
``viewer.ui.curation.CurationSession``; Edit ▸ Undo/Redo follow the record shown, View ▸ Undo
History lists the steps). File ▸ Save Mechanism writes the sidecar; unsaved edits mark the
title, are autosaved for recovery, and closing a record or the window asks Save / Discard /
Cancel. Questions go through ``ask`` (a ``Question`` in, the chosen answer out), which tests
replace.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QByteArray, QObject, QSize, QTimer
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QUndoView,
    QVBoxLayout,
    QWidget,
)

from viewer import APP_NAME, __version__
from viewer.record.model import FigureRecord
from viewer.ui.loader import MechanismBuilder, RecordLoader
from viewer.ui.metadata import MetadataPanel, plain_label
from viewer.ui.named_properties import set_properties
from viewer.ui.plaintext import plain_tooltip
from viewer.ui.settings import app_settings
from viewer.ui.theme import THEME_LABELS, THEMES, Theme, apply_theme, system_prefers_dark

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QPaintEvent, QShowEvent

    from viewer.mechanism.edits import Change
    from viewer.mechanism.model import Mechanism
    from viewer.record.prefetch import Prefetch
    from viewer.ui.collection_view import CollectionPanel
    from viewer.ui.curation import CurationSession, Question
    from viewer.ui.enrichment_view import EnrichmentPanel
    from viewer.ui.image_view import FigureImageView
    from viewer.ui.mechanism_view import MechanismView
    from viewer.ui.tables import GeneTablePanel, MentionTablePanel

RECORD_FILTER = "Figure records (*.md *.markdown *.txt *.yaml *.yml);;All files (*)"
MAX_RECENT = 10
PROGRESS_DELAY_MS = 500
MECHANISM_DELAY_MS = 300
PANELS_FALLBACK_MS = 400
DEFAULT_SIZE = QSize(1280, 800)  # on a first start (window managers fit it to small screens)
MIN_RESTORED = QSize(480, 320)  # a saved geometry smaller than this is taken as damaged
KEY_ROLE = 0x0100  # Qt.ItemDataRole.UserRole, without loading Qt (viewer.ui.named_properties)


def path_key(path: str | Path) -> str:
    """A stable identity for a file, so opening it twice selects the open copy."""
    try:
        return str(Path(path).resolve())
    except OSError:
        return str(Path(path).absolute())


def _string_list(value: object) -> list[str]:
    """QSettings gives a one-item list back as a plain string; make it a list again."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    return [str(v) for v in value]  # type: ignore[union-attr]


class _Panels(NamedTuple):
    """The panels built after the first paint (a NamedTuple: a dataclass takes 2 ms to make)."""

    image_view: FigureImageView
    mechanism_view: MechanismView
    gene_panel: GeneTablePanel
    chemical_panel: MentionTablePanel
    disease_panel: MentionTablePanel


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


class MainWindow(QMainWindow):
    """The viewer's main window."""

    def __init__(self, *, offline: bool | None = None, theme: Theme | None = None) -> None:
        """``offline`` and ``theme``, when given, override the saved preferences (unsaved)."""
        super().__init__()
        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)
        self.records: dict[str, FigureRecord] = {}
        self.mechanisms: dict[str, Mechanism | None] = {}
        self.curations: dict[str, CurationSession] = {}
        self.undo_group = QUndoGroup(self)
        self.record: FigureRecord | None = None
        self._select_next = False
        self.settings = app_settings()
        self.instance_server: QObject | None = None  # set when it takes hand-overs
        self.collection_panel: CollectionPanel | None = None  # made when a folder is opened
        self.enrichment_panel: EnrichmentPanel | None = None  # made on first use
        self._start_theme(theme)

        self.loader = RecordLoader(self)
        self.loader.loaded.connect(self._on_loaded)
        self.mechanism_builder = MechanismBuilder(self)
        self.mechanism_builder.built.connect(self._on_mechanism)
        self._mechanism_timer = QTimer(self)
        self._mechanism_timer.setSingleShot(True)
        self._mechanism_timer.timeout.connect(self._build_mechanism)
        self.loader.failed.connect(self._on_failed)
        self.loader.progress.connect(self._on_progress)
        self.loader.idle.connect(self._on_idle)

        self.metadata = MetadataPanel()
        # The figure, canvas and tables are built right after the first paint (see
        # ensure_panels): the window shows the record's metadata sooner that way.
        self._panels: _Panels | None = None
        self.figure_tabs = QTabWidget()
        self.figure_tabs.setDocumentMode(True)
        self.figure_tabs.addTab(QWidget(), "Figure")
        self.table_tabs = QTabWidget()
        self.table_tabs.setDocumentMode(True)
        for name in ("Genes", "Chemicals", "Diseases"):
            self.table_tabs.addTab(QWidget(), name)
        self._panel_timer = QTimer(self)
        self._panel_timer.setSingleShot(True)
        self._panel_timer.timeout.connect(self.ensure_panels)

        self.record_list = QListWidget()
        set_properties(
            self.record_list,
            horizontalScrollBarPolicy="ScrollBarAlwaysOff",
            textElideMode="ElideRight",
        )
        self.record_list.currentItemChanged.connect(self._on_current_item)
        self.problem_list = QListWidget()
        self.problem_list.setWordWrap(True)
        clear_problems = QPushButton("Clear")
        clear_problems.clicked.connect(self.clear_problems)
        self.side_panel = QWidget()
        side = QVBoxLayout(self.side_panel)
        side.setContentsMargins(6, 6, 0, 6)
        self.records_header = plain_label("Open figures", selectable=False)
        side.addWidget(self.records_header)
        side.addWidget(self.record_list, 3)
        self.problems_box = QWidget()
        problems = QVBoxLayout(self.problems_box)
        problems.setContentsMargins(0, 0, 0, 0)
        header = QHBoxLayout()
        header.addWidget(plain_label("Problems", selectable=False), 1)
        header.addWidget(clear_problems)
        problems.addLayout(header)
        problems.addWidget(self.problem_list)
        side.addWidget(self.problems_box, 2)

        self.center_split = QSplitter()
        set_properties(self.center_split, orientation="Vertical")
        self.center_split.addWidget(self.figure_tabs)
        self.center_split.addWidget(self.table_tabs)
        self.center_split.setStretchFactor(0, 3)
        self.center_split.setStretchFactor(1, 2)
        self.main_split = QSplitter()  # side by side
        self.main_split.addWidget(self.side_panel)
        self.main_split.addWidget(self.center_split)
        self.main_split.addWidget(self.metadata)
        self.main_split.setStretchFactor(1, 1)
        self.main_split.setSizes([220, 700, 380])
        self.main_split.setChildrenCollapsible(False)
        self.setCentralWidget(self.main_split)

        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(160)
        self.progress_label = QLabel()
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.loader.cancel)
        for widget in (self.progress_label, self.progress, self.cancel_button):
            self.statusBar().addPermanentWidget(widget)
            widget.hide()
        self._progress_timer = QTimer(self)
        self._progress_timer.setSingleShot(True)
        self._progress_timer.timeout.connect(self._show_progress)

        self.history_dock = QDockWidget("Undo History", self)
        self.history_dock.setObjectName("undo-history")
        self.history_view = QUndoView(self.undo_group)
        self.history_view.setEmptyLabel("As opened")
        self.history_dock.setWidget(self.history_view)
        self.history_dock.hide()  # docked by _finish_window, after the first paint

        self._build_menus()
        if offline is not None:
            self.offline_action.setChecked(offline)
        self._apply_offline(self.offline_action.isChecked())
        self.offline_action.toggled.connect(self._apply_offline)
        self._restore_state()
        self._update_side_panel()
        self.show_record(None)

    # Menus and actions ---------------------------------------------------------------------

    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        # Text as a keyword: QAction(text, parent) resolves its overloads through QIcon, whose
        # enums take 5-6 ms to build before the first paint.
        action = QAction(self, text=text)
        if isinstance(shortcut, QKeySequence.StandardKey):
            # All of the platform's keys (Close is Ctrl+W and Ctrl+F4 on Linux), not the first.
            action.setShortcuts(shortcut)
        elif shortcut is not None:
            # Not setShortcut: its overloads load Qt before the first paint (see
            # viewer.ui.named_properties).
            action.setShortcuts([shortcut])
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction(
            self._action(
                "&Open…",
                self.choose_files,
                QKeySequence.StandardKey.Open,
                "Open one or more figure records",
            )
        )
        file_menu.addAction(
            self._action(
                "Open &Folder…",
                self.choose_folder,
                QKeySequence("Ctrl+Shift+O"),
                "Open every figure record in a folder and its subfolders",
            )
        )
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        self.save_action = self._action(
            "&Save Mechanism",
            self.save_curation,
            QKeySequence.StandardKey.Save,
            "Save the curated mechanism beside the record (the record itself is never changed)",
        )
        self.save_action.setEnabled(False)
        file_menu.addAction(self.save_action)
        # Filled in ensure_panels, after the first paint: the exporters are not needed sooner.
        self.export_menu = file_menu.addMenu("&Export")
        self.export_actions: dict[str, QAction] = {}
        file_menu.addSeparator()
        self.close_action = self._action(
            "&Close", self.close_current, QKeySequence.StandardKey.Close, "Close this figure"
        )
        file_menu.addAction(self.close_action)
        file_menu.addSeparator()
        self.offline_action = QAction(self, text="Work &Offline")  # no QIcon: see _action
        self.offline_action.setCheckable(True)
        self.offline_action.setStatusTip("Never download figure images; use local copies only")
        self.offline_action.setChecked(bool(self.settings.value("network/offline", False, bool)))
        file_menu.addAction(self.offline_action)
        file_menu.addSeparator()
        # Ctrl+Q (Cmd+Q on macOS) even where the platform theme names no Quit key.
        file_menu.addAction(self._action("&Quit", self.close, QKeySequence("Ctrl+Q")))

        edit_menu = self.menuBar().addMenu("&Edit")
        self.edit_menu = edit_menu
        self.undo_action = self.undo_group.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_group.createRedoAction(self, "&Redo")
        redo_keys = [QKeySequence("Ctrl+Shift+Z")]
        redo_keys += QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
        self.redo_action.setShortcuts(list(dict.fromkeys(redo_keys)))
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        self.reset_action = self._action(
            "Reset Mechanism to &Draft",
            self.reset_to_draft,
            tip="Replace the curated mechanism by the draft read from the caption (undoable)",
        )
        self.reset_action.setEnabled(False)
        edit_menu.addAction(self.reset_action)
        edit_menu.addAction(
            self._action(
                "Curator &Name…",
                self.choose_curator,
                tip="The name saved with your curated mechanisms",
            )
        )
        edit_menu.addSeparator()
        edit_menu.addAction(
            self._action(
                "Copy Gene &Symbols",
                self.copy_gene_symbols,
                QKeySequence("Ctrl+Shift+C"),
                "Copy the symbols of the selected genes (or of all shown), one a line",
            )
        )
        edit_menu.addAction(
            self._action(
                "Copy &Entrez Ids",
                self.copy_gene_ids,
                tip="Copy the NCBI Gene ids of the selected genes (or of all shown), one a line",
            )
        )
        edit_menu.addAction(
            self._action(
                "Copy as &GPML DataNodes",
                self.copy_gpml_nodes,
                tip="Copy the figure's genes as GPML DataNode elements, to paste into PathVisio",
            )
        )
        edit_menu.addAction(
            self._action(
                "Copy &Permalink",
                self.metadata.copy_permalink,
                tip="Copy the address of the figure's PFOCR page",
            )
        )

        view_menu = self.menuBar().addMenu("&View")
        self.view_menu = view_menu  # the figure's zoom actions join it in ensure_panels
        view_menu.addSeparator()
        theme_menu = view_menu.addMenu("&Theme")
        self.theme_actions: dict[str, QAction] = {}
        theme_group = QActionGroup(self)
        for theme in THEMES:
            action = theme_menu.addAction(THEME_LABELS[theme])
            action.setCheckable(True)
            action.setActionGroup(theme_group)
            action.triggered.connect(lambda _=False, t=theme: self.set_theme(t))
            self.theme_actions[theme] = action
        self.theme_actions[self.theme].setChecked(True)
        view_menu.addAction(
            self._action(
                "&Genes", lambda: self.table_tabs.setCurrentIndex(0), QKeySequence("Ctrl+G")
            )
        )
        view_menu.addAction(
            self._action("&Find Gene", self.focus_gene_filter, QKeySequence.StandardKey.Find)
        )
        view_menu.addSeparator()
        view_menu.addAction(
            self._action(
                "Figure &Image", lambda: self.figure_tabs.setCurrentIndex(0), QKeySequence("Alt+1")
            )
        )
        view_menu.addAction(
            self._action(
                "&Mechanism", lambda: self.figure_tabs.setCurrentIndex(1), QKeySequence("Alt+2")
            )
        )
        self.history_action = self.history_dock.toggleViewAction()
        self.history_action.setText("Undo &History")
        view_menu.addAction(self.history_action)
        view_menu.addAction(
            self._action(
                "&Rank Figures by Gene List…",
                self.show_enrichment,
                QKeySequence("Ctrl+E"),
                "Paste a gene list and find the figures of the open folder that best match it",
            )
        )
        view_menu.addAction(
            self._action(
                "&Highlight Genes…",
                self.focus_highlight,
                QKeySequence("Ctrl+Shift+H"),
                "Type gene names to highlight in the gene table and on the mechanism canvas",
            )
        )
        view_menu.addSeparator()
        view_menu.addAction(
            self._action("&Next Figure", lambda: self.step_record(1), QKeySequence("Ctrl+PgDown"))
        )
        view_menu.addAction(
            self._action(
                "&Previous Figure", lambda: self.step_record(-1), QKeySequence("Ctrl+PgUp")
            )
        )

        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(self._action(f"&About {APP_NAME}", self.show_about))

    def _start_theme(self, override: Theme | None) -> None:
        self._theme_at_start = override or self.theme
        # "system" needs nothing now: the platform's palette is its own, light or dark. Where the
        # desktop asks for dark but gives a light palette, _finish_window switches after the first
        # paint (a light frame first): asking about the colour scheme loads Qt, 45-50 ms.
        if self._theme_at_start != "system":
            apply_theme(self._theme_at_start)
        hints = QGuiApplication.styleHints()
        hints.colorSchemeChanged.connect(self._on_color_scheme)

    def _on_color_scheme(self) -> None:
        if self.theme == "system":
            apply_theme("system")

    @property
    def theme(self) -> Theme:
        """The appearance the user chose (``system`` unless changed)."""
        value = self.settings.value("appearance/theme", "system")
        return value if value in THEMES else "system"

    def set_theme(self, theme: Theme) -> None:
        """Switch to ``theme`` and keep the choice."""
        self.settings.setValue("appearance/theme", theme)
        if theme in self.theme_actions:
            self.theme_actions[theme].setChecked(True)
        apply_theme(theme)

    def copy_gene_symbols(self) -> None:
        """Copy the gene symbols of the selected rows, or of every gene the table shows."""
        count = self.gene_panel.copy_table_symbols()
        self.statusBar().showMessage(f"Copied {count} gene symbol{'s' * (count != 1)}", 4000)

    def copy_gene_ids(self) -> None:
        """Copy the NCBI Gene ids of the selected rows, or of every gene the table shows."""
        count = self.gene_panel.copy_table_ids()
        self.statusBar().showMessage(f"Copied {count} NCBI Gene id{'s' * (count != 1)}", 4000)

    def step_record(self, step: int) -> None:
        """Show the next (``step`` 1) or previous (-1) open figure, wrapping around."""
        count = self.record_list.count()
        if count:
            row = (self.record_list.currentRow() + step) % count
            self.record_list.setCurrentRow(row)

    def focus_gene_filter(self) -> None:
        """Jump to the gene filter box."""
        self.table_tabs.setCurrentWidget(self.gene_panel)
        self.gene_panel.filter_edit.setFocus()
        self.gene_panel.filter_edit.selectAll()

    def show_about(self) -> None:
        """Show the version and the data licences."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(self)
        box.setWindowTitle(f"About {APP_NAME}")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(f"{APP_NAME} {__version__}")
        box.setInformativeText(
            "Reads pathway figure records from PFOCR (Pathway Figure OCR, by WikiPathways).\n\n"
            "PFOCR records and the bundled seed record: CC0, WikiPathways.\n"
            "Gene pages: NCBI Gene. Figures and papers: PubMed Central and Europe PMC, "
            "under their publishers' licences."
        )
        box.setIcon(QMessageBox.Icon.Information)
        box.exec()

    # Opening -------------------------------------------------------------------------------

    def choose_files(self) -> None:
        """Ask for record files and open them."""
        from PySide6.QtWidgets import QFileDialog

        paths, _ = QFileDialog.getOpenFileNames(
            self, "Open figure records", self._last_folder(), RECORD_FILTER
        )
        self.open_paths(paths)

    def choose_folder(self) -> None:
        """Ask for a folder and open the records in it."""
        from PySide6.QtWidgets import QFileDialog

        folder = QFileDialog.getExistingDirectory(
            self, "Open folder of records", self._last_folder()
        )
        if folder:
            self.open_paths([folder])

    def _last_folder(self) -> str:
        recent = _string_list(self.settings.value("recent/files"))
        return str(Path(recent[0]).parent) if recent else str(Path.home())

    def open_paths(self, paths: Iterable[str | Path], prefetch: Prefetch | None = None) -> None:
        """Open files and folders; a file already open is selected instead of read again.

        ``prefetch`` holds those of the files a forked process is already reading.
        """
        to_load: list[Path] = []
        folders: list[Path] = []
        for given in paths:
            path = Path(given)
            key = path_key(path)
            if key in self.records:
                self.select(key)
                continue
            if path.exists():
                self._remember(path)
            (folders if path.is_dir() else to_load).append(path)
        if folders:
            self.open_collection(folders)
        if not to_load:
            return
        self._select_next = True
        self.loader.load(to_load, prefetch)
        self._progress_timer.start(PROGRESS_DELAY_MS)
        self.statusBar().showMessage("Loading…")

    def open_collection(self, folders: Sequence[Path]) -> CollectionPanel:
        """Index ``folders`` in the background and list their figures in the Collection tab."""
        from viewer.ui.collection_view import CollectionPanel

        self.ensure_panels()
        if self.collection_panel is None:
            panel = CollectionPanel()
            panel.openRequested.connect(self._open_from_collection)
            panel.indexingFinished.connect(self._on_indexed)
            self.collection_panel = panel
            self.figure_tabs.addTab(panel, "Collection")
            self.figure_tabs.setTabToolTip(
                self.figure_tabs.count() - 1, "The figures of the folders you opened, searchable"
            )
        self.collection_panel.open_folders(folders)
        if self.enrichment_panel is not None:
            self.enrichment_panel.set_collection(self.collection_panel.collection)
        self.figure_tabs.setCurrentWidget(self.collection_panel)
        self.statusBar().showMessage(f"Indexing {', '.join(str(f) for f in folders)}…")
        return self.collection_panel

    def show_enrichment(self) -> EnrichmentPanel:
        """Show the Enrichment tab (made on first use), ready for a gene list."""
        from PySide6.QtCore import Qt

        from viewer.ui.enrichment_view import EnrichmentPanel

        self.ensure_panels()
        if self.enrichment_panel is None:
            panel = EnrichmentPanel()
            panel.openRequested.connect(self.open_highlighted)
            self.enrichment_panel = panel
            self.figure_tabs.addTab(panel, "Enrichment")
            self.figure_tabs.setTabToolTip(
                self.figure_tabs.count() - 1,
                "Rank the figures of the open folder by how well they match a gene list",
            )
            collection = self.collection_panel.collection if self.collection_panel else None
            panel.set_collection(collection)
        self.figure_tabs.setCurrentWidget(self.enrichment_panel)
        self.enrichment_panel.list_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return self.enrichment_panel

    def open_highlighted(self, path: str, names: Sequence[str]) -> None:
        """Open (or show) the record at ``path`` with these genes highlighted."""
        self.gene_panel.set_highlight(names)
        self._open_from_collection(path)

    def focus_highlight(self) -> None:
        """Move to the gene table's highlight box."""
        from PySide6.QtCore import Qt

        self.table_tabs.setCurrentWidget(self.gene_panel)
        self.gene_panel.highlight_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.gene_panel.highlight_edit.selectAll()

    def _open_from_collection(self, path: str) -> None:
        self.open_paths([path])
        self.figure_tabs.setCurrentIndex(0)

    def _on_indexed(self, outcome: object) -> None:
        panel = self.collection_panel
        if panel is None:
            return
        if isinstance(outcome, str):
            self._on_failed("", outcome)
            return
        known = {self.problem_list.item(i).text() for i in range(self.problem_list.count())}
        for problem in panel.collection.problems() if panel.collection else []:
            message = (
                f"{problem.path}:{problem.line}: error: {problem.message}"
                if problem.line is not None
                else f"{problem.path}: error: {problem.message}"
            )
            if message not in known:
                self._on_failed(problem.path, message)
        self.statusBar().showMessage(str(outcome), 8000)
        if self.enrichment_panel is not None:
            self.enrichment_panel.refresh_organisms()

    def _remember(self, path: Path) -> None:
        recent = [
            p for p in _string_list(self.settings.value("recent/files")) if p != path_key(path)
        ]
        self.settings.setValue("recent/files", [path_key(path), *recent][:MAX_RECENT])

    def recent_paths(self) -> list[str]:
        """Recently opened files and folders that still exist, newest first."""
        recent = _string_list(self.settings.value("recent/files"))
        existing = [p for p in recent if Path(p).exists()]
        if existing != recent:
            self.settings.setValue("recent/files", existing)
        return existing

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.recent_paths()
        for path in recent:
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _=False, p=path: self.open_paths([p]))
        if not recent:
            self.recent_menu.addAction("No recent files").setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("Clear Menu", lambda: self.settings.remove("recent/files"))

    def _on_loaded(self, path: str, record: FigureRecord) -> None:
        key = path_key(path)
        if key not in self.records:
            item = QListWidgetItem(record.title)
            item.setData(KEY_ROLE, key)
            item.setToolTip(plain_tooltip(f"{record.title}\n{record.figid}\n{path}"))
            self.record_list.addItem(item)
        self.records[key] = record
        self._update_side_panel()
        if self._select_next or self.record is None:
            self._select_next = False
            self.select(key)

    # The panels built after the first paint -----------------------------------------------

    def ensure_panels(self) -> _Panels:
        """Build the figure, canvas and table panels (once) and show the record in them."""
        if self._panels is not None:
            return self._panels
        self._panel_timer.stop()
        from PySide6.QtCore import Qt

        from viewer.ui.image_view import FigureImageView
        from viewer.ui.mechanism_view import MechanismView
        from viewer.ui.tables import GeneTablePanel, MentionTablePanel

        self._finish_window()

        panels = _Panels(
            FigureImageView(),
            MechanismView(),
            GeneTablePanel(),
            MentionTablePanel("chemicals"),
            MentionTablePanel("diseases"),
        )
        self._panels = panels
        current_figure_tab = self.figure_tabs.currentIndex()
        self.figure_tabs.clear()
        self.figure_tabs.addTab(panels.image_view, "Figure")
        self.figure_tabs.addTab(panels.mechanism_view, "Mechanism")
        self.figure_tabs.setTabToolTip(
            1,
            "The mechanism the caption describes, read by text mining: check it against the "
            "figure. Drag boxes, Shift-drag from box to box to relate them, right-click to edit; "
            "Ctrl+S saves the curation",
        )
        self.figure_tabs.setCurrentIndex(max(0, current_figure_tab))
        names = [self.table_tabs.tabText(i) for i in range(self.table_tabs.count())]
        current_table_tab = self.table_tabs.currentIndex()
        self.table_tabs.clear()
        for panel, name in zip(
            (panels.gene_panel, panels.chemical_panel, panels.disease_panel), names, strict=True
        ):
            self.table_tabs.addTab(panel, name)
        self.table_tabs.setCurrentIndex(max(0, current_table_tab))
        panels.mechanism_view.genesSelected.connect(self._on_canvas_genes)
        editor = panels.mechanism_view.make_editable()
        # Queued: the canvas is redrawn after the gesture that asked for the edit has ended.
        editor.changeRequested.connect(self._on_edit, Qt.ConnectionType.QueuedConnection)
        editor.editRefused.connect(lambda why: self.statusBar().showMessage(why, 6000))
        panels.gene_panel.genesSelected.connect(self._on_table_genes)
        panels.gene_panel.highlightChanged.connect(panels.mechanism_view.mark_entrez)
        first = self.view_menu.actions()[0] if self.view_menu.actions() else None
        image = panels.image_view
        for action in (
            image.zoom_in_action,
            image.zoom_out_action,
            image.fit_action,
            image.actual_size_action,
        ):
            self.view_menu.insertAction(first, action)
        self.view_menu.insertSeparator(first)
        image.set_offline(self.offline_action.isChecked())
        self._name_panels(panels)
        self._fill_export_menu()
        header = self.settings.value("window/gene_columns")
        if isinstance(header, QByteArray) and not header.isEmpty():
            panels.gene_panel.view.horizontalHeader().restoreState(header)
        self._show_in_panels(self.record)
        return panels

    def _finish_window(self) -> None:
        """What waits until after the first paint, so that the window shows sooner.

        Docking the Undo History (hidden until asked for) and asking the desktop's colour
        scheme need the ``Qt`` namespace, 45-50 ms to load (see ``viewer.ui.named_properties``):
        a dark scheme over a light palette is followed one frame late. The metadata panel makes
        its text selectable.
        """
        from PySide6.QtCore import Qt

        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.history_dock)
        self.history_dock.hide()
        if self._theme_at_start == "system" and system_prefers_dark():
            apply_theme("system")
        self.metadata.finish()

    @property
    def image_view(self) -> FigureImageView:
        """The figure image panel."""
        return self.ensure_panels().image_view

    @property
    def mechanism_view(self) -> MechanismView:
        """The mechanism canvas panel."""
        return self.ensure_panels().mechanism_view

    @property
    def gene_panel(self) -> GeneTablePanel:
        """The gene table panel."""
        return self.ensure_panels().gene_panel

    @property
    def chemical_panel(self) -> MentionTablePanel:
        """The chemicals table panel."""
        return self.ensure_panels().chemical_panel

    @property
    def disease_panel(self) -> MentionTablePanel:
        """The diseases table panel."""
        return self.ensure_panels().disease_panel

    def _name_panels(self, panels: _Panels) -> None:
        """Names and descriptions for screen readers and other assistive technology."""
        named: list[tuple[QWidget, str, str]] = [
            (self.record_list, "Open figures", "The figures open in this window; pick one"),
            (self.problem_list, "Problems", "Files that could not be read: file, line, reason"),
            (self.metadata, "Figure details", "Title, caption, paper, identifiers and links"),
            (self.metadata.caption, "Caption", "The figure's caption, as the paper gives it"),
            (self.figure_tabs, "Figure and mechanism", "The figure image and its mechanism"),
            (self.table_tabs, "Genes, chemicals and diseases", "What was found in the figure"),
            (panels.image_view, "Figure image", "The published figure; zoom with Ctrl+plus"),
            (
                panels.mechanism_view,
                "Mechanism diagram",
                "Genes and the relations between them, read from the caption by text mining",
            ),
        ]
        for panel, plural in (
            (panels.gene_panel, "genes"),
            (panels.chemical_panel, "chemicals"),
            (panels.disease_panel, "diseases"),
        ):
            named.append((panel.view, plural.capitalize(), f"The {plural} found in the figure"))
            named.append((panel.filter_edit, f"Filter {plural}", "Show only matching rows"))
        for widget, name, description in named:
            widget.setAccessibleName(name)
            widget.setAccessibleDescription(description)

    def paintEvent(self, event: QPaintEvent) -> None:
        """Build the other panels after the first paint that shows a record (or no record)."""
        super().paintEvent(event)
        waiting = self._panels is None and not self._panel_timer.isActive()
        if waiting and (self.record is not None or not self.loader.busy):
            self._panel_timer.start(0)

    def showEvent(self, event: QShowEvent) -> None:
        """Build the panels soon even if no paint comes (a hidden or minimised start)."""
        super().showEvent(event)
        if self._panels is None and not self._panel_timer.isActive():
            self._panel_timer.start(PANELS_FALLBACK_MS)

    @property
    def busy(self) -> bool:
        """Whether panels, records, the figure image or a mechanism are still on their way."""
        return (
            self._panels is None
            or self.loader.busy
            or self.image_view.fetcher.busy
            or self.mechanism_builder.busy
            or self._mechanism_timer.isActive()
        )

    def _build_mechanism(self) -> None:
        key = self._current_key()
        if key is not None and key not in self.mechanisms and self.record is not None:
            self.mechanism_builder.build(key, self.record)

    def _on_mechanism(self, key: str, mechanism: Mechanism | None) -> None:
        if key not in self.records:
            return  # closed meanwhile
        record = self.records[key]
        session = None
        if mechanism is not None and record.path is not None:
            session = self.curations.get(key) or self._start_curation(key, record.path, mechanism)
            mechanism = session.mechanism
        self.mechanisms[key] = mechanism
        if self._panels and self.record is not None and record is self.record:
            self._panels.mechanism_view.set_mechanism(mechanism)
            self._update_export_actions()
            self._show_curation_state()
        if session is not None:
            self._offer_recovery(key, session)

    # Curation ------------------------------------------------------------------------------

    def ask(self, question: Question) -> str:
        """Put ``question`` to the user (a modal message box); return the answer chosen."""
        from viewer.ui.curation import ask_with_message_box

        return ask_with_message_box(self, question)

    def ask_text(self, title: str, label: str, text: str) -> str | None:
        """Ask for one line of text; ``None`` when the user cancels."""
        from viewer.ui.canvas_edit import ask_text_dialog

        return ask_text_dialog(self, title, label, text)

    @property
    def curator(self) -> str | None:
        """The name saved with curations (Edit ▸ Curator Name), if the user gave one."""
        name = self.settings.value("curation/author", "")
        return name.strip() if isinstance(name, str) and name.strip() else None

    def choose_curator(self) -> None:
        """Ask for the name to save with curations (empty: none)."""
        name = self.ask_text(
            "Curator Name", "Your name, saved with the mechanisms you curate:", self.curator or ""
        )
        if name is not None:
            self.settings.setValue("curation/author", " ".join(name.split()))

    def _start_curation(self, key: str, record_path: str, draft: Mechanism) -> CurationSession:
        from viewer.ui.curation import CurationSession

        session = CurationSession(record_path, draft, self)
        session.changed.connect(lambda k=key: self._on_curation_changed(k))
        session.dirtyChanged.connect(lambda _dirty, k=key: self._on_dirty_changed(k))
        session.autosaveFailed.connect(
            lambda why: self.statusBar().showMessage(f"Autosave failed: {why}", 8000)
        )
        self.undo_group.addStack(session.stack)
        self.curations[key] = session
        if session.problem:
            self._on_failed(
                str(session.sidecar_path), f"{session.problem} (the draft mechanism is shown)"
            )
        elif session.stale:
            self.statusBar().showMessage(
                f"{session.sidecar_path.name}: the record changed since this curation was saved",
                8000,
            )
        return session

    def _offer_recovery(self, key: str, session: CurationSession) -> None:
        from viewer.ui.curation import Question

        pending = session.pending_recovery()
        if pending is None:
            return
        recovered, when = pending
        title = self.records[key].title if key in self.records else key
        question = Question(
            "Restore unsaved edits",
            f"The viewer stopped before the curation of “{title}” was saved. "
            f"Restore the unsaved edits from {when:%Y-%m-%d %H:%M:%S}?",
            ("restore", "discard"),
        )
        if self.ask(question) == "restore":
            session.restore(recovered)
            self.statusBar().showMessage("Unsaved edits restored; save them with Ctrl+S", 8000)
        else:
            session.discard()

    def _current_session(self) -> CurationSession | None:
        key = self._current_key()
        return self.curations.get(key) if key is not None else None

    def _on_edit(self, change: Change) -> None:
        """An edit made on the canvas: onto the shown record's undo stack."""
        session = self._current_session()
        if session is None:
            self.statusBar().showMessage("This mechanism cannot be edited", 5000)
            return
        session.push(change)

    def _on_curation_changed(self, key: str) -> None:
        if self._panels is not None and key == self._current_key():
            self._panels.mechanism_view.refresh()

    def _on_dirty_changed(self, key: str) -> None:
        session = self.curations.get(key)
        dirty = session is not None and session.dirty
        for row in range(self.record_list.count()):
            item = self.record_list.item(row)
            if item.data(KEY_ROLE) == key and key in self.records:
                item.setText(("• " if dirty else "") + self.records[key].title)
        if key == self._current_key():
            self.setWindowModified(dirty)
            self._name_mechanism_tab(session)

    def _name_mechanism_tab(self, session: CurationSession | None) -> None:
        """Name the mechanism tab: plain, "(edited)" with unsaved edits, or "(curated)"."""
        if self._panels is None:
            return
        index = self.figure_tabs.indexOf(self._panels.mechanism_view)
        name = "Mechanism"
        if session is not None and session.dirty:
            name += " (edited)"
        elif session is not None and session.curated:
            name += " (curated)"
        self.figure_tabs.setTabText(index, name)
        from viewer.mechanism.provenance import provenance_note

        self._panels.mechanism_view.set_note(
            provenance_note(
                session.sidecar if session is not None else None,
                edited=session is not None and session.dirty,
            )
        )

    def reset_to_draft(self) -> None:
        """Replace the shown curation by the draft read from the caption, as one undo step."""
        from viewer.mechanism.edits import diff

        session = self._current_session()
        if session is None:
            return
        change = diff(session.mechanism, session.draft, "Reset to the draft")
        if change.empty:
            self.statusBar().showMessage("The mechanism is the draft already", 5000)
            return
        session.push(change)

    def _show_curation_state(self) -> None:
        """Undo stack, modified mark, notice and the genes to add for the shown record."""
        session = self._current_session()
        self.undo_group.setActiveStack(session.stack if session else None)
        self.setWindowModified(session is not None and session.dirty)
        self.save_action.setEnabled(session is not None)
        self.reset_action.setEnabled(session is not None)
        self._name_mechanism_tab(session)
        if self._panels is None:
            return
        view = self._panels.mechanism_view
        view.set_notice(session.notice() if session else None)
        if view.scene.editor is not None:
            genes = self.record.genes if self.record is not None else ()
            from viewer.mechanism.model import Member

            members = {g.entrez: Member(g.display_symbol, g.entrez) for g in genes}
            view.scene.editor.genes = sorted(members.values(), key=lambda m: m.symbol.lower())

    def save_curation(self, key: str | None = None) -> bool:
        """Save the shown (or ``key``'s) curated mechanism beside its record."""
        from PySide6.QtWidgets import QMessageBox

        key = key if key is not None else self._current_key()
        session = self.curations.get(key) if key is not None else None
        if session is None:
            self.statusBar().showMessage("There is no mechanism to save yet", 5000)
            return False
        try:
            saved = session.save(self.ask, self.curator)
        except OSError as exc:
            QMessageBox.warning(
                self, "Save failed", f"{session.sidecar_path}: {exc.strerror or exc}"
            )
            return False
        if saved:
            self.statusBar().showMessage(f"Curation saved to {session.sidecar_path}", 5000)
            self._show_curation_state()
        return saved

    def _settle(self, key: str) -> bool:
        """Before closing ``key``: save or discard its unsaved edits; False when cancelled."""
        from viewer.ui.curation import Question

        session = self.curations.get(key)
        if session is None or not session.dirty:
            return True
        if self.records.get(key) is not self.record:
            self.select(key)  # show which figure the question is about
        title = self.records[key].title if key in self.records else key
        answer = self.ask(
            Question(
                "Unsaved curation",
                f"The mechanism of “{title}” has unsaved edits. Save them before closing?",
                ("save", "discard", "cancel"),
            )
        )
        if answer == "save":
            return self.save_curation(key)
        if answer == "discard":
            session.discard()
            return True
        return False

    def _end_curation(self, key: str) -> None:
        session = self.curations.pop(key, None)
        if session is not None:
            self.undo_group.removeStack(session.stack)
            session.close()
            session.deleteLater()

    def _current_key(self) -> str | None:
        return next((k for k, r in self.records.items() if r is self.record), None)

    def _on_canvas_genes(self, entrez_ids: list[str]) -> None:
        """Nodes picked on the canvas: select their genes in the gene table."""
        if entrez_ids:
            self.gene_panel.select_entrez(set(entrez_ids))

    def _on_table_genes(self, entrez_ids: list[str]) -> None:
        """Genes picked in the table: highlight their nodes on the canvas."""
        if self._panels is not None:
            self._panels.mechanism_view.highlight_entrez(set(entrez_ids))

    def _update_export_actions(self) -> None:
        key = self._current_key()
        ready = key is not None and self.mechanisms.get(key) is not None
        for name, action in self.export_actions.items():
            # The pictures need the drawn mechanism; the data formats build it if need be.
            action.setEnabled(ready if name in ("svg", "png") else self.record is not None)

    def _fill_export_menu(self) -> None:
        from viewer.export import FORMATS, PICTURE_FORMATS

        choices = [(name, fmt.title) for name, fmt in FORMATS.items()]
        choices += [(name, title) for name, (_, title) in PICTURE_FORMATS.items()]
        for index, (name, title) in enumerate(choices, 1):
            if name in PICTURE_FORMATS and name == next(iter(PICTURE_FORMATS)):
                self.export_menu.addSeparator()
            mnemonic = f"&{index} " if index < 10 else ""
            action = self._action(
                f"{mnemonic}{title}…", lambda _=False, n=name: self.export_record(n)
            )
            self.export_menu.addAction(action)
            self.export_actions[name] = action
        self._update_export_actions()

    @property
    def export_svg_action(self) -> QAction:
        """File ▸ Export ▸ SVG."""
        self.ensure_panels()
        return self.export_actions["svg"]

    @property
    def export_png_action(self) -> QAction:
        """File ▸ Export ▸ PNG."""
        self.ensure_panels()
        return self.export_actions["png"]

    def _mechanism_now(self) -> Mechanism:
        """The shown record's (curated) mechanism, read here and now if the worker has not yet."""
        key = self._current_key()
        mechanism = self.mechanisms.get(key) if key else None
        if mechanism is None:
            from viewer.mechanism.curated import mechanism_for

            mechanism = mechanism_for(self.record).mechanism
        return mechanism

    def _export_folder(self) -> str:
        folder = self.settings.value("export/folder", "")
        return folder if isinstance(folder, str) and Path(folder).is_dir() else self._last_folder()

    def export_record(self, name: str, path: str | None = None) -> bool:
        """Save the shown figure in format ``name`` (asking where when ``path`` is None)."""
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        from viewer.export import FORMATS, PICTURE_FORMATS, ExportError, write_export

        if self.record is None:
            return False
        if name in PICTURE_FORMATS:
            return self.export_mechanism(name, path)
        fmt = FORMATS[name]
        if path is None:
            suggested = str(Path(self._export_folder()) / f"{self.record.figid}.{fmt.extension}")
            path, _ = QFileDialog.getSaveFileName(
                self, f"Export as {fmt.title}", suggested, fmt.file_filter
            )
            if not path:
                return False
        try:
            write_export(path, fmt.write(self.record, self._mechanism_now()))
        except ExportError as exc:
            QMessageBox.warning(self, "Export failed", str(exc))
            return False
        self.settings.setValue("export/folder", str(Path(path).parent))
        self.statusBar().showMessage(f"Saved {fmt.title} to {path}", 5000)
        return True

    def copy_gpml_nodes(self) -> None:
        """Put the figure's genes on the clipboard as GPML DataNodes (PathVisio pastes them)."""
        from viewer.export import gpml_data_nodes

        if self.record is None:
            return
        text = gpml_data_nodes(self.record, self._mechanism_now())
        QGuiApplication.clipboard().setText(text)
        count = text.count("<DataNode ")
        self.statusBar().showMessage(f"Copied {count} GPML DataNodes", 4000)

    def export_mechanism(self, kind: str, path: str | None = None) -> bool:
        """Save the mechanism canvas as SVG or PNG (asking where when ``path`` is None)."""
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        if self.record is None:
            return False
        if path is None:
            suggested = str(Path(self._export_folder()) / f"{self.record.figid}-mechanism.{kind}")
            path, _ = QFileDialog.getSaveFileName(
                self, f"Export mechanism as {kind.upper()}", suggested, f"{kind.upper()} (*.{kind})"
            )
            if not path:
                return False
        try:
            done = (
                self.mechanism_view.export_svg(path)
                if kind == "svg"
                else self.mechanism_view.export_png(path)
            )
        except OSError as exc:
            QMessageBox.warning(self, "Export failed", str(exc))
            return False
        if done:
            self.settings.setValue("export/folder", str(Path(path).parent))
            self.statusBar().showMessage(f"Mechanism saved to {path}", 5000)
        return done

    def _on_failed(self, path: str, message: str) -> None:
        item = QListWidgetItem(message)
        item.setData(KEY_ROLE, path_key(path))
        self.problem_list.addItem(item)
        self._update_side_panel()
        self.statusBar().showMessage(message, 8000)

    def _on_progress(self, count: int) -> None:
        self.progress_label.setText(f"{count} read")

    def _show_progress(self) -> None:
        if self.loader.busy:
            for widget in (self.progress_label, self.progress, self.cancel_button):
                widget.show()

    def _on_idle(self) -> None:
        self._progress_timer.stop()
        for widget in (self.progress_label, self.progress, self.cancel_button):
            widget.hide()
        problems = self.problem_list.count()
        self.statusBar().showMessage(
            _count(len(self.records), "figure")
            + " open"
            + (f", {_count(problems, 'problem')}" if problems else ""),
            5000,
        )

    def clear_problems(self) -> None:
        """Empty the problems list."""
        self.problem_list.clear()
        self._update_side_panel()

    def _update_side_panel(self) -> None:
        many = len(self.records) > 1
        problems = self.problem_list.count() > 0
        self.records_header.setVisible(many)
        self.record_list.setVisible(many)
        self.problems_box.setVisible(problems)
        self.side_panel.setVisible(many or problems)

    # Showing -------------------------------------------------------------------------------

    def select(self, key: str) -> None:
        """Show the open record ``key`` and select it in the list."""
        for row in range(self.record_list.count()):
            item = self.record_list.item(row)
            if item.data(KEY_ROLE) == key:
                self.record_list.setCurrentItem(item)
                break
        self.show_record(self.records.get(key))

    def _on_current_item(self, item: QListWidgetItem | None, _previous=None) -> None:
        if item is not None:
            self.show_record(self.records.get(item.data(KEY_ROLE)))

    def _show_in_panels(self, record: FigureRecord | None) -> None:
        panels = self._panels
        if panels is None:
            return  # ensure_panels shows the record once they exist
        panels.image_view.show_record(record)
        panels.gene_panel.set_record(record)
        panels.chemical_panel.set_record(record)
        panels.disease_panel.set_record(record)
        key = self._current_key() if record is not None else None
        panels.mechanism_view.set_mechanism(self.mechanisms.get(key) if key else None)
        if key is not None and key not in self.mechanisms:
            # Read the mechanism once the record has painted: its first use loads networkx.
            self._mechanism_timer.start(MECHANISM_DELAY_MS)

    def show_record(self, record: FigureRecord | None) -> None:
        """Show ``record`` in every panel."""
        if record is self.record and record is not None:
            return
        self.record = record
        self.metadata.show_record(record)
        self._show_in_panels(record)
        self._update_export_actions()
        counts = (
            (len(record.genes), len(record.chemicals), len(record.diseases))
            if record
            else (0, 0, 0)
        )
        for index, (name, count) in enumerate(
            zip(("Genes", "Chemicals", "Diseases"), counts, strict=True)
        ):
            self.table_tabs.setTabText(index, f"{name} ({count})")
        self.close_action.setEnabled(record is not None)
        self._show_curation_state()
        if record is None:
            self.setWindowTitle(APP_NAME)
        else:
            self.setWindowTitle(f"{record.title}[*] — {APP_NAME}")
            self.statusBar().showMessage(
                f"{record.figid}: {len(record.genes)} gene matches, {len(record.chemicals)} "
                f"chemicals, {len(record.diseases)} diseases",
                5000,
            )

    def close_current(self) -> None:
        """Close the figure on show; the next one in the list is shown."""
        item = self.record_list.currentItem()
        key = (
            item.data(KEY_ROLE)
            if item
            else next((k for k, r in self.records.items() if r is self.record), None)
        )
        if key is None or not self._settle(key):
            return
        item = self.record_list.currentItem()  # settling may have shown the record
        self._end_curation(key)
        self.records.pop(key, None)
        self.mechanisms.pop(key, None)
        if item is not None:
            self.record_list.takeItem(self.record_list.row(item))
        self.record = None
        current = self.record_list.currentItem()
        self.show_record(self.records.get(current.data(KEY_ROLE)) if current else None)
        if current is None and self.records:
            self.select(next(iter(self.records)))
        self._update_side_panel()

    # Drag and drop -------------------------------------------------------------------------

    @staticmethod
    def _local_paths(event: QDragEnterEvent | QDropEvent) -> list[str]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Accept files and folders dragged from a file manager."""
        if self._local_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        """Keep accepting while the drag moves over the window."""
        if self._local_paths(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Open the dropped files and folders."""
        paths = self._local_paths(event)
        if paths:
            event.acceptProposedAction()
            self.open_paths(paths)

    # Settings ------------------------------------------------------------------------------

    def _apply_offline(self, offline: bool) -> None:
        self.settings.setValue("network/offline", offline)
        if self._panels is not None:
            self._panels.image_view.set_offline(offline)

    def _restore_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        restored = isinstance(geometry, QByteArray) and not geometry.isEmpty()
        # restoreGeometry refuses some data (saved on another platform or Qt version, a damaged
        # file) and takes some nonsense: either way the window opens at the default size, not
        # at Qt's tiny fallback.
        if not (restored and self.restoreGeometry(geometry)) or (
            self.width() < MIN_RESTORED.width() or self.height() < MIN_RESTORED.height()
        ):
            self.resize(DEFAULT_SIZE)
        for key, splitter in (
            ("window/main_split", self.main_split),
            ("window/center_split", self.center_split),
        ):
            state = self.settings.value(key)
            if isinstance(state, QByteArray) and not state.isEmpty():
                splitter.restoreState(state)

    def save_state(self) -> None:
        """Remember geometry, splitters and column layout for the next start."""
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/main_split", self.main_split.saveState())
        self.settings.setValue("window/center_split", self.center_split.saveState())
        if self._panels is not None:
            header = self._panels.gene_panel.view.horizontalHeader()
            self.settings.setValue("window/gene_columns", header.saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Settle unsaved curations (or stay open), save the window state, stop loading."""
        for key in list(self.curations):
            if not self._settle(key):
                event.ignore()
                return
        for key in list(self.curations):
            self._end_curation(key)
        self.loader.cancel()
        self.save_state()
        super().closeEvent(event)
