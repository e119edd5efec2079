"""The viewer's settings as a ``QSettings`` INI file in ``viewer.locations.config_dir()``.

``PATHWAY_VIEWER_CONFIG`` (a folder) overrides where settings live, and
``PATHWAY_VIEWER_CACHE`` (a folder) where caches live; see ``viewer.locations``.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from viewer.locations import APP_ID, cache_dir, config_dir

__all__ = ["APP_ID", "app_settings", "cache_dir", "config_dir"]


def app_settings() -> QSettings:
    """The viewer's settings, as an INI file in ``config_dir()``."""
    return QSettings(str(config_dir() / "settings.ini"), QSettings.Format.IniFormat)
