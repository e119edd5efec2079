"""The window shows the record's title; the screenshot option renders it without a display."""

from __future__ import annotations

import subprocess
import sys

from corpus import FIGURES, SEED
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel

from viewer.ui.app import build_window
from viewer.ui.window import MainWindow


def test_window_shows_title_and_caption_as_plain_text(qtbot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_path(SEED)
    assert window.title_label.text() == "Cross-talk between the NFKB and the STAT3 pathways"
    assert window.windowTitle().startswith("Cross-talk between the NFKB")
    assert window.caption_label.text().startswith("Proposed mechanism of cross-talk")
    assert "12 genes: REL, JAK1" in window.genes_label.text()
    for label in window.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText


def test_record_html_is_not_rendered(qtbot, tmp_path) -> None:
    path = tmp_path / "html.md"
    path.write_bytes(
        b"---\nfigid: X\nfigtitle: '<a href=\"file:///etc\">click</a><b>bold</b>'\n---\n"
    )
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_path(path)
    assert window.title_label.text() == '<a href="file:///etc">click</a><b>bold</b>'
    assert window.title_label.textFormat() == Qt.TextFormat.PlainText


def test_bad_record_shows_error_and_keeps_previous(qtbot, tmp_path) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_path(FIGURES / "PMC1322299__pmed.0020415.g001.md")
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"")
    window.open_path(bad)
    assert window.error_label.text() == f"{bad}: error: the file is empty"
    assert window.title_label.text() == "Tweaking Microtubules to Treat Scleroderma"


def test_screenshot_command_writes_a_png(tmp_path) -> None:
    out = tmp_path / "shot.png"
    result = subprocess.run(
        [sys.executable, "-m", "viewer", "--screenshot", str(out), str(SEED)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert not image.isNull() and image.width() >= 800 and image.height() >= 600
    # Text was drawn: some pixels are much darker than the window background.
    darks = sum(
        image.pixelColor(x, y).lightness() < 80
        for x in range(0, image.width(), 2)
        for y in range(0, 120, 2)
    )
    assert darks > 200


def test_without_files_the_seed_record_opens(qtbot) -> None:
    window = build_window([])
    qtbot.addWidget(window)
    assert window.record is not None and window.record.figid == "PMC1584297__neo0809_0733_fig009"
