"""How the board looks: SVG snapshots with a frozen date and fixed data.

Update them with `make test PYTEST_ARGS="--snapshot-update"` after a deliberate change,
and look at the report (snapshot_report.html) before committing.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from store import Store
from tests.sample import fill
from tui.board.app import BondApp

pytestmark = pytest.mark.slow  # `make check` leaves it to `make test`


@pytest.fixture
def sample_app(db_path, clock, tmp_path):
    store = fill(Store.open(db_path, clock))
    yield lambda theme="hearth": _app(store, theme, tmp_path)
    store.close()


def _app(store, theme, tmp_path):
    store.update_settings(theme=theme)
    return BondApp(store=store, theme_dir=tmp_path / "themes")


async def _steady(pilot) -> None:
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


@pytest.mark.parametrize("theme", ["hearth", "paper"])
@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)])
def test_board(snap_compare, sample_app, theme, size):
    assert snap_compare(sample_app(theme), terminal_size=size, run_before=_steady)


def test_board_night_cursor_in_the_past(snap_compare, sample_app):
    assert snap_compare(sample_app("night"), terminal_size=(100, 30), press=["j", "j", "h", "h", "h"], run_before=_steady)


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (100, 30)])
def test_check_in_dialog(snap_compare, sample_app, size):
    async def open_dialog(pilot):
        await pilot.press("j", "j", "j", "j", "enter", "down")
        await _steady(pilot)

    assert snap_compare(sample_app(), terminal_size=size, run_before=open_dialog)


def test_check_in_dialog_scrolled_to_the_note(snap_compare, sample_app):
    async def type_a_note(pilot):
        await pilot.press("j", "j", "j", "j", "enter", "down", "enter", *"he laughed")
        await _steady(pilot)

    assert snap_compare(sample_app(), terminal_size=(60, 20), run_before=type_a_note)


def test_taking_back_a_check_in_with_a_note_asks_first(snap_compare, sample_app):
    async def space_on_a_note(pilot):
        await pilot.press("h", "h", "space")  # the sample holds a note two days ago
        await _steady(pilot)

    assert snap_compare(sample_app(), terminal_size=(80, 24), run_before=space_on_a_note)


def test_help(snap_compare, sample_app):
    async def open_help(pilot):
        await pilot.press("question_mark")
        await _steady(pilot)

    assert snap_compare(sample_app(), terminal_size=(100, 34), run_before=open_help)


def test_too_small(snap_compare, sample_app):
    assert snap_compare(sample_app(), terminal_size=(50, 15), run_before=_steady)
