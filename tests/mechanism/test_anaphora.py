"""Relations whose subject or object is named in an earlier sentence ("This triggers …")."""

from __future__ import annotations

import pytest
from captions import caption_relations

GENES = {
    "STAT3": "6774", "MYC": "4609", "CCND1": "595", "IL6": "3569", "IL6R": "3570",
    "JAK1": "3716", "JAK2": "3717", "SOCS3": "9021", "GRB2": "2885", "SOS1": "6654",
    "KRAS": "3845", "BRAF": "673", "TP53": "7157", "MDM2": "4193", "AKT1": "207",
    "MTOR": "2475",
}  # fmt: skip


def relations(caption: str, genes: dict[str, str] = GENES) -> set[tuple[str, str, str]]:
    return caption_relations(caption, genes)


@pytest.mark.parametrize(
    "caption",
    [
        "JAK1 activates STAT3. This triggers the expression of MYC.",
        "JAK1 activates STAT3. Subsequently, this induces MYC.",
        "JAK1 activates STAT3. This phosphorylation induces MYC.",
    ],
)
def test_this_is_about_what_the_last_action_acted_on(caption) -> None:
    assert ("STAT3", "activation", "MYC") in relations(caption)
    assert ("JAK1", "activation", "MYC") not in relations(caption)


def test_this_interaction_is_about_the_binder() -> None:
    found = relations("GRB2 binds SOS1. This interaction activates KRAS.")
    assert ("GRB2", "activation", "KRAS") in found


def test_this_without_an_action_is_the_only_entity_before() -> None:
    found = relations("DNA damage is sensed by the kinase AKT1. This stimulates MTOR.")
    assert ("AKT1", "activation", "MTOR") in found


@pytest.mark.parametrize(
    "caption",
    [
        # an inhibition's consequence is about the loss of what it acted on
        "MDM2 inhibits TP53. This induces MYC.",
        # two entities and no action: no way to tell which one is meant
        "JAK1 and STAT3 are shown. This induces MYC.",
        # a figure, not an event
        "JAK1 activates STAT3. This figure shows MYC.",
        "JAK1 activates STAT3. This model activates MYC.",
    ],
)
def test_this_refers_to_nothing(caption) -> None:
    found = relations(caption)
    assert not any(target == "MYC" for _source, _type, target in found)


def test_a_sentence_with_its_own_subject_ignores_the_one_before() -> None:
    found = relations("JAK1 activates STAT3. This time, AKT1 induces MYC.")
    assert ("AKT1", "activation", "MYC") in found
    assert ("STAT3", "activation", "MYC") not in found


def test_this_event_noun_names_what_the_last_action_acted_on() -> None:
    found = relations("JAK1 leads to the accumulation of STAT3. This translocation influences MYC.")
    assert ("STAT3", "association", "MYC") in found


def test_these_family_members_are_those_named_before() -> None:
    genes = {**GENES, "STAT5A": "6776"}
    caption = "JAK2 phosphorylates STAT3 and STAT5A. These phosphorylated STATs bind MYC."
    found = relations(caption, genes)
    assert {("STAT3", "binding", "MYC"), ("STAT5A", "binding", "MYC")} <= found
    assert not any(source == "STATs" for source, _type, _target in found)


def test_these_family_members_by_name() -> None:
    found = relations("LPS engages TLR4 and TLR2. These TLRs activate MYC.")
    assert found == {("TLR4", "activation", "MYC"), ("TLR2", "activation", "MYC")}


def test_a_family_without_these_is_the_family() -> None:
    found = relations("JAK2 phosphorylates STAT3. The STATs bind MYC.")
    assert ("STATs", "binding", "MYC") in found
    assert ("STAT3", "binding", "MYC") not in found


def test_a_cell_marker_is_no_mention() -> None:
    assert relations("STAT3 activates the transition of SOX9+MYC+ cells.") == set()


def test_the_parts_belong_to_the_subject_before() -> None:
    found = relations("IL6R and JAK1 bind IL6. The intracellular domains interact with STAT3.")
    assert {("IL6R", "binding", "STAT3"), ("JAK1", "binding", "STAT3")} <= found
    assert ("IL6", "binding", "STAT3") not in found


def test_parts_with_their_own_owner_are_not_anaphora() -> None:
    found = relations("IL6R binds IL6. The kinase domains of JAK1 activate STAT3.")
    assert ("IL6R", "activation", "STAT3") not in found


def test_a_binding_without_binder_is_the_subject_before() -> None:
    found = relations("GRB2 contains an SH2 domain. Engagement with SOS1 activates KRAS.")
    assert ("GRB2", "binding", "SOS1") in found


@pytest.mark.parametrize(
    "caption",
    [
        "GRB2 contains an SH2 domain. Binding to SOS1, KRAS activates BRAF.",
        "GRB2 contains an SH2 domain. The binding of KRAS to SOS1 activates BRAF.",
    ],
)
def test_a_binding_that_names_its_binder_keeps_it(caption) -> None:
    assert ("GRB2", "binding", "SOS1") not in relations(caption)


def test_these_receptors_are_the_receptors_named_before() -> None:
    genes = {"TNFR1": "7132", "TNFR2": "7133", "TRAF2": "7186", "MYC": "4609"}
    caption = "MYC is activated by TNFR1 and TNFR2. Association of TRAF2 with these receptors."
    found = relations(caption, genes)
    assert {("TRAF2", "binding", "TNFR1"), ("TRAF2", "binding", "TNFR2")} <= found
    assert ("TRAF2", "binding", "MYC") not in found


def test_allowing_x_to_act_makes_x_the_agent() -> None:
    caption = "JAK1 cleaves the receptor, allowing the transcription factor (STAT3) to bind MYC."
    assert ("STAT3", "binding", "MYC") in relations(caption)


def test_this_interaction_after_an_allowed_binding() -> None:
    caption = "Cleavage of IL6R allows STAT3 to interact with JAK2. This interaction activates MYC."
    found = relations(caption)
    assert {("STAT3", "binding", "JAK2"), ("STAT3", "activation", "MYC")} <= found
