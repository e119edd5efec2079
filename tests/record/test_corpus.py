"""Every real PFOCR record loads, and a dozen of them field by field."""

from __future__ import annotations

import filecmp

import pytest
from corpus import FIGURES, REVISIONS, SEED, SHARED_CORPUS, TABLES, corpus_records

from viewer.record import FigureRecord, Gene, Mention, load_record

RECORDS = corpus_records()


def test_bundled_corpus_is_complete() -> None:
    assert len(RECORDS) == 1 + 150 + 8
    assert len(list(TABLES.glob("*.tsv"))) == 107


@pytest.mark.skipif(
    not SHARED_CORPUS.is_dir(), reason="../shared/corpus exists only beside the workspace checkout"
)
def test_bundled_corpus_matches_shared_copy() -> None:
    for ours, theirs in (
        (FIGURES, SHARED_CORPUS / "pfocr-database" / "_figures"),
        (TABLES, SHARED_CORPUS / "pfocr-database" / "_data"),
        (REVISIONS, SHARED_CORPUS / "revisions"),
    ):
        names = sorted(p.name for p in theirs.iterdir())
        assert sorted(p.name for p in ours.iterdir()) == names
        _same, mismatch, errors = filecmp.cmpfiles(theirs, ours, names, shallow=False)
        assert mismatch == [] and errors == []


@pytest.mark.parametrize("path", RECORDS, ids=lambda p: p.name)
def test_every_real_record_loads(path) -> None:
    record = load_record(path)
    assert isinstance(record, FigureRecord)
    assert record.figid == path.name.split("@")[0].removesuffix(".md")
    assert record.figtitle and record.caption and record.pmcid
    assert record.pmcid == record.figid.split("__")[0]
    assert all(g.entrez.isdigit() for g in record.genes)
    assert "NA" not in record.organisms and ".na.character" not in record.organisms
    # Split-layout records must pick up their tables when they have them.
    if (TABLES / f"{record.figid}-genes.tsv").exists() and path.parent == FIGURES:
        assert record.layout == "split" and record.genes


def test_seed_record_fields() -> None:
    r = load_record(SEED)
    assert r.figid == "PMC1584297__neo0809_0733_fig009"
    assert r.figtitle == "Cross-talk between the NFKB and the STAT3 pathways"
    assert r.caption.startswith("Proposed mechanism of cross-talk between the NFκB")
    assert r.caption.endswith("blocking the activation of the STA T3 pathway.")
    assert r.number == "Figure 9"
    assert r.pmcid == "PMC1584297"
    assert r.year == 2006
    assert r.reftext == "Cristiane H Squarize, et al. Neoplasia. 2006 Sep;8(9):733-746."
    assert r.filename == "neo0809_0733_fig009.jpg"
    assert r.figlink == "/pmc/articles/PMC1584297/figure/F9/"
    assert r.organisms == ("Homo sapiens",)
    assert r.ndex is None and r.wpid is None
    assert r.annotations == () and r.chemicals == () and r.diseases == ()
    assert r.layout == "inline" and r.warnings == ()
    assert len(r.genes) == 12
    assert r.genes[0] == Gene("NFKB", "NFKB", "bioentities_symbol", "REL", "5966")
    assert [g.hgnc_symbol for g in r.genes if g.word == "JAK"] == ["JAK1", "TYK2", "JAK2", "JAK3"]
    assert r.extra["pmc_ranked_result_index"] == "127273"
    assert r.extra["pathway_score"] == pytest.approx(0.9531045)
    assert r.extra["schema-jsonld"]["creator"]["name"] == "WikiPathways"
    assert "IL6R" in r.extra["schema-jsonld"]["keywords"]


def test_old_schema_plain_string_organism_and_ocr_words() -> None:
    r = load_record(FIGURES / "PMC1322299__pmed.0020415.g001.md")
    assert r.organisms == ("Homo sapiens",)
    assert r.year == 2005 and r.number == "F1" and r.figtype == "Figure"
    assert r.figtitle == "Tweaking Microtubules to Treat Scleroderma"
    assert r.genes[0] == Gene("Smad2,3", "SMAD3", "hgnc_symbol", "SMAD3", "4088")
    assert len(r.genes) == 4


def test_empty_year_and_long_inline_gene_list() -> None:
    r = load_record(FIGURES / "PMC2153436__nihms35807f4.md")
    assert r.year is None
    assert r.reftext == "Courtney G. Woods, et al. Toxicol Appl Pharmacol. ;225(3):267-277."
    assert r.ndex == "9d911f8b-de8d-11ea-99da-0ac135e8bacf"
    assert len(r.genes) == 69
    assert all(g.organism is None and g.taxon is None for g in r.genes)


def test_inline_diseases_with_empty_ids_are_kept_as_words() -> None:
    r = load_record(FIGURES / "PMC100008__mb2411709009.md")
    assert Mention("Cancer", None, None) in r.diseases
    assert r.ndex == "e93dea57-deb4-11ea-99da-0ac135e8bacf"
    assert r.figtitle.startswith("Cooperation between Beta-AR and B2R signaling")


