"""Awkward input: empty records, and text that each format must carry intact.

The records are written to ``tmp_path`` and loaded like real ones; one mechanism is built by
hand so that relations and evidence carry the awkward text too.
"""

from __future__ import annotations

import io
import itertools
import json

import networkx as nx
import pytest
from exporting import read_gmt, read_sif, read_tsv
from gpml_schema import gpml_errors
from lxml import etree
from ndex2.cx2 import RawCX2NetworkFactory

from viewer.export import FORMATS, gpml_data_nodes, record_to_networkx
from viewer.mechanism import Edge, Mechanism, Member, Node, build_mechanism
from viewer.record import FigureRecord, load_record

GPML = "{http://pathvisio.org/GPML/2013a}"
AWKWARD = [
    "A&B <x>",
    "say \"hi\" 'there'",
    "tab\there",
    "new\nline",
    "κB-α 日本語 Ωmega",
    "a]]>b &amp; &#169;",
]
TITLE = 'Title & <b>bold</b> "quoted"\tTab\nNewline κB-α 日本語'
CAPTION = 'STAT3 activates IL6. A&B <x> says "hi"\tand\nmore: κB-α 日本語.'

WEIRD_RECORD = """---
figid: PMC999__weird-fig1
figtitle: "Title & <b>bold</b> \\"quoted\\"\\tTab\\nNewline κB-α 日本語"
caption: "STAT3 activates IL6. A&B <x> says \\"hi\\"\\tand\\nmore: κB-α 日本語."
pmcid: PMC999
year: '2020'
organisms: [Homo sapiens]
figid_alias: "PMC999__F1"
genes:
- {word: STAT3, symbol: STAT3, source: hgnc_symbol, hgnc_symbol: STAT3, entrez: '6774'}
- {word: IL6, symbol: IL6, source: hgnc_symbol, hgnc_symbol: IL6, entrez: '3569'}
- {word: "A&B <x>", symbol: "A&B <x>", source: "s&<", hgnc_symbol: "A&B <x>", entrez: '1'}
- word: "say \\"hi\\""
  symbol: "say \\"hi\\""
  source: s
  hgnc_symbol: "say \\"hi\\""
  entrez: '2'
- {word: "tab\\there", symbol: "tab\\there", source: s, hgnc_symbol: "tab\\there", entrez: '3'}
- {word: "new\\nline", symbol: "new\\nline", source: s, hgnc_symbol: "new\\nline", entrez: '9'}
- {word: "κB-α 日本", symbol: "κB-α 日本", source: s, hgnc_symbol: "κB-α 日本", entrez: '10'}
chemicals:
- {word: "Ca2+ & <Mg>", source: MESH, identifier: D002118}
- {word: "odd \\"one\\"", source: CHEBI, identifier: "CHEBI:29108"}
---
"""
EMPTY_RECORD = "---\nfigid: PMC1__empty\n---\n"
NO_EDGES_RECORD = """---
figid: PMC2__no-edges
figtitle: Genes but no relations
caption: A figure.
genes:
- {word: STAT3, symbol: STAT3, source: hgnc_symbol, hgnc_symbol: STAT3, entrez: '6774'}
---
"""


def _load(tmp_path, text: str, name: str) -> tuple[FigureRecord, Mechanism]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    record = load_record(path)
    assert not record.warnings
    return record, build_mechanism(record)


def _check_every_format(record: FigureRecord, mechanism: Mechanism) -> dict[str, str]:
    """Write every format and pass each through its reader; return the texts."""
    texts = {name: fmt.write(record, mechanism) for name, fmt in FORMATS.items()}
    assert gpml_errors(texts["gpml"]) == []
    RawCX2NetworkFactory().get_cx2network(json.loads(texts["cx2"]))
    nx.read_graphml(io.BytesIO(texts["graphml"].encode("utf-8")))
    read_tsv(texts["tsv"])
    assert len(read_gmt(texts["gmt"])) == 1
    json.loads(texts["json"])
    read_sif(texts["sif"])
    return texts


