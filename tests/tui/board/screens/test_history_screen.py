"""The history screen in the app: its keys, the heatmap, the runs, the journal and its
search, hostile text, and how it looks (SVG snapshots)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from rich.style import Style
from rich.text import Text
from textual.widgets import Input, OptionList, Static

from store import FixedClock, Store
from store.model.history import YearGrid
from tests.sample import fill
from tests.tui_helpers import Told
from tui.board.app import BondApp
from tui.board.screens.board import BoardScreen
from tui.board.screens.history import HistoryScreen
from tui.board.widgets.heatmap import Heatmap
from tui.text import UNIT_WORDS, plural

pytestmark = pytest.mark.slow  # `make check` leaves it to `make test`

NOW = datetime(2026, 11, 29, 20, 0, tzinfo=UTC)  # a Sunday evening
TODAY = date(2026, 11, 29)
SIZE = (100, 30)

# Check-ins before this year: talk goes back to 2024, freedom to 2025, the rest start in 2026.
EARLIER = [
    ("talk", date(2024, 12, 30), "Tell him a story from when you were his age", "the first note"),
    ("talk", date(2024, 12, 31), "Ask him what the best part of his day was", ""),
    ("talk", date(2025, 6, 1), "Ask him what the best part of his day was", "football, of course"),
    ("talk", date(2025, 6, 2), "Ask him what the best part of his day was", ""),
    ("freedom", date(2025, 7, 5), "Let him plan his own afternoon", ""),
]

# Text that means something to Rich/Textual markup or to a path parser, then a raw ESC.
HOSTILE = ["[/]", "x[/b]", "Read [The Book]", "[$accent]", "[@click=app.quit]Q[/]", "C:\\path\\"]
ESCAPE = "\x1b[31m"


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def store(db_path, clock):
    """The 60-day sample plus a few check-ins in 2025 and 2024."""
    with Store.open(db_path, clock) as opened:
        fill(opened)
        for key, day, action, note in EARLIER:
            opened.check_in(key, day, action, note)
        yield opened


@pytest.fixture
def app(store, tmp_path):
    app = BondApp(store=store, theme_dir=tmp_path / "themes")
    app.told = Told(app)
    return app


def history(app) -> HistoryScreen:
    assert isinstance(app.screen, HistoryScreen)
    return app.screen


def title(app) -> str:
    return str(history(app).query_one("#title", Static).render())


def journal_lines(app) -> list[str]:
    """Each entry as "YYYY-MM-DD  [who: ]action — note", read back from its two lines on screen."""
    lines = []
    for option in history(app).query_one("#journal", OptionList).options:
        text = str(option.prompt)
        if "\n    " not in text:
            lines.append(text)
            continue
        head, note = text.split("\n    ", 1)
        day = datetime.strptime(head[:15], "%a %d %b %Y").date().isoformat()
        who, _, action = head[17:].rpartition(" · ")
        lines.append(f"{day}  {who + ': ' if who else ''}{action} — {note}")
    return lines


def part(app, name: str) -> list[str]:
    """A part's lines as shown: its heading first."""
    return str(history(app).query_one(f"#{name}", Static).render()).splitlines()


def runs_lines(app) -> list[str]:
    heading, *lines = part(app, "runs")
    assert heading == "Streak runs, all years, longest first"
    return lines


def notices(app) -> list[str]:
    return [message for message, _ in app.told.messages]


def strategy_title(store, key: str, year: int) -> str:
    strategy = store.strategy(key)
    return f"{strategy.title} · {strategy.cadence.describe()} · {year}"


def screen_order(runs):
    """One strategy's runs: longest first in its own unit, then by the time covered, then earliest."""
    return sorted(runs, key=lambda run: (-run.length, -((run.end - run.start).days + 1), run.start))


# -- opening, years, all strategies ------------------------------------------------------


@pytest.mark.parametrize("downs, key", [(0, "talk"), (1, "freedom"), (3, "date")])
async def test_i_opens_the_history_of_the_selected_strategy(app, store, downs, key):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*["j"] * downs, "i")
        assert history(app).key == key and history(app).year == 2026
        assert title(app) == strategy_title(store, key, 2026)


async def test_brackets_step_through_the_years_within_the_data(app, store):
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("i", "left_square_bracket")
        assert title(app) == strategy_title(store, "talk", 2025)
        assert history(app).query_one(Heatmap).year == 2025
        assert part(app, "months")[0] == "Check-ins by month, 2025"
        # The journal follows the year: the notes of 2025, read when she steps there.
        assert journal_lines(app) == ["2025-06-01  Ask him what the best part of his day was — football, of course"]
        assert str(history(app).query_one("#journal-heading").render()).startswith("Journal of 2025: 1 moment ")
        await pilot.press("right_square_bracket")
        assert title(app) == strategy_title(store, "talk", 2026)
        # Back to the first year with data, and no further.
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert history(app).year == 2024 and not notices(app)
        await pilot.press("left_square_bracket")
        assert title(app) == strategy_title(store, "talk", 2024)
        assert notices(app) == ["The history starts in 2024."]
        # Forward to this year, and no further.
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        assert title(app) == strategy_title(store, "talk", 2026)
        assert notices(app)[-1] == "The history ends in 2026."


