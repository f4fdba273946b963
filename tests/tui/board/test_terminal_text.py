"""Text she typed reaches a terminal shown, never obeyed: an export to a terminal escapes control and
bidirectional characters (to a file or a pipe it is the data as it is), and the board shows them escaped."""

from __future__ import annotations

import subprocess

import pytest

from tests.helpers_pty import BONDTUI, PtyProcess, pty_env
from tests.tui_helpers import grid_rows
from tui.board.app import BondApp
from tui.text import for_terminal, printable

OSC52 = "\x1b]52;c;aGk=\x07"  # writes to the clipboard when a terminal obeys it
RLO = "\u202e"  # right-to-left override: reorders the rest of the line


@pytest.mark.parametrize("char", ["\x1b", "\x07", "\x9b", RLO, "\u2066", "\u200f", "\u061c"])
def test_printable_shows_every_control_and_bidi_character(char):
    assert char not in printable(f"a{char}b") and char not in for_terminal(f"a{char}b\r\n")


def _with_hostile_note(tmp_path) -> dict:
    env = pty_env(tmp_path)
    note = f"he laughed{OSC52}{RLO}olleh"
    done = subprocess.run([str(BONDTUI), "done", "talk", "--note", note], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return env


@pytest.mark.parametrize("format", ["csv", "json"])
def test_an_export_to_a_terminal_shows_controls_escaped(tmp_path, format):
    env = _with_hostile_note(tmp_path)
    with PtyProcess([str(BONDTUI), "export", "--format", format], env) as terminal:
        assert terminal.wait(20) == 0
    seen = terminal.output.decode()
    assert "he laughed" in seen and "\x1b]52" not in seen and RLO not in seen and "\x07" not in seen
    assert "\\x1b]52" in seen or "\\u001b]52" in seen


def test_an_export_to_a_pipe_is_the_data_as_it_is(tmp_path):
    env = _with_hostile_note(tmp_path)
    piped = subprocess.run([str(BONDTUI), "export", "--format", "csv"], env=env, capture_output=True, text=True)
    assert piped.returncode == 0 and OSC52 + RLO in piped.stdout


async def test_a_right_to_left_override_in_a_title_does_not_turn_a_board_row(store, tmp_path):
    store.update_strategy("talk", title=f"Talk{RLO} backwards")
    app = BondApp(store=store, theme_dir=tmp_path / "themes")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        rows = grid_rows(app.screen)
        row = next(text for title, text in rows.items() if "backwards" in title)
        assert RLO not in row and RLO not in "".join(rows) and "\\u202e" in "".join(rows)