@pytest.mark.parametrize(
    ("text", "edges"), [(EMPTY_RECORD, 0), (NO_EDGES_RECORD, 0)], ids=["empty", "no-edges"]
)
def test_a_record_without_genes_caption_or_relations_still_exports(tmp_path, text, edges):
    record, mechanism = _load(tmp_path, text, "r.md")
    assert len(mechanism.edges) == edges
    texts = _check_every_format(record, mechanism)
    assert texts["sif"] == ("" if not record.genes else "STAT3\n")
    assert read_tsv(texts["tsv"])[1:] == [
        [record.figid, "", "", g.word, g.symbol, g.hgnc_symbol, g.entrez, g.source,
         f"https://www.ncbi.nlm.nih.gov/gene/{g.entrez}"]
        for g in record.genes
    ]  # fmt: skip


def test_an_empty_mechanism_exports_too() -> None:
    record = FigureRecord("PMC3__bare")
    texts = _check_every_format(record, Mechanism(record.figid))
    root = etree.fromstring(texts["gpml"].encode("utf-8"))
    assert root.get("Name") == "PMC3__bare" and root.find(f"{GPML}DataNode") is None
    assert read_gmt(texts["gmt"]) == [("PMC3__bare", "PMC3__bare", [])]
    assert gpml_data_nodes(record, Mechanism(record.figid)) == ""


def test_awkward_text_in_a_loaded_record_survives(tmp_path) -> None:
    record, mechanism = _load(tmp_path, WEIRD_RECORD, "weird.md")
    assert record.figtitle == TITLE and record.caption == CAPTION
    texts = _check_every_format(record, mechanism)
    labels = {n.label for n in mechanism.nodes}
    assert {"A&B <x>", 'say "hi"', "tab\there", "new\nline", "κB-α 日本"} <= labels

    gpml = etree.fromstring(texts["gpml"].encode("utf-8"))
    assert gpml.get("Name") == TITLE
    assert gpml.find(f"{GPML}Comment").text == CAPTION
    assert labels | {"Ca2+ & <Mg>", 'odd "one"'} == {
        n.get("TextLabel") for n in gpml.findall(f"{GPML}DataNode")
    }
    xrefs = {
        n.get("TextLabel"): (n.find(f"{GPML}Xref").get("Database"), n.find(f"{GPML}Xref").get("ID"))
        for n in gpml.findall(f"{GPML}DataNode")
    }
    assert xrefs["Ca2+ & <Mg>"] == ("MeSH", "D002118")
    assert xrefs['odd "one"'] == ("ChEBI", "CHEBI:29108")
    assert xrefs["κB-α 日本"] == ("Entrez Gene", "10")

    network = RawCX2NetworkFactory().get_cx2network(json.loads(texts["cx2"]))
    assert network.get_network_attributes()["name"] == TITLE
    assert network.get_network_attributes()["description"] == CAPTION
    assert labels == {n["v"]["name"] for n in network.get_nodes().values()}
    assert {n["v"]["word"] for n in network.get_nodes().values()} >= {"tab\there", "new\nline"}

    graph = nx.read_graphml(io.BytesIO(texts["graphml"].encode("utf-8")))
    assert graph.graph["name"] == TITLE and graph.graph["caption"] == CAPTION
    assert labels == {data["label"] for _, data in graph.nodes(data=True)}

    rows = read_tsv(texts["tsv"])
    assert [row[3] for row in rows[1:]] == [g.word for g in record.genes]
    assert [row[7] for row in rows[1:]][2] == "s&<"

    ((name, title, genes),) = read_gmt(texts["gmt"])
    assert name == "PMC999__F1"
    assert title == 'Title & <b>bold</b> "quoted" Tab Newline κB-α 日本語'
    assert genes == ["6774", "3569", "1", "2", "3", "9", "10"]

    data = json.loads(texts["json"])
    assert data["figtitle"] == TITLE and data["caption"] == CAPTION
    assert labels == {n["label"] for n in data["mechanism"]["nodes"]}

    # SIF has no quoting: tabs and line breaks inside a name become spaces; the rest stays.
    sif = {tuple(row) for row in read_sif(texts["sif"])}
    assert ("STAT3", "activation", "IL6") in sif
    assert {("A&B <x>",), ('say "hi"',), ("tab here",), ("new line",), ("κB-α 日本",)} <= sif


