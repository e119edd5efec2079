"""Each language pattern the mechanism reader knows, on small captions with known genes."""

from __future__ import annotations

import pytest
from captions import caption_record, caption_relations

from viewer.mechanism import build_mechanism

GENES = {
    "STAT3": "6774", "MYC": "4609", "CCND1": "595", "IL6": "3569", "IL6R": "3570",
    "JAK1": "3716", "JAK2": "3717", "SOCS3": "9021", "EGF": "1950", "KRAS": "3845",
    "BRAF": "673", "GRB2": "2885", "SOS1": "6654", "TP53": "7157", "MDM2": "4193",
    "AKT1": "207", "MTOR": "2475", "RELA": "5970", "NFKB1": "4790",
}  # fmt: skip


def record(caption: str, genes: dict[str, str] = GENES):
    return caption_record(caption, genes)


def relations(caption: str, genes: dict[str, str] = GENES) -> set[tuple[str, str, str]]:
    return caption_relations(caption, genes)


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        ("STAT3 activates MYC.", {("STAT3", "activation", "MYC")}),
        ("MDM2 inhibits TP53.", {("MDM2", "inhibition", "TP53")}),
        ("MYC is activated by STAT3.", {("STAT3", "activation", "MYC")}),
        ("TP53 is degraded by MDM2.", {("MDM2", "inhibition", "TP53")}),
        ("MYC, induced by STAT3, drives growth.", {("STAT3", "activation", "MYC")}),
        ("Activation of MYC by STAT3 is shown.", {("STAT3", "activation", "MYC")}),
        ("Inhibition of TP53 by MDM2 promotes survival.", {("MDM2", "inhibition", "TP53")}),
        ("STAT3-induced MYC expression.", {("STAT3", "activation", "MYC")}),
        ("STAT3-mediated activation of MYC.", {("STAT3", "activation", "MYC")}),
        ("IL6 leads to the production of MYC.", {("IL6", "activation", "MYC")}),
        ("AKT1 phosphorylates MTOR.", {("AKT1", "activation", "MTOR")}),
        ("GRB2 binds to SOS1.", {("GRB2", "binding", "SOS1")}),
        ("The interaction between GRB2 and SOS1 is required.", {("GRB2", "binding", "SOS1")}),
        ("KRAS → BRAF → MYC", {("KRAS", "activation", "BRAF"), ("BRAF", "activation", "MYC")}),
        ("MDM2 ⊣ TP53", {("MDM2", "inhibition", "TP53")}),
    ],
)
def test_single_patterns(caption, expected) -> None:
    assert relations(caption) == expected


def test_relative_clause_and_chain_in_one_sentence() -> None:
    assert relations("EGF binds EGFR, which activates KRAS, which activates BRAF.") == {
        ("EGF", "binding", "EGFR"),
        ("EGFR", "activation", "KRAS"),
        ("KRAS", "activation", "BRAF"),
    }


def test_coordination_on_either_side() -> None:
    assert relations("JAK1 and JAK2 inhibit SOCS3.") == {
        ("JAK1", "inhibition", "SOCS3"),
        ("JAK2", "inhibition", "SOCS3"),
    }
    assert relations("STAT3 activates MYC and CCND1.") == {
        ("STAT3", "activation", "MYC"),
        ("STAT3", "activation", "CCND1"),
    }


def test_verb_coordination_keeps_the_subject() -> None:
    assert relations("IL6 binds IL6R and activates STAT3.") == {
        ("IL6", "binding", "IL6R"),
        ("IL6", "activation", "STAT3"),
    }


@pytest.mark.parametrize(
    "caption",
    [
        "STAT3 does not activate MYC.",
        "MYC is expressed in an STAT3-independent fashion.",
        "STAT3 fails to induce MYC.",
        "MYC was activated without STAT3.",
        "STAT3 and MYC are shown.",
        "MYC is activated.",
    ],
)
def test_no_edge_where_the_text_denies_or_states_none(caption) -> None:
    assert relations(caption) == set()


def test_names_are_normalised() -> None:
    genes = {"IL6": "3569", "STAT3": "6774"}
    assert relations("IL-6 activates STA T3.", genes) == {("IL6", "activation", "STAT3")}
    found = relations("Interleukin IL 6 acts on STATs.", genes)
    assert found == {("IL6", "activation", "STATs")} or found == set()


