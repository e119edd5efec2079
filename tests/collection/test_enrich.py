"""Enrichment over the real corpus, checked against a brute-force count and SciPy's statistics."""

from __future__ import annotations

import random
import shutil

import pytest
from brute_force import copy_records
from corpus import DATA, SEED

from viewer.collection import Collection
from viewer.collection.enrich import EnrichmentError, enrich
from viewer.collection.keys import normalise_key
from viewer.genelist import parse_gene_list
from viewer.record import FigureRecord, load_record

scipy_stats = pytest.importorskip("scipy.stats")


@pytest.fixture(scope="module")
def indexed(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Collection, dict[int, FigureRecord]]:
    cache = tmp_path_factory.mktemp("cache")
    collection = Collection([DATA / "pfocr-database", DATA / "revisions", SEED], cache)
    summary = collection.refresh(workers=1)
    assert summary.records == 159 and summary.problems == 0
    # By the index's figure id: the corpus holds several revisions of some figures.
    records = {row.id: load_record(row.path) for row in collection.page("", 0, 10_000)}
    yield collection, records
    collection.close()


def _organism(gene) -> str:
    return gene.organism or "Homo sapiens"  # inline records: PFOCR matched human genes only


def brute_force(records, names, organism="Homo sapiens", min_size=3, background=None):
    """The analysis spelled out: {figure: (overlap, size, p, adjusted, genes)} and the totals."""
    sets = {}
    ranks: dict[str, dict[int, set[int]]] = {}
    for figure, record in records.items():
        for gene in record.genes:
            if _organism(gene).casefold() != organism.casefold():
                continue
            entrez = int(gene.entrez)
            sets.setdefault(figure, set()).add(entrez)
            for value, rank in (
                (gene.entrez, 0),
                (gene.hgnc_symbol, 0),
                (gene.symbol, 1),
                (gene.word, 2),
            ):
                if value:
                    ranks.setdefault(normalise_key(value), {}).setdefault(rank, set()).add(entrez)
    wanted = set()
    unknown = []
    for name in names:
        found = ranks.get(normalise_key(name))
        if found:
            wanted |= found[min(found)]
        else:
            unknown.append(name)
    universe = set().union(*sets.values()) if sets else set()
    population = len(universe) if background is None else background
    tested = {figid: ids for figid, ids in sets.items() if len(ids) >= min_size}
    figids = sorted(tested)
    p_values = [
        float(
            scipy_stats.hypergeom.sf(
                len(tested[f] & wanted) - 1, population, len(wanted), len(tested[f])
            )
        )
        for f in figids
    ]
    adjusted = scipy_stats.false_discovery_control(p_values, method="bh") if p_values else []
    table = {
        f: (len(tested[f] & wanted), len(tested[f]), p, a, tested[f] & wanted)
        for f, p, a in zip(figids, p_values, adjusted, strict=True)
        if tested[f] & wanted
    }
    return table, unknown, len(wanted), population, len(tested)


def _lists(records) -> list[list[str]]:
    """Gene lists of every kind: one figure's symbols, mixed names and ids, random samples."""
    rng = random.Random(20261126)
    genes = [g for r in records.values() for g in r.genes if _organism(g) == "Homo sapiens"]
    seed = next(r for r in records.values() if r.figid == "PMC1584297__neo0809_0733_fig009")
    lists = [[g.hgnc_symbol or g.symbol for g in seed.genes]]
    for size in (1, 5, 30, 200):
        sample = rng.sample(genes, size)
        lists.append(
            [rng.choice([g.word, g.symbol, g.hgnc_symbol, g.entrez]) or g.entrez for g in sample]
        )
    lists.append(["stat3", "Jak2", "IL6", "NOT-A-GENE", "p53", "7157"])
    return lists


