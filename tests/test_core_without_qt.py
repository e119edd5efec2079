"""The pure core (and the headless commands) work where PySide6 cannot be imported."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from corpus import SEED

BLOCK_QT = """
import sys
class BlockQt:
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6" or name.startswith("PySide6."):
            raise ImportError("PySide6 is unavailable in this test")
sys.meta_path.insert(0, BlockQt())
"""


def run_without_qt(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", BLOCK_QT + code],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parent.parent,
        timeout=120,
    )


def test_core_imports_and_reads_without_qt() -> None:
    result = run_without_qt(
        "import viewer.record, viewer.links, viewer.export, viewer.record.discover\n"
        "import viewer.instance, viewer.locations, viewer.record.prefetch\n"
        "import viewer.collection.index, viewer.collection.query, viewer.collection.stats\n"
        "import viewer.collection.enrich, viewer.genelist\n"
        "import viewer.mechanism.sidecar, viewer.desktop_install\n"
        "import viewer.mechanism, viewer.mechanism.edits, viewer.mechanism.curated\n"
        f"r = viewer.record.load_record({str(SEED)!r})\n"
        "m = viewer.mechanism.build_mechanism(r)\n"
        "assert m.edges and viewer.export.record_to_json(r, m)\n"
        "assert viewer.mechanism.curated.mechanism_for(r).mechanism.snapshot() == m.snapshot()\n"
        "print(r.figtitle, len(r.genes))\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules)\n"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Cross-talk between the NFKB and the STAT3 pathways 12"


def test_headless_commands_run_without_qt() -> None:
    result = run_without_qt(
        "from viewer.cli import main\n"
        f"code = main(['check', {str(SEED)!r}])\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules)\n"
        "sys.exit(code)\n"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK ")
