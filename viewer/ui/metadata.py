"""The metadata panel: everything the record says about the figure and its paper, as plain text.

Links appear only for ids that pass the checks in ``viewer.links``; they open through
``viewer.ui.urls``. Long captions start collapsed with a "Show more" toggle.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from viewer import links
from viewer.record.model import FigureRecord
from viewer.ui.named_properties import set_properties
from viewer.ui.plaintext import plain_tooltip

COLLAPSED_CAPTION_CHARS = 420
NOTE_COLOURS = {False: "#9a6700", True: "#e3b341"}  # on a light, on a dark palette

# (key in links.record_links, button text, tooltip)
LINK_BUTTONS = (
    ("pmc_article", "Paper at PMC", "Read the paper at PubMed Central"),
    ("europepmc_article", "Paper at Europe PMC", "Read the paper at Europe PMC"),
    ("pmc_figure", "Figure at PMC", "View the figure on its PubMed Central page"),
    ("pfocr", "PFOCR page", "The figure's page on the PFOCR website"),
    ("ndex", "NDEx network", "The figure's gene network at NDEx"),
    ("wikipathways", "WikiPathways", "The WikiPathways model curated from this figure"),
)


def plain_label(text: str = "", *, wrap: bool = True, selectable: bool = True) -> QLabel:
    """A label that never interprets its text as rich text (record text is untrusted)."""
    label = QLabel()
    # By name, not Qt.TextFormat.PlainText: see viewer.ui.named_properties.
    set_properties(label, textFormat="PlainText")
    label.setText(text)
    label.setWordWrap(wrap)
    if selectable:
        set_properties(label, textInteractionFlags="TextSelectableByMouse")
    return label


def _left(widget: QWidget) -> QHBoxLayout:
    """A row holding ``widget`` at its natural width on the left.

    ``Qt.AlignmentFlag.AlignLeft`` would load ``Qt`` before the first paint (see
    ``viewer.ui.named_properties``).
    """
    row = QHBoxLayout()
    row.addWidget(widget)
    row.addStretch(1)
    return row


def _section(title: str) -> QLabel:
    label = plain_label(title.upper(), selectable=False)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 0.85)
    label.setFont(font)
    # A palette role, not a style sheet: style sheets make the first paint much slower.
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    label.setContentsMargins(0, 8, 0, 0)
    return label


def _collapse(text: str, limit: int = COLLAPSED_CAPTION_CHARS) -> str:
    """Shorten ``text`` at a word boundary near ``limit`` characters."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit].rstrip(" ,;:") + " …"


