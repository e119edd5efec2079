"""Qt properties set by name, and the start-up they serve: no ``Qt`` before the first paint."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter

from viewer.ui.named_properties import set_properties


def test_enum_values_are_set_by_name(qtbot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    set_properties(label, textFormat="PlainText", textInteractionFlags="TextSelectableByMouse")
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert label.textInteractionFlags() == Qt.TextInteractionFlag.TextSelectableByMouse
    splitter = QSplitter()
    qtbot.addWidget(splitter)
    set_properties(splitter, orientation="Vertical")
    assert splitter.orientation() == Qt.Orientation.Vertical


@pytest.mark.parametrize(
    "values",
    [{"textFormt": "PlainText"}, {"textFormat": "Plain"}, {"orientation": "Vertical"}],
)
def test_a_misspelt_name_or_value_raises(qtbot, values) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    with pytest.raises(ValueError, match="cannot set property"):
        set_properties(label, **values)


# As pathway-viewer starts, in a fresh process: Qt's namespace must still be unloaded when the
# window first paints the record, and load right after (the panels built then need it).
FIRST_PAINT = """
import PySide6.QtCore as QtCore
from PySide6.QtCore import QEvent, QObject, QTimer
from viewer.ui.app import build_window, make_app, show_when_ready

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and window.record is not None:
            obj.removeEventFilter(self)
            print("at first paint:", "Qt" in vars(QtCore), flush=True)
            QTimer.singleShot(0, window.ensure_panels)
            QTimer.singleShot(0, lambda: print("after:", "Qt" in vars(QtCore)) or app.quit())
        return False

app = make_app()
window = build_window([], offline=True)
watch = FirstPaint()
window.metadata.title.installEventFilter(watch)
show_when_ready(window)
app.exec()
"""


def test_qt_namespace_loads_after_the_first_paint(tmp_path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT],
        capture_output=True,
        text=True,
        timeout=120,
        env={
            **os.environ,
            "PATHWAY_VIEWER_CONFIG": str(tmp_path / "cfg"),
            "PATHWAY_VIEWER_CACHE": str(tmp_path / "cache"),
        },
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["at first paint: False", "after: True"], (
        "something before the window's first paint uses PySide6.QtCore.Qt (45-50 ms of enum "
        "building): set the property by name (viewer.ui.named_properties) or defer it to "
        "MainWindow._finish_window"
    )
