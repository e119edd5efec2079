"""Item models for the gene, chemical and disease tables, and the proxies that filter and sort them.

The models are read-only tables over a ``FigureRecord``'s genes or mentions, in the
qutebrowser way: custom roles are an ``IntEnum`` starting at ``Qt.UserRole``, ``data()``
answers ``None`` for any role it does not serve, and filtering and sorting live in
``QSortFilterProxyModel`` subclasses. Every link a cell offers is built by ``viewer.links``
from checked ids; record text is only ever shown as plain text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from enum import Enum, IntEnum
from typing import Any, Generic, Literal, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication, QPalette

from viewer import links
from viewer.record.model import FigureRecord, Gene, Mention
from viewer.ui.plaintext import plain_tooltip

Index = QModelIndex | QPersistentModelIndex
MentionKind = Literal["chemicals", "diseases"]

# A shared invalid index: a call in a default argument would be evaluated once anyway (B008).
_ROOT = QModelIndex()

HUMAN_NAME = "homo sapiens"
HUMAN_TAXON = "9606"


class Role(IntEnum):
    """Custom data roles of the table models (Qt reserves everything below ``UserRole``)."""

    URL = int(Qt.ItemDataRole.UserRole)
    """The cell's checked https link, or ``None`` when the cell is not a link."""
    SORT = int(Qt.ItemDataRole.UserRole) + 1
    """What the proxy sorts by: an int for NCBI Gene ids, a natural-order key for text."""
    ITEM = int(Qt.ItemDataRole.UserRole) + 2
    """The row's ``Gene`` or ``Mention``."""
    SEARCH = int(Qt.ItemDataRole.UserRole) + 3
    """All the row's shown text, case-folded, for the text filter (same in every column)."""
    RAW = int(Qt.ItemDataRole.UserRole) + 4
    """The cell's value as the record spells it (``hgnc_alias_symbol`` rather than "HGNC alias")."""


# The names the brief and the main window use for the roles.
UrlRole = Role.URL
SortRole = Role.SORT
GeneRole = Role.ITEM
MentionRole = Role.ITEM


_DIGIT_RUN = re.compile(r"[0-9]+")


def natural_key(text: str | None) -> str:
    """A case-folded sort key in which ``IL6`` comes before ``IL10`` and ``D9`` before ``D10``.

    QSortFilterProxyModel compares role values as QVariants, so the key must be a plain string:
    digit runs are zero-padded rather than split into a tuple.
    """
    if not text:
        return ""
    return _DIGIT_RUN.sub(lambda m: m.group().zfill(20), text.casefold())


def is_human(gene: Gene) -> bool:
    """Tell whether a gene was matched in human (inline records only ever matched human)."""
    if gene.organism is None and gene.taxon is None:
        return True
    return gene.taxon == HUMAN_TAXON or (gene.organism or "").casefold() == HUMAN_NAME


# How each gene match source reads to a biologist: (cell text, explanation).
GENE_SOURCES: dict[str, tuple[str, str]] = {
    "hgnc_symbol": ("HGNC symbol", "The word is the gene's official HGNC symbol."),
    "hgnc_alias_symbol": (
        "HGNC alias",
        "The word is an alias (synonym) that HGNC lists for this gene.",
    ),
    "hgnc_prev_symbol": (
        "HGNC previous symbol",
        "The word is a former official symbol of this gene.",
    ),
    "bioentities_symbol": (
        "Gene family (FamPlex)",
        "The word names a gene family or complex (FamPlex, formerly bioentities); "
        "it was expanded into its member genes, one row each.",
    ),
    "famplex_relations": (
        "Gene family (FamPlex)",
        "The word names a gene family or complex in FamPlex; "
        "it was expanded into its member genes, one row each.",
    ),
    "ncbigene_symbol": (
        "NCBI Gene symbol",
        "The word is the gene's official symbol in NCBI Gene for this organism.",
    ),
    "ncbigene_synonym": (
        "NCBI Gene synonym",
        "The word is a synonym (alias) that NCBI Gene lists for this gene in this organism.",
    ),
}

