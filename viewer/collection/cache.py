"""Where a collection's index lives: one SQLite file per set of roots, in the user's cache.

The folder is ``viewer.locations.cache_dir()`` (``PATHWAY_VIEWER_CACHE`` overrides it; else the
platform's cache folder) plus ``collections/``, or the folder the caller names. The file name
is a hash of the collection's sorted, resolved root paths, so opening the same folders again
finds the same index wherever it is opened from.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from viewer.locations import cache_dir as _app_cache_dir


def resolve_roots(paths: Iterable[str | Path]) -> tuple[Path, ...]:
    """The collection's roots: the given paths made absolute and resolved, sorted, unique."""
    return tuple(sorted({Path(p).expanduser().resolve() for p in paths}, key=str))


def collections_dir(cache_dir: str | Path | None = None) -> Path:
    """The folder that holds collection indexes: ``cache_dir`` if given, else the app cache's."""
    if cache_dir is not None:
        return Path(cache_dir)
    return _app_cache_dir(create=False) / "collections"


def database_name(roots: Iterable[Path]) -> str:
    """The index file name for resolved ``roots``: ``collection-<hash>.sqlite``."""
    joined = "\0".join(sorted(str(r) for r in roots))
    digest = hashlib.sha256(joined.encode("utf-8", "surrogateescape")).hexdigest()[:20]
    return f"collection-{digest}.sqlite"


def database_path(paths: Iterable[str | Path], cache_dir: str | Path | None = None) -> Path:
    """Where the index of the collection made of ``paths`` is kept."""
    return collections_dir(cache_dir) / database_name(resolve_roots(paths))
