"""Normalise the small values records spell in many ways: missing markers, ids, years."""

from __future__ import annotations

import datetime as _dt
from typing import Any

# Spellings of "no value" seen in PFOCR records: empty strings and R's missing-value markers.
MISSING_MARKERS = frozenset({"", "NA", "N/A", "NaN", "nan", ".na.character", ".na", "null"})


def is_missing(value: Any) -> bool:
    """Tell whether a raw value means "no value"."""
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip() in MISSING_MARKERS
    return isinstance(value, float) and value != value  # NaN


def clean_text(value: Any) -> str | None:
    """Return a scalar as stripped text, or ``None`` for missing values."""
    if type(value) is str:  # the common case, kept fast
        text = value.strip()
        return None if text in MISSING_MARKERS else text
    if is_missing(value):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float, _dt.date)):
        text = str(value).strip()
        return text or None
    raise TypeError(type(value).__name__)


def entrez_id(value: Any) -> str | None:
    """Return an NCBI Gene id as a digit string, or ``None`` when it is not one."""
    if isinstance(value, bool) or is_missing(value):
        return None
    if isinstance(value, int):
        return str(value) if value > 0 else None
    if isinstance(value, float) and value.is_integer() and value > 0:
        return str(int(value))
    text = str(value).strip()
    if text.isascii() and text.isdigit() and len(text) <= 12 and int(text) > 0:
        return str(int(text))
    return None
