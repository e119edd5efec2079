"""Where the viewer keeps settings, caches and its single-instance socket (no Qt here).

One function each, so tests and users can redirect them: ``PATHWAY_VIEWER_CONFIG`` (a folder)
overrides where settings live and ``PATHWAY_VIEWER_CACHE`` (a folder) where caches live. The
defaults follow each platform's convention: the XDG base directories on Linux and the BSDs,
``~/Library`` on macOS, ``%APPDATA%`` and ``%LOCALAPPDATA%`` on Windows.
"""

from __future__ import annotations

import os
import sys
import zlib
from pathlib import Path

APP_ID = "org.wikipathways.PathwayFigureViewer"


def _home_folder(windows_var: str, mac_sub: str, xdg_var: str, xdg_default: str) -> Path:
    if sys.platform == "win32":
        base = os.environ.get(windows_var)
        return Path(base) if base else Path.home() / "AppData" / "Roaming"
    if sys.platform == "darwin":
        return Path.home() / "Library" / mac_sub
    base = os.environ.get(xdg_var)
    # The XDG spec says a relative value is invalid and must be ignored.
    return Path(base) if base and os.path.isabs(base) else Path.home() / xdg_default


def config_dir() -> Path:
    """The folder that holds the settings file."""
    override = os.environ.get("PATHWAY_VIEWER_CONFIG")
    if override:
        return Path(override)
    return _home_folder("APPDATA", "Preferences", "XDG_CONFIG_HOME", ".config") / APP_ID


def cache_dir(create: bool = True) -> Path:
    """The folder for caches (downloaded images, collection indexes)."""
    override = os.environ.get("PATHWAY_VIEWER_CACHE")
    if override:
        path = Path(override)
    else:
        path = _home_folder("LOCALAPPDATA", "Caches", "XDG_CACHE_HOME", ".cache") / APP_ID
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path


def instance_socket() -> str:
    """The local socket a running viewer listens on, one per user and settings folder.

    Two viewers started with different ``PATHWAY_VIEWER_CONFIG`` folders are independent (as
    tests need); the path stays short, since Unix sockets allow about 100 bytes.
    """
    # A checksum, not a secure hash: it only tells settings folders apart, and zlib loads
    # faster than hashlib on this start-up path.
    key = f"{zlib.crc32(os.fsencode(config_dir().resolve())):08x}"
    if sys.platform == "win32":
        return f"{APP_ID}-{key}"  # a named pipe, which Qt places itself
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    base = runtime if runtime and os.path.isdir(runtime) else os.environ.get("TMPDIR", "/tmp")
    return os.path.join(base, f"pathway-viewer-{os.getuid()}-{key}.sock")
