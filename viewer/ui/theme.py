"""Light and dark appearance: follow the desktop's colour scheme, or the user's choice.

Where the platform theme supplies a dark palette (GNOME, KDE, macOS, Windows), "system" keeps
it. Where it only reports a dark preference, or reports nothing (a bare X11 session), the viewer
builds its own dark palette from a few colours, so the panels, tables, links and the mechanism
canvas stay readable. Widgets that draw their own colours listen for ``PaletteChange``.
"""

from __future__ import annotations

from typing import Literal

from PySide6.QtGui import QColor, QGuiApplication, QPalette

Theme = Literal["system", "light", "dark"]
THEMES: tuple[Theme, ...] = ("system", "light", "dark")
THEME_LABELS = {"system": "Follow the &System", "light": "&Light", "dark": "&Dark"}

_DARK = {
    QPalette.ColorRole.Window: "#2b2d30",
    QPalette.ColorRole.WindowText: "#dfe1e5",
    QPalette.ColorRole.Base: "#1e1f22",
    QPalette.ColorRole.AlternateBase: "#26282b",
    QPalette.ColorRole.ToolTipBase: "#3c3f44",
    QPalette.ColorRole.ToolTipText: "#dfe1e5",
    QPalette.ColorRole.PlaceholderText: "#8c9096",
    QPalette.ColorRole.Text: "#dfe1e5",
    QPalette.ColorRole.Button: "#393b40",
    QPalette.ColorRole.ButtonText: "#dfe1e5",
    QPalette.ColorRole.BrightText: "#ff6b68",
    QPalette.ColorRole.Light: "#4a4d52",
    QPalette.ColorRole.Midlight: "#404348",
    QPalette.ColorRole.Mid: "#33353a",
    QPalette.ColorRole.Dark: "#1b1c1f",
    QPalette.ColorRole.Shadow: "#111214",
    QPalette.ColorRole.Highlight: "#2f65ca",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#6ea8fe",
    QPalette.ColorRole.LinkVisited: "#b494f0",
}
_DARK_DISABLED = {
    QPalette.ColorRole.WindowText: "#7b7e84",
    QPalette.ColorRole.Text: "#7b7e84",
    QPalette.ColorRole.ButtonText: "#7b7e84",
    QPalette.ColorRole.Highlight: "#45484d",
}


def dark_palette() -> QPalette:
    """The viewer's own dark palette."""
    palette = QPalette()
    for role, color in _DARK.items():
        palette.setColor(role, QColor(color))
    for role, color in _DARK_DISABLED.items():
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(color))
    return palette


def is_dark(palette: QPalette) -> bool:
    """Whether ``palette`` draws light text on a dark window."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def system_prefers_dark() -> bool:
    """Whether the desktop asks for a dark appearance (``False`` when it does not say).

    The answer is a ``Qt.ColorScheme``: the first call loads ``Qt`` (see
    ``viewer.ui.named_properties``).
    """
    from PySide6.QtCore import Qt

    app = QGuiApplication.instance()
    return bool(app) and app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def apply_theme(theme: Theme) -> None:
    """Give the application the palette ``theme`` asks for."""
    app = QGuiApplication.instance()
    if app is None:
        return
    standard = app.style().standardPalette() if hasattr(app, "style") else QPalette()
    if theme == "dark" or (theme == "system" and system_prefers_dark()):
        palette = standard if is_dark(standard) else dark_palette()
    else:
        palette = standard if not is_dark(standard) else QPalette()
    app.setPalette(palette)
