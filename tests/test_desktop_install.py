"""``pathway-viewer --install-desktop`` / ``--uninstall-desktop`` in a temporary XDG data home.

The MIME look-ups go through ``xdg-mime`` (which outside GNOME and KDE reads the database with
``mimetype`` from libfile-mimeinfo-perl) and through GLib's ``gio``; each is skipped where the
tool is missing. ``make test`` installs the Debian packages these tests use.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from corpus import SEED

from viewer import desktop_install
from viewer.desktop_install import desktop_entry, exec_argument, launcher
from viewer.locations import APP_ID

ROOT = Path(__file__).resolve().parent.parent
OUR_TYPE = "text/x-pfocr-figure"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
TEMPLATE = (ROOT / "resources" / "linux" / f"{APP_ID}.desktop").read_text(encoding="utf-8")

BLOCK_QT = """
import sys
class BlockQt:
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6" or name.startswith("PySide6."):
            raise ImportError("PySide6 is unavailable in this test")
sys.meta_path.insert(0, BlockQt())
from viewer.cli import main
sys.exit(main(sys.argv[1:]))
"""


def expected_files(home: Path) -> set[Path]:
    """Where the Desktop Entry, shared-mime-info and Icon Theme specs say the files go."""
    icons = home / "icons" / "hicolor"
    files = {
        home / "applications" / f"{APP_ID}.desktop",
        home / "mime" / "packages" / f"{APP_ID}.xml",
        icons / "scalable" / "apps" / f"{APP_ID}.svg",
    }
    files |= {icons / f"{n}x{n}" / "apps" / f"{APP_ID}.png" for n in SIZES}
    return files


def cli(home: Path, *args: str, path: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the command line with PySide6 made unimportable and ``XDG_DATA_HOME=home``."""
    env = {**os.environ, "XDG_DATA_HOME": str(home)}
    if path is not None:
        env["PATH"] = path
    return subprocess.run(
        [sys.executable, "-c", BLOCK_QT, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data home the viewer was installed into, without Qt, through the command line."""
    home = tmp_path_factory.mktemp("data-home")
    result = cli(home, "--install-desktop")
    assert result.returncode == 0, result.stderr
    assert not result.stderr
    return home


def test_install_puts_files_where_the_specs_say(installed: Path) -> None:
    for path in expected_files(installed):
        assert path.is_file(), path
    shipped = ROOT / "resources" / "icons" / "hicolor" / "48x48" / "apps" / f"{APP_ID}.png"
    copied = installed / "icons" / "hicolor" / "48x48" / "apps" / f"{APP_ID}.png"
    assert copied.read_bytes() == shipped.read_bytes()


def test_installed_entry_runs_this_installation(installed: Path) -> None:
    text = (installed / "applications" / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    program = launcher()
    assert program is not None  # the test venv has its `pathway-viewer` beside its python
    assert f"TryExec={program}\n" in text
    assert f"Exec={program} %F\n" in text or f'Exec="{program}" %F\n' in text
    assert text.replace(f"TryExec={program}\n", "").count(program) == 1


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="no desktop-file-utils")
def test_installed_entry_validates(installed: Path) -> None:
    entry = installed / "applications" / f"{APP_ID}.desktop"
    result = subprocess.run(
        ["desktop-file-validate", str(entry)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout


@pytest.mark.skipif(shutil.which("update-mime-database") is None, reason="no shared-mime-info")
def test_install_refreshes_the_mime_database(installed: Path) -> None:
    assert OUR_TYPE in (installed / "mime" / "types").read_text().split()
    assert "*.pfocr.md" in (installed / "mime" / "globs2").read_text()


@pytest.mark.skipif(shutil.which("update-desktop-database") is None, reason="no desktop-file-utils")
def test_install_offers_the_viewer_in_open_with(installed: Path) -> None:
    cache = (installed / "applications" / "mimeinfo.cache").read_text(encoding="utf-8")
    assert f"{OUR_TYPE}={APP_ID}.desktop;" in cache
    assert f"text/markdown={APP_ID}.desktop;" in cache


def records(folder: Path) -> dict[str, str]:
    """Sample files, named ``{expected type}…``, for the MIME look-up tests."""
    folder.mkdir(exist_ok=True)
    seed = SEED.read_bytes()
    samples = {
        "x.pfocr.md": (seed, OUR_TYPE),  # by name
        "PMC1584297__neo0809_0733_fig009": (seed, OUR_TYPE),  # by content: no extension
        "crlf-record": (b"---\r\nfigid: PMC1\r\n---\r\n", OUR_TYPE),
        # A name ending in .md is Markdown before anything else (globs win over content, as the
        # shared-mime-info spec says); the desktop file lists text/markdown for those.
        "x.md": (seed, "text/markdown"),
        "notes.md": (b"# Notes\n", "text/markdown"),
    }
    for name, (content, _) in samples.items():
        (folder / name).write_bytes(content)
    return {name: expected for name, (_, expected) in samples.items()}


def mime_env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "KDE_", "GNOME_"))}
    env.pop("DESKTOP_SESSION", None)
    system = os.environ.get("XDG_DATA_DIRS") or "/usr/local/share:/usr/share"
    return {**env, "XDG_DATA_HOME": str(home), "XDG_DATA_DIRS": system, **extra}


@pytest.mark.skipif(shutil.which("xdg-mime") is None, reason="no xdg-utils")
def test_xdg_mime_maps_records_to_our_type(installed: Path, tmp_path: Path) -> None:
    if shutil.which("mimetype") is None:
        pytest.skip("xdg-mime without a desktop needs `mimetype` (libfile-mimeinfo-perl)")
    for name, expected in records(tmp_path).items():
        result = subprocess.run(
            ["xdg-mime", "query", "filetype", str(tmp_path / name)],
            capture_output=True,
            text=True,
            env=mime_env(installed),
            check=False,
        )
        assert result.stdout.strip() == expected, (name, result.stdout, result.stderr)


@pytest.mark.skipif(shutil.which("gio") is None, reason="no gio (GLib)")
def test_gio_maps_records_to_our_type(installed: Path, tmp_path: Path) -> None:
    for name, expected in records(tmp_path).items():
        result = subprocess.run(
            ["gio", "info", "--attributes=standard::content-type", str(tmp_path / name)],
            capture_output=True,
            text=True,
            env=mime_env(installed, GIO_USE_VFS="local"),
            check=False,
        )
        assert f"standard::content-type: {expected}\n" in result.stdout, (name, result.stderr)


def test_uninstall_removes_exactly_what_install_added(tmp_path: Path) -> None:
    home = tmp_path / "share"
    foreign = [
        home / "applications" / "other.desktop",
        home / "icons" / "hicolor" / "48x48" / "apps" / "other.png",
        home / "mime" / "packages" / "other.xml",
    ]
    for path in foreign:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"not ours")
    assert cli(home, "--install-desktop").returncode == 0
    result = cli(home, "--uninstall-desktop")
    assert result.returncode == 0, result.stderr
    for path in expected_files(home):
        assert not path.exists(), path
        assert f"removed {path}" in result.stdout
    for path in foreign:
        assert path.read_bytes() == b"not ours"
    assert not (home / "icons" / "hicolor" / "512x512").exists()  # emptied folders go too
    if shutil.which("update-mime-database"):
        assert OUR_TYPE not in (home / "mime" / "types").read_text()
    # Nothing left to remove: still a success.
    assert cli(home, "--uninstall-desktop").returncode == 0


def test_install_without_the_database_tools(tmp_path: Path) -> None:
    home = tmp_path / "share"
    empty = tmp_path / "bin"
    empty.mkdir()
    result = cli(home, "--install-desktop", path=str(empty))
    assert result.returncode == 0, result.stderr
    assert "skipped update-mime-database (not installed)" in result.stdout
    assert "skipped update-desktop-database (not installed)" in result.stdout
    assert expected_files(home) <= set(home.rglob("*"))


@pytest.mark.skipif(shutil.which("gtk-update-icon-cache") is None, reason="no GTK icon cache")
def test_an_existing_icon_cache_is_refreshed_and_none_is_started(tmp_path: Path) -> None:
    said: list[str] = []
    fresh = tmp_path / "fresh"
    assert desktop_install.install(fresh, say=said.append) == 0
    assert not (fresh / "icons" / "hicolor" / "icon-theme.cache").exists()
    cached = tmp_path / "cached"
    hicolor = cached / "icons" / "hicolor"
    make_program(hicolor / "48x48" / "apps" / "other.png")  # a cache is only made for icons
    subprocess.run(["gtk-update-icon-cache", "-q", "-t", "-f", str(hicolor)], check=True)
    assert (hicolor / "icon-theme.cache").exists()
    said.clear()
    assert desktop_install.install(cached, say=said.append) == 0
    assert any(line.startswith("ran gtk-update-icon-cache") for line in said), said


def test_cli_rejects_files_and_both_flags(tmp_path: Path) -> None:
    assert cli(tmp_path, "--install-desktop", str(SEED)).returncode == 2
    assert cli(tmp_path, "--install-desktop", "--uninstall-desktop").returncode == 2
    assert not any(tmp_path.iterdir())


STRING_ESCAPES = {"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}


def unquote_exec(line: str) -> list[str]:
    """Read an ``Exec=`` line back the way the Desktop Entry spec says a launcher does."""
    chars = iter(line.removeprefix("Exec="))
    value = "".join(STRING_ESCAPES.get(next(chars), "?") if c == "\\" else c for c in chars)
    args: list[str] = []
    current: list[str] | None = None
    quoted = iter(value)
    for c in quoted:  # then the quoting: "..." with \" \` \$ \\ escaped inside
        if c == '"':
            current = current or []
            for q in quoted:
                if q == '"':
                    break
                current.append(next(quoted) if q == "\\" else q)
        elif c == " ":
            if current is not None:
                args.append("".join(current))
            current = None
        else:
            current = [*(current or []), c]
    if current is not None:
        args.append("".join(current))
    return [arg.replace("%%", "%") for arg in args]


@pytest.mark.parametrize(
    "program",
    [
        "/opt/viewer/bin/pathway-viewer",
        "/home/a b/.venv/bin/pathway-viewer",
        '/tmp/we$ird "dir"/back\\slash/100%/pathway-viewer',
    ],
)
def test_exec_line_names_any_path(program: str, tmp_path: Path) -> None:
    text = desktop_entry(TEMPLATE, program)
    (exec_line,) = [line for line in text.splitlines() if line.startswith("Exec=")]
    assert unquote_exec(exec_line) == [program, "%F"]
    assert exec_argument(program).startswith('"') == (" " in program or "$" in program)
    if shutil.which("desktop-file-validate"):
        entry = tmp_path / f"{APP_ID}.desktop"
        entry.write_text(text, encoding="utf-8")
        result = subprocess.run(
            ["desktop-file-validate", str(entry)], capture_output=True, text=True, check=False
        )
        assert result.returncode == 0 and not result.stdout.strip(), result.stdout


def test_exec_line_unchanged_without_a_launcher() -> None:
    assert desktop_entry(TEMPLATE, None) == TEMPLATE
    assert desktop_entry(TEMPLATE, "/bad\npath") == TEMPLATE


def make_program(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def test_launcher_is_found_from_argv_venv_path_or_bundle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python" / "bin" / "python3"))
    monkeypatch.setattr(sys, "argv", ["/usr/lib/python3/viewer/__main__.py"])
    assert launcher() is None
    on_path = make_program(tmp_path / "path-bin" / "pathway-viewer")
    monkeypatch.setenv("PATH", str(on_path.parent))
    assert launcher() == str(on_path)
    beside = make_program(tmp_path / "python" / "bin" / "pathway-viewer")
    assert launcher() == str(beside)  # `python -m viewer` in a venv: that venv's launcher
    argv0 = make_program(tmp_path / "pipx" / "pathway-viewer")
    monkeypatch.setattr(sys, "argv", [str(argv0)])
    assert launcher() == str(argv0)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert launcher() == sys.executable  # a PyInstaller bundle runs itself
