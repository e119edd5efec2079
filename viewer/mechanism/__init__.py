"""The proposed mechanism of a figure, read from its caption and genes (pure Python, no Qt).

``build_mechanism(record)`` returns a laid-out ``Mechanism``: entities found in the caption
(the record's genes, FamPlex families and complexes, other gene-like names), the relations the
caption states between them, and the record's other genes grouped apart.
"""

from viewer.mechanism.model import (
    RELATION_TYPES,
    Edge,
    Mechanism,
    Member,
    Node,
    NodeKind,
    RelationType,
)

__all__ = [
    "RELATION_TYPES",
    "Edge",
    "Mechanism",
    "Member",
    "Node",
    "NodeKind",
    "RelationType",
    "build_mechanism",
]


def build_mechanism(record):  # type: ignore[no-untyped-def]
    """Read the mechanism of ``record`` and lay it out (see ``viewer.mechanism.build``)."""
    from viewer.mechanism.build import build_mechanism as build

    return build(record)
