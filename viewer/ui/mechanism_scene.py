"""The mechanism canvas: a figure's proposed mechanism drawn as a pathway diagram.

``MechanismScene`` turns a ``Mechanism`` into graphics items, in the visual language of
WikiPathways and Reactome diagrams:

- a **gene** is a rounded box with a solid border; a **family** or complex (NF-κB) has a double
  border and a badge with its member count; a name the caption uses but the record does not
  list is a **caption** box with a dashed border;
- **activation** is a line with a filled arrowhead, **inhibition** ends in a T-bar, **binding**
  is a plain line and **association** a dashed one; lines run from box border to box border,
  under the boxes, and a pair of opposite relations runs side by side;
- the record's other genes ("also in the figure") are drawn lighter, in a framed block;
- a legend and the note that the diagram is inferred by text mining sit under the diagram, so
  exports carry them too.

All text is plain (``QGraphicsSimpleTextItem``; tooltips through ``plain_tooltip``): record text
never becomes rich text. Colours come from a ``DiagramColors`` made from the widget palette
(``colors_from_palette``) or, for exports, the print-friendly ``print_colors()``.

Node positions are the layout's (centres, in scene pixels); a node without a size gets a box
that fits its label, and a mechanism whose nodes all share one position (not laid out) gets a
simple layered arrangement so that it is still readable.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from PySide6.QtCore import QLineF, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPalette,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsSceneContextMenuEvent,
    QGraphicsSceneHoverEvent,
    QGraphicsSceneMouseEvent,
    QGraphicsSimpleTextItem,
    QMenu,
    QStyle,
    QStyleOptionGraphicsItem,
    QWidget,
)

from viewer import links
from viewer.mechanism.model import Edge, Mechanism, Member, Node, RelationType
from viewer.mechanism.provenance import DRAFT_NOTE
from viewer.ui import urls
from viewer.ui.plaintext import plain_tooltip

if TYPE_CHECKING:
    from PySide6.QtGui import QKeyEvent

    from viewer.ui.canvas_edit import CanvasEditor

NOTE = DRAFT_NOTE
ALSO_IN_FIGURE = "Also in the figure"
EMPTY_MESSAGE = "The caption names no genes of this figure."

HeadKind = Literal["arrow", "bar", "none"]
HEAD_KINDS: dict[str, HeadKind] = {
    "activation": "arrow",
    "inhibition": "bar",
    "binding": "none",
    "association": "none",
}
RELATION_SYMBOLS = {"activation": "→", "inhibition": "⊣", "binding": "—", "association": "–"}
KIND_NAMES = {
    "gene": "Gene",
    "family": "Family or complex",
    "caption": "Named in the caption only (not among the figure's genes)",
}

# Geometry, in scene pixels at 100 %.
LABEL_PX = 14
SMALL_PX = 12
BADGE_PX = 10
PAD_X = 14
PAD_Y = 8
MIN_WIDTH = 64.0
MIN_HEIGHT = 32.0
RADIUS = 6.0
MAX_LABEL = 48
MAX_TITLE = 120
EDGE_WIDTH = 2.0
ARROW_LENGTH = 12.0
ARROW_WIDTH = 11.0
BAR_LENGTH = 18.0
BAR_WIDTH = 3.0
END_GAP = 3.0
PAIR_OFFSET = 7.0
# How far a curve's control points stand off a straight line that would cross a box, tried in
# turn: the smallest bend that clears every box wins.
DETOUR_BENDS = (32.0, -32.0, 56.0, -56.0, 84.0, -84.0, 120.0, -120.0, 170.0, -170.0, 230.0, -230.0)
SCENE_MARGIN = 24.0

Z_FRAME = 0.0
Z_EDGE = 1.0
Z_NODE = 2.0


# -- colours ---------------------------------------------------------------------------------


def mix(a: QColor, b: QColor, t: float) -> QColor:
    """The colour ``t`` of the way from ``a`` to ``b`` (0 gives ``a``, 1 gives ``b``)."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
        1.0,
    )


@dataclass(frozen=True)
class DiagramColors:
    """Every colour the diagram uses; build with ``colors_from_palette`` or ``print_colors``."""

    background: QColor
    text: QColor
    muted: QColor
    gene_border: QColor
    gene_fill: QColor
    family_border: QColor
    family_fill: QColor
    caption_border: QColor
    caption_fill: QColor
    badge_text: QColor
    edge: QColor
    inhibition: QColor
    association: QColor
    selection: QColor
    highlight: QColor
    highlight_fill: QColor
    frame_border: QColor
    frame_fill: QColor
    dark: bool

    def faded(self, color: QColor) -> QColor:
        """``color`` moved towards the background: the look of the "also in the figure" nodes."""
        return mix(color, self.background, 0.45)


def _colors(base: QColor, text: QColor, selection: QColor) -> DiagramColors:
    dark = base.lightness() < 128
    if dark:
        gene, family, caption = QColor("#86b6ea"), QColor("#6fc7b2"), QColor("#a3acb6")
        inhibition, amber = QColor("#f28b82"), QColor("#ffbf47")
        fill_share, edge = 0.22, mix(text, base, 0.12)
    else:
        gene, family, caption = QColor("#33679e"), QColor("#23786a"), QColor("#7d858f")
        inhibition, amber = QColor("#c0392b"), QColor("#e08e00")
        fill_share, edge = 0.10, mix(QColor("#2e3a46"), text, 0.3)
    return DiagramColors(
        background=QColor(base),
        text=QColor(text),
        muted=mix(text, base, 0.4),
        gene_border=gene,
        gene_fill=mix(base, gene, fill_share),
        family_border=family,
        family_fill=mix(base, family, fill_share),
        caption_border=caption,
        caption_fill=QColor(base),
        badge_text=QColor(base),
        edge=edge,
        inhibition=inhibition,
        association=mix(edge, base, 0.3),
        selection=QColor(selection),
        highlight=amber,
        highlight_fill=mix(base, amber, 0.3),
        frame_border=mix(base, text, 0.16),
        frame_fill=mix(base, text, 0.035),
        dark=dark,
    )


