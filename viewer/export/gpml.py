"""The figure as GPML 2013a, the format of PathVisio and WikiPathways.

The pathway is named after the figure title and carries the caption and the paper as
``Comment``s and the PMC id and figure id as ``Attribute``s. Every mechanism node becomes a
``DataNode`` at its place in the canvas layout: a gene as a ``GeneProduct`` with its NCBI Gene
id (``Xref Database="Entrez Gene"``), a family as a ``Group`` of its member genes (drawn as a
small grid where the family's box was), and a caption-only name as an ``Unknown`` node with an
empty ``Xref``. The record's chemicals follow below as ``Metabolite`` nodes (ChEBI id when there
is one, else MeSH). Each relation is an ``Interaction`` whose two points are anchored
(``GraphRef``) to the nodes it joins, with PathVisio's MIM arrowheads.

The document is built with ``xml.etree.ElementTree``, which escapes ``&``, ``<`` and quotes;
characters XML cannot carry at all are replaced (see ``common.xml_text``). It validates against
the GPML2013a schema (tests/export/test_gpml.py).
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from viewer import links
from viewer.export.common import (
    checked_entrez,
    chemical_label,
    chemical_xref,
    figure_alias,
    number,
    organisms,
    xml_text,
)
from viewer.mechanism.model import Edge, Mechanism, Node
from viewer.record.model import FigureRecord

GPML_NAMESPACE = "http://pathvisio.org/GPML/2013a"
ARROWHEADS = {
    "activation": "mim-stimulation",
    "inhibition": "mim-inhibition",
    "binding": "mim-binding",
    "association": "Line",
}
DATA_SOURCE = "PFOCR (Pathway Figure OCR) via Pathway Figure Viewer"
MARGIN = 40.0
CHAR_WIDTH = 6.6
# Family members: small boxes in at most three rows, about as wide as the family's own box.
MEMBER_HEIGHT = 16.0
MEMBER_MIN_WIDTH = 34.0
MEMBER_CHAR_WIDTH = 5.6
MEMBER_GAP = 2.0
MEMBER_ROWS = 3
MEMBER_SLACK = 12.0
MEMBER_FONT_SIZE = 9
CHEMICAL_HEIGHT = 25.0
GRID_GAP = 12.0
SECTION_GAP = 50.0
LAYER_V_GAP = 14.0
LAYER_H_GAP = 40.0
# PathVisio's own stacking: groups and lines under nodes, labels on top.
Z_INTERACTION = 12288
Z_DATANODE = 32768
Z_LABEL = 28672
METABOLITE_COLOR = "0000ff"


@dataclass(frozen=True, slots=True)
class _Box:
    """A rectangle by centre and size, in GPML's coordinates."""

    x: float
    y: float
    width: float
    height: float

    @property
    def left(self) -> float:
        return self.x - self.width / 2

    @property
    def right(self) -> float:
        return self.x + self.width / 2

    @property
    def top(self) -> float:
        return self.y - self.height / 2

    @property
    def bottom(self) -> float:
        return self.y + self.height / 2

    def shifted(self, dx: float, dy: float) -> _Box:
        return _Box(self.x + dx, self.y + dy, self.width, self.height)


def _fmt(value: float) -> str:
    """A coordinate as GPML writes it: at most two decimals, no exponent."""
    text = f"{number(value):.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def _text_width(text: str, char_width: float = CHAR_WIDTH, least: float = 50.0) -> float:
    return max(least, len(text) * char_width + 12.0)


def _node_box(node: Node) -> _Box:
    width = node.width if node.width > 0 else _text_width(node.label)
    height = node.height if node.height > 0 else 30.0
    return _Box(number(node.x), number(node.y), number(width), number(height))


