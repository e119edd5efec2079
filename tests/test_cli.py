"""The headless commands: ``check`` and ``export --format json``, run as real processes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from corpus import DATA, FIGURES, SEED, SEED_LINKS

from viewer.cli import main


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "viewer", *args], capture_output=True, text=True, timeout=300
    )


def test_check_passes_every_real_record() -> None:
    result = run("check", str(DATA / "pfocr-database"), str(DATA / "revisions"), str(SEED))
    assert result.returncode == 0, result.stdout
    ok_lines = [line for line in result.stdout.splitlines() if line.startswith("OK ")]
    assert len(ok_lines) == 159
    assert "error" not in result.stdout
    warnings = [line for line in result.stdout.splitlines() if ": warning: " in line]
    assert len(warnings) == 2  # the two 'NaN' gene rows in the split-layout tables
    assert "159 of 159 records loaded, 0 failed" in result.stderr


def test_check_fails_bad_records_with_a_line_each(tmp_path) -> None:
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "syntax.md").write_bytes(b"---\nfigid: A\ncaption: [oops\n---\n")
    (tmp_path / "good.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "table-genes.tsv").write_bytes(b"not\ta\trecord\n")
    result = run("check", str(tmp_path))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == f"{tmp_path / 'empty.md'}: error: the file is empty"
    assert lines[1] == f"OK {tmp_path / 'good.txt'}"
    assert lines[2].startswith(f"{tmp_path / 'syntax.md'}:4: error: YAML syntax error")
    assert len(lines) == 3  # the TSV side table is not taken for a record


def test_check_usage_errors_exit_2() -> None:
    assert run("check").returncode == 2
    assert run("export", str(SEED), "--format", "pdf").returncode == 2


def test_check_missing_path(tmp_path) -> None:
    result = run("check", str(tmp_path / "nothing.md"))
    assert result.returncode == 1
    assert result.stdout.strip() == f"{tmp_path / 'nothing.md'}: error: no such file"


def test_export_json_to_stdout() -> None:
    result = run("export", str(SEED), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data) == [
        "figid", "figtitle", "caption", "number", "figtype", "pmcid", "papertitle", "reftext",
        "year", "filename", "figlink", "organisms", "genes", "chemicals", "diseases",
        "annotations", "ndex", "wpid", "extra", "warnings", "links", "mechanism",
    ]  # fmt: skip
    assert data["year"] == 2006 and data["organisms"] == ["Homo sapiens"]
    assert data["genes"][9] == {
        "word": "STAT3",
        "symbol": "STAT3",
        "source": "hgnc_symbol",
        "hgnc_symbol": "STAT3",
        "entrez": "6774",
        "organism": None,
        "taxon": None,
        "url": "https://www.ncbi.nlm.nih.gov/gene/6774",
    }
    assert data["links"] == SEED_LINKS
    assert data["extra"]["schema-jsonld"]["license"] == "CC0"
    assert data["extra"]["pathway_score"] == pytest.approx(0.9531045)


def test_export_json_to_file_split_layout(tmp_path) -> None:
    out = tmp_path / "out.json"
    record = FIGURES / "PMC6365454__fnins-13-00025-g0002.md"
    assert main(["export", str(record), "--format", "json", "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["wpid"] == "WP5283"
    assert data["links"]["wikipathways"] == "https://www.wikipathways.org/pathways/WP5283.html"
    assert data["links"]["ndex"].endswith("/1c2b5aa2-deed-11ea-99da-0ac135e8bacf")
    assert data["genes"][0]["organism"] == "Drosophila melanogaster"
    assert data["genes"][0]["taxon"] == "7227"
    assert data["chemicals"][0]["word"] == "PGE2"
    assert data["diseases"][0]["identifier"] == "D057049"
    assert data["extra"]["organisms_ner"] == ["Drosophila melanogaster", "Homo sapiens"]


def test_export_of_a_bad_record_says_why(tmp_path, capsys) -> None:
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"\xff\xfe\x00")
    assert main(["export", str(bad), "--format", "json"]) == 1
    assert capsys.readouterr().err.startswith(f"{bad}:1: error: this is a binary file")


def test_export_json_carries_the_mechanism() -> None:
    data = json.loads(run("export", str(SEED), "--format", "json").stdout)["mechanism"]
    nodes = {n["id"]: n for n in data["nodes"]}
    assert {"id", "label", "kind", "members", "x", "y"} <= set(next(iter(nodes.values())))
    for edge in data["edges"]:
        assert edge["source"] in nodes and edge["target"] in nodes
        assert edge["type"] in ("activation", "inhibition", "binding", "association")
        assert edge["evidence"] and 0 < edge["confidence"] <= 1
    nfkb = next(n for n in data["nodes"] if n["label"] == "NFκB")
    assert nfkb["kind"] == "family" and len(nfkb["members"]) == 5


def test_export_sif() -> None:
    result = run("export", str(SEED), "--format", "sif")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "NFκB\tactivation\tIL6" in lines
    assert "IκB\tinhibition\tNFκB" in lines
    assert "JAK" in lines  # an unrelated node stands alone on its line
