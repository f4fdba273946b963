"""The installed `bondtui` in a real terminal: tmux runs it, the test reads the screen
and types keys as she would, then checks the data file and `bondtui streaks --json`.

tmux runs on a private socket (`tmux -L`), so other sessions are never touched, and
its server is killed when the test ends.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

# `make check` leaves it to `make test`, which runs it alone: it times what she sees to the second
pytestmark = [pytest.mark.slow, pytest.mark.serial]

BONDTUI = Path(sys.executable).parent / "bondtui"
NOW = "2026-11-29T20:00:00+00:00"  # a Sunday evening
WIDTH, HEIGHT = 100, 30
ACTION = "Fixed his bike chain together"
NOTE = "He showed me the trick with the derailleur — très fier"


def bondtui_env(tmp_path: Path) -> dict[str, str]:
    """The app's environment: our data file, a frozen clock, a fixed zone, nothing from her home."""
    return {
        "BONDTUI_DB": str(tmp_path / "bond.json"),
        "BONDTUI_NOW": NOW,
        "TZ": "UTC",
        "HOME": str(tmp_path / "home"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "LANG": "C.UTF-8",
    }


class Tmux:
    """One detached tmux session on its own server."""

    def __init__(self, tmp_path: Path) -> None:
        self.socket = f"bondtui-test-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.target = "board"
        self.env = {key: value for key, value in os.environ.items()
                    if not key.startswith(("TMUX", "BONDTUI", "TEXTUAL"))}
        self.env.update({"HOME": str(tmp_path / "home"), "LANG": "C.UTF-8"})
        self.socket_path: str | None = None

    def tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        # -u: UTF-8 whatever the locale; -f /dev/null: no user configuration.
        return subprocess.run(["tmux", "-u", "-L", self.socket, "-f", "/dev/null", *args], env=self.env,
                              capture_output=True, text=True, timeout=10, check=check)

    def start(self, command: str) -> None:
        self.tmux("new-session", "-d", "-s", self.target, "-x", str(WIDTH), "-y", str(HEIGHT), command)
        self.tmux("set-option", "-t", self.target, "escape-time", "0", check=False)
        self.socket_path = self.tmux("display-message", "-p", "#{socket_path}").stdout.strip() or None

    def kill(self) -> None:
        self.tmux("kill-server", check=False)
        if self.socket_path and Path(self.socket_path).name == self.socket:
            Path(self.socket_path).unlink(missing_ok=True)  # tmux leaves the socket file behind

    def screen(self) -> str:
        shown = self.tmux("capture-pane", "-p", "-t", self.target, check=False)
        return shown.stdout if shown.returncode == 0 else ""

    def wait_for(self, found, what: str, timeout: float = 10.0) -> str:
        """Re-capture until `found(screen)` is true; fail with the last screen if it never is."""
        if isinstance(found, str):
            needle = found
            found = lambda screen: needle in screen  # noqa: E731
        deadline = time.monotonic() + timeout
        screen = self.screen()
        while not found(screen):
            if time.monotonic() > deadline:
                pytest.fail(f"waited {timeout:.0f} s for {what}; the screen was:\n{screen}")
            time.sleep(0.1)
            screen = self.screen()
        return screen

    def press(self, *keys: str) -> None:
        """Keys by tmux name (Space, Enter, Tab, Escape), one at a time."""
        for key in keys:
            self.tmux("send-keys", "-t", self.target, key)
            time.sleep(0.05)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", self.target, "-l", text)


def suggestion(screen: str) -> str:
    """The suggestion line of the Today panel."""
    for line in screen.splitlines():
        if "♥" in line:
            return line.split("♥", 1)[1].strip(" │")
    return ""


def row(screen: str, title_start: str) -> str:
    return next((line for line in screen.splitlines() if line.strip().startswith(title_start)), "")


def saved_check_ins(tmp_path: Path) -> list[dict]:
    path = tmp_path / "bond.json"
    if not path.exists():
        return []
    return sorted(json.loads(path.read_text())["checkins"].values(), key=lambda c: (c.get("at", ""), c["id"]))


def line_of(screen: str, text: str) -> int:
    return next(i for i, line in enumerate(screen.splitlines()) if text in line)


@pytest.fixture
def tmux(tmp_path):
    if shutil.which("tmux") is None:
        if os.environ.get("CI"):
            pytest.fail("tmux is not installed; CI needs it for the end-to-end test")
        pytest.skip("tmux is not installed")
    session = Tmux(tmp_path)
    try:
        yield session
    finally:
        session.kill()


def test_a_day_at_the_board_in_a_real_terminal(tmux, tmp_path):
    assert BONDTUI.exists(), f"{BONDTUI} is not installed; run `make test` or `pip install -e .`"
    env = bondtui_env(tmp_path)
    command = " ".join(["env", *(shlex.quote(f"{key}={value}") for key, value in env.items()),
                        shlex.quote(str(BONDTUI))])
    tmux.start(f"{command}; echo \"BONDTUI-EXITED:$?\"; sleep 5")

    # The board.
    screen = tmux.wait_for(lambda s: "Today" in s and "Talk with him" in s and "Commands" in s, "the board", 20)
    assert "Today · Sunday 29 November" in screen
    assert "0 of 7 strategies touched today" in screen
    assert "not yet" in row(screen, "Talk with him") and "·" not in row(screen, "Talk with him")

    # space: talk is done today.
    tmux.press("Space")
    screen = tmux.wait_for(lambda s: "done ✓" in row(s, "Talk with him"), "talk checked in", 5)
    talk = row(screen, "Talk with him")
    assert "✓" in talk.split("done ✓")[0] and "1 day" in talk
    assert "1 of 7 strategies touched today" in screen

    # d: the suggestion is logged.
    logged_idea = suggestion(screen)
    assert logged_idea
    tmux.press("d")
    screen = tmux.wait_for(lambda s: "Logged:" in s and suggestion(s) != logged_idea, "the suggestion logged", 5)
    after_d = saved_check_ins(tmp_path)
    assert len(after_d) == 2
    did_it = next(c for c in after_d if c["action"])
    assert did_it["day"] == "2026-11-29" and logged_idea.rstrip("…").strip() in did_it["action"]

    # n: another idea.
    shown = suggestion(screen)
    tmux.press("n")
    screen = tmux.wait_for(lambda s: suggestion(s) not in ("", shown), "another idea after n", 5)

    # u: the `d` check-in is taken back.
    tmux.press("u")
    screen = tmux.wait_for("Undid", "the undo notice", 5)
    screen = tmux.wait_for("1 of 7 strategies touched today", "the board after undo", 5)
    assert "done ✓" in row(screen, "Talk with him")  # the space check-in stays
    assert "Undid the check-in of" in screen
    assert [c["id"] for c in saved_check_ins(tmp_path)] == [c["id"] for c in after_d if c is not did_it]

    # enter: the dialog; Tab to the custom field, type, Enter to the note, type, Enter logs.
    tmux.press("Enter")
    tmux.wait_for("Or in your own words", "the check-in dialog", 5)
    time.sleep(0.4)  # let the dialog settle focus on its list
    tmux.press("Tab")
    time.sleep(0.4)
    tmux.type(ACTION)
    screen = tmux.wait_for(ACTION, "the typed action", 5)
    assert line_of(screen, "Or in your own words") < line_of(screen, ACTION) < line_of(screen, "A note to remember")
    tmux.press("Enter")
    time.sleep(0.4)
    tmux.type(NOTE)
    screen = tmux.wait_for("très fier", "the typed note", 5)
    assert line_of(screen, "A note to remember") < line_of(screen, "très fier")
    assert line_of(screen, ACTION) < line_of(screen, "A note to remember")  # the action stayed in its field
    tmux.press("Enter")
    screen = tmux.wait_for(lambda s: "Or in your own words" not in s and "Today ·" in s, "the board after the dialog", 5)
    screen = tmux.wait_for(lambda s: "Logged:" in s and "Fixed his bike" in s, "the dialog's Logged notice", 5)

    # ?: help; Escape closes it.
    tmux.press("?")
    screen = tmux.wait_for(lambda s: "Keys · escape closes this page" in s and "Close a dialog" in s, "the help screen", 5)
    tmux.press("Escape")
    tmux.wait_for(lambda s: "escape closes this page" not in s and "Talk with him" in s, "the board after help", 5)

    # q: the app ends, cleanly.
    tmux.press("q")
    screen = tmux.wait_for(lambda s: "BONDTUI-EXITED:" in s or not s, "the app to exit", 10)
    assert "BONDTUI-EXITED:0" in screen, screen
    assert "Traceback" not in screen

    # What the app saved, read by the command line and from the file.
    child_env = {key: value for key, value in os.environ.items() if not key.startswith(("BONDTUI", "TEXTUAL"))}
    done = subprocess.run([str(BONDTUI), "streaks", "--json"], env=child_env | env,
                          capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    rows = {r["key"]: r for r in json.loads(done.stdout)}
    assert rows["talk"]["done_today"] is True and rows["talk"]["current"] == 1
    assert sum(r["done_today"] for r in rows.values()) == 1  # the `d` check-in was undone

    check_ins = saved_check_ins(tmp_path)
    assert {c["strategy"] for c in check_ins} == {"talk"} and {c["day"] for c in check_ins} == {"2026-11-29"}
    assert sorted((c["action"], c["note"]) for c in check_ins) == [("", ""), (ACTION, NOTE)]
    assert did_it["id"] not in {c["id"] for c in check_ins}
    data = json.loads((tmp_path / "bond.json").read_text())
    assert not data["redo"]  # the dialog's check-in, a new change, cleared the undone step
    assert len(data["undo"]) == 2


def test_two_boards_and_the_command_line_see_each_other_within_a_second(tmux, tmp_path):
    env = bondtui_env(tmp_path)
    command = " ".join(["env", *(shlex.quote(f"{key}={value}") for key, value in env.items()), shlex.quote(str(BONDTUI))])
    tmux.start(command)
    tmux.tmux("new-window", "-t", "board", command)  # a second board, in a second window of the same size

    def window(number: int) -> str:
        return tmux.tmux("capture-pane", "-p", "-t", f"board:{number}", check=False).stdout

    for number in (0, 1):
        tmux.wait_for(lambda s, n=number: "Talk with him" in window(n) and "Commands" in window(n), f"board {number}", 20)

    # The command line, while both boards are open.
    child_env = {key: value for key, value in os.environ.items() if not key.startswith(("BONDTUI", "TEXTUAL"))}
    done = subprocess.run([str(BONDTUI), "done", "affection"], env=child_env | env, capture_output=True, text=True,
                          timeout=30)
    assert done.returncode == 0, done.stderr
    for number in (0, 1):
        tmux.wait_for(lambda s, n=number: "done ✓" in row(window(n), "Show affection"), f"board {number} showing it", 1)

    # A check-in on the second board shows on the first.
    tmux.tmux("send-keys", "-t", "board:1", "Space")  # Talk, on board 1
    tmux.wait_for(lambda s: "done ✓" in row(window(0), "Talk with him"), "board 0 showing board 1's check-in", 1.5)

    # u on the first board takes back the newest change, made on the second, and says so.
    tmux.tmux("send-keys", "-t", "board:0", "u")
    screen = tmux.wait_for(lambda s: "Undid" in window(0), "the undo notice", 5)
    screen = window(0)
    assert "made on another board at 20:00" in " ".join(screen.split()), screen
    tmux.wait_for(lambda s: "done ✓" not in row(window(1), "Talk with him"), "board 1 showing the undo", 1.5)
    assert "done ✓" in row(window(1), "Show affection")
    assert {c["strategy"] for c in saved_check_ins(tmp_path)} == {"affection"}


def test_switching_children_in_a_real_terminal(tmux, tmp_path):
    """Three children: the board names whose it is, c moves on (fast, twice in one call), the command line follows."""
    from datetime import datetime

    from store import FixedClock, Store

    env = bondtui_env(tmp_path)
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
