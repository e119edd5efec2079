"""The mechanism a figure proposes: entities (genes, families, caption-only names) and relations.

A ``Mechanism`` wraps a networkx ``DiGraph`` whose nodes carry a ``Node`` (attribute ``node``)
and whose edges carry an ``Edge`` (attribute ``edge``). Positions, once laid out, are node
centres in scene units (pixels at 100 %), with ``width``/``height`` the box a label needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import networkx as nx

NodeKind = Literal["gene", "family", "caption"]
RelationType = Literal["activation", "inhibition", "binding", "association"]
RELATION_TYPES: tuple[RelationType, ...] = ("activation", "inhibition", "binding", "association")


@dataclass(frozen=True, slots=True)
class Member:
    """A gene a node stands for: its symbol and, when the record lists it, its NCBI Gene id."""

    symbol: str
    entrez: str | None = None


@dataclass(frozen=True, slots=True)
class Node:
    """One entity of the mechanism.

    ``kind`` is ``gene`` (one gene of the record), ``family`` (a family or complex, such as
    NF-κB, standing for its ``members``) or ``caption`` (a gene-like name the caption uses but
    the record does not list, drawn dashed). ``related`` tells whether any relation touches it;
    unrelated nodes are the record's other genes, grouped under ``group`` ("also in the
    figure"). ``mentions`` are the caption's spellings of it.
    """

    id: str
    label: str
    kind: NodeKind
    members: tuple[Member, ...] = ()
    related: bool = False
    group: str | None = None
    mentions: tuple[str, ...] = ()
    x: float = 0.0
    y: float = 0.0
    width: float = 0.0
    height: float = 0.0

    def moved(self, x: float, y: float) -> Node:
        """A copy of the node at another position."""
        return replace(self, x=x, y=y)

    @property
    def entrez_ids(self) -> tuple[str, ...]:
        """The NCBI Gene ids of the members that have one."""
        return tuple(m.entrez for m in self.members if m.entrez)


@dataclass(frozen=True, slots=True)
class Edge:
    """A relation read from the caption: ``source`` acts on ``target`` (node ids)."""

    source: str
    target: str
    type: RelationType
    evidence: str
    confidence: float
    pattern: str = ""


def _new_graph() -> nx.DiGraph:
    # networkx takes ~0.2 s to import: only pay for it when a mechanism is built, which the
    # GUI does on a worker thread after the first paint.
    import networkx

    return networkx.DiGraph()


def _rank(edge: Edge) -> int:
    """How much a relation type says: an effect (activation, inhibition) says most."""
    return {"activation": 2, "inhibition": 2, "binding": 1}.get(edge.type, 0)


@dataclass
class Mechanism:
    """The proposed mechanism of one figure, as a directed graph."""

    figid: str
    graph: nx.DiGraph = field(default_factory=lambda: _new_graph())

    def add_node(self, node: Node) -> None:
        """Add or replace a node."""
        self.graph.add_node(node.id, node=node)

    def add_edge(self, edge: Edge) -> None:
        """Add a relation (one graph edge per ordered pair).

        A second relation between the same ends replaces the first when it says more (an
        effect over binding or association) or, saying as much, is more confident.
        """
        old = self.graph.edges.get((edge.source, edge.target))
        if old is None or (_rank(edge), edge.confidence) > (
            _rank(old["edge"]),
            old["edge"].confidence,
        ):
            self.graph.add_edge(edge.source, edge.target, edge=edge)

    def node(self, node_id: str) -> Node:
        """The node with id ``node_id``."""
        return self.graph.nodes[node_id]["node"]

    @property
    def nodes(self) -> list[Node]:
        """All nodes, in insertion order."""
        return [data["node"] for _, data in self.graph.nodes(data=True)]

    def snapshot(self) -> tuple[tuple[object, ...], ...]:
        """What the mechanism says, as comparable plain data (positions to 0.01 px).

        Two mechanisms with equal snapshots draw the same diagram: same nodes (ids, labels,
        kinds, members, positions) and the same relations (ends, types, evidence).
        """
        nodes = tuple(
            sorted(
                (n.id, n.label, n.kind, n.members, n.related, n.group, round(n.x, 2), round(n.y, 2))
                for n in self.nodes
            )
        )
        edges = tuple(
            sorted(
                (e.source, e.target, e.type, e.evidence, round(e.confidence, 4)) for e in self.edges
            )
        )
        return (self.figid, nodes, edges)

    @property
    def edges(self) -> list[Edge]:
        """All relations, in insertion order."""
        return [data["edge"] for _, _, data in self.graph.edges(data=True)]
