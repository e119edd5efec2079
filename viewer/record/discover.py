"""Find the record files among paths a user gives: files as they are, folders recursively."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

RECORD_SUFFIXES = frozenset({".md", ".markdown", ".txt", ".yaml", ".yml"})
_SIDECAR_SUFFIXES = (".mechanism.yaml",)


def looks_like_record(path: Path) -> bool:
    """Tell from its name or its first bytes whether a file in a folder may be a record."""
    name = path.name
    if name.startswith(".") or name.endswith(_SIDECAR_SUFFIXES):
        return False
    if path.suffix.lower() in RECORD_SUFFIXES:
        return True
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError:
        return False
    return head.removeprefix(b"\xef\xbb\xbf").startswith(b"---")


def iter_record_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Yield the given files, and the likely records inside given folders, in sorted order.

    Hidden files and folders are skipped, and so are the split layout's TSV side tables.
    """
    for given in paths:
        path = Path(given)
        if not path.is_dir():
            yield path
            continue
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                candidate = Path(root, name)
                if looks_like_record(candidate):
                    yield candidate
