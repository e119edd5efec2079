"""The mechanism of real records: the seed reads as its caption says; every record gets one."""

from __future__ import annotations

import itertools

import pytest
from corpus import SEED, corpus_records

from viewer.mechanism import build_mechanism
from viewer.record import load_record, parse_record


def labelled_edges(mechanism) -> set[tuple[str, str, str]]:
    label = {n.id: n.label for n in mechanism.nodes}
    return {(label[e.source], e.type, label[e.target]) for e in mechanism.edges}


def test_seed_mechanism_reads_as_its_caption() -> None:
    mechanism = build_mechanism(load_record(SEED))
    edges = labelled_edges(mechanism)
    assert ("NFκB", "activation", "IL6") in edges
    assert ("IL6", "activation", "gp130") in edges
    assert any(target == "STAT3" and kind == "activation" for _, kind, target in edges)
    assert ("IκB", "inhibition", "NFκB") in edges
    nodes = {n.label: n for n in mechanism.nodes}
    assert not any("EGFR" in (s, t) for s, _, t in edges)
    assert nodes["EGFR"].kind == "caption" and not nodes["EGFR"].related
    assert nodes["gp130"].kind == "caption"
    jak = nodes["JAK"]
    assert jak.kind == "family" and not jak.related
    assert {m.symbol for m in jak.members} == {"JAK1", "JAK2", "JAK3", "TYK2"}
    assert {m.symbol for m in nodes["NFκB"].members} == {"REL", "RELA", "RELB", "NFKB1", "NFKB2"}
    assert nodes["STAT3"].mentions == ("STAT3", "STA T3")


def overlaps(mechanism) -> list[tuple[str, str]]:
    clashes = []
    for a, b in itertools.combinations(mechanism.nodes, 2):
        if abs(a.x - b.x) < (a.width + b.width) / 2 and abs(a.y - b.y) < (a.height + b.height) / 2:
            clashes.append((a.label, b.label))
    return clashes


def edges_over_boxes(mechanism) -> list[tuple[str, str, str]]:
    """Edges whose straight line runs over a box that is neither of its ends."""
    crossed = []
    for edge in mechanism.edges:
        a, b = mechanism.node(edge.source), mechanism.node(edge.target)
        for node in mechanism.nodes:
            if node.id in (a.id, b.id):
                continue
            for step in range(1, 100):
                x, y = a.x + (b.x - a.x) * step / 100, a.y + (b.y - a.y) * step / 100
                if abs(x - node.x) < node.width / 2 and abs(y - node.y) < node.height / 2:
                    crossed.append((a.label, b.label, node.label))
                    break
    return crossed


def test_an_edge_that_skips_a_layer_does_not_run_over_a_box() -> None:
    # NF-κB → IL-6 → STAT3 and NF-κB → STAT3: the long edge passes beside IL-6.
    mechanism = build_mechanism(load_record(SEED))
    assert ("NFκB", "activation", "STAT3") in labelled_edges(mechanism)
    assert edges_over_boxes(mechanism) == []


def test_an_interaction_network_is_a_ring_without_lines_over_boxes() -> None:
    genes = "".join(
        f"- word: {s}\n  symbol: {s}\n  source: hgnc_symbol\n  hgnc_symbol: {s}\n  entrez: '{e}'\n"
        for s, e in (("STAT3", "6774"), ("TP53", "7157"), ("ABCB1", "5243"), ("TOP2A", "7153"),
                     ("ALDH1A1", "216"), ("MDM2", "4193"))
    )  # fmt: skip
    caption = "Interactions between STAT3, TP53, ABCB1, TOP2A, ALDH1A1 and MDM2 proteins."
    text = f"---\nfigid: PMC1__net\ncaption: {caption!r}\ngenes:\n{genes}---\n"
    mechanism = build_mechanism(parse_record(text.encode(), "net.md"))
    assert len(mechanism.edges) == 15  # each pair of the six binds
    assert edges_over_boxes(mechanism) == []
    assert overlaps(mechanism) == []
    # On a ring: every node is as far from the ring's centre as the others.
    xs, ys = [n.x for n in mechanism.nodes], [n.y for n in mechanism.nodes]
    cx, cy = sum(xs) / len(xs), sum(ys) / len(ys)
    distances = [((n.x - cx) ** 2 + (n.y - cy) ** 2) ** 0.5 for n in mechanism.nodes]
    assert max(distances) - min(distances) < 2


