"""A record's curation in the window: its undo stack, its sidecar, its recovery file.

A ``CurationSession`` holds the mechanism a curator edits for one open record. It starts from
the sidecar beside the record when that can be read (``viewer.mechanism.sidecar``), else from
the draft read from the caption, and remembers why (``problem``: a sidecar that cannot be
used, left untouched; ``stale``: the record changed since the curation was saved).

Every edit is a ``ChangeCommand`` on the session's ``QUndoStack``; the stack's clean state is
"saved". ``save`` writes the sidecar atomically, after asking when the file changed on disk
since it was read. While there are unsaved edits, the session writes them every
``AUTOSAVE_MS`` to a recovery file in the cache folder (same format); a later session for the
same record file offers it back (``pending_recovery``/``restore``). Saving, discarding or undoing
back to the saved state removes it.

Questions to the user go through an ``Ask`` callable taking a ``Question`` and returning one of
its ``choices``; the window answers them with a message box, tests with a stub.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from viewer import locations
from viewer.atomicfile import write_atomically
from viewer.mechanism.curated import stale
from viewer.mechanism.edits import Change, apply, copy_mechanism, diff, merged
from viewer.mechanism.model import Mechanism
from viewer.mechanism.sidecar import (
    Sidecar,
    SidecarError,
    dump_sidecar,
    parse_sidecar,
    sidecar_path,
)

AUTOSAVE_MS = 5000


@dataclass(frozen=True)
class Question:
    """A question for the user: ``choices`` are the answers offered, the first the default."""

    title: str
    text: str
    choices: tuple[str, ...]


Ask = Callable[[Question], str]

_BUTTONS = {
    "save": QMessageBox.StandardButton.Save,
    "discard": QMessageBox.StandardButton.Discard,
    "cancel": QMessageBox.StandardButton.Cancel,
    "overwrite": QMessageBox.StandardButton.Yes,
    "restore": QMessageBox.StandardButton.Yes,
}


def ask_with_message_box(parent: QWidget | None, question: Question) -> str:
    """Ask ``question`` in a modal message box (plain text); return the chosen answer."""
    box = QMessageBox(parent)
    box.setWindowTitle(question.title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(question.text)
    box.setIcon(QMessageBox.Icon.Question)
    buttons: dict[object, str] = {}
    for choice in question.choices:
        standard = _BUTTONS.get(choice)
        if standard is None or standard in buttons:
            continue
        button = box.addButton(standard)
        if choice in ("overwrite", "restore"):
            button.setText(choice.capitalize())
        buttons[standard] = choice
    box.setDefaultButton(next(iter(buttons)))  # type: ignore[arg-type]
    clicked = box.exec()
    return buttons.get(QMessageBox.StandardButton(clicked), question.choices[-1])


def _digest(path: Path) -> str | None:
    """The SHA-256 of the file's bytes; ``None`` when there is no file."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


def _readable_time(stamp: str | None) -> str | None:
    """An ISO time from a sidecar as the user's local date and time, or as it is."""
    if not stamp:
        return None
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return f"{moment:%Y-%m-%d %H:%M}"


def recovery_path(record_path: str | os.PathLike[str]) -> Path:
    """Where unsaved edits of the record at ``record_path`` are autosaved."""
    try:
        key = str(Path(record_path).resolve())
    except OSError:
        key = str(Path(record_path).absolute())
    name = hashlib.sha256(os.fsencode(key)).hexdigest()[:32]
    return locations.cache_dir() / "recovery" / f"{name}.mechanism.yaml"


class ChangeCommand(QUndoCommand):
    """One edit on the undo stack: redo applies the change, undo its inverse."""

    def __init__(self, session: CurationSession, change: Change) -> None:
        super().__init__(change.text)
        self.session = session
        self.change = change

    def redo(self) -> None:
        """Apply the edit."""
        self.session.apply(self.change)

    def undo(self) -> None:
        """Take the edit back."""
        self.session.apply(self.change.inverse())

    def id(self) -> int:
        """Changes with a merge key (nudges) may merge with the next one."""
        return 1 if self.change.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        """Fold the next nudge of the same boxes into this step."""
        if not isinstance(other, ChangeCommand) or other.change.merge_key != self.change.merge_key:
            return False
        self.change = merged(self.change, other.change)
        self.setText(self.change.text)
        if self.change.empty:
            self.setObsolete(True)  # nudged back to where they were: no step at all
        return True


