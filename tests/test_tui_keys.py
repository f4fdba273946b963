"""Every key of the board, pressed in the app, checked against the store."""

from __future__ import annotations

from datetime import timedelta

import pytest

from store import Store
from tui.app import BondApp
from tui.screens.board import BoardScreen
from tui.screens.checkin import CheckInScreen
from tui.screens.help import HelpScreen

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
    (["left"], 0, -1), (["h", "h", "h"], 0, -3), (["right"], 0, 1), (["l", "h"], 0, 0),
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
        assert Store.open(db_path, store.clock, read_only_ok=True).is_done("talk", store.today())
        await pilot.press("space")
        assert not store.is_done("talk", store.today())


async def test_space_backfills_the_past(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "h", "h", "space")
        assert store.is_done("freedom", store.today() - timedelta(days=2))


async def test_the_future_is_refused_with_a_notice(app, store):
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("l", "space", "s", "enter")
        assert store.check_ins() == [] and not store.is_skipped("talk", store.today() + timedelta(days=1))
        assert not isinstance(app.screen, CheckInScreen)
        assert any("not come yet" in n.message for n in app._notifications)


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
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("space", "j", "space", "j", "s")
        assert len(store.check_ins()) == 2 and store.is_skipped("interest", store.today())
        await pilot.press("u", "u")
        assert [c.strategy for c in store.check_ins()] == ["talk"] and not store.is_skipped("interest", store.today())
        await pilot.press("ctrl+r")
        assert {c.strategy for c in store.check_ins()} == {"talk", "freedom"}
        assert any(n.message.startswith("Undid the check-in of Give him more freedom") for n in app._notifications)
        await pilot.press("u", "u", "u", "u")
        assert store.check_ins() == []
        assert any(n.message == "Nothing to undo." for n in app._notifications)


async def test_undo_takes_back_a_dialog_check_in(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter", *"note", "enter")
        assert len(store.check_ins()) == 1
        await pilot.press("u")
        assert store.check_ins() == []


async def test_i_is_bound(app):
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("i")
        assert app._notifications or not isinstance(app.screen, BoardScreen)


async def test_question_mark_shows_every_binding(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(str(w.render()) for w in app.screen.query("Static"))
        for binding in [*BoardScreen.BINDINGS, *BondApp.BINDINGS]:
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
    with Store.open(db_path, store.clock, read_only_ok=True) as again:
        assert again.settings.theme == "paper"


async def test_the_saved_theme_comes_back(store, tmp_path):
    store.update_settings(theme="night")
    app = BondApp(store=store, theme_dir=tmp_path)
    async with app.run_test(size=SIZE):
        assert app.theme == "night"


async def test_mouse_click_moves_the_cursor(app, store):
    async with app.run_test(size=SIZE) as pilot:
        grid = board(app).grid
        pitch = 2 if grid.spacious else 1
        title = max(14, min(30, grid.size.width // 4))
        await pilot.click(grid, offset=(1 + title + 2, 2 + 2 * pitch))  # third row, first day
        assert board(app).row == 2 and board(app).day < store.today()