@pytest.mark.parametrize("case", range(6))
def test_matches_brute_force_and_scipy(indexed, case) -> None:
    collection, records = indexed
    names = list(parse_gene_list("\n".join(_lists(records)[case])).names)
    result = enrich(collection, names)
    table, unknown, list_size, population, tested = brute_force(records, names)
    assert result.resolution.unknown == tuple(unknown)
    assert (result.list_size, result.background, result.tested) == (list_size, population, tested)
    assert {m.figure for m in result.matches} == set(table)
    for match in result.matches:
        assert match.figid == records[match.figure].figid
        overlap, size, p, adjusted, ids = table[match.figure]
        assert (match.overlap, match.size, set(match.entrez)) == (overlap, size, ids)
        assert match.p_value == pytest.approx(p, rel=1e-9, abs=1e-300)
        assert match.adjusted_p == pytest.approx(adjusted, rel=1e-9, abs=1e-300)
    # Best first: p-values never decrease down the table.
    p_values = [m.p_value for m in result.matches]
    assert p_values == sorted(p_values)


def test_the_seed_figure_tops_its_own_gene_list(indexed) -> None:
    collection, records = indexed
    seed = next(r for r in records.values() if r.figid == "PMC1584297__neo0809_0733_fig009")
    result = enrich(collection, [g.hgnc_symbol for g in seed.genes])
    top = result.matches[0]
    assert top.figid == seed.figid
    assert top.overlap == top.size == len({g.entrez for g in seed.genes})
    assert top.adjusted_p < 1e-10 and top.odds_ratio > 100
    assert set(top.genes) == {g.hgnc_symbol for g in seed.genes}
    line = result.tsv_lines()[1].split("\t")
    assert line[0] == seed.figid and line[7] == ",".join(sorted(top.genes))


@pytest.mark.parametrize(
    ("organism", "min_size", "background"),
    [("Mus musculus", 3, None), ("DROSOPHILA melanogaster", 1, None), ("Homo sapiens", 10, 20_000)],
)
def test_other_organisms_sizes_and_backgrounds(indexed, organism, min_size, background) -> None:
    collection, records = indexed
    names = sorted(
        {
            g.symbol
            for r in records.values()
            for g in r.genes
            if g.symbol and _organism(g).casefold() == organism.casefold()
        }
    )[::3]
    result = enrich(collection, names, organism=organism, min_size=min_size, background=background)
    table, unknown, list_size, population, tested = brute_force(
        records, names, organism, min_size, background
    )
    assert result.organism.casefold() == organism.casefold()
    assert (result.list_size, result.background, result.tested) == (list_size, population, tested)
    assert result.resolution.unknown == tuple(unknown)
    assert {m.figure: (m.overlap, m.size) for m in result.matches} == {
        f: row[:2] for f, row in table.items()
    }
    for match in result.matches:
        assert match.p_value == pytest.approx(table[match.figure][2], rel=1e-9, abs=1e-300)
        assert match.size >= min_size


def test_only_unknown_genes(indexed) -> None:
    collection, _records = indexed
    result = enrich(collection, ["NOPE1", "not_a_gene", "999999999"])
    assert len(result.matches) == 0
    assert result.list_size == 0
    assert result.resolution.unknown == ("NOPE1", "not_a_gene", "999999999")


def test_bad_requests_are_refused_with_a_message(indexed) -> None:
    collection, _records = indexed
    with pytest.raises(EnrichmentError, match="no Felis catus genes in this collection"):
        enrich(collection, ["STAT3"], organism="Felis catus")
    largest = r"background of 10 genes is smaller than the largest figure \(140 genes\)"
    with pytest.raises(EnrichmentError, match=largest):
        enrich(collection, ["STAT3"], background=10)
    with pytest.raises(EnrichmentError, match="at least 1"):
        enrich(collection, ["STAT3"], min_size=0)


def test_an_empty_collection(tmp_path) -> None:
    (tmp_path / "empty").mkdir()
    with Collection([tmp_path / "empty"], tmp_path / "cache") as collection:
        collection.refresh(workers=1)
        result = enrich(collection, ["STAT3", "JAK2"])
    assert len(result.matches) == 0 and result.tested == 0
    assert result.resolution.unknown == ("STAT3", "JAK2")