def test_famplex_family_covers_the_records_members() -> None:
    genes = {"RELA": "5970", "NFKB1": "4790", "IL6": "3569"}
    mechanism = build_mechanism(record("NF-κB induces IL6, and IκB inhibits NF-kappaB.", genes))
    nodes = {n.label: n for n in mechanism.nodes}
    family = nodes["NF-κB"]
    assert family.kind == "family"
    assert {m.symbol for m in family.members} == {"RELA", "NFKB1"}
    assert nodes["IκB"].kind == "caption"
    label = {n.id: n.label for n in mechanism.nodes}
    assert {(label[e.source], e.type, label[e.target]) for e in mechanism.edges} == {
        ("NF-κB", "activation", "IL6"),
        ("IκB", "inhibition", "NF-κB"),
    }


def test_common_words_listed_as_genes_are_not_mentions() -> None:
    genes = {"and": "11", "cycle": "12", "STAT3": "6774", "MYC": "4609"}
    mechanism = build_mechanism(record("STAT3 activates MYC and the cell cycle.", genes))
    assert {n.label for n in mechanism.nodes if n.related} == {"STAT3", "MYC"}
    assert not any(n.mentions for n in mechanism.nodes if n.label in ("and", "cycle"))


def test_edges_carry_sentence_and_confidence() -> None:
    mechanism = build_mechanism(record("Something else. STAT3 activates MYC. More text."))
    (edge,) = mechanism.edges
    assert edge.evidence == "STAT3 activates MYC."
    assert 0.5 <= edge.confidence <= 1.0


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        ("GRB2 forms a complex with SOS1.", {("GRB2", "binding", "SOS1")}),
        ("The GRB2–SOS1 complex is shown.", {("GRB2", "binding", "SOS1")}),
        ("TP53 phosphorylation by AKT1 is shown.", {("AKT1", "activation", "TP53")}),
        ("IL6 binds IL6R, triggering the activation of STAT3.", {
            ("IL6", "binding", "IL6R"), ("IL6", "activation", "STAT3"),
        }),
        ("MDM2 promotes growth by inhibiting TP53.", {("MDM2", "inhibition", "TP53")}),
        ("KRAS signaling activates BRAF.", {("KRAS", "activation", "BRAF")}),
        ("MYC recruits STAT3 to the promoter.", {("MYC", "binding", "STAT3")}),
        ("The binding of EGF ligands to cell surface receptor KRAS.", {("EGF", "binding", "KRAS")}),
        # One graph edge per pair: the effect wins over the binding.
        ("AKT1 recruits and phosphorylates MTOR.", {("AKT1", "activation", "MTOR")}),
        ("EGF activates KRAS which, in turn, activates BRAF.", {
            ("EGF", "activation", "KRAS"), ("KRAS", "activation", "BRAF"),
        }),
        ("MYC is induced by both STAT3 and IL6.", {
            ("STAT3", "activation", "MYC"), ("IL6", "activation", "MYC"),
        }),
        ("SOCS3 interferes with JAK2.", {("SOCS3", "inhibition", "JAK2")}),
        ("MTOR is stimulated by signals such as AKT1.", {("AKT1", "activation", "MTOR")}),
        ("MYC levels are rapidly increased by STAT3.", {("STAT3", "activation", "MYC")}),
        ("KRAS, a potent BRAF activator, is shown.", {("KRAS", "activation", "BRAF")}),
        ("SOCS3, an inhibitor of JAK2, is shown.", {("SOCS3", "inhibition", "JAK2")}),
        ("The TP53 repressor MDM2 is shown.", {("MDM2", "inhibition", "TP53")}),
        ("EGF activates the receptor 2 (KRAS).", {("EGF", "activation", "KRAS")}),
        ("The binding of EGF to its receptor (KRAS) is shown.", {("EGF", "binding", "KRAS")}),
        ("GRB2 and SOS1 are capable of binding to KRAS.", {
            ("GRB2", "binding", "KRAS"), ("SOS1", "binding", "KRAS"),
        }),
        ("EGF activates many pathways, including KRAS and BRAF.", {
            ("EGF", "activation", "KRAS"), ("EGF", "activation", "BRAF"),
        }),
        ("Phosphorylation of MTOR at S2448 by AKT1 is shown.", {("AKT1", "activation", "MTOR")}),
        ("Inhibition of AKT1 reduced the activity of MTOR.", {("AKT1", "activation", "MTOR")}),
        # The route is not the target; the gold set's rule draws an association with it.
        ("MDM2 inhibits protein synthesis via TP53.", {("MDM2", "association", "TP53")}),
        ("MYC mRNA translation would then result in STAT3 activation.", {
            ("MYC", "activation", "STAT3"),
        }),
    ],
)  # fmt: skip
def test_more_patterns(caption, expected) -> None:
    assert relations(caption) == expected