# Vocabularies chemicals and diseases are matched in: (cell text, full name).
VOCABULARIES: dict[str, tuple[str, str]] = {
    "MESH": ("MeSH", "Medical Subject Headings (MeSH), the NLM's controlled vocabulary"),
    "CHEBI": ("ChEBI", "Chemical Entities of Biological Interest (ChEBI)"),
    "DOID": ("Disease Ontology", "Human Disease Ontology (DOID)"),
}


def gene_source_label(source: str | None) -> str:
    """The readable form of a gene's match source; unknown sources are shown as recorded."""
    if source is None:
        return ""
    known = GENE_SOURCES.get(source.casefold())
    return known[0] if known else source


def vocabulary_label(source: str | None) -> str:
    """The readable name of a mention's vocabulary; unknown ones are shown as recorded."""
    if source is None:
        return ""
    known = VOCABULARIES.get(source.upper())
    return known[0] if known else source


class Column(Enum):
    """The kinds of column the tables can show; a model lists the ones it shows in order."""

    WORD = "word"
    SYMBOL = "symbol"
    SOURCE = "source"
    OFFICIAL = "official"
    ENTREZ = "entrez"
    ORGANISM = "organism"
    NAME = "name"
    VOCABULARY = "vocabulary"
    IDENTIFIER = "identifier"
    OTHER_IDS = "other_ids"


T = TypeVar("T", Gene, Mention)


class RecordTableModel(QAbstractTableModel, Generic[T]):
    """A read-only table over one list of a record (its genes or its mentions).

    Subclasses choose the columns for a record and say what each cell shows, links to and
    explains; this class turns that into Qt roles.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._record: FigureRecord | None = None
        self._items: tuple[T, ...] = ()
        self._columns: tuple[Column, ...] = self._columns_for(None, ())
        self._search: dict[int, str] = {}
        self._link_font = QFont()
        self._link_font.setUnderline(True)

    # What subclasses provide.

    def _items_of(self, record: FigureRecord) -> Sequence[T]:
        raise NotImplementedError

    def _columns_for(self, record: FigureRecord | None, items: Sequence[T]) -> tuple[Column, ...]:
        raise NotImplementedError

    def _text(self, item: T, column: Column) -> str:
        raise NotImplementedError

    def _url(self, item: T, column: Column) -> str | None:
        return None

    def _tooltip(self, item: T, column: Column) -> str | None:
        """Plain text (escaped later) explaining a cell, or ``None``."""
        return None

    def _raw(self, item: T, column: Column) -> str | None:
        return self._text(item, column) or None

    def _sort_key(self, item: T, column: Column) -> Any:
        return natural_key(self._text(item, column))

    def _header(self, column: Column) -> tuple[str, str]:
        """(title, tooltip) of a column."""
        raise NotImplementedError

    def row_url(self, item: T) -> str | None:
        """The page Enter or a double-click on the row opens."""
        return None

    # The public face.

    @property
    def record(self) -> FigureRecord | None:
        """The record shown, if any."""
        return self._record

    @property
    def items(self) -> tuple[T, ...]:
        """The rows, in the record's order."""
        return self._items

    @property
    def columns(self) -> tuple[Column, ...]:
        """The columns shown, in order."""
        return self._columns

    def column_of(self, column: Column) -> int | None:
        """The position of a kind of column, or ``None`` when it is not shown."""
        try:
            return self._columns.index(column)
        except ValueError:
            return None

    def item(self, row: int) -> T:
        """The gene or mention of a source row."""
        return self._items[row]

    def set_record(self, record: FigureRecord | None) -> None:
        """Show ``record``'s rows (or none)."""
        self.beginResetModel()
        self._record = record
        self._items = tuple(self._items_of(record)) if record is not None else ()
        self._columns = self._columns_for(record, self._items)
        self._search = {}
        self.endResetModel()

    def search_text(self, row: int) -> str:
        """All the row's shown text, case-folded and tab-joined (cached until the next record)."""
        text = self._search.get(row)
        if text is None:
            item = self._items[row]
            text = "\t".join(self._text(item, c) for c in self._columns).casefold()
            self._search[row] = text
        return text

    # QAbstractTableModel.

    def rowCount(self, parent: Index = _ROOT) -> int:
        """Number of genes or mentions (a table: children of real indexes have none)."""
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = _ROOT) -> int:
        """Number of columns shown for this record."""
        return 0 if parent.isValid() else len(self._columns)

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Cells are selectable, never editable."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """A cell's value for ``role``; ``None`` for roles the table does not serve."""
        if not index.isValid() or index.parent().isValid():
            return None
        row, col = index.row(), index.column()
        if not (0 <= row < len(self._items) and 0 <= col < len(self._columns)):
            return None
        item, column = self._items[row], self._columns[col]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = self._tooltip(item, column)
            return plain_tooltip(tip) if tip else None
        if role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole):
            if self._url(item, column) is None:
                return None
            if role == Qt.ItemDataRole.FontRole:
                return self._link_font
            # Read the palette each time so a theme change restyles the links.
            return QGuiApplication.palette().brush(QPalette.ColorRole.Link)
        if role == Qt.ItemDataRole.TextAlignmentRole and column is Column.ENTREZ:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Role.URL:
            return self._url(item, column)
        if role == Role.SORT:
            return self._sort_key(item, column)
        if role == Role.ITEM:
            return item
        if role == Role.SEARCH:
            return self.search_text(row)
        if role == Role.RAW:
            return self._raw(item, column)
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        """Column titles and the tooltips that explain them."""
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return super().headerData(section, orientation, role)
        title, tip = self._header(self._columns[section])
        if role == Qt.ItemDataRole.DisplayRole:
            return title
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(tip)
        return None


