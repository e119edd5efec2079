"""Collections: folders of records indexed in SQLite, listed and searched (no Qt here).

``Collection(paths)`` opens the index of a set of folders and files (kept in the cache folder,
see ``database_path``), ``refresh()``/``iter_refresh()`` bring it up to date using every core,
and ``count``/``page``/``results``/``search`` read it with the search language of
``viewer.collection.query``.

Names are imported on first use, so that importing the package costs nothing until a
collection is opened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from viewer.collection.cache import database_path
    from viewer.collection.index import (
        SORTS,
        Collection,
        Hit,
        Problem,
        Progress,
        RefreshSummary,
        ResultSet,
        Row,
        default_workers,
    )
    from viewer.collection.query import QueryError, parse_query

__all__ = [
    "SORTS",
    "Collection",
    "Hit",
    "Problem",
    "Progress",
    "QueryError",
    "RefreshSummary",
    "ResultSet",
    "Row",
    "database_path",
    "default_workers",
    "parse_query",
]

_HOMES = {
    "database_path": "viewer.collection.cache",
    "QueryError": "viewer.collection.query",
    "parse_query": "viewer.collection.query",
}


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module 'viewer.collection' has no attribute {name!r}")
    import importlib

    module = importlib.import_module(_HOMES.get(name, "viewer.collection.index"))
    return getattr(module, name)
