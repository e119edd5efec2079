"""Read the records named at start-up in a forked process while the parent loads Qt.

Start-up is bound by one core: importing Qt and building the window take most of it, and
importing the YAML parser and reading the first record would come on top. Where ``os.fork`` is
available, ``start_prefetch`` forks before Qt is imported (so the child holds no Qt threads or
state), and the child parses the given files and sends the results back through a pipe. The
parent collects them with ``Prefetch.receive`` on a worker thread once its window exists; a
blocking pipe read does not hold the GIL, so the second core does the parsing.

The pipe is private to the two processes and carries only what this module's child wrote, so
pickle is safe here. When there is no fork (Windows), the child dies, or anything else goes
wrong, ``receive`` leaves the paths out and the caller reads them the ordinary way.
"""

from __future__ import annotations

import contextlib
import os
import pickle
from collections.abc import Sequence
from pathlib import Path

from viewer.record.errors import RecordError
from viewer.record.model import FigureRecord

# Beyond a handful of files the ordinary loader is as good, and reports progress as it goes.
MAX_PREFETCH_FILES = 32

Outcome = FigureRecord | str  # the record, or the located error message


class Prefetch:
    """A forked reader of some record files, and the pipe its results arrive on."""

    def __init__(self, paths: tuple[str, ...], pid: int, read_fd: int) -> None:
        self.paths = paths
        self._pid = pid
        self._read_fd = read_fd
        self._outcomes: dict[str, Outcome] | None = None

    def receive(self) -> dict[str, Outcome]:
        """Wait for the child and return ``{path: record or error message}``.

        Paths missing from the result (the child failed) must be read by the caller.
        """
        if self._outcomes is None:
            self._outcomes = self._collect()
        return dict(self._outcomes)

    def _collect(self) -> dict[str, Outcome]:
        chunks: list[bytes] = []
        try:
            with os.fdopen(self._read_fd, "rb") as pipe:
                while chunk := pipe.read(1 << 16):
                    chunks.append(chunk)
        except OSError:
            chunks = []
        finally:
            _reap(self._pid)
        try:
            results = pickle.loads(b"".join(chunks))
        except Exception:  # the child died mid-way: nothing usable arrived
            return {}
        if not isinstance(results, dict):
            return {}
        return {
            path: outcome
            for path, outcome in results.items()
            if path in self.paths and isinstance(outcome, (FigureRecord, str))
        }


def _reap(pid: int) -> None:
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)


def read_outcomes(paths: Sequence[str]) -> dict[str, Outcome]:
    """Read each file into a record, or into the located message of why it cannot be read."""
    from viewer.record.parse import load_record

    outcomes: dict[str, Outcome] = {}
    for path in paths:
        try:
            outcomes[path] = load_record(path)
        except RecordError as exc:
            outcomes[path] = exc.located(path)
        except Exception as exc:  # a bug must not lose the other files; report it per file
            outcomes[path] = f"{path}: error: unexpected {type(exc).__name__}: {exc}"
    return outcomes


def start_prefetch(paths: Sequence[str | Path]) -> Prefetch | None:
    """Fork a child that reads the plain files among ``paths``; ``None`` when it cannot.

    Call it before importing Qt: forking a process that runs Qt threads is unsafe.
    """
    files = tuple(str(p) for p in paths if Path(p).is_file())
    if not files or len(files) > MAX_PREFETCH_FILES or not hasattr(os, "fork"):
        return None
    read_fd, write_fd = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_fd)
        os.close(write_fd)
        return None
    if pid == 0:  # the child: read, send, and leave without running the parent's exit hooks
        status = 1
        try:
            os.close(read_fd)
            payload = pickle.dumps(read_outcomes(files), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_fd, "wb") as pipe:
                pipe.write(payload)
            status = 0
        finally:
            os._exit(status)
    os.close(write_fd)
    return Prefetch(files, pid, read_fd)