# The tint of highlighted gene rows: the canvas's highlight amber, over light or dark bases.
HIGHLIGHT_AMBER = QColor(224, 142, 0, 90)


class GeneTableModel(RecordTableModel[Gene]):
    """A record's genes: OCR word → looked-up symbol → official symbol and NCBI Gene id.

    Genes whose NCBI Gene id is in ``highlighted`` (a gene list typed or ranked elsewhere) are
    drawn bold on an amber tint.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.highlighted: frozenset[str] = frozenset()
        self._bold = QFont()
        self._bold.setBold(True)
        self._bold_link = QFont(self._link_font)
        self._bold_link.setBold(True)

    def set_highlighted(self, entrez_ids: Iterable[str]) -> None:
        """Highlight the rows of these NCBI Gene ids (an empty set: none)."""
        self.highlighted = frozenset(entrez_ids)
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(self.rowCount() - 1, self.columnCount() - 1),
                [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.FontRole],
            )

    def is_highlighted(self, row: int) -> bool:
        """Whether the gene at ``row`` is highlighted."""
        return 0 <= row < len(self.items) and self.items[row].entrez in self.highlighted

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """As for every record table, plus the highlight tint and bold face."""
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.FontRole) and (
            index.isValid() and self.is_highlighted(index.row())
        ):
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(HIGHLIGHT_AMBER)
            column = self.columns[index.column()] if index.column() < len(self.columns) else None
            linked = column is not None and self._url(self.items[index.row()], column) is not None
            return self._bold_link if linked else self._bold
        return super().data(index, role)

    def set_record(self, record: FigureRecord | None) -> None:
        """Show ``record``'s genes; the highlight is cleared with the old record."""
        self.highlighted = frozenset()
        super().set_record(record)

    def _items_of(self, record: FigureRecord) -> Sequence[Gene]:
        return record.genes

    def _columns_for(
        self, record: FigureRecord | None, items: Sequence[Gene]
    ) -> tuple[Column, ...]:
        columns = (Column.WORD, Column.SYMBOL, Column.SOURCE, Column.OFFICIAL, Column.ENTREZ)
        if any(g.organism for g in items):
            columns += (Column.ORGANISM,)
        return columns

    @property
    def has_organisms(self) -> bool:
        """Whether the genes carry organisms (split layout).

        The official symbols are then NCBI Gene's for each organism, not HGNC's.
        """
        return Column.ORGANISM in self._columns

    def _text(self, item: Gene, column: Column) -> str:
        if column is Column.WORD:
            return item.word or ""
        if column is Column.SYMBOL:
            return item.symbol or ""
        if column is Column.SOURCE:
            return gene_source_label(item.source)
        if column is Column.OFFICIAL:
            return item.hgnc_symbol or ""
        if column is Column.ENTREZ:
            return item.entrez
        if column is Column.ORGANISM:
            return item.organism or ""
        return ""

    def _raw(self, item: Gene, column: Column) -> str | None:
        if column is Column.SOURCE:
            return item.source
        return super()._raw(item, column)

    def _url(self, item: Gene, column: Column) -> str | None:
        if column is Column.ENTREZ:
            return links.ncbi_gene(item.entrez)
        if column is Column.OFFICIAL:
            return self.hgnc_url(item)
        return None

    @staticmethod
    def hgnc_url(gene: Gene) -> str | None:
        """The HGNC page of a human gene's symbol; ``None`` for other organisms' genes."""
        # HGNC names human genes only: a fly symbol such as "hop" has no HGNC page.
        return links.hgnc_symbol(gene.hgnc_symbol) if is_human(gene) else None

    def row_url(self, item: Gene) -> str | None:
        """The gene's NCBI Gene page."""
        return links.ncbi_gene(item.entrez)

    def _sort_key(self, item: Gene, column: Column) -> Any:
        if column is Column.ENTREZ:
            # Ids are digit strings (checked by the record layer); sort them as numbers.
            return int(item.entrez) if item.entrez.isdigit() else 0
        return super()._sort_key(item, column)

    def _tooltip(self, item: Gene, column: Column) -> str | None:
        if column is Column.SOURCE and item.source:
            known = GENE_SOURCES.get(item.source.casefold())
            explanation = known[1] if known else "A match source this viewer does not know."
            return f"{explanation}\nRecorded as: {item.source}"
        if column is Column.ORGANISM and item.taxon:
            return f"{item.organism or 'Organism'}\nNCBI Taxonomy id {item.taxon}"
        url = self._url(item, column)
        if url is not None:
            return f"Open {url}"
        if column is Column.OFFICIAL and item.hgnc_symbol and not is_human(item):
            return (
                f"{item.hgnc_symbol} is the NCBI Gene symbol in {item.organism}; "
                "HGNC names human genes only."
            )
        return None

    def _header(self, column: Column) -> tuple[str, str]:
        if column is Column.OFFICIAL and self.has_organisms:
            return (
                "Official symbol",
                "The gene's official symbol in NCBI Gene for its organism. "
                "For human genes this is the HGNC symbol; click it to open its HGNC page.",
            )
        return _GENE_HEADERS[column]