def test_protein_style_names_without_digits_are_entities() -> None:
    assert relations("TrkA activates RhoA.", {"STAT3": "6774"}) == {("TrkA", "activation", "RhoA")}


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        # An abbreviation defined in brackets after a protein's name is a name.
        ("Indian hedgehog (IHH) binds to smoothened homologue (SMO).", {
            ("IHH", "binding", "SMO"),
        }),
        ("KRAS activates a stimulatory G protein (Gs).", {("KRAS", "activation", "Gs")}),
        # A name with a Roman numeral is its own entity.
        ("STAT3 inhibits MHC II expression.", {("STAT3", "inhibition", "MHC II")}),
        ("LHβ is activated by STAT3.", {("STAT3", "activation", "LHβ")}),
        # A mention that only qualifies what follows is not the target.
        ("STAT3 inhibits IL6-mediated expression of MYC.", {
            ("STAT3", "inhibition", "MYC"), ("IL6", "activation", "MYC"),
        }),
        # A family followed by examples: the examples are meant.
        ("STAT3 activates JAKs such as JAK2.", {("STAT3", "activation", "JAK2")}),
        # "via Y": the agent acts through Y; without an agent, Y acts.
        ("KRAS activates MYC via BRAF.", {
            ("KRAS", "activation", "MYC"), ("KRAS", "association", "BRAF"),
        }),
        ("Stress inhibits MYC via TP53.", {("TP53", "inhibition", "MYC")}),
        # Consequences are credited to the entity acted on…
        ("KRAS activates BRAF, thus stimulating MYC.", {
            ("KRAS", "activation", "BRAF"), ("BRAF", "activation", "MYC"),
        }),
        # …whose loss flips the consequence…
        ("Inhibition of RELA by MDM2 slows growth, thereby blocking the activation of STAT3.", {
            ("MDM2", "inhibition", "RELA"), ("RELA", "activation", "STAT3"),
        }),
        # …or which says what the action was.
        ("MDM2 phosphorylates TP53, resulting in the degradation of the protein.", {
            ("MDM2", "inhibition", "TP53"),
        }),
        # A nominal subject's entity acts.
        ("Association of GRB2 with these receptors activates SOS1.", {
            ("GRB2", "activation", "SOS1"),
        }),
        ("This shows the ability of STAT3 to induce MYC.", {("STAT3", "activation", "MYC")}),
        # Reducing a degradation stabilises.
        ("AKT1 reduces TP53 degradation.", {("AKT1", "activation", "TP53")}),
        ("SOCS3, the critical regulator of the STAT3 pathway, is shown.", {
            ("SOCS3", "association", "STAT3"),
        }),
        ("KRAS may contribute to MYC activation.", {("KRAS", "activation", "MYC")}),
        ("The STAT3-mediated survival pathway is activated by JAK2.", {
            ("JAK2", "activation", "STAT3"),
        }),
        ("GRB2 oligomerizes with SOS1.", {("GRB2", "binding", "SOS1")}),
        # Every "by" agent of a passive, each with its route; a non-entity's route acts.
        ("MTOR is controlled by KRAS signaling (through BRAF), by hypoxia (through TP53).", {
            ("KRAS", "association", "MTOR"), ("KRAS", "association", "BRAF"),
            ("TP53", "association", "MTOR"),
        }),
        ("STAT3 synergizes with MYC.", {("STAT3", "association", "MYC")}),
        ("JAK2 regulates growth by phosphorylation of STAT3.", {("JAK2", "activation", "STAT3")}),
        ("SOCS3, a decoy for JAK2, is shown.", {("SOCS3", "inhibition", "JAK2")}),
        ("EGF activates the KRAS signaling pathway, which activates BRAF.", {
            ("EGF", "activation", "KRAS"), ("KRAS", "activation", "BRAF"),
        }),
        # Every pair of a complex binds; "a complex that …" acts through all its members.
        ("A scaffold consisting of GRB2, SOS1 and KRAS is shown.", {
            ("GRB2", "binding", "SOS1"), ("GRB2", "binding", "KRAS"), ("SOS1", "binding", "KRAS"),
        }),
        ("GRB2 proteins and SOS1 collaborate to form a complex that activates KRAS.", {
            ("GRB2", "binding", "SOS1"), ("GRB2", "activation", "KRAS"),
            ("SOS1", "activation", "KRAS"),
        }),
        # The object of an action without an entity for agent still carries the consequence.
        ("Stress activates KRAS, thus stimulating BRAF.", {("KRAS", "activation", "BRAF")}),
        ("Stress regulates MTOR, acting via AKT1.", {("AKT1", "association", "MTOR")}),
        ("STAT3 causes increased expression of MYC.", {("STAT3", "activation", "MYC")}),
        ("Stress activates the KRAS pathway to further activate BRAF.", {
            ("KRAS", "activation", "BRAF"),
        }),
        ("STAT3 helps promote expression of MYC.", {("STAT3", "activation", "MYC")}),
        ("STAT3 may functionally synergize with MYC.", {("STAT3", "association", "MYC")}),
        ("Active AKT1 (p-AKT1) specifically phosphorylates the Serine1177 of MTOR.", {
            ("AKT1", "activation", "MTOR"),
        }),
        ("STAT3 itself detects viruses and initiates the MYC pathway.", {
            ("STAT3", "activation", "MYC"),
        }),
        ("A complex forms via the binding of GRB2 and SOS1.", {("GRB2", "binding", "SOS1")}),
        ("A G protein (KRAS) coupled to BRAF is shown.", {("KRAS", "association", "BRAF")}),
        ("When EGF is secreted, it binds to KRAS.", {("EGF", "binding", "KRAS")}),
        ("MDM2 acts against TP53.", {("MDM2", "inhibition", "TP53")}),
        ("AKT1 acts against the degradation of TP53.", {("AKT1", "activation", "TP53")}),
        ("MYC processing has been found to require STAT3.", {("STAT3", "activation", "MYC")}),
        ("STAT3 is required for MYC expression.", {("STAT3", "activation", "MYC")}),
        ("STAT3 is a factor involved in the positive regulation of MYC.", {
            ("STAT3", "activation", "MYC"),
        }),
        ("The inhibitors of the JAK2 pathway (i.e. SOCS3 and MDM2) rise.", {
            ("SOCS3", "inhibition", "JAK2"), ("MDM2", "inhibition", "JAK2"),
        }),
        ("JAK2 activates STAT3 while inducing MYC.", {
            ("JAK2", "activation", "STAT3"), ("JAK2", "activation", "MYC"),
        }),
    ],
)  # fmt: skip
def test_patterns_of_the_gold_rules(caption, expected) -> None:
    assert relations(caption) == expected


