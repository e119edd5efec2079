"""The ``pathway-viewer`` command: the GUI by default, and headless subcommands.

``check``, ``export`` (but its pictures), ``index`` and ``search`` use the Qt-free core only,
so they start fast and need no display.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from viewer import APP_NAME, __version__

if TYPE_CHECKING:
    from viewer.mechanism import Mechanism
    from viewer.record import FigureRecord

SUBCOMMANDS = ("check", "export", "index", "search", "enrich")
EXPORT_FORMATS = ("json", "tsv", "gmt", "sif", "graphml", "gpml", "cx2", "svg", "png")


def _check(args: argparse.Namespace) -> int:
    from viewer.record import RecordError, load_record
    from viewer.record.discover import iter_record_files

    failures = 0
    seen = 0
    for path in iter_record_files(args.paths):
        seen += 1
        try:
            record = load_record(path)
        except RecordError as exc:
            failures += 1
            print(exc.located(str(path)), flush=True)
            continue
        print(f"OK {path}")
        for warning in record.warnings:
            print(f"{path}: warning: {warning}")
    if seen == 0:
        print(f"{' '.join(args.paths)}: error: no record files found", file=sys.stderr)
        return 1
    if args.summary or seen > 1:
        print(f"{seen - failures} of {seen} records loaded, {failures} failed", file=sys.stderr)
    return 1 if failures else 0


def _export(args: argparse.Namespace) -> int:
    """Export records: one file or stdout, one file per record, or one file for all."""
    from viewer.export import FORMATS

    fmt = args.format
    out = None if args.output in (None, "-") else Path(args.output)
    many = len(args.paths) > 1 or any(Path(p).is_dir() for p in args.paths)
    combined = many and FORMATS.get(fmt) is not None and FORMATS[fmt].combine is not None
    if out is None and fmt in ("svg", "png"):
        print(f"error: --format {fmt} needs -o OUT", file=sys.stderr)
        return 2
    if out is None and many and not combined:
        print(f"error: --format {fmt} with several records needs -o FOLDER", file=sys.stderr)
        return 2
    if combined:
        return _export_combined(args.paths, fmt, out)
    return _export_each(args.paths, fmt, out, into_folder=many)


def _load_records(paths: Sequence[str], failed: list[str]) -> Iterator[FigureRecord]:
    """Yield the records under ``paths``, reporting (and noting) those that fail to load."""
    from viewer.record import RecordError, load_record
    from viewer.record.discover import iter_record_files

    for path in iter_record_files(paths):
        try:
            yield load_record(path)
        except RecordError as exc:
            failed.append(str(path))
            print(exc.located(str(path)), file=sys.stderr, flush=True)


def _export_combined(paths: Sequence[str], fmt: str, out: Path | None) -> int:
    """TSV or GMT of several records: one table or one set of gene sets for all of them."""
    from viewer.export import FORMATS, ExportError, write_export

    export = FORMATS[fmt]
    assert export.combine is not None
    failed: list[str] = []
    records = list(_load_records(paths, failed))
    if not records and not failed:
        print(f"{' '.join(paths)}: error: no record files found", file=sys.stderr)
        return 1
    text = export.combine(records)
    if out is None:
        sys.stdout.write(text)
    else:
        target = out / f"figures.{export.extension}" if out.is_dir() else out
        try:
            write_export(target, text)
        except ExportError as exc:
            print(exc, file=sys.stderr)
            return 1
    total = len(records) + len(failed)
    print(f"{len(records)} of {total} records exported, {len(failed)} failed", file=sys.stderr)
    return 1 if failed else 0


def _export_each(paths: Sequence[str], fmt: str, out: Path | None, *, into_folder: bool) -> int:
    """One file per record: to stdout or OUT for one record, else ``OUT/{figid}.{ext}``."""
    from viewer.export import FORMATS, PICTURE_FORMATS, ExportError, write_export

    export = FORMATS.get(fmt)
    extension = export.extension if export else PICTURE_FORMATS[fmt][0]
    if into_folder and out is not None:
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            print(f"{out}: error: cannot write: {exc.strerror or exc}", file=sys.stderr)
            return 1
    failed: list[str] = []
    used: set[str] = set()
    done = 0
    for record in _load_records(paths, failed):
        if export is not None and export.combine is not None:
            data: str | bytes = export.combine([record])  # gene tables and sets: no mechanism
        else:
            mechanism, note = _mechanism(record)
            data = (
                _picture(fmt, mechanism, note)
                if export is None
                else export.write(record, mechanism)
            )
        if out is None:
            sys.stdout.write(data if isinstance(data, str) else data.decode("utf-8"))
            done += 1
            continue
        target = out
        if into_folder or out.is_dir():
            target = out / _file_name(record.figid, extension, used)
        try:
            write_export(target, data)
        except ExportError as exc:
            failed.append(str(record.path))
            print(exc, file=sys.stderr, flush=True)
            continue
        done += 1
    if done == 0 and not failed:
        print(f"{' '.join(paths)}: error: no record files found", file=sys.stderr)
        return 1
    if into_folder:
        total = done + len(failed)
        print(f"{done} of {total} records exported, {len(failed)} failed", file=sys.stderr)
    return 1 if failed else 0


def _mechanism(record: FigureRecord) -> tuple[Mechanism, str]:
    """The record's curated mechanism when a usable sidecar is beside it, else the draft.

    Also gives the note pictures carry on where it comes from.
    """
    from viewer.mechanism.curated import mechanism_for
    from viewer.mechanism.provenance import provenance_note

    chosen = mechanism_for(record)
    for warning in chosen.warnings:
        print(warning, file=sys.stderr, flush=True)
    return chosen.mechanism, provenance_note(chosen.sidecar)


def _file_name(figid: str, extension: str, used: set[str]) -> str:
    """``{figid}.{ext}``, made safe as a file name and unique within one export."""
    stem = "".join(c if c.isalnum() or c in "._-" else "_" for c in figid).lstrip(".") or "figure"
    name, number = f"{stem}.{extension}", 1
    while name.lower() in used:
        number += 1
        name = f"{stem}-{number}.{extension}"
    used.add(name.lower())
    return name


def _picture(fmt: str, mechanism: Mechanism | None, note: str | None = None) -> bytes:
    """The mechanism canvas as SVG or PNG data, drawn without a display."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from viewer.ui.mechanism_render import ensure_app, png_bytes, svg_bytes

    ensure_app()
    return svg_bytes(mechanism, note) if fmt == "svg" else png_bytes(mechanism, note=note)


