"""Bad input ends in a RecordError naming the file, the line and what is wrong; nothing else."""

from __future__ import annotations

import pytest
from corpus import SEED

from viewer.record import RecordError, load_record, parse_record

GOOD_HEAD = b"---\nfigid: PMC1__x\nfigtitle: A title\n"


def error_for(tmp_path, content: bytes, name: str = "bad.md") -> RecordError:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(RecordError) as info:
        load_record(path)
    assert info.value.path == str(path)
    return info.value


def test_empty_file(tmp_path) -> None:
    err = error_for(tmp_path, b"")
    assert err.line is None
    assert err.located() == f"{tmp_path / 'bad.md'}: error: the file is empty"


def test_whitespace_only_file(tmp_path) -> None:
    assert "empty" in error_for(tmp_path, b" \n\n\t\n").message


def test_binary_data(tmp_path) -> None:
    err = error_for(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert "binary file" in err.message and err.line == 3


def test_text_that_is_not_utf8(tmp_path) -> None:
    err = error_for(tmp_path, GOOD_HEAD + b"caption: caf\xe9 au lait\n---\n")
    assert "not valid UTF-8" in err.message and "0xe9" in err.message
    assert (err.line, err.column) == (4, 13)
    assert err.located().endswith(":4: error: " + err.message + " (column 13)")


def test_no_front_matter(tmp_path) -> None:
    err = error_for(tmp_path, b"# Just some notes\n\nNothing to see here.\n")
    assert err.message.startswith("no record found") and err.line == 1


def test_yaml_syntax_error_gives_the_file_line(tmp_path) -> None:
    err = error_for(tmp_path, GOOD_HEAD + b"caption: [unclosed\nyear: '2006'\n---\n")
    assert err.message.startswith("YAML syntax error")
    assert err.line in (4, 5, 6)


def test_yaml_indentation_error_line(tmp_path) -> None:
    err = error_for(tmp_path, GOOD_HEAD + b"genes:\n- word: A\n   symbol: A\n---\n")
    assert err.message.startswith("YAML syntax error") and err.line == 6


def test_front_matter_that_is_a_list(tmp_path) -> None:
    err = error_for(tmp_path, b"---\n- figid\n- caption\n---\n")
    assert "is a list, not a set of 'field: value' lines" in err.message
    assert err.line == 2


def test_mapping_without_record_fields(tmp_path) -> None:
    err = error_for(tmp_path, b"---\nlayout: post\ntitle: My holiday\n---\nHello\n")
    assert err.message.startswith("not a pathway figure record")


def test_billion_laughs_alias_bomb(tmp_path) -> None:
    lines = ["figid: PMC1__bomb", 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    err = error_for(tmp_path, ("\n".join(lines) + "\n").encode(), "bomb.yaml")
    assert "aliases" in err.message and err.line is not None


def test_small_aliases_are_allowed(tmp_path) -> None:
    path = tmp_path / "alias.yaml"
    path.write_bytes(b"figid: PMC1__a\nfigtitle: &t Same\nother: *t\n")
    assert load_record(path).extra["other"] == "Same"


@pytest.mark.parametrize(
    "tag",
    [
        b"!!python/object/apply:os.system ['echo pwned']",
        b"!!python/name:os.system",
        b"!!python/object:viewer.record.model.Gene {}",
    ],
)
def test_tags_that_would_construct_objects(tmp_path, tag) -> None:
    err = error_for(tmp_path, GOOD_HEAD + b"caption: " + tag + b"\n---\n")
    assert "tag" in err.message and err.line == 4


def test_file_over_5_mib(tmp_path) -> None:
    err = error_for(tmp_path, GOOD_HEAD + b"caption: " + b"x" * (5 * 1024 * 1024) + b"\n---\n")
    assert "larger than 5 MiB" in err.message and err.line is None


@pytest.mark.parametrize(
    "nested",
    [
        b"caption: " + b"[" * 100_000 + b"]" * 100_000,
        b"".join(b" " * i + b"k:\n" for i in range(2_500)),
        b"caption:\n" + b"- " * 50_000 + b"x\n",
    ],
    ids=["flow", "block", "compact"],
)
def test_deeply_nested_data(tmp_path, nested) -> None:
    err = error_for(tmp_path, GOOD_HEAD + nested + b"\n---\n")
    assert "nested more than" in err.message


def test_moderate_nesting_in_unknown_fields_loads(tmp_path) -> None:
    path = tmp_path / "ok.md"
    path.write_bytes(GOOD_HEAD + b"deep: " + b"[" * 10 + b"1" + b"]" * 10 + b"\n---\n")
    assert load_record(path).extra["deep"][0][0][0][0][0][0][0][0][0] == (1,)


def test_missing_file_and_folder(tmp_path) -> None:
    with pytest.raises(RecordError, match="no such file"):
        load_record(tmp_path / "nope.md")
    with pytest.raises(RecordError, match="folder"):
        load_record(tmp_path)


def test_bad_gene_rows_are_dropped_and_the_rest_loads(tmp_path) -> None:
    text = SEED.read_text(encoding="utf-8").replace(
        "genes:\n",
        "genes:\n- just a string\n"
        "- word: X\n  symbol: X\n  hgnc_symbol: X\n  entrez: 'abc'\n"
        "- word: Y\n  source: hgnc_symbol\n  entrez: '7'\n",
        1,
    )
    path = tmp_path / "rows.md"
    path.write_text(text, encoding="utf-8")
    record = load_record(path)
    assert len(record.genes) == 12
    assert record.warnings == (
        "genes entry 1 is a str, not a mapping; dropped",
        "genes entry 2: NCBI Gene id 'abc' is not a number; dropped",
        "genes entry 3: no symbol; dropped",
    )


def test_wrongly_typed_fields_become_warnings(tmp_path) -> None:
    path = tmp_path / "types.md"
    path.write_bytes(GOOD_HEAD + b"caption: {a: 1}\nyear: soon\ngenes: 5\n---\n")
    record = load_record(path)
    assert record.caption is None and record.year is None and record.genes == ()
    assert record.warnings == (
        "field 'genes' should be a list but is a int; ignored",
        "field 'caption' should be text but is a set of fields; ignored",
        "year 'soon' is not a year; ignored",
    )


def test_bytes_without_a_name_are_labelled(tmp_path) -> None:
    with pytest.raises(RecordError) as info:
        parse_record(b"")
    assert str(info.value) == "<record>: error: the file is empty"


def test_an_impossible_date_is_kept_as_text(tmp_path) -> None:
    path = tmp_path / "date.md"
    path.write_text("---\nfigid: X\nseo: 2001-13-45\nwhen: 2001-01-05\n---\n", encoding="utf-8")
    record = load_record(path)
    assert record.extra["seo"] == "2001-13-45"
    assert str(record.extra["when"]) == "2001-01-05"
