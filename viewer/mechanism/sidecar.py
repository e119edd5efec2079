"""A record's curated mechanism, in a sidecar file beside it (the record is never changed).

``{record file name}.mechanism.yaml``, format version 1::

    format: pathway-figure-viewer/mechanism
    version: 1
    record:                      # the record this curation belongs to
      file: PMC1584297__neo0809_0733_fig009.md
      figid: PMC1584297__neo0809_0733_fig009
      sha256: 3f1c…              # of the record file's bytes when the curation was saved
    saved: '2026-11-26T18:20:00+00:00'
    author: A. Curator           # optional
    nodes:
      - {id: n1, label: NF-κB, kind: family, x: 120.0, y: 40.0,
         members: [{symbol: RELA, entrez: '5970'}]}
    edges:
      - {source: n1, target: n2, type: activation, evidence: '…', confidence: 1.0}

Readers refuse, with a message naming the file: a corrupt file, a newer ``version``, an edge
that names an unknown node, a node listed twice, an unknown kind or relation type. A sidecar
is loaded with the same guarded safe YAML loader as records. Saving goes through
``viewer.atomicfile``, so a crash leaves the old sidecar or the new one.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import yaml

from viewer.atomicfile import write_atomically
from viewer.mechanism.layout import node_size
from viewer.mechanism.model import RELATION_TYPES, Edge, Mechanism, Member, Node
from viewer.record.errors import RecordError
from viewer.record.safeyaml import load_yaml

FORMAT = "pathway-figure-viewer/mechanism"
VERSION = 1
SUFFIX = ".mechanism.yaml"
MAX_SIDECAR_BYTES = 20 * 1024 * 1024
NODE_KINDS = ("gene", "family", "caption")


class SidecarError(RecordError):
    """A sidecar that cannot be used; the file is left as it is."""


@dataclass(frozen=True)
class Sidecar:
    """A curated mechanism and what it says about the record it was made for."""

    mechanism: Mechanism
    record_sha256: str
    saved: str | None
    author: str | None
    path: Path


def sidecar_path(record_path: str | Path) -> Path:
    """Where the curation of the record at ``record_path`` lives."""
    record = Path(record_path)
    return record.with_name(record.name + SUFFIX)


def record_digest(record_path: str | Path) -> str:
    """The SHA-256 of the record file's bytes."""
    return hashlib.sha256(Path(record_path).read_bytes()).hexdigest()


def _node_data(node: Node) -> dict[str, Any]:
    data: dict[str, Any] = {"id": node.id, "label": node.label, "kind": node.kind}
    if node.members:
        data["members"] = [
            {"symbol": m.symbol, **({"entrez": m.entrez} if m.entrez else {})} for m in node.members
        ]
    if node.group:
        data["group"] = node.group
    data["related"] = node.related
    data["x"], data["y"] = round(node.x, 2), round(node.y, 2)
    return data


def dump_sidecar(
    mechanism: Mechanism,
    record_path: str | Path,
    *,
    author: str | None = None,
    saved: datetime | None = None,
) -> str:
    """The sidecar text for ``mechanism``, curated from the record at ``record_path``."""
    when = (saved or datetime.now(timezone.utc)).isoformat(timespec="seconds")
    document: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "record": {
            "file": Path(record_path).name,
            "figid": mechanism.figid,
            "sha256": record_digest(record_path),
        },
        "saved": when,
    }
    if author:
        document["author"] = author
    document["nodes"] = [_node_data(node) for node in mechanism.nodes]
    document["edges"] = [
        {
            "source": e.source,
            "target": e.target,
            "type": e.type,
            "evidence": e.evidence,
            "confidence": round(e.confidence, 4),
        }
        for e in mechanism.edges
    ]
    return yaml.dump(
        document, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True, width=100
    )


def save_sidecar(
    mechanism: Mechanism, record_path: str | Path, *, author: str | None = None
) -> Path:
    """Write the curation beside the record, atomically; return the sidecar's path."""
    path = sidecar_path(record_path)
    write_atomically(path, dump_sidecar(mechanism, record_path, author=author))
    return path


