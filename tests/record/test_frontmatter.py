"""The content decides what a record is: front matter variants and bare YAML, any file name."""

from __future__ import annotations

import pytest
from corpus import SEED

from viewer.record import load_record, parse_record

SEED_BYTES = SEED.read_bytes()
EXPECTED = load_record(SEED)


def same_record(record) -> bool:
    return record == EXPECTED  # path and layout are not compared


@pytest.mark.parametrize("name", ["seed.md", "seed.txt", "seed.yaml", "seed.yml", "seed"])
def test_extension_does_not_matter(tmp_path, name) -> None:
    path = tmp_path / name
    path.write_bytes(SEED_BYTES)
    assert same_record(load_record(path))


def test_bom_and_crlf_line_ends(tmp_path) -> None:
    data = b"\xef\xbb\xbf" + SEED_BYTES.replace(b"\n", b"\r\n")
    assert same_record(parse_record(data, "crlf.md"))


def test_dots_close_the_front_matter_and_a_body_may_follow() -> None:
    body = SEED_BYTES.rstrip(b"\n").removesuffix(b"---") + b"...\n# Notes\n\nSome text.\n"
    assert same_record(parse_record(body, "dots.md"))


def test_plain_yaml_mapping_without_markers() -> None:
    plain = SEED_BYTES.strip().removeprefix(b"---").removesuffix(b"---")
    assert same_record(parse_record(plain.strip(b"\n") + b"\n", "plain.yaml"))


def test_yaml_document_marker_without_closing_line() -> None:
    unclosed = SEED_BYTES.rstrip(b"\n").removesuffix(b"---")
    assert same_record(parse_record(unclosed, "unclosed.yaml"))


def test_leading_blank_lines_are_skipped_and_lines_still_count() -> None:
    record = parse_record(b"\n\n" + SEED_BYTES, "blank.md")
    assert same_record(record)


def test_missing_figid_falls_back_to_the_file_stem(tmp_path) -> None:
    path = tmp_path / "PMC9__fig1.pfocr.md"
    path.write_bytes(b"---\nfigtitle: No id here\n---\n")
    record = load_record(path)
    assert record.figid == "PMC9__fig1"
    assert record.warnings == ("the record has no figid; using the file name 'PMC9__fig1'",)


def test_entrez_as_int_and_missing_markers_in_lists() -> None:
    record = parse_record(
        b"---\nfigid: F\norganisms: [NA, Mus musculus, '', .na.character, Mus musculus]\n"
        b"genes:\n- {word: Il6, symbol: IL6, source: x, hgnc_symbol: Il6, entrez: 16193}\n"
        b"ndex: ''\nwpid: NA\nyear: 2001\n---\n"
    )
    assert record.organisms == ("Mus musculus",)
    assert record.genes[0].entrez == "16193"
    assert record.ndex is None and record.wpid is None and record.year == 2001


def test_unknown_fields_are_kept() -> None:
    record = parse_record(b"figid: F\nfuture_field: {a: [1, 2]}\n")
    assert record.extra == {"future_field": {"a": (1, 2)}}


def test_record_is_immutable() -> None:
    with pytest.raises(AttributeError):
        EXPECTED.figtitle = "changed"  # type: ignore[misc]
    with pytest.raises(TypeError):
        EXPECTED.extra["seo"] = "x"  # type: ignore[index]
