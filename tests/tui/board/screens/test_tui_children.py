"""Several children on the board: whose board it is, c and the palette to switch, a check-in on the child shown."""

from __future__ import annotations

import pytest

from store import Store
from tests.tui_helpers import Told, drawn, grid_rows, panel_text
from tui.board.app import BondApp
from tui.board.palette import BondCommands
from tui.board.screens.board import BoardScreen
from tui.board.screens.settings import AddChildScreen

pytestmark = pytest.mark.slow  # `make check` leaves it to `make test`


@pytest.fixture
def family(db_path, clock):
    with Store.open(db_path, clock) as store:
        store.update_settings(son_name="Sam")
        store.family.add("Leo", born="2015-03", interests="chess")
        store.family.add("Mia")
    with Store.open(db_path, clock) as store:
        yield store


@pytest.fixture
def app(family, tmp_path):
    return BondApp(store=family, theme_dir=tmp_path / "themes")


def board(app) -> BoardScreen:
    assert isinstance(app.screen, BoardScreen)
    return app.screen


def title(app) -> str:
    return board(app).panel.border_title or ""


def others(app) -> str:
    shown = board(app).panel.query_one("#others")
    return drawn(shown) if shown.display else ""


async def test_c_moves_from_child_to_child_and_back(app, db_path, clock):
    async with app.run_test(size=(100, 30)) as pilot:
        assert title(app).startswith("Sam") or "Sam" in title(app).split("·")[0]
        assert "Leo:" in others(app) and "Mia:" in others(app) and "Sam:" not in others(app)
        await pilot.press("c")
        assert "Leo" in title(app).split("·")[0] and app.store.settings.son_name == "Leo"
        assert "Sam:" in others(app) and "Leo:" not in others(app)
        assert "Leo" in panel_text(board(app))  # his suggestion, his name in it
        await pilot.press("space")  # the check-in lands on the child shown
        assert "done ✓" in grid_rows(board(app))["Talk with"]
        await pilot.press("c", "c")
        assert "Sam" in title(app).split("·")[0]
        assert "done ✓" not in grid_rows(board(app))["Talk with"]
    with Store.open(db_path, clock, child="Leo") as leo:
        assert leo.is_done("talk", leo.today())
    with Store.open(db_path, clock) as shown:  # the board showed Sam last
        assert shown.settings.son_name == "Sam" and not shown.is_done("talk", shown.today())


async def test_the_next_command_speaks_of_the_child_the_board_showed(app, db_path, clock):
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("c", "c")
    with Store.open(db_path, clock) as shown:
        assert shown.settings.son_name == "Mia"


async def test_the_palette_switches_and_adds(app, db_path, clock):
    async with app.run_test(size=(100, 30)) as pilot:
        titles = [text for text, *_ in BondCommands(app.screen).commands()]
        assert "Switch to Leo" in titles and "Switch to Mia" in titles and "Switch to Sam" not in titles
        assert "Add a child…" in titles
        await pilot.press("ctrl+p", *"switch to mia")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert "Mia" in title(app).split("·")[0]
        app.add_child()
        await pilot.pause()
        assert isinstance(app.screen, AddChildScreen)
        told = Told(app)
        await pilot.press(*"leo", "enter")  # a name taken: told, the dialog stays, nothing written
        assert "already a child named Leo" in told and isinstance(app.screen, AddChildScreen)
        app.screen.query_one("#name").value = "Noah"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen) and "Mia" in title(app).split("·")[0]  # her board stays
    with Store.open(db_path, clock) as store:
        assert [c.name for c in store.family.children()] == ["Sam", "Leo", "Mia", "Noah"]


async def test_the_other_children_show_from_100_columns(app):
    async with app.run_test(size=(99, 30)) as pilot:
        assert others(app) == ""
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert "Leo:" in others(app)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert others(app) == ""


