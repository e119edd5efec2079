"""Fetch a record's figure image without ever blocking the window.

Where to look comes from ``viewer.record.images``: a local copy beside the record first, then
the disk cache of earlier downloads, then each online source in order. Downloads run on a
``QNetworkAccessManager`` (asynchronous, in the GUI thread's event loop) with a transfer
timeout, a size cap and https-only redirects; file reading, decoding and cache writing run on
a private ``QThreadPool``. Everything downloaded is untrusted: it is decoded with an allocation
limit after a check of the declared dimensions, and failures become a plain-language reason.

Only the newest request matters: ``fetch`` for another record aborts the download in flight and
ignores late results of the old one (each request carries a token).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QObject,
    QRunnable,
    QThreadPool,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QImage, QImageReader
from PySide6.QtNetwork import QNetworkAccessManager, QNetworkReply, QNetworkRequest

from viewer import APP_NAME, __version__
from viewer.record.images import (
    image_cache_name,
    local_image_candidates,
    online_image_urls,
    source_name,
)
from viewer.record.model import FigureRecord
from viewer.ui import settings

MiB = 1024 * 1024
DEFAULT_TIMEOUT = 15.0
DEFAULT_MAX_BYTES = 20 * MiB
# Qt's own default, kept explicit: a decoded image may not take more memory than this.
ALLOCATION_LIMIT_MB = 256
# No real figure is this large; a header that says so is a decompression bomb or garbage.
MAX_SIDE = 20_000
MAX_REDIRECTS = 5
# Formats a figure comes in; the text-based ones Qt also reads (XPM, XBM, PBM…) and SVG are
# refused so that garbage is never "successfully" read as one of them.
ALLOWED_FORMATS = frozenset({"jpeg", "jpg", "png", "gif", "bmp", "tif", "tiff", "webp"})

NOT_AN_IMAGE = "The file is not an image."
OFFLINE = "No local copy and the viewer is offline."
OFFLINE_AFTER_LOCAL = "The viewer is offline, so no other copy was downloaded."
NOTHING_TO_DOWNLOAD = (
    "No local copy, and the record names no PMC image file that could be downloaded."
)
NO_DOWNLOAD_AFTER_LOCAL = "The record names no PMC image file that could be downloaded."


def _seconds(value: float) -> str:
    return f"{value:g} s"


def _size(count: int) -> str:
    if count >= MiB:
        return f"{round(count / MiB, 1):g} MiB"
    if count >= 1024:
        return f"{round(count / 1024)} KiB"
    return f"{count} bytes"


def decode_image(source: Path | bytes) -> tuple[QImage | None, str]:
    """Decode an untrusted image file or download; return the image, or ``None`` and why not.

    Safe to call off the GUI thread (``QImage`` and ``QImageReader`` are reentrant).
    """
    buffer: QBuffer | None = None
    if isinstance(source, Path):
        reader = QImageReader(str(source))
    else:
        buffer = QBuffer()
        buffer.setData(QByteArray(source))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        reader = QImageReader(buffer)
    # The name or Content-Type may lie; only the bytes decide the format.
    reader.setDecideFormatFromContent(True)
    reader.setAllocationLimit(ALLOCATION_LIMIT_MB)
    reader.setAutoTransform(True)
    if not reader.canRead():
        return None, NOT_AN_IMAGE
    if bytes(reader.format().data()).decode("ascii", "replace").lower() not in ALLOWED_FORMATS:
        return None, NOT_AN_IMAGE
    size = reader.size()
    if size.isValid():
        width, height = size.width(), size.height()
        if width <= 0 or height <= 0:
            return None, NOT_AN_IMAGE
        # Refused here rather than left to the allocation limit, which would also print a
        # Qt warning for every such image.
        if width > MAX_SIDE or height > MAX_SIDE or width * height * 4 > ALLOCATION_LIMIT_MB * MiB:
            return None, f"The image is too large to show ({width} × {height} pixels)."
    image = reader.read()
    if buffer is not None:
        buffer.close()
    if image.isNull():
        return None, f"{NOT_AN_IMAGE[:-1]}, or it is damaged."
    # Converting here, off the GUI thread, makes QPixmap.fromImage there a plain copy.
    wanted = (
        QImage.Format.Format_ARGB32_Premultiplied
        if image.hasAlphaChannel()
        else QImage.Format.Format_RGB32
    )
    if image.format() != wanted:
        image = image.convertToFormat(wanted)
    return image, ""


def _write_cache(path: Path, data: bytes) -> None:
    """Store a download in the cache: a temporary file renamed into place, so never half."""
    tmp_name = ""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            dir=path.parent, prefix=".", suffix=".part", delete=False
        ) as handle:
            tmp_name = handle.name
            handle.write(data)
        os.replace(tmp_name, path)
    except OSError:
        # The cache is a convenience: a full or read-only disk must not cost the image.
        if tmp_name:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


@dataclass
class _DiskResult:
    image: QImage | None = None
    found_local: bool = False
    reasons: list[str] = field(default_factory=list)


def _load_from_disk(candidates: Sequence[Path], cache_path: Path | None) -> _DiskResult:
    """Try the local copies, then the cache (runs off the GUI thread: files may be slow)."""
    result = _DiskResult()
    for path in candidates:
        try:
            if not path.is_file():
                continue
        except OSError:
            continue
        result.found_local = True
        image, reason = decode_image(path)
        if image is not None:
            result.image = image
            return result
        result.reasons.append(f"The local copy {path.name} could not be shown. {reason}")
    if cache_path is not None:
        with contextlib.suppress(OSError):
            if cache_path.is_file():
                image, _ = decode_image(cache_path)
                if image is not None:
                    result.image = image
                    return result
                # A damaged cache entry would fail forever; drop it and download again.
                cache_path.unlink()
    return result


def _decode_download(data: bytes, cache_path: Path | None) -> tuple[QImage | None, str]:
    """Decode downloaded bytes and, when they are an image, keep them in the cache."""
    image, reason = decode_image(data)
    if image is not None and cache_path is not None:
        _write_cache(cache_path, data)
    return image, reason


class _Relay(QObject):
    """Carries a worker's result back to the GUI thread (it lives there; emits are queued)."""

    done = Signal(int, str, object)


