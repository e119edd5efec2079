"""The shipped desktop file, MIME type, AppStream metainfo and icons (resources/linux, icons).

The validators come from the Debian packages ``desktop-file-utils``, ``appstream`` and
``shared-mime-info``, which ``make test`` installs; without them those tests are skipped.
"""

from __future__ import annotations

import configparser
import importlib.util
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

from viewer.locations import APP_ID

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "resources" / "linux"
ICONS = ROOT / "resources" / "icons"
DESKTOP = LINUX / f"{APP_ID}.desktop"
MIME_XML = LINUX / f"{APP_ID}.xml"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"
OUR_TYPE = "text/x-pfocr-figure"


def _load_render_icons() -> ModuleType:
    """packaging/render_icons.py, a script rather than a package module."""
    spec = importlib.util.spec_from_file_location(
        "render_icons", ROOT / "packaging" / "render_icons.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


render_icons = _load_render_icons()


def needs(tool: str, package: str) -> pytest.MarkDecorator:
    return pytest.mark.skipif(
        shutil.which(tool) is None,
        reason=f"{tool} is not installed (Debian package {package}; `make test` installs it)",
    )


def run(*argv: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in argv], capture_output=True, text=True, timeout=120, check=False
    )


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


@needs("desktop-file-validate", "desktop-file-utils")
def test_desktop_file_validates() -> None:
    result = run("desktop-file-validate", DESKTOP)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_desktop_file_opens_records_and_markdown() -> None:
    entry = desktop_entry()
    assert entry["Exec"] == "pathway-viewer %F"
    assert entry["MimeType"].split(";")[:2] == [OUR_TYPE, "text/markdown"]
    assert {"Science", "Biology"} <= set(entry["Categories"].split(";"))
    assert entry["Icon"] == APP_ID
    assert "PFOCR" in entry["Keywords"].split(";")


@needs("appstreamcli", "appstream")
def test_metainfo_validates_offline() -> None:
    result = run("appstreamcli", "validate", "--no-net", "--pedantic", METAINFO)
    assert result.returncode == 0, result.stdout + result.stderr
    problems = [line for line in result.stdout.splitlines() if line.strip()[:2] in ("E:", "W:")]
    assert not problems


@needs("appstreamcli", "appstream")
def test_metainfo_launchable_is_found_in_an_installed_tree(tmp_path: Path) -> None:
    share = tmp_path / "usr" / "share"
    for source, folder in [
        (DESKTOP, share / "applications"),
        (METAINFO, share / "metainfo"),
        (ICONS / f"{APP_ID}.svg", share / "icons" / "hicolor" / "scalable" / "apps"),
    ]:
        folder.mkdir(parents=True)
        shutil.copy(source, folder)
    result = run("appstreamcli", "validate-tree", "--no-net", tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_one_application_id_everywhere() -> None:
    metainfo = ET.parse(METAINFO).getroot()
    assert metainfo.findtext("id") == APP_ID
    assert metainfo.findtext("launchable[@type='desktop-id']") == DESKTOP.name
    assert metainfo.findtext("provides/binary") == "pathway-viewer"
    assert metainfo.findtext("provides/mediatype") == OUR_TYPE
    assert metainfo.find("content_rating").get("type") == "oars-1.1"  # type: ignore[union-attr]
    assert metainfo.find("releases/release").get("version") == "0.1.0"  # type: ignore[union-attr]
    assert desktop_entry()["Icon"] == APP_ID
    for path in [DESKTOP, MIME_XML, METAINFO, ICONS / f"{APP_ID}.svg"]:
        assert path.name.startswith(APP_ID + ".")


def test_mime_type_globs_and_sniffs_front_matter() -> None:
    (mime_type,) = ET.parse(MIME_XML).getroot().findall(f"{MIME_NS}mime-type")
    assert mime_type.get("type") == OUR_TYPE
    assert mime_type.find(f"{MIME_NS}sub-class-of").get("type") == "text/markdown"  # type: ignore[union-attr]
    assert [g.get("pattern") for g in mime_type.iter(f"{MIME_NS}glob")] == ["*.pfocr.md"]
    matches = {(m.get("offset"), m.get("value")) for m in mime_type.iter(f"{MIME_NS}match")}
    assert matches == {("0", r"---\nfigid:"), ("0", r"---\r\nfigid:")}


@needs("update-mime-database", "shared-mime-info")
def test_mime_database_accepts_the_type(tmp_path: Path) -> None:
    packages = tmp_path / "mime" / "packages"
    packages.mkdir(parents=True)
    shutil.copy(MIME_XML, packages)
    result = run("update-mime-database", tmp_path / "mime")
    # It reports a package it cannot parse on stderr but exits 0 all the same.
    assert result.returncode == 0 and "Failed" not in result.stderr, result.stderr
    assert (tmp_path / "mime" / "types").read_text().split() == [OUR_TYPE]
    assert f"{OUR_TYPE} text/markdown" in (tmp_path / "mime" / "subclasses").read_text()


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n" and header[12:16] == b"IHDR"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def test_icon_is_a_square_svg_with_a_png_per_size() -> None:
    svg = ET.parse(ICONS / f"{APP_ID}.svg").getroot()
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    assert svg.get("viewBox") == "0 0 128 128"
    for size in ICON_SIZES:
        assert png_size(render_icons.png_path(ICONS, size)) == (size, size)
    assert render_icons.SIZES == ICON_SIZES


def test_committed_pngs_match_the_svg(qapp, tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    written = render_icons.render(ICONS / f"{APP_ID}.svg", tmp_path, (16, 48, 256))
    for fresh in written:
        size = int(fresh.parent.parent.name.split("x")[0])
        new = QImage(str(fresh)).convertToFormat(QImage.Format.Format_RGBA8888)
        old = QImage(str(render_icons.png_path(ICONS, size)))
        old = old.convertToFormat(QImage.Format.Format_RGBA8888)
        assert (new.width(), new.height()) == (old.width(), old.height()) == (size, size)
        new_bytes, old_bytes = bytes(new.constBits()), bytes(old.constBits())
        difference = sum(abs(a - b) for a, b in zip(new_bytes, old_bytes, strict=True))
        # Anti-aliasing may shift a little between Qt versions; an edited SVG shifts a lot.
        assert difference / len(new_bytes) < 2, f"re-run packaging/render_icons.py ({size} px)"
