"""The main window: for now the record's title, its metadata, caption and genes, as plain text."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QLabel,
    QMainWindow,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from viewer import APP_NAME
from viewer.record import FigureRecord, RecordError, load_record

RECORD_FILTER = "Figure records (*.md *.markdown *.txt *.yaml *.yml);;All files (*)"


def plain_label(text: str = "", *, wrap: bool = True) -> QLabel:
    """A label that never interprets record text as rich text."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class MainWindow(QMainWindow):
    """Shows one figure record at a time."""

    def __init__(self) -> None:
        super().__init__()
        self.record: FigureRecord | None = None
        self.setWindowTitle(APP_NAME)
        self.resize(1000, 700)
        self.title_label = plain_label()
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title_label.setFont(font)
        self.fields = QFormLayout()
        self.caption_label = plain_label()
        self.genes_label = plain_label()
        self.error_label = plain_label()
        self.error_label.setStyleSheet("color: #b00020;")
        page = QWidget()
        column = QVBoxLayout(page)
        column.addWidget(self.title_label)
        column.addWidget(self.error_label)
        column.addLayout(self.fields)
        column.addWidget(self.caption_label)
        column.addWidget(self.genes_label)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(page)
        self.setCentralWidget(scroll)
        self._build_menu()

    def _build_menu(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        open_action = QAction("&Open…", self)
        open_action.setShortcut(QKeySequence.StandardKey.Open)
        open_action.triggered.connect(self.choose_file)
        file_menu.addAction(open_action)
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

    def choose_file(self) -> None:
        """Ask for a record file and open it."""
        path, _ = QFileDialog.getOpenFileName(self, "Open figure record", "", RECORD_FILTER)
        if path:
            self.open_path(Path(path))

    def open_path(self, path: Path) -> None:
        """Load and show a record, or show why it cannot be read."""
        try:
            record = load_record(path)
        except RecordError as exc:
            self.show_error(exc.located(str(path)))
            return
        self.show_record(record)

    def show_error(self, message: str) -> None:
        """Show a load error in the window and the status bar."""
        self.error_label.setText(message)
        self.statusBar().showMessage(message)

    def show_record(self, record: FigureRecord) -> None:
        """Show a record's title, metadata, caption and genes."""
        self.record = record
        self.error_label.clear()
        self.title_label.setText(record.title)
        self.setWindowTitle(f"{record.title} — {APP_NAME}")
        while self.fields.rowCount():
            self.fields.removeRow(0)
        rows = [
            ("Figure", record.figid),
            ("Number", " · ".join(x for x in (record.number, record.figtype) if x)),
            ("Paper", record.papertitle),
            ("Citation", record.reftext),
            ("Year", str(record.year) if record.year else None),
            ("PMC id", record.pmcid),
            ("Organisms", ", ".join(record.organisms)),
        ]
        for name, value in rows:
            if value:
                self.fields.addRow(plain_label(name + ":", wrap=False), plain_label(value))
        self.caption_label.setText(record.caption or "")
        symbols = dict.fromkeys(g.display_symbol for g in record.genes)
        self.genes_label.setText(
            f"{len(record.genes)} genes: {', '.join(symbols)}" if symbols else "No genes listed."
        )
        self.statusBar().showMessage(
            f"{len(record.genes)} genes, {len(record.chemicals)} chemicals, "
            f"{len(record.diseases)} diseases"
            + (f" · {len(record.warnings)} warnings" if record.warnings else "")
        )