_GENE_HEADERS: dict[Column, tuple[str, str]] = {
    Column.WORD: ("Word", "The word as OCR read it in the figure image."),
    Column.SYMBOL: ("Symbol", "The cleaned word that was looked up."),
    Column.SOURCE: (
        "Source",
        "How the word was matched: official symbol, synonym/alias, previous symbol, "
        "or a gene family expanded into its members (FamPlex/bioentities).",
    ),
    Column.OFFICIAL: ("HGNC symbol", "Official symbol; click to open its HGNC page."),
    Column.ENTREZ: (
        "NCBI Gene id",
        "NCBI Gene (Entrez) id; click to open the NCBI Gene page.",
    ),
    Column.ORGANISM: (
        "Organism",
        "The organism this match was made in. PFOCR matches each figure against several organisms.",
    ),
}


def _other_id_mention(curie: str) -> Mention | None:
    """A ``prefix:id`` string as a ``Mention`` that ``links.mention`` can check."""
    prefix, sep, local = curie.partition(":")
    if not sep or not prefix or not local:
        return None
    return Mention(word=None, source=prefix.upper(), identifier=local)


def other_id_urls(item: Mention) -> list[tuple[str, str]]:
    """(id, checked link) for each of a mention's other ids that has a page."""
    found = []
    for curie in item.other_ids:
        other = _other_id_mention(curie)
        url = links.mention(other) if other is not None else None
        if url is not None:
            found.append((curie, url))
    return found


