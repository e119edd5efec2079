"""A curator's edits to a mechanism, as invertible changes (pure Python, no Qt).

Every edit is a ``Change``: for each node and each relation it touches, the value before and
the value after (``None`` for absent). ``apply`` makes a mechanism say what ``after`` says;
``change.inverse()`` undoes it. The builders below (``move_nodes``, ``add_relation``,
``set_relation_type``, ``reverse_relation``, ``remove_relation``, ``add_node``,
``remove_nodes``, ``relabel``) check the edit against the mechanism and raise ``EditError``
with a message for the user when it cannot be made. ``diff`` gives the change from one
mechanism to another (a restored recovery file, for one).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from viewer.mechanism.layout import node_size
from viewer.mechanism.model import RELATION_TYPES, Edge, Mechanism, Member, Node, RelationType

EdgeKey = tuple[str, str]
CURATED = "curated"


class EditError(ValueError):
    """An edit that cannot be made; the message says why, for the user."""


@dataclass(frozen=True)
class Change:
    """What one edit does: ``(id, before, after)`` per node, ``(ends, before, after)`` per edge.

    ``text`` names the edit for the undo history ("Move IL6", "Delete STAT3 → IL6");
    consecutive changes with the same ``merge_key`` (nudges of the same boxes) may be merged
    into one undo step with ``merged``.
    """

    text: str
    nodes: tuple[tuple[str, Node | None, Node | None], ...] = ()
    edges: tuple[tuple[EdgeKey, Edge | None, Edge | None], ...] = ()
    merge_key: str | None = None

    def inverse(self) -> Change:
        """The change that undoes this one."""
        return Change(
            self.text,
            tuple((key, after, before) for key, before, after in self.nodes),
            tuple((key, after, before) for key, before, after in self.edges),
            self.merge_key,
        )

    @property
    def empty(self) -> bool:
        """Whether the change changes nothing."""
        return all(b == a for _, b, a in self.nodes) and all(b == a for _, b, a in self.edges)


def merged(first: Change, second: Change) -> Change:
    """One change doing ``first`` then ``second`` (which must follow it directly)."""
    nodes: dict[str, list[Node | None]] = {}
    for key, before, after in (*first.nodes, *second.nodes):
        nodes.setdefault(key, [before, after])[1] = after
    edges: dict[EdgeKey, list[Edge | None]] = {}
    for key, before, after in (*first.edges, *second.edges):
        edges.setdefault(key, [before, after])[1] = after
    return Change(
        second.text,
        tuple((key, b, a) for key, (b, a) in nodes.items()),
        tuple((key, b, a) for key, (b, a) in edges.items()),
        second.merge_key,
    )


def apply(mechanism: Mechanism, change: Change) -> None:
    """Make ``mechanism`` hold what ``change`` says after it (relations first out, last in)."""
    graph = mechanism.graph
    for (source, target), _, after in change.edges:
        if after is None and graph.has_edge(source, target):
            graph.remove_edge(source, target)
    for node_id, _, after in change.nodes:
        if after is None and graph.has_node(node_id):
            graph.remove_node(node_id)
    for node_id, _, after in change.nodes:
        if after is not None:
            graph.add_node(node_id, node=after)
    for (source, target), _, after in change.edges:
        if after is not None:
            graph.add_edge(source, target, edge=after)


def copy_mechanism(mechanism: Mechanism) -> Mechanism:
    """An independent copy: edits to one never show in the other."""
    copy = Mechanism(mechanism.figid)
    for node in mechanism.nodes:
        copy.graph.add_node(node.id, node=node)
    for edge in mechanism.edges:
        copy.graph.add_edge(edge.source, edge.target, edge=edge)
    return copy


def diff(before: Mechanism, after: Mechanism, text: str = "Restore edits") -> Change:
    """The change that turns ``before`` into ``after``."""
    old_nodes = {n.id: n for n in before.nodes}
    new_nodes = {n.id: n for n in after.nodes}
    old_edges = {(e.source, e.target): e for e in before.edges}
    new_edges = {(e.source, e.target): e for e in after.edges}
    nodes = tuple(
        (node_id, old_nodes.get(node_id), new_nodes.get(node_id))
        for node_id in [*old_nodes, *(i for i in new_nodes if i not in old_nodes)]
        if old_nodes.get(node_id) != new_nodes.get(node_id)
    )
    edges = tuple(
        (key, old_edges.get(key), new_edges.get(key))
        for key in [*old_edges, *(k for k in new_edges if k not in old_edges)]
        if old_edges.get(key) != new_edges.get(key)
    )
    return Change(text, nodes, edges)


# -- the edits -------------------------------------------------------------------------------


def _node(mechanism: Mechanism, node_id: str) -> Node:
    if not mechanism.graph.has_node(node_id) or "node" not in mechanism.graph.nodes[node_id]:
        raise EditError(f"there is no node {node_id!r}")
    return mechanism.node(node_id)


def _edge(mechanism: Mechanism, source: str, target: str) -> Edge:
    data = mechanism.graph.edges.get((source, target))
    if data is None:
        raise EditError(f"there is no relation from {source!r} to {target!r}")
    return data["edge"]


def _arrow(mechanism: Mechanism, source: str, target: str) -> str:
    return f"{_node(mechanism, source).label} → {_node(mechanism, target).label}"


def move_nodes(
    mechanism: Mechanism,
    positions: dict[str, tuple[float, float]],
    merge_key: str | None = None,
) -> Change:
    """Move nodes to new centres (scene pixels); ``merge_key`` lets nudges merge."""
    nodes = []
    for node_id, (x, y) in positions.items():
        node = _node(mechanism, node_id)
        if (node.x, node.y) != (x, y):
            nodes.append((node_id, node, node.moved(x, y)))
    text = f"Move {nodes[0][1].label}" if len(nodes) == 1 else f"Move {len(nodes)} nodes"
    return Change(text, tuple(nodes), (), merge_key)


def _related(mechanism: Mechanism, node: Node, partner: Node) -> Node:
    """The node as one a relation touches, out of the "also in the figure" block.

    It moves beside ``partner`` (the relation's other end), to the first side where no box of
    the diagram is in the way.
    """
    if node.related:
        return node
    boxes = [_box(n.x, n.y, n) for n in mechanism.nodes if n.related]
    width, height = _size(node)
    partner_width, partner_height = _size(partner)
    step_x = partner_width / 2 + width / 2 + 40
    step_y = partner_height / 2 + height / 2 + 40
    spot = (partner.x + step_x, partner.y)
    for dx, dy in ((1, 0), (0, 1), (-1, 0), (0, -1), (1, 1), (-1, 1), (1, -1), (-1, -1)):
        x, y = partner.x + dx * step_x, partner.y + dy * step_y
        if not any(_overlap(_box(x, y, node), box) for box in boxes):
            spot = (x, y)
            break
    return replace(node, related=True, group=None, x=spot[0], y=spot[1])


def _size(node: Node) -> tuple[float, float]:
    width, height = node_size(node)
    return node.width or width, node.height or height


def _box(x: float, y: float, node: Node) -> tuple[float, float, float, float]:
    width, height = _size(node)
    return (x - width / 2, y - height / 2, x + width / 2, y + height / 2)


def _overlap(a: tuple[float, ...], b: tuple[float, ...], gap: float = 12.0) -> bool:
    return a[0] < b[2] + gap and b[0] < a[2] + gap and a[1] < b[3] + gap and b[1] < a[3] + gap


def add_relation(
    mechanism: Mechanism, source: str, target: str, relation: RelationType = "activation"
) -> Change:
    """Draw a new relation from ``source`` to ``target``."""
    if relation not in RELATION_TYPES:
        raise EditError(f"{relation!r} is not a relation type")
    start, end = _node(mechanism, source), _node(mechanism, target)
    if source == target:
        raise EditError(f"a relation needs two nodes; {start.label} was dropped on itself")
    if mechanism.graph.has_edge(source, target):
        raise EditError(f"{start.label} → {end.label} is already drawn")
    edge = Edge(source, target, relation, "", 1.0, CURATED)
    nodes = tuple(
        (node.id, node, _related(mechanism, node, other))
        for node, other in ((start, end), (end, start))
        if not node.related
    )
    return Change(f"Add {start.label} → {end.label}", nodes, (((source, target), None, edge),))


def set_relation_type(
    mechanism: Mechanism, source: str, target: str, relation: RelationType
) -> Change:
    """Make the relation from ``source`` to ``target`` another type (activation, inhibition, …)."""
    if relation not in RELATION_TYPES:
        raise EditError(f"{relation!r} is not a relation type")
    edge = _edge(mechanism, source, target)
    text = f"Make {_arrow(mechanism, source, target)} {relation}"
    if edge.type == relation:
        return Change(text)
    return Change(text, (), (((source, target), edge, replace(edge, type=relation)),))


def reverse_relation(mechanism: Mechanism, source: str, target: str) -> Change:
    """Turn the relation around: ``target`` acts on ``source``."""
    edge = _edge(mechanism, source, target)
    text = f"Reverse {_arrow(mechanism, source, target)}"
    if mechanism.graph.has_edge(target, source):
        raise EditError(f"{_arrow(mechanism, target, source)} is already drawn")
    flipped = replace(edge, source=target, target=source)
    return Change(text, (), (((source, target), edge, None), ((target, source), None, flipped)))


def remove_relation(mechanism: Mechanism, source: str, target: str) -> Change:
    """Delete the relation from ``source`` to ``target``."""
    edge = _edge(mechanism, source, target)
    return Change(
        f"Delete {_arrow(mechanism, source, target)}", (), (((source, target), edge, None),)
    )


def new_node_id(mechanism: Mechanism, base: str) -> str:
    """An id not used in ``mechanism``, made from ``base``."""
    stem = "".join(c if c.isalnum() or c in "-_." else "-" for c in base).strip("-") or "node"
    candidate, number = stem, 1
    while mechanism.graph.has_node(candidate):
        number += 1
        candidate = f"{stem}-{number}"
    return candidate


def gene_node(mechanism: Mechanism, member: Member, x: float, y: float) -> Node:
    """A new node for a gene of the record, at centre ``(x, y)``."""
    node = Node(
        id=new_node_id(mechanism, f"gene-{member.entrez or member.symbol}"),
        label=member.symbol,
        kind="gene",
        members=(member,),
        related=True,
        x=x,
        y=y,
    )
    return _sized(node)


def named_node(mechanism: Mechanism, label: str, x: float, y: float) -> Node:
    """A new node for an entity the record does not list (drawn as a caption name)."""
    label = " ".join(label.split())
    if not label:
        raise EditError("a node needs a name")
    node = Node(
        id=new_node_id(mechanism, f"entity-{label.lower()}"),
        label=label,
        kind="caption",
        related=True,
        x=x,
        y=y,
    )
    return _sized(node)


def _sized(node: Node) -> Node:
    width, height = node_size(node)
    return replace(node, width=width, height=height)


def add_node(mechanism: Mechanism, node: Node) -> Change:
    """Put a new node on the canvas."""
    if mechanism.graph.has_node(node.id):
        raise EditError(f"there is already a node {node.id!r}")
    return Change(f"Add {node.label}", ((node.id, None, node),))


def remove_nodes(mechanism: Mechanism, node_ids: list[str]) -> Change:
    """Delete nodes and every relation that touches them."""
    nodes = [_node(mechanism, node_id) for node_id in dict.fromkeys(node_ids)]
    if not nodes:
        raise EditError("no node is selected")
    gone = {node.id for node in nodes}
    edges = tuple(
        ((e.source, e.target), e, None)
        for e in mechanism.edges
        if e.source in gone or e.target in gone
    )
    text = f"Delete {nodes[0].label}" if len(nodes) == 1 else f"Delete {len(nodes)} nodes"
    return Change(text, tuple((node.id, node, None) for node in nodes), edges)


def relabel(mechanism: Mechanism, node_id: str, label: str) -> Change:
    """Give a node another label (its members, and so its gene ids, stay)."""
    node = _node(mechanism, node_id)
    label = " ".join(label.split())
    if not label:
        raise EditError("a label cannot be empty")
    renamed = _sized(replace(node, label=label))
    text = f"Rename {node.label} to {label}"
    if renamed == node:
        return Change(text)
    return Change(text, ((node_id, node, renamed),))