def _hand_made() -> tuple[FigureRecord, Mechanism]:
    """A mechanism whose every label, member and piece of evidence is awkward."""
    record = FigureRecord("PMC4__hand", figtitle=AWKWARD[0], caption=" ".join(AWKWARD))
    mechanism = Mechanism(record.figid)
    for number, label in enumerate(AWKWARD):
        kind = ("gene", "family", "caption")[number % 3]
        members = (Member(label, str(number + 1)),)
        if kind == "family":
            members += (Member(label + " 2", None),)
        if kind == "caption":
            members = ()
        node = Node(f"n:{label}", label, kind, members, related=True, mentions=(label,))
        mechanism.add_node(node.moved(100.0 + 150 * number, 80.0 + 40 * (number % 2)))
    for number, (a, b) in enumerate(itertools.pairwise(AWKWARD)):
        relation = ("activation", "inhibition", "binding", "association")[number % 4]
        evidence = f"{a} → {b}: “{AWKWARD[(number + 2) % len(AWKWARD)]}”"
        mechanism.add_edge(Edge(f"n:{a}", f"n:{b}", relation, evidence, 0.75))
    mechanism.add_edge(Edge(f"n:{AWKWARD[0]}", f"n:{AWKWARD[0]}", "activation", "self", 0.5))
    return record, mechanism


def test_awkward_labels_and_evidence_in_relations_survive() -> None:
    record, mechanism = _hand_made()
    texts = _check_every_format(record, mechanism)
    evidence = [e.evidence for e in mechanism.edges]

    gpml = etree.fromstring(texts["gpml"].encode("utf-8"))
    interactions = gpml.findall(f"{GPML}Interaction")
    assert [i.find(f"{GPML}Comment").text for i in interactions] == evidence
    assert {g.get("TextLabel") for g in gpml.findall(f"{GPML}Group")} == set(AWKWARD[1::3])
    (loop_edge,) = (i for i in interactions if i.find(f"{GPML}Comment").text == "self")
    loop = loop_edge.findall(f"{GPML}Graphics/{GPML}Point")
    assert loop[0].get("GraphRef") == loop[1].get("GraphRef")

    network = RawCX2NetworkFactory().get_cx2network(json.loads(texts["cx2"]))
    assert [e["v"]["evidence"] for e in network.get_edges().values()] == evidence
    assert [n["v"]["name"] for n in network.get_nodes().values()] == AWKWARD

    graph = nx.read_graphml(io.BytesIO(texts["graphml"].encode("utf-8")))
    assert sorted(d["evidence"] for *_, d in graph.edges(data=True)) == sorted(evidence)
    expected = record_to_networkx(record, mechanism)
    assert dict(graph.nodes(data=True)) == dict(expected.nodes(data=True))

    data = json.loads(texts["json"])
    assert [e["evidence"] for e in data["mechanism"]["edges"]] == evidence


def test_characters_xml_cannot_carry_are_replaced_not_fatal() -> None:
    record = FigureRecord("PMC5__ctl", figtitle="bell\x07 and \x01 null\x00", caption="ok\x0b")
    mechanism = Mechanism(record.figid)
    mechanism.add_node(Node("g:X", "X\x1fY", "gene", (Member("X\x1fY", "7"),)))
    texts = _check_every_format(record, mechanism)
    gpml = etree.fromstring(texts["gpml"].encode("utf-8"))
    assert gpml.get("Name") == "bell\ufffd and \ufffd null\ufffd"
    assert gpml.find(f"{GPML}DataNode").get("TextLabel") == "X\ufffdY"
    graph = nx.read_graphml(io.BytesIO(texts["graphml"].encode("utf-8")))
    assert graph.nodes["g:X"]["label"] == "X\ufffdY"
    # JSON and CX2 escape control characters, so they keep them as they are.
    assert json.loads(texts["cx2"])[3]["networkAttributes"][0]["name"] == record.figtitle


def test_gpml_data_nodes_for_the_clipboard() -> None:
    record, mechanism = _hand_made()
    text = gpml_data_nodes(record, mechanism)
    nodes = etree.fromstring(f"<r>{text}</r>".encode()).findall("DataNode")
    expected = sum(len(n.members) if n.kind == "family" else 1 for n in mechanism.nodes)
    assert len(nodes) == expected
    assert all(n.get("GroupRef") is None for n in nodes)
    assert nodes[0].get("TextLabel") == AWKWARD[0]
    assert nodes[0].find("Xref").attrib == {"Database": "Entrez Gene", "ID": "1"}
