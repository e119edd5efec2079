"""Which caption names become entities: each recognition rule on a small caption."""

from __future__ import annotations

from captions import caption_record, caption_relations

from viewer.mechanism import build_mechanism

GENES = {
    "WNT3A": "89780", "LRP5": "4041", "LRP6": "4040", "FZD1": "8321", "TRAF2": "7186",
    "MAP3K7": "6885", "AKT1": "207", "MTOR": "2475", "KRAS": "3845", "STAT3": "6774",
}  # fmt: skip


def relations(caption: str, genes: dict[str, str] = GENES) -> set[tuple[str, str, str]]:
    return caption_relations(caption, genes)


def labels(
    caption: str, genes: dict[str, str] = GENES, words: dict[str, str] | None = None
) -> set[str]:
    """The labels of the nodes the caption mentions (not those only in the figure)."""
    mechanism = build_mechanism(caption_record(caption, genes, words))
    return {n.label for n in mechanism.nodes if n.mentions}


def test_a_spelled_out_name_and_its_abbreviation_are_one_mention() -> None:
    caption = (
        "WNT3A binds to low-density lipoprotein receptor-related protein 5 (LRP5) or "
        "low-density lipoprotein receptor-related protein 6 (LRP6) and Frizzled (FZD)."
    )
    assert relations(caption) == {
        ("WNT3A", "binding", "LRP5"),
        ("WNT3A", "binding", "LRP6"),
        ("WNT3A", "binding", "FZD"),
    }


def test_a_name_inside_a_spelled_out_name_is_no_mention() -> None:
    caption = "TNF receptor-associated factor 2 (TRAF2) activates MAP3K7."
    assert relations(caption) == {("TRAF2", "activation", "MAP3K7")}
    assert "TNF" not in labels(caption)


def test_the_verb_before_a_spelled_out_name_stays_a_verb() -> None:
    caption = "AKT1 activates mammalian target of rapamycin (MTOR)."
    assert relations(caption) == {("AKT1", "activation", "MTOR")}


def test_a_family_named_after_a_gene_is_not_the_gene() -> None:
    genes = {"MAPK8": "5599", "BCL2": "596"}
    caption = "MAPK8 inhibits the proapoptotic Bcl-2 family members."
    assert relations(caption, genes) == {("MAPK8", "inhibition", "Bcl-2 family")}


def test_a_famplex_family_named_with_family_members_is_that_family() -> None:
    genes = {"MAPK8": "5599"}
    assert relations("MAPK8 phosphorylates NFAT family members.", genes) == {
        ("MAPK8", "activation", "NFAT")
    }


def test_a_p_number_name_with_a_suffix_is_an_entity() -> None:
    assert relations("E2F1 activates p19ARF.", {"E2F1": "1869"}) == {
        ("E2F1", "activation", "p19ARF")
    }


def test_a_name_opening_with_a_greek_letter_is_an_entity() -> None:
    genes = {"YAP1": "10413", "PTGER1": "5731"}
    assert relations("YAP1 induces α-SMA.", genes) == {("YAP1", "activation", "α-SMA")}
    assert relations("PTGER1 binds β2AR.", genes) == {("PTGER1", "binding", "β2AR")}


def test_a_metabolite_opening_with_a_greek_letter_is_no_entity() -> None:
    assert relations("IDH1 produces α-KG.", {"IDH1": "3417"}) == set()


def test_a_lower_case_prefixed_protein_name_is_an_entity() -> None:
    assert relations("RHOA stimulates mDia.", {"RHOA": "387"}) == {("RHOA", "activation", "mDia")}


def test_micro_rnas_and_antibodies_are_no_protein_names() -> None:
    assert relations("STAT3 induces miRs and mAbs.", {"STAT3": "6774"}) == set()


def test_a_name_the_caption_calls_a_protein_is_an_entity() -> None:
    genes = {"SCAP": "22937"}
    assert relations("SCAP binds the Insig proteins.", genes) == {("SCAP", "binding", "Insig")}


def test_a_name_the_caption_says_is_phosphorylated_is_an_entity_throughout() -> None:
    genes = {"IRAK1": "3654", "RELA": "5970"}
    caption = "IRAK1 leads to Cactus phosphorylation. The degradation of Cactus frees RELA."
    assert {"Cactus"} <= labels(caption, genes)


def test_a_capitalised_word_opening_a_sentence_is_no_protein_name() -> None:
    genes = {"SCAP": "22937"}
    assert relations("Membrane proteins bind SCAP.", genes) == set()
    assert labels("Membrane proteins bind SCAP.", genes) == {"SCAP"}


def test_a_product_named_by_type_is_its_own_entity() -> None:
    genes = {"TRIM25": "7706", "IFNB1": "3456"}
    caption = "TRIM25 promotes type I interferon production."
    assert relations(caption, genes) == {("TRIM25", "activation", "type I interferon")}


def test_a_name_the_figure_writes_beside_a_gene_is_an_entity() -> None:
    genes = {"TNF": "7124", "IRAK1": "3654"}
    caption = "IRAK1 releases Dif and Dorsal."
    assert {"Dorsal"} <= labels(caption, genes, {"TNF": "Dif/Dorsal"})
    assert "Dorsal" not in labels(caption, genes)


def test_an_abbreviation_spelled_out_by_one_capitalised_name_is_an_entity() -> None:
    genes = {"NOTCH1": "4851"}
    assert relations("NOTCH1 binds to Jagged (JAG).", genes) == {("NOTCH1", "binding", "JAG")}


def test_a_capitalised_word_opening_a_sentence_defines_no_entity() -> None:
    genes = {"STAT3": "6774"}
    assert labels("Tamoxifen (TMX) inhibits STAT3.", genes) == {"STAT3"}


def test_an_abbreviation_followed_by_protein_is_an_entity() -> None:
    genes = {"ABI4": "100037"}
    caption = "ABI4 represses Light Harvesting Chlorophyll a/b Binding (LHCB) protein."
    assert relations(caption, genes) == {("ABI4", "inhibition", "LHCB")}


def test_a_famplex_family_named_by_its_id_is_an_entity() -> None:
    genes = {"SELPLG": "6404"}
    assert relations("Selectins interact with SELPLG.", genes) == {
        ("Selectin", "binding", "SELPLG")
    }


def test_a_kinase_named_by_its_substrate_is_an_entity() -> None:
    genes = {"AKT1": "207"}
    assert relations("AKT1 activates glucokinase.", genes) == {
        ("AKT1", "activation", "glucokinase")
    }
    assert relations("AKT1 activates a kinase.", genes) == set()
