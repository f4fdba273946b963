"""A first run leads her to his name: a welcome in the Today panel (not a dialog) until his name is set,
settings are opened or she checks in; and the footer always shows Settings, Help and Quit."""

from __future__ import annotations

import pytest

from store import Store
from tests.tui_helpers import screen_text
from tui.board.app import BondApp
from tui.board.screens.board import BoardScreen

WELCOME = "Welcome! Press , to tell"


def panel(app) -> str:
    return " ".join(screen_text(app).split("╰")[0].replace("│", " ").split())


async def open_board(store, tmp_path, size=(100, 30)):
    app = BondApp(store=store, theme_dir=tmp_path / "themes")
    return app, app.run_test(size=size)


async def test_an_empty_database_is_welcomed_and_every_key_works_as_always(store, tmp_path):
    app, running = await open_board(store, tmp_path)
    async with running as pilot:
        await pilot.pause()
        assert WELCOME in panel(app) and "0 of 7 strategies touched today" in panel(app)
        assert isinstance(app.screen, BoardScreen)  # not a dialog: the board has the keys
        await pilot.press("j", "space")
        assert store.is_done("freedom", store.today())
        assert WELCOME not in panel(app) and "1 of 7 strategies touched today" in panel(app)
    with Store.open(store.path, store.clock, read_only=True) as again:
        assert [c.strategy for c in again.check_ins()] == ["freedom"]  # on disk before it was shown


async def test_settings_opened_and_closed_puts_the_welcome_away_for_good(db_path, clock, tmp_path):
    with Store.open(db_path, clock) as store:
        app, running = await open_board(store, tmp_path)
        async with running as pilot:
            await pilot.press("comma")
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, BoardScreen) and WELCOME not in panel(app)
    with Store.open(db_path, clock) as store:
        assert not store.welcome_due and store.undo() is None  # not an undo step
        app, running = await open_board(store, tmp_path)
        async with running as pilot:
            await pilot.pause()
            assert WELCOME not in panel(app)


def test_his_name_or_any_check_in_means_no_welcome(db_path, clock):
    with Store.open(db_path, clock) as store:
        assert store.welcome_due
        store.update_settings(son_name="Sam")
        assert not store.welcome_due
        store.update_settings(son_name="")
        assert store.welcome_due
        store.check_in("talk")
        assert not store.welcome_due


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)])
async def test_the_footer_shows_settings_help_and_quit_at_every_size(store, tmp_path, size):
    app, running = await open_board(store, tmp_path, size)
    async with running as pilot:
        await pilot.pause()
        footer = screen_text(app).split("\n")[-1]
        assert ", Settings" in footer and "? Help" in footer and "q Quit" in footer, footer
        await pilot.press("n")  # a key the narrow footer leaves out still works
        await pilot.press("question_mark")
        assert "Show another suggestion" in screen_text(app) or "Idea" in screen_text(app)