def test_a_record_gene_written_in_lower_case_is_a_mention() -> None:
    genes = {"SRC": "6714", "PTK2": "5747"}
    assert relations("Active src phosphorylates PTK2.", genes) == {("SRC", "activation", "PTK2")}


def test_a_member_named_with_its_family_is_the_member() -> None:
    genes = {"MAPK1": "5594", "MAPK3": "5595", "MAPK14": "1432", "ELK1": "2002"}
    mechanism = build_mechanism(record("ERK MAPK phosphorylates ELK1.", genes))
    erk = next(n for n in mechanism.nodes if n.label == "ERK MAPK")
    assert {m.symbol for m in erk.members} == {"MAPK1", "MAPK3"}  # FamPlex: not MAPK14
    assert [(e.source, e.type) for e in mechanism.edges] == [(erk.id, "activation")]


def test_designated_family_members_and_lower_case_protein_names() -> None:
    assert relations("STAT3 induces cyclin B1.") == {("STAT3", "activation", "cyclin B1")}
    assert relations("Active calmodulin activates STAT3.") == {
        ("calmodulin", "activation", "STAT3")
    }
    # A residue is no designator: "IκB S32/36A" is a mutant of IκB.
    assert relations("Inhibition of RELA by IκB S32/36A is shown.", GENES) == {
        ("IκB", "inhibition", "RELA")
    }