class _Task(QRunnable):
    """Runs one plain function on the pool and reports its result through the relay.

    ``latest`` is a one-item list shared with the fetcher, holding the newest request's token:
    a task that was superseded while it waited in the queue skips its work. (A list, not a
    reference to the fetcher, so a task never keeps the fetcher alive from a worker thread.)
    """

    def __init__(
        self, relay: _Relay, latest: list[int], token: int, kind: str, work: Callable[[], Any]
    ) -> None:
        super().__init__()
        self._relay = relay
        self._latest = latest
        self._token = token
        self._kind = kind
        self._work = work

    def run(self) -> None:
        if self._latest[0] != self._token:
            return
        try:
            result = self._work()
        except Exception as exc:  # garbage must never take the viewer down
            result = exc
        # The relay may be gone if the fetcher was deleted while this ran; nothing to tell.
        with contextlib.suppress(RuntimeError):
            self._relay.done.emit(self._token, self._kind, result)


@dataclass(eq=False)
class _Job:
    token: int
    record: FigureRecord
    urls: list[str]
    cache_path: Path | None
    found_local: bool = False
    local_reasons: list[str] = field(default_factory=list)
    net_reasons: list[str] = field(default_factory=list)
    url_index: int = -1
    reply: QNetworkReply | None = None
    data: bytearray = field(default_factory=bytearray)
    abort_reason: str | None = None


