"""Lay out a mechanism: layers in the direction of the signal, the rest in a block below.

Related nodes are placed left to right by longest path from the sources (cycles broken by
reversing back edges found in a depth-first search), ordered within layers by the barycentre
of their neighbours to reduce crossings, with ties broken by label so the same record always
gives the same picture. An edge that skips layers holds a place in each layer it passes, so
that no box sits on its line. Nodes the caption does not relate fill a grid below, by group.
"""

from __future__ import annotations

import math
from collections import defaultdict

from viewer.mechanism.model import Mechanism, Node

CHAR_WIDTH = 7.4
NODE_HEIGHT = 34.0
MIN_NODE_WIDTH = 64.0
NODE_PADDING = 26.0
V_GAP = 22.0
LAYER_GAP = 70.0
MAX_LAYER_GAP = 360.0
BLOCK_GAP = 70.0
GRID_GAP = 14.0
GRID_WIDTH = 760.0
PASSAGE_HEIGHT = 14.0  # the room a layer-skipping edge holds in a layer it passes


def node_size(node: Node) -> tuple[float, float]:
    """The box a node's label needs (a family's member-count badge included)."""
    badge = 22.0 if node.kind == "family" else 0.0
    width = max(MIN_NODE_WIDTH, len(node.label) * CHAR_WIDTH + NODE_PADDING + badge)
    return width, NODE_HEIGHT


