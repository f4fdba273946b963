"""Away periods in the app: added from a small dialog, shown as `-` on the board, removed from the list."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Input

from tests.tui_helpers import screen_text, widget_text
from tui.board.app import BondApp
from tui.board.screens.away import AwayScreen, read_day

pytestmark = pytest.mark.slow  # `make check` leaves it to `make test`

SIZE = (100, 30)


@pytest.fixture
def app(store, tmp_path):
    return BondApp(store=store, theme_dir=tmp_path / "themes")


def talk_row(app) -> str:
    return [line for line in screen_text(app).split("\n") if "Talk with him" in line][-1]


def talk_cells(app) -> str:
    """The talk row's day cells: after the title, before the streak column."""
    return talk_row(app).split("grown-up")[1].split(" days")[0]


async def open_away(app, pilot) -> AwayScreen:
    await pilot.press("ctrl+p", *"Away")
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, AwayScreen)
    return app.screen


async def test_add_a_period_reaching_into_the_future_then_remove_it(app, store):
    async with app.run_test(size=SIZE) as pilot:
        assert "-" not in talk_cells(app)
        dialog = await open_away(app, pilot)
        assert "No away periods yet." in screen_text(app)
        await pilot.press(*"-2", "enter", *"2026-12-05", "enter", *"camp [b]", "enter")
        await pilot.pause()
        assert [(a.start, a.end, a.reason) for a in store.away_periods()] == [
            (date(2026, 11, 27), date(2026, 12, 5), "camp [b]")]
        listed = widget_text(app, dialog.query_one("#periods"))
        assert "Fri 27 Nov 2026 – Sat 05 Dec 2026 · camp [b]" in listed
        assert dialog.query_one("#start", Input).value == ""  # ready for another
        await pilot.press("escape")
        assert talk_cells(app).count("-") == 3  # Fri, Sat and Sun, today, show away
        dialog = await open_away(app, pilot)
        dialog.query_one("#periods").focus()
        await pilot.press("delete")
        assert store.away_periods() == []
        assert "No away periods yet." in screen_text(app)
        await pilot.press("escape")
        assert talk_cells(app).count("-") == 0
        await pilot.press("u")
        assert len(store.away_periods()) == 1


async def test_overlapping_periods_merge_and_say_so(app, store):
    store.add_away(date(2026, 12, 20), date(2026, 12, 27), "grandma")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_away(app, pilot)
        await pilot.press(*"2026-12-26", "enter", *"2027-01-02", "enter", *"camp", "enter")
        await pilot.pause()
        assert [(a.start, a.end, a.reason) for a in store.away_periods()] == [
            (date(2026, 12, 20), date(2027, 1, 2), "grandma; camp")]
        assert any("merged with 1" in n.message for n in app._notifications)


async def test_a_bad_date_or_a_reversed_range_writes_nothing(app, store, db_path):
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        dialog = await open_away(app, pilot)
        await pilot.press(*"soon", "enter", "enter", "enter")
        assert "'soon' is not a date" in widget_text(app, dialog.query_one("#error")).replace("\n", " ")
        dialog.query_one("#start", Input).value = "2026-12-05"
        dialog.query_one("#end", Input).value = "2026-12-01"
        dialog.add()
        await pilot.pause()
        assert store.away_periods() == [] and app.screen is dialog
        assert any("before it starts" in n.message for n in app._notifications)


def test_read_day_allows_the_future_but_reads_the_usual_forms():
    today = date(2026, 11, 29)
    assert read_day("2027-07-01", today) == date(2027, 7, 1)
    assert read_day("yesterday", today) == date(2026, 11, 28)
    assert read_day("-7", today) == date(2026, 11, 22)
