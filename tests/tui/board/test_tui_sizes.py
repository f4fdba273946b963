"""What the snapshots cannot say about sizes: help scrolls with j and k, the palette offers bondtui's
commands first, the history footer keeps Quit, and a dialog shows its own keys, not the board's."""

from __future__ import annotations

import pytest
from textual.containers import VerticalScroll

from tests.tui_helpers import screen_text
from tui.board.app import BondApp
from tui.board.screens.help import HelpScreen

pytestmark = pytest.mark.slow  # `make check` leaves it to `make test`


@pytest.fixture
def app(store, tmp_path):
    return BondApp(store=store, theme_dir=tmp_path / "themes")


async def test_j_and_k_scroll_help(app):
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        scroll = app.screen.query_one(VerticalScroll)
        await pilot.press("j", "j", "j")
        await pilot.pause()
        assert scroll.scroll_y == 3
        await pilot.press("k")
        await pilot.pause()
        assert scroll.scroll_y == 2


async def test_help_wraps_a_description_under_itself(app):
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("question_mark")
        lines = screen_text(app).split("\n")
        at = next(i for i, line in enumerate(lines) if "Check in or take it back" in line)
        start = lines[at].index("Check in")
        assert lines[at + 1][start:].strip() and not lines[at + 1][:start].strip("│ ")  # hangs under the text


async def test_the_palette_offers_bondtuis_commands_first(app):
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        lines = [line.strip() for line in screen_text(app).split("\n") if line.strip()]
        first = next(i for i, line in enumerate(lines) if "Search for commands" in line)
        assert lines[first + 1] == "Settings…"
        assert not any(word in screen_text(app) for word in ("Screenshot", "Maximize", "Keys"))


@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
async def test_the_history_footer_keeps_quit(app, size):
    async with app.run_test(size=size) as pilot:
        await pilot.press("i")
        await pilot.pause()
        footer = screen_text(app).split("\n")[-1]
        assert "q Quit" in footer and "Search" in footer, footer


@pytest.mark.parametrize("opens", ["comma", "question_mark"])
async def test_a_dialog_shows_its_own_keys_not_the_boards(app, opens):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(opens)
        await pilot.pause()
        footer = screen_text(app).split("\n")[-1]
        assert "space Done" not in footer and "esc" in footer, footer


async def test_deleting_an_archived_strategy_says_what_is_true(app, store):
    store.archive_strategy("date")
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_archived()
        await pilot.pause()
        await pilot.press("delete")
        await pilot.pause()
        text = screen_text(app)
        assert "use Archive" not in text and "archived already" in " ".join(text.split())