def _subcommand_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pathway-viewer", description=f"{APP_NAME} commands.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser(
        "check",
        help="load records and report errors",
        description="Load records "
        "(files, or folders searched recursively) and report one line per record.",
    )
    check.add_argument("paths", nargs="+", metavar="PATH")
    check.add_argument("--summary", action="store_true", help="print a count at the end")
    check.set_defaults(run=_check)
    export = commands.add_parser(
        "export",
        help="write records in another format",
        description="Write records (files, or folders searched recursively) in another format. "
        "One record goes to stdout or to OUT. Several records go into one file with "
        "--format tsv or gmt, else into the folder OUT, one {figid}.{ext} file each.",
    )
    export.add_argument("paths", nargs="+", metavar="PATH")
    export.add_argument("--format", "-f", choices=EXPORT_FORMATS, required=True)
    export.add_argument(
        "--output",
        "-o",
        metavar="OUT",
        help="output file, or folder for several records (default: stdout)",
    )
    export.set_defaults(run=_export)
    from viewer.collection.commands import add_commands

    add_commands(commands)  # index, search, enrich
    return parser


def _gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pathway-viewer",
        description=f"{APP_NAME}: open pathway figure records. Headless commands: "
        "'pathway-viewer check PATH...', 'pathway-viewer export PATH... --format FORMAT', "
        "'pathway-viewer index PATH...', 'pathway-viewer search PATH... QUERY', "
        "'pathway-viewer enrich PATH... --genes FILE'.",
    )
    parser.add_argument("files", nargs="*", metavar="FILE", help="records to open")
    parser.add_argument(
        "--screenshot", metavar="PNG", help="render the window to PNG (no display needed) and exit"
    )
    parser.add_argument("--size", metavar="WxH", help="window size, e.g. 1280x800")
    parser.add_argument(
        "--offline", action="store_true", default=None, help="never download figure images"
    )
    parser.add_argument(
        "--theme",
        choices=("system", "light", "dark"),
        help="appearance for this run (the View menu sets the lasting choice)",
    )
    parser.add_argument(
        "--new-window",
        action="store_true",
        help="start a new viewer even if one is running (by default the running one opens FILE)",
    )
    desktop = parser.add_mutually_exclusive_group()
    desktop.add_argument(
        "--install-desktop",
        action="store_true",
        help="add the viewer to your applications menu and 'Open with' (desktop file, "
        "file type, icons under $XDG_DATA_HOME) and exit",
    )
    desktop.add_argument(
        "--uninstall-desktop",
        action="store_true",
        help="remove what --install-desktop added and exit",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def parse_size(text: str) -> tuple[int, int]:
    """Read ``WxH`` (e.g. ``1280x800``)."""
    width, sep, height = text.lower().partition("x")
    if not sep or not width.isdigit() or not height.isdigit():
        raise ValueError(f"size must look like 1280x800, not {text!r}")
    return max(320, int(width)), max(240, int(height))


def _handed_over(files: Sequence[str]) -> bool:
    """Give ``files`` to the viewer already running, if there is one."""
    from viewer.instance import HandOverError, hand_over

    try:
        hand_over(files)
    except HandOverError as exc:
        print(f"error: the running viewer did not take the files: {exc}", file=sys.stderr)
        return False
    except OSError:  # no viewer is running (or none can be reached): start one
        return False
    return True


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    if getattr(sys, "frozen", False):  # the bundle: collection indexing spawns processes
        import multiprocessing

        multiprocessing.freeze_support()
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and args_list[0] in SUBCOMMANDS:
        args = _subcommand_parser().parse_args(args_list)
        return int(args.run(args))
    parser = _gui_parser()
    args = parser.parse_args(args_list)
    if args.install_desktop or args.uninstall_desktop:
        if args.files:
            parser.error("--install-desktop and --uninstall-desktop take no FILE")
        from viewer import desktop_install  # Qt-free: works without a display

        return desktop_install.install() if args.install_desktop else desktop_install.uninstall()
    try:
        size = parse_size(args.size) if args.size else None
    except ValueError as exc:
        parser.error(str(exc))
    if not (args.new_window or args.screenshot) and _handed_over(args.files):
        return 0
    from viewer.data_files import paths_to_open
    from viewer.record.prefetch import start_prefetch

    # Before Qt is imported: a forked process reads the records while Qt loads here.
    prefetch = start_prefetch(paths_to_open(args.files))
    from viewer.ui.app import run_gui

    return run_gui(
        args.files,
        screenshot=args.screenshot,
        size=size,
        offline=args.offline,
        prefetch=prefetch,
        listen=not args.screenshot,
        theme=args.theme,
    )


if __name__ == "__main__":
    sys.exit(main())
