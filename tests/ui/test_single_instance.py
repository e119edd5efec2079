"""One viewer per user: a second launch hands its files to the running window."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from tests.corpus import FIGURES, SEED
from viewer.instance import HandOverError, hand_over
from viewer.ui.instance_server import InstanceServer
from viewer.ui.window import MainWindow

pytestmark = pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="needs Unix sockets")

OTHER = next(iter(sorted(FIGURES.glob("*.md"))))


@pytest.fixture
def short_dir():
    """A short folder for sockets: Unix socket paths must stay under about 100 bytes."""
    path = Path(tempfile.mkdtemp(prefix="pfv-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def viewer_env(tmp_path, short_dir):
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PATHWAY_VIEWER_CONFIG": str(tmp_path / "config"),
        "PATHWAY_VIEWER_CACHE": str(tmp_path / "cache"),
        "XDG_RUNTIME_DIR": str(short_dir),
    }


def socket_of(env: dict[str, str]) -> str:
    code = "from viewer.locations import instance_socket; print(instance_socket())"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    return out.stdout.strip()


def launch(env: dict[str, str], *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "viewer", "--offline", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def held_by(address: str, timeout: float = 30.0, want: Path | None = None) -> list[str]:
    """The records the viewer at ``address`` holds, once it answers (and holds ``want``)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            held = hand_over([], address)
        except (OSError, HandOverError):
            held = None
        if held is not None and (want is None or str(want.resolve()) in held):
            return held
        if time.monotonic() > deadline:
            raise AssertionError(f"no viewer holding {want} answered on {address}: {held}")
        time.sleep(0.2)


def stop(process: subprocess.Popen, sig: int = signal.SIGKILL) -> None:
    if process.poll() is None:
        process.send_signal(sig)
        process.wait(timeout=10)


def test_second_launch_opens_its_file_in_the_first_window(viewer_env) -> None:
    address = socket_of(viewer_env)
    first = launch(viewer_env, str(SEED))
    try:
        assert str(SEED.resolve()) in held_by(address, want=SEED)
        second = subprocess.run(
            [sys.executable, "-m", "viewer", str(OTHER)],
            env=viewer_env,
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert second.returncode == 0, second.stderr
        held = held_by(address, want=OTHER)
        assert str(OTHER.resolve()) in held and str(SEED.resolve()) in held
        assert first.poll() is None  # the first viewer runs on
    finally:
        stop(first)


def test_a_stale_socket_from_a_crashed_viewer_is_cleaned_up(viewer_env) -> None:
    address = socket_of(viewer_env)
    crashed = launch(viewer_env, str(SEED))
    held_by(address, want=SEED)
    stop(crashed, signal.SIGKILL)  # no chance to remove its socket file
    assert os.path.exists(address)
    with pytest.raises(ConnectionRefusedError):
        hand_over([], address)
    restarted = launch(viewer_env, str(OTHER))
    try:
        assert str(OTHER.resolve()) in held_by(address, want=OTHER)
    finally:
        stop(restarted)


def test_new_window_starts_a_second_viewer(viewer_env) -> None:
    address = socket_of(viewer_env)
    first = launch(viewer_env, str(SEED))
    held_by(address, want=SEED)
    second = launch(viewer_env, "--new-window", str(OTHER))
    try:
        time.sleep(3)
        assert second.poll() is None  # still running: it did not hand over and exit
        assert str(OTHER.resolve()) not in held_by(address)
    finally:
        stop(second)
        stop(first)


def _in_thread(work):
    result: dict[str, object] = {}

    def run() -> None:
        try:
            result["value"] = work()
        except Exception as exc:
            result["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    return thread, result


def test_server_opens_files_and_refuses_garbage(qtbot, short_dir) -> None:
    window = MainWindow(offline=True)
    qtbot.addWidget(window)
    address = str(short_dir / "s.sock")
    server = InstanceServer(window, address)
    assert server.listen()
    assert not InstanceServer(window, address).listen()  # one listener per socket

    thread, result = _in_thread(lambda: hand_over([SEED], address))
    qtbot.waitUntil(lambda: not thread.is_alive(), timeout=10_000)
    assert "error" not in result
    qtbot.waitUntil(lambda: str(SEED.resolve()) in window.records, timeout=10_000)

    def send_garbage() -> bytes:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.settimeout(5)
            client.connect(address)
            client.sendall(b'{"open": "not a list"}\n')
            return client.recv(4096)

    thread, result = _in_thread(send_garbage)
    qtbot.waitUntil(lambda: not thread.is_alive(), timeout=10_000)
    assert b'"ok": false' in result["value"]
    assert b"expected" in result["value"]
    server.close()
