"""Refreshing an index: incremental updates, damaged databases, awkward folders, cancelling."""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

import pytest
from brute_force import copy_records
from corpus import FIGURES, SEED

import viewer.collection.index as index_module
from viewer.collection import Collection, database_path
from viewer.record import load_record

# Three inline-layout records and three split-layout ones (with side tables).
INLINE = [
    "PMC100003__mb2410470011.md",
    "PMC100005__mb2410575011.md",
    "PMC100008__mb2411709009.md",
]
SPLIT = [
    "PMC10003241__ijms-24-04893-g003.md",
    "PMC10036296__gr1_lrg.md",
    "PMC10039534__12943_2023_1761_Fig2_HTML.md",
]


def _touch(path: Path, step: int = 1) -> None:
    """Give a file a new modification time (sizes may not change in a test's edit)."""
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + step * 1_000_000_000))


def _figids(collection: Collection, query: str = "") -> list[str]:
    return sorted(row.figid for row in collection.page(query, 0, 10_000))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "records"
    copy_records(root, INLINE + SPLIT)
    return root


@pytest.fixture
def open_collection(tmp_path: Path):
    opened: list[Collection] = []

    def opener(*paths: Path) -> Collection:
        collection = Collection(paths, tmp_path / "cache")
        opened.append(collection)
        return collection

    yield opener
    for collection in opened:
        collection.close()


def test_first_refresh_reads_everything_and_the_second_nothing(folder, open_collection) -> None:
    collection = open_collection(folder)
    assert collection.count() == 0
    first = collection.refresh(workers=1)
    assert (first.added, first.read, first.records, first.problems) == (6, 6, 6, 0)
    second = open_collection(folder).refresh(workers=1)
    assert (second.added, second.updated, second.removed, second.read) == (0, 0, 0, 0)
    assert second.unchanged == 6 and second.records == 6


def test_added_changed_deleted_and_renamed_files(folder, open_collection) -> None:
    collection = open_collection(folder)
    collection.refresh(workers=1)
    figures = folder / "_figures"
    # Added.
    (figures / "seed.md").write_bytes(SEED.read_bytes())
    summary = collection.refresh(workers=1)
    assert (summary.added, summary.read, summary.records) == (1, 1, 7)
    assert collection.count("pmcid:PMC1584297") == 1
    # Changed: a new title, the same size.
    path = figures / INLINE[0]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("figtitle: Summary", "figtitle: Zyzzyva"), encoding="utf-8")
    _touch(path)
    summary = collection.refresh(workers=1)
    assert (summary.updated, summary.read) == (1, 1)
    (row,) = collection.page("zyzzyva")
    assert row.figtitle.startswith("Zyzzyva of the signaling pathway")
    # Deleted.
    (figures / INLINE[1]).unlink()
    summary = collection.refresh(workers=1)
    assert (summary.removed, summary.records) == (1, 6)
    assert "PMC100005__mb2410575011" not in _figids(collection)
    # Renamed: gone under the old name, found under the new one.
    old, new = figures / INLINE[2], figures / "renamed.md"
    old.rename(new)
    summary = collection.refresh(workers=1)
    assert (summary.removed, summary.added, summary.records) == (1, 1, 6)
    (row,) = collection.page("pmcid:PMC100008")
    assert Path(row.path) == new
    assert collection.problems() == []


def test_changed_side_tables_are_read_again(folder, open_collection) -> None:
    collection = open_collection(folder)
    collection.refresh(workers=1)
    figid = Path(SPLIT[0]).stem
    table = folder / "_data" / f"{figid}-genes.tsv"
    assert collection.count("gene:LRP6") >= 1
    lines = table.read_text(encoding="utf-8").splitlines(keepends=True)
    table.write_text("".join(line for line in lines if "\tLRP6\t" not in line), encoding="utf-8")
    summary = collection.refresh(workers=1)
    assert (summary.updated, summary.read) == (1, 1)
    assert figid not in _figids(collection, "gene:LRP6")
    # A deleted table leaves the figure without those genes.
    table.unlink()
    collection.refresh(workers=1)
    (row,) = collection.page(f"pmcid:{figid.split('__')[0]}")
    assert row.gene_count == 0
    # A table that appears is noticed too.
    (folder / "_data" / f"{figid}-genes.tsv").write_text("".join(lines), encoding="utf-8")
    summary = collection.refresh(workers=1)
    assert summary.read == 1
    assert figid in _figids(collection, "gene:LRP6")


