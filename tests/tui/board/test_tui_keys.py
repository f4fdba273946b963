"""Every key of the board, pressed in the app, checked against the store."""

from __future__ import annotations

from datetime import timedelta

import pytest

from store import Store
from tests.tui_helpers import Told, drawn, grid_rows, panel_text
from tui.board.app import BondApp
from tui.board.palette import BondCommands
from tui.board.screens.board import BoardScreen
from tui.board.screens.checkin import CheckInScreen
from tui.board.screens.confirm import ConfirmScreen
from tui.board.screens.help import HelpScreen
from tui.board.screens.history import HistoryScreen

pytestmark = pytest.mark.slow  # `make check` leaves it to `make test`

SIZE = (100, 30)


@pytest.fixture
def app(store, tmp_path):
    return BondApp(store=store, theme_dir=tmp_path / "themes")


def board(app) -> BoardScreen:
    assert isinstance(app.screen, BoardScreen)
    return app.screen


async def test_cursor_starts_on_today_of_the_first_strategy(app, store):
    async with app.run_test(size=SIZE):
        assert board(app).row == 0 and board(app).day == store.today()
        assert board(app).selected_key() == "talk"


@pytest.mark.parametrize("keys, row, days", [
    (["down"], 1, 0), (["j", "j"], 2, 0), (["j", "k"], 0, 0), (["up"], 0, 0), (["j"] * 20, 6, 0),
    (["left"], 0, -1), (["h", "h", "h"], 0, -3), (["right"], 0, 0), (["l", "h"], 0, -1), (["h", "h", "l"], 0, -1),
])
async def test_moving(app, store, keys, row, days):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*keys)
        assert board(app).row == row
        assert board(app).day == store.today() + timedelta(days=days)


async def test_space_toggles_a_check_in_on_disk(app, store, db_path):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        assert store.is_done("talk", store.today())
        assert Store.open(db_path, store.clock).is_done("talk", store.today())
        await pilot.press("space")
        assert not store.is_done("talk", store.today())


async def test_space_backfills_the_past(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "h", "h", "space")
        assert store.is_done("freedom", store.today() - timedelta(days=2))


async def test_the_future_is_refused_with_a_notice(app, store):
    async with app.run_test(size=SIZE) as pilot:
        told = Told(app)
        header = drawn(board(app).grid).splitlines()[:2]
        await pilot.press("l")
        assert "not come yet" in told
        assert board(app).day == store.today()
        assert drawn(board(app).grid).splitlines()[:2] == header  # the days and the months stay put
        await pilot.press("space")  # the cursor stayed on today
        assert store.is_done("talk", store.today())


async def test_s_toggles_a_skip(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j", "j", "s")
        assert store.is_skipped("date", store.today())
        await pilot.press("s")
        assert not store.is_skipped("date", store.today())


async def test_enter_opens_the_dialog_and_logs_action_and_note(app, store):
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("j", "j", "j", "j", "enter")  # Show affection
        assert isinstance(app.screen, CheckInScreen)
        await pilot.press("down", "enter")  # the second action, then on to the note
        await pilot.press(*"he smiled", "enter")
        [check_in] = store.check_ins("affection")
        assert check_in.action == store.strategy("affection").actions[1]
        assert check_in.note == "he smiled"
        assert isinstance(app.screen, BoardScreen)


async def test_the_dialog_takes_an_action_in_her_own_words(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "tab")
        await pilot.press(*"Asked about robots", "enter", *"he lit up", "enter")
        [check_in] = store.check_ins("talk")
        assert (check_in.action, check_in.note) == ("Asked about robots", "he lit up")


async def test_escape_cancels_the_dialog_and_writes_nothing(app, store, db_path):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "tab", *"not this", "escape")
        assert isinstance(app.screen, BoardScreen)
        assert store.check_ins() == [] and not db_path.exists()


async def test_d_logs_the_suggestion(app, store):
    async with app.run_test(size=SIZE) as pilot:
        suggestion = board(app).panel.current()
        await pilot.press("d")
        [check_in] = store.check_ins(suggestion.strategy)
        assert (check_in.day, check_in.action) == (store.today(), suggestion.action)
        assert board(app).panel.current() != suggestion


