"""File ▸ Export and Edit ▸ Copy as GPML DataNodes, as a user drives them."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from corpus import SEED
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from viewer.export import FORMATS, PICTURE_FORMATS
from viewer.ui.window import MainWindow

FIGID = "PMC1584297__neo0809_0733_fig009"


def open_seed(qtbot) -> MainWindow:
    window = MainWindow(offline=True)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.loader.idle, timeout=10_000):
        window.open_paths([SEED])
    window.ensure_panels()
    return window


def test_export_menu_lists_every_format(qtbot) -> None:
    window = open_seed(qtbot)
    titles = [a.text() for a in window.export_menu.actions() if not a.isSeparator()]
    expected = [f.title for f in FORMATS.values()] + [t for _, t in PICTURE_FORMATS.values()]
    assert [t.split(" ", 1)[1].rstrip("…") for t in titles] == expected
    assert all(window.export_actions[name].isEnabled() for name in FORMATS)


def test_export_through_the_dialog_remembers_the_folder(qtbot, tmp_path, monkeypatch) -> None:
    window = open_seed(qtbot)
    suggestions = []
    target = tmp_path / "exports"
    target.mkdir()

    def fake_dialog(parent, caption, suggested, file_filter):
        suggestions.append((suggested, file_filter))
        name = suggested.rsplit("/", 1)[-1]
        return str(target / name), file_filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_dialog))
    assert window.export_record("gpml")
    root = ET.parse(target / f"{FIGID}.gpml").getroot()
    assert root.tag.endswith("Pathway") and root.get("Name")
    assert suggestions[0][1] == FORMATS["gpml"].file_filter
    assert window.export_record("json")
    assert suggestions[1][0] == str(target / f"{FIGID}.json")  # the folder was remembered
    data = json.loads((target / f"{FIGID}.json").read_text(encoding="utf-8"))
    assert data["figid"] == FIGID and data["mechanism"]["edges"]
    assert window.statusBar().currentMessage().startswith("Saved JSON")


def test_every_format_writes_a_file(qtbot, tmp_path) -> None:
    window = open_seed(qtbot)
    qtbot.waitUntil(lambda: window.export_actions["svg"].isEnabled(), timeout=10_000)
    for name in [*FORMATS, *PICTURE_FORMATS]:
        path = tmp_path / f"out.{name}"
        assert window.export_record(name, str(path)), name
        assert path.stat().st_size > 0, name


def test_an_unwritable_place_says_why_and_leaves_nothing(qtbot, tmp_path, monkeypatch) -> None:
    window = open_seed(qtbot)
    warnings = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda parent, title, text: warnings.append(text))
    )
    missing = tmp_path / "no-such-folder" / "x.cx2"
    assert not window.export_record("cx2", str(missing))
    assert warnings and "cannot write" in warnings[0] and str(missing) in warnings[0]
    assert not missing.parent.exists()


def test_copy_as_gpml_data_nodes(qtbot) -> None:
    window = open_seed(qtbot)
    (action,) = [a for a in window.edit_menu.actions() if "GPML" in a.text()]
    action.trigger()
    text = QApplication.clipboard().text()
    nodes = ET.fromstring(f"<nodes>{text}</nodes>")
    labels = {node.get("TextLabel") for node in nodes}
    assert {"STAT3", "IL6"} <= labels
    entrez = {x.get("ID") for x in nodes.iter("Xref") if x.get("Database") == "Entrez Gene"}
    assert "6774" in entrez
