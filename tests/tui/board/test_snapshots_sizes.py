"""Every screen at 60×20, 80×24 and 120×40: SVG snapshots with a frozen date and fixed data.

(The command palette is held by tests/tui/board/test_tui_sizes.py instead: its snapshot's styling depends on
which screens earlier tests in the same process opened.)

Update them with `make test PYTEST_ARGS="--snapshot-update"` after a deliberate change, and look
at each (rsvg-convert -o x.png file.svg) before committing.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from store import Store
from tests.sample import fill
from tui.board.app import BondApp

pytestmark = pytest.mark.slow  # `make check` leaves it to `make test`

SIZES = [(60, 20), (80, 24), (120, 40)]


@pytest.fixture
def sample_app(db_path, clock, tmp_path):
    store = fill(Store.open(db_path, clock))
    store.update_settings(theme="hearth", son_name="Sam", interests=("football", "Minecraft"))
    store.add_strategy("read", title="Read together", cadence="1 per week")
    store.archive_strategy("read")
    yield BondApp(store=store, theme_dir=tmp_path / "themes")
    store.close()


async def _steady(pilot) -> None:
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()
    await pilot.pause()


def _keys(*keys: str):
    async def run(pilot):
        await pilot.press(*keys)
        await _steady(pilot)
    return run


def _call(method: str):
    async def run(pilot):
        getattr(pilot.app, method)()
        await _steady(pilot)
    return run


async def _edit_check_in(pilot):
    from tui.board.screens.edit_checkin import EditCheckInScreen

    store = pilot.app.store
    noted = [c for c in store.check_ins("talk") if c.note][-1]
    pilot.app.push_screen(EditCheckInScreen(store, noted))
    await _steady(pilot)


async def _children(pilot):
    family = pilot.app.store.family
    family.add("Leo", born="2015-03", interests="chess")
    family.add("Mia", born="2019-07")
    pilot.app.store_changed.publish(None)
    await pilot.press("c")  # Leo's board, Sam and Mia beside him from 100 columns
    await _steady(pilot)


SCREENS = {
    "check-in": _keys("j", "j", "j", "j", "enter", "down"),
    "help": _keys("question_mark"),
    "history-one": _keys("i"),
    "history-all": _keys("i", "tab"),
    "settings": _keys("comma"),
    "settings-day-start-open": _keys("comma", "tab", "tab", "tab", "tab", "enter"),
    "editor": _keys("j", "j", "j", "e"),
    "away": _call("open_away"),
    "archived": _call("open_archived"),
    "edit-check-in": _edit_check_in,
    "confirm": _keys("h", "h", "space"),
    "review": _keys("w"),
    "children": _children,
    "add-child": _call("add_child"),
}


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("screen", SCREENS)
def test_every_screen_at_every_size(snap_compare, sample_app, screen, size):
    assert snap_compare(sample_app, terminal_size=size, run_before=SCREENS[screen])