def colors_from_palette(palette: QPalette | None = None) -> DiagramColors:
    """Diagram colours that suit ``palette`` (the application's when ``None``), light or dark."""
    if palette is None:
        palette = QGuiApplication.palette()
    return _colors(
        palette.color(QPalette.ColorRole.Base),
        palette.color(QPalette.ColorRole.Text),
        palette.color(QPalette.ColorRole.Highlight),
    )


def print_colors() -> DiagramColors:
    """Light, print-friendly colours on white, whatever the desktop theme: for exports."""
    return _colors(QColor("#ffffff"), QColor("#1b1f24"), QColor("#2f6fcf"))


# -- text ------------------------------------------------------------------------------------


def _font(pixels: int, *, bold: bool = False, italic: bool = False) -> QFont:
    font = QFont(QGuiApplication.font())
    font.setPixelSize(pixels)
    font.setBold(bold)
    font.setItalic(italic)
    return font


def shown_label(text: str) -> str:
    """A label as the box shows it: one line, cut with "…" when very long."""
    text = " ".join(text.split())
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"


def _text_item(
    text: str, font: QFont, color: QColor, parent: QGraphicsItem | None = None
) -> QGraphicsSimpleTextItem:
    # QGraphicsSimpleTextItem has no rich-text mode at all: record text stays literal.
    item = QGraphicsSimpleTextItem(text, parent)
    item.setFont(font)
    item.setBrush(QBrush(color))
    item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
    item.setAcceptHoverEvents(False)
    return item


def label_box_size(node: Node) -> tuple[float, float]:
    """The box a node's label needs: its width and height in scene pixels."""
    metrics = QFontMetricsF(_font(LABEL_PX, bold=node.kind == "family"))
    width = metrics.horizontalAdvance(shown_label(node.label)) + 2 * PAD_X
    if node.kind == "family":
        width += 6  # room for the inner border
    return max(MIN_WIDTH, math.ceil(width)), max(
        MIN_HEIGHT, math.ceil(metrics.height() + 2 * PAD_Y)
    )


# -- nodes -----------------------------------------------------------------------------------


def _node_tooltip(node: Node) -> str:
    lines = [node.label, KIND_NAMES.get(node.kind, node.kind)]
    if node.kind == "gene" and node.members:
        member = node.members[0]
        lines[1] += f", NCBI Gene {member.entrez}" if member.entrez else ", no NCBI Gene id"
        if member.symbol != node.label:
            lines.append(f"Symbol: {member.symbol}")
    elif node.members:
        count = len(node.members)
        noun = "member" if count == 1 else "members"
        lines.append(f"{count} {noun}: " + ", ".join(m.symbol for m in node.members))
    if node.mentions:
        lines.append("In the caption as: " + ", ".join(node.mentions))
    if not node.related:
        group = f" ({node.group})" if node.group else ""
        lines.append(f"Also in the figure{group}; the caption relates it to nothing.")
    if any(links.ncbi_gene(m.entrez) for m in node.members):
        lines.append(
            "Double-click to open its NCBI Gene page."
            if node.kind == "gene" and len(node.members) == 1
            else "Double-click for the members' NCBI Gene pages."
        )
    return "\n".join(lines)


