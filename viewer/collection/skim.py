"""Read the fields the index needs from a record's front matter, faster than a full YAML load.

Most of the time ``load_record`` spends goes to PyYAML building Python objects: for the
``schema-jsonld`` block (which repeats the caption and the gene symbols), for fields the index
does not keep, and for inline gene lists, five nodes a gene. ``skim_front_matter`` cuts the
front matter at its top-level keys, then

- reads the fields the index needs (``LOADED_FIELDS``) with a line reader when they are
  plain or single-quoted strings, numbers, or lists of one-line strings (as PFOCR writes
  them), else with the safe loader ``load_record`` uses;
- only checks the syntax of every other field (LibYAML's parser runs in C and builds nothing);
- reads ``genes``, ``chemicals`` and ``diseases`` lists written one ``key: value`` a line (as
  PFOCR writes them) with a line reader, and any other list with YAML.

It returns the values a full load gives for those fields, or ``None`` whenever it cannot be sure
of that; the caller then reads the file the ordinary way (which also words the error for a
broken record). Why cutting is safe: every piece is either read by a line reader that accepts
only complete one-line (or plainly folded) values, or parsed on its own as a document of one
LibYAML stream; so none ends inside an unfinished quoted string or bracket, the next line at
column 0 really starts a new top-level key, and the whole front matter is valid YAML. Anything
that only loading would reject or expand (tags, anchors, aliases, complex keys, deep nesting)
sends the record to the full reader. ``tests/collection/test_collection_skim.py`` holds the
traps this was checked against.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

try:
    from yaml._yaml import CParser as _CParser
except ImportError:  # PyYAML without LibYAML: no syntax-only check, so no fast path
    _CParser = None

LIST_FIELDS = frozenset({"genes", "chemicals", "diseases"})
# The fields the index needs besides the lists; the others are checked, not loaded.
LOADED_FIELDS = frozenset(
    {"figid", "figtitle", "caption", "papertitle", "pmcid", "year", "organisms", "organisms_ner"}
)

_TOP_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_.@$-]*):(?: |\n|$)")
# Lines that start at column 0 with something other than an indent, a list item or a comment.
_TOP_LINE = re.compile(r"\n(?![ #\n]|-[ \n])")
# What a syntax check passes but loading could reject or blow up (see ``_risky``).
_NODE_PROPERTY = re.compile(r"[\s\[{,][!&*][^\s,\[\]{}]")
_ANCHOR = re.compile(r"[\s\[{,]&[^\s,\[\]{}]")
# A complex key ('? ') or a one-line bracketed key ('[a, b]: c'): neither can be loaded.
_ODD_KEY = re.compile(r"\n[ \-]*(?:\?[ \n]|[\[{][^\n]*[\]}] *:(?:[ \n]|$))")
_VALUE_KEY = re.compile(r"[:\-] +=[ ]*(?:\n|$)")
_DEEP = re.compile(r"\n[ \t?:\-]{24}")
_MAX_BRACKETS = 32

_LIST_LINE = re.compile(r"^(- |  )([A-Za-z_][A-Za-z0-9_]*):(?: (.*))?$", re.MULTILINE)
_SINGLE_QUOTED = re.compile(r"'((?:[^']|'')*)' *")
_DOUBLE_QUOTED = re.compile(r'"([^"\\]*)" *')
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_RESOLVERS = yaml.resolver.Resolver.yaml_implicit_resolvers
_PLAIN_KEYS = frozenset({"word", "symbol", "source", "hgnc_symbol", "entrez", "identifier", "name"})


class _Unsure(Exception):
    """A value or piece the fast path cannot vouch for."""


def _plain_is_text(value: str) -> bool:
    """Tell whether an unquoted YAML value loads as exactly this string."""
    if not value or value[0] in _INDICATORS or not value.isprintable():
        return False
    if ": " in value or " #" in value or value.endswith(":"):
        return False
    return not any(regexp.match(value) for _tag, regexp in _RESOLVERS.get(value[0], ()))


def _scalar(raw: str | None, cache: dict[str, str | None]) -> str | None:
    """What the value of a one-line ``key: value`` loads as, when it is plainly a string."""
    if raw is None:
        return None
    raw = raw.lstrip(" ")
    known = cache.get(raw, cache)
    if known is not cache:
        return known  # type: ignore[return-value]
    value: str | None
    if raw.startswith("'"):
        match = _SINGLE_QUOTED.fullmatch(raw)
        if match is None or not match.group(1).isprintable():
            raise _Unsure
        value = match.group(1).replace("''", "'")
    elif raw.startswith('"'):
        match = _DOUBLE_QUOTED.fullmatch(raw)
        if match is None or not match.group(1).isprintable():
            raise _Unsure
        value = match.group(1)
    else:
        value = raw.rstrip(" ")
        if not value:
            value = None
        elif not _plain_is_text(value):
            raise _Unsure
    if len(cache) > 20_000:
        cache.clear()
    cache[raw] = value
    return value


def _read_list(piece: str, cache: dict[str, str | None]) -> list[dict[str, Any]]:
    """Read a ``genes:`` style list of one-line ``key: value`` entries (or raise ``_Unsure``)."""
    head, _, body = piece.partition("\n")
    rest = head.partition(":")[2].strip(" ")
    if rest == "[]" and not body:
        return []
    if rest:
        raise _Unsure  # some other value on the key's own line: YAML reads it
    entries: list[dict[str, Any]] = []
    expected = 0
    for match in _LIST_LINE.finditer(body):
        if match.start() != expected:
            raise _Unsure
        expected = match.end() + 1
        lead, key, raw = match.groups()
        if key not in _PLAIN_KEYS and not _plain_is_text(key):
            raise _Unsure
        if lead == "- ":
            entries.append({})
        elif not entries:
            raise _Unsure
        entries[-1][key] = _scalar(raw, cache)
    if expected < len(body) or not entries:
        raise _Unsure
    return entries


def _too_deep(text: str) -> bool:
    """Whether nesting may pass the record layer's depth limit (it then checks the text)."""
    return text.count("[") + text.count("{") > _MAX_BRACKETS or _DEEP.search(text) is not None


