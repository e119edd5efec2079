"""Add the viewer to the current user's desktop, or take it out again (no Qt here).

``pathway-viewer --install-desktop`` copies the shipped desktop file, MIME type and icons to
where the freedesktop.org specifications look for a user's own (under ``$XDG_DATA_HOME``,
by default ``~/.local/share``):

- ``applications/org.wikipathways.PathwayFigureViewer.desktop`` (Desktop Entry spec), with
  ``Exec=`` naming this installation's ``pathway-viewer`` by its absolute path when it can be
  found, so the menu entry works even when that folder is not on the desktop session's PATH;
- ``mime/packages/org.wikipathways.PathwayFigureViewer.xml`` (shared-mime-info spec);
- ``icons/hicolor/scalable/apps/….svg`` and ``icons/hicolor/{N}x{N}/apps/….png`` (Icon Theme
  spec).

Then it refreshes the MIME and desktop-file databases with ``update-mime-database`` and
``update-desktop-database`` where those tools exist, so the viewer shows in the applications
menu and in "Open with". ``--uninstall-desktop`` removes exactly those files and refreshes again.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from viewer.data_files import data_dir
from viewer.locations import APP_ID

COMMAND = "pathway-viewer"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
# Characters the Desktop Entry spec reserves in an Exec argument (the argument must be quoted).
_EXEC_RESERVED = frozenset(" \t\n\"'\\><~|&;$*?#()`")
_TOOL_TIMEOUT_S = 60

Say = Callable[[str], None]


def data_home() -> Path:
    """``$XDG_DATA_HOME``, or ``~/.local/share`` when it is unset or not absolute."""
    base = os.environ.get("XDG_DATA_HOME")
    # The XDG Base Directory spec says a relative value is invalid and must be ignored.
    return Path(base) if base and os.path.isabs(base) else Path.home() / ".local" / "share"


def shipped_files(home: Path) -> list[tuple[Path, Path]]:
    """``(source, target)`` for every file the install puts under ``home``."""
    resources = data_dir("resources")
    linux = resources / "linux"
    icons = resources / "icons"
    hicolor = home / "icons" / "hicolor"
    pairs = [
        (linux / f"{APP_ID}.desktop", home / "applications" / f"{APP_ID}.desktop"),
        (linux / f"{APP_ID}.xml", home / "mime" / "packages" / f"{APP_ID}.xml"),
        (icons / f"{APP_ID}.svg", hicolor / "scalable" / "apps" / f"{APP_ID}.svg"),
    ]
    for size in ICON_SIZES:
        folder = Path("hicolor") / f"{size}x{size}" / "apps"
        pairs.append((icons / folder / f"{APP_ID}.png", home / "icons" / folder / f"{APP_ID}.png"))
    return pairs


def launcher() -> str | None:
    """The absolute path of the program that runs this installation of the viewer, if known."""
    if getattr(sys, "frozen", False):  # a PyInstaller bundle: its executable is the launcher
        return os.path.abspath(sys.executable)
    candidates = []
    if sys.argv and Path(sys.argv[0]).name == COMMAND:
        candidates.append(sys.argv[0])
    # `python -m viewer` from a virtual environment: that environment's own launcher.
    candidates.append(str(Path(sys.executable).parent / COMMAND))
    candidates.append(shutil.which(COMMAND) or "")
    for candidate in candidates:
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return os.path.abspath(candidate)
    return None


def exec_argument(program: str) -> str:
    """``program`` as one argument of a desktop file's ``Exec=`` value, quoted and escaped."""
    arg = program.replace("%", "%%")
    if any(c in _EXEC_RESERVED for c in arg):
        escaped = "".join("\\" + c if c in '"`$\\' else c for c in arg)
        arg = f'"{escaped}"'
    # Exec is a string value, whose own escaping doubles every backslash once more.
    return arg.replace("\\", "\\\\")


def desktop_entry(template: str, program: str | None) -> str:
    """The shipped desktop file with ``Exec=`` (and ``TryExec=``) naming ``program``.

    Without ``program`` the entry keeps ``Exec=pathway-viewer %F``, found on PATH. With one, a
    ``TryExec=`` line hides the menu entry (instead of leaving a broken one) once that program
    is deleted, e.g. with the virtual environment it lived in.
    """
    if program is None or any(ord(c) < 32 for c in program):
        return template
    lines = []
    for line in template.splitlines():
        if line.startswith("Exec="):
            rest = line.removeprefix("Exec=").split(maxsplit=1)[1:]
            command = " ".join([exec_argument(program), *rest])
            lines.append(f"TryExec={program.replace(chr(92), chr(92) * 2)}")
            lines.append(f"Exec={command}")
        elif not line.startswith("TryExec="):
            lines.append(line)
    return "\n".join(lines) + "\n"


