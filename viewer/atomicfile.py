"""Write a file so that a crash, kill or power cut leaves the old file or the new one, whole.

The data goes to a new hidden file in the same folder (so the final rename stays on one file
system), is flushed and ``fsync``-ed, then ``os.replace``-d over the destination; on POSIX the
folder is ``fsync``-ed too, so the rename itself survives a power cut. A failure removes the
temporary file and leaves the destination untouched. Exports and curated mechanisms both
save through here.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path


def write_atomically(path: str | os.PathLike[str], data: bytes | str) -> None:
    """Replace the file at ``path`` with ``data`` (text is written as UTF-8), all or nothing.

    Raises ``OSError`` when it cannot; the destination is then unchanged.
    """
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if target.is_dir():
        raise IsADirectoryError(21, "it is a folder", str(target))
    handle, temporary = _new_temporary(target)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        with contextlib.suppress(OSError):  # keep the permissions of the file replaced
            os.chmod(temporary, target.stat().st_mode & 0o7777)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_folder(target.parent)


def _new_temporary(target: Path) -> tuple[int, Path]:
    """Create a hidden, new file beside ``target``; the umask sets its permissions as usual."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        candidate = target.with_name(f".{target.name}.{secrets.token_hex(4)}.part")
        try:
            return os.open(candidate, flags, 0o666), candidate
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {target}")


def _sync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass  # some file systems refuse to sync a folder; the rename is done regardless
    finally:
        os.close(descriptor)
