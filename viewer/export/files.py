"""Write an export file whole or not at all (``viewer.atomicfile``), with a clear message.

A reader, a crash or a full disk sees the old file or the new one, never half of one. When
anything fails ``ExportError`` says which path and why.
"""

from __future__ import annotations

import os

from viewer.atomicfile import write_atomically


class ExportError(OSError):
    """An export could not be written; ``str()`` is ``PATH: error: cannot write: reason``."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        super().__init__(f"{os.fspath(path)}: error: cannot write: {reason}")
        self.path = os.fspath(path)
        self.reason = reason


def write_export(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Replace the file at ``path`` with ``data`` (text as UTF-8), atomically.

    Raises ``ExportError`` when it cannot; ``path`` is then left as it was.
    """
    try:
        write_atomically(path, data)
    except OSError as exc:
        raise ExportError(path, exc.strerror or str(exc)) from exc
