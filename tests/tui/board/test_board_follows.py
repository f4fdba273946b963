"""The board open all day beside other writers: another board, the command line, a sync tool.

What they save shows within a second, a dialog keeps what she is typing, undo takes back
the newest change wherever it was made, and a conflict copy is merged by the open board.
"""

from __future__ import annotations

import pytest

from store import BOARD, Store
from tests.store.test_replaced_under_a_writer import other_machine_copy, synced_over
from tests.store.transfer.test_conflicts import diverged
from tests.tui_helpers import Told, grid_rows
from tui.board.app import BondApp


@pytest.mark.slow
async def test_the_board_shows_what_was_put_there_after_its_next_change(db_path, clock, tmp_path):
    with Store.open(db_path, clock) as store:
        app = BondApp(store=store, clock=clock, theme_dir=tmp_path / "themes")
        told = Told(app)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("space")  # Talk, today
            synced_over(other_machine_copy(db_path, clock, tmp_path), db_path)
            await pilot.press("j", "space")  # Freedom, today: decided on the set the sync brought
            await pilot.pause()
            rows = grid_rows(app.screen)
            assert "Logged Give him more freedom." in told
            assert all("✓" in rows[title] for title in ("Talk with", "Give him", "Show affection"))


@pytest.mark.slow
async def test_the_board_merges_a_conflict_copy_as_it_opens_and_says_so(db_path, clock, tmp_path):
    name = "bond.sync-conflict-20261204-190212-ABCDEF1.json"
    diverged(db_path, clock, name)
    (db_path.parent / "bond 2.json").write_text("{}")  # could be hers: said, left alone
    with Store.open(db_path, clock) as store:
        app = BondApp(store=store, clock=clock, theme_dir=tmp_path / "themes")
        told = Told(app)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert f"Merged a Syncthing conflict copy, {name}" in told
            assert "bond 2.json beside the data may be a copy of it" in told
            assert "✓" in grid_rows(app.screen)["Show affection"]
            await pilot.press("u")  # the merge is one step
            await pilot.pause()
            assert "✓" not in grid_rows(app.screen)["Show affection"]
    assert (db_path.parent / "bond 2.json").exists() and not (db_path.parent / name).exists()


async def _until(pilot, seen, within: float = 2.0) -> float:
    """Wait, as the board's own timers run, until `seen()`; how long it took (at most `within` seconds: a busy
    machine runs the suite in parallel; test_e2e_tmux.py holds "within a second", run alone)."""
    waited = 0.0
    while not seen() and waited < within:
        await pilot.pause(0.05)
        waited += 0.05
    assert seen(), f"not shown within {within} s"
    return waited


async def test_a_check_in_made_elsewhere_shows_within_a_second_and_a_dialog_keeps_her_words(db_path, clock, tmp_path):
    with Store.open(db_path, clock, origin=BOARD) as store, Store.open(db_path, clock) as elsewhere:
        app = BondApp(store=store, clock=clock, theme_dir=tmp_path / "themes")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert "✓" not in grid_rows(app.screen)["Show affection"]
            await pilot.press("enter", "tab", "tab", *"he laughed")  # the check-in dialog for Talk: a note typed
            elsewhere.check_in("affection")  # the command line, meanwhile
            await _until(pilot, lambda: "✓" in grid_rows(app.screen_stack[0])["Show affection"])
            assert app.screen.query_one("#note").value == "he laughed"  # her words stay while the board redraws
            await pilot.press("enter")
            await pilot.pause()
            assert "✓" in grid_rows(app.screen)["Talk with"] and "✓" in grid_rows(app.screen)["Show affection"]
        assert elsewhere.follow() and [c.note for c in elsewhere.check_ins("talk")] == ["he laughed"]


async def test_undo_on_the_board_takes_back_the_newest_change_made_anywhere(db_path, clock, tmp_path):
    with Store.open(db_path, clock, origin=BOARD) as store, Store.open(db_path, clock, origin=BOARD) as other_board:
        app = BondApp(store=store, clock=clock, theme_dir=tmp_path / "themes")
        told = Told(app)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("space")  # Talk, here
            other_board.check_in("affection")  # then a hug logged on another board
            await _until(pilot, lambda: "✓" in grid_rows(app.screen)["Show affection"])
            await pilot.press("u")
            await pilot.pause()
            assert "Undid the check-in of Show affection on Sun 29 Nov 2026, made on another board at 20:00." in told
            rows = grid_rows(app.screen)
            assert "✓" not in rows["Show affection"] and "✓" in rows["Talk with"]
            await pilot.press("u")
            await pilot.pause()
            assert "Undid the check-in of Talk with him like a grown-up on Sun 29 Nov 2026, made at 20:00." in told
    with Store.open(db_path, clock, read_only=True) as reader:
        assert reader.check_ins() == []


async def test_a_conflict_copy_that_arrives_while_the_board_is_open_is_merged_by_it(db_path, clock, tmp_path):
    name = "bond.sync-conflict-20261204-190212-ABCDEF1.json"
    with Store.open(db_path, clock, origin=BOARD) as store:
        app = BondApp(store=store, clock=clock, theme_dir=tmp_path / "themes")
        told = Told(app)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            diverged(db_path, clock, name)  # the sync tool puts it beside the data now
            await _until(pilot, lambda: "✓" in grid_rows(app.screen)["Show affection"])
            assert f"Merged a Syncthing conflict copy, {name}" in told
    assert not (db_path.parent / name).exists() and (db_path.parent / "backups" / name).exists()


async def test_a_strategy_deleted_elsewhere_while_its_history_is_open_closes_it_and_says_why(db_path, clock, tmp_path):
    from tui.board.screens.board import BoardScreen
    from tui.board.screens.history import HistoryScreen

    with Store.open(db_path, clock, origin=BOARD) as store, Store.open(db_path, clock) as elsewhere:
        store.check_in("date")
        app = BondApp(store=store, clock=clock, theme_dir=tmp_path / "themes")
        told = Told(app)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("j", "j", "j", "i")  # the history of Mom & son date
            await pilot.pause()
            assert isinstance(app.screen, HistoryScreen)
            elsewhere.delete_strategy("date")
            await _until(pilot, lambda: isinstance(app.screen, BoardScreen))
            assert "That strategy was just deleted, on another board or the command line." in told
            assert "Mom &" not in grid_rows(app.screen)
            await pilot.press("u")  # the deletion, made elsewhere, is the newest change: undo brings it back
            await pilot.pause()
            assert "✓" in grid_rows(app.screen)["Mom &"]