def _run_tool(argv: list[str], say: Say) -> None:
    """Run a database refresher when it is installed; report what happened."""
    if shutil.which(argv[0]) is None:
        say(f"skipped {argv[0]} (not installed)")
        return
    try:
        result = subprocess.run(
            argv, capture_output=True, text=True, timeout=_TOOL_TIMEOUT_S, check=False
        )
    except (OSError, subprocess.SubprocessError) as exc:
        say(f"warning: {argv[0]} failed: {exc}")
        return
    # update-mime-database reports a package it cannot parse but still exits 0.
    problems = [
        line for line in result.stderr.splitlines() if "fail" in line.lower() or "error" in line
    ]
    if result.returncode != 0 or problems:
        detail = "; ".join(problems or result.stderr.strip().splitlines()[-1:]) or "no details"
        say(f"warning: {' '.join(argv)} exited {result.returncode}: {detail}")
    else:
        say(f"ran {' '.join(argv)}")


def refresh(home: Path, say: Say = print) -> None:
    """Rebuild the user's MIME, desktop-file and (existing) icon caches under ``home``."""
    _run_tool(["update-mime-database", str(home / "mime")], say)
    _run_tool(["update-desktop-database", "-q", str(home / "applications")], say)
    hicolor = home / "icons" / "hicolor"
    if hicolor.is_dir():
        # The Icon Theme spec: touching the theme folder tells desktops its icons changed.
        os.utime(hicolor)
        # A cache someone else made must not go stale (GTK would miss our icon); without one
        # GTK reads the folders directly, so no new cache is started here.
        if (hicolor / "icon-theme.cache").exists():
            _run_tool(["gtk-update-icon-cache", "-q", "-t", "-f", str(hicolor)], say)


def _check_platform() -> str | None:
    if sys.platform in ("win32", "darwin"):
        return "desktop integration follows the freedesktop.org specs (Linux, the BSDs)"
    return None


def install(home: Path | None = None, say: Say = print) -> int:
    """Copy the desktop file, MIME type and icons under ``home``; return an exit status."""
    if problem := _check_platform():
        print(f"error: {problem}", file=sys.stderr)
        return 2
    home = home or data_home()
    pairs = shipped_files(home)
    missing = [str(source) for source, _ in pairs if not source.is_file()]
    if missing:
        print(f"error: this installation lacks {', '.join(missing)}", file=sys.stderr)
        return 1
    program = launcher()
    try:
        for source, target in pairs:
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.suffix == ".desktop":
                text = desktop_entry(source.read_text(encoding="utf-8"), program)
                target.write_text(text, encoding="utf-8")
            else:
                shutil.copyfile(source, target)
            say(f"installed {target}")
    except OSError as exc:
        print(f"error: cannot install: {exc}", file=sys.stderr)
        return 1
    if program is None:
        say(f"note: {COMMAND} was not found; the menu entry runs '{COMMAND}' from PATH")
    else:
        say(f"the menu entry runs {program}")
    refresh(home, say)
    return 0


def uninstall(home: Path | None = None, say: Say = print) -> int:
    """Remove what ``install`` put under ``home``; return an exit status."""
    if problem := _check_platform():
        print(f"error: {problem}", file=sys.stderr)
        return 2
    home = home or data_home()
    status = 0
    for _, target in shipped_files(home):
        try:
            target.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            print(f"error: cannot remove {target}: {exc}", file=sys.stderr)
            status = 1
            continue
        say(f"removed {target}")
        _prune_empty(target.parent, stop=home / "icons" / "hicolor")
    refresh(home, say)
    return status


def _prune_empty(folder: Path, stop: Path) -> None:
    """Remove ``folder`` and its parents while they are empty, up to (not including) ``stop``."""
    while folder != stop and stop in folder.parents:
        try:
            folder.rmdir()
        except OSError:  # not empty (or not ours to remove): stop here
            return
        folder = folder.parent