def test_a_legends_expansions_name_no_entities() -> None:
    legend = (
        "STAT3 activates MYC. AKT1, RAC-α serine/threonine-protein kinase; MTOR, mechanistic "
        "target of rapamycin kinase; GAP, GTPase activating protein."
    )
    labels = {
        node.label for node in build_mechanism(record(legend)).nodes if node.kind == "caption"
    }
    assert "GAP" in labels
    assert not labels & {"RAC-α", "GTPase"}


def test_a_legend_of_abbreviations_states_no_relation() -> None:
    legend = (
        "KRAS, KRAS proto-oncogene; BRAF, BRAF-activated kinase; MYC, MYC-induced factor; "
        "STAT3, signal transducer."
    )
    assert relations(legend) == set()
    assert relations("BRAF-activated MYC is shown; KRAS activates STAT3.") == {
        ("BRAF", "activation", "MYC"),
        ("KRAS", "activation", "STAT3"),
    }


def test_the_topic_is_the_agent_of_an_agentless_means() -> None:
    # The caption is about JAK2; a passive with no agent "via phosphorylation of" means JAK2's.
    caption = "JAK2 acts on many factors. Growth is induced via the phosphorylation of STAT3."
    assert relations(caption) == {("JAK2", "activation", "STAT3")}
    caption = "JAK2 acts on many factors. Proliferation is induced by phosphorylating MYC."
    assert relations(caption) == {("JAK2", "activation", "MYC")}
    # An active clause with a subject of its own does not borrow the topic.
    assert relations("JAK2 acts on many factors. Cells grow by activating STAT3.") == set()


def test_a_receptor_of_a_ligand_is_its_own_entity() -> None:
    # "IL6 receptor" is not IL6; "EGFR receptor" is EGFR; "type I receptor" is a name.
    assert relations("MDM2 inhibits the IL6 receptor.") == {("MDM2", "inhibition", "IL6 receptor")}
    genes = {**GENES, "EGFR": "1956"}
    assert relations("EGF binds the EGFR receptor.", genes) == {("EGF", "binding", "EGFR")}
    assert relations("EGF binds to a type II receptor.") == {("EGF", "binding", "type II receptor")}


def test_an_object_named_by_its_examples() -> None:
    caption = (
        "AKT1 phosphorylates a variety of targets that may contribute to growth, including the "
        "transcription factors MYC and STAT3, and several proteins that regulate translation, "
        "including MTOR and CCND1."
    )
    assert relations(caption) == {
        ("AKT1", "activation", target) for target in ("MYC", "STAT3", "MTOR", "CCND1")
    }
    caption = "MYC may be modulated by any one of the following elements: STAT3, JAK1 and KRAS."
    assert relations(caption) == {
        (agent, "association", "MYC") for agent in ("STAT3", "JAK1", "KRAS")
    }
    # Examples of a later clause are not the object's: the clause ends at the full stop.
    assert relations("AKT1 promotes growth. Other factors include MYC and STAT3.") == set()
    # An entity before the examples is the object itself.
    assert relations("AKT1 activates STAT3, which has targets such as MYC.") == {
        ("AKT1", "activation", "STAT3")
    }


def test_listed_agents_with_amounts_and_gene_subjects() -> None:
    assert relations("The MYC gene is activated by STAT3, RELA, and low levels of JAK1.") == {
        (agent, "activation", "MYC") for agent in ("STAT3", "RELA", "JAK1")
    }


