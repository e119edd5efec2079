"""The mechanism as a CX2 network (Cytoscape Exchange format 2), for NDEx and Cytoscape.

The aspects come in the order the CX2 specification gives: ``CXVersion``, ``metaData``,
``attributeDeclarations``, ``networkAttributes``, ``nodes``, ``edges``, ``visualProperties``,
``nodeBypasses`` (each node's box size from the canvas layout) and ``status``.

- Network attributes: ``name`` (the figure title), ``description`` (the caption), ``figid``,
  ``figid_alias``, ``pmcid``, ``organism``, ``year``, ``reference`` and ``source`` (the PFOCR
  page). ``name`` and ``description`` are the names NDEx and Cytoscape show as the title and
  the description.
- Nodes: ``name`` (the label), ``represents`` (``ncbigene:<id>`` for a gene), ``word`` and
  ``source`` (the OCR word and how PFOCR matched it; see ``common.origins``), ``kind``
  (gene, family or caption), ``members`` and ``member_ids`` for families and complexes,
  ``related`` and ``group``; ``x`` and ``y`` from the canvas layout.
- Edges: ``interaction`` (activation, inhibition, binding or association), ``evidence`` (the
  caption sentence), ``confidence`` and ``name`` (``A (activation) B``, Cytoscape's habit).
- The visual style draws activation with a triangle (Cytoscape's "delta") arrowhead,
  inhibition with a tee in red, binding as a plain line and association dashed, as the canvas
  does; caption-only names get a dashed border.

Plain ``json`` only: the ``ndex2`` client library reads these files in the tests but is not
needed to write them.
"""

from __future__ import annotations

import json
from typing import Any

from viewer import links
from viewer.export.common import checked_entrez, figure_alias, number, organisms, origins
from viewer.mechanism.model import Mechanism
from viewer.record.model import FigureRecord

CX_VERSION = "2.0"
NETWORK_ATTRIBUTE_TYPES = {
    "name": "string",
    "description": "string",
    "figid": "string",
    "figid_alias": "string",
    "pmcid": "string",
    "organism": "string",
    "year": "integer",
    "reference": "string",
    "source": "string",
}
NODE_ATTRIBUTE_TYPES = {
    "name": "string",
    "represents": "string",
    "word": "string",
    "source": "string",
    "kind": "string",
    "members": "list_of_string",
    "member_ids": "list_of_string",
    "related": "boolean",
    "group": "string",
}
EDGE_ATTRIBUTE_TYPES = {
    "name": "string",
    "interaction": "string",
    "evidence": "string",
    "confidence": "double",
}
ARROW_SHAPES = {
    "activation": "triangle",
    "inhibition": "tee",
    "binding": "none",
    "association": "none",
}
EDGE_COLOR = "#4A5561"
INHIBITION_COLOR = "#C0392B"
ASSOCIATION_COLOR = "#8A939C"


def _discrete(attribute: str, mapping: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "DISCRETE",
        "definition": {
            "attribute": attribute,
            "type": "string",
            "map": [{"v": value, "vp": shown} for value, shown in mapping.items()],
        },
    }


def visual_properties() -> dict[str, Any]:
    """The style: defaults, then mappings from node kind and relation type."""
    return {
        "default": {
            "network": {"NETWORK_BACKGROUND_COLOR": "#FFFFFF"},
            "node": {
                "NODE_SHAPE": "round-rectangle",
                "NODE_BACKGROUND_COLOR": "#EAF1F8",
                "NODE_BACKGROUND_OPACITY": 1.0,
                "NODE_BORDER_COLOR": "#3B6EA5",
                "NODE_BORDER_STYLE": "solid",
                "NODE_BORDER_WIDTH": 1.5,
                "NODE_WIDTH": 64.0,
                "NODE_HEIGHT": 34.0,
                "NODE_LABEL_COLOR": "#1D2733",
                "NODE_LABEL_FONT_SIZE": 12,
                "NODE_LABEL_MAX_WIDTH": 240.0,
            },
            "edge": {
                "EDGE_WIDTH": 1.5,
                "EDGE_LINE_COLOR": EDGE_COLOR,
                "EDGE_LINE_STYLE": "solid",
                "EDGE_SOURCE_ARROW_SHAPE": "none",
                "EDGE_TARGET_ARROW_SHAPE": "none",
                "EDGE_TARGET_ARROW_COLOR": EDGE_COLOR,
                "EDGE_TARGET_ARROW_SIZE": 8.0,
                "EDGE_CURVED": False,
            },
        },
        "nodeMapping": {
            "NODE_LABEL": {
                "type": "PASSTHROUGH",
                "definition": {"attribute": "name", "type": "string"},
            },
            "NODE_BORDER_STYLE": _discrete("kind", {"caption": "dashed"}),
            "NODE_BACKGROUND_COLOR": _discrete(
                "kind", {"gene": "#EAF1F8", "family": "#E3F1E6", "caption": "#FFFFFF"}
            ),
            "NODE_BORDER_COLOR": _discrete(
                "kind", {"gene": "#3B6EA5", "family": "#3C8D4F", "caption": "#8A939C"}
            ),
        },
        "edgeMapping": {
            "EDGE_TARGET_ARROW_SHAPE": _discrete("interaction", ARROW_SHAPES),
            "EDGE_LINE_COLOR": _discrete(
                "interaction",
                {"inhibition": INHIBITION_COLOR, "association": ASSOCIATION_COLOR},
            ),
            "EDGE_TARGET_ARROW_COLOR": _discrete(
                "interaction",
                {"inhibition": INHIBITION_COLOR, "association": ASSOCIATION_COLOR},
            ),
            "EDGE_LINE_STYLE": _discrete("interaction", {"association": "dashed"}),
        },
    }


