"""The index's fast reader gives exactly what ``load_record`` gives, or leaves the file to it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from corpus import TABLES, corpus_records
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from viewer.collection.extract import Reader, gene_fields, read_gene_table
from viewer.record import RecordError, load_record
from viewer.record.tables import read_genes

FIELDS = ("figid", "figtitle", "caption", "papertitle", "pmcid", "year", "own_organisms")
BASE = next(p for p in corpus_records() if p.name == "PMC100003__mb2410470011.md")


def _same_as_load_record(path: Path, reader: Reader | None = None) -> str:
    """Compare the index's reading of a file with ``load_record``'s; say which path was taken."""
    reader = reader or Reader()
    outcome = reader.outcome(str(path), False)
    try:
        record = load_record(path)
    except RecordError as exc:
        assert outcome[0] == "p", (path, outcome)
        assert (outcome[2], outcome[3].split(" (column")[0]) == (exc.line, exc.message)
        return "problem"
    except Exception as exc:  # the record layer's own bugs: the index reports them too
        assert outcome[0] == "p" and type(exc).__name__ in outcome[3]
        return "problem"
    assert outcome[0] == "r", outcome
    parts = reader.read(str(path))
    for name in FIELDS:
        assert getattr(parts.record, name) == getattr(record, name), name
    assert list(parts.genes) == gene_fields(record.genes)
    assert tuple(parts.chemicals) == record.chemicals
    assert tuple(parts.diseases) == record.diseases
    assert parts.layout == record.layout
    return "fast" if reader._skim(str(path)) is not None else "full"


def test_every_corpus_record_reads_the_same_and_mostly_fast() -> None:
    reader = Reader()
    ways = [_same_as_load_record(path, reader) for path in corpus_records()]
    assert ways.count("problem") == 0
    assert ways.count("fast") >= 0.95 * len(ways)


def test_gene_tables_read_the_same() -> None:
    for table in sorted(TABLES.glob("*-genes.tsv")):
        assert read_gene_table(table) == gene_fields(read_genes(table, []))


HEADER = "organism_id\torganism_name\tword\tmatch\tncbigene_symbol\tncbigene_id\tsource\n"
ROW = "9606\tHomo sapiens\tAKT\tAKT\tAKT1\t207\tncbigene_symbol\n"


@pytest.mark.parametrize(
    "text",
    [
        HEADER + ROW,
        HEADER + ROW + ROW,  # a repeated row counts once
        HEADER + ROW + "\n\n" + ROW.replace("207", "208"),
        HEADER + ROW.replace("207", "NaN") + ROW.replace("AKT1", "NA").replace("\tAKT\t", "\tNA\t"),
        HEADER + ROW.replace("\tncbigene_symbol\n", "\n"),  # a short row is dropped
        HEADER.replace("\tncbigene_id", "") + ROW,  # no id column: no genes
        "word\tmatch\tncbigene_symbol\tncbigene_id\n" + "AKT\tAKT\tAKT1\t207\n",  # few columns
        "\ufeff" + HEADER + ROW,
        HEADER.replace("source", "word") + ROW,  # a repeated column name: the last one wins
        HEADER,
        "",
        HEADER + ROW.replace("\n", "\r\n") + ROW.replace("207", "0207"),
        HEADER + ROW.replace("207", " 207 ") + ROW.replace("AKT1", ".na.character"),
    ],
)
def test_gene_table_variants_read_the_same(tmp_path: Path, text: str) -> None:
    table = tmp_path / "x-genes.tsv"
    table.write_text(text, encoding="utf-8", newline="")
    assert read_gene_table(table) == gene_fields(read_genes(table, []))


def test_gene_table_that_is_not_text(tmp_path: Path) -> None:
    table = tmp_path / "x-genes.tsv"
    table.write_bytes(HEADER.encode() + b"\xff\xfe\n")
    assert read_gene_table(table) == gene_fields(read_genes(table, [])) == []


def _variant(tmp_path: Path, old: str, new: str, name: str = "variant.md") -> Path:
    text = BASE.read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8", newline="")
    return path


GENES = "genes:\n- word: Ga12,Gaq\n"
SCHEMA = "schema-jsonld:\n"

# (text to replace in the base record, replacement): each is a trap for a fast reader.
VARIANTS = [
    # Quoted text that runs on at column 0 and looks like a new key.
    (SCHEMA, "schema-jsonld:\n  note: 'runs on\ncaption: a fake caption'\n"),
    ("figtitle: Summary", "figtitle: 'Summary\ncaption: fake'\nnumber: x\nfigtitle2: 'x"),
    ("figtitle: Summary", "figtitle: 'Summary runs\n  on over lines'\nx: 'y"),
    (SCHEMA, "schema-jsonld:\n  note: [open,\nfigtitle: inside]\n"),
    # Anchors, aliases, tags, merges, odd keys.
    ("figtitle: Summary", "figtitle: &title Summary"),
    ("seo: CreativeWork", "seo: *nowhere"),
    ("seo: CreativeWork", "seo: !!python/object:os.system x"),
    ("seo: CreativeWork", "seo: !!str 123"),
    ("seo: CreativeWork", "seo: {a: 1, <<: {b: 2}}"),
    ("seo: CreativeWork", "seo:\n  ? [a, b]\n  : c"),
    ("seo: CreativeWork", "seo:\n  [a, b]: c"),
    ("seo: CreativeWork", "seo: ="),
    ("seo: CreativeWork", "seo: 2001-13-45"),  # an impossible date stays text
    ("seo: CreativeWork", "seo: 2001-01-05"),
    ("seo: CreativeWork", "seo:\n" + "".join(f"{' ' * n}- \n" for n in range(0, 80, 2))),
    ("seo: CreativeWork", "seo: " + "[" * 40 + "]" * 40),
    ("seo: CreativeWork", "seo: [a, b"),
    (SCHEMA, "schema-jsonld:\n\tbad: tab\n"),
    # Inline gene lists written every which way.
    (GENES, "genes:\n- word: NO\n"),
    (GENES, "genes:\n- word: yes\n"),
    (GENES, "genes:\n- word: 1e3\n"),
    (GENES, "genes:\n- word: ~\n"),
    (GENES, "genes:\n- word: ''\n"),
    (GENES, "genes:\n- word: 'it''s'\n"),
    (GENES, 'genes:\n- word: "quoted"\n'),
    (GENES, 'genes:\n- word: "esc\\taped"\n'),
    (GENES, "genes:\n- word: Ga12  # a comment\n"),
    (GENES, "genes:\n- word:   spaced   \n"),
    (GENES, "genes:\n- word: 0x1F\n"),
    (GENES, "genes:\n- word: 2001-01-05\n"),
    (GENES, "genes:\n- word: [a, b]\n"),
    (GENES, "genes:\n- just text\n- word: Ga12,Gaq\n"),
    (GENES, "genes:\n  - word: Ga12,Gaq\n  "),
    (GENES, "genes:\n- word: a\n  continued\n"),
    ("  entrez: '2776'", "  entrez: 2776"),
    ("  entrez: '2776'", "  entrez: '02776'"),
    ("  entrez: '2776'", "  entrez: NaN"),
    ("  entrez: '2776'", "  entrez: 2776.0"),
    ("  hgnc_symbol: GNAQ", "  hgnc_symbol: NA"),
    ("genes:\n", "genes: []\n"),
    ("chemicals:\n", "chemicals: ~\nxchemicals:\n"),
    ("diseases: []", "diseases: 'none'"),
    ("diseases: []", "diseases:\n- word: x\n  identifier: D1\n  source: MESH"),
    # Loaded fields written every which way.
    ("year: '2001'", "year: 2001"),
    ("year: '2001'", "year: 02001"),
    ("year: '2001'", "year: 2001-05-01"),
    ("year: '2001'", "year: recent"),
    ("year: '2001'", "year:"),
    ("organisms: Homo sapiens", "organisms:\n- Homo sapiens\n- NA"),
    ("organisms: Homo sapiens", "organisms: [Homo sapiens, Mus musculus]"),
    ("organisms: Homo sapiens", "organisms:\n  - Homo sapiens"),
    ("figtitle: Summary", "figtitle: 'Summary\n\n  with a blank line'\nx: 'y"),
    ("figtitle: Summary", "figtitle: No"),
    ("figtitle: Summary", "figtitle: |\n  literal\n  block\nx: Summary"),
    ("figtitle: Summary", "figtitle: >\n  folded\n  block\nx: Summary"),
    ("figtitle: Summary", 'figtitle: "Summary\n  on two lines"\nx: Summary'),
    ("caption: Summary", "caption: Summary: with a colon"),
    ("caption: Summary", "caption: Summary #not a comment"),
    ("caption: Summary", "caption: Summary # a comment"),
    ("figid: PMC100003__mb2410470011\n", ""),  # no figid: the file name is used
    ("figid: PMC100003__mb2410470011\n", "figid: first\nfigid: PMC100003__mb2410470011\n"),
    ("figid: PMC100003__mb2410470011\n", "# a comment\nfigid: PMC100003__mb2410470011\n"),
    ("figid: PMC100003__mb2410470011\n", "figid: 12345\n"),
    ("---\nfigid", "\ufeff---\nfigid"),
    ("\nfigtype: Figure\n---\n", "\nfigtype: Figure\n...\n"),
    ("\nfigtype: Figure\n---\n", "\nfigtype: Figure\n"),
    ("\nfigtype: Figure\n---\n", "\nfigtype: Figure\n---\nbody text\n---\n"),
    ("figlink:", "figlink: x\n---\ny:"),
]


@pytest.mark.parametrize(("old", "new"), VARIANTS)
def test_tricky_records_read_the_same(tmp_path: Path, old: str, new: str) -> None:
    _same_as_load_record(_variant(tmp_path, old, new))


def test_crlf_records_read_the_same(tmp_path: Path) -> None:
    path = tmp_path / "crlf.md"
    path.write_bytes(BASE.read_bytes().replace(b"\n", b"\r\n"))
    _same_as_load_record(path)


_TRICKY = st.sampled_from(
    ["NO", "yes", "~", "null", "1", "07", "1.5", "1e3", "-", "- a", "a: b", "a #b", "#a", "'", '"',
     "", " ", "NA", ".na.character", "Ga12,Gaq", "(Src", "AR*", "*a", "&a", "!a", "[a]", "{a}",
     "κB", "2001-01-01", "@x", "%x", "`x", "a\tb", "é", "STAT3"]
)  # fmt: skip
_VALUES = st.one_of(_TRICKY, st.text(max_size=12), st.integers(0, 10**6))


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    genes=st.lists(
        st.fixed_dictionaries(
            {"word": _VALUES, "symbol": _VALUES, "hgnc_symbol": _VALUES, "entrez": _VALUES}
        ),
        max_size=4,
    ),
    title=_VALUES,
    width=st.integers(20, 120),
    style=st.sampled_from([None, "'", '"']),
)
def test_generated_records_read_the_same(tmp_path: Path, genes, title, width, style) -> None:
    data = {"figid": "PMC1__x", "figtitle": title, "genes": genes, "seo": {"k": title}}
    try:
        text = yaml.safe_dump(
            data, sort_keys=False, width=width, allow_unicode=True, default_style=style
        )
    except yaml.YAMLError:
        return
    path = tmp_path / "generated.md"
    path.write_text(f"---\n{text}---\n", encoding="utf-8")
    _same_as_load_record(path)
