"""A board always ends, and lets go of the data, within seconds of losing its terminal or being asked
to stop, even when the terminal goes away as it starts and Textual's own shutdown would wait forever."""

from __future__ import annotations

import os
import signal
import subprocess
import time

import pytest

from tests.helpers_pty import BONDTUI, PtyProcess, pty_env

# `make check` leaves it to `make test`, which runs it alone: it times how boards end
pytestmark = [pytest.mark.slow, pytest.mark.serial]

BOARDS = 12  # of each kind: 3 of 12 stayed running before
WITHIN = 8.0  # seconds: the grace the board gives its shutdown, plus a slow machine's margin


def _gone(process: subprocess.Popen, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return True
        time.sleep(0.05)
    return False


@pytest.mark.parametrize("how", ["hang up", "SIGHUP", "SIGTERM"])
def test_boards_whose_terminal_goes_as_they_start_all_end_and_free_the_lock(tmp_path, how):
    env = pty_env(tmp_path)
    stuck = []
    for n in range(BOARDS):
        term = PtyProcess([str(BONDTUI)], env)
        try:
            assert term.read_until(b"Today", timeout=20), f"board {n} never drew: {term.output[-300:]!r}"
            if how == "hang up":
                term.hang_up()
            else:
                term.kill(signal.SIGHUP if how == "SIGHUP" else signal.SIGTERM)
                term.hang_up()
            if not _gone(term.process, WITHIN):
                stuck.append(n)
        finally:
            if term.process.poll() is None:
                os.kill(term.process.pid, signal.SIGKILL)
                term.process.wait(5)
            term.hang_up()
    assert stuck == [], f"boards still running {WITHIN} s after their terminal went: {stuck}"
    done = subprocess.run([str(BONDTUI), "done", "talk"], env=env, capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr  # nothing holds the lock


HANGING_SHUTDOWN = """
import sys, time
from textual.drivers import _writer_thread
_writer_thread.WriterThread.stop = lambda self: time.sleep(3600)  # the shutdown that never ends
from tui.main import main
sys.exit(main([]))
"""


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_board_whose_shutdown_hangs_still_ends_and_keeps_what_she_did(tmp_path, sig):
    from tests.helpers_pty import PYTHON

    env = pty_env(tmp_path)
    with PtyProcess([str(PYTHON), "-c", HANGING_SHUTDOWN], env) as term:
        assert term.read_until(b"Today", timeout=20), term.output[-300:]
        mark = len(term.output)
        term.send(b" ")  # check in "talk"
        assert term.read_until(b"1 of 7", since=mark, timeout=5)
        started = time.monotonic()
        term.kill(sig)
        assert _gone(term.process, WITHIN), "the board never ended"
        assert term.process.returncode == 0 and time.monotonic() - started < WITHIN
    result = subprocess.run([str(BONDTUI), "streaks", "--json"], env=env, capture_output=True, text=True, timeout=30)
    assert '"done_today": true' in result.stdout
    assert subprocess.run([str(BONDTUI), "done", "date"], env=env, capture_output=True, timeout=30).returncode == 0