def _one_line(raw: str) -> str | None:
    """The string a one-line value loads as (``None`` for an empty one), when plainly a string."""
    if raw.startswith("'"):
        match = _SINGLE_QUOTED.fullmatch(raw)
        if match is None or not match.group(1).isprintable():
            raise _Unsure
        return match.group(1).replace("''", "'")
    if raw.startswith('"'):
        match = _DOUBLE_QUOTED.fullmatch(raw)
        if match is None or not match.group(1).isprintable():
            raise _Unsure
        return match.group(1)
    value = raw.strip(" ")
    if value and not _plain_is_text(value):
        raise _Unsure
    return value or None


def _folded(first: str, more: list[str]) -> str:
    """Lines of a multi-line plain or quoted value, folded as YAML does (no blank lines)."""
    middle = [line.strip(" ") for line in more[:-1]]
    return " ".join([first.rstrip(" "), *middle, more[-1].lstrip(" ")])


def _value(head: str, more: list[str]) -> Any:
    """What a top-level field loads as, from the rest of its key line and the lines after it.

    Reads plain and single-quoted strings (on one line or folded over several), plain numbers,
    and lists of one-line strings; raises ``_Unsure`` for anything else.
    """
    if any(not line.strip(" ") for line in more):
        raise _Unsure  # blank lines: folding keeps line breaks there
    if not head:
        if not more:
            return None
        if all(line.startswith("- ") for line in more):
            return [_one_line(line[2:]) for line in more]
        raise _Unsure
    if not all(line.startswith(" ") for line in more):
        raise _Unsure
    if not more:
        if head.isascii() and head.isdigit() and head[0] != "0":
            return int(head)
        return _one_line(head)
    if head.startswith("'"):
        text = _folded(head[1:], more)
        if not text.endswith("'"):
            raise _Unsure
        text = text[:-1]
        if "'" in text.replace("''", "") or not text.isprintable():
            raise _Unsure
        return text.replace("''", "'")
    if head[0] in _INDICATORS or any(line.lstrip(" ")[0] in _INDICATORS for line in more):
        raise _Unsure
    text = _folded(head, more)
    if not _plain_is_text(text):
        raise _Unsure
    return text


def _read_fields(text: str, spans: list[tuple[int, int]]) -> dict[Any, Any]:
    """Read the top-level fields at ``spans`` (start and end offsets in ``text``) by ``_value``."""
    data: dict[Any, Any] = {}
    for start, end in spans:
        lines = text[start:end].split("\n")
        if lines[-1] == "":
            lines.pop()
        key, _, head = lines[0].partition(":")
        data[key] = _value(head.strip(" "), lines[1:])
    return data


def _risky(text: str) -> bool:
    """Whether a block that is only checked holds what a syntax check cannot vouch for.

    That is tags, anchors and aliases (loading could fail, or need the record layer's guard
    against alias bombs), merge keys, complex keys, ``=`` values, and deep nesting. Dates need
    no check: the record layer keeps even an impossible one (``2001-13-45``) as text. The
    patterns also match inside quoted text, which only costs that record a full read.
    """
    if _too_deep(text):
        return True
    if ("!" in text or "&" in text or "*" in text) and _NODE_PROPERTY.search(text):
        return True
    if "<<" in text or ("=" in text and _VALUE_KEY.search(text)):
        return True
    return ("?" in text or "[" in text or "{" in text) and _ODD_KEY.search(text) is not None