class NodeItem(QGraphicsPathItem):
    """One entity: a rounded box with its label, a style per kind and a member badge.

    ``pen()`` is the outer border (dashed for caption nodes), ``double_border`` is true for
    families, ``badge_text()`` is the member count shown (or ``None``), ``label_item`` the
    label; ``highlighted`` marks nodes that stand for the genes picked elsewhere.
    """

    def __init__(
        self,
        node: Node,
        colors: DiagramColors,
        size: tuple[float, float] | None = None,
        *,
        interactive: bool = True,
        label: str | None = None,
    ) -> None:
        super().__init__()
        self.node = node
        self.interactive = interactive
        self.highlighted = False
        self.listed = False
        self.double_border = node.kind == "family"
        self._hovered = False
        width, height = size if size is not None else label_box_size(node)
        self.box = QRectF(-width / 2, -height / 2, width, height)
        path = QPainterPath()
        path.addRoundedRect(self.box, RADIUS, RADIUS)
        self.setPath(path)
        self.setPos(node.x, node.y)
        self.setZValue(Z_NODE)

        self.label_item = _text_item(
            shown_label(node.label if label is None else label),
            _font(LABEL_PX, bold=node.kind == "family"),
            colors.text,
            self,
        )
        self.badge_item: QGraphicsPathItem | None = None
        self.badge_label: QGraphicsSimpleTextItem | None = None
        if node.kind == "family" and node.members:
            self.badge_item = QGraphicsPathItem(self)
            self.badge_item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            self.badge_label = _text_item(
                str(len(node.members)),
                _font(BADGE_PX, bold=True),
                colors.badge_text,
                self.badge_item,
            )
        self.apply_colors(colors)

        if interactive:
            self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
            self.setAcceptHoverEvents(True)
            self.setCursor(Qt.CursorShape.PointingHandCursor)
            self.setToolTip(plain_tooltip(_node_tooltip(node)))
        else:
            self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    # -- look ------------------------------------------------------------------------------

    def apply_colors(self, colors: DiagramColors) -> None:
        """Set pens, fills and text colours for ``colors``."""
        self._colors = colors
        border, fill = {
            "family": (colors.family_border, colors.family_fill),
            "caption": (colors.caption_border, colors.caption_fill),
        }.get(self.node.kind, (colors.gene_border, colors.gene_fill))
        text = colors.text
        if not self.node.related and self.interactive:
            border, fill, text = colors.faded(border), colors.faded(fill), colors.faded(text)
        pen = QPen(border, 1.8 if self.node.kind == "family" else 1.5)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        if self.node.kind == "caption":
            pen.setStyle(Qt.PenStyle.DashLine)
            pen.setDashPattern([4.0, 3.0])
        self.setPen(pen)
        self.setBrush(QBrush(fill))
        self.label_item.setBrush(QBrush(text))
        label_rect = self.label_item.boundingRect()
        self.label_item.setPos(-label_rect.width() / 2, -label_rect.height() / 2)
        if self.badge_item is not None and self.badge_label is not None:
            text_rect = self.badge_label.boundingRect()
            height = max(16.0, text_rect.height() + 2)
            width = max(height, text_rect.width() + 10)
            pill = QPainterPath()
            pill.addRoundedRect(
                QRectF(-width / 2, -height / 2, width, height), height / 2, height / 2
            )
            self.badge_item.setPath(pill)
            self.badge_item.setPen(QPen(colors.background, 1.5))
            self.badge_item.setBrush(QBrush(border))
            self.badge_item.setPos(self.box.right() - 4, self.box.top() + 1)
            self.badge_label.setBrush(QBrush(colors.background))
            self.badge_label.setPos(-text_rect.width() / 2, -text_rect.height() / 2)
        self.update()

    def badge_text(self) -> str | None:
        """The member count the badge shows, or ``None`` without a badge."""
        return self.badge_label.text() if self.badge_label is not None else None

    def set_highlighted(self, highlighted: bool) -> None:
        """Mark (or unmark) the node as standing for genes picked elsewhere."""
        if highlighted != self.highlighted:
            self.highlighted = highlighted
            self.update()

    def set_listed(self, listed: bool) -> None:
        """Mark (or unmark) the node as standing for genes of a highlighted gene list."""
        if listed != self.listed:
            self.listed = listed
            self.update()

    def boundingRect(self) -> QRectF:
        """The box plus room for the selection and highlight rings."""
        return self.box.adjusted(-7, -7, 7, 7)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        """Draw rings, box and inner border (Qt's dashed selection rectangle is not wanted)."""
        colors = self._colors
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if self.highlighted:
            painter.setPen(QPen(colors.highlight, 4.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(self.box.adjusted(-4, -4, 4, 4), RADIUS + 4, RADIUS + 4)
        if self.isSelected():
            painter.setPen(QPen(colors.selection, 2.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            inset = -8 if self.highlighted else -4
            painter.drawRoundedRect(
                self.box.adjusted(inset, inset, -inset, -inset), RADIUS - inset, RADIUS - inset
            )
        listed = self.listed or self.highlighted
        fill = colors.highlight_fill if listed else self.brush().color()
        if self._hovered:
            fill = mix(fill, self.pen().color(), 0.15)
        border = QPen(self.pen())
        if self.listed:  # a gene of the highlighted list: an amber border, as in the table
            border.setColor(colors.highlight)
            border.setWidthF(2.5)
        painter.setPen(border)
        painter.setBrush(QBrush(fill))
        painter.drawPath(self.path())
        if self.double_border:
            inner = QPen(self.pen().color(), 1.0)
            painter.setPen(inner)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(self.box.adjusted(3, 3, -3, -3), RADIUS - 2, RADIUS - 2)

    # -- events ----------------------------------------------------------------------------

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        """Tint the box under the pointer."""
        self._hovered = True
        self.update()
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        """Drop the tint."""
        self._hovered = False
        self.update()
        super().hoverLeaveEvent(event)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        """Open the gene's NCBI page, or offer the members' pages of a family."""
        scene = self.scene()
        if event.button() == Qt.MouseButton.LeftButton and isinstance(scene, MechanismScene):
            scene.activate_node(self.node.id, event.screenPos())
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def contextMenuEvent(self, event: QGraphicsSceneContextMenuEvent) -> None:
        """A menu of the members' NCBI Gene pages (and, when editing, Rename and Delete)."""
        scene = self.scene()
        if not isinstance(scene, MechanismScene):
            return
        menu = scene.node_menu(self.node)
        if menu.actions():
            menu.exec(event.screenPos())
        event.accept()

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: Any) -> Any:
        """Drag the relations along while the box is dragged."""
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            scene = self.scene()
            if isinstance(scene, MechanismScene):
                scene.reroute_edges(self)
        return super().itemChange(change, value)


# -- edges -----------------------------------------------------------------------------------


def _unit(line: QLineF) -> QPointF:
    length = line.length()
    if length < 1e-9:
        return QPointF(1.0, 0.0)
    return QPointF(line.dx() / length, line.dy() / length)


def clip_to_box(rect: QRectF, inside: QPointF, outside: QPointF, radius: float) -> QPointF:
    """Where the segment from ``inside`` (in ``rect``) to ``outside`` leaves the rounded box."""
    dx, dy = outside.x() - inside.x(), outside.y() - inside.y()
    t = 1.0
    if dx > 0:
        t = min(t, (rect.right() - inside.x()) / dx)
    elif dx < 0:
        t = min(t, (rect.left() - inside.x()) / dx)
    if dy > 0:
        t = min(t, (rect.bottom() - inside.y()) / dy)
    elif dy < 0:
        t = min(t, (rect.top() - inside.y()) / dy)
    t = max(0.0, t)
    point = QPointF(inside.x() + dx * t, inside.y() + dy * t)
    # Near a corner the box is rounded: meet the arc, not the missing square corner.
    cx = rect.left() + radius if point.x() < rect.left() + radius else rect.right() - radius
    cy = rect.top() + radius if point.y() < rect.top() + radius else rect.bottom() - radius
    in_corner_x = point.x() < rect.left() + radius or point.x() > rect.right() - radius
    in_corner_y = point.y() < rect.top() + radius or point.y() > rect.bottom() - radius
    if radius > 0 and in_corner_x and in_corner_y:
        fx, fy = inside.x() - cx, inside.y() - cy
        a = dx * dx + dy * dy
        b = 2 * (fx * dx + fy * dy)
        c = fx * fx + fy * fy - radius * radius
        disc = b * b - 4 * a * c
        if a > 0 and disc >= 0:
            root = (-b + math.sqrt(disc)) / (2 * a)
            if 0 <= root <= t:
                point = QPointF(inside.x() + dx * root, inside.y() + dy * root)
    return point


def _curve_points(
    ax: float, ay: float, c1x: float, c1y: float, c2x: float, c2y: float, bx: float, by: float
) -> list[tuple[float, float]]:
    """Points along the cubic curve from ``a`` to ``b`` through two controls.

    With the controls at the ends, the points lie on the straight line.
    """
    points = []
    for step in range(1, 40):
        t = step / 40
        u = 1 - t
        w0, w1, w2, w3 = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
        points.append(
            (w0 * ax + w1 * c1x + w2 * c2x + w3 * bx, w0 * ay + w1 * c1y + w2 * c2y + w3 * by)
        )
    return points


def _boxes_crossed(
    boxes: list[tuple[float, float, float, float]], points: list[tuple[float, float]]
) -> int:
    """How many of the boxes (left, top, right, bottom) some of the points fall in."""
    xs, ys = [x for x, _ in points], [y for _, y in points]
    left, right, top, bottom = min(xs), max(xs), min(ys), max(ys)
    count = 0
    for x0, y0, x1, y1 in boxes:
        if x1 < left or x0 > right or y1 < top or y0 > bottom:
            continue  # nowhere near the curve
        if any(x0 < x < x1 and y0 < y < y1 for x, y in points):
            count += 1
    return count


class EdgeGlyph(QGraphicsPathItem):
    """A relation's line and end: filled arrowhead, T-bar, plain, or dashed.

    ``relation_type`` is the relation, ``head_kind`` is ``"arrow"``, ``"bar"`` or ``"none"``
    and ``head_item`` draws the arrowhead or bar (``None`` when there is none).
    """

    def __init__(self, relation_type: RelationType | str, colors: DiagramColors) -> None:
        super().__init__()
        self.relation_type = relation_type
        self.head_kind: HeadKind = HEAD_KINDS.get(relation_type, "none")
        self.head_item: QGraphicsPathItem | None = None
        if self.head_kind != "none":
            self.head_item = QGraphicsPathItem(self)
        self.setZValue(Z_EDGE)
        self.apply_colors(colors)

    def apply_colors(self, colors: DiagramColors) -> None:
        """Set the pens for ``colors``."""
        color = {"inhibition": colors.inhibition, "association": colors.association}.get(
            self.relation_type, colors.edge
        )
        pen = QPen(color, EDGE_WIDTH)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        if self.relation_type == "association":
            pen.setStyle(Qt.PenStyle.DashLine)
            pen.setDashPattern([3.0, 2.5])
        self.setPen(pen)
        self.setBrush(Qt.BrushStyle.NoBrush)
        if self.head_item is not None:
            if self.head_kind == "arrow":
                head_pen = QPen(color, 1.0)
                head_pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
                self.head_item.setPen(head_pen)
                self.head_item.setBrush(QBrush(color))
            else:
                bar_pen = QPen(color, BAR_WIDTH)
                bar_pen.setCapStyle(Qt.PenCapStyle.FlatCap)
                self.head_item.setPen(bar_pen)
                self.head_item.setBrush(Qt.BrushStyle.NoBrush)

    def set_route(
        self, start: QPointF, end: QPointF, controls: tuple[QPointF, QPointF] | None = None
    ) -> None:
        """Run from ``start`` to ``end`` (straight, or a cubic curve through ``controls``)."""
        towards = controls[1] if controls is not None else start
        direction = _unit(QLineF(towards, end))
        normal = QPointF(-direction.y(), direction.x())
        line_end = end
        if self.head_kind == "arrow":
            # Stop the line inside the head so its flat end never shows past the tip.
            line_end = end - direction * (ARROW_LENGTH - 2)
        elif self.head_kind == "bar":
            line_end = end - direction * (BAR_WIDTH / 2)
        path = QPainterPath(start)
        if controls is not None:
            path.cubicTo(controls[0], controls[1], line_end)
        else:
            path.lineTo(line_end)
        self.setPath(path)
        if self.head_item is None:
            return
        head = QPainterPath()
        if self.head_kind == "arrow":
            base = end - direction * ARROW_LENGTH
            head.addPolygon(
                QPolygonF(
                    [
                        end,
                        base + normal * (ARROW_WIDTH / 2),
                        base - normal * (ARROW_WIDTH / 2),
                        end,
                    ]
                )
            )
            head.closeSubpath()
        else:
            centre = end - direction * (BAR_WIDTH / 2)
            head.moveTo(centre + normal * (BAR_LENGTH / 2))
            head.lineTo(centre - normal * (BAR_LENGTH / 2))
        self.head_item.setPath(head)

    def start_point(self) -> QPointF:
        """Where the line starts."""
        return self.path().pointAtPercent(0.0)

    def end_point(self) -> QPointF:
        """Where the relation ends: the arrow's tip or the bar (the line's end otherwise)."""
        if self.head_item is not None:
            head = self.head_item.path()
            first = QPointF(head.elementAt(0).x, head.elementAt(0).y)
            if self.head_kind == "arrow":
                return first  # the tip
            return (first + QPointF(head.elementAt(1).x, head.elementAt(1).y)) / 2
        return self.path().pointAtPercent(1.0)

    def shape(self) -> QPainterPath:
        """A band wider than the line, so the pointer finds it for the tooltip."""
        stroker = QPainterPathStroker()
        stroker.setWidth(10.0)
        return stroker.createStroke(self.path())


class EdgeItem(EdgeGlyph):
    """A relation of the mechanism between two ``NodeItem`` boxes, with its evidence tooltip."""

    def __init__(
        self,
        edge: Edge,
        source: NodeItem,
        target: NodeItem,
        colors: DiagramColors,
        *,
        paired: bool = False,
    ) -> None:
        super().__init__(edge.type, colors)
        self.edge = edge
        self.source_item = source
        self.target_item = target
        self.paired = paired
        tip = plain_tooltip(edge_tooltip(edge, source.node, target.node))
        self.setToolTip(tip)
        if self.head_item is not None:
            self.head_item.setToolTip(tip)
        self.route()

    def route(self) -> None:
        """Run from the source box's border to the target box's (beside a reverse twin)."""
        source, target = self.source_item, self.target_item
        src_box = source.box.translated(source.pos()).adjusted(-1, -1, 1, 1)
        dst_box = target.box.translated(target.pos()).adjusted(-END_GAP, -END_GAP, END_GAP, END_GAP)
        if source is target:
            self._route_loop(dst_box)
            return
        a, b = src_box.center(), dst_box.center()
        if self.paired:
            # Opposite relations: the normal flips with the direction, so twins part ways.
            direction = _unit(QLineF(a, b))
            shift = min(PAIR_OFFSET, src_box.height() / 3, dst_box.height() / 3)
            offset = QPointF(-direction.y(), direction.x()) * shift
            a, b = a + offset, b + offset
        if src_box.intersects(dst_box):
            self.set_route(a, b)
            return
        controls = self._detour(a, b)
        first, last = (controls[0], controls[1]) if controls is not None else (b, a)
        start = clip_to_box(src_box, a, first, RADIUS + 1)
        end = clip_to_box(dst_box, b, last, RADIUS + END_GAP)
        self.set_route(start, end, controls)

    def _detour(self, a: QPointF, b: QPointF) -> tuple[QPointF, QPointF] | None:
        """Control points of a curve from ``a`` to ``b`` around the boxes a line would cross.

        ``None`` when the straight line crosses no other box, or no curve tried crosses fewer.
        """
        scene = self.scene()
        if not isinstance(scene, MechanismScene):
            return None
        boxes = [
            (r.left() - 4, r.top() - 4, r.right() + 4, r.bottom() + 4)
            for item in scene.node_items.values()
            if item is not self.source_item and item is not self.target_item
            for r in (item.box.translated(item.pos()),)
        ]
        ax, ay, bx, by = a.x(), a.y(), b.x(), b.y()
        crossed = _boxes_crossed(boxes, _curve_points(ax, ay, ax, ay, bx, by, bx, by))
        if not crossed:
            return None
        length = math.hypot(bx - ax, by - ay) or 1.0
        nx, ny = -(by - ay) / length, (bx - ax) / length
        best: tuple[int, tuple[float, float, float, float]] | None = None
        for bend in DETOUR_BENDS:
            c1x, c1y = ax + (bx - ax) * 0.3 + nx * bend, ay + (by - ay) * 0.3 + ny * bend
            c2x, c2y = ax + (bx - ax) * 0.7 + nx * bend, ay + (by - ay) * 0.7 + ny * bend
            count = _boxes_crossed(boxes, _curve_points(ax, ay, c1x, c1y, c2x, c2y, bx, by))
            if count < crossed and (best is None or count < best[0]):
                best = (count, (c1x, c1y, c2x, c2y))  # the curve over fewest boxes
            if count == 0:
                break
        if best is None:
            return None
        c1x, c1y, c2x, c2y = best[1]
        return QPointF(c1x, c1y), QPointF(c2x, c2y)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        """The line, under a band in the selection colour when selected (no dashed box)."""
        if self.isSelected():
            scene = self.scene()
            color = QColor(scene.colors.selection if isinstance(scene, MechanismScene) else "blue")
            color.setAlphaF(0.45)
            band = QPen(color, EDGE_WIDTH + 6)
            band.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setPen(band)
            painter.drawPath(self.path())
            painter.restore()
        plain = QStyleOptionGraphicsItem(option)
        plain.state &= ~QStyle.StateFlag.State_Selected
        super().paint(painter, plain, widget)

    def contextMenuEvent(self, event: QGraphicsSceneContextMenuEvent) -> None:
        """When editing: the relation's type, Reverse, Delete."""
        scene = self.scene()
        if not isinstance(scene, MechanismScene) or scene.editor is None:
            event.ignore()
            return
        self.setSelected(True)
        menu = scene.editor.edge_menu(self.edge)
        scene.last_menu = menu
        menu.exec(event.screenPos())
        event.accept()

    def _route_loop(self, box: QRectF) -> None:
        # A node acting on itself: a loop over its top-right corner.
        start = QPointF(box.right() - min(24.0, box.width() / 3), box.top())
        end = QPointF(box.right(), box.top() + min(12.0, box.height() / 3))
        controls = (start + QPointF(0, -34), end + QPointF(34, 0))
        self.set_route(start, end, controls)


def edge_tooltip(edge: Edge, source: Node, target: Node) -> str:
    """The hover text of a relation: who acts on whom, how sure, and the sentence."""
    symbol = RELATION_SYMBOLS.get(edge.type, "→")
    text = f"{source.label} {symbol} {target.label}: {edge.type} (confidence {edge.confidence:.2f})"
    if edge.evidence:
        text += "\n" + " ".join(edge.evidence.split())
    return text


# -- layout help -----------------------------------------------------------------------------


def _needs_layout(nodes: list[Node]) -> bool:
    """Whether nobody laid the nodes out (several nodes, all at one point)."""
    return len(nodes) > 1 and len({(n.x, n.y) for n in nodes}) == 1


def fallback_layout(
    mechanism: Mechanism, sizes: dict[str, tuple[float, float]]
) -> dict[str, tuple[float, float]]:
    """Centres for nodes nobody placed: related nodes in layers, the others in a grid below."""
    nodes = [n for n in _nodes_of(mechanism) if n.id in sizes]
    related = [n.id for n in nodes if n.related]
    level = dict.fromkeys(related, 0)
    pairs = [(u, v) for u, v in mechanism.graph.edges() if u in level and v in level and u != v]
    # Longest-path layers; bounded rounds so that cycles settle instead of looping.
    for _ in range(len(related)):
        changed = False
        for u, v in pairs:
            if level[v] < level[u] + 1 < len(related):
                level[v] = level[u] + 1
                changed = True
        if not changed:
            break
    column = max((w for w, _ in sizes.values()), default=MIN_WIDTH) + 48
    row = max((h for _, h in sizes.values()), default=MIN_HEIGHT) + 64
    positions: dict[str, tuple[float, float]] = {}
    layers: dict[int, list[str]] = defaultdict(list)
    for node_id in related:
        layers[level[node_id]].append(node_id)
    for depth, members in layers.items():
        for i, node_id in enumerate(members):
            positions[node_id] = ((i - (len(members) - 1) / 2) * column, depth * row)
    top = (max(layers) + 1) * row + 40 if layers else 0.0
    others = sorted(
        (n for n in nodes if not n.related), key=lambda n: (n.group is None, n.group or "")
    )
    per_row = max(1, round(math.sqrt(len(others) * 2)))
    cell_w = max((sizes[n.id][0] for n in others), default=MIN_WIDTH) + 16
    cell_h = max((sizes[n.id][1] for n in others), default=MIN_HEIGHT) + 14
    left = -(min(per_row, len(others)) - 1) / 2 * cell_w
    for i, node in enumerate(others):
        positions[node.id] = (left + (i % per_row) * cell_w, top + (i // per_row) * cell_h)
    return positions


def _nodes_of(mechanism: Mechanism) -> list[Node]:
    # Tolerate graph nodes without a Node (an edge added to an unknown id creates one).
    return [
        data["node"]
        for _, data in mechanism.graph.nodes(data=True)
        if isinstance(data.get("node"), Node)
    ]


def _united(rects: Iterable[QRectF]) -> QRectF:
    total = QRectF()
    for rect in rects:
        total = rect if total.isNull() else total.united(rect)
    return total


# -- the scene -------------------------------------------------------------------------------


class MechanismScene(QGraphicsScene):
    """A ``Mechanism`` drawn as a pathway diagram, with legend and note.

    ``node_items`` maps node ids to ``NodeItem``; ``edge_items`` lists the ``EdgeItem``s;
    ``legend``, ``note_item``, ``also_item`` (the "Also in the figure" caption) and
    ``group_items`` are there for layout checks. ``nodesSelected`` carries the NCBI Gene ids of
    the selected nodes' members whenever the user changes the selection.
    """

    nodesSelected = Signal(list)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        colors: DiagramColors | None = None,
        title: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.colors = colors if colors is not None else colors_from_palette()
        self.title = title
        self.mechanism: Mechanism | None = None
        self.node_items: dict[str, NodeItem] = {}
        self.edge_items: list[EdgeItem] = []
        self.group_items: list[QGraphicsSimpleTextItem] = []
        self.frame_item: QGraphicsPathItem | None = None
        self.also_item: QGraphicsSimpleTextItem | None = None
        self.legend: QGraphicsPathItem | None = None
        self.note_item: QGraphicsSimpleTextItem | None = None
        self.title_item: QGraphicsSimpleTextItem | None = None
        self.message_item: QGraphicsSimpleTextItem | None = None
        self.last_menu: QMenu | None = None
        self.editor: CanvasEditor | None = None
        self.laid_out_here = False
        self._highlight: set[str] = set()
        self._listed: set[str] = set()
        self.note = NOTE  # where the mechanism comes from, under the legend
        self._quiet = False
        self.setBackgroundBrush(self.colors.background)
        self.selectionChanged.connect(self._on_selection_changed)

    # -- content ---------------------------------------------------------------------------

    def set_mechanism(self, mechanism: Mechanism | None) -> None:
        """Draw ``mechanism`` (``None`` or one without nodes leaves the diagram empty)."""
        self.mechanism = mechanism
        self._rebuild()

    def set_note(self, note: str) -> None:
        """Say under the legend where the mechanism comes from (draft, edited, curated)."""
        self.note = note
        if self.note_item is not None:
            self.note_item.setText(note)

    def set_colors(self, colors: DiagramColors) -> None:
        """Redraw in other colours (the palette changed), keeping selection and highlight."""
        self.colors = colors
        self.refresh()

    def refresh(self) -> None:
        """Redraw the mechanism (edited in place), keeping selection and highlight."""
        selected = set(self.selected_node_ids())
        edges = {(e.source, e.target) for e in self.selected_edges()}
        self._rebuild()
        self._quiet = True
        try:
            for node_id in selected:
                if node_id in self.node_items:
                    self.node_items[node_id].setSelected(True)
            for item in self.edge_items:
                if (item.edge.source, item.edge.target) in edges:
                    item.setSelected(True)
        finally:
            self._quiet = False

    def make_editable(self) -> CanvasEditor:
        """Let the user edit the diagram (see ``viewer.ui.canvas_edit``); returns the editor."""
        from viewer.ui.canvas_edit import CanvasEditor

        if self.editor is None:
            self.editor = CanvasEditor(self)
            self._rebuild()
        return self.editor

    def _rebuild(self) -> None:
        self._quiet = True
        try:
            self.clear()
            self.node_items = {}
            self.edge_items = []
            self.group_items = []
            self.frame_item = self.also_item = self.legend = None
            self.note_item = self.title_item = self.message_item = None
            self.setBackgroundBrush(self.colors.background)
            mechanism = self.mechanism
            nodes = _nodes_of(mechanism) if mechanism is not None else []
            if mechanism is not None and nodes:
                self._add_nodes(mechanism, nodes)
                self._add_edges(mechanism)
                self._add_groups()
                if self.title:
                    self._add_title()
                self._add_legend()
            elif mechanism is not None:
                self.message_item = _text_item(EMPTY_MESSAGE, _font(LABEL_PX), self.colors.muted)
                self.addItem(self.message_item)
            self.setSceneRect(
                self.itemsBoundingRect().adjusted(
                    -SCENE_MARGIN, -SCENE_MARGIN, SCENE_MARGIN, SCENE_MARGIN
                )
            )
            for item in self.node_items.values():
                item.set_highlighted(bool(self._highlight_matches(item.node)))
                item.set_listed(bool(self._listed.intersection(item.node.entrez_ids)))
        finally:
            self._quiet = False

    def _add_nodes(self, mechanism: Mechanism, nodes: list[Node]) -> None:
        sizes: dict[str, tuple[float, float]] = {}
        for node in nodes:
            need_w, need_h = label_box_size(node)
            # Never narrower than the label: a cut-off name is worse than a snug layout.
            sizes[node.id] = (max(node.width, need_w), max(node.height, need_h))
        positions = fallback_layout(mechanism, sizes) if _needs_layout(nodes) else {}
        self.laid_out_here = bool(positions)
        for node in nodes:
            if node.id in positions:
                node = node.moved(*positions[node.id])
            item = NodeItem(node, self.colors, sizes[node.id])
            if self.editor is not None:
                item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable, True)
                item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges, True)
            self.addItem(item)
            self.node_items[node.id] = item

    def _add_edges(self, mechanism: Mechanism) -> None:
        pairs = set(mechanism.graph.edges())
        for source, target, data in mechanism.graph.edges(data=True):
            edge = data.get("edge")
            if not isinstance(edge, Edge):
                continue
            src, dst = self.node_items.get(source), self.node_items.get(target)
            if src is None or dst is None:
                continue
            paired = source != target and (target, source) in pairs
            item = EdgeItem(edge, src, dst, self.colors, paired=paired)
            if self.editor is not None:
                item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
            self.addItem(item)
            item.route()  # again, now that the other boxes are there to go around
            self.edge_items.append(item)

    def _add_groups(self) -> None:
        """Frame the unrelated nodes under "Also in the figure", with group names if room."""
        others = [item for item in self.node_items.values() if not item.node.related]
        if not others:
            return
        colors = self.colors
        boxes = [item.box.translated(item.pos()) for item in self.node_items.values()]
        groups: dict[str, list[NodeItem]] = defaultdict(list)
        for item in others:
            if item.node.group:
                groups[item.node.group].append(item)
        top = min(item.box.translated(item.pos()).top() for item in others)
        if len(groups) > 1 or (groups and len(groups[next(iter(groups))]) < len(others)):
            font = _font(SMALL_PX, bold=True)
            placed: list[QRectF] = []
            for name, items in groups.items():
                area = _united(i.box.translated(i.pos()) for i in items)
                label = _text_item(shown_label(name), font, colors.muted)
                rect = label.boundingRect()
                spot = QRectF(
                    area.left(), area.top() - rect.height() - 6, rect.width(), rect.height()
                )
                if any(spot.intersects(box) for box in boxes + placed):
                    continue  # no room above this group: the tooltips still name it
                label.setPos(spot.topLeft())
                label.setZValue(Z_NODE)
                self.addItem(label)
                self.group_items.append(label)
                placed.append(spot)
                top = min(top, spot.top())
        self.also_item = _text_item(ALSO_IN_FIGURE, _font(LABEL_PX, bold=True), colors.muted)
        header = self.also_item.boundingRect()
        area = _united(i.box.translated(i.pos()) for i in others)
        for label in self.group_items:  # the frame holds the group names too
            area = area.united(label.sceneBoundingRect())
        frame = QRectF(area)
        frame.setTop(top - header.height() - 16)
        frame.adjust(-18, 0, 18, 18)
        frame.setWidth(max(frame.width(), header.width() + 36))
        self.also_item.setPos(frame.left() + 14, frame.top() + 10)
        self.also_item.setZValue(Z_NODE)
        self.addItem(self.also_item)
        outline = QPainterPath()
        outline.addRoundedRect(frame, 10, 10)
        self.frame_item = QGraphicsPathItem(outline)
        pen = QPen(colors.frame_border, 1.2)
        pen.setStyle(Qt.PenStyle.DashLine)
        pen.setDashPattern([5.0, 4.0])
        self.frame_item.setPen(pen)
        self.frame_item.setBrush(QBrush(colors.frame_fill))
        self.frame_item.setZValue(Z_FRAME)
        self.addItem(self.frame_item)

    def _add_title(self) -> None:
        content = self.itemsBoundingRect()
        title = " ".join((self.title or "").split())
        if len(title) > MAX_TITLE:
            title = title[: MAX_TITLE - 1] + "…"
        self.title_item = _text_item(title, _font(LABEL_PX + 2, bold=True), self.colors.text)
        height = self.title_item.boundingRect().height()
        self.title_item.setPos(content.left(), content.top() - height - 28)
        self.addItem(self.title_item)

    def _add_legend(self) -> None:
        """Two rows of samples and the note, under everything else."""
        colors = self.colors
        content = self.itemsBoundingRect()
        font = _font(SMALL_PX)
        left, y = content.left(), content.bottom() + 40
        group = QGraphicsPathItem()
        # A bare container: drawing its empty path would put an invalid path in SVG exports.
        group.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, True)
        self.addItem(group)

        def caption(text: str, x: float, centre_y: float) -> float:
            item = _text_item(text, font, colors.text, group)
            rect = item.boundingRect()
            item.setPos(x, centre_y - rect.height() / 2)
            return x + rect.width()

        x = left
        row_y = y + 14
        three = (Member("A"), Member("B"), Member("C"))
        samples = (
            ("Gene", Node(id="legend-gene", label="", kind="gene", related=True)),
            (
                "Family or complex (badge: members)",
                Node(id="legend-family", label="", kind="family", related=True, members=three),
            ),
            (
                "Named in the caption only",
                Node(id="legend-caption", label="", kind="caption", related=True),
            ),
        )
        for text, sample in samples:
            item = NodeItem(sample, colors, (44.0, 24.0), interactive=False)
            item.setParentItem(group)
            item.setPos(x + 22, row_y)
            x = caption(text, x + 54, row_y) + 28
        x = left
        row_y += 34
        for relation, text in (
            ("activation", "activates"),
            ("inhibition", "inhibits"),
            ("binding", "binds"),
            ("association", "is associated with"),
        ):
            glyph = EdgeGlyph(relation, colors)
            glyph.setParentItem(group)
            glyph.set_route(QPointF(x, row_y), QPointF(x + 44, row_y))
            x = caption(text, x + 54, row_y) + 28
        self.note_item = _text_item(self.note, _font(SMALL_PX, italic=True), colors.muted, group)
        self.note_item.setPos(left, row_y + 22)
        self.legend = group

    # -- selection and highlight -----------------------------------------------------------

    def selected_node_ids(self) -> list[str]:
        """Ids of the selected nodes, in the mechanism's order."""
        return [node_id for node_id, item in self.node_items.items() if item.isSelected()]

    def selected_edges(self) -> list[Edge]:
        """The selected relations (only an editable diagram lets the user select them)."""
        return [item.edge for item in self.edge_items if item.isSelected()]

    def selected_entrez(self) -> list[str]:
        """NCBI Gene ids of the selected nodes' members, each once, in diagram order."""
        seen: dict[str, None] = {}
        for node_id in self.selected_node_ids():
            for entrez in self.node_items[node_id].node.entrez_ids:
                seen.setdefault(entrez, None)
        return list(seen)

    def _on_selection_changed(self) -> None:
        if not self._quiet:
            self.nodesSelected.emit(self.selected_entrez())

    def _highlight_matches(self, node: Node) -> set[str]:
        return self._highlight.intersection(node.entrez_ids)

    def highlight_entrez(self, ids: Iterable[str]) -> None:
        """Mark the nodes standing for any of these genes; the selection (and signal) stay."""
        self._highlight = {str(i) for i in ids}
        for item in self.node_items.values():
            item.set_highlighted(bool(self._highlight_matches(item.node)))

    def mark_entrez(self, ids: Iterable[str]) -> None:
        """Mark the nodes standing for genes of a highlighted list (kept across redraws)."""
        self._listed = {str(i) for i in ids}
        for item in self.node_items.values():
            item.set_listed(bool(self._listed.intersection(item.node.entrez_ids)))

    def marked_node_ids(self) -> list[str]:
        """Ids of the nodes marked by ``mark_entrez``."""
        return [node_id for node_id, item in self.node_items.items() if item.listed]

    def highlighted_node_ids(self) -> list[str]:
        """Ids of the marked nodes."""
        return [node_id for node_id, item in self.node_items.items() if item.highlighted]

    # -- following links -------------------------------------------------------------------

    def member_menu(self, node: Node | NodeItem | str) -> QMenu:
        """A menu with an "Open NCBI Gene page of …" entry per member (disabled without id)."""
        if isinstance(node, NodeItem):
            node = node.node
        elif isinstance(node, str):
            node = self.node_items[node].node
        menu = QMenu()
        for member in node.members:
            url = links.ncbi_gene(member.entrez)
            # "&" would start a keyboard mnemonic in a menu entry; "&&" shows it.
            symbol = member.symbol.replace("&", "&&")
            if url is None:
                action = menu.addAction(f"{symbol} (no NCBI Gene id)")
                action.setEnabled(False)
                continue
            action = menu.addAction(f"Open NCBI Gene page of {symbol}")
            action.setData(url)
            action.triggered.connect(lambda _checked=False, url=url: urls.open_url(url))
        return menu

    def node_menu(self, node: Node) -> QMenu:
        """A box's menu: its members' NCBI Gene pages and, when editing, Rename and Delete."""
        menu = self.member_menu(node)
        if self.editor is not None:
            self.editor.add_node_actions(menu, node)
        self.last_menu = menu
        return menu

    def reroute_edges(self, item: NodeItem) -> None:
        """Redraw the relations of a box that moved."""
        for edge in self.edge_items:
            if edge.source_item is item or edge.target_item is item:
                edge.route()

    def activate_node(self, node_id: str, screen_pos: QPoint | QPointF | None = None) -> bool:
        """Follow a node: a gene opens its NCBI page, a family offers its members' pages.

        Returns whether a page was opened or a menu shown.
        """
        item = self.node_items.get(node_id)
        if item is None:
            return False
        node = item.node
        targets = [links.ncbi_gene(m.entrez) for m in node.members]
        targets = [url for url in targets if url]
        if not targets:
            return False
        if node.kind != "family" and len(node.members) == 1:
            return urls.open_url(targets[0])
        menu = self.member_menu(node)
        self.last_menu = menu  # keep it alive while it is open
        point = screen_pos.toPoint() if isinstance(screen_pos, QPointF) else screen_pos
        if point is None:
            views = self.views()
            point = (
                views[0].viewport().mapToGlobal(views[0].mapFromScene(item.scenePos()))
                if views
                else None
            )
        if point is not None:
            menu.popup(point)
        return True

    # -- events ----------------------------------------------------------------------------

    def node_at(self, pos: QPointF) -> NodeItem | None:
        """The node whose box is at scene point ``pos``, if any."""
        for item in self.items(pos):
            while item is not None and not isinstance(item, NodeItem):
                item = item.parentItem()
            if isinstance(item, NodeItem) and item.interactive:
                return item
        return None

    def edge_at(self, pos: QPointF) -> EdgeItem | None:
        """The relation whose line is at scene point ``pos``, if any."""
        for item in self.items(pos):
            while item is not None and not isinstance(item, EdgeItem):
                item = item.parentItem()
            if isinstance(item, EdgeItem):
                return item
        return None

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        """Presses off the nodes (and, when editing, relations) go to the view for panning."""
        if self.editor is not None and self.editor.press(event):
            return
        on_edge = self.editor is not None and self.edge_at(event.scenePos()) is not None
        if self.node_at(event.scenePos()) is None and not on_edge:
            event.ignore()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        """Draw the relation being made, or move the boxes being dragged."""
        if self.editor is not None and self.editor.move(event):
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        """Finish drawing a relation, or ask to move the boxes just dragged."""
        if self.editor is not None and self.editor.release(event):
            return
        super().mouseReleaseEvent(event)
        if self.editor is not None:
            self.editor.moved_boxes()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """When editing: Delete deletes the selection, F2 renames the selected box."""
        if self.editor is not None and self.editor.key(event):
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QGraphicsSceneContextMenuEvent) -> None:
        """A box's or relation's own menu; on the background, when editing, Add Gene and more."""
        super().contextMenuEvent(event)
        if event.isAccepted() or self.editor is None or self.mechanism is None:
            return
        menu = self.editor.canvas_menu(event.scenePos())
        self.last_menu = menu
        menu.exec(event.screenPos())
        event.accept()
