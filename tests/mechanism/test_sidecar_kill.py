"""A saving process killed (SIGKILL) at random moments leaves the old sidecar or the new one.

Children are forked from a multiprocessing fork server that has the viewer loaded, so each of
the 200 saving processes starts in milliseconds; the test kills each after a random delay
while it saves two different curations in turn, then reads what is on disk.
"""

from __future__ import annotations

import multiprocessing
import random
import shutil
import signal
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from tests.corpus import SEED, corpus_records
from viewer.mechanism import build_mechanism
from viewer.mechanism.sidecar import load_sidecar, save_sidecar
from viewer.record import load_record

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL and fork")

KILLS = 200


def largest_record() -> Path:
    return max([SEED, *corpus_records()], key=lambda p: len(load_record(p).genes))


def variant(mechanism, suffix: str):
    """The same mechanism with every label changed, so the two contents differ everywhere."""
    copy = build_mechanism(load_record(largest_record()))
    for node in mechanism.nodes:
        copy.add_node(replace(node, label=node.label + suffix, x=node.x + 1))
    return copy


def keep_saving(record_path: str, first, second, started) -> None:
    """Save the two curations in turn, forever (until killed)."""
    started.set()
    turn = 0
    while True:
        save_sidecar(second if turn % 2 == 0 else first, record_path)
        turn += 1


def test_killed_saves_leave_a_whole_sidecar(tmp_path) -> None:
    source = largest_record()
    record_path = tmp_path / source.name
    shutil.copyfile(source, record_path)
    record = load_record(record_path)
    first = build_mechanism(record)
    second = variant(first, " (curated)")
    save_sidecar(first, record_path)
    expected = {first.snapshot(): "old", second.snapshot(): "new"}

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["viewer.mechanism.sidecar", "viewer.mechanism", "yaml"])
    rng = random.Random(20261126)
    seen = {"old": 0, "new": 0}
    began = time.monotonic()
    for _ in range(KILLS):
        started = context.Event()
        saver = context.Process(target=keep_saving, args=(str(record_path), first, second, started))
        saver.start()
        assert started.wait(30)
        time.sleep(rng.uniform(0, 0.06))
        saver.kill()
        saver.join(10)
        assert saver.exitcode == -signal.SIGKILL
        loaded = load_sidecar(record_path)  # raises if the file is torn or corrupt
        assert loaded is not None
        seen[expected[loaded.mechanism.snapshot()]] += 1
    # The figures for the record (shown with `pytest -s`).
    print(
        f"\n{KILLS} saving processes SIGKILLed: {seen['old']} left the old sidecar, "
        f"{seen['new']} the new one, none a torn file ({time.monotonic() - began:.1f} s)"
    )
    # The kills landed at different moments: both contents were seen on disk.
    assert seen["old"] > 0 and seen["new"] > 0
