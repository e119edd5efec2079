"""Export files are written whole or not at all (temporary file, then rename)."""

from __future__ import annotations

import os
import stat

import pytest

from viewer.export import ExportError, write_export
from viewer.export import files as files_module


def _leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


def test_writes_text_as_utf8_and_bytes_as_is(tmp_path) -> None:
    write_export(tmp_path / "a.txt", "κB & <x>\n")
    write_export(tmp_path / "b.bin", b"\x00\xff")
    assert (tmp_path / "a.txt").read_bytes() == "κB & <x>\n".encode()
    assert (tmp_path / "b.bin").read_bytes() == b"\x00\xff"
    assert _leftovers(tmp_path) == []


def test_new_files_get_the_usual_permissions_and_replaced_ones_keep_theirs(tmp_path) -> None:
    umask = os.umask(0o022)
    try:
        write_export(tmp_path / "new.txt", "x")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o644
    old = tmp_path / "old.txt"
    old.write_text("old")
    old.chmod(0o600)
    write_export(old, "new")
    assert old.read_text() == "new" and stat.S_IMODE(old.stat().st_mode) == 0o600


def test_a_missing_folder_is_a_clear_error_and_leaves_nothing(tmp_path) -> None:
    target = tmp_path / "no" / "such" / "out.gpml"
    with pytest.raises(ExportError) as caught:
        write_export(target, "data")
    assert str(caught.value) == f"{target}: error: cannot write: No such file or directory"
    assert list(tmp_path.iterdir()) == []


def test_a_folder_is_not_overwritten(tmp_path) -> None:
    with pytest.raises(ExportError, match="cannot write: it is a folder"):
        write_export(tmp_path, "data")


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_a_failure_midway_keeps_the_old_file_and_removes_the_temporary(
    tmp_path, monkeypatch, failing
) -> None:
    target = tmp_path / "out.tsv"
    target.write_text("old, whole")

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files_module.os, failing, fail)
    with pytest.raises(ExportError, match="cannot write: No space left on device"):
        write_export(target, "new " * 1000)
    assert target.read_text() == "old, whole"
    assert _leftovers(tmp_path) == []


def test_an_interrupt_removes_the_temporary_too(tmp_path, monkeypatch) -> None:
    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(files_module.os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_export(tmp_path / "out.gmt", "x")
    assert list(tmp_path.iterdir()) == []
