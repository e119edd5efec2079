"""Every corpus record exports to every format, and a real reader accepts each file.

GPML: the GPML2013a schema (lxml); CX2: the ndex2 client library; GraphML: networkx reads it
back equal; TSV: Python's csv module; GMT: a strict little parser; JSON: json; SIF: its line
shape. One test per record and format, so that a failure names both.
"""

from __future__ import annotations

import io
import json

import networkx as nx
import pytest
from exporting import IDS, RECORDS, exported, loaded, read_gmt, read_sif, read_tsv
from gpml_schema import gpml_errors
from lxml import etree
from ndex2.cx2 import RawCX2NetworkFactory

from viewer.export import (
    FORMATS,
    PICTURE_FORMATS,
    record_to_networkx,
    records_to_gmt,
    records_to_tsv,
)
from viewer.export.common import checked_entrez, figure_alias, gene_ids, one_line
from viewer.export.cx2 import ARROW_SHAPES
from viewer.export.gpml import ARROWHEADS
from viewer.export.tsv import COLUMNS
from viewer.mechanism import RELATION_TYPES

GPML = "{http://pathvisio.org/GPML/2013a}"
CX2_ORDER = [
    "CXVersion", "metaData", "attributeDeclarations", "networkAttributes", "nodes", "edges",
    "visualProperties",
]  # fmt: skip

by_record = pytest.mark.parametrize("path", RECORDS, ids=IDS)


def test_the_whole_corpus_is_exported() -> None:
    assert len(RECORDS) == 159
    assert list(FORMATS) == ["gpml", "cx2", "graphml", "sif", "tsv", "gmt", "json"]
    assert set(PICTURE_FORMATS) == {"svg", "png"}


@by_record
def test_gpml_is_valid_and_complete(path) -> None:
    record, mechanism = loaded(path)
    text = exported(path, "gpml")
    assert gpml_errors(text) == []
    root = etree.fromstring(text.encode("utf-8"))
    assert root.get("Name") == record.title
    attributes = {a.get("Key"): a.get("Value") for a in root.findall(f"{GPML}Attribute")}
    assert attributes["figid"] == record.figid
    assert attributes.get("pmcid") == record.pmcid
    if record.caption:
        assert root.find(f"{GPML}Comment").text == record.caption
    nodes = root.findall(f"{GPML}DataNode")
    expected = sum(len(n.members) if n.kind == "family" else 1 for n in mechanism.nodes)
    assert len(nodes) == expected + len(record.chemicals)
    kinds = [n.get("Type") for n in nodes]
    assert kinds.count("Metabolite") == len(record.chemicals)
    assert kinds.count("Unknown") == sum(n.kind == "caption" for n in mechanism.nodes)
    ids = {n.get("GraphId") for n in nodes}
    groups = root.findall(f"{GPML}Group")
    assert len(groups) == sum(n.kind == "family" for n in mechanism.nodes)
    ids |= {g.get("GraphId") for g in groups}
    group_ids = {g.get("GroupId") for g in groups}
    assert {n.get("GroupRef") for n in nodes if n.get("GroupRef")} == group_ids
    record_ids = set(gene_ids(record))
    for node in nodes:
        xref = node.find(f"{GPML}Xref")
        if node.get("Type") == "GeneProduct" and xref.get("ID"):
            assert xref.get("Database") == "Entrez Gene" and xref.get("ID") in record_ids
        if node.get("Type") == "Unknown":
            assert (xref.get("Database"), xref.get("ID")) == ("", "")
        if node.get("Type") == "Metabolite" and xref.get("ID"):
            assert xref.get("Database") in ("ChEBI", "MeSH")
    interactions = root.findall(f"{GPML}Interaction")
    assert len(interactions) == len(mechanism.edges)
    for interaction, edge in zip(interactions, mechanism.edges, strict=True):
        first, last = interaction.findall(f"{GPML}Graphics/{GPML}Point")
        assert first.get("GraphRef") in ids and last.get("GraphRef") in ids
        assert last.get("ArrowHead") == ARROWHEADS[edge.type]
        assert interaction.find(f"{GPML}Comment").text == edge.evidence
    assert root.find(f"{GPML}InfoBox") is not None


