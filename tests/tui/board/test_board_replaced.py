"""The board open all day while a sync tool replaces the main file: its next change reads it first."""

from __future__ import annotations

import pytest

from store import Store
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
