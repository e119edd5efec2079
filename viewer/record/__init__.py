"""The record layer: pathway figure records read into typed, immutable values (no Qt here).

``load_record`` and ``parse_record`` are imported on first use, so that code needing only the
value types (the GUI at start-up) does not pay for importing the YAML parser.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from viewer.record.errors import RecordError
from viewer.record.model import Annotation, FigureRecord, Gene, Mention

if TYPE_CHECKING:
    from viewer.record.parse import load_record, parse_record

__all__ = [
    "Annotation",
    "FigureRecord",
    "Gene",
    "Mention",
    "RecordError",
    "load_record",
    "parse_record",
]


def __getattr__(name: str) -> Any:
    if name in ("load_record", "parse_record"):
        from viewer.record import parse

        return getattr(parse, name)
    raise AttributeError(f"module 'viewer.record' has no attribute {name!r}")
