"""``pathway-viewer export``: every format, several records, bad records and bad outputs."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from corpus import FIGURES, REVISIONS, SEED
from exporting import RECORDS, exported, read_gmt, read_tsv
from gpml_schema import gpml_errors

from viewer.cli import EXPORT_FORMATS, main
from viewer.export import FORMATS, PICTURE_FORMATS

SPLIT = FIGURES / "PMC6365454__fnins-13-00025-g0002.md"


def test_the_command_offers_every_format() -> None:
    assert set(EXPORT_FORMATS) == set(FORMATS) | set(PICTURE_FORMATS)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_one_record_to_stdout_is_the_format_itself(fmt, capsys) -> None:
    assert main(["export", str(SEED), "--format", fmt]) == 0
    out, err = capsys.readouterr()
    assert out == exported(SEED, fmt) and err == ""


def test_one_record_to_a_file_and_into_an_existing_folder(tmp_path, capsys) -> None:
    assert main(["export", str(SEED), "-f", "gpml", "-o", str(tmp_path / "seed.gpml")]) == 0
    assert gpml_errors((tmp_path / "seed.gpml").read_bytes()) == []
    assert main(["export", str(SPLIT), "-f", "cx2", "-o", str(tmp_path)]) == 0
    assert json.loads((tmp_path / f"{SPLIT.stem}.cx2").read_text(encoding="utf-8"))
    assert capsys.readouterr() == ("", "")


def test_folders_with_gmt_or_tsv_give_one_file_for_all(tmp_path, capsys) -> None:
    paths = [str(FIGURES), str(REVISIONS), str(SEED)]
    assert main(["export", *paths, "--format", "gmt", "-o", str(tmp_path / "all.gmt")]) == 0
    sets = read_gmt((tmp_path / "all.gmt").read_text(encoding="utf-8"))
    assert len(sets) == len(RECORDS) == 159
    assert "159 of 159 records exported, 0 failed" in capsys.readouterr().err
    assert main(["export", str(FIGURES), str(SEED), "--format", "tsv"]) == 0
    rows = read_tsv(capsys.readouterr().out)
    assert rows[0][0] == "figid" and len({row[0] for row in rows[1:]}) > 100
    assert main(["export", str(FIGURES), "-f", "gmt", "-o", str(tmp_path)]) == 0
    assert len(read_gmt((tmp_path / "figures.gmt").read_text(encoding="utf-8"))) == 150


def test_several_records_in_other_formats_need_a_folder(capsys) -> None:
    assert main(["export", str(SEED), str(SPLIT), "--format", "gpml"]) == 2
    assert "--format gpml with several records needs -o FOLDER" in capsys.readouterr().err
    assert main(["export", str(FIGURES), "--format", "cx2", "-o", "-"]) == 2


def test_several_records_give_one_file_each_named_by_figid(tmp_path, capsys) -> None:
    out = tmp_path / "new" / "folder"
    paths = [str(FIGURES), str(REVISIONS), str(SEED)]
    assert main(["export", *paths, "--format", "gpml", "-o", str(out)]) == 0
    written = sorted(p.name for p in out.iterdir())
    assert len(written) == 159
    # Revisions share their figure's id: later ones get -2, -3 rather than overwrite.
    assert "PMC1584297__neo0809_0733_fig009.gpml" in written
    assert "PMC1584297__neo0809_0733_fig009-2.gpml" in written
    assert all(name.endswith(".gpml") for name in written)
    assert gpml_errors((out / f"{SPLIT.stem}.gpml").read_bytes()) == []
    assert "159 of 159 records exported, 0 failed" in capsys.readouterr().err


def test_records_that_fail_are_reported_and_the_rest_go_on(tmp_path, capsys) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "a-good.md")
    (folder / "b-bad.md").write_bytes(b"---\nfigid: X\ncaption: [oops\n---\n")
    (folder / "c-binary.md").write_bytes(b"\xff\xfe\x00")
    shutil.copy(SEED, folder / "d-good-again.md")
    out = tmp_path / "out"
    assert main(["export", str(folder), "-f", "sif", "-o", str(out)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"{folder / 'b-bad.md'}:4: error: YAML syntax error")
    assert err[1].startswith(f"{folder / 'c-binary.md'}:1: error: this is a binary file")
    assert err[2] == "2 of 4 records exported, 2 failed"
    assert sorted(p.name for p in out.iterdir()) == [
        "PMC1584297__neo0809_0733_fig009-2.sif",
        "PMC1584297__neo0809_0733_fig009.sif",
    ]
    assert main(["export", str(folder), "-f", "gmt"]) == 1
    out_text, err_text = capsys.readouterr()
    assert len(read_gmt(out_text)) == 2 and "2 of 4 records exported, 2 failed" in err_text


def test_an_output_that_cannot_be_written_says_so_and_leaves_nothing(tmp_path, capsys) -> None:
    target = tmp_path / "missing" / "seed.gpml"
    assert main(["export", str(SEED), "-f", "gpml", "-o", str(target)]) == 1
    assert capsys.readouterr().err == (
        f"{target}: error: cannot write: No such file or directory\n"
    )
    assert list(tmp_path.iterdir()) == []
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert main(["export", str(SEED), str(SPLIT), "-f", "cx2", "-o", str(blocker)]) == 1
    assert capsys.readouterr().err.startswith(f"{blocker}: error: cannot write: ")
    assert blocker.read_text() == "not a folder"


def test_no_records_found(tmp_path, capsys) -> None:
    assert main(["export", str(tmp_path), "-f", "tsv"]) == 1
    assert "error: no record files found" in capsys.readouterr().err


def test_pictures_without_a_display(tmp_path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "viewer", "export", *args],
            capture_output=True,
            text=True,
            timeout=300,
            env={k: v for k, v in __import__("os").environ.items() if k != "DISPLAY"},
        )

    result = run(str(SEED), str(SPLIT), "-f", "svg", "-o", str(tmp_path / "pics"))
    assert result.returncode == 0, result.stderr
    svgs = sorted((tmp_path / "pics").iterdir())
    assert [p.suffix for p in svgs] == [".svg", ".svg"]
    assert b"STAT3" in (tmp_path / "pics" / f"{SEED.stem}.svg").read_bytes()
    result = run(str(SEED), "-f", "png", "-o", str(tmp_path / "seed.png"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "seed.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert run(str(SEED), "-f", "png").returncode == 2
