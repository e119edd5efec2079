"""Look and feel: light and dark themes (the canvas too), keyboard access, accessible names."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from corpus import FIGURES, SEED
from PySide6.QtGui import QAction, QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from viewer.ui import theme as theme_module
from viewer.ui.theme import apply_theme, is_dark
from viewer.ui.window import MainWindow

OTHER = FIGURES / "PMC1322299__pmed.0020415.g001.md"


@pytest.fixture(autouse=True)
def light_again(qapp):
    """Each test leaves the application light, as the others expect."""
    yield
    qapp.setPalette(qapp.style().standardPalette())


def open_window(qtbot, paths=(SEED,), **options) -> MainWindow:
    window = MainWindow(offline=True, **options)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.loader.idle, timeout=10_000):
        window.open_paths(list(paths))
    window.ensure_panels()
    return window


def test_dark_theme_darkens_the_panels_and_the_canvas(qtbot) -> None:
    window = open_window(qtbot, theme="dark")
    assert is_dark(QApplication.palette())
    assert is_dark(window.metadata.palette())
    canvas = window.mechanism_view.canvas
    assert canvas.backgroundBrush().color().lightness() < 80
    # Text stays readable: light on dark, links a light blue.
    palette = window.gene_panel.view.palette()
    assert palette.color(QPalette.ColorRole.Text).lightness() > 180
    assert palette.color(QPalette.ColorRole.Link).lightness() > 150
    apply_theme("light")
    qtbot.waitUntil(lambda: not is_dark(window.metadata.palette()), timeout=2000)
    qtbot.waitUntil(lambda: canvas.backgroundBrush().color().lightness() > 200, timeout=2000)


def test_theme_menu_choice_is_kept_for_the_next_window(qtbot) -> None:
    window = open_window(qtbot)
    assert window.theme == "system" and window.theme_actions["system"].isChecked()
    window.theme_actions["dark"].trigger()
    assert is_dark(QApplication.palette())
    window.close()
    QApplication.instance().setPalette(QApplication.style().standardPalette())
    second = open_window(qtbot)
    assert second.theme == "dark" and second.theme_actions["dark"].isChecked()
    assert is_dark(QApplication.palette())


def test_system_dark_preference_is_followed(qtbot, monkeypatch) -> None:
    window = open_window(qtbot)
    assert not is_dark(QApplication.palette())
    monkeypatch.setattr(theme_module, "system_prefers_dark", lambda: True)
    window._on_color_scheme()  # what the desktop's colour-scheme signal triggers
    assert is_dark(QApplication.palette())
    window.theme_actions["light"].trigger()  # the user's choice wins over the desktop's
    window._on_color_scheme()
    assert not is_dark(QApplication.palette())


def test_system_dark_preference_is_followed_from_the_start(qtbot, monkeypatch) -> None:
    monkeypatch.setattr(theme_module, "system_prefers_dark", lambda: True)
    monkeypatch.setattr("viewer.ui.window.system_prefers_dark", lambda: True)
    window = MainWindow(offline=True)
    qtbot.addWidget(window)
    window.show()
    # Asking the desktop loads Qt's namespace, so it waits for the first paint.
    qtbot.waitUntil(lambda: is_dark(QApplication.palette()), timeout=5000)
    assert window.theme == "system"


def _actions(menu: QMenu) -> list[QAction]:
    found = []
    for action in menu.actions():
        if action.isSeparator():
            continue
        found.append(action)
        if action.menu():
            found += _actions(action.menu())
    return found


def test_every_menu_action_is_reachable_from_the_keyboard(qtbot) -> None:
    window = open_window(qtbot)
    menus = [a for a in window.menuBar().actions() if a.menu()]
    assert [m.text() for m in menus][:3] == ["&File", "&Edit", "&View"]
    for top in menus:
        assert "&" in top.text()
        for action in _actions(top.menu()):
            reachable = "&" in action.text() or not action.shortcut().isEmpty()
            assert reachable, f"{action.text()!r} has neither a mnemonic nor a shortcut"


def test_standard_shortcuts(qtbot) -> None:
    window = open_window(qtbot)
    shortcuts = {
        key.toString() for top in window.menuBar().actions() if top.menu()
        for action in _actions(top.menu()) for key in action.shortcuts()
    }  # fmt: skip
    for key in ("Ctrl+O", "Ctrl+W", "Ctrl+Q", "Ctrl+F", "Ctrl+PgDown", "Ctrl+PgUp"):
        assert key in shortcuts


def test_shortcuts_are_set_on_a_window_just_shown(qtbot) -> None:
    window = MainWindow(offline=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    keys = {
        action.text(): [key.toString() for key in action.shortcuts()]
        for top in window.menuBar().actions() if top.menu()
        for action in _actions(top.menu())
    }  # fmt: skip
    assert keys["&Open…"][0] == "Ctrl+O"  # then the platform's others (the Open key)
    assert keys["&Quit"] == ["Ctrl+Q"]
    assert keys["Open &Folder…"] == ["Ctrl+Shift+O"]
    assert {"Ctrl+W", "Ctrl+F4"} <= set(keys["&Close"])
    assert keys["&Undo"][0] == "Ctrl+Z" and keys["&Redo"][0] == "Ctrl+Shift+Z"


def test_next_and_previous_figure(qtbot) -> None:
    window = open_window(qtbot, (SEED, OTHER))
    titles = {window.record_list.item(i).text() for i in range(2)}
    first = window.record
    window.step_record(1)
    assert window.record is not first and window.record.title in titles
    window.step_record(1)
    assert window.record is first
    window.step_record(-1)
    assert window.record is not first


def test_panels_have_accessible_names_and_descriptions(qtbot) -> None:
    window = open_window(qtbot)
    widgets: list[QWidget] = [
        window.record_list,
        window.problem_list,
        window.metadata,
        window.metadata.caption,
        window.figure_tabs,
        window.table_tabs,
        window.image_view,
        window.mechanism_view,
        window.gene_panel.view,
        window.gene_panel.filter_edit,
        window.chemical_panel.view,
        window.disease_panel.view,
    ]
    for widget in widgets:
        assert widget.accessibleName(), widget
        assert widget.accessibleDescription(), widget
    names = {w.accessibleName() for w in widgets}
    assert len(names) == len(widgets)  # each is told apart by its name


def test_high_dpi_screenshot_has_twice_the_pixels(tmp_path) -> None:
    out = tmp_path / "hidpi.png"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "QT_SCALE_FACTOR": "2",
        "PATHWAY_VIEWER_CONFIG": str(tmp_path / "config"),
        "PATHWAY_VIEWER_CACHE": str(tmp_path / "cache"),
    }
    command = [sys.executable, "-m", "viewer", "--offline", "--theme", "dark"]
    command += ["--screenshot", str(out), "--size", "800x500"]
    subprocess.run(command, env=env, check=True, timeout=120, capture_output=True)
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1600, 1000)
    # Dark, as asked: the window background is dark.
    assert QColor(image.pixel(5, 900)).lightness() < 90


def test_the_app_has_its_icon(qapp) -> None:
    from viewer.ui.app import app_icon

    icon = app_icon()
    assert not icon.isNull()
    image = icon.pixmap(48, 48).toImage()
    assert image.width() == 48
    opaque = sum(QColor(image.pixelColor(x, y)).alpha() > 0 for x in range(48) for y in range(48))
    assert opaque > 48 * 48 // 2  # drawn, not blank
