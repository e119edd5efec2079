"""``pathway-viewer index`` and ``pathway-viewer search``: output, exit codes, no Qt needed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from brute_force import copy_records
from corpus import DATA, SEED

from viewer.cli import main
from viewer.collection import database_path
from viewer.record import RecordError, load_record
from viewer.record.discover import iter_record_files

NAMES = [
    "PMC100003__mb2410470011.md",
    "PMC10003241__ijms-24-04893-g003.md",
    "PMC1584297__neo0809_0733_fig009.md",
]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "records"
    copy_records(root, NAMES)
    (root / "_figures" / "broken.md").write_bytes(b"---\nfigid: A\ncaption: [oops\n---\n")
    return root


def test_index_lists_problems_and_a_summary(folder, tmp_path, capsys) -> None:
    cache = tmp_path / "cache"
    assert main(["index", str(folder), "--cache-dir", str(cache)]) == 0
    out, err = capsys.readouterr()
    broken = folder / "_figures" / "broken.md"
    assert out.splitlines() == [
        f"{broken}:4: YAML syntax error: did not find expected ',' or ']' "
        "(while parsing a flow sequence) (column 1)"
    ]
    assert err.startswith("3 records indexed, 1 problems (4 added, 0 updated, 0 removed")
    assert "indexing" not in err  # no progress when stderr is not a terminal
    assert database_path([folder], cache).is_file()
    assert main(["index", str(folder), "--cache-dir", str(cache)]) == 0
    assert "(0 added, 0 updated, 0 removed, 4 unchanged)" in capsys.readouterr().err


def test_search_prints_figure_ids_best_first(folder, tmp_path, capsys) -> None:
    cache = ["--cache-dir", str(tmp_path / "cache")]
    assert main(["search", str(folder), "gene:STAT3 OR gene:IL6 OR gene:AKT1", *cache]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == ["PMC1584297__neo0809_0733_fig009", "PMC10003241__ijms-24-04893-g003"]
    assert main(["search", str(folder), "gene:STAT3", "--limit", "1", *cache]) == 0
    assert capsys.readouterr().out == "PMC1584297__neo0809_0733_fig009\n"
    assert main(["search", str(folder), "gene:NOSUCHGENE", *cache]) == 0
    assert capsys.readouterr().out == ""


def test_search_json_lines(folder, tmp_path, capsys) -> None:
    cache = ["--cache-dir", str(tmp_path / "cache")]
    assert main(["search", str(folder), "insulin OR cytokines", "--json", *cache]) == 0
    hits = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert hits and all(set(h) == {"figid", "figtitle", "year", "score"} for h in hits)
    seed = next(h for h in hits if h["figid"] == "PMC1584297__neo0809_0733_fig009")
    assert seed["figtitle"] == "Cross-talk between the NFKB and the STAT3 pathways"
    assert seed["year"] == 2006 and isinstance(seed["score"], float)
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)


def test_search_over_several_paths_and_an_exclusion(folder, tmp_path, capsys) -> None:
    # Options go first: after '--' (needed before a query starting with '-') all is positional.
    cache = ["--cache-dir", str(tmp_path / "cache")]
    assert main(["search", *cache, str(folder), str(DATA / "revisions"), "--", "-gene:STAT3"]) == 0
    lines = capsys.readouterr().out.splitlines()
    expected = []
    for path in iter_record_files([folder, DATA / "revisions"]):
        try:
            record = load_record(path)
        except RecordError:
            continue
        if "STAT3" not in {g.hgnc_symbol for g in record.genes}:
            expected.append(record.figid)
    assert sorted(lines) == sorted(expected) and len(lines) >= 8


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ('"unclosed', "no closing quote"),
        ("gene:STAT3 OR", "'OR' needs a term on each side"),
        ("colour:red", "unknown field 'colour:'"),
        ("year:2010..2000", "empty range"),
    ],
)
def test_a_malformed_query_exits_2_with_a_message(folder, tmp_path, capsys, query, message):
    cache = tmp_path / "cache"
    assert main(["search", str(folder), query, "--cache-dir", str(cache)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("error: ") and message in err and "Traceback" not in err
    assert not cache.exists()  # refused before any indexing


def test_usage_errors(folder, tmp_path, capsys) -> None:
    cache = ["--cache-dir", str(tmp_path / "cache")]
    assert main(["search", "gene:STAT3", *cache]) == 2  # a query but no PATH
    assert "at least one PATH" in capsys.readouterr().err
    assert main(["search", str(tmp_path / "missing"), "gene:STAT3", *cache]) == 1
    assert "no such file or folder" in capsys.readouterr().err
    assert main(["index", str(tmp_path / "missing"), *cache]) == 1
    assert main(["search", str(folder), "x", "--limit", "-1", *cache]) == 2
    with pytest.raises(SystemExit) as exit_info:
        main(["index", *cache])
    assert exit_info.value.code == 2


def test_the_default_cache_folder_follows_the_environment(folder, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("PATHWAY_VIEWER_CACHE", str(tmp_path / "env-cache"))
    assert main(["index", str(folder)]) == 0
    expected = tmp_path / "env-cache" / "collections"
    assert database_path([folder]) == expected / database_path([folder]).name
    assert database_path([folder]).is_file()
    monkeypatch.delenv("PATHWAY_VIEWER_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    if sys.platform.startswith("linux"):
        assert database_path([folder]).is_relative_to(tmp_path / "xdg")


BLOCK_QT = """
import sys
class BlockQt:
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6" or name.startswith("PySide6."):
            raise ImportError("PySide6 is unavailable in this test")
