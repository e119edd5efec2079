"""The wheel carries the package, the seed record and the resources; the command is declared."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_wheel_ships_seed_and_entry_point(tmp_path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    (wheel,) = tmp_path.glob("pathway_figure_viewer-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        seed = archive.read("viewer/seeds/PMC1584297__neo0809_0733_fig009.md")
        (entry_points,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
        entry_text = archive.read(entry_points).decode()
    assert seed == (ROOT / "seeds" / "PMC1584297__neo0809_0733_fig009.md").read_bytes()
    assert "viewer/record/parse.py" in names and "viewer/__main__.py" in names
    assert "[gui_scripts]" in entry_text and "pathway-viewer = viewer.cli:main" in entry_text
    assert not any(n.startswith("tests/") for n in names)
