"""Locate the data shipped with the viewer (seed records, icons) in a wheel or a checkout.

In an installed wheel the ``seeds/`` and ``resources/`` folders sit inside the ``viewer``
package; in a source checkout (or an editable install) they sit beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

SEED_RECORD = "PMC1584297__neo0809_0733_fig009.md"


def data_dir(name: str) -> Path:
    """Return the shipped folder ``name`` (``seeds`` or ``resources``)."""
    here = Path(__file__).resolve().parent
    packaged = here / name
    return packaged if packaged.is_dir() else here.parent / name


def seed_record() -> Path:
    """Return the path of the bundled seed record the viewer opens by default."""
    return data_dir("seeds") / SEED_RECORD


def paths_to_open(files: Sequence[str | Path]) -> list[Path]:
    """The paths the viewer opens at start: ``files``, or the seed record when none."""
    return [Path(f) for f in files] or [seed_record()]
