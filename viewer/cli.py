"""The ``pathway-viewer`` command: the GUI by default, and headless subcommands.

``check`` and ``export`` use the Qt-free core only, so they start fast and need no display.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from viewer import APP_NAME, __version__

if TYPE_CHECKING:
    from viewer.mechanism import Mechanism

SUBCOMMANDS = ("check", "export")
EXPORT_FORMATS = ("json", "sif", "svg", "png")


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
    from viewer.mechanism import build_mechanism
    from viewer.record import RecordError, load_record

    try:
        record = load_record(args.path)
    except RecordError as exc:
        print(exc.located(args.path), file=sys.stderr)
        return 1
    mechanism = build_mechanism(record)
    if args.format in ("svg", "png"):
        return _export_picture(args, mechanism)
    if args.format == "sif":
        from viewer.export.mechanism_export import mechanism_to_sif

        text = mechanism_to_sif(mechanism)
    else:
        from viewer.export import record_to_json

        text = record_to_json(record, mechanism) + "\n"
    if args.output in (None, "-"):
        sys.stdout.write(text)
        return 0
    try:
        Path(args.output).write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"{args.output}: error: cannot write: {exc.strerror or exc}", file=sys.stderr)
        return 1
    return 0


def _export_picture(args: argparse.Namespace, mechanism: Mechanism) -> int:
    """Draw the mechanism canvas to SVG or PNG; works without a display."""
    if not args.output or args.output == "-":
        print(f"error: --format {args.format} needs -o OUT", file=sys.stderr)
        return 2
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from viewer.ui.mechanism_render import ensure_app, render_png, render_svg

    ensure_app()
    try:
        if args.format == "svg":
            render_svg(mechanism, args.output)
        else:
            render_png(mechanism, args.output)
    except OSError as exc:
        print(f"{args.output}: error: {exc}", file=sys.stderr)
        return 1
    return 0


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
    export = commands.add_parser("export", help="write a record in another format")
    export.add_argument("path", metavar="PATH")
    export.add_argument("--format", "-f", choices=EXPORT_FORMATS, required=True)
    export.add_argument("--output", "-o", metavar="OUT", help="output file (default: stdout)")
    export.set_defaults(run=_export)
    return parser


def _gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pathway-viewer",
        description=f"{APP_NAME}: open pathway figure records. Headless commands: "
        "'pathway-viewer check PATH...', 'pathway-viewer export PATH --format json'.",
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
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and args_list[0] in SUBCOMMANDS:
        args = _subcommand_parser().parse_args(args_list)
        return int(args.run(args))
    parser = _gui_parser()
    args = parser.parse_args(args_list)
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