class MentionTableModel(RecordTableModel[Mention]):
    """A record's chemicals or diseases: OCR word → vocabulary and id."""

    def __init__(self, kind: MentionKind = "chemicals", parent: QObject | None = None) -> None:
        if kind not in ("chemicals", "diseases"):
            raise ValueError(f"kind must be 'chemicals' or 'diseases', not {kind!r}")
        self.kind: MentionKind = kind
        super().__init__(parent)

    def _items_of(self, record: FigureRecord) -> Sequence[Mention]:
        return record.chemicals if self.kind == "chemicals" else record.diseases

    def _columns_for(
        self, record: FigureRecord | None, items: Sequence[Mention]
    ) -> tuple[Column, ...]:
        columns: tuple[Column, ...] = (Column.WORD,)
        if any(m.name for m in items):
            columns += (Column.NAME,)
        columns += (Column.VOCABULARY, Column.IDENTIFIER)
        # Most tables have no other ids; an always-empty column would only take room.
        if any(m.other_ids for m in items):
            columns += (Column.OTHER_IDS,)
        return columns

    def _text(self, item: Mention, column: Column) -> str:
        if column is Column.WORD:
            return item.word or ""
        if column is Column.NAME:
            return item.name or ""
        if column is Column.VOCABULARY:
            return vocabulary_label(item.source)
        if column is Column.IDENTIFIER:
            return item.identifier or ""
        if column is Column.OTHER_IDS:
            return ", ".join(item.other_ids)
        return ""

    def _raw(self, item: Mention, column: Column) -> str | None:
        if column is Column.VOCABULARY:
            return item.source
        return super()._raw(item, column)

    def _url(self, item: Mention, column: Column) -> str | None:
        return links.mention(item) if column is Column.IDENTIFIER else None

    def row_url(self, item: Mention) -> str | None:
        """The page of the mention's id in its vocabulary."""
        return links.mention(item)

    def _tooltip(self, item: Mention, column: Column) -> str | None:
        if column is Column.VOCABULARY and item.source:
            known = VOCABULARIES.get(item.source.upper())
            return f"{known[1]}\nRecorded as: {item.source}" if known else item.source
        if column is Column.IDENTIFIER:
            url = self._url(item, column)
            if url is not None:
                return f"Open {url}"
            if item.identifier:
                return "This id has no page the viewer can open."
        if column is Column.OTHER_IDS and item.other_ids:
            return "\n".join(item.other_ids)
        return None

    def _header(self, column: Column) -> tuple[str, str]:
        noun = "chemical" if self.kind == "chemicals" else "disease"
        headers = {
            Column.WORD: ("Word", "The word as OCR read it in the figure image."),
            Column.NAME: ("Name", f"The vocabulary's name for the {noun} the word was matched to."),
            Column.VOCABULARY: (
                "Vocabulary",
                "The vocabulary the word was matched in: MeSH (Medical Subject Headings), "
                "ChEBI (chemicals) or the Human Disease Ontology (DOID).",
            ),
            Column.IDENTIFIER: (
                "Identifier",
                "The id in that vocabulary; click to open its page.",
            ),
            Column.OTHER_IDS: ("Other ids", f"Ids of the same {noun} in other vocabularies."),
        }
        return headers[column]