def load_sidecar(record_path: str | Path) -> Sidecar | None:
    """The curation saved for the record at ``record_path``; ``None`` when there is none.

    Raises ``SidecarError`` (file and reason) when the sidecar exists but cannot be used.
    """
    path = sidecar_path(record_path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise SidecarError(f"cannot be read: {exc.strerror or exc}", str(path)) from None
    return parse_sidecar(raw, path)


def parse_sidecar(raw: bytes, path: Path) -> Sidecar:
    """Read sidecar bytes (from the file ``path``) into a ``Sidecar``."""
    name = str(path)
    if len(raw) > MAX_SIDECAR_BYTES:
        raise SidecarError("the file is too large for a curated mechanism", name)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SidecarError(f"not UTF-8 text (byte {exc.start})", name) from None
    try:
        document = load_yaml(text, name)
    except RecordError as exc:
        raise SidecarError(exc.message, name, exc.line, exc.column) from None
    return _read_document(document, path)


def _text(value: Any, what: str, name: str, *, required: bool = True) -> str | None:
    if value is None and not required:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or (required and not value.strip()):
        raise SidecarError(f"{what} must be text", name)
    return value


def _number(value: Any, what: str, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise SidecarError(f"{what} must be a finite number", name)
    return float(value)


def _read_document(document: Any, path: Path) -> Sidecar:
    name = str(path)
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise SidecarError(f"not a curated mechanism (no 'format: {FORMAT}')", name)
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise SidecarError("'version' must be a whole number from 1", name)
    if version > VERSION:
        raise SidecarError(
            f"made by a newer version of the viewer (format version {version}; this one "
            f"reads up to {VERSION})",
            name,
        )
    record = document.get("record")
    if not isinstance(record, dict):
        raise SidecarError("'record' must say which record the curation belongs to", name)
    digest = _text(record.get("sha256"), "record sha256", name)
    figid = _text(record.get("figid"), "record figid", name)
    nodes, edges = document.get("nodes"), document.get("edges")
    if not isinstance(nodes, list) or not isinstance(edges, list):
        raise SidecarError("'nodes' and 'edges' must be lists", name)
    mechanism = Mechanism(str(figid))
    for number, item in enumerate(nodes, 1):
        mechanism.add_node(_read_node(item, f"node {number}", name, mechanism))
    known = {node.id for node in mechanism.nodes}
    for number, item in enumerate(edges, 1):
        edge = _read_edge(item, f"edge {number}", name)
        for end in (edge.source, edge.target):
            if end not in known:
                raise SidecarError(f"edge {number} refers to an unknown node {end!r}", name)
        if edge.source == edge.target:
            raise SidecarError(f"edge {number} joins node {edge.source!r} to itself", name)
        if mechanism.graph.has_edge(edge.source, edge.target):
            raise SidecarError(f"edge {number} repeats {edge.source!r} → {edge.target!r}", name)
        mechanism.add_edge(edge)
    return Sidecar(
        mechanism=mechanism,
        record_sha256=str(digest),
        saved=_text(document.get("saved"), "'saved'", name, required=False),
        author=_text(document.get("author"), "'author'", name, required=False),
        path=path,
    )


def _read_node(item: Any, what: str, name: str, mechanism: Mechanism) -> Node:
    if not isinstance(item, dict):
        raise SidecarError(f"{what} must be a mapping", name)
    node_id = str(_text(item.get("id"), f"{what} id", name))
    if mechanism.graph.has_node(node_id):
        raise SidecarError(f"{what} repeats the id {node_id!r}", name)
    kind = item.get("kind")
    if kind not in NODE_KINDS:
        raise SidecarError(f"{what} has kind {kind!r}; expected one of {NODE_KINDS}", name)
    members_data = item.get("members", [])
    if not isinstance(members_data, list):
        raise SidecarError(f"{what} members must be a list", name)
    members = []
    for member in members_data:
        if not isinstance(member, dict):
            raise SidecarError(f"{what} has a member that is not a mapping", name)
        entrez = _text(member.get("entrez"), f"{what} member entrez", name, required=False)
        if entrez is not None and not entrez.isdigit():
            raise SidecarError(f"{what} has a member whose entrez is not a number", name)
        members.append(Member(str(_text(member.get("symbol"), f"{what} symbol", name)), entrez))
    related = item.get("related", True)
    node = Node(
        id=node_id,
        label=str(_text(item.get("label"), f"{what} label", name)),
        kind=kind,
        members=tuple(members),
        related=bool(related),
        group=_text(item.get("group"), f"{what} group", name, required=False),
        x=_number(item.get("x", 0.0), f"{what} x", name),
        y=_number(item.get("y", 0.0), f"{what} y", name),
    )
    width, height = node_size(node)
    return replace(node, width=width, height=height)


def _read_edge(item: Any, what: str, name: str) -> Edge:
    if not isinstance(item, dict):
        raise SidecarError(f"{what} must be a mapping", name)
    relation = item.get("type")
    if relation not in RELATION_TYPES:
        raise SidecarError(f"{what} has type {relation!r}; expected one of {RELATION_TYPES}", name)
    return Edge(
        source=str(_text(item.get("source"), f"{what} source", name)),
        target=str(_text(item.get("target"), f"{what} target", name)),
        type=relation,
        evidence=_text(item.get("evidence", ""), f"{what} evidence", name, required=False) or "",
        confidence=_number(item.get("confidence", 1.0), f"{what} confidence", name),
        pattern="curated",
    )