def test_a_name_that_only_describes_the_target_is_not_it() -> None:
    # "KRAS-linked BRAF": the target is BRAF, not KRAS.
    assert relations("EGF leads to activation of KRAS-linked BRAF.") == {
        ("EGF", "activation", "BRAF")
    }


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        # "independently" negates only as "independently of"
        (
            "STAT3 stimulates growth while independently inducing MYC activation.",
            {("STAT3", "activation", "MYC")},
        ),
        ("MYC is induced independently of STAT3.", set()),
        # an entity let do something
        (
            "JAK1 cleaves the receptor, allowing the intracellular domain (STAT3) to bind MYC.",
            {("STAT3", "binding", "MYC")},
        ),
        # the sentence's subject shares a later verb, or acts by a means
        (
            "Phosphorylated STAT3 leaves the membrane and binds with MYC.",
            {("STAT3", "binding", "MYC")},
        ),
        (
            "AKT1 may have a central role in growth by phosphorylation of MTOR.",
            {("AKT1", "activation", "MTOR")},
        ),
        (
            "The MDM2 complex may be involved in it by degrading TP53.",
            {("MDM2", "inhibition", "TP53")},
        ),
        # a name spelled out after a bracket: the kinase of the inhibitor, not the inhibitor
        (
            "KRAS activates the inhibitor of NFKB1 (IκB) kinase (IKK).",
            {("KRAS", "activation", "IKK")},
        ),
        # an aside that says what the action does, and targets named after the agent
        (
            "Several proteins are phosphorylated (and inactivated) by AKT1, which include MYC "
            "and TP53.",
            {("AKT1", "inhibition", "MYC"), ("AKT1", "inhibition", "TP53")},
        ),
        # a subject with two head nouns, a route through an adjective, a related name listed
        (
            "MYC processing and activation is regulated by MTOR through AKT1.",
            {("MTOR", "association", "MYC"), ("MTOR", "association", "AKT1")},
        ),
        (
            "EGF promotes growth via the canonical KRAS pathway.",
            {("EGF", "association", "KRAS")},
        ),
        (
            "BRAF or its downstream substrate MYC inhibits TP53.",
            {("BRAF", "inhibition", "TP53"), ("MYC", "inhibition", "TP53")},
        ),
        # the owner of a role is the agent of its means
        (
            "AKT1's role in promoting growth by inhibiting MDM2.",
            {("AKT1", "inhibition", "MDM2")},
        ),
    ],
)
def test_subjects_agents_and_names_further_away(caption, expected) -> None:
    assert relations(caption) == expected


def test_lipopolysaccharide_is_no_gene() -> None:
    # "LPS" is an alias of IRF6 in gene lists; in a caption it is lipopolysaccharide.
    caption = "LPS of the bacteria promotes survival by activating NFKB1."
    mechanism = build_mechanism(record(caption, {**GENES, "LPS": "3664"}))
    assert [node.label for node in mechanism.nodes if node.related] == []


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        # objects coordinated as nouns, and the route after the last of them
        (
            "AKT1 inhibited expression of MYC and secretion of IL6 via SOCS3.",
            {
                ("AKT1", "inhibition", "MYC"),
                ("AKT1", "inhibition", "IL6"),
                ("AKT1", "association", "SOCS3"),
            },
        ),
        # a step label before the sentence's subject
        (
            "Step 3: phosphorylated STAT3 leaves the receptor and binds with MYC.",
            {("STAT3", "binding", "MYC")},
        ),
        # a route through a spelled-out name
        (
            "AKT1 inhibits synthesis via mouse double minute 2 (MDM2).",
            {("AKT1", "association", "MDM2")},
        ),
        # a family followed by its members in brackets: the members are meant
        (
            "Kinases such as KRAS and JAKs (JAK1 and JAK2) are activated by EGF.",
            {
                ("EGF", "activation", "KRAS"),
                ("EGF", "activation", "JAK1"),
                ("EGF", "activation", "JAK2"),
            },
        ),
    ],
)
def test_coordinated_objects_labels_and_bracketed_members(caption, expected) -> None:
    assert relations(caption) == expected


