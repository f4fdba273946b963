"""Every key that changes nothing says why, and every notice of a change names the day when it is not today."""

from __future__ import annotations

from datetime import timedelta

from tests.tui_helpers import Told, grid_rows
from tui.board.app import BondApp

SIZE = (100, 30)


def app_for(store, tmp_path):
    app = BondApp(store=store, theme_dir=tmp_path / "themes")
    return app, Told(app)


async def test_a_backfill_a_skip_and_its_take_back_each_say_what_and_which_day(store, tmp_path):
    app, told = app_for(store, tmp_path)
    friday = store.today() - timedelta(days=2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h", "h", "space")
        assert store.is_done("talk", friday)
        assert "Logged Talk with him like a grown-up on Fri 27 Nov." in told
        await pilot.press("s")  # a day already done: nothing to skip, and it says why
        assert not store.is_skipped("talk", friday)
        assert "done on Fri 27 Nov: nothing to skip" in told
        await pilot.press("j", "s")
        assert store.is_skipped("freedom", friday)
        assert "Skipped Give him more freedom on Fri 27 Nov: its streak waits." in told
        await pilot.press("s")
        assert not store.is_skipped("freedom", friday)
        assert "Took back the skip of Give him more freedom on Fri 27 Nov." in told
        await pilot.press("l", "l", "s")
        assert "Skipped Give him more freedom today: its streak waits." in told
        assert "~" in grid_rows(app.screen)["Give him"]


async def test_keys_that_change_nothing_say_why(store, tmp_path):
    app, told = app_for(store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("shift+up")
        assert "Talk with him like a grown-up is already at the top." in told
        await pilot.press("u")
        assert "Nothing to undo." in told
        await pilot.press("ctrl+r")
        assert "Nothing to redo." in told
    store.add_away(store.today(), store.today() + timedelta(days=3), "camp")
    app, told = app_for(store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        assert any(message.startswith("Nothing to log: Away until") for message, _ in told.messages), told.messages
        await pilot.press("n")
        assert "Nothing to suggest right now." in told
        assert store.check_ins() == []


async def test_the_dialogs_notice_names_a_past_day(store, tmp_path):
    app, told = app_for(store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h", "enter", "tab", *"Asked about robots", "enter", "enter")
        assert "Logged: Asked about robots on Sat 28 Nov" in told