class MetadataPanel(QScrollArea):
    """Title, caption, paper, organisms, annotations, ids and links of one record.

    Its window calls ``finish`` once it has painted.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record: FigureRecord | None = None
        self.caption_expanded = False
        self._selectable = False  # the record's text, from finish() on
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        set_properties(self, horizontalScrollBarPolicy="ScrollBarAlwaysOff")
        self.setMinimumWidth(280)
        page = QWidget()
        self.column = QVBoxLayout(page)
        self.column.setContentsMargins(12, 8, 12, 8)
        self.title = self._text_label()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = self._text_label()
        self.caption = self._text_label()
        self.caption.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.caption_toggle = QToolButton()
        self.caption_toggle.setAutoRaise(True)
        self.caption_toggle.clicked.connect(self.toggle_caption)
        self.paper_title = self._text_label()
        pfont = self.paper_title.font()
        pfont.setItalic(True)
        self.paper_title.setFont(pfont)
        self.citation = self._text_label()
        self.details = QFormLayout()
        self.details.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.annotations = self._text_label()
        self.annotations_header = _section("Annotations")
        self.notes = self._text_label()
        self._colour_notes()
        self.notes_header = _section("Notes from reading the record")
        self.link_grid = QGridLayout()
        self.link_buttons: dict[str, QPushButton] = {}
        for index, (key, text, tip) in enumerate(LINK_BUTTONS):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.clicked.connect(lambda _=False, k=key: self.open_link(k))
            self.link_buttons[key] = button
            self.link_grid.addWidget(button, index // 2, index % 2)
        self.permalink_button = QPushButton("Copy permalink")
        self.permalink_button.setToolTip("Copy the address of the figure's PFOCR page")
        self.permalink_button.clicked.connect(self.copy_permalink)

        for widget in (self.title, self.subtitle):
            self.column.addWidget(widget)
        self.column.addWidget(_section("Caption"))
        self.column.addWidget(self.caption)
        self.column.addLayout(_left(self.caption_toggle))
        self.column.addWidget(_section("Paper"))
        self.column.addWidget(self.paper_title)
        self.column.addWidget(self.citation)
        self.column.addWidget(_section("Details"))
        self.column.addLayout(self.details)
        self.column.addWidget(self.annotations_header)
        self.column.addWidget(self.annotations)
        self.column.addWidget(_section("Links"))
        self.column.addLayout(self.link_grid)
        self.column.addLayout(_left(self.permalink_button))
        self.column.addWidget(self.notes_header)
        self.column.addWidget(self.notes)
        self.column.addStretch(1)
        self.setWidget(page)
        self.show_record(None)

    def _text_label(self, text: str = "") -> QLabel:
        """A label for the record's text, selectable once the window has painted."""
        return plain_label(text, selectable=self._selectable)

    def _text_labels(self) -> list[QLabel]:
        fixed = [self.title, self.subtitle, self.caption, self.paper_title, self.citation]
        fixed += [self.annotations, self.notes]
        role = QFormLayout.ItemRole.FieldRole
        values = [self.details.itemAt(row, role).widget() for row in range(self.details.rowCount())]
        return fixed + values

    def finish(self) -> None:
        """Make the record's text selectable and give the links a pointing-hand cursor.

        Both wait until after the window's first paint. A selectable label lays its text out
        through a text document, which made showing the window 7 ms slower (it looks the
        same either way); the cursor needs ``Qt`` (see ``viewer.ui.named_properties``).
        """
        from PySide6.QtCore import Qt

        self._selectable = True
        for label in self._text_labels():
            set_properties(label, textInteractionFlags="TextSelectableByMouse")
        for button in self.link_buttons.values():
            button.setCursor(Qt.CursorShape.PointingHandCursor)

    def _colour_notes(self) -> None:
        # Amber that reads as a caution on the light and on the dark palette alike.
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        notes_palette = self.notes.palette()
        notes_palette.setColor(QPalette.ColorRole.WindowText, QColor(NOTE_COLOURS[dark]))
        self.notes.setPalette(notes_palette)

    def changeEvent(self, event: QEvent) -> None:
        """Recolour the notes when the palette turns light or dark."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._colour_notes()

    def show_record(self, record: FigureRecord | None) -> None:
        """Show ``record`` (or an empty panel for ``None``)."""
        self.record = record
        self.caption_expanded = False
        self.widget().setVisible(record is not None)
        if record is None:
            return
        self.title.setText(record.title)
        self.subtitle.setText(
            " · ".join(x for x in (record.number, record.figtype, record.figid) if x)
        )
        self._show_caption()
        self.paper_title.setText(record.papertitle or "(no paper title)")
        self.citation.setText(record.reftext or "")
        self.citation.setVisible(bool(record.reftext))
        while self.details.rowCount():
            self.details.removeRow(0)
        rows = (
            ("Year", str(record.year) if record.year else "unknown"),
            ("PMC id", record.pmcid or "—"),
            ("Organisms", ", ".join(record.own_organisms) or "not stated"),
            (
                "Mentions",
                f"{len(record.genes)} gene matches, {len(record.chemicals)} chemicals, "
                f"{len(record.diseases)} diseases",
            ),
        )
        for name, value in rows:
            self.details.addRow(
                plain_label(name, wrap=False, selectable=False), self._text_label(value)
            )
        if record.path:
            # The name only: a long path would not wrap and would widen the panel.
            file_label = self._text_label(Path(record.path).name)
            file_label.setToolTip(plain_tooltip(record.path))
            self.details.addRow(plain_label("File", wrap=False, selectable=False), file_label)
        grouped: dict[str, list[str]] = defaultdict(list)
        for note in record.annotations:
            grouped[note.type or "Other"].append(note.value)
        self.annotations.setText("\n".join(f"{k}: {', '.join(v)}" for k, v in grouped.items()))
        self.annotations.setVisible(bool(grouped))
        self.annotations_header.setVisible(bool(grouped))
        available = links.record_links(record)
        for key, button in self.link_buttons.items():
            button.setVisible(available.get(key) is not None)
            button.setToolTip(available.get(key) or "")
        self.permalink_button.setVisible(available.get("pfocr") is not None)
        self.notes.setText("\n".join(f"• {w}" for w in record.warnings))
        self.notes.setVisible(bool(record.warnings))
        self.notes_header.setVisible(bool(record.warnings))

    def _show_caption(self) -> None:
        text = (self.record.caption if self.record else None) or "(no caption)"
        long = len(text) > COLLAPSED_CAPTION_CHARS
        self.caption.setText(text if self.caption_expanded or not long else _collapse(text))
        self.caption_toggle.setVisible(long)
        self.caption_toggle.setText("Show less" if self.caption_expanded else "Show more")

    def toggle_caption(self) -> None:
        """Expand or collapse a long caption."""
        self.caption_expanded = not self.caption_expanded
        self._show_caption()

    def open_link(self, key: str) -> bool:
        """Open one of the record's links (``pmc_article``, ``pfocr``…) in the browser."""
        from viewer.ui import urls  # on a click, not at start-up

        if self.record is None:
            return False
        return urls.open_url(links.record_links(self.record).get(key))

    def copy_permalink(self) -> None:
        """Copy the figure's PFOCR page address to the clipboard."""
        if self.record is not None:
            url = links.pfocr_figure(self.record.figid)
            if url:
                QGuiApplication.clipboard().setText(url)
