"""The figure image panel against a real local HTTP server: good, slow, garbage and huge answers.

Nothing here reaches the internet: every fetcher gets the local server as its only source.
"""

from __future__ import annotations

import contextlib
import itertools
import shutil
import struct
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import shiboken6
from corpus import SEED
from PySide6.QtCore import (
    QBuffer,
    QIODevice,
    QPoint,
    QPointF,
    QRect,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor, QImage, QPainter, QWheelEvent
from PySide6.QtWidgets import QApplication

from viewer.record import FigureRecord, load_record, parse_record
from viewer.record.images import IMAGE_BASE_ENV
from viewer.ui.image_fetch import ImageFetcher, decode_image
from viewer.ui.image_view import LOADING, FigureImageView

PMCID = "PMC1584297"
FILENAME = "neo0809_0733_fig009.jpg"
CAP = 200_000
HUGE = 1_000_000
WIDTH, HEIGHT = 800, 600


def encode(image: QImage, fmt: str) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, fmt)
    return bytes(buffer.data().data())


def make_image(width: int = WIDTH, height: int = HEIGHT) -> QImage:
    # Few calls on purpose: with PySide6 6.12 on Python 3.11 every void Qt call leaks a
    # reference to None (see the report), so a per-pixel loop would abort the test run.
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.fillRect(QRect(0, 0, width // 2, height // 2), QColor("navy"))
    painter.end()
    return image


def png_declaring(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` × ``height`` pixels (a decompression-bomb shape)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


class ImageServer:
    """Serves /{mode}/{pmcid}/{filename}; ``mode`` picks the behaviour, and hits are counted."""

    def __init__(self, png: bytes, jpeg: bytes) -> None:
        self.hits: Counter[str] = Counter()
        self.release = threading.Event()
        self.png = png
        self.jpeg = jpeg
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                mode = self.path.strip("/").split("/", 1)[0]
                server.hits[mode] += 1
                # The viewer hangs up on stalls and huge bodies, as it should.
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    server.answer(self, mode)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def answer(self, h: BaseHTTPRequestHandler, mode: str) -> None:
        def send(body: bytes, ctype: str = "image/png", status: int = 200) -> None:
            h.send_response(status)
            h.send_header("Content-Type", ctype)
            h.send_header("Content-Length", str(len(body)))
            h.end_headers()
            h.wfile.write(body)

        if mode == "ok":
            send(self.png)
        elif mode == "jpeg":
            send(self.jpeg, "image/jpeg")
        elif mode == "stall":
            self.release.wait(10)
            send(self.png)
        elif mode == "garbage":
            send(b"this is not an image, only text pretending\n" * 40, "image/jpeg")
        elif mode == "html":
            send(b"<html><body>Not found</body></html>", "text/html")
        elif mode == "bigdims":
            send(png_declaring(30_000, 30_000))
        elif mode == "missing":
            send(b"no such figure", "text/plain", 404)
        elif mode == "redirect":
            h.send_response(302)
            h.send_header("Location", f"{self.base}/ok/{PMCID}/{FILENAME}")
            h.send_header("Content-Length", "0")
            h.end_headers()
        elif mode == "huge":
            # Announced up front: the viewer should stop before reading the body.
            h.send_response(200)
            h.send_header("Content-Type", "image/jpeg")
            h.send_header("Content-Length", str(HUGE))
            h.end_headers()
            for _ in range(HUGE // 50_000):
                h.wfile.write(b"\xaa" * 50_000)
        elif mode == "stream":
            # No Content-Length: only counting the bytes received can stop this one.
            h.send_response(200)
            h.send_header("Content-Type", "image/jpeg")
            h.end_headers()
            for _ in range(HUGE // 50_000):
                h.wfile.write(b"\xaa" * 50_000)
                h.wfile.flush()
        else:
            send(b"unknown mode", "text/plain", 500)

    def source(self, mode: str) -> str:
        return f"{self.base}/{mode}"

    def close(self) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server(qapp: QApplication) -> Iterator[ImageServer]:
    image = make_image()
    srv = ImageServer(encode(image, "PNG"), encode(image, "JPEG"))
    yield srv
    srv.close()


@pytest.fixture(autouse=True)
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("PATHWAY_VIEWER_CACHE", str(folder))
    # Never the real Europe PMC from a test.
    monkeypatch.delenv(IMAGE_BASE_ENV, raising=False)
    return folder


@pytest.fixture
def make_fetcher(qapp: QApplication) -> Iterator[Callable[..., ImageFetcher]]:
    made: list[ImageFetcher] = []

    def factory(*modes: str, **kwargs: object) -> ImageFetcher:
        server: ImageServer = kwargs.pop("server")  # type: ignore[assignment]
        fetcher = ImageFetcher(
            timeout=kwargs.pop("timeout", 1.0),  # type: ignore[arg-type]
            max_bytes=kwargs.pop("max_bytes", CAP),  # type: ignore[arg-type]
            sources=[server.source(m) for m in modes],
        )
        made.append(fetcher)
        return fetcher

    yield factory
    for fetcher in made:
        fetcher.cancel()
        fetcher.pool.waitForDone(5000)
        # Deleted here, in the GUI thread: left to Python's cyclic garbage collector, a Qt
        # object may be freed from whichever thread happens to trigger a collection.
        shiboken6.delete(fetcher)
    made.clear()


@pytest.fixture
def seed(tmp_path: Path) -> FigureRecord:
    """The seed record, copied to a folder of its own (so no stray local image is found)."""
    folder = tmp_path / "records"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    return load_record(folder / SEED.name)


def other_record(tmp_path: Path, figid: str = "PMC1584297__other_fig") -> FigureRecord:
    folder = tmp_path / "other"
    folder.mkdir(exist_ok=True)
    path = folder / f"{figid}.md"
    text = f"---\nfigid: {figid}\npmcid: PMC1584297\nfilename: other.jpg\n---\n"
    path.write_text(text, encoding="utf-8")
    return parse_record(text.encode(), str(path), path)


class Answers:
    """Records what a fetcher answered."""

    def __init__(self, fetcher: ImageFetcher) -> None:
        self.ready: list[tuple[str, QImage]] = []
        self.failed: list[tuple[str, str]] = []
        fetcher.imageReady.connect(lambda f, i: self.ready.append((f, i)))
        fetcher.imageFailed.connect(lambda f, r: self.failed.append((f, r)))


def fetch_and_wait(qtbot, fetcher: ImageFetcher, record: FigureRecord, timeout: int = 5000):
    with qtbot.waitSignals([fetcher.idle], timeout=timeout):
        fetcher.fetch(record)
    assert not fetcher.busy


# -- the fetcher -------------------------------------------------------------------------


def test_image_is_downloaded_once_then_served_from_the_disk_cache(
    qtbot, server, make_fetcher, seed, cache
) -> None:
    fetcher = make_fetcher("ok", server=server)
    answers = Answers(fetcher)
    with qtbot.waitSignal(
        fetcher.imageReady, timeout=5000, check_params_cb=lambda f, i: f == seed.figid
    ) as blocker:
        fetcher.fetch(seed)
    image = blocker.args[1]
    assert (image.width(), image.height()) == (WIDTH, HEIGHT)
    assert server.hits["ok"] == 1
    qtbot.waitUntil(lambda: not fetcher.busy)
    cached = cache / "images" / f"{PMCID}__{FILENAME}"
    assert cached.is_file()
    assert not [p for p in cached.parent.iterdir() if p.name.endswith(".part")]

    fetch_and_wait(qtbot, fetcher, seed)
    assert server.hits["ok"] == 1
    assert len(answers.ready) == 2 and not answers.failed
    # The cache is local, so it serves even offline.
    fetcher.set_offline(True)
    fetch_and_wait(qtbot, make_fetcher("ok", server=server), seed)
    assert server.hits["ok"] == 1


def test_a_jpeg_download_decodes(qtbot, server, make_fetcher, seed) -> None:
    fetcher = make_fetcher("jpeg", server=server)
    with qtbot.waitSignal(fetcher.imageReady, timeout=5000) as blocker:
        fetcher.fetch(seed)
    assert blocker.args[1].size().toTuple() == (WIDTH, HEIGHT)


def test_a_stalled_server_times_out_while_the_window_stays_responsive(
    qtbot, server, make_fetcher, seed
) -> None:
    fetcher = make_fetcher("stall", server=server, timeout=1.0)
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(50)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    start = time.monotonic()
    with qtbot.waitSignal(fetcher.imageFailed, timeout=5000) as blocker:
        fetcher.fetch(seed)
    elapsed = time.monotonic() - start
    timer.stop()
    assert blocker.args[0] == seed.figid
    assert blocker.args[1] == "127.0.0.1 did not answer within 1 s."
    assert 0.8 < elapsed < 4
    # The event loop kept running all along: about one tick per 50 ms, no long gaps.
    assert len(ticks) >= 0.5 * elapsed / 0.05
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    assert max(gaps) < 0.8


def test_garbage_is_not_an_image_and_is_not_cached(qtbot, server, make_fetcher, seed, cache):
    fetcher = make_fetcher("garbage", server=server)
    with qtbot.waitSignal(fetcher.imageFailed, timeout=5000) as blocker:
        fetcher.fetch(seed)
    assert "not an image" in blocker.args[1]
    assert not (cache / "images" / f"{PMCID}__{FILENAME}").exists()


@pytest.mark.parametrize("mode", ["huge", "stream"])
def test_a_download_above_the_cap_is_stopped(qtbot, server, make_fetcher, seed, mode) -> None:
    fetcher = make_fetcher(mode, server=server, max_bytes=CAP)
    with qtbot.waitSignal(fetcher.imageFailed, timeout=5000) as blocker:
        fetcher.fetch(seed)
    assert blocker.args[1] == "The download was larger than 195 KiB and was stopped."


def test_an_image_declaring_huge_dimensions_is_refused(qtbot, server, make_fetcher, seed):
    fetcher = make_fetcher("bigdims", server=server)
    with qtbot.waitSignal(fetcher.imageFailed, timeout=5000) as blocker:
        fetcher.fetch(seed)
    assert "too large to show (30000 × 30000 pixels)" in blocker.args[1]


def test_decode_refuses_bombs_and_garbage(qapp) -> None:
    assert decode_image(png_declaring(30_000, 10))[0] is None
    image, reason = decode_image(png_declaring(10_000, 10_000))
    assert image is None and "too large" in reason
    assert decode_image(b"")[1] == "The file is not an image."
    assert decode_image(b"/* XPM */\nstatic char *x[] = {};")[1] == "The file is not an image."
    image, _ = decode_image(encode(make_image(30, 20), "PNG"))
    assert image is not None and image.size().toTuple() == (30, 20)


def test_a_local_copy_beside_the_record_is_preferred(qtbot, server, make_fetcher, seed) -> None:
    Path(seed.path or "").with_name(FILENAME).write_bytes(encode(make_image(120, 90), "PNG"))
    fetcher = make_fetcher("ok", server=server)
    with qtbot.waitSignal(fetcher.imageReady, timeout=5000) as blocker:
        fetcher.fetch(seed)
    assert blocker.args[1].size().toTuple() == (120, 90)
    assert server.hits["ok"] == 0


def test_a_local_copy_in_images_named_by_figid(qtbot, server, make_fetcher, seed) -> None:
    images = Path(seed.path or "").parent / "images"
    images.mkdir()
    (images / f"{seed.figid}.png").write_bytes(encode(make_image(64, 48), "PNG"))
    fetcher = make_fetcher("ok", server=server)
    fetcher.set_offline(True)
    with qtbot.waitSignal(fetcher.imageReady, timeout=5000) as blocker:
        fetcher.fetch(seed)
    assert blocker.args[1].size().toTuple() == (64, 48)
    assert server.hits["ok"] == 0


def test_a_damaged_local_copy_falls_back_to_the_download(qtbot, server, make_fetcher, seed):
    Path(seed.path or "").with_name(FILENAME).write_bytes(b"not really a jpeg")
    fetcher = make_fetcher("ok", server=server)
    with qtbot.waitSignal(fetcher.imageReady, timeout=5000):
        fetcher.fetch(seed)
    assert server.hits["ok"] == 1


def test_offline_makes_no_request(qtbot, server, make_fetcher, seed) -> None:
    fetcher = make_fetcher("ok", server=server)
    fetcher.set_offline(True)
    with qtbot.waitSignal(fetcher.imageFailed, timeout=5000) as blocker:
        fetcher.fetch(seed)
    assert blocker.args[1] == "No local copy and the viewer is offline."
    assert sum(server.hits.values()) == 0


def test_sources_are_tried_in_order(qtbot, server, make_fetcher, seed) -> None:
    fetcher = make_fetcher("missing", "html", "ok", server=server)
    with qtbot.waitSignal(fetcher.imageReady, timeout=5000):
        fetcher.fetch(seed)
    assert (server.hits["missing"], server.hits["html"], server.hits["ok"]) == (1, 1, 1)


def test_every_failure_is_explained(qtbot, server, make_fetcher, seed) -> None:
    fetcher = make_fetcher("missing", "html", server=server)
    with qtbot.waitSignal(fetcher.imageFailed, timeout=5000) as blocker:
        fetcher.fetch(seed)
    assert blocker.args[1] == (
        "127.0.0.1 has no copy of this figure (HTTP 404)."
        " 127.0.0.1 sent a web page instead of the figure."
    )


def test_a_redirect_to_plain_http_is_not_followed(qtbot, server, make_fetcher, seed) -> None:
    fetcher = make_fetcher("redirect", server=server)
    with qtbot.waitSignal(fetcher.imageFailed, timeout=5000) as blocker:
        fetcher.fetch(seed)
    assert "not https" in blocker.args[1]
    assert server.hits["ok"] == 0


def test_a_record_without_image_ids_needs_no_network(qtbot, server, make_fetcher, tmp_path):
    bare = parse_record(b"---\nfigid: X1\n---\n", "x.md", None)
    fetcher = make_fetcher("ok", server=server)
    with qtbot.waitSignal(fetcher.imageFailed, timeout=5000) as blocker:
        fetcher.fetch(bare)
    assert blocker.args[1].startswith("No local copy, and the record names no PMC image")
    assert sum(server.hits.values()) == 0


def test_a_newer_fetch_supersedes_the_stalled_one(
    qtbot, server, make_fetcher, seed, tmp_path
) -> None:
    second = other_record(tmp_path)
    Path(second.path or "").with_name("other.jpg").write_bytes(encode(make_image(50, 40), "PNG"))
    fetcher = make_fetcher("stall", server=server, timeout=1.0)
    answers = Answers(fetcher)
    fetcher.fetch(seed)
    assert fetcher.busy
    qtbot.waitUntil(lambda: server.hits["stall"] == 1, timeout=3000)
    with qtbot.waitSignal(fetcher.idle, timeout=5000):
        fetcher.fetch(second)
    # Longer than the first request's timeout: its failure must never be reported.
    qtbot.wait(1500)
    assert [figid for figid, _ in answers.ready] == [second.figid]
    assert answers.failed == []


def test_going_offline_stops_a_download(qtbot, server, make_fetcher, seed) -> None:
    fetcher = make_fetcher("stall", server=server, timeout=5.0)
    fetcher.fetch(seed)
    qtbot.waitUntil(lambda: server.hits["stall"] == 1, timeout=3000)
    with qtbot.waitSignal(fetcher.imageFailed, timeout=2000) as blocker:
        fetcher.set_offline(True)
    assert "offline" in blocker.args[1]


# -- the view ----------------------------------------------------------------------------


@pytest.fixture
def make_view(qtbot, make_fetcher) -> Callable[..., FigureImageView]:
    def factory(*modes: str, server: ImageServer, **kwargs: object) -> FigureImageView:
        view = FigureImageView(fetcher=make_fetcher(*modes, server=server, **kwargs))
        qtbot.addWidget(view)
        view.resize(500, 400)
        view.show()
        qtbot.waitExposed(view)
        return view

    return factory


def test_view_shows_loading_then_the_fitted_image(qtbot, server, make_view, seed) -> None:
    view = make_view("ok", server=server)
    with qtbot.waitSignal(view.fetcher.idle, timeout=5000):
        view.show_record(seed)
        assert view.message() == LOADING and not view.showing_image
    assert view.showing_image
    image = view.image()
    assert image is not None and image.size().toTuple() == (WIDTH, HEIGHT)
    fit = view.canvas.zoom
    assert 0.3 < fit < 1.0
    # The whole figure is visible and centred.
    shown = view.canvas.mapFromScene(view.canvas.sceneRect()).boundingRect()
    viewport = view.canvas.viewport().rect()
    assert viewport.contains(shown)
    assert abs(shown.center().x() - viewport.center().x()) <= 2


def test_view_zoom_keys_actions_and_resize(qtbot, server, make_view, seed) -> None:
    view = make_view("ok", server=server)
    with qtbot.waitSignal(view.fetcher.idle, timeout=5000):
        view.show_record(seed)
    canvas = view.canvas
    fit = canvas.zoom
    view.actual_size()
    assert canvas.zoom == pytest.approx(1.0)
    view.zoom_in()
    assert canvas.zoom == pytest.approx(1.25)
    view.zoom_out()
    view.zoom_out()
    assert canvas.zoom == pytest.approx(0.8)
    view.fit()
    assert canvas.zoom == pytest.approx(fit)
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_1)
    assert canvas.zoom == pytest.approx(1.0)
    qtbot.keyClick(canvas, Qt.Key.Key_Plus)
    assert canvas.zoom == pytest.approx(1.25)
    qtbot.keyClick(canvas, Qt.Key.Key_Equal)
    qtbot.keyClick(canvas, Qt.Key.Key_Minus)
    assert canvas.zoom == pytest.approx(1.25)
    qtbot.keyClick(canvas, Qt.Key.Key_0)
    assert canvas.zoom == pytest.approx(fit) and canvas.fit_mode
    # In fit mode a larger panel shows the figure larger (up to 100 %).
    view.resize(700, 560)
    qtbot.waitUntil(lambda: canvas.zoom > fit * 1.2)
    assert view.fit_action.isEnabled()


def test_wheel_zooms_around_the_cursor(qtbot, server, make_view, seed) -> None:
    view = make_view("ok", server=server)
    with qtbot.waitSignal(view.fetcher.idle, timeout=5000):
        view.show_record(seed)
    canvas = view.canvas
    view.actual_size()
    at = QPointF(120, 90)
    before = canvas.mapToScene(at.toPoint())
    event = QWheelEvent(
        at,
        QPointF(canvas.viewport().mapToGlobal(at.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(canvas.viewport(), event)
    assert canvas.zoom == pytest.approx(1.25)
    after = canvas.mapToScene(at.toPoint())
    assert abs(after.x() - before.x()) <= 2 and abs(after.y() - before.y()) <= 2
    assert not canvas.fit_mode


def test_view_offline_shows_the_reason_and_the_pmc_button(qtbot, server, make_view, seed):
    view = make_view("ok", server=server)
    view.set_offline(True)
    with qtbot.waitSignal(view.fetcher.idle, timeout=5000):
        view.show_record(seed)
    assert not view.showing_image
    assert view.message() == "No local copy and the viewer is offline."
    assert view.pmc_button.isVisible()
    assert sum(server.hits.values()) == 0
    # Back online, the figure that failed is fetched again.
    with qtbot.waitSignal(view.fetcher.imageReady, timeout=5000):
        view.set_offline(False)
    assert view.showing_image and server.hits["ok"] == 1


def test_view_uses_the_image_base_from_the_environment(qtbot, server, seed, monkeypatch):
    monkeypatch.setenv(IMAGE_BASE_ENV, server.source("jpeg"))
    view = FigureImageView()
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.fetcher.imageReady, timeout=5000):
        view.show_record(seed)
    assert server.hits["jpeg"] == 1 and view.showing_image
    view.show_record(None)
    assert view.message() == "No figure selected." and not view.pmc_button.isVisibleTo(view)
    view.fetcher.pool.waitForDone(5000)


def test_placeholder_text_is_plain_text(qtbot, server, make_view, seed) -> None:
    view = make_view("ok", server=server)
    view.set_offline(True)
    with qtbot.waitSignal(view.fetcher.idle, timeout=5000):
        view.show_record(seed)
    view.fetcher.imageFailed.emit(seed.figid, "<b>bold</b> <img src='file:///etc/x.png'>")
    assert view.message_label.textFormat() == Qt.TextFormat.PlainText
    assert view.message_label.text() == "<b>bold</b> <img src='file:///etc/x.png'>"
    # An answer for another figure does not touch the panel.
    view.fetcher.imageFailed.emit("PMC1__elsewhere", "other")
    assert view.message().startswith("<b>bold</b>")


def test_pmc_button_opens_the_figure_page(qtbot, server, make_view, seed, opened_urls) -> None:
    view = make_view("ok", server=server)
    view.set_offline(True)
    with qtbot.waitSignal(view.fetcher.idle, timeout=5000):
        view.show_record(seed)
    qtbot.mouseClick(view.pmc_button, Qt.MouseButton.LeftButton)
    assert opened_urls == ["https://www.ncbi.nlm.nih.gov/pmc/articles/PMC1584297/figure/F9/"]


def test_pmc_button_is_hidden_without_a_checked_figlink(qtbot, server, make_view) -> None:
    view = make_view("ok", server=server)
    view.set_offline(True)
    record = parse_record(b"---\nfigid: X2\nfiglink: 'javascript:alert(1)'\n---\n", "x.md", None)
    with qtbot.waitSignal(view.fetcher.idle, timeout=5000):
        view.show_record(record)
    assert not view.pmc_button.isVisible()
    assert not view.open_pmc_figure()
