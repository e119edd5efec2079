"""The mechanism to use for a record: its curation when one is saved beside it, else the draft.

``mechanism_for(record)`` reads the sidecar (``viewer.mechanism.sidecar``) beside the record's
file. A usable sidecar wins over the draft read from the caption; a record changed since the
curation was saved is still curated, with a warning; a sidecar that cannot be used is left
alone, reported, and the draft is used instead. Exports from the command line go through here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from viewer.mechanism.model import Mechanism
from viewer.mechanism.sidecar import Sidecar, SidecarError, load_sidecar, record_digest

if TYPE_CHECKING:
    from viewer.record.model import FigureRecord

STALE = "the record changed since this curation was saved"


@dataclass(frozen=True)
class Chosen:
    """The mechanism chosen for a record, where it came from, and what the user should hear.

    ``sidecar`` is the curation used (``None`` for the draft); ``warnings`` are located
    messages (``path: warning: …``) for a stale or unusable sidecar.
    """

    mechanism: Mechanism
    sidecar: Sidecar | None = None
    warnings: list[str] = field(default_factory=list)


def stale(sidecar: Sidecar, record_path: str) -> bool:
    """Whether the record file changed since ``sidecar`` was saved (unreadable counts)."""
    try:
        return record_digest(record_path) != sidecar.record_sha256
    except OSError:
        return True


def mechanism_for(record: FigureRecord) -> Chosen:
    """The curated mechanism of ``record`` when its sidecar is usable, else the draft."""
    from viewer.mechanism import build_mechanism

    if record.path is None:
        return Chosen(build_mechanism(record))
    try:
        sidecar = load_sidecar(record.path)
    except SidecarError as exc:
        message = exc.located().replace(": error: ", ": warning: ", 1)
        return Chosen(build_mechanism(record), None, [f"{message}; the draft mechanism is used"])
    if sidecar is None:
        return Chosen(build_mechanism(record))
    warnings = [f"{sidecar.path}: warning: {STALE}"] if stale(sidecar, record.path) else []
    return Chosen(sidecar.mechanism, sidecar, warnings)
