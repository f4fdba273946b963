"""Many writers, one history: two boards and the command line on one set, in any order.

Every change that returned is in the set, and undo, wherever it is pressed, takes back
the newest change made anywhere. The oracle is a model of the shared history: a list
of acknowledged changes, each taken back by the undo that reaches it.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from store import BOARD, FixedClock, Store
from store.files.reading import read_set
from tests import ROOT
from tests.conftest import NOW

KEYS = ["talk", "freedom", "affection", "celebrate"]
TODAY = date(2026, 11, 29)
DAYS = [TODAY - timedelta(days=n) for n in (0, 1, 3, 9, 40)] + [date(2025, 6, 1)]  # the last in a closed year

# One step: (writer, what): writer 0 and 1 are boards open all along, 2 the command line (a fresh open each time).
step = st.tuples(st.integers(0, 2), st.one_of(
    st.tuples(st.just("check_in"), st.sampled_from(KEYS), st.sampled_from(DAYS)),
    st.tuples(st.just("note"), st.integers(0, 50)),
    st.tuples(st.just("undo")),
    st.tuples(st.just("look")),
))


class History:
    """What the set must hold: each acknowledged change, newest last, and the notes it leaves."""

    def __init__(self) -> None:
        self.changes: list[tuple[str, str, str | None, str]] = []  # (kind, check-in id, note before, note after)

    def notes(self) -> dict[str, str]:
        held: dict[str, str] = {}
        for _, check_in_id, _, after in self.changes:
            held[check_in_id] = after
        return held

    def undo(self) -> None:
        if self.changes:
            self.changes.pop()


def _play(folder: Path, steps: list) -> None:
    clock = FixedClock(NOW)
    path = folder / "bond.json"
    history = History()
    boards = [Store.open(path, clock, origin=BOARD), Store.open(path, clock, origin=BOARD)]
    try:
        for number, (writer, (kind, *args)) in enumerate(steps):
            store = boards[writer] if writer < 2 else Store.open(path, clock)
            try:
                if kind == "check_in":
                    key, day = args
                    made = store.check_in(key, day, note=f"n{number}")
                    history.changes.append(("add", made.id, None, made.note))
                elif kind == "note":
                    held = history.notes()
                    if held:
                        check_in_id = sorted(held)[args[0] % len(held)]
                        store.edit_note(check_in_id, f"e{number}")  # decided on the set as it is now
                        history.changes.append(("note", check_in_id, held[check_in_id], f"e{number}"))
                elif kind == "undo":
                    if store.undo() is not None:
                        history.undo()
                    else:
                        assert not history.changes
                else:
                    store.follow()
            finally:
                if writer == 2:
                    store.close()
        with Store.open(path, clock, read_only=True) as reader:
            assert {c.id: c.note for c in reader.check_ins()} == history.notes()
        for board in boards:  # and each board, once it looks, shows the same
            board.follow()
            assert {c.id: c.note for c in board.check_ins()} == history.notes()
    finally:
        for board in boards:
            board.close()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(step, min_size=1, max_size=30))
def test_three_writers_in_any_order_lose_no_acknowledged_change(tmp_path_factory, steps):
    _play(tmp_path_factory.mktemp("writers"), steps)


def test_an_edit_on_one_board_of_a_check_in_made_on_the_other(tmp_path):
    _play(tmp_path, [(0, ("check_in", "talk", TODAY)), (1, ("note", 0)), (2, ("undo",)), (0, ("undo",))])


BOARD_CHILD = """
import sys, time
from store import BOARD, FixedClock, Store
from store.files.reading import read_set
from tests.conftest import NOW
path, name, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
keys = ["talk", "freedom", "affection", "celebrate", "together"]
with Store.open(path, FixedClock(NOW), origin=BOARD) as board:
    for n in range(count):
        made = board.check_in(keys[n % len(keys)], note=f"{name}-{n}")
        print(made.note, flush=True)
        time.sleep(0.01)  # her next key
"""


@pytest.mark.slow
@pytest.mark.serial
def test_two_board_processes_and_the_command_line_at_once(tmp_path):
    """Real processes writing at the same moments: every acknowledged check-in is in the set, once."""
    path = tmp_path / "bond.json"
    env = {**os.environ, "BONDTUI_DB": str(path), "BONDTUI_NOW": NOW.isoformat()}
    boards = [subprocess.Popen([sys.executable, "-c", BOARD_CHILD, str(path), name, "60"], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for name in ("a", "b")]
    told = []
    for n in range(12):
        done = subprocess.run([sys.executable, "-m", "tui.main", "done", "date", "--note", f"cli-{n}"], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        told.append(f"cli-{n}")
    for board in boards:
        out, err = board.communicate(timeout=120)
        assert board.returncode == 0, err
        told += out.split()
    assert len(told) == 12 + 2 * 60
    with Store.open(path, FixedClock(NOW), read_only=True) as reader:
        notes = sorted(c.note for c in reader.check_ins())
    assert notes == sorted(told)


@pytest.mark.slow
@pytest.mark.serial
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_kill_loop_with_two_boards_and_the_command_line(tmp_path):
    """Two boards killed at random moments while the command line writes: the set is always whole, opens for
    writing, and holds every check-in any of them acknowledged."""
    path = tmp_path / "bond.json"
    env = {**os.environ, "BONDTUI_DB": str(path), "BONDTUI_NOW": NOW.isoformat()}
    rng = random.Random(20261205)
    told: list[str] = []
    for round_ in range(8):
        boards = [subprocess.Popen([sys.executable, "-c", BOARD_CHILD, str(path), f"r{round_}{name}", "100000"], cwd=ROOT,
                                   env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL) for name in ("a", "b")]
        for n in range(2):
            done = subprocess.run([sys.executable, "-m", "tui.main", "done", "date", "--note", f"r{round_}cli{n}"],
                                  cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
            assert done.returncode == 0, done.stderr
            told.append(f"r{round_}cli{n}")
        for board in boards:
            time.sleep(rng.uniform(0.0, 0.3))
            board.send_signal(signal.SIGKILL)
        for board in boards:
            out, _ = board.communicate(timeout=60)
            told += [line for line in out.decode().split("\n")[:-1]]  # whole lines: each one acknowledged
        data, _, _ = read_set(path)  # whole and ours after every round
        assert data["checkins"]
        with Store.open(path, FixedClock(NOW)) as store:  # opens for writing: the lock is free
            assert not list(tmp_path.glob(".*.tmp"))  # a killed writer's temp file is gone
            assert set(told) <= {c.note for c in store.check_ins()}
    assert len(told) > 16 + 40  # the boards wrote between the kills, not only the command line
