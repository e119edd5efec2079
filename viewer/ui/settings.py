"""Where the viewer keeps its settings and caches; one function each, so tests can redirect them.

``PATHWAY_VIEWER_CONFIG`` (a folder) overrides where settings live, and
``PATHWAY_VIEWER_CACHE`` (a folder) where caches live.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

APP_ID = "org.wikipathways.PathwayFigureViewer"


def config_dir() -> Path:
    """The folder that holds the settings file."""
    override = os.environ.get("PATHWAY_VIEWER_CONFIG")
    if override:
        return Path(override)
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
    return Path(base or Path.home() / ".config") / APP_ID


def app_settings() -> QSettings:
    """The viewer's settings, as an INI file in ``config_dir()``."""
    return QSettings(str(config_dir() / "settings.ini"), QSettings.Format.IniFormat)


def cache_dir() -> Path:
    """The folder for caches (downloaded images, collection indexes); created on demand."""
    override = os.environ.get("PATHWAY_VIEWER_CACHE")
    if override:
        path = Path(override)
    else:
        base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericCacheLocation)
        path = Path(base or Path.home() / ".cache") / APP_ID
    path.mkdir(parents=True, exist_ok=True)
    return path
