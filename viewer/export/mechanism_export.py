"""The mechanism as plain data (for JSON) and as SIF (Cytoscape's simple interaction format)."""

from __future__ import annotations

from typing import Any

from viewer.mechanism.model import Mechanism


def mechanism_to_dict(mechanism: Mechanism) -> dict[str, Any]:
    """Nodes with kind, members and position; edges with type, evidence and confidence."""
    return {
        "nodes": [
            {
                "id": node.id,
                "label": node.label,
                "kind": node.kind,
                "members": [{"symbol": m.symbol, "entrez": m.entrez} for m in node.members],
                "related": node.related,
                "group": node.group,
                "x": node.x,
                "y": node.y,
            }
            for node in mechanism.nodes
        ],
        "edges": [
            {
                "source": edge.source,
                "target": edge.target,
                "type": edge.type,
                "evidence": edge.evidence,
                "confidence": edge.confidence,
            }
            for edge in mechanism.edges
        ],
    }


def _sif_name(label: str) -> str:
    """SIF separates fields by tabs and records by lines: keep a label on one field."""
    return " ".join(label.split()) or "?"


def mechanism_to_sif(mechanism: Mechanism) -> str:
    """One ``source<TAB>type<TAB>target`` line per relation, then nodes without relations."""
    lines = [
        f"{_sif_name(mechanism.node(e.source).label)}\t{e.type}\t"
        f"{_sif_name(mechanism.node(e.target).label)}"
        for e in mechanism.edges
    ]
    lines += [_sif_name(n.label) for n in mechanism.nodes if not n.related]
    return "\n".join(lines) + ("\n" if lines else "")
