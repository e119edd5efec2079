"""A viewer killed (SIGKILL) with unsaved edits: the next one offers them back, whole.

A real child process opens a copy of the seed record in the main window (offscreen), renames a
box and moves another through the canvas editor, waits for the autosave, says so, and is killed.
A new window in this process then opens the record, is offered the recovery, restores it, and
shows the edited mechanism.
"""

from __future__ import annotations

import os
import select
import shutil
import signal
import subprocess
import sys
import textwrap
import time

import pytest
from corpus import SEED
from test_curation import Answers, open_window

from viewer.mechanism import build_mechanism
from viewer.mechanism.edits import apply, move_nodes, relabel
from viewer.mechanism.sidecar import sidecar_path
from viewer.record import load_record
from viewer.ui import curation

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")

CHILD = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication(["viewer"])
    from viewer.ui import curation
    curation.AUTOSAVE_MS = 300
    from viewer.ui.window import MainWindow, path_key

    record = sys.argv[1]
    window = MainWindow(offline=True)
    window.ask = lambda question: question.choices[-1]
    window.show()
    window.open_paths([record])

    def edit_when_ready():
        session = window.curations.get(path_key(record))
        if session is None:
            QTimer.singleShot(50, edit_when_ready)
            return
        session.autosaved.connect(lambda path: print("autosaved", path, flush=True))
        window.ensure_panels()
        mechanism = window.mechanism_view.mechanism
        stat3 = next(n.id for n in mechanism.nodes if "6774" in n.entrez_ids)
        il6 = next(n.id for n in mechanism.nodes if "3569" in n.entrez_ids)
        editor = window.mechanism_view.scene.editor
        editor.ask_text = lambda *_: "STAT3 before the kill"
        editor.rename(stat3)
        from viewer.mechanism.edits import move_nodes
        editor.request(move_nodes, {il6: (777.0, -55.0)})
        print("edited", flush=True)

    QTimer.singleShot(0, edit_when_ready)
    app.exec()
    """
)


def read_until(child: subprocess.Popen, marker: bytes, seconds: float) -> bytes:
    """The child's output up to and including the line holding ``marker``."""
    deadline = time.monotonic() + seconds
    output = b""
    while marker not in output or not output.endswith(b"\n"):
        left = deadline - time.monotonic()
        ready, _, _ = select.select([child.stdout], [], [], max(0.0, left))
        assert ready, f"nothing from the child for {seconds} s; it said {output!r}"
        chunk = os.read(child.stdout.fileno(), 4096)
        assert chunk, f"the child ended early (status {child.wait()}); it said {output!r}"
        output += chunk
    return output


def test_edits_of_a_killed_viewer_are_offered_back(qtbot, tmp_path) -> None:
    record = tmp_path / SEED.name
    shutil.copyfile(SEED, record)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(record)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    try:
        output = read_until(child, b"autosaved", seconds=60)
        assert output.startswith(b"edited\n")
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(10)
        child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    recovery = curation.recovery_path(record)
    assert recovery.exists() and not sidecar_path(record).exists()

    expected = build_mechanism(load_record(record))
    stat3 = next(n.id for n in expected.nodes if "6774" in n.entrez_ids)
    il6 = next(n.id for n in expected.nodes if "3569" in n.entrez_ids)
    apply(expected, relabel(expected, stat3, "STAT3 before the kill"))
    apply(expected, move_nodes(expected, {il6: (777.0, -55.0)}))

    answers = Answers("restore")
    window = open_window(qtbot, record, answers)
    assert [q.title for q in answers.asked] == ["Restore unsaved edits"]
    assert window.mechanism_view.mechanism.snapshot() == expected.snapshot()
    labels = [item.label_item.text() for item in window.mechanism_view.scene.node_items.values()]
    assert "STAT3 before the kill" in labels
    assert window.isWindowModified()
    window.ask = Answers("save")
    window.close()
    assert not recovery.exists() and sidecar_path(record).exists()