class ImageFetcher(QObject):
    """Finds, downloads and decodes figure images, one record at a time.

    ``imageReady(figid, image)`` or ``imageFailed(figid, reason)`` answers each ``fetch``
    that was not superseded; ``idle()`` follows when nothing is pending any more.
    """

    imageReady = Signal(str, QImage)
    imageFailed = Signal(str, str)
    idle = Signal()

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        max_bytes: int = DEFAULT_MAX_BYTES,
        sources: Sequence[str] | None = None,
        total_timeout: float | None = None,
        network: QNetworkAccessManager | None = None,
    ) -> None:
        """Set the limits; ``sources`` (base URLs) replaces the online sources, as in tests.

        ``timeout`` is how long a download may go without receiving anything;
        ``total_timeout`` (default eight times that) bounds a download that trickles.
        """
        super().__init__(parent)
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.total_timeout = total_timeout if total_timeout is not None else 8 * timeout
        self.sources = list(sources) if sources is not None else None
        self.offline = False
        # Created before the relay so that, as children are deleted in order, the pool
        # (whose destructor waits for its workers) goes first.
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self._relay = _Relay(self)
        self._relay.done.connect(self._on_task_done)
        self._network = network or QNetworkAccessManager(self)
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.timeout.connect(self._on_deadline)
        self._token = 0
        self._latest = [0]
        self._job: _Job | None = None

    @property
    def busy(self) -> bool:
        """Whether a fetch is pending (``idle`` is emitted when this turns false)."""
        return self._job is not None

    def set_offline(self, offline: bool) -> None:
        """Stop (or allow) downloads; local copies and the cache still serve when offline."""
        self.offline = offline
        job = self._job
        if offline and job is not None and job.reply is not None:
            self._abort(job, "offline")

    def fetch(self, record: FigureRecord | None) -> None:
        """Look for the image of ``record``, superseding any earlier request.

        The answer always comes later, as a signal, never from within this call.
        """
        current = self._job
        if record is None:
            self.cancel()
            return
        if current is not None and _same_image(current.record, record):
            return
        self._drop_current()
        self._token += 1
        self._latest[0] = self._token
        cache_path = self._cache_path(record)
        job = _Job(self._token, record, online_image_urls(record, self.sources), cache_path)
        self._job = job
        candidates = local_image_candidates(record)
        self._submit(job, "disk", partial(_load_from_disk, candidates, cache_path))

    def cancel(self) -> None:
        """Forget the pending request, if any (no answer will come for it)."""
        was_busy = self._job is not None
        self._drop_current()
        if was_busy:
            self.idle.emit()

    # -- steps of a request ------------------------------------------------------------

    def _cache_path(self, record: FigureRecord) -> Path | None:
        name = image_cache_name(record)
        if name is None:
            return None
        try:
            return settings.cache_dir() / "images" / name
        except OSError:
            return None

    def _submit(self, job: _Job, kind: str, work: Callable[[], Any]) -> None:
        self.pool.start(_Task(self._relay, self._latest, job.token, kind, work))

    def _on_task_done(self, token: int, kind: str, result: object) -> None:
        job = self._job
        if job is None or token != job.token:
            return  # a superseded request's late answer
        if isinstance(result, Exception):
            # An unexpected failure on one copy should not hide the others.
            job.net_reasons.append(f"The image could not be read ({type(result).__name__}).")
            self._next_source(job)
            return
        if kind == "disk":
            assert isinstance(result, _DiskResult)
            job.found_local = result.found_local
            job.local_reasons = result.reasons
            if result.image is not None:
                self._succeed(job, result.image)
            else:
                self._next_source(job)
            return
        image, reason = result  # type: ignore[misc]
        if image is not None:
            self._succeed(job, image)
            return
        job.net_reasons.append(
            f"{source_name(job.urls[job.url_index])} sent a file, but {_lower_first(reason)}"
        )
        self._next_source(job)

    def _next_source(self, job: _Job) -> None:
        if not job.urls:
            tail = NO_DOWNLOAD_AFTER_LOCAL if job.found_local else NOTHING_TO_DOWNLOAD
            self._fail(job, [*job.local_reasons, tail])
            return
        if self.offline:
            tail = OFFLINE_AFTER_LOCAL if job.found_local else OFFLINE
            self._fail(job, [*job.local_reasons, tail])
            return
        job.url_index += 1
        if job.url_index >= len(job.urls):
            self._fail(job, [*job.local_reasons, *job.net_reasons])
            return
        self._start_download(job)

    def _start_download(self, job: _Job) -> None:
        url = job.urls[job.url_index]
        request = QNetworkRequest(QUrl(url, QUrl.ParsingMode.StrictMode))
        request.setTransferTimeout(max(1, round(self.timeout * 1000)))
        # Each redirect is checked in _on_redirected: only https targets are followed.
        request.setAttribute(
            QNetworkRequest.Attribute.RedirectPolicyAttribute,
            QNetworkRequest.RedirectPolicy.UserVerifiedRedirectPolicy,
        )
        request.setMaximumRedirectsAllowed(MAX_REDIRECTS)
        request.setHeader(QNetworkRequest.KnownHeaders.UserAgentHeader, f"{APP_NAME}/{__version__}")
        request.setRawHeader(b"Accept", b"image/*")
        job.data = bytearray()
        job.abort_reason = None
        reply = self._network.get(request)
        job.reply = reply
        # Bound methods, not closures: a closure would keep this fetcher alive from inside
        # the reply, so it could end up deleted while Qt is still delivering the reply's
        # events. Each handler finds its request through sender().
        reply.metaDataChanged.connect(self._on_metadata)
        reply.readyRead.connect(self._on_ready_read)
        reply.redirected.connect(self._on_redirected)
        reply.finished.connect(self._on_finished)
        self._deadline.start(max(1, round(self.total_timeout * 1000)))

    def _current_reply(self) -> tuple[_Job, QNetworkReply] | None:
        """The request whose reply sent the signal being handled, if it is still current."""
        job, reply = self._job, self.sender()
        if job is None or job.reply is None or job.reply is not reply:
            return None
        return job, job.reply

    def _on_metadata(self) -> None:
        current = self._current_reply()
        if current is None:
            return
        job, reply = current
        length = reply.header(QNetworkRequest.KnownHeaders.ContentLengthHeader)
        # Stop before the body when the server says up front it is too large.
        if isinstance(length, int) and length > self.max_bytes:
            self._abort(job, self._too_large())

    def _on_ready_read(self) -> None:
        current = self._current_reply()
        if current is None or not current[1].isOpen():
            return
        job, reply = current
        job.data += bytes(reply.readAll().data())
        if len(job.data) > self.max_bytes:
            self._abort(job, self._too_large())

    def _on_redirected(self, target: QUrl) -> None:
        current = self._current_reply()
        if current is None:
            return
        job, reply = current
        if target.scheme() == "https":
            reply.redirectAllowed.emit()
        else:
            self._abort(
                job,
                f"{source_name(job.urls[job.url_index])} redirected to an address that is not"
                " https; it was not followed.",
            )

    def _on_deadline(self) -> None:
        job = self._job
        if job is not None and job.reply is not None:
            self._abort(
                job,
                f"{source_name(job.urls[job.url_index])} did not send the figure within"
                f" {_seconds(self.total_timeout)}; the download was stopped.",
            )

    def _on_finished(self) -> None:
        sender = self.sender()
        if isinstance(sender, QNetworkReply):
            sender.deleteLater()
        current = self._current_reply()
        if current is None:
            return  # aborted because superseded: nothing to report
        job, reply = current
        self._deadline.stop()
        job.reply = None
        name = source_name(job.urls[job.url_index])
        if job.abort_reason == "offline":
            self._next_source(job)
            return
        if job.abort_reason is not None:
            job.net_reasons.append(job.abort_reason)
            self._next_source(job)
            return
        error = reply.error()
        status = reply.attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute)
        if error == QNetworkReply.NetworkError.NoError:
            if reply.isOpen():
                job.data += bytes(reply.readAll().data())
            if len(job.data) > self.max_bytes:
                job.net_reasons.append(self._too_large())
                self._next_source(job)
                return
            content_type = str(reply.header(QNetworkRequest.KnownHeaders.ContentTypeHeader) or "")
            if _is_page(content_type):
                job.net_reasons.append(f"{name} sent a web page instead of the figure.")
                self._next_source(job)
                return
            data, job.data = bytes(job.data), bytearray()
            self._submit(job, "download", partial(_decode_download, data, job.cache_path))
            return
        job.net_reasons.append(self._error_reason(name, error, status, reply.errorString()))
        self._next_source(job)

    def _error_reason(
        self, name: str, error: QNetworkReply.NetworkError, status: object, detail: str
    ) -> str:
        errors = QNetworkReply.NetworkError
        if error in (errors.TimeoutError, errors.OperationCanceledError):
            return f"{name} did not answer within {_seconds(self.timeout)}."
        if isinstance(status, int) and status in (404, 410):
            return f"{name} has no copy of this figure (HTTP {status})."
        if isinstance(status, int) and status >= 400:
            return f"{name} answered with an error (HTTP {status})."
        if error == errors.TooManyRedirectsError:
            return f"{name} redirected too many times."
        if error in (errors.HostNotFoundError, errors.ConnectionRefusedError):
            return f"{name} could not be reached."
        return f"{name} could not be reached ({detail})."

    def _too_large(self) -> str:
        return f"The download was larger than {_size(self.max_bytes)} and was stopped."

    # -- endings -------------------------------------------------------------------------

    def _abort(self, job: _Job, reason: str) -> None:
        reply = job.reply
        if reply is None:
            return
        job.abort_reason = reason
        # finished is emitted from within abort(), and _on_finished takes it from there.
        reply.abort()

    def _drop_current(self) -> None:
        job, self._job = self._job, None
        self._latest[0] = 0  # no request is current: queued tasks skip their work
        self._deadline.stop()
        if job is not None and job.reply is not None:
            reply, job.reply = job.reply, None
            reply.abort()

    def _succeed(self, job: _Job, image: QImage) -> None:
        self._job = None
        self.imageReady.emit(job.record.figid, image)
        if self._job is None:
            self.idle.emit()

    def _fail(self, job: _Job, reasons: list[str]) -> None:
        self._job = None
        text = " ".join(r for r in reasons if r) or "The figure could not be found."
        self.imageFailed.emit(job.record.figid, text)
        if self._job is None:
            self.idle.emit()


def _is_page(content_type: str) -> bool:
    kind = content_type.split(";", 1)[0].strip().lower()
    return kind.startswith("text/") or kind in ("application/json", "application/xhtml+xml")


def _same_image(a: FigureRecord, b: FigureRecord) -> bool:
    return (a.figid, a.path, a.pmcid, a.filename) == (b.figid, b.path, b.pmcid, b.filename)


def _lower_first(sentence: str) -> str:
    return sentence[:1].lower() + sentence[1:]