def _acyclic_edges(nodes: list[str], edges: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The edges with back edges reversed, so layering can follow the signal."""
    out: dict[str, list[str]] = defaultdict(list)
    for a, b in edges:
        out[a].append(b)
    state: dict[str, int] = {}
    back: set[tuple[str, str]] = set()
    for root in nodes:
        if root in state:
            continue
        stack = [(root, iter(out[root]))]
        state[root] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
            elif state.get(child) == 1:
                back.add((node, child))
            elif child not in state:
                state[child] = 1
                stack.append((child, iter(out[child])))
    return [(b, a) if (a, b) in back else (a, b) for a, b in edges if a != b]


def _layers(nodes: list[str], edges: list[tuple[str, str]]) -> dict[str, int]:
    incoming: dict[str, list[str]] = defaultdict(list)
    outgoing: dict[str, list[str]] = defaultdict(list)
    for a, b in edges:
        incoming[b].append(a)
        outgoing[a].append(b)
    layer: dict[str, int] = {}
    pending = {n: len(incoming[n]) for n in nodes}
    ready = [n for n in nodes if pending[n] == 0]
    while ready:
        node = ready.pop(0)
        layer[node] = max((layer[p] + 1 for p in incoming[node]), default=0)
        for child in outgoing[node]:
            pending[child] -= 1
            if pending[child] == 0:
                ready.append(child)
    # Pull sources down next to what they act on: "IκB ⊣ NF-κB" sits beside NF-κB's layer.
    for node in nodes:
        if not incoming[node] and outgoing[node]:
            layer[node] = max(layer[node], min(layer[c] for c in outgoing[node]) - 1)
    return layer


def _order(layers: dict[int, list[str]], edges: list[tuple[str, str]], labels: dict[str, str]):
    neighbours: dict[str, list[str]] = defaultdict(list)
    for a, b in edges:
        neighbours[a].append(b)
        neighbours[b].append(a)
    for members in layers.values():
        members.sort(key=lambda n: labels[n].lower())
    position = {n: i for members in layers.values() for i, n in enumerate(members)}
    for sweep in range(6):
        keys = sorted(layers) if sweep % 2 == 0 else sorted(layers, reverse=True)
        for key in keys:
            members = layers[key]

            def centre(n: str) -> tuple[float, str]:
                near = [position[m] for m in neighbours[n] if m in position]
                return (sum(near) / len(near) if near else position[n], labels[n].lower())

            members.sort(key=centre)
            for i, n in enumerate(members):
                position[n] = i
    return layers


def layout(mechanism: Mechanism) -> None:
    """Give every node of ``mechanism`` a position and a size (in place)."""
    labels = {n.id: n.label for n in mechanism.nodes}
    sizes = {n.id: node_size(n) for n in mechanism.nodes}
    networks = _networks(mechanism)
    in_network = {n for network in networks for n in network}
    related = [n.id for n in mechanism.nodes if n.related and n.id not in in_network]
    layered = set(related)
    edges = _acyclic_edges(
        related,
        [
            (e.source, e.target)
            for e in mechanism.edges
            if e.source in layered and e.target in layered
        ],
    )
    layer_of = _layers(related, edges)
    layers: dict[int, list[str]] = defaultdict(list)
    for node in related:
        layers[layer_of.get(node, 0)].append(node)
    edges = _with_passages(edges, layer_of, layers, labels, sizes)
    layers = _order(dict(layers), edges, labels)
    # Layers run left to right (the canvas sits in a wide panel); a layer's nodes stack up.
    column_width = {k: max(sizes[n][0] for n in ms) for k, ms in layers.items()}
    heights = {k: sum(sizes[n][1] for n in ms) + V_GAP * (len(ms) - 1) for k, ms in layers.items()}
    diagram_height = max(heights.values(), default=0.0)
    heights_of: dict[str, float] = {}
    for key, members in layers.items():
        y = (diagram_height - heights[key]) / 2
        for node in members:
            heights_of[node] = y + sizes[node][1] / 2
            y += sizes[node][1] + V_GAP
    gaps = _layer_gaps(layers, edges, heights_of, column_width)
    positions: dict[str, tuple[float, float]] = {}
    x = 0.0
    for key in sorted(layers):
        for node in layers[key]:
            positions[node] = (x + column_width[key] / 2, heights_of[node])
        x += column_width[key] + gaps.get(key, LAYER_GAP)
    diagram_width = x - LAYER_GAP if layers else 0.0
    for network in networks:
        # Proteins that bind each other, with no direction: a ring beside the signal's layers.
        ring = _ring(network, sizes, labels)
        left = diagram_width + LAYER_GAP if diagram_width else 0.0
        ring_width = max(px + sizes[n][0] / 2 for n, (px, _) in ring.items())
        ring_height = max(py + sizes[n][1] / 2 for n, (_, py) in ring.items())
        if ring_height > diagram_height:
            for node in related:  # centre the layers on the taller ring
                px, py = positions[node]
                positions[node] = (px, py + (ring_height - diagram_height) / 2)
        for node, (px, py) in ring.items():
            positions[node] = (left + px, py + max(0.0, (diagram_height - ring_height) / 2))
        diagram_height = max(diagram_height, ring_height)
        diagram_width = left + ring_width
        related.extend(network)
    top = diagram_height + BLOCK_GAP if related else 0.0
    grid_width = max(GRID_WIDTH, diagram_width)
    x, y = 0.0, top
    unrelated = sorted(
        (n for n in mechanism.nodes if not n.related),
        key=lambda n: (n.group != "Mentioned in the caption", n.label.lower()),
    )
    group = unrelated[0].group if unrelated else None
    for node in unrelated:
        w = sizes[node.id][0]
        # A new row for each group, so that group labels can sit above their own nodes.
        if x > 0 and (x + w > grid_width or node.group != group):
            x, y = 0.0, y + NODE_HEIGHT + GRID_GAP
        group = node.group
        positions[node.id] = (x + w / 2, y + NODE_HEIGHT / 2)
        x += w + GRID_GAP
    if unrelated and diagram_width < grid_width and related:
        shift = (min(grid_width, _row_extent(positions, sizes, unrelated)) - diagram_width) / 2
        for node in related:
            px, py = positions[node]
            positions[node] = (px + max(0.0, shift), py)
    for node in mechanism.nodes:
        x, y = positions[node.id]
        w, h = sizes[node.id]
        mechanism.add_node(
            Node(**{**_fields(node), "x": round(x, 1), "y": round(y, 1), "width": w, "height": h})
        )


def _networks(mechanism: Mechanism) -> list[list[str]]:
    """Groups of proteins that only bind or associate, with a cycle among them.

    An interaction network ("interactions between ALDH, ABCC1 and p53") has no signal to
    follow; laid out in layers its lines would pile up over the boxes.
    """
    parent: dict[str, str] = {}

    def root(n: str) -> str:
        while parent.setdefault(n, n) != n:
            n = parent[n]
        return n

    directed: set[str] = set()
    for edge in mechanism.edges:
        parent[root(edge.source)] = root(edge.target)
        if edge.type in ("activation", "inhibition"):
            directed |= {edge.source, edge.target}
    groups: dict[str, list[str]] = defaultdict(list)
    for node in mechanism.nodes:
        if node.related and node.id in parent:
            groups[root(node.id)].append(node.id)
    counts: dict[str, int] = defaultdict(int)
    for edge in mechanism.edges:
        counts[root(edge.source)] += 1
    return [
        members
        for key, members in sorted(groups.items(), key=lambda kv: sorted(kv[1]))
        if len(members) >= 4 and counts[key] >= len(members) and not directed & set(members)
    ]


def _ring(
    nodes: list[str], sizes: dict[str, tuple[float, float]], labels: dict[str, str]
) -> dict[str, tuple[float, float]]:
    """Places on a circle, wide enough that no line between two of them crosses a third."""
    order = sorted(nodes, key=lambda n: labels[n].lower())
    around = sum(sizes[n][0] + 2 * GRID_GAP for n in order)
    radius = max(around / (2 * math.pi), 80.0)
    widest = max(sizes[n][0] for n in order)
    for _attempt in range(40):
        places = {
            n: (
                radius * math.cos(-math.pi / 2 + 2 * math.pi * i / len(order)),
                radius * math.sin(-math.pi / 2 + 2 * math.pi * i / len(order)),
            )
            for i, n in enumerate(order)
        }
        if not _any_line_over_a_box(places, sizes):
            break
        radius *= 1.15
    return {
        n: (x + radius + widest / 2, y + radius + NODE_HEIGHT / 2) for n, (x, y) in places.items()
    }


def _any_line_over_a_box(
    places: dict[str, tuple[float, float]], sizes: dict[str, tuple[float, float]]
) -> bool:
    """Some line between two places runs over the box (with a margin) of a third."""
    nodes = list(places)
    for i, a in enumerate(nodes):
        for b in nodes[i + 1 :]:
            (ax, ay), (bx, by) = places[a], places[b]
            for n in nodes:
                if n in (a, b):
                    continue
                (nx, ny), (w, h) = places[n], sizes[n]
                box = (nx - w / 2 - 6, ny - h / 2 - 6, nx + w / 2 + 6, ny + h / 2 + 6)
                if _segment_meets_box(ax, ay, bx, by, box):
                    return True
    return False


def _segment_meets_box(
    ax: float, ay: float, bx: float, by: float, box: tuple[float, float, float, float]
) -> bool:
    """The segment from (ax, ay) to (bx, by) enters the box (left, top, right, bottom)."""
    low, high = 0.0, 1.0  # the part of the segment inside the box so far (Liang–Barsky)
    for delta, start, near, far in ((bx - ax, ax, box[0], box[2]), (by - ay, ay, box[1], box[3])):
        if abs(delta) < 1e-12:
            if not near < start < far:
                return False
            continue
        t1, t2 = (near - start) / delta, (far - start) / delta
        low, high = max(low, min(t1, t2)), min(high, max(t1, t2))
        if low >= high:
            return False
    return True


def _layer_gaps(
    layers: dict[int, list[str]],
    edges: list[tuple[str, str]],
    y: dict[str, float],
    column_width: dict[int, float],
) -> dict[int, float]:
    """The room after each layer, up to ``MAX_LAYER_GAP``.

    Enough for its steepest edge to clear the boxes stacked above and below its ends: a line
    leaving a column must not drop more than half a box and a gap before it is out of it.
    """
    layer_of = {n: k for k, members in layers.items() for n in members}
    clearance = NODE_HEIGHT / 2 + V_GAP
    gaps: dict[int, float] = {}
    for a, b in edges:
        left, right = sorted((layer_of[a], layer_of[b]))
        if right != left + 1:
            continue
        half = max(column_width[left], column_width[right]) / 2
        across = abs(y[a] - y[b]) * half / clearance - half * 2
        gaps[left] = max(gaps.get(left, LAYER_GAP), min(MAX_LAYER_GAP, across))
    return gaps


def _with_passages(
    edges: list[tuple[str, str]],
    layer_of: dict[str, int],
    layers: dict[int, list[str]],
    labels: dict[str, str],
    sizes: dict[str, tuple[float, float]],
) -> list[tuple[str, str]]:
    """Give each edge that skips layers a passage in every layer between its ends.

    A passage is a place without a box (``PASSAGE_HEIGHT`` high, no width) that takes part in
    the ordering like a node, so the edge's line runs through a gap instead of over a box.
    Returns the edges with each long edge replaced by its chain through the passages.
    """
    chained: list[tuple[str, str]] = []
    for a, b in edges:
        first, last = layer_of.get(a, 0), layer_of.get(b, 0)
        if abs(last - first) <= 1:
            chained.append((a, b))
            continue
        step = 1 if last > first else -1
        previous = a
        for layer in range(first + step, last, step):
            passage = f"\x00{a}\x00{b}\x00{layer}"
            layers[layer].append(passage)
            labels[passage] = labels[a] + "\x00" + labels[b]
            sizes[passage] = (0.0, PASSAGE_HEIGHT)
            chained.append((previous, passage))
            previous = passage
        chained.append((previous, b))
    return chained


def _row_extent(positions, sizes, nodes) -> float:
    return max(positions[n.id][0] + sizes[n.id][0] / 2 for n in nodes)


def _fields(node: Node) -> dict:
    return {name: getattr(node, name) for name in Node.__slots__}
