"""A curator's edits: each does what it says, each undoes back to the draft, bad ones refused."""

from __future__ import annotations

import pytest
from corpus import SEED

from viewer.mechanism import Member, build_mechanism
from viewer.mechanism.edits import (
    EditError,
    add_node,
    add_relation,
    apply,
    copy_mechanism,
    diff,
    gene_node,
    merged,
    move_nodes,
    named_node,
    relabel,
    remove_nodes,
    remove_relation,
    reverse_relation,
    set_relation_type,
)
from viewer.record import load_record


@pytest.fixture(scope="module")
def draft():
    return build_mechanism(load_record(SEED))


def label_edges(mechanism) -> set[tuple[str, str, str]]:
    return {
        (mechanism.node(e.source).label, mechanism.node(e.target).label, e.type)
        for e in mechanism.edges
    }


def by_label(mechanism, label: str) -> str:
    (node_id,) = [n.id for n in mechanism.nodes if n.label == label]
    return node_id


def test_the_seed_draft_has_the_relations_the_edits_work_on(draft) -> None:
    assert ("NFκB", "IL6", "activation") in label_edges(draft)


def test_every_edit_kind_does_what_it_says_and_undoes_back_to_the_draft(draft) -> None:
    m = copy_mechanism(draft)
    nfkb, il6 = by_label(m, "NFκB"), by_label(m, "IL6")
    stat3 = by_label(m, "STAT3")
    done = []

    def edit(change):
        apply(m, change)
        done.append(change)

    edit(move_nodes(m, {il6: (500.0, -40.0)}))
    assert (m.node(il6).x, m.node(il6).y) == (500.0, -40.0)
    edit(set_relation_type(m, nfkb, il6, "inhibition"))
    assert ("NFκB", "IL6", "inhibition") in label_edges(m)
    edit(reverse_relation(m, nfkb, il6))
    assert ("IL6", "NFκB", "inhibition") in label_edges(m)
    assert not m.graph.has_edge(nfkb, il6)
    edit(remove_relation(m, il6, nfkb))
    assert not m.graph.has_edge(il6, nfkb)
    node = named_node(m, "  gp80  receptor ", 10.0, 20.0)
    edit(add_node(m, node))
    assert m.node(node.id).label == "gp80 receptor" and m.node(node.id).kind == "caption"
    gene = gene_node(m, Member("IL6R", "3570"), 0.0, 0.0)
    edit(add_node(m, gene))
    assert m.node(gene.id).entrez_ids == ("3570",)
    edit(add_relation(m, node.id, stat3, "binding"))
    assert ("gp80 receptor", "STAT3", "binding") in label_edges(m)
    edit(relabel(m, stat3, "STAT3 (p-Y705)"))
    assert m.node(stat3).label == "STAT3 (p-Y705)"
    assert m.node(stat3).entrez_ids == draft.node(stat3).entrez_ids
    edit(remove_nodes(m, [stat3, gene.id]))
    assert not m.graph.has_node(stat3) and not m.graph.has_node(gene.id)
    assert all(stat3 not in (e.source, e.target) for e in m.edges)
    assert m.snapshot() != draft.snapshot()

    for change in reversed(done):
        apply(m, change.inverse())
    assert m.snapshot() == draft.snapshot()
    for change in done:  # and redo, all the way
        apply(m, change)
    assert not m.graph.has_node(stat3)
    assert ("gp80 receptor", "STAT3 (p-Y705)", "binding") not in label_edges(m)


