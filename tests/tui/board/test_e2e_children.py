"""Three children in a real terminal: the board names whose it is, c moves on, and the command line follows."""

from __future__ import annotations

import shlex
import subprocess

import pytest

from store import FixedClock, Store
from tests.tui.board.test_e2e_tmux import BONDTUI, NOW, bondtui_env, row, tmux  # noqa: F401  # tmux: the fixture

pytestmark = [pytest.mark.slow, pytest.mark.serial]


def test_switching_children_in_a_real_terminal(tmux, tmp_path):  # noqa: F811  # the fixture, by name
    env = bondtui_env(tmp_path)
    from datetime import datetime

    clock = FixedClock(datetime.fromisoformat(NOW))
    with Store.open(env["BONDTUI_DB"], clock) as store:
        store.update_settings(son_name="Sam")
        store.family.add("Leo", born="2015-03", interests="chess")
        store.family.add("Mia", born="2019-07")
    command = " ".join(["env", *(shlex.quote(f"{key}={value}") for key, value in env.items()),
                        shlex.quote(str(BONDTUI))])
    tmux.start(f"{command}; echo \"BONDTUI-EXITED:$?\"; sleep 5")

    screen = tmux.wait_for(lambda s: "Sam · Today" in s and "Leo:" in s and "Mia:" in s, "Sam's board", 20)
    assert "│  Leo:" in screen and "│  Sam:" not in screen
    tmux.press("c")
    screen = tmux.wait_for(lambda s: "Leo · Today" in s and "Sam:" in s, "Leo's board after c", 5)
    assert "│  Leo:" not in screen and "│  Mia:" in screen  # the others' lines: Sam and Mia
    tmux.press("Space")
    screen = tmux.wait_for(lambda s: "done ✓" in row(s, "Talk with him"), "Leo's check-in", 5)
    tmux.tmux("send-keys", "-t", tmux.target, "c", "c")  # fast: two in one call, round to Sam
    screen = tmux.wait_for(lambda s: "Sam · Today" in s, "Sam's board after c c", 5)
    screen = tmux.wait_for(lambda s: "done ✓" not in row(s, "Talk with him"), "Sam's own row", 5)
    tmux.press("c", "c")
    tmux.wait_for("Mia · Today", "Mia's board", 5)
    tmux.press("q")
    tmux.wait_for("BONDTUI-EXITED:0", "the board ending", 10)

    short = subprocess.run([str(BONDTUI), "today", "--short"], env=env, capture_output=True, text=True, timeout=30)
    assert short.returncode == 0 and short.stdout.startswith("Mia: ")  # the child the board showed last
    with Store.open(env["BONDTUI_DB"], clock, child="Leo", read_only=True) as leo:
        assert leo.is_done("talk", leo.today())
    with Store.open(env["BONDTUI_DB"], clock, child="Sam", read_only=True) as sam:
        assert not sam.check_ins()
