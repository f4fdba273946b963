"""Several children under kills: the second child's arrival killed at any moment, and two children written at once.

The first child's set never moves and is never touched by adding a child; a child
is there whole or not at all; every change either child's writer acknowledged is in
that child's set, and only there.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pytest

from store import FixedClock, Store, WriteError
from store.family import children_folder
from store.files.reading import read_set
from tests import ROOT
from tests.conftest import NOW

pytestmark = [pytest.mark.slow, pytest.mark.serial,  # alone: its kills land at moments measured in milliseconds
              pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")]

WRITER = """
import sys, time
from store import BOARD, FixedClock, Store
from tests.conftest import NOW
path, child, name, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
keys = ["talk", "freedom", "affection", "celebrate", "together"]
with Store.open(path, FixedClock(NOW), origin=BOARD, child=child) as board:
    for n in range(count):
        if n % 7 == 3:  # her setting, from his board: written in the first child's set, under the same lock
            board.update_settings(week_start=6 if board.settings.week_start == 0 else 0)
        made = board.check_in(keys[n % len(keys)], note=f"{name}-{n}")
        print(made.note, flush=True)
        time.sleep(0.005)
"""


def _one_child(path) -> bytes:
    with Store.open(path, FixedClock(NOW)) as store:
        store.update_settings(son_name="Sam")
        store.check_in("talk", note="before Leo")
    return path.read_bytes()


def _names(path) -> list[str]:
    with Store.open(path, FixedClock(NOW), read_only=True) as store:
        return [child.name for child in store.family.children()]


def test_the_second_child_killed_at_any_moment_of_his_arrival(tmp_path):
    rng = random.Random(20261205)
    env = {**os.environ, "BONDTUI_NOW": NOW.isoformat()}
    arrived = 0
    for round_ in range(24):
        path = tmp_path / f"r{round_}" / "bond.json"
        path.parent.mkdir()
        first = _one_child(path)
        adding = subprocess.Popen([sys.executable, "-m", "tui.main", "--db", str(path), "child", "add", "Leo",
                                   "--born", "2015-03"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, 0.6))
        adding.send_signal(signal.SIGKILL)
        adding.wait(timeout=30)
        assert path.read_bytes() == first  # the first child's set never moves, never changes
        names = _names(path)
        assert names in (["Sam"], ["Sam", "Leo"]), names  # whole, or not there at all
        arrived += names == ["Sam", "Leo"]
        with Store.open(path, FixedClock(NOW)) as store:  # opens for writing: the lock is free
            if names == ["Sam"]:
                store.family.add("Leo")  # what a killed add left in the way is nobody
            leo = store.family.store("Leo")
            leo.check_in("talk", note="Leo's")
            assert leo.settings.son_name == "Leo" and store.settings.son_name == "Sam"
        assert path.read_bytes() == first
    assert 0 < arrived < 24  # the kills landed before and after his file was written


def test_a_failed_write_of_the_new_child_leaves_the_first_as_it_was(tmp_path, monkeypatch):
    path = tmp_path / "bond.json"
    first = _one_child(path)
    from store.files import layout

    real = layout.write_atomically  # the write of a set's main file

    def failing(target, content, *args, **kwargs):
        if children_folder(path) in target.parents:
            raise OSError(28, "No space left on device")
        return real(target, content, *args, **kwargs)

    monkeypatch.setattr(layout, "write_atomically", failing)
    with Store.open(path, FixedClock(NOW)) as store, pytest.raises(WriteError, match="No space left"):
        store.family.add("Leo")
    assert path.read_bytes() == first and _names(path) == ["Sam"]
    monkeypatch.setattr(layout, "write_atomically", real)
    with Store.open(path, FixedClock(NOW)) as store:
        assert store.family.add("Leo").name == "Leo"
    assert path.read_bytes() == first and _names(path) == ["Sam", "Leo"]


def test_kill_loop_with_two_children_written_at_once(tmp_path):
    path = tmp_path / "bond.json"
    _one_child(path)
    with Store.open(path, FixedClock(NOW)) as store:
        store.family.add("Leo")
    env = {**os.environ, "BONDTUI_NOW": NOW.isoformat()}
    rng = random.Random(5122026)
    told: dict[str, list[str]] = {"Sam": [], "Leo": []}
    for round_ in range(8):
        writers = {name: subprocess.Popen([sys.executable, "-c", WRITER, str(path), name, f"{name}{round_}", "100000"],
                                          cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
                   for name in ("Sam", "Leo")}
        time.sleep(rng.uniform(0.4, 0.9))
        for writer in writers.values():
            time.sleep(rng.uniform(0.0, 0.2))
            writer.send_signal(signal.SIGKILL)
        for name, writer in writers.items():
            out, _ = writer.communicate(timeout=60)
            told[name] += out.decode().split("\n")[:-1]  # whole lines: each one acknowledged
        with Store.open(path, FixedClock(NOW)) as sam:  # both sets whole, and the lock free
            leo = sam.family.store("Leo")
            for store in (sam, leo):
                read_set(store.path)
                assert not list(store.path.parent.glob(".*.tmp"))
            sam_notes, leo_notes = {c.note for c in sam.check_ins()}, {c.note for c in leo.check_ins()}
        assert set(told["Sam"]) <= sam_notes and set(told["Leo"]) <= leo_notes
        assert not any(note.startswith("Leo") for note in sam_notes)  # each child's check-ins in his set only
        assert not any(note.startswith("Sam") for note in leo_notes)
    assert len(told["Sam"]) > 20 and len(told["Leo"]) > 20  # both wrote between the kills
