"""The board's start builds the board and nothing else: screens, dialogs and export load when first used."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import ROOT
from tests.sample import fill

pytestmark = pytest.mark.slow  # `make check` leaves it to `make test`

# The real entry point, headless, stopped at its first frame (as bench/first_frame.py does).
FIRST_FRAME = """
import json, sys
from functools import partialmethod
from textual.app import App
from tui import main as cli
from tui.board import app

def first_frame(self):
    print(json.dumps({"modules": sorted(sys.modules), "screen": type(self.screen).__name__,
                      "grid": [strip.text for strip in self.screen.grid.render_lines(self.screen.grid.region.reset_offset)],
                      "today": str(self.screen.panel.query_one("#action").render())}))
    self.exit()

app.BondApp.on_ready = first_frame
app.BondApp.run = partialmethod(App.run, headless=True)
for stream in (sys.stdin, sys.stdout):
    stream.isatty = lambda: True
sys.exit(cli.main(["--db", sys.argv[1]]))
"""

# Opened by a key, the palette or a command: none is needed to draw the board.
LATER = {
    "tui.board.screens.history", "tui.board.screens.strategy_editor", "tui.board.screens.settings", "tui.board.screens.away",
    "tui.board.screens.archived", "tui.board.screens.checkin", "tui.board.screens.edit_checkin", "tui.board.screens.help",
    "tui.board.screens.confirm", "tui.board.screens.dialog", "tui.board.palette", "tui.transfer", "tui.cli.manage",
    "tui.cli.commands",
    "store.transfer.export", "store.transfer.importers", "store.transfer.merge", "store.model.history",
}


def first_frame(db: Path) -> dict:
    env = {**os.environ, "BONDTUI_NOW": "2026-11-29T20:00:00+00:00", "BONDTUI_CONFIG": str(db.parent / "none.toml")}
    done = subprocess.run(
        [sys.executable, "-c", FIRST_FRAME, str(db)], capture_output=True, text=True, env=env, cwd=ROOT, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_first_frame_shows_the_board_and_loads_nothing_it_does_not_draw(store, db_path):
    fill(store)
    store.close()
    shown = first_frame(db_path)
    assert shown["screen"] == "BoardScreen"
    assert any("Talk with him" in line and "✓" in line for line in shown["grid"])  # the board is drawn
    assert shown["today"].strip()  # and today's suggestion
    assert {"tui.board.screens.board", "tui.board.widgets.grid", "tui.board.widgets.today"} <= set(shown["modules"])
    assert not LATER & set(shown["modules"]), sorted(LATER & set(shown["modules"]))


def _done_colour(grid) -> str:
    """The colour of the first "✓" cell the grid draws."""
    for strip in grid.render_lines(grid.region.reset_offset):
        for segment in strip:
            if segment.text == " ✓ ":
                return str(segment.style.color.triplet)
    raise AssertionError("no check-in drawn")


async def test_the_board_drawn_once_per_shape_still_follows_the_theme_the_focus_and_the_data(store, tmp_path):
    from tui.board.app import BondApp

    fill(store)
    app = BondApp(store=store, theme_dir=tmp_path / "themes")
    async with app.run_test(size=(100, 30)) as pilot:
        grid = app.screen.grid
        hearth = _done_colour(grid)
        app.theme = "paper"
        await pilot.pause()
        assert _done_colour(grid) != hearth
        focused = [strip.text for strip in grid.render_lines(grid.region.reset_offset)]
        cursor = [str(s.style) for strip in grid.render_lines(grid.region.reset_offset) for s in strip]
        app.screen.set_focus(None)  # the cursor dims when the grid loses focus
        await pilot.pause()
        assert [str(s.style) for strip in grid.render_lines(grid.region.reset_offset) for s in strip] != cursor
        app.screen.set_focus(grid)
        await pilot.press("space")  # today's check-in on the first strategy
        assert [strip.text for strip in grid.render_lines(grid.region.reset_offset)] != focused