def test_a_passive_whose_subject_only_names_an_entity_belongs_to_the_topic() -> None:
    # "The MYC response" is no entity of its own: the caption's topic phosphorylates MYC.
    caption = "JAK2 acts on many factors. The MYC response is triggered via phosphorylation of MYC."
    assert relations(caption) == {("JAK2", "activation", "MYC")}


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        # a pronoun forming a dimer refers to the subject after an opening clause
        (
            "When the pathway is off, STAT3 moves to the nucleus, where it forms a heterodimer "
            "with MYC.",
            {("STAT3", "binding", "MYC")},
        ),
        (
            "EGF promotes survival by assisting KRAS phosphorylation.",
            {("EGF", "activation", "KRAS")},
        ),
        ("MYC expression is restricted by SOCS3.", {("SOCS3", "inhibition", "MYC")}),
        # a parenthetical between dashes does not hide the subject of a relative clause
        (
            "Injury triggers the release of STAT3, which—through unknown mechanisms—potentiates "
            "the activation of MYC.",
            {("STAT3", "activation", "MYC")},
        ),
        # a subject that undergoes what an agent does
        (
            "Then STAT3 proteins, undergo phosphorylation by JAK2 kinases.",
            {("JAK2", "activation", "STAT3")},
        ),
    ],
)
def test_pronouns_dashes_and_undergoing(caption, expected) -> None:
    assert relations(caption) == expected


def test_interactions_between_several_proteins_pair_each_with_each() -> None:
    assert relations("Interactions between GRB2, SOS1 and KRAS are shown.") == {
        ("GRB2", "binding", "SOS1"),
        ("GRB2", "binding", "KRAS"),
        ("SOS1", "binding", "KRAS"),
    }


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        # G-protein subunits and receptors named by a subtype number are entities
        ("The ability of B2R to activate Gi protein.", {("B2R", "activation", "Gi")}),
        ("B2R couples to Gq.", {("B2R", "association", "Gq")}),
        # a participle phrase qualifies the subject; "released from" releases nothing
        ("Gβγ subunits released from Gi stimulate MYC.", {("Gβγ", "activation", "MYC")}),
        ("STAT3 activated by JAK2 induces MYC.",
         {("JAK2", "activation", "STAT3"), ("STAT3", "activation", "MYC")}),
        # "hyper-" and "over-" verbs say what their stem says
        ("T cells hyperproduce IL6 via STAT3 activation.", {("STAT3", "activation", "IL6")}),
    ],
)  # fmt: skip
def test_g_proteins_participles_and_prefixed_verbs(caption, expected) -> None:
    assert relations(caption) == expected


