"""Where a mechanism comes from, said in one line under the diagram's legend.

Light on purpose (no YAML, no networkx): the window imports it while it starts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from viewer.mechanism.sidecar import Sidecar
DRAFT_NOTE = "Inferred from the caption by text mining — check against the figure."


def provenance_note(sidecar: Sidecar | None, edited: bool = False) -> str:
    """The line under a diagram's legend that says where the mechanism comes from."""
    if edited:
        return "Edited by hand from the text-mined draft; not saved yet."
    if sidecar is None:
        return DRAFT_NOTE
    by = f" by {sidecar.author}" if sidecar.author else ""
    when = f" on {sidecar.saved[:10]}" if sidecar.saved else ""
    return f"Curated by hand{by}{when}, starting from a draft read from the caption."
