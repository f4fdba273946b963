"""The strategy editor, reordering, archiving and deleting, pressed key by key in the app."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Static

from tests.tui_helpers import screen_text, widget_text
from tui.board.app import BondApp
from tui.board.screens.archived import ArchivedScreen, DeleteScreen
from tui.board.screens.board import BoardScreen
from tui.board.screens.strategy_editor import StrategyEditor

pytestmark = pytest.mark.slow  # `make check` leaves it to `make test`

SIZE = (100, 30)


@pytest.fixture
def app(store, tmp_path):
    return BondApp(store=store, theme_dir=tmp_path / "themes")


def board_row(app, title: str) -> str:
    """The board's row of a strategy (the Today panel above may name it too)."""
    return [line for line in screen_text(app).split("\n") if title in line][-1]


async def test_a_new_strategy_on_the_board_in_two_keys_and_its_title(app, store):
    title = "Walk the dog"
    keys = ["a", *title, "ctrl+s"]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        added = store.strategies()[-1]
        assert (added.title, str(added.cadence), added.actions) == (title, "daily", ())
        assert title in screen_text(app)
        assert app.screen.selected_key() == added.key  # the cursor is on it
    assert len(keys) - len(title) == 2  # the count of keys besides typing the title


async def test_editing_title_cadence_and_actions_with_sizes(app, store):
    async with app.run_test(size=SIZE) as pilot:
        assert "0 weeks" in board_row(app, "Mom & son date")
        await pilot.press("j", "j", "j", "e")  # Mom & son date
        editor = app.screen
        assert isinstance(editor, StrategyEditor)
        assert editor.query_one("#title", Input).value == "Mom & son date"
        editor.query_one("#cadence", Input).value = ""
        editor.query_one("#cadence", Input).focus()
        await pilot.press(*"weekly on fri")
        editor.query_one("#action-text", Input).focus()
        await pilot.press(*"Go bowling")
        await pilot.press("tab", "enter", "down", "down", "enter")  # the size: outing
        await pilot.press("enter")  # from the size to Add
        await pilot.pause()
        assert "Go bowling" in widget_text(app, editor.query_one("#actions"))
        await pilot.press("ctrl+s")
        await pilot.pause()
        strategy = store.strategy("date")
        assert str(strategy.cadence) == "weekly on fri"
        assert strategy.actions[-1] == "Go bowling" and strategy.size_of("Go bowling") == "outing"
        assert "0 times" in board_row(app, "Mom & son date")  # its streak now counts Fridays


async def test_actions_edit_remove_and_reorder(app, store):
    before = store.strategy("talk").actions
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        editor = app.screen
        editor.query_one("#actions").focus()
        await pilot.press("shift+down")  # the first action becomes the second
        await pilot.press("down", "delete")  # the third one goes
        await pilot.press("home", "enter")  # edit the (new) first one
        field = editor.query_one("#action-text", Input)
        assert field.value == before[1]
        field.value = "Ask what he thinks of the news"
        await pilot.press("enter")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert store.strategy("talk").actions == ("Ask what he thinks of the news", before[0], *before[3:])


async def test_the_cadence_preview_follows_what_she_types(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        editor = app.screen
        preview = editor.query_one("#preview", Static)
        cadence = editor.query_one("#cadence", Input)
        cadence.value = ""
        cadence.focus()
        await pilot.press(*"weekly on fri")
        await pilot.pause()
        # Today is Sunday 29 Nov 2026.
        assert widget_text(app, preview).strip() == "on Fridays · next: Fri 4 Dec, Fri 11 Dec, Fri 18 Dec, …"
        assert not cadence.has_class("-invalid")
        await pilot.press("backspace", "backspace", "backspace", *"xyz")
        await pilot.pause()
        assert " ".join(widget_text(app, preview).split()) == (
            "'weekly on xyz' names 'xyz', which is not a day: use mon tue wed thu fri sat sun")
        assert cadence.has_class("-invalid")
        editor.query_one("#title", Input).value = "Bake"
        await pilot.press("ctrl+s")  # refused: the dialog stays, nothing written
        await pilot.pause()
        assert app.screen is editor and len(store.strategies()) == 7
        cadence.value = "every 3 days"
        await pilot.pause()
        assert widget_text(app, preview).strip().startswith("every 3 days · next: Sun 29 Nov, Wed 2 Dec, Sat 5 Dec")


async def test_an_empty_title_is_refused_in_the_dialog(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "ctrl+s")
        assert isinstance(app.screen, StrategyEditor)
        assert "Give it a title" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, BoardScreen) and len(store.strategies()) == 7


async def test_two_fast_saves_close_once_and_add_once(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", *"Paint")
        editor = app.screen
        editor.action_save()
        editor.action_save()  # before the first one has closed the dialog
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert [s.title for s in store.strategies()].count("Paint") == 1


async def test_shift_arrows_move_the_strategy_and_undo_puts_it_back(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("shift+down")
        assert [s.key for s in store.strategies()][:2] == ["freedom", "talk"]
        assert app.screen.selected_key() == "talk"  # the cursor goes with it
        text = screen_text(app)
        assert text.index("Give him more freedom") < text.index("Talk with him")
        await pilot.press("shift+up", "shift+up")  # the top stays the top
        assert [s.key for s in store.strategies()][:2] == ["talk", "freedom"]
        await pilot.press("u")
        assert [s.key for s in store.strategies()][:2] == ["freedom", "talk"]


async def test_archive_then_restore_from_the_list(app, store):
    store.check_in("date", store.today(), "Burgers")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j", "j", "A")
        assert "date" not in [s.key for s in store.strategies()]
        assert "Mom & son date" not in screen_text(app)
        app.open_archived()
        await pilot.pause()
        assert isinstance(app.screen, ArchivedScreen)
        assert "Mom & son date  1 check-in" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert "date" in [s.key for s in store.strategies()] and len(store.check_ins("date")) == 1
        assert "Mom & son date" in screen_text(app)


async def test_delete_only_after_typing_the_title_and_undo_brings_it_back(app, store):
    store.check_in("celebrate", store.today(), "A letter")
    async with app.run_test(size=SIZE) as pilot:
        app.confirm_delete("celebrate")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, DeleteScreen)
        await pilot.press(*"Celebrate his", "enter")  # not the whole title: nothing happens
        assert app.screen is dialog and "celebrate" in [s.key for s in store.strategies()]
        await pilot.press(*" wins")
        dialog.delete()
        dialog.delete()  # a second Enter before the dialog has closed
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert "celebrate" not in [s.key for s in store.strategies(archived=True)]
        assert "Celebrate his wins" not in screen_text(app)
        await pilot.press("u")
        assert len(store.check_ins("celebrate")) == 1
        assert "Celebrate his wins" in screen_text(app)


async def test_the_palette_offers_add_and_archived(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"Add strategy")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StrategyEditor)