def test_figures_that_leave_the_collection_leave_the_analysis(tmp_path) -> None:
    root = tmp_path / "records"
    (other_path,) = copy_records(root, ["PMC100003__mb2410470011.md"])
    seed_path = root / "_figures" / SEED.name
    shutil.copy2(SEED, seed_path)
    seed, other = load_record(seed_path), load_record(other_path)
    only_seed = sorted({g.hgnc_symbol for g in seed.genes} - {g.hgnc_symbol for g in other.genes})
    with Collection([root], tmp_path / "cache") as collection:
        collection.refresh(workers=1)
        before = enrich(collection, only_seed, min_size=1)
        assert [m.figid for m in before.matches] == [seed.figid]
        seed_path.unlink()
        collection.refresh(workers=1)
        after = enrich(collection, only_seed, min_size=1)
    assert len(after.matches) == 0
    assert after.resolution.unknown == tuple(only_seed)  # its genes are nowhere now


def test_cancelling(indexed) -> None:
    collection, _records = indexed
    with pytest.raises(InterruptedError):
        enrich(collection, ["STAT3"], cancelled=lambda: True)


def test_gene_sets_count_inline_genes_as_human(indexed) -> None:
    collection, records = indexed
    human = dict(collection.gene_sets("Homo sapiens"))
    everything = dict(collection.gene_sets())
    for figure, record in records.items():
        expected = {int(g.entrez) for g in record.genes if _organism(g) == "Homo sapiens"}
        assert human.get(figure, frozenset()) == expected
        assert everything.get(figure, frozenset()) == {int(g.entrez) for g in record.genes}
    assert any(r.layout == "inline" and r.genes for r in records.values())


def test_matches_read_lazily_are_the_same_as_a_list(indexed) -> None:
    collection, records = indexed
    symbols = sorted({g.hgnc_symbol for r in records.values() for g in r.genes if g.hgnc_symbol})
    result = enrich(collection, symbols[::4], min_size=1)
    everything = list(result.matches)
    assert len(everything) == len(result.matches) > 100
    assert result.matches[-1] == everything[-1]
    assert result.matches[10:20] == everything[10:20]
    assert all(m.figid == records[m.figure].figid for m in everything)
    with pytest.raises(IndexError):
        result.matches[len(everything)]


def test_incremental_refreshes_keep_the_gene_postings_right(tmp_path) -> None:
    # Adding a record continues the block of figure ids the earlier ones are in; changing or
    # removing one rewrites its rows. After each refresh the analysis must equal brute force.
    names = sorted(p.name for p in (DATA / "pfocr-database" / "_figures").glob("*.md"))
    root = tmp_path / "records"
    copy_records(root, names[:20])
    every_gene = sorted(
        {g.hgnc_symbol for n in names[:40] for g in load_record_any(root, n) if g.hgnc_symbol}
    )
    gene_list = every_gene[::3]
    with Collection([root], tmp_path / "cache") as collection:

        def check() -> None:
            collection.refresh(workers=1)
            records = {row.id: load_record(row.path) for row in collection.page("", 0, 10_000)}
            result = enrich(collection, gene_list, min_size=1)
            table, _unknown, list_size, population, tested = brute_force(
                records, gene_list, min_size=1
            )
            assert (result.list_size, result.background, result.tested) == (
                list_size,
                population,
                tested,
            )
            assert {m.figure: m.overlap for m in result.matches} == {
                f: row[0] for f, row in table.items()
            }

        check()
        copy_records(root, names[20:40])  # added: same block of ids as the first 20
        check()
        first = root / "_figures" / names[0]
        first.write_text(first.read_text().replace("figtitle:", "figtitle: Changed", 1))
        (root / "_figures" / names[5]).unlink()
        check()


def load_record_any(root, name):
    """The genes of a corpus record, wherever the test copied it or not yet."""
    return load_record(DATA / "pfocr-database" / "_figures" / name).genes