def test_the_index_agrees_with_the_records(folder, open_collection) -> None:
    collection = open_collection(folder)
    collection.refresh(workers=1)
    for row in collection.page("", 0, 100):
        record = load_record(row.path)
        assert row.figid == record.figid
        assert row.gene_count == len({g.entrez for g in record.genes})


@pytest.mark.parametrize(
    "damage",
    [
        lambda path: path.write_bytes(b"this is not a database" * 100),
        lambda path: path.write_bytes(b""),
        lambda path: _sql(path, "PRAGMA user_version = 99"),
        lambda path: _sql(path, "PRAGMA application_id = 7"),
        lambda path: _sql(path, "UPDATE meta SET value = '[]' WHERE key = 'roots'"),
        lambda path: _sql(path, "DROP TABLE meta"),
    ],
)
def test_a_damaged_or_foreign_database_is_rebuilt(folder, tmp_path, damage) -> None:
    with Collection([folder], tmp_path / "cache") as collection:
        collection.refresh(workers=1)
        database = collection.database
    for suffix in ("-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    damage(database)
    with Collection([folder], tmp_path / "cache") as collection:
        summary = collection.refresh(workers=1)
        assert (summary.added, summary.records) == (6, 6)
        assert collection.count("gene:AR") >= 1


def _sql(path: Path, statement: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute(statement)
    conn.commit()
    conn.close()


def test_another_programs_database_is_replaced(folder, tmp_path) -> None:
    path = database_path([folder], tmp_path / "cache")
    path.parent.mkdir(parents=True)
    _sql(path, "CREATE TABLE notes (text TEXT)")
    with Collection([folder], tmp_path / "cache") as collection:
        assert collection.refresh(workers=1).records == 6


def test_awkward_folder(tmp_path, open_collection) -> None:
    root = tmp_path / "awkward"
    copy_records(root, INLINE[:1])
    figures = root / "_figures"
    (figures / "empty.md").write_bytes(b"")
    (figures / "syntax.md").write_bytes(b"---\nfigid: A\ncaption: [oops\n---\n")
    (figures / "binary.md").write_bytes(b"---\nfigid: B\x00\x01\n---\n")
    (figures / "README.txt").write_text("Just some notes.\n")
    (figures / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    (figures / "no-suffix").write_bytes((FIGURES / SPLIT[0]).read_bytes())  # sniffed: a record
    (figures / ".hidden.md").write_bytes(SEED.read_bytes())
    (figures / "orphan-genes.tsv").write_text("word\tmatch\n")
    (figures / "loop").symlink_to(figures, target_is_directory=True)
    (figures / "gone.md").symlink_to(tmp_path / "nowhere.md")
    os.mkfifo(figures / "pipe.md")  # reading it would block for ever
    collection = open_collection(root)
    summary = collection.refresh(workers=1)
    assert summary.records == 2
    assert _figids(collection) == ["PMC100003__mb2410470011", "PMC10003241__ijms-24-04893-g003"]
    problems = {Path(p.path).name: p for p in collection.problems()}
    assert set(problems) == {"empty.md", "syntax.md", "binary.md", "README.txt", "gone.md"}
    assert problems["empty.md"].message == "the file is empty"
    assert problems["syntax.md"].line == 4
    assert "YAML syntax error" in problems["syntax.md"].message
    assert str(problems["syntax.md"]).startswith(f"{figures / 'syntax.md'}:4: YAML syntax error")
    assert "NUL" in problems["binary.md"].message
    # Unchanged problem files are not read again either.
    assert collection.refresh(workers=1).read == 0


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_files_and_folders_are_problems(tmp_path, open_collection) -> None:
    root = tmp_path / "locked"
    copy_records(root, INLINE)
    secret = root / "_figures" / INLINE[0]
    closed = root / "closed"
    closed.mkdir()
    secret.chmod(0)
    closed.chmod(0)
    try:
        collection = open_collection(root)
        summary = collection.refresh(workers=1)
    finally:
        secret.chmod(0o644)
        closed.chmod(0o755)
    assert summary.records == 2
    messages = {Path(p.path).name: p.message for p in collection.problems()}
    assert "permission denied" in messages[INLINE[0]]
    assert "permission denied" in messages["closed"]


def test_a_missing_root_is_a_problem(tmp_path, open_collection) -> None:
    collection = open_collection(tmp_path / "nothing-here")
    summary = collection.refresh(workers=1)
    assert summary.records == 0
    assert [p.message for p in collection.problems()] == ["no such file or folder"]


def test_a_record_file_given_directly(tmp_path, open_collection) -> None:
    copy = tmp_path / "record.notes"  # no record suffix: given files are read as they are
    copy.write_bytes(SEED.read_bytes())
    collection = open_collection(copy)
    assert collection.refresh(workers=1).records == 1


def test_the_same_roots_give_the_same_index(tmp_path, folder, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert database_path([folder, tmp_path], "c") == database_path(
        ["records/../records", ".", "records", tmp_path / "records"], "c"
    )
    assert database_path([folder], "c") != database_path([folder, tmp_path], "c")
    assert database_path([folder], "c").parent == Path("c")


@pytest.fixture
def many(tmp_path: Path) -> Path:
    """Forty copies of the inline records and the split ones (their tables shared by figid)."""
    root = tmp_path / "many"
    copy_records(root, INLINE + SPLIT)
    figures = root / "_figures"
    for number in range(40):
        for name in INLINE:
            text = (FIGURES / name).read_text(encoding="utf-8")
            stem = Path(name).stem
            new = f"{stem}x{number}"
            (figures / f"{new}.md").write_text(text.replace(stem, new), encoding="utf-8")
    return root


def test_cancelling_leaves_a_usable_index_that_the_next_refresh_completes(
    many, tmp_path, monkeypatch
) -> None:
    monkeypatch.setattr(index_module, "CHUNK", 10)
    monkeypatch.setattr(index_module, "BATCH", 10)
    cancel = threading.Event()
    with Collection([many], tmp_path / "cache") as collection:
        steps = collection.iter_refresh(cancel, workers=1)
        seen = []
        try:
            while True:
                progress = next(steps)
                seen.append(progress)
                if progress.phase == "index" and progress.done >= 30:
                    cancel.set()
        except StopIteration as stop:
            summary = stop.value
        assert summary.cancelled
        total = seen[1].total
        assert total == 126
        assert summary.read < total and summary.records == summary.read
        # Usable: counts, searches and rows agree with each other.
        assert collection.count() == summary.records
        assert len(collection.results("gene:AR")) == collection.count("gene:AR") >= 1
        finished = collection.refresh(workers=1)
        assert not finished.cancelled
        assert finished.read == total - summary.read
        assert finished.records == 126
    with Collection([many], tmp_path / "fresh") as fresh:
        fresh.refresh(workers=1)
        for query in ("", "gene:AR", "signaling", "year:2001"):
            assert _figids(fresh, query) == _figids(collection, query)


def test_a_failure_while_writing_keeps_the_index_consistent(many, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(index_module, "CHUNK", 10)
    monkeypatch.setattr(index_module, "BATCH", 20)
    real_write = index_module._write
    calls = 0

    def failing_write(*args):
        nonlocal calls
        calls += 1
        if calls == 3:
            raise KeyboardInterrupt
        real_write(*args)

    monkeypatch.setattr(index_module, "_write", failing_write)
    with Collection([many], tmp_path / "cache") as collection:
        with pytest.raises(KeyboardInterrupt):
            collection.refresh(workers=1)
        assert collection.count() == 40  # the two batches written before
        monkeypatch.setattr(index_module, "_write", real_write)
        assert collection.refresh(workers=1).records == 126


def test_worker_processes_give_the_same_index(many, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(index_module, "SERIAL_LIMIT", 0)
    monkeypatch.setattr(index_module, "CHUNK", 8)
    with Collection([many], tmp_path / "pool") as pooled:
        summary = pooled.refresh(workers=2)
        assert summary.records == 126
        with Collection([many], tmp_path / "serial") as serial:
            serial.refresh(workers=1)
            for query in ("", "gene:AR", "signaling", 'organism:"Homo sapiens"'):
                assert _figids(pooled, query) == _figids(serial, query)


def test_cancelling_worker_processes(many, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(index_module, "SERIAL_LIMIT", 0)
    monkeypatch.setattr(index_module, "CHUNK", 4)
    monkeypatch.setattr(index_module, "BATCH", 8)
    cancel = threading.Event()

    def on_progress(progress) -> None:
        if progress.phase == "index" and progress.done > 0:
            cancel.set()

    with Collection([many], tmp_path / "cache") as collection:
        summary = collection.refresh(on_progress, cancel, workers=2)
        assert summary.cancelled and 0 < summary.records < 126
        assert collection.count() == summary.records
        assert collection.refresh(workers=2).records == 126


def test_reading_while_another_thread_refreshes(many, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(index_module, "CHUNK", 10)
    monkeypatch.setattr(index_module, "BATCH", 10)
    with Collection([many], tmp_path / "cache") as collection:
        counts = []

        def refresh() -> None:
            collection.refresh(lambda _p: counts.append(collection.count()), workers=1)

        worker = threading.Thread(target=refresh)
        worker.start()
        while worker.is_alive():
            collection.count("gene:AR")
        worker.join()
        assert collection.count() == 126
        assert counts == sorted(counts) and counts[-1] == 126


def test_unreadable_files_and_folders_as_any_user(tmp_path, open_collection, monkeypatch) -> None:
    """The same as above, with the permission errors simulated (tests often run as root)."""
    import viewer.collection.extract as extract_module
    import viewer.collection.walk as walk_module

    root = tmp_path / "locked"
    copy_records(root, INLINE)
    secret = root / "_figures" / INLINE[0]
    closed = root / "closed"
    closed.mkdir()
    real_scandir, real_open = walk_module.os.scandir, Path.open

    def scandir(path):
        if os.fspath(path) == str(closed):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    def path_open(self, *args, **kwargs):
        if self == secret:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(walk_module.os, "scandir", scandir)
    monkeypatch.setattr(Path, "open", path_open)
    monkeypatch.setattr(  # the fast reader's own open()
        extract_module, "open", lambda p, *a, **k: path_open(Path(p), *a, **k), raising=False
    )
    collection = open_collection(root)
    assert collection.refresh(workers=1).records == 2
    messages = {Path(p.path).name: p.message for p in collection.problems()}
    assert "permission denied" in messages[INLINE[0]]
    assert "permission denied" in messages["closed"]


def test_without_worker_processes_this_process_reads(many, tmp_path, monkeypatch) -> None:
    """A frozen app or a script without a main guard cannot start workers: reading goes on."""

    class NoProcesses:
        def __init__(self, *args, **kwargs) -> None:
            raise OSError("no semaphores here")

    monkeypatch.setattr(index_module, "SERIAL_LIMIT", 0)
    monkeypatch.setattr(index_module, "ProcessPoolExecutor", NoProcesses)
    with Collection([many], tmp_path / "cache") as collection:
        assert collection.refresh(workers=2).records == 126


def test_a_snapshot_outlives_a_refresh(folder, open_collection) -> None:
    collection = open_collection(folder)
    collection.refresh(workers=1)
    snapshot = collection.results("", sort="id")
    (folder / "_figures" / INLINE[0]).unlink()
    collection.refresh(workers=1)
    rows = snapshot.rows(0, len(snapshot))
    assert len(rows) == 6 and rows.count(None) == 1  # the list keeps its length
    assert len(collection.results("", sort="id")) == 5