def test_a_family_name_in_capitals_stands_for_the_record_genes_it_numbers() -> None:
    # The record lists DNMT1 and DNMT3A: the caption's "DNMT" is their family.
    genes = {**GENES, "DNMT1": "1786", "DNMT3A": "1788"}
    mechanism = build_mechanism(record("DNMT silences MYC.", genes))
    dnmt = next(node for node in mechanism.nodes if node.label == "DNMT")
    assert dnmt.kind == "family"
    assert {member.symbol for member in dnmt.members} == {"DNMT1", "DNMT3A"}
    assert relations("DNMT silences MYC.", genes) == {("DNMT", "inhibition", "MYC")}
    # Without numbered genes in the record, a word in capitals is no family of them.
    assert relations("DNMT silences MYC.") == set()


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        (
            "MDM2 is an E3 ligase that targets TP53 for degradation.",
            {("MDM2", "inhibition", "TP53")},
        ),
        ("TP53 negatively regulates MDM2.", {("TP53", "inhibition", "MDM2")}),
        ("MDM2 is a negative regulator of TP53.", {("MDM2", "inhibition", "TP53")}),
        ("MDM2 is an inhibitor of TP53.", {("MDM2", "inhibition", "TP53")}),
        ("STAT3 is a direct target of JAK2.", {("JAK2", "association", "STAT3")}),
        ("MYC is a downstream effector of STAT3.", {("STAT3", "activation", "MYC")}),
        ("STAT3 targets the MYC gene.", {("STAT3", "association", "MYC")}),
        ("BRAF is activated downstream of KRAS.", {("KRAS", "activation", "BRAF")}),
        ("MYC acts downstream of STAT3.", {("STAT3", "activation", "MYC")}),
        ("KRAS lies upstream of BRAF.", {("KRAS", "activation", "BRAF")}),
        ("In response to EGF, KRAS activates BRAF.", {("KRAS", "activation", "BRAF")}),
        ("The MDM2–TP53 interaction is shown.", {("MDM2", "binding", "TP53")}),
        (
            "STAT3 activation by IL6 leads to MYC induction.",
            {("IL6", "activation", "STAT3"), ("STAT3", "activation", "MYC")},
        ),
        (
            "SOCS3 is induced by STAT3 and inhibits JAK2.",
            {("STAT3", "activation", "SOCS3"), ("SOCS3", "inhibition", "JAK2")},
        ),
    ],
)
def test_roles_positions_and_subjects_of_common_phrasings(caption, expected) -> None:
    assert relations(caption) == expected


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        (
            "AKT1 promotes cell survival via phosphorylation and inhibition of TP53.",
            {("AKT1", "inhibition", "TP53")},
        ),
        ("MTOR phosphorylation is increased by AKT1.", {("AKT1", "activation", "MTOR")}),
        ("STAT3 was shown to induce MYC.", {("STAT3", "activation", "MYC")}),
        ("BRAF, in turn, activates MYC.", {("BRAF", "activation", "MYC")}),
        ("AKT1-mediated phosphorylation inactivates MTOR.", {("AKT1", "inhibition", "MTOR")}),
        (
            "KRAS mutation leads to constitutive activation of BRAF.",
            {("KRAS", "activation", "BRAF")},
        ),
        (
            "MYC and CCND1 are STAT3 target genes.",
            {("STAT3", "association", "MYC"), ("STAT3", "association", "CCND1")},
        ),
        # a consequence after a comma is still the acted-on entity's, not the object's agent
        (
            "JAK2 binds STAT3, triggering the activation of MYC.",
            {("JAK2", "binding", "STAT3"), ("JAK2", "activation", "MYC")},
        ),
    ],
)
def test_more_common_phrasings(caption, expected) -> None:
    assert relations(caption) == expected


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        (
            "JAK2 phosphorylation of STAT3 induces MYC.",
            {("JAK2", "activation", "STAT3"), ("STAT3", "activation", "MYC")},
        ),
        ("SOCS3 acts as a negative feedback regulator of JAK2.", {("SOCS3", "inhibition", "JAK2")}),
        (
            "EGF treatment increased phosphorylation of AKT1 and MTOR.",
            {("EGF", "activation", "AKT1"), ("EGF", "activation", "MTOR")},
        ),
        # the loss of BRAF lowers MYC: BRAF sustains MYC
        ("BRAF inhibition reduces MYC levels.", {("BRAF", "activation", "MYC")}),
        (
            "EGF, via KRAS, activates BRAF.",
            {("EGF", "activation", "BRAF"), ("EGF", "association", "KRAS")},
        ),
    ],
)
def test_agents_written_before_their_noun_and_asides(caption, expected) -> None:
    assert relations(caption) == expected


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        ("Activation of KRAS results in the recruitment of BRAF.", {("KRAS", "binding", "BRAF")}),
        (
            "STAT3 and RELA act synergistically to induce IL6.",
            {("STAT3", "activation", "IL6"), ("RELA", "activation", "IL6")},
        ),
        ("JAK1 is essential for STAT3 activation.", {("JAK1", "activation", "STAT3")}),
        ("STAT3 is necessary and sufficient for MYC induction.", {("STAT3", "activation", "MYC")}),
        ("AKT1 directly phosphorylates and inhibits TP53.", {("AKT1", "inhibition", "TP53")}),
        ("MYC expression depends on STAT3.", {("STAT3", "activation", "MYC")}),
        ("KRAS activates BRAF, depending on EGF.", {("KRAS", "activation", "BRAF")}),
        ("AKT1 is activated in response to EGF.", {("EGF", "activation", "AKT1")}),
    ],
)
def test_requirements_dependence_and_coordinated_effects(caption, expected) -> None:
    assert relations(caption) == expected


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        # an open question states no relation
        ("Whether STAT3 activates MYC remains unknown.", set()),
        # an inhibitor of JAK2 that lowers STAT3 phosphorylation: JAK2 sustains it
        (
            "Treatment with a JAK2 inhibitor blocked STAT3 phosphorylation.",
            {("JAK2", "activation", "STAT3")},
        ),
        # sentences about how the figure is drawn or what was measured state none
        ("STAT3 (red) and MYC (green) are shown in the nucleus.", set()),
        ("Expression of STAT3 and MYC was measured in tumors.", set()),
        ("Neither STAT3 nor RELA induces MYC.", set()),
        ("Cells lacking STAT3 still express MYC.", set()),
    ],
)
def test_questions_inhibitors_and_sentences_that_state_nothing(caption, expected) -> None:
    assert relations(caption) == expected
