"""The record as one JSON object: every field, unknown ones included, and its checked links."""

from __future__ import annotations

import base64
import datetime as _dt
import json
from collections.abc import Mapping
from typing import Any

from viewer import links
from viewer.export.mechanism_export import mechanism_to_dict
from viewer.mechanism.model import Mechanism
from viewer.record.model import FigureRecord

_LINK_KEYS = ("pmc_article", "pmc_figure", "image", "ndex", "wikipathways", "pfocr")


def _plain(value: Any) -> Any:
    """Make YAML values that JSON has no type for (read-only maps, dates, sets, bytes) plain."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((_plain(v) for v in value), key=str)
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, float) and value != value:
        return None
    return value


def record_to_dict(record: FigureRecord, mechanism: Mechanism | None = None) -> dict[str, Any]:
    """Return the record as plain JSON-ready data, keys in the documented order.

    With ``mechanism``, a ``mechanism`` key holds its nodes and edges.
    """
    all_links = links.record_links(record)
    data = {
        "figid": record.figid,
        "figtitle": record.figtitle,
        "caption": record.caption,
        "number": record.number,
        "figtype": record.figtype,
        "pmcid": record.pmcid,
        "papertitle": record.papertitle,
        "reftext": record.reftext,
        "year": record.year,
        "filename": record.filename,
        "figlink": record.figlink,
        "organisms": list(record.organisms),
        "genes": [
            {
                "word": g.word,
                "symbol": g.symbol,
                "source": g.source,
                "hgnc_symbol": g.hgnc_symbol,
                "entrez": g.entrez,
                "organism": g.organism,
                "taxon": g.taxon,
                "url": links.gene_url(g),
            }
            for g in record.genes
        ],
        "chemicals": [_mention(m) for m in record.chemicals],
        "diseases": [_mention(m) for m in record.diseases],
        "annotations": [{"type": a.type, "value": a.value} for a in record.annotations],
        "ndex": record.ndex,
        "wpid": record.wpid,
        "extra": _plain(record.extra),
        "warnings": list(record.warnings),
        "links": {key: all_links[key] for key in _LINK_KEYS},
    }
    if mechanism is not None:
        data["mechanism"] = mechanism_to_dict(mechanism)
    return data


def _mention(item: Any) -> dict[str, Any]:
    return {
        "word": item.word,
        "source": item.source,
        "identifier": item.identifier,
        "name": item.name,
        "other_ids": list(item.other_ids),
        "url": links.mention(item),
    }


def record_to_json(
    record: FigureRecord, mechanism: Mechanism | None = None, indent: int | None = 2
) -> str:
    """Return the record as a JSON document (UTF-8 text, non-ASCII kept as is)."""
    return json.dumps(record_to_dict(record, mechanism), ensure_ascii=False, indent=indent)