sys.meta_path.insert(0, BlockQt())
"""


def test_index_and_search_run_without_qt(folder, tmp_path) -> None:
    cache = str(tmp_path / "cache")
    code = (
        BLOCK_QT + "from viewer.cli import main\n"
        f"assert main(['index', {str(folder)!r}, '--cache-dir', {cache!r}]) == 0\n"
        f"assert main(['search', {str(folder)!r}, 'gene:STAT3', '--cache-dir', {cache!r}]) == 0\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).parents[2],
        env={**os.environ, "PATHWAY_VIEWER_CACHE": str(tmp_path / "unused")},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == SEED.stem


def test_enrich_prints_a_ranked_tsv_table(folder, tmp_path, capsys) -> None:
    seed = load_record(SEED)
    genes = tmp_path / "genes.txt"
    symbols = sorted({g.hgnc_symbol for g in seed.genes})
    genes.write_text(
        "# my list\n"
        + ",".join(symbols[:4])
        + "\n"
        + "\n".join(symbols[4:])
        + "\nNOTAGENE\nstat3\n"
    )
    args = ["enrich", str(folder), "--genes", str(genes), "--cache-dir", str(tmp_path / "c")]
    assert main(args) == 0
    out, err = capsys.readouterr()
    lines = [line.split("\t") for line in out.splitlines()]
    assert lines[0] == [
        "figid",
        "figtitle",
        "overlap",
        "size",
        "p_value",
        "adjusted_p",
        "odds_ratio",
        "genes",
    ]
    assert lines[1][0] == seed.figid and lines[1][1] == seed.figtitle
    assert lines[1][2] == lines[1][3] == str(len({g.entrez for g in seed.genes}))
    assert lines[1][7] == ",".join(symbols)
    p_values = [float(row[4]) for row in lines[1:]]
    assert p_values == sorted(p_values) and all(0 <= p <= 1 for p in p_values)
    assert "not found among Homo sapiens genes of the collection: NOTAGENE" in err
    assert main([*args, "--limit", "1"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2


def test_enrich_reads_stdin_and_refuses_bad_input(folder, tmp_path, capsys, monkeypatch) -> None:
    import io

    cache = ["--cache-dir", str(tmp_path / "c")]
    monkeypatch.setattr("sys.stdin", io.StringIO("NOTAGENE\nNOPE\n"))
    assert main(["enrich", str(folder), "--genes", "-", *cache]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "figid\tfigtitle\toverlap\tsize\tp_value\tadjusted_p\todds_ratio\tgenes"
    ]
    assert "NOTAGENE, NOPE" in err
    monkeypatch.setattr("sys.stdin", io.StringIO("\n# nothing\n"))
    assert main(["enrich", str(folder), "--genes", "-", *cache]) == 2
    assert "the gene list holds no gene names" in capsys.readouterr().err
    missing = tmp_path / "missing.txt"
    assert main(["enrich", str(folder), "--genes", str(missing), *cache]) == 1
    assert f"{missing}: error: cannot read the gene list" in capsys.readouterr().err
    genes = tmp_path / "genes.txt"
    genes.write_text("STAT3\n")
    assert (
        main(["enrich", str(folder), "--genes", str(genes), "--organism", "Felis catus", *cache])
        == 2
    )
    assert "no Felis catus genes in this collection" in capsys.readouterr().err
    assert main(["enrich", str(folder), "--genes", str(genes), "--min-size", "0", *cache]) == 2
    assert "--min-size must be 1 or more" in capsys.readouterr().err
