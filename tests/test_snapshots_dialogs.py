"""How the settings dialog and the strategy editor look at 80×24 and 60×20."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from store import Store
from tests.sample import fill
from tui.app import BondApp

SIZES = [(80, 24), (60, 20)]


@pytest.fixture
def sample_app(db_path, clock, tmp_path):
    store = fill(Store.open(db_path, clock))
    store.update_settings(theme="hearth", son_name="Sam", interests=("football", "Minecraft"))
    yield BondApp(store=store, theme_dir=tmp_path / "themes")
    store.close()


async def _steady(pilot) -> None:
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_settings(snap_compare, sample_app, size):
    async def open_settings(pilot):
        await pilot.press("comma")
        await _steady(pilot)

    assert snap_compare(sample_app, terminal_size=size, run_before=open_settings)


@pytest.mark.parametrize("size", SIZES)
def test_editor(snap_compare, sample_app, size):
    async def open_editor(pilot):
        await pilot.press("j", "j", "j", "e")
        pilot.app.screen.query_one("#cadence", Input).value = "weekly on fri"
        await _steady(pilot)

    assert snap_compare(sample_app, terminal_size=size, run_before=open_editor)
