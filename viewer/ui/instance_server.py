"""The running viewer's end of the single-instance socket: open what a new launch hands over.

See ``viewer.instance`` for the protocol and the client. The socket is private to the user
(``UserAccessOption``); a socket file left by a viewer that crashed is removed before listening.
"""

from __future__ import annotations

import socket

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from viewer.instance import MAX_MESSAGE_BYTES, TIMEOUT_S, decode_request, encode
from viewer.locations import instance_socket
from viewer.ui.window import MainWindow


def _someone_listens(address: str) -> bool:
    """Whether a live viewer answers on ``address`` (a stale socket file refuses)."""
    if not hasattr(socket, "AF_UNIX"):
        return False
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        probe.settimeout(1.0)
        try:
            probe.connect(address)
        except OSError:
            return False
    return True


class InstanceServer(QObject):
    """Listens for launches that hand their files over, and opens them in ``window``."""

    def __init__(self, window: MainWindow, address: str | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.address = address or instance_socket()
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytes] = {}

    def listen(self) -> bool:
        """Start listening; ``False`` when another live viewer already does."""
        # Ask first: with access options set, Qt binds a fresh socket and renames it over the
        # path, which would silently take the socket from a live viewer.
        if _someone_listens(self.address):
            return False
        QLocalServer.removeServer(self.address)  # a file left by a viewer that crashed
        return self.server.listen(self.address)

    def close(self) -> None:
        """Stop listening and remove the socket file."""
        self.server.close()

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            client = self.server.nextPendingConnection()
            self._buffers[client] = b""
            client.readyRead.connect(lambda c=client: self._read(c))
            client.disconnected.connect(lambda c=client: self._forget(c))
            # A client that never finishes its request is dropped.
            QTimer.singleShot(int(TIMEOUT_S * 1000), client, client.abort)

    def _forget(self, client: QLocalSocket) -> None:
        self._buffers.pop(client, None)
        client.deleteLater()

    def _read(self, client: QLocalSocket) -> None:
        if client not in self._buffers:
            return
        data = self._buffers[client] + bytes(client.readAll().data())
        if b"\n" not in data:
            if len(data) > MAX_MESSAGE_BYTES:
                self._reply(client, {"ok": False, "error": "request too large"})
            else:
                self._buffers[client] = data
            return
        line = data.split(b"\n", 1)[0]
        try:
            paths = decode_request(line)
        except ValueError as exc:
            self._reply(client, {"ok": False, "error": str(exc)})
            return
        if paths:
            self.window.open_paths(paths)
        self._bring_forward()
        self._reply(client, {"ok": True, "open": list(self.window.records)})

    def _reply(self, client: QLocalSocket, message: dict[str, object]) -> None:
        self._buffers.pop(client, None)
        client.write(encode(message))
        client.flush()
        client.disconnectFromServer()

    def _bring_forward(self) -> None:
        window = self.window
        if window.isMinimized():
            window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
        window.show()
        window.raise_()
        window.activateWindow()
