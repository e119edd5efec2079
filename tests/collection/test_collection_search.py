"""Search results over the real corpus, checked against a brute-force scan of the same records."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from brute_force import matches, positive_keys, ranked_count, tokens
from corpus import DATA, SEED

from viewer.collection import Collection, QueryError, parse_query
from viewer.record import FigureRecord, load_record


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Collection, dict[str, FigureRecord]]:
    cache = tmp_path_factory.mktemp("cache")
    collection = Collection([DATA / "pfocr-database", DATA / "revisions", SEED], cache)
    summary = collection.refresh(workers=1)
    assert summary.problems == 0 and not summary.cancelled
    records = {row.path: load_record(row.path) for row in collection.page("", 0, 10_000)}
    assert len(records) == summary.records == 159
    yield collection, records
    collection.close()


def _symbols(records: dict[str, FigureRecord]) -> list[str]:
    return sorted({g.hgnc_symbol for r in records.values() for g in r.genes if g.hgnc_symbol})


# Hand-picked queries: every form of the language, and the traps of each.
QUERIES = [
    "",
    "insulin",
    "INSULIN",
    "signaling pathway",
    '"signaling pathway"',
    '"pathway signaling"',
    "phosph*",
    "IL-6",
    '"IL-6"',
    "NFκB",
    "nfκb",
    "gene:STAT3",
    "gene:stat3",
    "gene:6774",
    "gene:Etk",
    "gene:BMX",
    'gene:"Ga12,Gaq"',
    "gene:AKT1 gene:MTOR",
    "gene:AKT1 OR gene:MTOR OR gene:TP53",
    "gene:AKT1 -gene:MTOR",
    "-gene:AKT1",
    'organism:"Homo sapiens"',
    'organism:"homo   SAPIENS"',
    'organism:"Mus musculus"',
    '-organism:"Homo sapiens"',
    "year:2006",
    "year:2000..2010",
    "year:..2005",
    "year:2020..",
    "-year:2023",
    "pmcid:PMC1584297",
    "pmcid:pmc1584297",
    "pmcid:1584297",
    "chemical:bombesin",
    "chemical:D001839",
    "chemical:mesh:D005227",
    'chemical:"fatty acid"',
    "disease:D011488",
    "insulin OR glucose",
    "insulin gene:AKT1",
    "insulin OR gene:INS",
    "(insulin OR glucose) year:2000..2015 -mouse",
    "signaling -(insulin OR cancer)",
    "gene:STAT3 OR signaling year:2006",
    "Note: receptor",
    "receptor AND kinase",
    "- / receptor",
    "pathway",
]


@pytest.mark.parametrize("query", QUERIES)
def test_results_match_a_brute_force_scan(indexed, query: str) -> None:
    collection, records = indexed
    tree = parse_query(query)
    expected = {path for path, record in records.items() if matches(record, tree)}
    rows = collection.page(query, 0, 10_000)
    assert {row.path for row in rows} == expected
    assert len(rows) == len(expected) == collection.count(query)
    assert sorted(h.figid for h in collection.search(query)) == sorted(r.figid for r in rows)
    snapshot = collection.results(query, sort="year")
    assert len(snapshot) == len(expected)
    assert {row.path for row in snapshot.rows(0, 10_000) if row is not None} == expected


def test_the_hand_picked_queries_find_something(indexed) -> None:
    """The comparison above is only worth something if the queries have hits."""
    collection, _records = indexed
    empty = [q for q in QUERIES if collection.count(q) == 0]
    assert empty == ['"pathway signaling"']  # word order matters in a phrase


def _random_query(rng: random.Random, symbols: list[str], words: list[str], depth: int = 0) -> str:
    atoms = [
        lambda: rng.choice(words),
        lambda: f'"{rng.choice(words)} {rng.choice(words)}"',
        lambda: rng.choice(words)[:4] + "*",
        lambda: f"gene:{rng.choice(symbols)}",
        lambda: f"gene:{rng.choice(symbols).lower()}",
        lambda: 'organism:"Homo sapiens"',
        lambda: f"year:{rng.randint(1998, 2025)}",
        lambda: f"year:{rng.randint(1995, 2010)}..{rng.randint(2010, 2026)}",
    ]
    terms = []
    for _ in range(rng.randint(1, 3)):
        if depth < 2 and rng.random() < 0.2:
            term = "(" + _random_query(rng, symbols, words, depth + 1) + ")"
        else:
            term = rng.choice(atoms)()
        if rng.random() < 0.25:
            term = "-" + term
        terms.append(term)
        if rng.random() < 0.3:
            terms.append("OR")
    if terms[-1] == "OR":
        terms.pop()
    return " ".join(terms)


def test_random_queries_match_a_brute_force_scan(indexed) -> None:
    collection, records = indexed
    rng = random.Random(5)
    symbols = _symbols(records)
    words = sorted(
        {w for r in records.values() for w in tokens(r.caption) if w.isascii() and len(w) > 3}
    )
    checked = 0
    for _ in range(150):
        query = _random_query(rng, symbols, words)
        try:
            tree = parse_query(query)
        except QueryError:
            continue
        expected = {path for path, record in records.items() if matches(record, tree)}
        assert {row.path for row in collection.page(query, 0, 10_000)} == expected, query
        checked += 1
    assert checked > 120


@pytest.mark.parametrize(
    "query",
    [
        "gene:AKT1 OR gene:MTOR OR gene:PIK3CA OR gene:TP53",
        "(gene:STAT3 OR gene:JAK2 OR gene:IL6) year:2000..2030",
        "gene:AKT1 (gene:MTOR OR gene:RPTOR) -gene:TP53",
    ],
)
def test_figures_with_more_of_the_genes_rank_first(indexed, query: str) -> None:
    collection, records = indexed
    tree = parse_query(query)
    hits = collection.search(query)
    assert hits
    by_figid = {}
    for record in records.values():
        if matches(record, tree):
            by_figid.setdefault(record.figid, set()).add(ranked_count(record, tree))
    for hit in hits:
        assert round(hit.score) in by_figid[hit.figid]
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert max(scores) > min(scores)  # the query separates figures
    assert len(positive_keys(tree)) >= 3


def test_text_ranks_best_first(indexed) -> None:
    collection, _records = indexed
    hits = collection.search("insulin receptor")
    assert len(hits) >= 2
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert scores[0] > 0
    titled = collection.search("insulin")
    assert "insulin" in (titled[0].figtitle or "").lower()  # a title word weighs most


def test_limit_and_paging(indexed) -> None:
    collection, _records = indexed
    everything = collection.search("signaling")
    assert [h.figid for h in collection.search("signaling", limit=5)] == [
        h.figid for h in everything[:5]
    ]
    assert collection.search("signaling", limit=0) == []
    by_year = collection.page("", 0, 10_000, sort="year")
    assert by_year == collection.page("", 0, 40, sort="year") + collection.page(
        "", 40, 10_000, sort="year"
    )
    years = [r.year for r in by_year if r.year is not None]
    assert years == sorted(years)


@pytest.mark.parametrize("sort", ["id", "title", "year", "organism", "genes", "score", "indexed"])
def test_every_sort_orders_the_whole_list(indexed, sort: str) -> None:
    collection, records = indexed
    ascending = collection.results("", sort=sort)
    descending = collection.results("", sort=sort, descending=True)
    assert len(ascending) == len(descending) == len(records)
    rows = ascending.rows(0, len(ascending))
    assert None not in rows
    key = {
        "id": lambda r: r.figid,
        "title": lambda r: r.title.casefold(),
        "year": lambda r: (r.year is not None, r.year or 0),
        "organism": lambda r: r.organisms.casefold(),
        "genes": lambda r: r.gene_count,
        "score": lambda r: r.figid,
        "indexed": lambda r: r.id,
    }[sort]
    assert [key(r) for r in rows] == sorted(key(r) for r in rows)
    assert ascending.position(rows[3].id) == 3
    assert ascending.path(0) == Path(rows[0].path)


def test_unknown_sort_is_refused(indexed) -> None:
    collection, _records = indexed
    with pytest.raises(ValueError, match="unknown sort"):
        collection.page("", sort="colour")


def test_rows_carry_what_a_list_shows(indexed) -> None:
    collection, records = indexed
    (row,) = collection.page("pmcid:PMC100003", 0, 10)
    record = records[row.path]
    assert (row.figid, row.figtitle, row.year, row.pmcid) == (
        record.figid,
        record.figtitle,
        record.year,
        record.pmcid,
    )
    assert row.organisms == "; ".join(record.own_organisms)
    assert row.gene_count == len({g.entrez for g in record.genes})
    assert collection.path(row.id) == Path(row.path)
    assert collection.row(row.id) == row._replace(score=0.0)
    genes = collection.genes(row.id)
    assert {g[3] for g in genes} == {int(g.entrez) for g in record.genes}


def test_gene_sets_for_enrichment(indexed) -> None:
    collection, records = indexed
    sets = dict(collection.gene_sets())
    by_path = {row.path: row.id for row in collection.page("", 0, 10_000)}
    for path, record in records.items():
        expected = frozenset(int(g.entrez) for g in record.genes)
        assert sets.get(by_path[path], frozenset()) == expected
    human = dict(collection.gene_sets("Homo sapiens"))
    assert human and all(ids <= sets[figure] for figure, ids in human.items())


def test_user_text_is_never_sql(indexed) -> None:
    collection, _records = indexed
    for query in [
        "'; DROP TABLE figures; --",
        'gene:"x\'); DROP TABLE figures; --"',
        "NEAR(insulin glucose)",
        "insulin^ {figtitle}: x",
        'caption:"x" OR 1=1',
        "gene:* gene:) ",
    ]:
        try:
            collection.count(query)
        except QueryError as exc:  # refused with a message is fine; any other error is not
            assert str(exc)
    assert collection.count("") == 159
