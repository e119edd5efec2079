"""``pathway-viewer export`` uses the curated mechanism saved beside a record, and says when not."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from corpus import SEED
from gpml_schema import gpml_errors

from viewer.cli import main
from viewer.mechanism import build_mechanism
from viewer.mechanism.edits import add_node, add_relation, apply, named_node, relabel
from viewer.mechanism.sidecar import save_sidecar, sidecar_path
from viewer.record import load_record

GPML = "{http://pathvisio.org/GPML/2013a}"


@pytest.fixture
def seed_copy(tmp_path) -> Path:
    path = tmp_path / SEED.name
    shutil.copyfile(SEED, path)
    return path


def curate(record_path: Path) -> None:
    mechanism = build_mechanism(load_record(record_path))
    stat3 = next(n.id for n in mechanism.nodes if n.label == "STAT3")
    apply(mechanism, relabel(mechanism, stat3, "STAT3 curated"))
    gp80 = named_node(mechanism, "gp80", 0, 0)
    apply(mechanism, add_node(mechanism, gp80))
    apply(mechanism, add_relation(mechanism, gp80.id, stat3, "inhibition"))
    save_sidecar(mechanism, record_path)


def gpml_labels(text: str) -> set[str]:
    root = ET.fromstring(text)
    return {node.get("TextLabel") for node in root.iter(f"{GPML}DataNode")}


def test_export_uses_the_curation_beside_the_record(seed_copy, capsys) -> None:
    assert main(["export", str(seed_copy), "--format", "gpml"]) == 0
    draft = capsys.readouterr()
    assert "STAT3 curated" not in gpml_labels(draft.out)
    curate(seed_copy)
    assert main(["export", str(seed_copy), "--format", "gpml"]) == 0
    curated = capsys.readouterr()
    labels = gpml_labels(curated.out)
    assert {"STAT3 curated", "gp80"} <= labels and "STAT3" not in labels
    assert gpml_errors(curated.out) == []
    assert curated.out.count("mim-inhibition") == draft.out.count("mim-inhibition") + 1
    assert curated.err == ""


def test_a_changed_record_still_exports_its_curation_with_a_warning(seed_copy, capsys) -> None:
    curate(seed_copy)
    seed_copy.write_bytes(seed_copy.read_bytes() + b"\n")
    assert main(["export", str(seed_copy), "--format", "gpml"]) == 0
    out, err = capsys.readouterr()
    assert "STAT3 curated" in gpml_labels(out)
    assert err == (
        f"{sidecar_path(seed_copy)}: warning: the record changed since this curation was saved\n"
    )


def test_a_bad_sidecar_is_reported_left_alone_and_the_draft_exported(seed_copy, capsys) -> None:
    bad = sidecar_path(seed_copy)
    bad.write_text("format: pathway-figure-viewer/mechanism\nversion: 7\n", encoding="utf-8")
    assert main(["export", str(seed_copy), "--format", "gpml"]) == 0
    out, err = capsys.readouterr()
    assert "STAT3" in gpml_labels(out)
    assert err.startswith(f"{bad}: warning: made by a newer version of the viewer")
    assert err.rstrip().endswith("; the draft mechanism is used")
    assert bad.read_text(encoding="utf-8").endswith("version: 7\n")


def test_an_exported_picture_of_a_curation_says_it_is_curated(seed_copy, tmp_path) -> None:
    picture = tmp_path / "mechanism.svg"
    assert main(["export", str(seed_copy), "--format", "svg", "-o", str(picture)]) == 0
    assert "Inferred from the caption by text mining" in picture.read_text()
    curate(seed_copy)
    assert main(["export", str(seed_copy), "--format", "svg", "-o", str(picture)]) == 0
    text = picture.read_text()
    assert "Curated by hand" in text and "text mining" not in text
