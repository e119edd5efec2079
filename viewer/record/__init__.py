"""The record layer: pathway figure records read into typed, immutable values (no Qt here)."""

from viewer.record.errors import RecordError
from viewer.record.model import Annotation, FigureRecord, Gene, Mention
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