async def test_switching_from_a_dialog_closes_it_and_shows_his_board(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # the check-in dialog over Sam's board
        await pilot.pause()
        assert not isinstance(app.screen, BoardScreen)
        leo = app.store.family.find("Leo")
        app.switch_child(leo.id)
        await pilot.pause(0.2)
        assert "Leo" in title(app).split("·")[0]


async def test_one_child_c_says_how_to_add_one(db_path, clock, tmp_path):
    with Store.open(db_path, clock) as store:
        app = BondApp(store=store, theme_dir=tmp_path / "themes")
        async with app.run_test(size=(100, 30)) as pilot:
            told = Told(app)
            await pilot.press("c")
            assert "Add a child" in told
            assert title(app).startswith("Today")  # one child: the title as it always was
            titles = [text for text, *_ in BondCommands(app.screen).commands()]
            assert not any(text.startswith("Switch to") for text in titles)


async def test_her_theme_is_every_boards(app, db_path, clock):
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("c")
        app.theme = "paper"
        await pilot.pause()
        await pilot.press("c")
        assert app.theme == "paper"
    with Store.open(db_path, clock, child="Mia") as mia:
        assert mia.settings.theme == "paper"


async def test_a_broken_childs_file_never_stops_the_others_board(family, tmp_path, db_path, clock):
    leo = family.family.find("Leo")
    family.family.store_of(leo.id).check_in("talk")  # a second write of his: the day's backup names him
    family.close()
    leo.path.write_text("{ broken")
    with Store.open(db_path, clock) as sam:
        app = BondApp(store=sam, theme_dir=tmp_path / "themes")
        async with app.run_test(size=(100, 30)) as pilot:
            told = Told(app)
            assert "Leo: his file cannot be read" in others(app) and "Mia:" in others(app)
            await pilot.press("c", "c")  # Mia, then Leo (listed last): said, and Mia's board stays
            assert any("not usable bondtui data" in error and "newest backup" in error for error in told.errors())
            assert "Mia" in title(app).split("·")[0]
            await pilot.press("space")
            assert app.store.settings.son_name == "Mia" and app.store.is_done("talk", sam.today())


async def test_a_child_left_a_week_is_named_on_the_others_board(db_path, tmp_path):
    from datetime import UTC, datetime

    from store import FixedClock

    with Store.open(db_path, FixedClock(datetime(2026, 11, 19, 19, 0, tzinfo=UTC))) as store:
        store.update_settings(son_name="Sam")
        store.family.add("Leo")
    with Store.open(db_path, FixedClock(datetime(2026, 11, 29, 19, 0, tzinfo=UTC))) as sam:
        app = BondApp(store=sam, theme_dir=tmp_path / "themes")
        async with app.run_test(size=(100, 30)) as pilot:
            assert "Leo: nothing for a week — " in others(app)
            assert "Nothing with Sam for a week" in panel_text(board(app))  # and Sam's own reason says so
            await pilot.press("d")  # she follows Sam's: his week is no longer empty
            assert "Nothing with Sam" not in panel_text(board(app))
            assert "Leo: nothing for a week" in others(app)


async def test_help_lists_c_once_there_are_several(app):
    async with app.run_test(size=(100, 40)):
        assert "board.next_child" in [binding.id for binding in board(app).help_bindings()]


async def test_help_leaves_c_out_with_one_child(db_path, clock, tmp_path):
    with Store.open(db_path, clock) as store:
        app = BondApp(store=store, theme_dir=tmp_path / "themes")
        async with app.run_test(size=(100, 40)):
            assert "board.next_child" not in [binding.id for binding in board(app).help_bindings()]


async def test_a_tap_on_another_childs_line_shows_his_board(app):
    async with app.run_test(size=(100, 30)) as pilot:
        shown = board(app).panel.query_one("#others")
        await pilot.click(shown, offset=(2, 2))  # below its blank top line, the second line: Mia
        await pilot.pause()
        assert "Mia" in title(app).split("·")[0]