class CurationSession(QObject):
    """The curated mechanism of one open record, with undo, saving and recovery.

    ``mechanism`` is edited in place (exports and the canvas read it); ``changed`` follows every
    edit, undo and redo; ``dirtyChanged`` says whether there are unsaved edits.
    """

    changed = Signal()
    dirtyChanged = Signal(bool)
    autosaved = Signal(str)  # the recovery file's path
    autosaveFailed = Signal(str)  # why

    def __init__(self, record_path: str | os.PathLike[str], draft: Mechanism, parent=None) -> None:
        super().__init__(parent)
        self.record_path = Path(record_path)
        self.sidecar_path = sidecar_path(self.record_path)
        self.recovery_path = recovery_path(self.record_path)
        self.draft = draft
        self.sidecar: Sidecar | None = None
        self.problem: str | None = None
        self.stale = False
        self._known_digest: str | None = None
        self.mechanism = self._load(draft)
        self.stack = QUndoStack(self)
        self.stack.cleanChanged.connect(self._on_clean_changed)
        self.stack.indexChanged.connect(self._on_index_changed)
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setSingleShot(True)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave)

    # -- loading ---------------------------------------------------------------------------

    def _load(self, draft: Mechanism) -> Mechanism:
        try:
            raw = self.sidecar_path.read_bytes()
        except FileNotFoundError:
            return copy_mechanism(draft)
        except OSError as exc:
            self.problem = f"{self.sidecar_path}: error: cannot be read: {exc.strerror or exc}"
            return copy_mechanism(draft)
        try:
            self.sidecar = parse_sidecar(raw, self.sidecar_path)
        except SidecarError as exc:
            self.problem = exc.located()
            return copy_mechanism(draft)
        self._known_digest = hashlib.sha256(raw).hexdigest()
        self.stale = stale(self.sidecar, str(self.record_path))
        return self.sidecar.mechanism

    @property
    def curated(self) -> bool:
        """Whether the mechanism came from a sidecar (rather than the caption's draft)."""
        return self.sidecar is not None

    def notice(self) -> str | None:
        """What the user should know about this curation, as one plain sentence, if anything."""
        if self.problem:
            return f"The saved curation cannot be read, so the draft is shown: {self.problem}"
        if self.stale:
            saved = _readable_time(self.sidecar.saved if self.sidecar else None)
            when = f" on {saved}" if saved else ""
            return f"The record changed since this curation was saved{when}: check it."
        return None

    # -- editing ---------------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        """Whether there are edits not saved to the sidecar."""
        return not self.stack.isClean()

    def push(self, change: Change) -> None:
        """Make an edit, undoably."""
        if not change.empty:
            self.stack.push(ChangeCommand(self, change))

    def apply(self, change: Change) -> None:
        """Apply a change to the mechanism (the undo stack calls this)."""
        apply(self.mechanism, change)
        self.changed.emit()

    def _on_clean_changed(self, clean: bool) -> None:
        if clean:
            self.autosave_timer.stop()
            self.remove_recovery()
        self.dirtyChanged.emit(not clean)

    def _on_index_changed(self, _index: int) -> None:
        if self.dirty and not self.autosave_timer.isActive():
            self.autosave_timer.start()

    # -- saving ----------------------------------------------------------------------------

    def changed_on_disk(self) -> bool:
        """Whether the sidecar is not what this session read or last wrote."""
        return _digest(self.sidecar_path) != self._known_digest

    def save(self, ask: Ask, author: str | None = None) -> bool:
        """Write the sidecar (asking first if it changed on disk); False when not saved.

        Raises ``OSError`` when the file cannot be written; the old one is then untouched.
        """
        if self.changed_on_disk():
            name = self.sidecar_path.name
            text = (
                f"{name} could not be read when this record was opened ({self.problem}). "
                "Replace it with this curation?"
                if self.problem
                else f"{name} changed on disk since it was opened (another window or program "
                "saved it). Overwrite it with this curation?"
            )
            if ask(Question("Curation changed on disk", text, ("overwrite", "cancel"))) != (
                "overwrite"
            ):
                return False
        text = dump_sidecar(self.mechanism, self.record_path, author=author)
        write_atomically(self.sidecar_path, text)
        self._known_digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        self.problem = None
        self.stale = False
        self.sidecar = parse_sidecar(text.encode("utf-8"), self.sidecar_path)
        self.stack.setClean()
        self.autosave_timer.stop()
        self.remove_recovery()
        return True

    def discard(self) -> None:
        """Forget the unsaved edits' recovery file (the user chose Discard)."""
        self.autosave_timer.stop()
        self.remove_recovery()

    # -- recovery --------------------------------------------------------------------------

    def autosave(self) -> None:
        """Write the unsaved edits to the recovery file (nothing when there are none)."""
        if not self.dirty:
            return
        try:
            self.recovery_path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(self.recovery_path, dump_sidecar(self.mechanism, self.record_path))
        except OSError as exc:
            self.autosaveFailed.emit(f"{self.recovery_path}: {exc.strerror or exc}")
            return
        self.autosaved.emit(str(self.recovery_path))

    def remove_recovery(self) -> None:
        """Delete the recovery file, if any."""
        with contextlib.suppress(FileNotFoundError):
            self.recovery_path.unlink()

    def pending_recovery(self) -> tuple[Sidecar, datetime] | None:
        """Unsaved edits a killed or crashed viewer left for this record, and when.

        A recovery file that says the same as the loaded mechanism is removed; one that
        cannot be read is left alone and ``None`` returned.
        """
        try:
            raw = self.recovery_path.read_bytes()
            when = datetime.fromtimestamp(self.recovery_path.stat().st_mtime)
        except OSError:
            return None
        try:
            recovered = parse_sidecar(raw, self.recovery_path)
        except SidecarError:
            return None
        if recovered.mechanism.snapshot() == self.mechanism.snapshot():
            self.remove_recovery()
            return None
        return recovered, when

    def restore(self, recovered: Sidecar) -> None:
        """Take the recovered edits back, as one undoable step."""
        self.push(diff(self.mechanism, recovered.mechanism, "Restore unsaved edits"))

    def close(self) -> None:
        """Stop autosaving (the record is closed); the recovery file stays unless discarded."""
        self.autosave_timer.stop()
