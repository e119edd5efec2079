"""The one exception the record layer raises for input it cannot read."""

from __future__ import annotations


class RecordError(Exception):
    """A record that cannot be loaded, with where and why in plain words.

    ``path`` names the file (or a label for in-memory bytes), ``line`` and ``column`` are
    1-based positions in that file when one applies, and ``message`` says what is wrong.
    """

    def __init__(
        self,
        message: str,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column

    def located(self, path: str | None = None) -> str:
        """Return the error as ``path:line: error: message`` (``path: error:`` without a line)."""
        where = path if path is not None else (self.path or "<record>")
        detail = self.message
        if self.column is not None and self.line is not None:
            detail = f"{detail} (column {self.column})"
        if self.line is not None:
            return f"{where}:{self.line}: error: {detail}"
        return f"{where}: error: {detail}"

    def __str__(self) -> str:
        return self.located()