def _member_boxes(node: Node, box: _Box) -> list[_Box]:
    """A family's members as a grid of small boxes where the family's box was.

    As many columns as fit in about the family's width, but at most ``MEMBER_ROWS`` rows, so
    that the grid stays close to the box the layout made room for.
    """
    count = len(node.members)
    width = max(_text_width(m.symbol, MEMBER_CHAR_WIDTH, MEMBER_MIN_WIDTH) for m in node.members)
    fit = int((box.width + MEMBER_SLACK + MEMBER_GAP) // (width + MEMBER_GAP))
    columns = min(count, max(1, fit, math.ceil(count / MEMBER_ROWS)))
    rows = math.ceil(count / columns)
    total_w = columns * width + (columns - 1) * MEMBER_GAP
    total_h = rows * MEMBER_HEIGHT + (rows - 1) * MEMBER_GAP
    left, top = box.x - total_w / 2, box.y - total_h / 2
    boxes = []
    for index in range(count):
        row, column = divmod(index, columns)
        boxes.append(
            _Box(
                left + column * (width + MEMBER_GAP) + width / 2,
                top + row * (MEMBER_HEIGHT + MEMBER_GAP) + MEMBER_HEIGHT / 2,
                width,
                MEMBER_HEIGHT,
            )
        )
    return boxes


def _make_room(nodes: list[Node], boxes: dict[str, _Box]) -> dict[str, tuple[float, float]]:
    """How far to move each box so that grown family grids do not overlap their neighbours.

    The canvas layout stays recognisable: related nodes keep their layers (same x in the
    layout, stacked top to bottom, layers left to right) and the other nodes their rows below;
    boxes only move apart, in the same order, where a family grid needs the room.
    """
    moves = {node.id: (0.0, 0.0) for node in nodes}
    layers: dict[float, list[Node]] = defaultdict(list)
    rows: dict[float, list[Node]] = defaultdict(list)
    for node in nodes:
        if node.related:
            layers[round(node.x, 1)].append(node)
        else:
            rows[round(node.y, 1)].append(node)
    carry_x, previous_right = 0.0, None
    for key in sorted(layers):
        layer = sorted(layers[key], key=lambda n: n.y)
        pushed: dict[str, float] = {}
        bottom: float | None = None
        for node in layer:
            box = boxes[node.id]
            below = bottom + LAYER_V_GAP - box.top if bottom is not None else 0.0
            pushed[node.id] = max(0.0, below)
            bottom = box.bottom + pushed[node.id]
        recentre = pushed[layer[-1].id] / 2  # grow the layer up and down alike
        left = min(boxes[n.id].left for n in layer) + carry_x
        if previous_right is not None and left < previous_right + LAYER_H_GAP:
            carry_x += previous_right + LAYER_H_GAP - left
        for node in layer:
            moves[node.id] = (carry_x, pushed[node.id] - recentre)
        previous_right = max(boxes[n.id].right for n in layer) + carry_x
    previous_bottom = max(
        (boxes[n.id].bottom + moves[n.id][1] for layer in layers.values() for n in layer),
        default=None,
    )
    carry_y, gap = 0.0, SECTION_GAP
    for key in sorted(rows):
        row = sorted(rows[key], key=lambda n: n.x)
        top = min(boxes[n.id].top for n in row) + carry_y
        if previous_bottom is not None and top < previous_bottom + gap:
            carry_y += previous_bottom + gap - top
        right: float | None = None
        for node in row:
            box = boxes[node.id]
            across = max(0.0, right + GRID_GAP - box.left) if right is not None else 0.0
            right = box.right + across
            moves[node.id] = (across, carry_y)
        previous_bottom = max(boxes[n.id].bottom for n in row) + carry_y
        gap = GRID_GAP
    return moves


def _bounds(boxes: Iterable[_Box]) -> _Box | None:
    boxes = list(boxes)
    if not boxes:
        return None
    left = min(b.left for b in boxes)
    top = min(b.top for b in boxes)
    right = max(b.right for b in boxes)
    bottom = max(b.bottom for b in boxes)
    return _Box((left + right) / 2, (top + bottom) / 2, right - left, bottom - top)


class _Ids:
    """GraphIds: XML ids (a letter first, no colon), unlike the mechanism's node ids."""

    def __init__(self) -> None:
        self.count = 0

    def new(self, prefix: str) -> str:
        self.count += 1
        return f"{prefix}{self.count:04x}"


def _sub(parent: ET.Element, tag: str, attrs: dict[str, str] | None = None) -> ET.Element:
    return ET.SubElement(parent, tag, {k: xml_text(v) for k, v in (attrs or {}).items()})


def _comment(parent: ET.Element, text: str, source: str | None = None) -> None:
    element = _sub(parent, "Comment", {"Source": source} if source else None)
    element.text = xml_text(text)


def _graphics(parent: ET.Element, box: _Box, **extra: str) -> ET.Element:
    attrs = {
        "CenterX": _fmt(box.x),
        "CenterY": _fmt(box.y),
        "Width": _fmt(box.width),
        "Height": _fmt(box.height),
    }
    attrs.update(extra)
    return _sub(parent, "Graphics", attrs)


def _data_node(
    parent: ET.Element,
    graph_id: str,
    label: str,
    kind: str,
    box: _Box,
    xref: tuple[str, str],
    *,
    comments: Iterable[tuple[str, str | None]] = (),
    group_ref: str | None = None,
    font_size: int = 12,
    color: str | None = None,
) -> None:
    attrs = {"GraphId": graph_id, "TextLabel": label, "Type": kind}
    if group_ref:
        attrs["GroupRef"] = group_ref
    element = _sub(parent, "DataNode", attrs)
    for text, source in comments:
        _comment(element, text, source)
    extra = {"FontSize": str(font_size), "Valign": "Middle", "ZOrder": str(Z_DATANODE)}
    if color:
        extra["Color"] = color
    _graphics(element, box, **extra)
    _sub(element, "Xref", {"Database": xref[0], "ID": xref[1]})


def _entrez_xref(entrez: str | None) -> tuple[str, str]:
    checked = checked_entrez(entrez)
    return ("Entrez Gene", checked) if checked else ("", "")


def _anchor(box: _Box, toward: _Box, self_loop_end: bool = False) -> tuple[float, float]:
    """Where a line leaves ``box`` for ``toward``: the middle of the facing side (RelX, RelY)."""
    if self_loop_end:
        return (0.0, -1.0)
    dx, dy = toward.x - box.x, toward.y - box.y
    if dx == 0 and dy == 0:
        return (1.0, 0.0)
    if abs(dx) * box.height >= abs(dy) * box.width:
        return (1.0 if dx > 0 else -1.0, 0.0)
    return (0.0, 1.0 if dy > 0 else -1.0)


def _point(
    parent: ET.Element, box: _Box, rel: tuple[float, float], ref: str, arrow: str | None
) -> None:
    attrs = {
        "X": _fmt(box.x + rel[0] * box.width / 2),
        "Y": _fmt(box.y + rel[1] * box.height / 2),
        "GraphRef": ref,
        "RelX": _fmt(rel[0]),
        "RelY": _fmt(rel[1]),
    }
    if arrow is not None:
        attrs["ArrowHead"] = arrow
    _sub(parent, "Point", attrs)


def _interaction(
    parent: ET.Element, graph_id: str, edge: Edge, ends: tuple[tuple[str, _Box], tuple[str, _Box]]
) -> None:
    (source_ref, source_box), (target_ref, target_box) = ends
    element = _sub(parent, "Interaction", {"GraphId": graph_id})
    _comment(element, edge.evidence, "caption")
    _sub(element, "Attribute", {"Key": "relation", "Value": edge.type})
    _sub(element, "Attribute", {"Key": "confidence", "Value": f"{number(edge.confidence):g}"})
    graphics = _sub(element, "Graphics", {"ZOrder": str(Z_INTERACTION), "LineThickness": "1.0"})
    loop = source_ref == target_ref
    _point(graphics, source_box, _anchor(source_box, target_box), source_ref, None)
    _point(
        graphics,
        target_box,
        _anchor(target_box, source_box, self_loop_end=loop),
        target_ref,
        ARROWHEADS.get(edge.type, "Line"),
    )
    _sub(element, "Xref", {"Database": "", "ID": ""})


def _label(parent: ET.Element, graph_id: str, text: str, box: _Box) -> None:
    element = _sub(parent, "Label", {"GraphId": graph_id, "TextLabel": text})
    _graphics(
        element,
        box,
        FontWeight="Bold",
        FontSize="12",
        Align="Left",
        Valign="Middle",
        ZOrder=str(Z_LABEL),
    )


def _figure_name(number_: str | None) -> str:
    """``F9`` and ``Figure 9`` both read "Figure 9"; ``S1`` reads "Figure S1"."""
    if not number_:
        return "Figure"
    short = re.fullmatch(r"F(\d+)", number_)
    if short:
        return f"Figure {short.group(1)}"
    return number_ if number_.lower().startswith("fig") else f"Figure {number_}"


def _paper_note(record: FigureRecord) -> str | None:
    parts = []
    figure = _figure_name(record.number)
    if record.papertitle:
        parts.append(f"{figure} of \u201c{record.papertitle}\u201d")
    if record.reftext:
        parts.append(record.reftext)
    for url in (links.pmc_figure(record.figlink), links.pfocr_figure(record.figid)):
        if url:
            parts.append(url)
    return " ".join(parts) if parts else None


def record_to_gpml(record: FigureRecord, mechanism: Mechanism) -> str:
    """Return the figure and its mechanism as a GPML 2013a document (UTF-8 text)."""
    root = _pathway(record, mechanism)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def gpml_data_nodes(record: FigureRecord, mechanism: Mechanism) -> str:
    """Only the ``DataNode`` elements of ``record_to_gpml``, one after another, no namespace.

    For "Copy as GPML DataNodes": the nodes keep their labels, types, ids and positions;
    the family members lose their ``GroupRef``, since the ``Group`` is not copied.
    """
    nodes = [e for e in _pathway(record, mechanism) if e.tag == "DataNode"]
    texts = []
    for node in nodes:
        node.attrib.pop("GroupRef", None)
        ET.indent(node, space="  ")
        texts.append(ET.tostring(node, encoding="unicode"))
    return "\n".join(texts) + ("\n" if texts else "")


def _pathway(record: FigureRecord, mechanism: Mechanism) -> ET.Element:
    ids = _Ids()
    species = organisms(record)
    root_attrs = {"xmlns": GPML_NAMESPACE, "Name": record.title, "Data-Source": DATA_SOURCE}
    if species:
        root_attrs["Organism"] = species[0]
    root = ET.Element("Pathway", {k: xml_text(v) for k, v in root_attrs.items()})

    if record.caption:
        _comment(root, record.caption, "PFOCR figure caption")
    paper = _paper_note(record)
    if paper:
        _comment(root, paper, "PFOCR")
    attributes = [("pmcid", record.pmcid), ("figid", record.figid)]
    attributes += [("figid_alias", figure_alias(record))]
    attributes += [("year", str(record.year) if record.year else None)]
    attributes += [("organisms", "; ".join(species) if len(species) > 1 else None)]
    for key, value in attributes:
        if value:
            _sub(root, "Attribute", {"Key": key, "Value": value})
    board = _sub(root, "Graphics", {"BoardWidth": "0", "BoardHeight": "0"})

    # Place everything first (families spread into member grids), then shift it all so that
    # nothing lies left of or above the margin.
    boxes: dict[str, _Box] = {}
    members: dict[str, list[_Box]] = {}
    for node in mechanism.nodes:
        box = _node_box(node)
        if node.kind == "family" and node.members:
            members[node.id] = _member_boxes(node, box)
            box = _bounds(members[node.id]) or box
        boxes[node.id] = box
    moves = _make_room(mechanism.nodes, boxes)
    placed = _bounds(boxes[key].shifted(*moves[key]) for key in boxes)
    dx = MARGIN - placed.left if placed and placed.left < MARGIN else 0.0
    dy = MARGIN - placed.top if placed and placed.top < MARGIN else 0.0
    for key, (x, y) in moves.items():
        boxes[key] = boxes[key].shifted(x + dx, y + dy)
        if key in members:
            members[key] = [b.shifted(x + dx, y + dy) for b in members[key]]

    refs: dict[str, str] = {}
    groups: list[tuple[str, str, Node]] = []
    for node in mechanism.nodes:
        box = boxes[node.id]
        if node.id in members:
            group_id, graph_id = ids.new("grp"), ids.new("g")
            refs[node.id] = graph_id
            groups.append((group_id, graph_id, node))
            for member, member_box in zip(node.members, members[node.id], strict=True):
                _data_node(
                    root,
                    ids.new("n"),
                    member.symbol,
                    "GeneProduct",
                    member_box,
                    _entrez_xref(member.entrez),
                    group_ref=group_id,
                    font_size=MEMBER_FONT_SIZE,
                )
            continue
        refs[node.id] = ids.new("n")
        comments: list[tuple[str, str | None]] = []
        if node.kind == "caption":
            comments.append(("Named in the caption; not in the record's gene list.", "PFOCR"))
            if node.members:
                names = ", ".join(m.symbol for m in node.members)
                comments.append((f"Family or complex of: {names}", "FamPlex"))
            kind, xref = "Unknown", ("", "")
        else:
            member = node.members[0] if node.members else None
            kind, xref = "GeneProduct", _entrez_xref(member.entrez if member else None)
        _data_node(root, refs[node.id], node.label, kind, box, xref, comments=comments)

    chemicals_top = (max((b.bottom for b in boxes.values()), default=MARGIN)) + SECTION_GAP
    labels: list[tuple[str, _Box]] = []
    chemical_boxes: list[_Box] = []
    if record.chemicals:
        heading = _Box(MARGIN + 100.0, chemicals_top, 200.0, 20.0)
        labels.append(("Chemicals in the figure", heading))
        width_limit = max(760.0, (placed.width if placed else 0.0))
        x, y = MARGIN, heading.bottom + GRID_GAP
        for mention in record.chemicals:
            label = chemical_label(mention)
            width = _text_width(label)
            if x > MARGIN and x + width > MARGIN + width_limit:
                x, y = MARGIN, y + CHEMICAL_HEIGHT + GRID_GAP
            box = _Box(x + width / 2, y + CHEMICAL_HEIGHT / 2, width, CHEMICAL_HEIGHT)
            chemical_boxes.append(box)
            x += width + GRID_GAP
            found = chemical_xref(mention)
            _data_node(
                root,
                ids.new("c"),
                label,
                "Metabolite",
                box,
                (found.database, found.id) if found else ("", ""),
                color=METABOLITE_COLOR,
            )

    for edge in mechanism.edges:
        if edge.source not in refs or edge.target not in refs:
            continue  # a mechanism never has such an edge; a file must not point nowhere
        ends = ((refs[edge.source], boxes[edge.source]), (refs[edge.target], boxes[edge.target]))
        _interaction(root, ids.new("e"), edge, ends)

    for text, box in labels:
        _label(root, ids.new("l"), text, box)
    for group_id, graph_id, node in groups:
        attrs = {"GroupId": group_id, "GraphId": graph_id, "TextLabel": node.label}
        attrs["Style"] = "Group"
        _sub(root, "Group", attrs)
    _sub(root, "InfoBox", {"CenterX": "0", "CenterY": "0"})

    everything = _bounds([*boxes.values(), *chemical_boxes, *(box for _, box in labels)])
    board.set("BoardWidth", _fmt((everything.right + MARGIN) if everything else 2 * MARGIN))
    board.set("BoardHeight", _fmt((everything.bottom + MARGIN) if everything else 2 * MARGIN))
    return root
