"""Find a collection's candidate record files, with the size and time that tell if they changed.

The rules follow ``viewer.record.discover.iter_record_files`` (what ``pathway-viewer check``
reads): given files are taken as they are; inside folders, hidden names are skipped, symbolic
links to folders are not followed (so a link loop cannot trap the walk), and a file is a
candidate when its name has a record suffix or, failing that, its first bytes look like front
matter (that sniff happens later, in the workers, and only for new or changed files). Two
things differ, for speed and safety: the split layout's side tables (``*-genes.tsv`` and the
like) are recognised by name, and only regular files are taken (a named pipe would block).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from viewer.record.discover import RECORD_SUFFIXES
from viewer.record.tables import TABLE_KINDS

TABLE_SUFFIXES = tuple(f"-{kind}.tsv" for kind in TABLE_KINDS)
_SIDECAR_SUFFIXES = (".mechanism.yaml",)
_SKIPPED_SUFFIXES = TABLE_SUFFIXES + _SIDECAR_SUFFIXES


@dataclass
class Scan:
    """What a walk found.

    ``files`` maps each candidate's path to ``(size, mtime_ns, sniff)``, where ``sniff`` says the
    file must first be checked for front matter; ``tables`` holds the side tables seen;
    ``problems`` lists ``(path, message)`` for roots and folders that could not be read.
    """

    files: dict[str, tuple[int, int, bool]] = field(default_factory=dict)
    tables: set[str] = field(default_factory=set)
    problems: list[tuple[str, str]] = field(default_factory=list)


def _reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    return exc.strerror or str(exc)


def _walk_folder(top: str, scan: Scan) -> None:
    # This loop runs once per file of the collection on every refresh: it avoids system calls
    # (DirEntry answers the file type from the listing) except the one stat a candidate needs.
    stack = [top]
    files, tables = scan.files, scan.tables
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as exc:
            scan.problems.append((folder, f"the folder cannot be read: {_reason(exc)}"))
            continue
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                if entry.is_file(follow_symlinks=False):  # the common case: no system call
                    regular = True
                elif entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                    continue
                elif entry.is_symlink():  # followed to a file, not to a folder (as os.walk)
                    regular = False
                else:
                    continue  # a pipe, socket or device: reading it could block
            except OSError:
                continue
            if name.endswith(_SKIPPED_SUFFIXES):
                if name.endswith(TABLE_SUFFIXES):
                    tables.add(entry.path)
                continue
            dot = name.rfind(".")
            record_suffix = dot > 0 and name[dot:].lower() in RECORD_SUFFIXES
            try:
                info = entry.stat()
            except OSError as exc:
                if record_suffix:  # a broken link named like a record: say so
                    scan.problems.append((entry.path, f"the file cannot be read: {_reason(exc)}"))
                continue
            if regular or stat.S_ISREG(info.st_mode):
                files[entry.path] = (info.st_size, info.st_mtime_ns, not record_suffix)


def scan_roots(roots: Iterable[Path]) -> Scan:
    """Walk ``roots`` (resolved paths: folders or files) and return what was found."""
    scan = Scan()
    for root in roots:
        path = str(root)
        try:
            info = os.stat(path)
        except OSError as exc:
            reason = "no such file or folder" if isinstance(exc, FileNotFoundError) else None
            scan.problems.append((path, reason or f"cannot be read: {_reason(exc)}"))
            continue
        if stat.S_ISDIR(info.st_mode):
            _walk_folder(path, scan)
        elif stat.S_ISREG(info.st_mode):
            scan.files[path] = (info.st_size, info.st_mtime_ns, False)
        else:
            scan.problems.append((path, "not a regular file or folder"))
    return scan