async def test_a_strategy_begun_this_year_has_no_year_before(app, store):
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("j", "j", "j", "i", "left_square_bracket")
        assert title(app) == strategy_title(store, "date", 2026)
        assert notices(app) == ["The history starts in 2026."]


async def test_tab_switches_to_all_strategies_and_back(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i", "tab")
        assert history(app).key is None and title(app) == "All strategies · 2026"
        summary = str(history(app).query_one("#summary", Static).render())
        assert summary.startswith("Current streaks\n") and summary.count("\n") == len(store.strategies())
        assert all(any(line.startswith(name) for name in ("Talk", "Give", "Share", "Mom", "Show", "Celebrate", "Do "))
                   for line in runs_lines(app))
        await pilot.press("tab")
        assert history(app).key == "talk" and title(app) == strategy_title(store, "talk", 2026)


async def test_an_archived_strategy_keeps_its_history_in_the_overview(app, store):
    store.archive_strategy("celebrate")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i", "tab")
        summary = str(history(app).query_one("#summary", Static).render())
        strength = "\n".join(part(app, "strength"))
        assert "Celebrate his wins (arc" in summary and "Celebrate his wins (arc" in strength
        assert any(line.startswith("Celebrate") for line in runs_lines(app))


async def test_the_overview_reaches_back_to_the_earliest_strategy(app, store):
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("j", "j", "j", "i", "tab", "left_square_bracket", "left_square_bracket")
        assert title(app) == "All strategies · 2024" and not notices(app)
        # Back to "date", which starts in 2026: the year follows.
        await pilot.press("tab")
        assert title(app) == strategy_title(store, "date", 2026)


# -- search and escape ---------------------------------------------------------------------


async def test_search_filters_the_journal_and_escape_closes_it_first(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        screen = history(app)
        assert len(journal_lines(app)) == 3  # the sample's three notes: the notes of the year shown
        assert journal_lines(app)[0].startswith("2026-11-27  ")
        heading = str(screen.query_one("#journal-heading").render())
        assert heading == "Journal of 2026: 3 moments  (/ every year, enter edits)"
        await pilot.press("slash")
        search = screen.query_one("#search", Input)
        assert screen.has_class("-searching") and screen.focused is search and search.display
        await pilot.press(*"ROBOTICS")
        assert journal_lines(app) == [
            "2026-11-27  Tell him a story from when you were his age — he told me about the robotics club"]
        assert "matching “ROBOTICS”" in str(screen.query_one("#journal-heading").render())
        # Words match note and action alike, in any order.
        await pilot.press(*["backspace"] * 8, *"age story")
        assert [line[:10] for line in journal_lines(app)] == ["2026-11-27", "2024-12-30"]  # every year
        await pilot.press(*" nothing")
        assert journal_lines(app) == ["Nothing matches."]
        assert screen.query_one("#journal", OptionList).options[0].disabled
        # The first escape closes the search, the second goes back to the board.
        await pilot.press("escape")
        assert app.screen is screen and not screen.has_class("-searching")
        assert screen.focused is screen.query_one("#journal")
        await pilot.press("escape")
        assert isinstance(app.screen, BoardScreen)


async def test_brackets_typed_in_the_search_are_text(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i", "slash", "left_square_bracket", "right_square_bracket")
        assert history(app).query_one("#search", Input).value == "[]"
        assert history(app).year == 2026


async def test_enter_in_the_search_moves_to_the_journal(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i", "slash", *"cat", "enter")
        screen = history(app)
        assert screen.focused is screen.query_one("#journal")
        assert journal_lines(app) == [
            "2026-11-20  Ask him to explain something he knows more about than you — we laughed about the cat"]


# -- the heatmap and the runs -------------------------------------------------------------------


def style_at(line: Text, offset: int) -> Style:
    """The style the heatmap gave one cell of a rendered line."""
    style = Style.null()
    for span in line.spans:
        if span.start <= offset < span.end:
            style += span.style if isinstance(span.style, Style) else Style.parse(span.style)
    return style


@pytest.mark.parametrize("size, week_start", [(SIZE, 0), ((160, 40), 0), (SIZE, 6)])  # one cell a day, or two
async def test_the_heatmap_marks_today_and_shows_each_day(app, store, size, week_start):
    store.update_settings(week_start=week_start)
    async with app.run_test(size=size) as pilot:
        await pilot.press("i")
        heatmap = history(app).query_one(Heatmap)
        cell = heatmap.cell_width()
        assert cell == (1 if size == SIZE else 2)
        lines = heatmap.render().split("\n")
        grid = YearGrid(2026, week_start)
        assert [line.plain[:3] for line in lines[1:]] == grid.weekday_names()
        assert lines[1].plain[:3] == ("Mon" if week_start == 0 else "Sun")

        def at(day: date) -> tuple[str, Style]:
            column, row = grid.cell(day)
            line, offset = lines[1 + row], 5 + column * cell
            return line.plain[offset], style_at(line, offset)

        today_style = heatmap.get_component_rich_style("heatmap--today")
        assert at(TODAY) == (" ", today_style)  # talk is not done yet today: open, nothing owed yet
        assert at(date(2026, 11, 27)) == ("✓", heatmap.get_component_rich_style("heatmap--done"))
        assert at(date(2026, 11, 25)) == ("·", heatmap.get_component_rich_style("heatmap--missed"))
        assert at(date(2026, 10, 20)) == ("-", heatmap.get_component_rich_style("heatmap--away"))
        assert at(date(2026, 12, 1)) == (" ", heatmap.get_component_rich_style("heatmap--future"))
        assert today_style.bgcolor is not None and today_style != heatmap.get_component_rich_style("heatmap--open")
        # Only today's cell looks like today (both characters of it, when a day takes two).
        assert sum(today_style == style_at(line, i) for line in lines[1:] for i in range(5, len(line.plain))) == cell


async def test_the_overview_heatmap_marks_today_too(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i", "tab")
        heatmap = history(app).query_one(Heatmap)
        lines = heatmap.render().split("\n")
        column, row = YearGrid(2026, store.settings.week_start).cell(TODAY)
        offset = 5 + column * heatmap.cell_width()
        assert style_at(lines[1 + row], offset) == heatmap.get_component_rich_style("heatmap--today")
        assert lines[1 + row].plain[offset] in " ░▒▓█·"


async def test_the_runs_table_lists_the_store_runs_longest_first(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        rows = [list(re.fullmatch(r"\s*(\d+) (\w+)\s+(.+?) – (.+)", line).groups()) for line in runs_lines(app)]
        unit = UNIT_WORDS[store.streak("talk").unit]
        assert rows == [[*plural(r.length, unit).split(), f"{r.start:%a %d %b %Y}", f"{r.end:%a %d %b %Y}"]
                        for r in screen_order(store.streak("talk").runs)]
        assert rows[0][:2] == ["16", "days"]
        lengths = [int(row[0]) for row in rows]
        assert lengths == sorted(lengths, reverse=True)  # a longer streak is never listed below a shorter one


async def test_a_longer_streak_comes_first_even_when_a_shorter_one_covered_more_days(db_path, clock, tmp_path):
    with Store.open(db_path, clock) as store:
        first = date(2025, 3, 3)
        for n in range(12):  # 6 check-ins with a skipped day between each: 6 days over 11
            (store.check_in if n % 2 == 0 else store.skip)("talk", first + timedelta(days=n))
        for n in range(8):  # 8 days in a row
            store.check_in("talk", date(2025, 6, 2) + timedelta(days=n))
        app = BondApp(store=store, theme_dir=tmp_path / "themes")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("i")
            assert runs_lines(app)[0].split()[:2] == ["8", "days"]
            assert runs_lines(app)[1].split()[:2] == ["6", "days"]


# -- hostile text ---------------------------------------------------------------------------


async def test_hostile_text_shows_literally(app, store, clock):
    for text in HOSTILE:
        clock.advance(seconds=1)  # one after the other: newest first is then well defined
        store.check_in("talk", date(2026, 11, 28), text, f"note {text}")
    clock.advance(seconds=1)
    store.check_in("talk", date(2026, 11, 28), f"red {ESCAPE}action", f"{ESCAPE}red note")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("i")
        expected = ["2026-11-28  red \\x1b[31maction — \\x1b[31mred note"] + [
            f"2026-11-28  {text} — note {text}" for text in reversed(HOSTILE)]
        assert journal_lines(app)[: len(expected)] == expected
        # The overview names the strategy in front; searching for markup finds it as text.
        await pilot.press("tab", "slash", *"[/]")
        assert journal_lines(app) == [
            "2026-11-28  Talk with him like a grown-up: [@click=app.quit]Q[/] — note [@click=app.quit]Q[/]",
            "2026-11-28  Talk with him like a grown-up: [/] — note [/]"]
        assert "matching “[/]”" in str(history(app).query_one("#journal-heading").render())
        await pilot.press("enter", "enter")  # select a hostile option: it opens for editing, no click action runs
        assert "[@click=app.quit]Q[/]" in app.export_screenshot()
        await pilot.press("escape")
        screenshot = app.export_screenshot()
        assert "\x1b[31m" not in "".join(journal_lines(app))
        assert app.is_running and isinstance(app.screen, HistoryScreen)
        assert "[/]" in screenshot and not app.told.errors()


# -- snapshots --------------------------------------------------------------------------------


async def _open_history(pilot, *keys: str) -> None:
    await pilot.press("i", *keys)
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)])
def test_snapshot_one_strategy(snap_compare, app, size):
    assert snap_compare(app, terminal_size=size, run_before=_open_history)


def test_snapshot_all_strategies(snap_compare, app):
    async def overview(pilot):
        await _open_history(pilot, "tab")

    assert snap_compare(app, terminal_size=(100, 30), run_before=overview)