async def test_n_shows_the_next_suggestion_and_wraps(app, store):
    async with app.run_test(size=SIZE) as pilot:
        every = store.suggestions()
        seen = [board(app).panel.current()]
        for _ in range(len(every)):
            await pilot.press("n")
            seen.append(board(app).panel.current())
        assert seen[: len(every)] == every and seen[-1] == every[0]
        assert store.check_ins() == []


async def test_u_and_ctrl_r_undo_and_redo_many_steps(app, store):
    async with app.run_test(size=SIZE) as pilot:
        told = Told(app)
        await pilot.press("space", "j", "space", "j", "s")
        assert len(store.check_ins()) == 2 and store.is_skipped("interest", store.today())
        await pilot.press("u", "u")
        assert [c.strategy for c in store.check_ins()] == ["talk"] and not store.is_skipped("interest", store.today())
        await pilot.press("ctrl+r")
        assert {c.strategy for c in store.check_ins()} == {"talk", "freedom"}
        assert "Undid the check-in of Give him more freedom" in told
        await pilot.press("u", "u", "u", "u")
        assert store.check_ins() == []
        assert "Nothing to undo." in told


async def test_undo_takes_back_a_dialog_check_in(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter", *"note", "enter")
        assert len(store.check_ins()) == 1
        await pilot.press("u")
        assert store.check_ins() == []


async def test_i_opens_the_history_of_the_selected_strategy(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "i")
        assert isinstance(app.screen, HistoryScreen) and app.screen.key == "freedom"
        assert drawn(app.screen.query_one("#title")).strip().startswith("Give him more freedom")
        await pilot.press("escape")
        assert isinstance(app.screen, BoardScreen)


async def test_question_mark_shows_every_binding(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(str(w.render()) for w in app.screen.query("Static"))
        for binding in [*BoardScreen.BINDINGS, *BondApp.BINDINGS]:
            if binding.id == "board.next_child":  # one child: no other board (tests/tui/board/screens/test_tui_children.py)
                assert binding.tooltip not in text
                continue
            assert (binding.tooltip or binding.description) in text
        await pilot.press("escape")
        assert isinstance(app.screen, BoardScreen)


@pytest.mark.parametrize("key", ["q", "ctrl+q"])
async def test_quit(app, key):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(key)
        await pilot.pause()
        assert app.return_code == 0 and not app.is_running


async def test_palette_checks_in_and_changes_theme(app, store, db_path):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"check in show aff")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert store.is_done("affection", store.today())
        await pilot.press("ctrl+p", *"theme: paper")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "paper" and store.settings.theme == "paper"
    with Store.open(db_path, store.clock) as again:
        assert again.settings.theme == "paper"


async def test_the_saved_theme_comes_back(store, tmp_path):
    store.update_settings(theme="night")
    app = BondApp(store=store, theme_dir=tmp_path)
    async with app.run_test(size=SIZE):
        assert app.theme == "night"


async def test_a_click_on_a_row_opens_its_check_in(app, store):
    async with app.run_test(size=SIZE) as pilot:
        grid = board(app).grid
        pitch = 2 if grid.spacious else 1
        title = grid.columns().title
        await pilot.click(grid, offset=(1 + title + 2, 2 + 2 * pitch))  # third row, first day
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)  # a tap on a phone: that day's check-in for that strategy
        await pilot.press("escape")
        assert board(app).row == 2 and board(app).day < store.today()
        await pilot.click(grid, offset=(3, 2 + 3 * pitch))  # the fourth row's title: today
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)
        await pilot.press("escape")
        assert board(app).row == 3 and board(app).day == store.today()


# -- one path for "the data changed": what is drawn follows every change ------------------------


def talk_row(app) -> str:
    return grid_rows(board(app))["Talk with"]


