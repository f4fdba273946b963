"""The week in review on the board: `w`, the palette, his words in view at 100×30, and the evening invitation."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.tui_helpers import Told, screen_text
from tui.board.app import BondApp
from tui.board.screens.board import BoardScreen
from tui.board.screens.review import ReviewScreen

pytestmark = pytest.mark.slow  # `make check` leaves it to `make test`


@pytest.fixture
def app(store, tmp_path):
    return BondApp(store=store, theme_dir=tmp_path / "themes")


async def test_w_opens_the_week_with_his_words_in_view(app, store):
    for number in range(6):
        store.check_in("affection", note=f"older note {number}")
    store.check_in("talk", note="he wants to learn the guitar", went="great")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("w")
        assert isinstance(app.screen, ReviewScreen)
        shown = screen_text(app)
        assert "What he said" in shown and "he wants to learn the guitar" in shown  # the newest, unscrolled
        assert "The week of Mon 23 Nov to Sun 29 Nov 2026" in shown
        await pilot.press("left_square_bracket")
        assert "The week of Mon 16 Nov" in screen_text(app) and "No notes this week" in screen_text(app)
        await pilot.press("right_square_bracket", "right_square_bracket")  # not past this week
        assert "The week of Mon 23 Nov" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, BoardScreen)


async def test_the_evening_her_week_ends_the_panel_invites_the_review_once(app, store, clock):
    clock.moment = datetime(2026, 11, 29, 17, 0, tzinfo=UTC)  # Sunday, her week's last day, before the evening
    async with app.run_test(size=(100, 30)) as pilot:
        assert "Your week ends tonight" not in screen_text(app)
        clock.moment = datetime(2026, 11, 29, 19, 0, tzinfo=UTC)
        app.screen.panel.refresh_content()
        await pilot.pause()
        assert "Your week ends tonight: press w" in screen_text(app)
        assert app.screen.panel.query_one("#action").render()  # the suggestion stays a strategy's action
        await pilot.press("w", "escape")
        await pilot.pause()
        assert "Your week ends tonight" not in screen_text(app)


async def test_the_palette_offers_the_week_in_review(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p", *"week in review")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)


async def test_the_palette_saves_the_year_as_a_page_beside_the_data(app, store):
    store.check_in("talk", note="he liked the <b>film</b>")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p", *"save the year")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
    page = store.path.with_name(f"{store.path.stem}-year-2026.html").read_text()
    assert page.startswith("<!DOCTYPE html>") and "he liked the &lt;b&gt;film&lt;/b&gt;" in page


async def test_p_in_the_review_plans_a_day_and_a_wrong_day_is_told(app, store):
    told = Told(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("w", "p", *"someday", "enter")
        assert store.plans() == [] and "is not a date" in told
        app.screen.query_one("#day").value = ""
        await pilot.press(*"sat", "tab", *"Bowling", "enter")
        await pilot.pause()
        assert [(p.strategy, p.day.isoformat(), p.action) for p in store.plans()] == [("talk", "2026-12-05", "Bowling")]
        assert isinstance(app.screen, ReviewScreen)
        assert "Planned ahead" in screen_text(app) and "Bowling" in screen_text(app)


async def test_a_tap_on_the_invitation_opens_the_week(app):
    async with app.run_test(size=(100, 30)) as pilot:
        invite = app.screen.panel.query_one("#invite")
        assert invite.display
        await pilot.click(invite)
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
