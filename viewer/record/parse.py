"""Read a pathway figure record from a path or bytes into a ``FigureRecord``.

Everything a record can get wrong ends either in a ``RecordError`` (the record cannot be read)
or in a warning on the record (a field or row was repaired or dropped; the rest loads).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from viewer.record.errors import RecordError
from viewer.record.frontmatter import (
    MAX_RECORD_BYTES,
    NO_RECORD,
    decode,
    split_front_matter,
    too_large,
)
from viewer.record.model import Annotation, FigureRecord, Gene, Layout, Mention
from viewer.record.safeyaml import MAX_DEPTH, load_yaml
from viewer.record.tables import (
    CHEMICAL_ID_COLUMNS,
    DISEASE_ID_COLUMNS,
    find_tables,
    read_genes,
    read_mentions,
)
from viewer.record.values import clean_text, entrez_id, is_missing

TEXT_FIELDS = (
    "figtitle",
    "caption",
    "number",
    "figtype",
    "pmcid",
    "papertitle",
    "reftext",
    "filename",
    "figlink",
    "ndex",
    "wpid",
)
KNOWN_FIELDS = frozenset(
    {"figid", "year", "organisms", "genes", "chemicals", "diseases", "annotations", *TEXT_FIELDS}
)
# A mapping needs at least one of these to be taken for a figure record.
_RECORD_MARKERS = ("figid", "figtitle", "caption", "pmcid", "genes", "figlink")


def _freeze(value: Any, path: str, depth: int = 0) -> Any:
    """Turn lists and mappings into tuples and read-only mappings, keeping the values."""
    if depth > MAX_DEPTH:
        raise RecordError(f"the data is nested more than {MAX_DEPTH} levels deep", path)
    if isinstance(value, Mapping):
        return MappingProxyType({k: _freeze(v, path, depth + 1) for k, v in value.items()})
    if isinstance(value, (list, tuple)):
        return tuple(_freeze(v, path, depth + 1) for v in value)
    return value


class _Reader:
    """Turns one parsed front-matter mapping into a ``FigureRecord``, collecting warnings."""

    def __init__(self, data: dict[Any, Any], path: str, file_path: Path | None) -> None:
        self.data = data
        self.path = path
        self.file_path = file_path
        self.warnings: list[str] = []

    def warn(self, message: str) -> None:
        self.warnings.append(message)

    def text(self, key: str) -> str | None:
        value = self.data.get(key)
        try:
            return clean_text(value)
        except TypeError:
            self.warn(f"field '{key}' should be text but is a {_kind(value)}; ignored")
            return None

    def year(self) -> int | None:
        value = self.data.get("year")
        if is_missing(value):
            return None
        if isinstance(value, _dt.date):
            return value.year
        text = str(value).strip()
        if isinstance(value, bool) or not (text.isascii() and text.isdigit()):
            self.warn(f"year {text!r} is not a year; ignored")
            return None
        year = int(text)
        if not 1600 <= year <= 2200:
            self.warn(f"year {year} is out of range; ignored")
            return None
        return year

    def organisms(self) -> tuple[str, ...]:
        value = self.data.get("organisms")
        items = value if isinstance(value, list) else [value]
        names: list[str] = []
        for item in items:
            try:
                name = clean_text(item)
            except TypeError:
                self.warn(f"an organism is a {_kind(item)}, not a name; ignored")
                continue
            if name and name not in names:
                names.append(name)
        return tuple(names)

    def entries(self, key: str) -> list[tuple[int, Mapping[Any, Any]]]:
        """Numbered mapping entries of a list field; anything else is dropped with a warning."""
        value = self.data.get(key)
        if value is None or value == "":
            return []
        if not isinstance(value, list):
            self.warn(f"field '{key}' should be a list but is a {_kind(value)}; ignored")
            return []
        entries = []
        for number, entry in enumerate(value, start=1):
            if isinstance(entry, Mapping):
                entries.append((number, entry))
            else:
                self.warn(f"{key} entry {number} is a {_kind(entry)}, not a mapping; dropped")
        return entries

    def entry_text(self, key: str, number: int, entry: Mapping[Any, Any], name: str) -> str | None:
        try:
            return clean_text(entry.get(name))
        except TypeError:
            self.warn(f"{key} entry {number}: '{name}' is a {_kind(entry.get(name))}; ignored")
            return None

    def inline_genes(self) -> list[Gene]:
        genes: list[Gene] = []
        for number, entry in self.entries("genes"):
            raw_id = entry.get("entrez")
            entrez = entrez_id(raw_id)
            if entrez is None:
                self.warn(f"genes entry {number}: NCBI Gene id {raw_id!r} is not a number; dropped")
                continue
            symbol = self.entry_text("genes", number, entry, "symbol")
            hgnc = self.entry_text("genes", number, entry, "hgnc_symbol")
            if symbol is None and hgnc is None:
                self.warn(f"genes entry {number}: no symbol; dropped")
                continue
            genes.append(
                Gene(
                    word=self.entry_text("genes", number, entry, "word"),
                    symbol=symbol,
                    source=self.entry_text("genes", number, entry, "source"),
                    hgnc_symbol=hgnc,
                    entrez=entrez,
                )
            )
        return genes

    def inline_mentions(self, key: str) -> list[Mention]:
        mentions: list[Mention] = []
        for number, entry in self.entries(key):
            mention = Mention(
                word=self.entry_text(key, number, entry, "word"),
                source=self.entry_text(key, number, entry, "source"),
                identifier=self.entry_text(key, number, entry, "identifier"),
                name=self.entry_text(key, number, entry, "name"),
            )
            if mention.word is None and mention.identifier is None:
                self.warn(f"{key} entry {number}: neither a word nor an id; dropped")
                continue
            mentions.append(mention)
        return mentions

    def annotations(self) -> list[Annotation]:
        value = self.data.get("annotations")
        if is_missing(value) or value == []:
            return []
        if not isinstance(value, list):
            value = [value]
        notes: list[Annotation] = []
        for number, item in enumerate(value, start=1):
            try:
                if isinstance(item, Mapping) and "value" in item:
                    note = Annotation(
                        clean_text(item.get("type")) or "", clean_text(item["value"]) or ""
                    )
                elif isinstance(item, Mapping) and len(item) == 1:
                    ((kind, val),) = item.items()
                    note = Annotation(clean_text(kind) or "", clean_text(val) or "")
                else:
                    note = Annotation("", clean_text(item) or "")
            except TypeError:
                self.warn(f"annotations entry {number} cannot be read as text; dropped")
                continue
            if note.value:
                notes.append(note)
        return notes

    def figid(self) -> str:
        figid = self.text("figid")
        if figid:
            return figid
        stem = Path(self.path).name
        for suffix in (".md", ".markdown", ".txt", ".yaml", ".yml", ".pfocr"):
            stem = stem.removesuffix(suffix)
        self.warn(f"the record has no figid; using the file name '{stem}'")
        return stem

    def read(self) -> FigureRecord:
        figid = self.figid()
        layout: Layout = "none"
        genes = self.inline_genes()
        chemicals = self.inline_mentions("chemicals")
        diseases = self.inline_mentions("diseases")
        if any(k in self.data for k in ("genes", "chemicals", "diseases")):
            layout = "inline"
        elif self.file_path is not None:
            tables = find_tables(self.file_path, figid)
            if tables:
                layout = "split"
            if "genes" in tables:
                genes = read_genes(tables["genes"], self.warnings)
            if "chemicals" in tables:
                chemicals = read_mentions(tables["chemicals"], CHEMICAL_ID_COLUMNS, self.warnings)
            if "diseases" in tables:
                diseases = read_mentions(tables["diseases"], DISEASE_ID_COLUMNS, self.warnings)
        extra = {str(k): v for k, v in self.data.items() if k not in KNOWN_FIELDS}
        return FigureRecord(
            figid=figid,
            **{name: self.text(name) for name in TEXT_FIELDS},
            year=self.year(),
            organisms=self.organisms(),
            genes=tuple(genes),
            chemicals=tuple(chemicals),
            diseases=tuple(diseases),
            annotations=tuple(self.annotations()),
            extra=_freeze(extra, self.path),
            warnings=tuple(self.warnings),
            path=str(self.file_path) if self.file_path is not None else None,
            layout=layout,
        )


def _kind(value: Any) -> str:
    if isinstance(value, Mapping):
        return "set of fields"
    if isinstance(value, list):
        return "list"
    return type(value).__name__


def parse_record(
    data: bytes, source: str = "<record>", file_path: Path | None = None
) -> FigureRecord:
    """Read a record from its bytes.

    ``source`` names the record in messages (and gives the figid when the record has none);
    ``file_path``, when given, is where side tables of the split layout are looked for.
    """
    text = decode(data, source)
    front = split_front_matter(text, source)
    parsed = load_yaml(front.yaml_text, source, front.first_line)
    if not isinstance(parsed, dict):
        if parsed is None or isinstance(parsed, str):
            raise RecordError(NO_RECORD, source, front.first_line)
        raise RecordError(
            f"the front matter is a {_kind(parsed)}, not a set of 'field: value' lines",
            source,
            front.first_line,
        )
    if not any(key in parsed for key in _RECORD_MARKERS):
        raise RecordError(
            "not a pathway figure record: none of the fields "
            f"{', '.join(_RECORD_MARKERS)} is present",
            source,
            front.first_line,
        )
    return _Reader(parsed, source, file_path).read()


def load_record(path: str | Path) -> FigureRecord:
    """Read the record file at ``path``, with its side tables when it has them."""
    file_path = Path(path)
    name = str(path)
    try:
        with file_path.open("rb") as handle:
            data = handle.read(MAX_RECORD_BYTES + 1)
    except IsADirectoryError:
        raise RecordError("this is a folder, not a record file", name) from None
    except FileNotFoundError:
        raise RecordError("no such file", name) from None
    except PermissionError:
        raise RecordError("permission denied: the file cannot be read", name) from None
    except OSError as exc:
        raise RecordError(f"the file cannot be read: {exc.strerror or exc}", name) from None
    if len(data) > MAX_RECORD_BYTES:
        try:
            size = file_path.stat().st_size
        except OSError:
            size = len(data)
        raise too_large(size, name)
    return parse_record(data, name, file_path)