def _loadable(text: str) -> bool:
    """Whether text to be loaded is free of anchors and deep nesting (loading reports the rest)."""
    return not _too_deep(text) and ("&" not in text or _ANCHOR.search(text) is None)


def _each_valid(pieces: list[str]) -> bool:
    """Whether every piece is valid YAML on its own, checked in one pass of LibYAML's parser.

    Each piece becomes a document of one stream: a piece that ends inside a quoted string or a
    bracket runs into the next ``---`` line, which LibYAML rejects there.
    """
    if _CParser is None:
        return False
    stream = "".join(f"---\n{p}" if p.endswith("\n") else f"---\n{p}\n" for p in pieces)
    try:
        _CParser(stream).raw_parse()
    except Exception:
        return False
    return True


def _load(text: str) -> dict[Any, Any]:
    """Load top-level fields with the safe loader ``load_record`` uses."""
    try:
        data = yaml.load(text, Loader=yaml.CSafeLoader)
    except Exception:  # any failure: the full reader will say what is wrong
        raise _Unsure from None
    if not isinstance(data, dict):
        raise _Unsure
    return data


def front_matter_text(text: str) -> str | None:
    """The YAML between a leading ``---`` line and the line that closes it (``---`` or ``...``).

    ``None`` when the text does not start that way or the front matter is never closed.
    """
    if not text.startswith("---\n"):
        return None
    position = 3
    while True:
        found = [p for p in (text.find("\n---", position), text.find("\n...", position)) if p >= 0]
        if not found:
            return None
        closer = min(found)
        end = text.find("\n", closer + 4)
        if not text[closer + 4 : len(text) if end < 0 else end].strip():
            return text[4 : closer + 1]
        position = closer + 4


def _top_level_starts(yaml_text: str) -> list[int] | None:
    """Where each top-level key starts, or ``None`` when the layout is not plain keys."""
    starts = [0]
    for match in _TOP_LINE.finditer(yaml_text):
        if match.end() < len(yaml_text):
            starts.append(match.end())
    if not all(_TOP_KEY.match(yaml_text, start) for start in starts):
        return None
    return starts


def skim_front_matter(
    yaml_text: str, cache: dict[str, str | None] | None = None
) -> dict[Any, Any] | None:
    """The fields of ``yaml_text`` the index needs (``LOADED_FIELDS``, ``LIST_FIELDS``) or ``None``.

    ``None`` means the fast path is unsure and the record must be read in full. ``cache``
    remembers how repeated one-line list values read (pass the same dict across calls).
    """
    starts = _top_level_starts(yaml_text)
    if starts is None:
        return None
    cache = {} if cache is None else cache
    # Each top-level piece, and runs of neighbouring pieces of one kind: load, skip, or a list
    # field's own name.
    spans: list[tuple[int, int]] = []  # the pieces to load
    runs: list[tuple[str, int, int]] = []  # (kind, start, end)
    names: set[str] = set()
    for start, end in zip(starts, [*starts[1:], len(yaml_text)], strict=True):
        name = yaml_text[start : yaml_text.index(":", start)]
        names.add(name)
        kind = name if name in LIST_FIELDS else "load" if name in LOADED_FIELDS else "skip"
        if kind == "load":
            spans.append((start, end))
        if runs and kind in ("load", "skip") and runs[-1][0] == kind:
            runs[-1] = (kind, runs[-1][1], end)
        else:
            runs.append((kind, start, end))
    if "figid" not in names:
        return None
    try:
        data: dict[Any, Any] | None = _read_fields(yaml_text, spans)
    except _Unsure:
        data = None
    loaded = [yaml_text[start:end] for kind, start, end in runs if kind == "load"]
    skipped = [yaml_text[start:end] for kind, start, end in runs if kind == "skip"]
    # Every run is checked on its own (the loaded ones too, unless the field reader vouched for
    # them): so each top-level line really starts a key, and joining runs cannot change them.
    if _risky("\n" + "".join(skipped)) or not _each_valid(
        skipped if data is not None else loaded + skipped
    ):
        return None
    try:
        if data is None:
            if not _loadable("\n" + "".join(loaded)):
                return None
            data = _load("".join(loaded)) if loaded else {}
        for kind, start, end in runs:
            if kind in LIST_FIELDS:
                text = yaml_text[start:end]
                try:
                    data[kind] = _read_list(text, cache)
                except _Unsure:
                    if not (_loadable("\n" + text) and _each_valid([text])):
                        return None
                    data.update(_load(text))
    except _Unsure:
        return None
    return data