class TextFilterProxy(QSortFilterProxyModel):
    """Sorts by ``Role.SORT`` and keeps the rows containing every word of a filter text.

    The filter is case-insensitive and looks across all shown columns, so "stat human" finds
    the human STAT genes.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._terms: tuple[str, ...] = ()
        self.setSortRole(int(Role.SORT))
        self.setDynamicSortFilter(True)

    @property
    def text_terms(self) -> tuple[str, ...]:
        """The case-folded words every shown row contains."""
        return self._terms

    def set_text(self, text: str) -> None:
        """Show only rows containing every whitespace-separated word of ``text``."""
        terms = tuple(text.casefold().split())
        if terms != self._terms:
            self._change_filter(lambda: setattr(self, "_terms", terms))

    def _change_filter(self, apply: Callable[[], None]) -> None:
        """Apply a filter change, telling the views in the way this Qt supports."""
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+, where invalidateFilter is deprecated
            self.beginFilterChange()
            apply()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            apply()
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        """Keep a row when it contains every filter word."""
        if not self._terms:
            return True
        model = self.sourceModel()
        if isinstance(model, RecordTableModel):
            haystack = model.search_text(source_row)
        else:
            index = model.index(source_row, 0, source_parent)
            haystack = str(model.data(index, int(Role.SEARCH)) or "")
        return all(term in haystack for term in self._terms)

    def source_items(self, rows: Iterable[int]) -> list[Any]:
        """The genes or mentions behind proxy rows, in the order given."""
        items = []
        for row in rows:
            item = self.index(row, 0).data(int(Role.ITEM))
            if item is not None:
                items.append(item)
        return items


class GeneFilterProxy(TextFilterProxy):
    """The gene table's proxy: the text filter plus an organism filter."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._organisms: frozenset[str] | None = None

    @property
    def organisms(self) -> frozenset[str] | None:
        """The organisms whose genes are shown; ``None`` shows every organism."""
        return self._organisms

    def set_organisms(self, organisms: Iterable[str] | None) -> None:
        """Show only genes matched in ``organisms`` (``None``: all).

        Genes without an organism (inline records) are always shown.
        """
        chosen = None if organisms is None else frozenset(organisms)
        if chosen != self._organisms:
            self._change_filter(lambda: setattr(self, "_organisms", chosen))

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        """Keep a row of a chosen organism that contains every filter word."""
        if self._organisms is not None:
            gene = self.sourceModel().index(source_row, 0, source_parent).data(int(Role.ITEM))
            if isinstance(gene, Gene) and gene.organism and gene.organism not in self._organisms:
                return False
        return super().filterAcceptsRow(source_row, source_parent)


def matches_own_organism(organism: str, own: Iterable[str]) -> bool:
    """Tell whether a gene table's organism is one the figure is about.

    Gene tables name strains ("Escherichia coli str. K-12 substr. MG1655") where the record
    may name the species, so a name extended by more words counts as the same organism.
    """
    name = organism.casefold()
    for other in own:
        other = other.casefold()
        if name == other or name.startswith(other + " ") or other.startswith(name + " "):
            return True
    return False


def default_organisms(record: FigureRecord | None) -> frozenset[str] | None:
    """The organisms the gene table starts on: the figure's own ones among the genes'.

    ``None`` (show all) when the genes come from one organism, when none of them is the
    figure's own, or when all of them are.
    """
    if record is None:
        return None
    gene_organisms = record.gene_organisms
    if len(gene_organisms) < 2:
        return None
    own = [g for g in gene_organisms if matches_own_organism(g, record.own_organisms)]
    if not own or len(own) == len(gene_organisms):
        return None
    return frozenset(own)
