"""Exports of a record and its mechanism to the formats the field uses (no Qt here).

Each format is a module with a function ``record_to_<format>(record, mechanism) -> str``;
``FORMATS`` lists them by name for menus and the command line, in menu order. The pictures
(SVG, PNG) need Qt, so they live in ``viewer.ui.mechanism_render``; ``PICTURE_FORMATS`` only
names them. ``write_export`` writes any of them to a file atomically.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from viewer.export.cx2 import cx2_aspects, record_to_cx2
from viewer.export.files import ExportError, write_export
from viewer.export.gmt import gmt_line, record_to_gmt, records_to_gmt
from viewer.export.gpml import gpml_data_nodes, record_to_gpml
from viewer.export.graphml import record_to_graphml, record_to_networkx
from viewer.export.json_export import record_to_dict, record_to_json
from viewer.export.mechanism_export import mechanism_to_dict, mechanism_to_sif
from viewer.export.tsv import record_to_tsv, records_to_tsv
from viewer.mechanism.model import Mechanism
from viewer.record.model import FigureRecord

Writer = Callable[[FigureRecord, Mechanism], str]
Combiner = Callable[[Sequence[FigureRecord]], str]


@dataclass(frozen=True, slots=True)
class ExportFormat:
    """One export format.

    ``write(record, mechanism)`` returns the file's text. ``combine(records)``, for formats
    that hold many figures in one file (TSV, GMT), returns one text for all of them; those
    formats do not use the mechanism.
    """

    name: str
    extension: str
    title: str
    write: Writer
    combine: Combiner | None = None

    @property
    def file_filter(self) -> str:
        """A file-dialog filter, such as ``GPML for PathVisio and WikiPathways (*.gpml)``."""
        return f"{self.title} (*.{self.extension})"


def _json(record: FigureRecord, mechanism: Mechanism) -> str:
    return record_to_json(record, mechanism) + "\n"


def _sif(record: FigureRecord, mechanism: Mechanism) -> str:
    return mechanism_to_sif(mechanism)


FORMATS: dict[str, ExportFormat] = {
    fmt.name: fmt
    for fmt in (
        ExportFormat("gpml", "gpml", "GPML for PathVisio and WikiPathways", record_to_gpml),
        ExportFormat("cx2", "cx2", "CX2 network for NDEx and Cytoscape", record_to_cx2),
        ExportFormat("graphml", "graphml", "GraphML network", record_to_graphml),
        ExportFormat("sif", "sif", "SIF interactions for Cytoscape", _sif),
        ExportFormat("tsv", "tsv", "Gene table (TSV)", record_to_tsv, records_to_tsv),
        ExportFormat("gmt", "gmt", "Gene set (GMT)", record_to_gmt, records_to_gmt),
        ExportFormat("json", "json", "JSON record with its mechanism", _json),
    )
}
# name -> (extension, file-dialog title); drawn by viewer.ui.mechanism_render (Qt).
PICTURE_FORMATS: dict[str, tuple[str, str]] = {
    "svg": ("svg", "SVG picture of the mechanism"),
    "png": ("png", "PNG picture of the mechanism"),
}

__all__ = [
    "FORMATS",
    "PICTURE_FORMATS",
    "ExportError",
    "ExportFormat",
    "cx2_aspects",
    "gmt_line",
    "gpml_data_nodes",
    "mechanism_to_dict",
    "mechanism_to_sif",
    "record_to_cx2",
    "record_to_dict",
    "record_to_gmt",
    "record_to_gpml",
    "record_to_graphml",
    "record_to_json",
    "record_to_networkx",
    "record_to_tsv",
    "records_to_gmt",
    "records_to_tsv",
    "write_export",
]
