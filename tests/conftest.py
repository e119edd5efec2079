"""Shared test set-up: Qt renders offscreen, so the tests need no display."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
