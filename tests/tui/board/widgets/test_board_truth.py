"""What the board and `bondtui today`/`streaks` say must be true: each point read from what is drawn."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

import pytest

from tests.tui_helpers import drawn, grid_rows
from tui.board.app import BondApp
from tui.board.screens.board import BoardScreen
from tui.main import main

pytestmark = pytest.mark.slow  # `make check` leaves it to `make test`

TODAY = date(2026, 11, 29)  # a Sunday; the conftest clock


@pytest.fixture
def app(store, tmp_path):
    return BondApp(store=store, theme_dir=tmp_path / "themes")


@pytest.fixture
def cli(db_path, monkeypatch, capsys):
    monkeypatch.setenv("BONDTUI_DB", str(db_path))
    monkeypatch.setenv("BONDTUI_NOW", "2026-11-29T20:00:00+00:00")

    def run(*args: str) -> str:
        assert main(list(args)) == 0
        return capsys.readouterr().out

    return run


def cells(row: str, days: int) -> list[str]:
    """The day glyphs of a grid row (the title ends two spaces before the first day)."""
    return re.findall(r" (.) ", row[row.index("  ") + 1:])[:days] if "  " in row else []


def board_rows(app) -> dict[str, str]:
    assert isinstance(app.screen, BoardScreen)
    return grid_rows(app.screen)


# -- a skipped day is skipped, not done --------------------------------------------------------


async def test_a_skip_reads_as_skipped_on_the_board(app, store):
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        row = board_rows(app)["Talk with"]
        assert "skipped ~" in row and "done" not in row and "✓" not in row
        assert "~" in row.split("skipped")[0]  # the day's cell
        assert "0 of 7 strategies touched today" in drawn(app.screen.panel.query_one("#progress"))


def test_a_skip_reads_as_skipped_in_today(cli):
    cli("skip", "talk")
    out = cli("today")
    assert "0 of 7 strategies touched today" in out
    line = next(line for line in out.splitlines() if "Talk with him" in line)
    assert line.lstrip().startswith("~") and "skipped today" in line and "done" not in line


# -- today is open until it is over -------------------------------------------------------------


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)])
async def test_a_fresh_board_shows_no_missed_dot(app, size):
    async with app.run_test(size=size):
        rows = board_rows(app)
        assert len(rows) == 7
        for title, row in rows.items():
            assert "·" not in row and "○" not in row, (title, row)
        talk = rows["Talk with"]
        assert cells(talk, 5)[-1] == " " and ("not yet" in talk or size[0] < 70)


async def test_a_streak_that_needs_today_shows_the_mark(app, store):
    store.check_in("talk", TODAY - timedelta(days=1))
    async with app.run_test(size=(100, 30)):
        talk = board_rows(app)["Talk with"]
        assert "!" in talk and "not yet !" in talk and "·" not in talk


def test_today_lists_an_open_day_without_the_missed_dot(cli):
    out = cli("today")
    for line in out.splitlines()[-7:]:
        assert not line.lstrip().startswith("·"), line
    talk = next(line for line in out.splitlines() if "Talk with him" in line)
    assert "not yet today" in talk


def test_today_marks_a_weekly_goal_met(cli):
    cli("done", "date", "--date", "-2")  # on Friday; today is Sunday
    line = next(line for line in cli("today").splitlines() if "Mom & son date" in line)
    assert line.lstrip().startswith("✓") and "1 of 1 this week" in line


# -- "not due" is only for days a cadence does not ask for -----------------------------------------


async def test_per_week_days_are_never_not_due(app, store):
    store.check_in("freedom", TODAY - timedelta(days=6))  # Monday
    store.check_in("freedom", TODAY - timedelta(days=5))  # Tuesday: the week's two are done
    store.add_strategy("match", "His Friday match", "weekly on fri")
    store.check_in("match", TODAY - timedelta(days=2))  # Friday
    async with app.run_test(size=(100, 30)):
        rows = board_rows(app)
        assert "○" not in rows["Give him"] and "2 of 2 ✓" in rows["Give him"]
        assert "○" in rows["His Friday"]  # Saturday and Sunday: that cadence asks for Fridays only


# -- the month header ---------------------------------------------------------------------------


async def test_the_month_header_names_the_visible_months(app, store):
    async with app.run_test(size=(100, 30)) as pilot:
        header = lambda: drawn(app.screen.grid).splitlines()[0].split("  ")[0].strip()  # noqa: E731
        assert header() == "Nov 2026"
        await pilot.press(*["h"] * 35)  # Wed 25 Oct: the days run on into November
        assert header() == "Oct – Nov 2026"
        await pilot.press(*["h"] * 10)
        assert header() == "Oct 2026"
        await pilot.press(*["l"] * 45)  # back to today
        assert header() == "Nov 2026"
        days = drawn(app.screen.grid).splitlines()[:2]
        await pilot.press("l")  # into the future: refused
        assert drawn(app.screen.grid).splitlines()[:2] == days and app.screen.day == TODAY


# -- titles first -------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (120, 40)])
async def test_the_seven_titles_are_shown_whole_from_80_columns(app, store, size):
    async with app.run_test(size=size):
        grid = app.screen.grid
        lines = drawn(grid).splitlines()
        for strategy in store.strategies():
            assert any(f" {strategy.title} " in line for line in lines), (strategy.title, size)
        assert grid.columns().days >= 5
        assert "…" not in drawn(grid)


async def test_at_60_columns_the_titles_give_way_but_the_days_stay(app):
    async with app.run_test(size=(60, 20)):
        grid = app.screen.grid
        assert grid.columns().days >= 5
        assert all(len(line) <= grid.size.width + 1 for line in drawn(grid).splitlines())


# -- the Today panel keeps its indent -----------------------------------------------------------


async def test_wrapped_lines_of_the_today_panel_keep_their_indent(app, store):
    for strategy in store.strategies():  # whichever is suggested, its action is long
        store.update_strategy(strategy.key, actions=["Go out for burgers, just the two of you, and let him choose where"])
    async with app.run_test(size=(60, 20)):
        panel = app.screen.panel
        heart, action, reason = (panel.query_one(f"#{part}") for part in ("heart", "action", "reason"))
        assert reason.region.height >= 2 or action.region.height >= 2  # something wraps at 60 columns
        assert heart.region.x < action.region.x == reason.region.x
        for part in (action, reason):
            assert all(line.startswith(line.lstrip()) for line in drawn(part).splitlines())


# -- bondtui streaks: columns sized to their content, the board's words --------------------------


def test_streaks_columns_fit_their_content_and_use_the_board_words(cli, store):
    store.add_strategy("match", "His Friday match", "weekly on fri")
    store.add_strategy("cook", "Cook together", "every 3 days")
    for weeks in range(52):
        store.check_in("match", TODAY - timedelta(days=2 + 7 * weeks))
    for rounds in range(10):
        store.check_in("cook", TODAY - timedelta(days=3 * rounds))
    store.close()
    out = cli("streaks")
    lines = out.splitlines()
    assert "52 times" in out and "10 rounds" in out
    assert "occurrences" not in out and "periods" not in out
    # Six columns on every line, at least two spaces apart, the numbers ending in one place.
    assert all(len(re.split(r"\s{2,}", line.strip())) == 6 for line in lines), out
    assert len({len(line) for line in lines}) == 1, out
    rows = {row["key"]: row for row in json.loads(cli("streaks", "--json"))}
    assert rows["match"]["unit"] == "occurrences" and rows["cook"]["unit"] == "periods"


# -- counts in sentences ------------------------------------------------------------------------


async def test_one_day_in_a_row_is_said_right(app, store):
    store.check_in("talk", TODAY - timedelta(days=1))
    async with app.run_test(size=(100, 30)) as pilot:
        panel = app.screen.panel
        reasons = []
        for _ in store.suggestions():
            reasons.append(drawn(panel.query_one("#reason")))
            await pilot.press("n")
        text = " ".join(" ".join(reasons).split())
        assert reasons and not re.search(r"\b1 (days|weeks|times|rounds|moments)\b", text), text


async def test_one_moment_in_the_journal_is_said_right(app, store):
    store.check_in("talk", TODAY, "Asked him", "he smiled")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("i")
        heading = drawn(app.screen.query_one("#journal-heading"))
        assert "1 moment " in heading and "1 moments" not in heading


def test_today_counts_a_week_as_the_board_does(cli):
    for ago in ("-1", "-2", "-3"):
        cli("done", "interest", "--date", ago)
    line = next(line for line in cli("today").splitlines() if "Share what he loves" in line)
    assert "2 of 2 this week" in line and line.lstrip().startswith("✓")


@pytest.mark.parametrize("column", ["month", "period"])
async def test_the_last_column_counts_check_ins_she_can_feel(app, store, column):
    from tests.sample import fill

    fill(store)
    store.check_in("talk", note="a second one today")  # two on a day count two
    store.update_settings(column=column)
    first = TODAY.replace(day=1) if column == "month" else TODAY - timedelta(days=TODAY.weekday())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        rows = grid_rows(app.screen)
        header = drawn(app.screen.grid).splitlines()[0]
        assert header.rstrip().endswith("this month" if column == "month" else "this week")
        for strategy in store.strategies():
            expected = sum(first <= c.day <= TODAY for c in store.check_ins(strategy.key))
            row = next(line for title, line in rows.items() if strategy.title.startswith(title))
            assert row.split()[-1] == str(expected), (strategy.key, row)
    assert any(sum(first <= c.day for c in store.check_ins(s.key)) > 1 for s in store.strategies())


def test_the_column_is_a_setting_with_a_clear_refusal(cli, db_path):
    assert "this month's check-ins" in cli("settings", "set", "column", "month")
    before = db_path.read_bytes()
    from tui.main import main

    assert main(["settings", "set", "column", "weekly"]) == 2
    assert db_path.read_bytes() == before
