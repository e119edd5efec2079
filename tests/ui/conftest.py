"""UI test set-up: settings and caches in temporary folders, and a stand-in for the browser."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path_factory, monkeypatch):
    """Point settings and caches at fresh folders for each test."""
    base = tmp_path_factory.mktemp("viewer-home")
    monkeypatch.setenv("PATHWAY_VIEWER_CONFIG", str(base / "config"))
    monkeypatch.setenv("PATHWAY_VIEWER_CACHE", str(base / "cache"))
    return base


class UrlCatcher(QObject):
    """Stands in for the browser: records every URL handed to the desktop."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def catch(self, url: QUrl) -> None:
        self.urls.append(url.toString())


@pytest.fixture
def opened_urls(qapp):
    """The URLs the viewer asked the desktop to open (https, http or file) during the test."""
    catcher = UrlCatcher()
    schemes = ("https", "http", "file")
    for scheme in schemes:
        QDesktopServices.setUrlHandler(scheme, catcher, "catch")
    yield catcher.urls
    for scheme in schemes:
        QDesktopServices.unsetUrlHandler(scheme)


@pytest.fixture(autouse=True)
def no_modal_questions(monkeypatch):
    """A test that makes the window ask something must answer it: never block on a dialog.

    A question nobody answered gets "discard" (else the last choice), so the window still
    closes, and fails the test afterwards.
    """
    asked = []

    def answer(parent, question):
        asked.append(f"{question.title}: {question.text}")
        return "discard" if "discard" in question.choices else question.choices[-1]

    monkeypatch.setattr("viewer.ui.curation.ask_with_message_box", answer)
    yield
    assert not asked, f"questions the test did not answer: {asked}"
