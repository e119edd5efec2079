"""One viewer per user: hand the files of a new launch to the viewer that is already running.

The running viewer listens on a local socket (``viewer.locations.instance_socket``; the Qt side
is ``viewer.ui.instance_server``). A new launch connects before it imports Qt, sends its files
and exits, so "Open with" in a file manager adds to the open window. The protocol is one JSON
object per line, both ways:

- request ``{"open": ["/absolute/path", ...]}`` (an empty list just raises the window);
- reply ``{"ok": true, "open": [paths of the records the window holds]}`` or
  ``{"ok": false, "error": "..."}``.

Nothing here needs a display, so the hand-over costs a few milliseconds.
"""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from viewer.locations import instance_socket

MAX_MESSAGE_BYTES = 1 << 20
MAX_FILES = 10_000
TIMEOUT_S = 5.0


class HandOverError(Exception):
    """A viewer answered but refused or garbled the request."""


def encode(message: dict[str, Any]) -> bytes:
    """One protocol line."""
    return json.dumps(message, ensure_ascii=True).encode("ascii") + b"\n"


def decode_request(line: bytes) -> list[str]:
    """The paths of an ``open`` request; ``ValueError`` with a reason when it is not one."""
    if len(line) > MAX_MESSAGE_BYTES:
        raise ValueError("request too large")
    try:
        message = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"not a JSON request: {exc}") from None
    paths = message.get("open") if isinstance(message, dict) else None
    if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
        raise ValueError('expected {"open": [paths]}')
    if len(paths) > MAX_FILES:
        raise ValueError(f"more than {MAX_FILES} files in one request")
    return paths


def hand_over(paths: Sequence[str | os.PathLike[str]], address: str | None = None) -> list[str]:
    """Send ``paths`` to the running viewer; return the paths its window holds.

    Raises ``ConnectionError`` (or another ``OSError``) when no viewer is listening, so the
    caller starts one, and ``HandOverError`` when a viewer answered with an error.
    """
    if not hasattr(socket, "AF_UNIX"):
        raise ConnectionError("single-instance hand-over needs Unix sockets")
    absolute = [str(Path(p).absolute()) for p in paths]
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
        client.settimeout(TIMEOUT_S)
        client.connect(address or instance_socket())
        client.sendall(encode({"open": absolute}))
        reply = _read_line(client)
    try:
        message = json.loads(reply.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise HandOverError("the running viewer sent a garbled reply") from None
    if not isinstance(message, dict) or message.get("ok") is not True:
        error = message.get("error") if isinstance(message, dict) else None
        raise HandOverError(str(error or "the running viewer refused the files"))
    held = message.get("open")
    return [p for p in held if isinstance(p, str)] if isinstance(held, list) else []


def _read_line(client: socket.socket) -> bytes:
    data = b""
    while b"\n" not in data:
        chunk = client.recv(65536)
        if not chunk:
            raise HandOverError("the running viewer closed the connection without replying")
        data += chunk
        if len(data) > MAX_MESSAGE_BYTES:
            raise HandOverError("the running viewer's reply is too large")
    return data.split(b"\n", 1)[0]
