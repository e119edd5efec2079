"""The installed Qt binding keeps Python's reference counts straight.

PySide6 6.12.0 dropped a reference to ``None`` on every Qt call returning nothing and to
``True`` on every signal emission; on Python 3.11 the process aborts ("deallocating None")
after a few thousand calls, i.e. minutes into a session. This test fails on such a binding.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    fired = Signal(int)


def test_qt_calls_do_not_leak_references_to_none_or_true() -> None:
    emitter = _Emitter()
    received: list[int] = []
    emitter.fired.connect(received.append)
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for i in range(500):
        emitter.setObjectName("x")
        emitter.fired.emit(i)
    assert len(received) == 500
    assert abs(sys.getrefcount(None) - none_before) < 50
    assert abs(sys.getrefcount(True) - true_before) < 50
