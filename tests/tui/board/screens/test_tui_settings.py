"""The settings dialog: each change saved at once, undoable, and drawn."""

from __future__ import annotations

from datetime import UTC

import pytest
from textual.widgets import Select

from tests.tui_helpers import Told, screen_text
from tui.board.app import BondApp
from tui.board.screens.board import BoardScreen
from tui.board.screens.settings import SettingsScreen, interests_from

pytestmark = pytest.mark.slow  # `make check` leaves it to `make test`

SIZE = (100, 30)


@pytest.fixture
def app(store, tmp_path):
    return BondApp(store=store, theme_dir=tmp_path / "themes")


async def test_comma_opens_settings_and_his_name_is_saved_on_enter(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("comma")
        assert isinstance(app.screen, SettingsScreen)
        await pilot.press(*"Sam", "enter")
        assert store.settings.son_name == "Sam"
        await pilot.press(*"football, Minecraft,, drawing ", "tab")  # leaving the field saves it
        assert store.settings.interests == ("football", "Minecraft", "drawing")
        await pilot.press("escape")
        assert isinstance(app.screen, BoardScreen)
        await pilot.press("u")
        assert store.settings.interests == ()
        await pilot.press("u")
        assert store.settings.son_name == ""


async def test_what_she_typed_is_kept_when_she_leaves_with_escape(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("comma", *"[b]Sam[/]", "escape")
        assert store.settings.son_name == "[b]Sam[/]"
        await pilot.press("comma")
        assert "[b]Sam[/]" in screen_text(app)  # shown as typed, never as markup


async def test_day_start_hour_moves_today_back_before_it(app, store, clock):
    # 01:30 on Monday is still Sunday once the day starts at 4:00.
    from datetime import datetime

    clock.moment = datetime(2026, 11, 30, 1, 30, tzinfo=UTC)
    async with app.run_test(size=SIZE) as pilot:
        assert "Today · Monday 30 November" in screen_text(app)
        await pilot.press("comma")
        dialog = app.screen
        select = dialog.query_one("#day_start_hour", Select)
        select.focus()
        await pilot.press("enter", "down", "down", "down", "down", "enter")
        assert store.settings.day_start_hour == 4
        assert "4:00" in screen_text(app)
        await pilot.press("escape")
        assert "Today · Sunday 29 November" in screen_text(app)
        assert app.screen.day.isoformat() == "2026-11-29"  # the cursor follows today
        await pilot.press("u")
        assert store.settings.day_start_hour == 0
        assert "Today · Monday 30 November" in screen_text(app)


async def test_week_start_sunday_is_saved_and_redrawn(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("comma")
        app.screen.query_one("#week_start", Select).value = 6
        await pilot.pause()
        assert store.settings.week_start == 6
        assert "Sunday" in screen_text(app)


async def test_theme_chosen_in_settings_is_saved_and_undone(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("comma")
        app.screen.query_one("#theme", Select).value = "paper"
        await pilot.pause()
        assert app.theme == "paper" and store.settings.theme == "paper"
        await pilot.press("escape", "u")
        await pilot.pause()
        assert store.settings.theme != "paper" and app.theme != "paper"


@pytest.mark.parametrize("hers, env, shown", [("", "night", "night"), ("paper", "night", "paper"), ("", "nope", "hearth")])
async def test_textual_theme_is_honoured_unless_she_chose_one(store, tmp_path, monkeypatch, hers, env, shown):
    if hers:
        store.update_settings(theme=hers)
    monkeypatch.setenv("TEXTUAL_THEME", env)
    app = BondApp(store=store, theme_dir=tmp_path / "themes")
    async with app.run_test(size=SIZE):
        assert app.theme == shown
        assert store.settings.theme == hers  # the environment's choice is not written down


async def test_the_palette_opens_settings(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"Settings")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)


def test_interests_from_text():
    assert interests_from(" football ,, Minecraft , ") == ("football", "Minecraft")
    assert interests_from("") == ()


async def test_the_month_he_was_born_is_saved_and_a_wrong_one_loses_nothing_else(app, store):
    told = Told(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("comma", *"Sam", "tab", "tab", *"2017-13", "tab")
        assert store.settings.son_name == "Sam" and store.settings.born == ""
        assert "not the month he was born" in told
        app.screen.query_one("#born").value = ""
        app.screen.query_one("#born").focus()
        await pilot.press(*"2017-06", "enter")
        assert store.settings.born == "2017-06"
        await pilot.press("escape", "u")
        assert store.settings.born == "" and store.settings.son_name == "Sam"