def test_few_corpus_edges_run_over_boxes() -> None:
    mechanisms = [build_mechanism(load_record(path)) for path in corpus_records()]
    edges = sum(len(m.edges) for m in mechanisms)
    crossed = sum(len(edges_over_boxes(m)) for m in mechanisms)
    assert edges > 200
    assert crossed <= 0.05 * edges  # 19 of 415 now; 38 of 266 before layer gaps and passages


@pytest.mark.parametrize("path", corpus_records(), ids=lambda p: p.name)
def test_every_corpus_record_gets_a_laid_out_mechanism(path) -> None:
    record = load_record(path)
    mechanism = build_mechanism(record)
    assert overlaps(mechanism) == []
    ids = {n.id for n in mechanism.nodes}
    assert all(e.source in ids and e.target in ids for e in mechanism.edges)
    assert all(n.width > 0 and n.height > 0 for n in mechanism.nodes)
    # Related nodes sit above the block of unrelated ones.
    related = [n.y for n in mechanism.nodes if n.related]
    unrelated = [n.y for n in mechanism.nodes if not n.related]
    if related and unrelated:
        assert max(related) < min(unrelated)


def test_layout_is_deterministic() -> None:
    record = load_record(SEED)
    first = [(n.id, n.x, n.y) for n in build_mechanism(record).nodes]
    assert first == [(n.id, n.x, n.y) for n in build_mechanism(record).nodes]


def test_signal_flows_left_to_right() -> None:
    mechanism = build_mechanism(load_record(SEED))
    for edge in mechanism.edges:
        assert mechanism.node(edge.source).x < mechanism.node(edge.target).x


def make(caption: str, genes: int = 3):
    rows = "".join(
        f"- word: G{i}X\n  symbol: G{i}X\n  source: s\n  hgnc_symbol: G{i}X\n  entrez: '{i + 1}'\n"
        for i in range(genes)
    )
    text = f"---\nfigid: PMC1__x\ncaption: {caption!r}\ngenes:\n{rows}---\n"
    return parse_record(text.encode(), "x.md")


def test_caption_without_genes_or_without_caption() -> None:
    assert build_mechanism(make("A schematic of the cell.", genes=0)).nodes == []
    mechanism = build_mechanism(parse_record(b"figid: PMC1__y\n", "y.yaml"))
    assert mechanism.nodes == [] and mechanism.edges == []


def test_hostile_captions() -> None:
    markup = '<a href="file:///etc/passwd">G0X</a> activates <img src=x> G1X &amp; <script>'
    mechanism = build_mechanism(make(markup))
    assert {n.label for n in mechanism.nodes} >= {"G0X", "G1X"}
    huge = " ".join(["G0X activates G1X and the cell"] * 2000)  # 14,000 words, no full stop
    assert build_mechanism(make(huge)).edges
    control = "G0X\x01 activates\x7f G1X\u202e.\u200b G2X"
    build_mechanism(make(control.replace("\x01", " ").replace("\x7f", " ")))
    build_mechanism(parse_record(f"figid: PMC1__c\ncaption: {control!r}\n".encode(), "c.yaml"))


def test_hundreds_of_genes() -> None:
    mechanism = build_mechanism(make("G1X activates G2X; G3X inhibits G4X.", genes=400))
    assert len(mechanism.nodes) == 400
    assert len(mechanism.edges) == 2
    assert overlaps(mechanism) == []
