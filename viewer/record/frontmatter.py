"""Find the YAML inside a record's bytes by looking at the content, never the file name.

A record is either Markdown/text with front matter between ``---`` lines (closed by ``---`` or
``...``), or a plain YAML mapping. A UTF-8 byte-order mark and CRLF line ends are accepted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from viewer.record.errors import RecordError

MAX_RECORD_BYTES = 5 * 1024 * 1024
_OPENERS = ("---",)
_CLOSERS = ("---", "...")
NO_RECORD = (
    "no record found: expected front matter between '---' lines, "
    "or a YAML mapping of 'field: value' lines"
)
# The first line of a bare YAML record looks like "field: value" (or "field:").
_MAPPING_LINE = re.compile(r"""^(?:[A-Za-z0-9_@$'"-][^:#]*|'[^']*'|"[^"]*"):(?:\s|$)""")


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """The YAML text of a record, the file line it starts on (1-based), and the body after it."""

    yaml_text: str
    first_line: int
    body: str


def too_large(size: int, path: str) -> RecordError:
    """The error for a file over the size limit."""
    return RecordError(
        f"the file is {size / 1048576:.1f} MiB; records larger than "
        f"{MAX_RECORD_BYTES // 1048576} MiB are refused",
        path,
    )


def decode(data: bytes, path: str) -> str:
    """Decode record bytes as UTF-8 text with LF line ends, or explain why they are not text."""
    if not data.strip():
        raise RecordError("the file is empty", path)
    if len(data) > MAX_RECORD_BYTES:
        raise too_large(len(data), path)
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise RecordError(
            "this is a binary file, not a text record (it contains NUL bytes)", path, line
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise RecordError(
            f"the text is not valid UTF-8 (byte 0x{data[exc.start]:02x}); "
            "save the record with UTF-8 encoding",
            path,
            line,
            column,
        ) from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def split_front_matter(text: str, path: str) -> FrontMatter:
    """Return the YAML part of a record's text.

    Leading blank lines are skipped. Front matter opened by ``---`` but never closed is read as
    a whole YAML document (``---`` is also YAML's own document marker).
    """
    start = 0
    first_line = 1
    while True:
        end = text.find("\n", start)
        line = text[start:] if end < 0 else text[start:end]
        if line.strip() or end < 0:
            break
        start = end + 1
        first_line += 1
    if line.rstrip() not in _OPENERS:
        if not _MAPPING_LINE.match(line):
            raise RecordError(NO_RECORD, path, first_line)
        return FrontMatter(text[start:], first_line, "")
    body_start = start if end < 0 else end + 1
    pos = body_start
    while pos < len(text):
        end = text.find("\n", pos)
        line = text[pos:] if end < 0 else text[pos:end]
        if line.rstrip() in _CLOSERS:
            after = len(text) if end < 0 else end + 1
            return FrontMatter(text[body_start:pos], first_line + 1, text[after:])
        if end < 0:
            break
        pos = end + 1
    return FrontMatter(text[start:], first_line, "")