def test_a_relation_to_a_gene_apart_brings_it_into_the_diagram(draft) -> None:
    m = copy_mechanism(draft)
    apart = next(n for n in m.nodes if not n.related)
    related = next(n for n in m.nodes if n.related)
    change = add_relation(m, related.id, apart.id)
    apply(m, change)
    moved = m.node(apart.id)
    assert moved.related and moved.group is None
    # It leaves the block of genes apart for a free place beside its partner.
    assert abs(moved.x - related.x) < 250 and abs(moved.y - related.y) < 150
    for other in m.nodes:
        if other.related and other.id != moved.id:
            apart_x = abs(moved.x - other.x) >= (moved.width + other.width) / 2
            apart_y = abs(moved.y - other.y) >= (moved.height + other.height) / 2
            assert apart_x or apart_y, other.label
    apply(m, change.inverse())
    assert m.node(apart.id) == apart


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda m, a, b: add_relation(m, a, a), "dropped on itself"),
        (lambda m, a, b: add_relation(m, a, b), "already drawn"),
        (lambda m, a, b: add_relation(m, a, "nowhere"), "no node 'nowhere'"),
        (lambda m, a, b: remove_relation(m, b, a), "no relation"),
        (lambda m, a, b: relabel(m, a, "  "), "cannot be empty"),
        (lambda m, a, b: named_node(m, "\t", 0, 0), "needs a name"),
        (lambda m, a, b: remove_nodes(m, []), "no node is selected"),
        (lambda m, a, b: set_relation_type(m, a, b, "teleports"), "not a relation type"),
    ],
)
def test_impossible_edits_are_refused_and_change_nothing(draft, make, message) -> None:
    m = copy_mechanism(draft)
    a, b = by_label(m, "NFκB"), by_label(m, "IL6")
    with pytest.raises(EditError, match=message):
        make(m, a, b)
    assert m.snapshot() == draft.snapshot()


def test_reversing_onto_an_existing_relation_is_refused(draft) -> None:
    m = copy_mechanism(draft)
    a, b = by_label(m, "NFκB"), by_label(m, "IL6")
    apply(m, add_relation(m, b, a, "inhibition"))
    with pytest.raises(EditError, match="already drawn"):
        reverse_relation(m, a, b)


def test_new_ids_never_clash(draft) -> None:
    m = copy_mechanism(draft)
    first = named_node(m, "X", 0, 0)
    apply(m, add_node(m, first))
    second = named_node(m, "X", 0, 0)
    assert second.id != first.id
    with pytest.raises(EditError, match="already a node"):
        add_node(m, first)


def test_diff_turns_one_mechanism_into_the_other(draft) -> None:
    m = copy_mechanism(draft)
    a, b = by_label(m, "NFκB"), by_label(m, "IL6")
    apply(m, reverse_relation(m, a, b))
    apply(m, remove_nodes(m, [by_label(m, "STAT3")]))
    apply(m, move_nodes(m, {a: (1.0, 2.0)}))
    change = diff(draft, m)
    restored = copy_mechanism(draft)
    apply(restored, change)
    assert restored.snapshot() == m.snapshot()
    apply(restored, change.inverse())
    assert restored.snapshot() == draft.snapshot()
    assert diff(draft, copy_mechanism(draft)).empty


def test_copies_are_independent(draft) -> None:
    m = copy_mechanism(draft)
    apply(m, remove_nodes(m, [by_label(m, "IL6")]))
    assert draft.graph.has_node(by_label(draft, "IL6"))


def test_merged_moves_are_one_step_from_the_first_place_to_the_last(draft) -> None:
    m = copy_mechanism(draft)
    il6 = by_label(m, "IL6")
    start = m.node(il6)
    first = move_nodes(m, {il6: (start.x + 10, start.y)}, "nudge")
    apply(m, first)
    second = move_nodes(m, {il6: (start.x + 20, start.y)}, "nudge")
    apply(m, second)
    both = merged(first, second)
    assert both.merge_key == "nudge" and len(both.nodes) == 1
    apply(m, both.inverse())
    assert m.snapshot() == draft.snapshot()
    apply(m, both)
    assert (m.node(il6).x, m.node(il6).y) == (start.x + 20, start.y)
    back = move_nodes(m, {il6: (start.x, start.y)}, "nudge")
    assert merged(both, back).empty