async def test_space_and_undo_and_redo_redraw_the_grid_and_the_panel(app, store):
    async with app.run_test(size=SIZE) as pilot:
        assert "0 of 7 strategies touched today" in panel_text(board(app))
        await pilot.press("space")
        assert "✓" in talk_row(app) and "1 day" in talk_row(app) and "done ✓" in talk_row(app)
        assert "1 of 7 strategies touched today" in panel_text(board(app))
        await pilot.press("u")
        assert "✓" not in talk_row(app) and "not yet" in talk_row(app)
        assert "0 of 7 strategies touched today" in panel_text(board(app))
        await pilot.press("ctrl+r")
        assert "done ✓" in talk_row(app)
        assert "1 of 7 strategies touched today" in panel_text(board(app))


async def test_d_redraws_the_row_of_the_suggestion(app, store):
    async with app.run_test(size=SIZE) as pilot:
        suggestion = board(app).panel.current()
        title = store.strategy(suggestion.strategy).title
        row = next(line for line in grid_rows(board(app)).values() if title in line)
        assert "✓" not in row
        await pilot.press("d")
        row = next(line for line in grid_rows(board(app)).values() if title in line)
        assert "✓" in row
        assert suggestion.action not in panel_text(board(app))
        assert "1 of 7 strategies touched today" in panel_text(board(app))


async def test_a_palette_check_in_redraws_the_board(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"check in show aff")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert "done ✓" in grid_rows(board(app))["Show affection"]
        assert "1 of 7 strategies touched today" in panel_text(board(app))


async def test_a_change_redraws_an_open_history_screen(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        history = app.screen
        assert isinstance(history, HistoryScreen)
        assert "No streak yet" in drawn(history.query_one("#runs"))
        app.check_in_today("talk")  # what the palette runs
        await pilot.pause()
        assert "1 day" in drawn(history.query_one("#runs"))
        await pilot.press("escape")
        assert "done ✓" in talk_row(app)  # the board under it followed too


async def test_apply_tells_a_refusal_and_returns_none(app, store):
    async with app.run_test(size=SIZE) as pilot:
        told = Told(app)
        assert app.apply(lambda: store.check_in("nope")) is None
        assert told.messages and "nope" in told.messages[-1][0]
        result = app.apply(lambda: store.check_in("talk"), success="Logged [b]")
        await pilot.pause()
        assert result.strategy == "talk" and "Logged [b]" in told
        assert "done ✓" in talk_row(app)


# -- taking a check-in back ----------------------------------------------------------------------


async def test_space_on_a_check_in_says_it_was_removed_and_u_brings_it_back(app, store):
    async with app.run_test(size=SIZE) as pilot:
        told = Told(app)
        await pilot.press("space", "space")
        assert not store.is_done("talk", store.today())
        assert "Removed Talk with him like a grown-up on Sun 29 Nov — u brings it back." in told
        await pilot.press("u")
        assert store.is_done("talk", store.today())


async def test_space_on_a_check_in_with_a_note_asks_first(app, store):
    store.check_in("talk", store.today(), "Asked about school", "he talked for an hour")
    async with app.run_test(size=SIZE) as pilot:
        told = Told(app)
        await pilot.press("space")
        assert isinstance(app.screen, ConfirmScreen)
        assert "he talked for an hour" in drawn(app.screen.query_one(".dialog-body Static"))
        await pilot.press("enter")  # the safe answer has the focus: keep it
        assert isinstance(app.screen, BoardScreen) and store.is_done("talk", store.today())
        await pilot.press("space", "escape")
        assert store.is_done("talk", store.today())
        await pilot.press("space", "y")
        assert not store.is_done("talk", store.today())
        assert "u brings it back" in told
        await pilot.press("u")
        [back] = store.check_ins("talk")
        assert back.note == "he talked for an hour"


# -- the palette --------------------------------------------------------------------------------


async def test_one_way_to_pick_a_theme(app):
    async with app.run_test(size=SIZE):
        titles = [text for text, *_ in BondCommands(app.screen).commands()]
        assert "Theme" not in titles and "Quit" in titles and len(app.COMMANDS) == 1  # hers alone
        assert any(text.startswith("Theme: ") for text in titles)
