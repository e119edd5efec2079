"""The mechanism as GraphML, written by networkx (Cytoscape, yEd, Gephi and networkx read it).

Every attribute is a plain scalar (text, number or truth value), since GraphML has no lists:
a family's members are joined with commas. Empty values are left out rather than written
as empty text, so that a reader gets back exactly what was written
(tests/export/test_graphml.py reads every corpus record back with networkx and compares).

- Graph: ``name`` (figure title), ``figid``, ``figid_alias``, ``pmcid``, ``caption``,
  ``organism``, ``year``, ``source`` (the PFOCR page).
- Nodes (ids are the mechanism's node ids): ``label``, ``kind``, ``entrez`` and ``symbols``
  (the members, comma-separated), ``represents`` (``ncbigene:<id>`` for a gene), ``word``,
  ``source``, ``related``, ``group``, and the layout's ``x``, ``y``, ``width``, ``height``.
- Edges: ``interaction`` (the relation type), ``evidence``, ``confidence``.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from viewer import links
from viewer.export.common import (
    checked_entrez,
    figure_alias,
    number,
    organisms,
    origins,
    xml_text,
)
from viewer.mechanism.model import Mechanism
from viewer.record.model import FigureRecord

if TYPE_CHECKING:
    import networkx as nx


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    """Drop empty values and make text safe for XML."""
    kept: dict[str, Any] = {}
    for key, value in values.items():
        if value is None or value == "":
            continue
        kept[key] = xml_text(value) if isinstance(value, str) else value
    return kept


def record_to_networkx(record: FigureRecord, mechanism: Mechanism) -> nx.DiGraph:
    """A networkx ``DiGraph`` of the mechanism whose attributes are all plain scalars."""
    import networkx

    species = organisms(record)
    graph = networkx.DiGraph()
    graph.graph.update(
        _clean(
            {
                "name": record.title,
                "figid": record.figid,
                "figid_alias": figure_alias(record),
                "pmcid": record.pmcid,
                "caption": record.caption,
                "organism": "; ".join(species),
                "year": record.year,
                "source": links.pfocr_figure(record.figid),
            }
        )
    )
    found = origins(record, mechanism.nodes)
    for node in mechanism.nodes:
        entrez = [e for e in (checked_entrez(m.entrez) for m in node.members) if e]
        represents = f"ncbigene:{entrez[0]}" if node.kind == "gene" and len(entrez) == 1 else None
        graph.add_node(
            xml_text(node.id),
            **_clean(
                {
                    "label": node.label,
                    "kind": node.kind,
                    "represents": represents,
                    "entrez": ",".join(entrez),
                    "symbols": ",".join(m.symbol for m in node.members),
                    "word": found[node.id].word,
                    "source": found[node.id].source,
                    "related": bool(node.related),
                    "group": node.group,
                    "x": number(node.x),
                    "y": number(node.y),
                    "width": number(node.width),
                    "height": number(node.height),
                }
            ),
        )
    for edge in mechanism.edges:
        graph.add_edge(
            xml_text(edge.source),
            xml_text(edge.target),
            **_clean(
                {
                    "interaction": edge.type,
                    "evidence": edge.evidence,
                    "confidence": number(edge.confidence),
                }
            ),
        )
    return graph


def record_to_graphml(record: FigureRecord, mechanism: Mechanism) -> str:
    """Return the mechanism as a GraphML document (UTF-8 text)."""
    import networkx

    buffer = io.BytesIO()
    # The standard library's XML writer, whether or not lxml is installed.
    networkx.write_graphml_xml(record_to_networkx(record, mechanism), buffer, encoding="utf-8")
    return buffer.getvalue().decode("utf-8").rstrip("\n") + "\n"