def _network_attributes(record: FigureRecord) -> dict[str, Any]:
    species = organisms(record)
    values: dict[str, Any] = {
        "name": record.title,
        "description": record.caption,
        "figid": record.figid,
        "figid_alias": figure_alias(record),
        "pmcid": record.pmcid,
        "organism": "; ".join(species) if species else None,
        "year": record.year,
        "reference": record.reftext,
        "source": links.pfocr_figure(record.figid),
    }
    return {key: value for key, value in values.items() if value not in (None, "")}


def cx2_aspects(record: FigureRecord, mechanism: Mechanism) -> list[dict[str, Any]]:
    """The CX2 network as plain JSON-ready data: a list of aspects."""
    index = {node.id: number_ for number_, node in enumerate(mechanism.nodes)}
    found = origins(record, mechanism.nodes)
    nodes: list[dict[str, Any]] = []
    bypasses: list[dict[str, Any]] = []
    for node in mechanism.nodes:
        values: dict[str, Any] = {
            "name": node.label,
            "word": found[node.id].word,
            "source": found[node.id].source,
            "kind": node.kind,
            "related": node.related,
        }
        entrez = checked_entrez(node.members[0].entrez) if len(node.members) == 1 else None
        if node.kind == "gene" and entrez:
            values["represents"] = f"ncbigene:{entrez}"
        if node.kind != "gene" and node.members:
            values["members"] = [m.symbol for m in node.members]
            ids = [f"ncbigene:{e}" for e in (checked_entrez(m.entrez) for m in node.members) if e]
            if ids:
                values["member_ids"] = ids
        if node.group:
            values["group"] = node.group
        nodes.append({"id": index[node.id], "x": number(node.x), "y": number(node.y), "v": values})
        if node.width > 0 and node.height > 0:
            bypasses.append(
                {
                    "id": index[node.id],
                    "v": {"NODE_WIDTH": number(node.width), "NODE_HEIGHT": number(node.height)},
                }
            )
    edges: list[dict[str, Any]] = []
    for number_, edge in enumerate(mechanism.edges):
        source, target = mechanism.node(edge.source), mechanism.node(edge.target)
        edges.append(
            {
                "id": number_,
                "s": index[edge.source],
                "t": index[edge.target],
                "v": {
                    "name": f"{source.label} ({edge.type}) {target.label}",
                    "interaction": edge.type,
                    "evidence": edge.evidence,
                    "confidence": number(edge.confidence),
                },
            }
        )
    network = _network_attributes(record)
    used_node_keys = {key for node in nodes for key in node["v"]}
    used_edge_keys = {key for edge in edges for key in edge["v"]}
    declarations = {
        "networkAttributes": {
            key: {"d": kind} for key, kind in NETWORK_ATTRIBUTE_TYPES.items() if key in network
        },
        "nodes": {
            key: {"d": kind} for key, kind in NODE_ATTRIBUTE_TYPES.items() if key in used_node_keys
        },
        "edges": {
            key: {"d": kind} for key, kind in EDGE_ATTRIBUTE_TYPES.items() if key in used_edge_keys
        },
    }
    declarations = {aspect: keys for aspect, keys in declarations.items() if keys}
    body: list[tuple[str, list[Any]]] = [
        ("attributeDeclarations", [declarations]),
        ("networkAttributes", [network]),
        ("nodes", nodes),
        ("edges", edges),
        ("visualProperties", [visual_properties()]),
    ]
    if bypasses:
        body.append(("nodeBypasses", bypasses))
    meta = [{"name": name, "elementCount": len(items)} for name, items in body]
    return [
        {"CXVersion": CX_VERSION, "hasFragments": False},
        {"metaData": meta},
        *({name: items} for name, items in body),
        {"status": [{"error": "", "success": True}]},
    ]


def record_to_cx2(record: FigureRecord, mechanism: Mechanism) -> str:
    """Return the figure's mechanism as a CX2 document (JSON text, non-ASCII kept as is)."""
    return json.dumps(cx2_aspects(record, mechanism), ensure_ascii=False, allow_nan=False) + "\n"
