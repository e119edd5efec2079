"""Start-up prefetch: records read in a forked process arrive equal to reading them here."""

from __future__ import annotations

import os
import pickle
import signal
import sys

import pytest

from tests.corpus import SEED, corpus_records
from viewer.record import RecordError, load_record
from viewer.record import prefetch as prefetch_module
from viewer.record.prefetch import MAX_PREFETCH_FILES, start_prefetch

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")


def test_every_corpus_record_survives_pickling() -> None:
    for path in [SEED, *corpus_records()]:
        record = load_record(path)
        copy = pickle.loads(pickle.dumps(record))
        assert copy == record
        assert copy.extra == record.extra
        assert (copy.path, copy.layout) == (record.path, record.layout)


@needs_fork
def test_the_child_reads_records_and_errors(tmp_path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_text("---\nfigid: [unclosed\n---\n", encoding="utf-8")
    folder = tmp_path / "folder"
    folder.mkdir()
    prefetch = start_prefetch([SEED, bad, folder, tmp_path / "missing.md"])
    assert prefetch is not None
    assert prefetch.paths == (str(SEED), str(bad))  # folders and missing files: the loader's job
    outcomes = prefetch.receive()
    assert outcomes[str(SEED)] == load_record(SEED)
    with pytest.raises(RecordError) as raised:
        load_record(bad)
    assert outcomes[str(bad)] == raised.value.located(str(bad))
    assert outcomes[str(bad)].startswith(f"{bad}:3: error: YAML syntax error")


@needs_fork
def test_a_child_that_dies_leaves_the_files_to_the_caller(monkeypatch) -> None:
    # The child is a copy of this process, so it runs the patched reader and kills itself.
    monkeypatch.setattr(
        prefetch_module, "read_outcomes", lambda paths: os.kill(os.getpid(), signal.SIGKILL)
    )
    prefetch = start_prefetch([SEED])
    assert prefetch is not None
    assert prefetch.receive() == {}


def test_nothing_to_prefetch_starts_no_process(tmp_path) -> None:
    assert start_prefetch([]) is None
    assert start_prefetch([tmp_path]) is None
    many = [SEED] * (MAX_PREFETCH_FILES + 1)
    assert start_prefetch(many) is None


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX only")
def test_without_fork_there_is_no_prefetch(monkeypatch) -> None:
    monkeypatch.delattr(os, "fork")
    assert start_prefetch([SEED]) is None
