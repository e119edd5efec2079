"""Gene lists as pasted: separators, repeats, comments, and matching a figure's genes."""

from __future__ import annotations

import pytest
from corpus import SEED

from viewer.genelist import GeneListError, match_record_genes, parse_gene_list
from viewer.record import load_record


def test_any_mix_of_separators_blank_lines_and_comments() -> None:
    text = "STAT3\n\n  JAK2, IL6;TP53\tAKT1 \r\n# a comment line\nMTOR # trailing comment\n;;,\n"
    assert parse_gene_list(text).names == ("STAT3", "JAK2", "IL6", "TP53", "AKT1", "MTOR")


def test_repeats_count_once_whatever_their_case() -> None:
    gene_list = parse_gene_list("stat3 STAT3 Stat3 7157 7157 'JAK2' \"jak2\"")
    assert gene_list.names == ("stat3", "7157", "JAK2")
    assert gene_list.repeats == 4


def test_nothing_but_blanks_is_an_empty_list() -> None:
    for text in ("", "\n\n", " ,;\t", "# only a comment\n"):
        gene_list = parse_gene_list(text)
        assert not gene_list and len(gene_list) == 0


def test_a_huge_file_is_not_a_gene_list() -> None:
    with pytest.raises(GeneListError, match="does not look like a gene list"):
        parse_gene_list("\n".join(f"G{i}" for i in range(100_001)))


def test_matching_a_figure_by_symbol_word_or_id() -> None:
    record = load_record(SEED)
    stat3 = next(g for g in record.genes if g.hgnc_symbol == "STAT3")
    il6 = next(g for g in record.genes if g.hgnc_symbol == "IL6")
    match = match_record_genes(record.genes, ["stat3", il6.entrez, "NOTAGENE", "PIK3CA"])
    assert match.entrez == {stat3.entrez, il6.entrez}
    assert match.found == ("stat3", il6.entrez)
    assert match.missing == ("NOTAGENE", "PIK3CA")