def test_figure_number_spelled_out() -> None:
    r = load_record(FIGURES / "PMC3810482__ECAM2013-802784.011.md")
    assert r.number == "Figure 11" and r.year == 2013
    assert r.figtitle == (
        "BNC-mediated protection from H2O2-induced oxidative injury in H9c2 cells"
    )


def test_split_layout_genes_keep_their_organism() -> None:
    r = load_record(FIGURES / "PMC10919860__ppat.1012049.g001.md")
    assert r.layout == "split"
    assert r.organisms == ()  # the record says [NA]
    assert r.extra["organisms_ner"] == ("Homo sapiens",)
    assert r.figlink == "/pmc/articles/PMC10919860/figure/F1"
    assert r.year == 2024
    assert len(r.genes) == 9
    assert r.genes[0] == Gene(
        "Toll", "TOLL", "ncbigene_synonym", "TLR4", "7099", "Homo sapiens", "9606"
    )
    assert r.gene_organisms == ("Homo sapiens",)


def test_split_layout_with_wpid_old_style_chemicals_and_diseases() -> None:
    r = load_record(FIGURES / "PMC6365454__fnins-13-00025-g0002.md")
    assert r.wpid == "WP5283"
    assert r.ndex == "1c2b5aa2-deed-11ea-99da-0ac135e8bacf"
    # The chemicals table has CRLF ends and no final newline; the last row still counts.
    assert [c.word for c in r.chemicals][:2] == ["PGE2", "Na"]
    assert r.chemicals[-1] == Mention("NADP", "MESH", "D009249")
    assert len(r.chemicals) == 12
    assert r.diseases == (Mention("Microangiopathy", "MESH", "D057049"),)
    assert len(r.genes) == 115
    assert r.gene_organisms == ("Drosophila melanogaster", "Homo sapiens")
    nmda = [g for g in r.genes if g.word == "NMDA" and g.organism == "Drosophila melanogaster"]
    assert nmda[0].hgnc_symbol == "Nmdar1" and nmda[0].entrez == "40665"
    assert nmda[0].taxon == "7227"


def test_split_layout_current_chemicals_keep_both_ids() -> None:
    r = load_record(FIGURES / "PMC10003241__ijms-24-04893-g003.md")
    fatty = next(c for c in r.chemicals if c.word == "Fatty acid")
    assert fatty == Mention("Fatty acid", "MESH", "D005227", "fatty acid", ("chebi:35366",))
    assert r.diseases == (Mention("OBS proteins", "MESH", "D011488"),)
    assert r.genes[0].word == "LRP5/6" and r.genes[0].hgnc_symbol == "LRP6"


def test_repeated_organism_block_is_read_once() -> None:
    r = load_record(FIGURES / "PMC6585049__12870_2019_1880_Fig9_HTML.md")
    assert len(r.genes) == 43  # 66 rows, the human block listed twice
    assert r.extra["organisms_ner"] == (
        "Drosophila melanogaster",
        "Homo sapiens",
        "Escherichia coli str. K-12 substr. MG1655",
    )
    by_organism = {o: sum(g.organism == o for g in r.genes) for o in r.gene_organisms}
    assert by_organism == {
        "Homo sapiens": 23,
        "Drosophila melanogaster": 15,
        "Escherichia coli str. K-12 substr. MG1655": 5,
    }


def test_bad_table_row_is_dropped_with_a_warning_naming_table_and_line() -> None:
    r = load_record(FIGURES / "PMC4426750__jcbfm2014204f1.md")
    assert r.warnings == (
        "PMC4426750__jcbfm2014204f1-genes.tsv line 26: gene row dropped: "
        "NCBI Gene id 'NaN' is not a number",
    )
    assert {"COX7C", "COX4I1"} <= {g.hgnc_symbol for g in r.genes}


def test_record_without_gene_table_has_no_genes_and_no_warning() -> None:
    r = load_record(FIGURES / "PMC10033909__d3sc00173c-s1.md")
    assert r.genes == () and r.warnings == ()
    assert r.number == "SF1" and r.figtype == "Supplemental figure"


def test_na_character_fields_stay_in_extra_as_read() -> None:
    r = load_record(FIGURES / "PMC6302266__cvy157f8.md")
    assert r.extra["doi"] == ".na.character"
    assert r.organisms == ()


def test_newer_schema_revision_of_an_old_record() -> None:
    old = load_record(FIGURES / "PMC1383482__ppat.0020004.g001.md")
    new = load_record(REVISIONS / "PMC1383482__ppat.0020004.g001@276e5bbd.md")
    assert old.layout == "inline"
    assert new.figid == old.figid and new.pmcid == old.pmcid
    assert "automl_pathway" in new.extra and "pathway_score" in old.extra


def test_own_organisms_include_the_text_mined_ones() -> None:
    split = load_record(FIGURES / "PMC6365454__fnins-13-00025-g0002.md")
    assert split.own_organisms == ("Drosophila melanogaster", "Homo sapiens")
    assert load_record(SEED).own_organisms == ("Homo sapiens",)
    na_only = load_record(FIGURES / "PMC10040407__41392_2023_1336_Fig8_HTML.md")
    assert na_only.organisms == () and na_only.own_organisms == ("Homo sapiens",)