@by_record
def test_cx2_loads_in_ndex2_with_the_same_network(path) -> None:
    record, mechanism = loaded(path)
    aspects = json.loads(exported(path, "cx2"))
    names = [next(iter(aspect)) for aspect in aspects]
    assert names[: len(CX2_ORDER)] == CX2_ORDER and names[-1] == "status"
    assert set(names[len(CX2_ORDER) : -1]) <= {"nodeBypasses"}
    meta = {m["name"]: m["elementCount"] for m in aspects[1]["metaData"]}
    assert meta["nodes"] == len(mechanism.nodes) and meta["edges"] == len(mechanism.edges)

    network = RawCX2NetworkFactory().get_cx2network(aspects)
    attributes = network.get_network_attributes()
    assert attributes["name"] == record.title
    assert attributes["figid"] == record.figid
    assert attributes.get("pmcid") == record.pmcid
    assert attributes.get("description") == record.caption
    assert attributes.get("year") == record.year
    nodes = network.get_nodes()
    assert len(nodes) == len(mechanism.nodes)
    by_id = {}
    for node_id, node in zip(sorted(nodes), mechanism.nodes, strict=True):
        values = nodes[node_id]["v"]
        by_id[node_id] = node
        assert values["name"] == node.label and values["kind"] == node.kind
        assert (nodes[node_id]["x"], nodes[node_id]["y"]) == (node.x, node.y)
        assert values["word"] and "source" in values
        if node.kind == "gene" and checked_entrez(node.members[0].entrez):
            assert values["represents"] == f"ncbigene:{node.members[0].entrez}"
    edges = network.get_edges()
    assert len(edges) == len(mechanism.edges)
    for edge_id, edge in zip(sorted(edges), mechanism.edges, strict=True):
        found = edges[edge_id]
        assert by_id[found["s"]].id == edge.source and by_id[found["t"]].id == edge.target
        assert found["v"]["interaction"] == edge.type
        assert found["v"]["evidence"] == edge.evidence
    style = network.get_visual_properties()["edgeMapping"]["EDGE_TARGET_ARROW_SHAPE"]
    arrows = {m["v"]: m["vp"] for m in style["definition"]["map"]}
    assert arrows == ARROW_SHAPES and arrows["inhibition"] == "tee"
    assert arrows["activation"] == "triangle"


@by_record
def test_graphml_reads_back_equal_in_networkx(path) -> None:
    record, mechanism = loaded(path)
    graph = nx.read_graphml(io.BytesIO(exported(path, "graphml").encode("utf-8")))
    expected = record_to_networkx(record, mechanism)
    assert graph.is_directed()
    defaults = {"node_default": {}, "edge_default": {}}  # what the reader adds
    assert graph.graph == {**defaults, **expected.graph}
    assert dict(graph.nodes(data=True)) == dict(expected.nodes(data=True))
    assert sorted(graph.edges(data=True)) == sorted(expected.edges(data=True))
    assert [graph.nodes[n.id]["label"] for n in mechanism.nodes] == [
        n.label for n in mechanism.nodes
    ]
    assert graph.number_of_edges() == len(mechanism.edges)


@by_record
def test_tsv_reads_back_with_csv(path) -> None:
    record, _ = loaded(path)
    rows = read_tsv(exported(path, "tsv"))
    assert rows[0] == list(COLUMNS)
    assert len(rows) == 1 + len(record.genes)
    for row, gene in zip(rows[1:], record.genes, strict=True):
        assert row[0] == record.figid
        assert row[3:7] == [gene.word or "", gene.symbol or "", gene.hgnc_symbol or "", gene.entrez]
        assert row[8] == f"https://www.ncbi.nlm.nih.gov/gene/{gene.entrez}"


@by_record
def test_gmt_has_one_gene_set(path) -> None:
    record, _ = loaded(path)
    ((name, description, genes),) = read_gmt(exported(path, "gmt"))
    assert name == (figure_alias(record) or record.figid)
    assert description == one_line(record.title)
    assert genes == gene_ids(record)


@by_record
def test_json_parses(path) -> None:
    record, mechanism = loaded(path)
    data = json.loads(exported(path, "json"))
    assert data["figid"] == record.figid and data["figtitle"] == record.figtitle
    assert len(data["mechanism"]["nodes"]) == len(mechanism.nodes)
    assert len(data["mechanism"]["edges"]) == len(mechanism.edges)


@by_record
def test_sif_lines(path) -> None:
    _, mechanism = loaded(path)
    rows = read_sif(exported(path, "sif"))
    relations = [row for row in rows if len(row) == 3]
    assert len(relations) == len(mechanism.edges)
    assert all(row[1] in RELATION_TYPES for row in relations)
    assert len(rows) - len(relations) == sum(not n.related for n in mechanism.nodes)


def test_all_records_in_one_tsv_and_one_gmt() -> None:
    records = [loaded(path)[0] for path in RECORDS]
    rows = read_tsv(records_to_tsv(records))
    assert rows[0] == list(COLUMNS)
    assert len(rows) == 1 + sum(len(r.genes) for r in records)
    assert {row[0] for row in rows[1:]} == {r.figid for r in records if r.genes}
    sets = read_gmt(records_to_gmt(records))
    assert len(sets) == len(records)
    assert [s[2] for s in sets] == [gene_ids(r) for r in records]


def test_gmt_for_one_organism() -> None:
    record, _ = loaded(next(p for p in RECORDS if "PMC6365454" in p.name))
    organisms = {g.organism for g in record.genes}
    assert {"Drosophila melanogaster", "Homo sapiens"} <= organisms
    ((_, _, fly),) = read_gmt(records_to_gmt([record], organism="Drosophila melanogaster"))
    ((_, _, by_taxon),) = read_gmt(records_to_gmt([record], organism="7227"))
    assert fly == by_taxon
    fly_ids = {g.entrez for g in record.genes if g.organism == "Drosophila melanogaster"}
    assert fly and set(fly) == fly_ids
