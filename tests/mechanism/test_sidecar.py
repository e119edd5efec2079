"""Curated mechanisms in sidecar files: round trips, bad sidecars refused, stale records told."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from corpus import SEED, corpus_records

from viewer.mechanism import build_mechanism
from viewer.mechanism.sidecar import (
    SidecarError,
    dump_sidecar,
    load_sidecar,
    record_digest,
    save_sidecar,
    sidecar_path,
)
from viewer.record import load_record


@pytest.fixture
def seed_copy(tmp_path) -> Path:
    path = tmp_path / SEED.name
    shutil.copyfile(SEED, path)
    return path


def test_every_corpus_mechanism_round_trips(tmp_path) -> None:
    for source in [SEED, *corpus_records()]:
        record_path = tmp_path / source.name
        shutil.copyfile(source, record_path)
        mechanism = build_mechanism(load_record(source))
        save_sidecar(mechanism, record_path, author="A. Curator")
        loaded = load_sidecar(record_path)
        assert loaded is not None
        assert loaded.mechanism.snapshot() == mechanism.snapshot(), source.name
        assert loaded.author == "A. Curator"
        assert loaded.record_sha256 == record_digest(record_path)


def test_no_sidecar_is_none_and_the_record_is_never_touched(seed_copy) -> None:
    before = seed_copy.read_bytes()
    assert load_sidecar(seed_copy) is None
    save_sidecar(build_mechanism(load_record(seed_copy)), seed_copy)
    assert seed_copy.read_bytes() == before
    assert sidecar_path(seed_copy).name == SEED.name + ".mechanism.yaml"
    assert sorted(p.name for p in seed_copy.parent.iterdir()) == sorted(
        [SEED.name, SEED.name + ".mechanism.yaml"]
    )  # no temporary file left behind


def test_labels_with_markup_quotes_and_non_latin_letters_survive(seed_copy) -> None:
    from dataclasses import replace

    mechanism = build_mechanism(load_record(seed_copy))
    node = mechanism.nodes[0]
    odd = 'NF-κB <b>&amp;</b> "quoted"\ttab\nline'
    mechanism.add_node(replace(node, label=odd))
    save_sidecar(mechanism, seed_copy)
    loaded = load_sidecar(seed_copy)
    assert loaded.mechanism.node(node.id).label == odd


def write_sidecar(record: Path, text: str) -> Path:
    path = sidecar_path(record)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("nodes: [unclosed\n", "YAML syntax error"),
        ("just text\n", "not a curated mechanism"),
        ("format: pathway-figure-viewer/mechanism\nversion: 2\n", "newer version"),
        ("format: pathway-figure-viewer/mechanism\nversion: one\n", "whole number"),
    ],
)
def test_bad_sidecars_are_refused_and_left_alone(seed_copy, text, reason) -> None:
    path = write_sidecar(seed_copy, text)
    with pytest.raises(SidecarError) as raised:
        load_sidecar(seed_copy)
    assert reason in raised.value.located()
    assert raised.value.located().startswith(str(path))
    assert path.read_text(encoding="utf-8") == text


def test_an_edge_to_an_unknown_node_is_refused(seed_copy) -> None:
    text = dump_sidecar(build_mechanism(load_record(seed_copy)), seed_copy)
    broken = text.replace("target: ", "target: nowhere-", 1)
    write_sidecar(seed_copy, broken)
    with pytest.raises(SidecarError, match="edge 1 refers to an unknown node 'nowhere-"):
        load_sidecar(seed_copy)


def test_binary_garbage_is_refused(seed_copy) -> None:
    sidecar_path(seed_copy).write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(SidecarError, match="not UTF-8"):
        load_sidecar(seed_copy)


def test_a_changed_record_is_detected(seed_copy) -> None:
    save_sidecar(build_mechanism(load_record(seed_copy)), seed_copy)
    saved = load_sidecar(seed_copy)
    assert saved.record_sha256 == record_digest(seed_copy)
    seed_copy.write_bytes(seed_copy.read_bytes() + b"\n")
    assert load_sidecar(seed_copy).record_sha256 != record_digest(seed_copy)
