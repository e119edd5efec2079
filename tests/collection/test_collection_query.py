"""The search language: how queries parse, which ones are refused, and the SQL they become."""

from __future__ import annotations

import pytest

from viewer.collection.keys import key_token
from viewer.collection.query import (
    And,
    Key,
    Not,
    Or,
    QueryError,
    Text,
    Year,
    compile_query,
    fts_string,
    parse_query,
)


@pytest.mark.parametrize(
    ("query", "tree"),
    [
        ("", None),
        ("   ", None),
        ("insulin", Text("insulin")),
        ('"heat shock"', Text("heat shock")),
        ("phosph*", Text("phosph", prefix=True)),
        ("IL-6", Text("IL-6")),
        ("gene:STAT3", Key("g", "STAT3")),
        ("GENE:STAT3", Key("g", "STAT3")),
        ('organism:"Homo sapiens"', Key("o", "Homo sapiens")),
        ("chemical:glucose", Key("c", "glucose")),
        ("disease:D009369", Key("d", "D009369")),
        ("pmcid:PMC123", Key("p", "pmc123")),
        ("pmcid:123", Key("p", "pmc123")),
        ("year:2006", Year(2006, 2006)),
        ("year:2000..2010", Year(2000, 2010)),
        ("year:..1999", Year(None, 1999)),
        ("year:2020..", Year(2020, None)),
        ("a b", And((Text("a"), Text("b")))),
        ("a AND b", And((Text("a"), Text("b")))),
        ("a OR b", Or((Text("a"), Text("b")))),
        # OR binds tighter than the implicit AND.
        ("a b OR c d", And((Text("a"), Or((Text("b"), Text("c"))), Text("d")))),
        ("(a b) OR c", Or((And((Text("a"), Text("b"))), Text("c")))),
        ("-gene:TP53", Not(Key("g", "TP53"))),
        ("a -(b OR c)", And((Text("a"), Not(Or((Text("b"), Text("c"))))))),
        ("a or b", And((Text("a"), Text("or"), Text("b")))),  # lower case: words
        # Words with nothing to search for are ignored.
        ("a / b", And((Text("a"), Text("b")))),
        ("a - b", And((Text("a"), Text("b")))),
        ('""', None),
        ("Note: kinase", And((Text("Note"), Text("kinase")))),
        ("p53:MDM2", Text("p53:MDM2")),
    ],
)
def test_parse(query: str, tree: object) -> None:
    assert parse_query(query) == tree


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ('"heat shock', "no closing quote"),
        ('gene:"STAT3', "no closing quote"),
        ("(insulin", "'(' without a matching ')'"),
        ("insulin)", "')' without a matching '('"),
        ("()", "holds nothing"),
        ("insulin OR", "'OR' needs a term on each side"),
        ("OR insulin", "'OR' needs a term on each side"),
        ("a OR OR b", "'OR' needs a term on each side"),
        ("a AND", "'AND' needs a term on each side"),
        ("AND a", "'AND' needs a term on each side"),
        ("gene:", "needs a value"),
        ("gene: STAT3", "needs a value"),
        ('gene:""', "needs a value"),
        ("colour:red", "unknown field 'colour:'"),
        ("year:recent", "not a year or a range"),
        ("year:20061", "not a year or a range"),
        ("year:2010..2000", "empty range"),
        ("year:..", "needs a start or an end"),
        ("--insulin", "'-' must come right before"),
        ("insulin -", None),  # a lone dash is ignored, not an error
        ("(" * 20 + "a" + ")" * 20, "nests more than"),
        (" ".join(f"w{n}" for n in range(70)), "more than 64 terms"),
    ],
)
def test_malformed_queries_say_why(query: str, message: str | None) -> None:
    if message is None:
        parse_query(query)
        return
    with pytest.raises(QueryError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_query(query)


def test_fts_strings_are_quoted() -> None:
    assert fts_string('say "hi"') == '"say ""hi"""'
    assert fts_string("NEAR(a b)") == '"NEAR(a b)"'


def test_key_tokens_are_plain_and_distinct() -> None:
    tokens = {
        key_token("g", value)
        for value in ["IL-6", "il6", "IL 6", "Ga12,Gaq", "NFκB", "z", "7a", "z7az", "STAT3"]
    }
    assert len(tokens) == 9
    assert all(t.isascii() and t.isalnum() for t in tokens)
    assert key_token("g", "STAT3") == key_token("g", "stat3") == "gstat3"
    assert key_token("o", "Homo  Sapiens") == key_token("o", "homo sapiens")


def test_user_values_reach_sql_only_as_parameters() -> None:
    query = 'gene:"x\'); DROP TABLE figures; --" insulin year:2006 -"a""b"'
    sql, params = compile_query(parse_query(query)).select("f.id")
    assert "DROP" not in sql and "insulin" not in sql and "2006" not in sql
    assert any("insulin" in str(p) for p in params)
    assert sql.count("?") == len(params)


@pytest.mark.parametrize(
    "query",
    [
        "insulin",
        "gene:A gene:B",
        "gene:A OR gene:B OR gene:C",
        "(a OR gene:b) year:2006 -c",
        "-gene:x",
        "year:..2000",
        "a -b -gene:c",
    ],
)
def test_parameters_line_up_with_placeholders(query: str) -> None:
    for with_score in (True, False):
        sql, params = compile_query(parse_query(query), with_score).select("f.id", "LIMIT 1")
        assert sql.count("?") == len(params)
