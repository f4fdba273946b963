"""The exit status tells the truth: 0 means saved, non-zero means nothing was written.

Printing happens after the save, so a stdout that cannot take the report (a full
disk, an ASCII-only locale) must neither turn a saved change into a traceback nor
into a failure that a retrying script would repeat.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import ROOT

pytestmark = pytest.mark.slow  # `make check` leaves it to `make test`

NOW = "2026-11-29T20:00:00+00:00"
BONDTUI = [sys.executable, "-c", "import sys; from tui.main import main; sys.exit(main(sys.argv[1:]))"]


def bondtui(db: Path, *args: str, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, now: str = NOW, **env):
    environment = {**os.environ, "BONDTUI_DB": str(db), "BONDTUI_NOW": now, **env}
    return subprocess.run([*BONDTUI, *args], env=environment, stdout=stdout, stdin=stdin, stderr=subprocess.PIPE,
                          cwd=ROOT, timeout=60)


def check_ins(db: Path) -> int:
    return len(json.loads(db.read_bytes())["checkins"]) if db.exists() else 0


@pytest.fixture
def db(tmp_path) -> Path:
    """A file with two days of check-ins, so that undo and restore have something to do."""
    path = tmp_path / "bond.json"
    assert bondtui(path, "done", "talk", now="2026-11-28T20:00:00+00:00").returncode == 0
    assert bondtui(path, "done", "talk").returncode == 0
    return path


# Each writing command, and how it changes the number of check-ins in the file.
WRITERS = {
    "done": (("done", "affection", "--note", "a hug ✓"), +1),
    "skip": (("skip", "date"), 0),
    "undo": (("undo",), -1),
    "restore": (("restore", "newest"), -1),  # back to the file before 29 November's first change
}


@pytest.mark.parametrize("name", WRITERS)
def test_a_saved_change_exits_0_when_stdout_is_full(db, name):
    args, delta = WRITERS[name]
    before = check_ins(db), db.read_bytes()
    with open("/dev/full", "w") as full:
        result = bondtui(db, *args, stdout=full)
    err = result.stderr.decode()
    assert result.returncode == 0, err
    assert "Traceback" not in err and err.count("\n") == 1 and "saved" in err
    assert check_ins(db) == before[0] + delta and db.read_bytes() != before[1]


@pytest.mark.parametrize("name", WRITERS)
def test_a_saved_change_exits_0_on_an_ascii_terminal(db, name):
    args, delta = WRITERS[name]
    before = check_ins(db)
    result = bondtui(db, *args, PYTHONIOENCODING="ascii")
    assert result.returncode == 0, result.stderr.decode()
    assert b"Traceback" not in result.stderr and result.stdout.isascii()
    assert check_ins(db) == before + delta


def test_the_report_says_what_an_ascii_terminal_cannot_show(db):
    result = bondtui(db, "done", "affection", PYTHONIOENCODING="ascii")
    assert result.stdout.decode().startswith("\\u2713 Show affection")


def test_a_reader_that_cannot_print_fails_and_writes_nothing(tmp_path):
    db = tmp_path / "bond.json"
    with open("/dev/full", "w") as full:
        result = bondtui(db, "streaks", stdout=full)
    assert result.returncode == 1 and b"Traceback" not in result.stderr
    assert not db.exists()


def test_a_failed_change_exits_non_zero_and_writes_nothing(db):
    before = db.read_bytes()
    with open("/dev/full", "w") as full:
        result = bondtui(db, "done", "nobody", stdout=full)
    assert result.returncode == 2 and db.read_bytes() == before


def test_the_board_without_a_terminal_says_so_and_exits_2(db):
    before = db.read_bytes()
    with open("/dev/full", "w") as full:
        result = bondtui(db, stdout=full)
    err = result.stderr.decode()
    assert result.returncode == 2 and "needs a terminal" in err and err.count("\n") == 1
    assert db.read_bytes() == before


def test_the_board_with_a_terminal_for_output_but_not_for_input_exits_2(db):
    # `bondtui < /dev/null` in a terminal: it used to run forever, drawing into the void.
    main, secondary = os.openpty()
    try:
        result = bondtui(db, stdout=secondary, stdin=subprocess.DEVNULL)
    finally:
        os.close(secondary)
        os.close(main)
    assert result.returncode == 2 and b"needs a terminal" in result.stderr
