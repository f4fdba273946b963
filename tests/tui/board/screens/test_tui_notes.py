"""Notes afterwards: edit a check-in's action and note from the check-in dialog and from the journal."""

from __future__ import annotations

import pytest
from textual.widgets import Input, OptionList

from tests.tui_helpers import screen_text, widget_text
from tui.board.app import BondApp
from tui.board.screens.board import BoardScreen
from tui.board.screens.checkin import CheckInScreen
from tui.board.screens.edit_checkin import EditCheckInScreen
from tui.board.screens.history import HistoryScreen

SIZE = (100, 34)


@pytest.fixture
def app(store, tmp_path):
    return BondApp(store=store, theme_dir=tmp_path / "themes")


async def test_the_dialog_lists_the_days_check_ins_and_edits_one(app, store):
    first = store.check_in("talk", store.today(), "Asked his opinion", "he laughed")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # enter keeps its meaning: the check-in dialog
        dialog = app.screen
        assert isinstance(dialog, CheckInScreen)
        logged = dialog.query_one("#logged", OptionList)
        assert "Asked his opinion — he laughed" in widget_text(app, logged)
        logged.focus()
        await pilot.press("enter")
        editor = app.screen
        assert isinstance(editor, EditCheckInScreen)
        assert editor.query_one("#note", Input).value == "he laughed"
        editor.query_one("#note", Input).value = "he laughed, then told me about [b]school[/b]"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog
        assert store.check_ins("talk", store.today())[0].note == "he laughed, then told me about [b]school[/b]"
        assert "he laughed, then told me about [b]school[/b]" in " ".join(widget_text(app, logged).split())
        await pilot.press("escape")  # nothing more logged
        assert len(store.check_ins("talk")) == 1
        await pilot.press("u")
        assert store.check_ins("talk")[0] == first


async def test_the_dialog_still_adds_another_on_a_done_day(app, store):
    store.check_in("talk", store.today(), "Asked his opinion")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter", *"another", "enter")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert sorted(c.note for c in store.check_ins("talk")) == ["", "another"]  # the same second: any order


async def test_the_logged_list_is_hidden_on_a_day_without_check_ins(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        assert not app.screen.query_one("#logged", OptionList).display
        assert "Already logged" not in screen_text(app)


async def test_editing_from_the_history_journal(app, store):
    store.check_in("talk", store.today(), "Asked his opinion", "he had a lot to say")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        history = app.screen
        assert isinstance(history, HistoryScreen)
        history.query_one("#journal", OptionList).focus()
        await pilot.press("enter")
        editor = app.screen
        assert isinstance(editor, EditCheckInScreen)
        editor.query_one("#action", Input).value = "Asked about the match"
        editor.query_one("#note", Input).value = "he explained offside"
        editor.action_save()
        editor.action_save()  # twice before it closes: saved once, closed once
        await pilot.pause()
        assert app.screen is history
        check_in = store.check_ins("talk")[0]
        assert (check_in.action, check_in.note) == ("Asked about the match", "he explained offside")
        journal = widget_text(app, history.query_one("#journal"))
        assert "Asked about the match" in journal and "he explained offside" in journal
        await pilot.press("escape", "u")
        assert store.check_ins("talk")[0].note == "he had a lot to say"


async def test_escape_leaves_the_check_in_as_it_was(app, store):
    store.check_in("talk", store.today(), "Asked his opinion", "he laughed")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        app.screen.query_one("#journal", OptionList).focus()
        await pilot.press("enter", *" a lot", "escape")
        assert store.check_ins("talk")[0].note == "he laughed"


async def test_how_it_went_is_one_key_in_the_dialog_and_typing_keeps_its_letters(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # the dialog, on the list of actions
        dialog = app.screen
        await pilot.press("g")  # great
        assert dialog.query_one("#went-great").has_class("-chosen")
        await pilot.press("f", "f")  # flat, then taken back
        assert not any(dialog.query_one(f"#went-{how}").has_class("-chosen") for how in ("great", "ok", "flat"))
        await pilot.press("o")
        await pilot.press("enter", *"good fun", "enter")  # the action, then a note with g, o and f in it, logged
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        [logged] = store.check_ins("talk", store.today())
        assert (logged.note, logged.went) == ("good fun", "ok")
        await pilot.press("enter")
        await pilot.click("#went-great")  # a click (or a tap) says it too
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert {c.note: c.went for c in store.check_ins("talk", store.today())} == {"good fun": "ok", "": "great"}
