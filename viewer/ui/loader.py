"""Load records off the GUI thread: files and folders in, records and errors out as signals.

A ``RecordLoader`` runs each batch of paths on the global ``QThreadPool``; folders are searched
there too. Results arrive on the GUI thread through queued signals. ``cancel()`` stops the
batches in flight after the record being read.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from viewer.record.discover import iter_record_files
from viewer.record.model import FigureRecord
from viewer.record.prefetch import Prefetch


class _Signals(QObject):
    loaded = Signal(str, object)  # path, FigureRecord
    failed = Signal(str, str)  # path, located error message
    progress = Signal(int)  # records read so far in this batch
    done = Signal()


class _Batch(QRunnable):
    def __init__(
        self,
        paths: Sequence[Path],
        signals: _Signals,
        cancelled: threading.Event,
        prefetch: Prefetch | None = None,
    ):
        super().__init__()
        self.paths = list(paths)
        self.signals = signals
        self.cancelled = cancelled
        self.prefetch = prefetch

    def run(self) -> None:
        count = 0
        try:
            ready = self.prefetch.receive() if self.prefetch else {}
            for path in iter_record_files(self.paths):
                if self.cancelled.is_set():
                    break
                outcome = ready.get(str(path)) or _read(path)
                if isinstance(outcome, FigureRecord):
                    self.signals.loaded.emit(str(path), outcome)
                else:
                    self.signals.failed.emit(str(path), outcome)
                count += 1
                self.signals.progress.emit(count)
        finally:
            self.signals.done.emit()


def _read(path: Path) -> FigureRecord | str:
    """The record at ``path``, or the located message of why it cannot be read."""
    # Imported here, on the worker thread: the YAML parser is not needed for the first paint.
    from viewer.record.prefetch import read_outcomes

    return read_outcomes([str(path)])[str(path)]


class RecordLoader(QObject):
    """Reads records in the background and reports each one as it is read."""

    loaded = Signal(str, FigureRecord)
    failed = Signal(str, str)
    progress = Signal(int)
    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pending = 0
        self._cancelled = threading.Event()
        self._keep: list[_Signals] = []

    @property
    def busy(self) -> bool:
        """Whether a batch is still being read."""
        return self._pending > 0

    def load(self, paths: Sequence[str | Path], prefetch: Prefetch | None = None) -> None:
        """Start reading ``paths`` (files or folders) in the background.

        Files that ``prefetch`` (started for the command line's paths) has read are taken
        from it instead of being read again.
        """
        if not paths:
            return
        if not self.busy:
            self._cancelled = threading.Event()
        signals = _Signals()
        signals.loaded.connect(self.loaded)
        signals.failed.connect(self.failed)
        signals.progress.connect(self.progress)
        signals.done.connect(self._finish)  # a bound slot, so it runs on the GUI thread
        self._keep.append(signals)  # the bridge must outlive the runnable
        self._pending += 1
        QThreadPool.globalInstance().start(
            _Batch([Path(p) for p in paths], signals, self._cancelled, prefetch)
        )

    def cancel(self) -> None:
        """Stop reading after the current record of every batch."""
        self._cancelled.set()

    @Slot()
    def _finish(self) -> None:
        self._pending -= 1
        signals = self.sender()
        if signals in self._keep:
            self._keep.remove(signals)
        if self._pending == 0:
            self.idle.emit()


class _MechanismSignals(QObject):
    built = Signal(str, object)  # key, Mechanism or None


class _MechanismJob(QRunnable):
    def __init__(self, key: str, record: FigureRecord, signals: _MechanismSignals) -> None:
        super().__init__()
        self.key, self.record, self.signals = key, record, signals

    def run(self) -> None:
        # networkx and FamPlex load here, on the worker thread, the first time.
        from viewer.mechanism import build_mechanism

        try:
            mechanism = build_mechanism(self.record)
        except Exception:  # the record still shows; only the canvas stays empty
            mechanism = None
        # The window may have closed meanwhile, taking the receiver with it.
        with contextlib.suppress(RuntimeError):
            self.signals.built.emit(self.key, mechanism)


class MechanismBuilder(QObject):
    """Reads records' mechanisms in the background, one job per record."""

    built = Signal(str, object)  # key, Mechanism or None

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pending: set[str] = set()
        self._signals = _MechanismSignals()
        self._signals.built.connect(self._on_built)

    @property
    def busy(self) -> bool:
        """Whether a mechanism is still being read."""
        return bool(self.pending)

    def build(self, key: str, record: FigureRecord) -> None:
        """Start reading the mechanism of ``record`` unless it is already under way."""
        if key in self.pending:
            return
        self.pending.add(key)
        QThreadPool.globalInstance().start(_MechanismJob(key, record, self._signals))

    @Slot(str, object)
    def _on_built(self, key: str, mechanism: object) -> None:
        self.pending.discard(key)
        self.built.emit(key, mechanism)
