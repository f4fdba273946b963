"""Looking back, without the app: the year grid, month counts, the journal, streak runs,
and `bondtui history` on the command line."""

from __future__ import annotations

import calendar
import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings, strategies as st

from store import FixedClock, Store
from store.model.history import YearGrid, journal, monthly_counts
from tests import ROOT
from tests.sample import NOTES, fill
from tui.calendar import GLYPHS, LEGEND
from tui.main import main
from tui.text import plural

NOW = datetime(2026, 11, 29, 20, 0, tzinfo=UTC)  # a Sunday evening
NOW_ENV = "2026-11-29T20:00:00+00:00"
TODAY = date(2026, 11, 29)
KEYS = "talk, freedom, interest, date, affection, celebrate, together"

# Text that means something to Rich/Textual markup or to a path parser, then a raw ESC.
HOSTILE = ["[/]", "x[/b]", "Read [The Book]", "[$accent]", "[@click=app.quit]Q[/]", "C:\\path\\"]
ESCAPE = "\x1b[31m"


def year_days(year: int):
    day = date(year, 1, 1)
    while day.year == year:
        yield day
        day += timedelta(days=1)


def brute_week_start(day: date, week_start: int) -> date:
    """The week's first day, computed without the product's helper."""
    return day - timedelta(days=(day.weekday() - week_start) % 7)


# -- the year grid -------------------------------------------------------------------

years = st.integers(1990, 2100)
week_starts = st.sampled_from([0, 6])


@settings(max_examples=60, deadline=None)
@given(years, week_starts)
def test_cell_and_day_at_are_inverse(year, week_start):
    grid = YearGrid(year, week_start)
    seen = set()
    for day in year_days(year):
        column, row = grid.cell(day)
        assert 0 <= column < grid.columns and 0 <= row < 7
        assert grid.day_at(column, row) == day
        assert row == (day.weekday() - week_start) % 7  # row 0 is the week start
        seen.add((column, row))
    assert len(seen) == (366 if calendar.isleap(year) else 365)  # no two days share a cell
    # Every other cell of the grid is empty, and every filled cell maps back.
    for column in range(grid.columns):
        for row in range(7):
            day = grid.day_at(column, row)
            assert (day is None) == ((column, row) not in seen)
            if day is not None:
                assert grid.cell(day) == (column, row)


@settings(max_examples=60, deadline=None)
@given(years, week_starts)
def test_first_and_last_day_of_the_year(year, week_start):
    grid = YearGrid(year, week_start)
    assert grid.cell(date(year, 1, 1))[0] == 0
    assert grid.cell(date(year, 12, 31))[0] == grid.columns - 1
    assert grid.origin.weekday() == week_start and grid.origin <= date(year, 1, 1)
    # The cells before 1 January and after 31 December hold nothing.
    first_row, last_row = grid.cell(date(year, 1, 1))[1], grid.cell(date(year, 12, 31))[1]
    assert all(grid.day_at(0, row) is None for row in range(first_row))
    assert all(grid.day_at(grid.columns - 1, row) is None for row in range(last_row + 1, 7))


@settings(max_examples=60, deadline=None)
@given(years, week_starts)
def test_columns_count_the_distinct_weeks(year, week_start):
    grid = YearGrid(year, week_start)
    weeks = {brute_week_start(day, week_start) for day in year_days(year)}
    assert grid.columns == len(weeks)
    assert grid.columns in (53, 54)
    last_weekday = (week_start - 1) % 7  # Sunday for a Monday week, Saturday for a Sunday week
    assert (grid.columns == 54) == (calendar.isleap(year) and date(year, 1, 1).weekday() == last_weekday)


def test_54_columns_examples():
    assert YearGrid(2012, 0).columns == 54  # leap, starts on a Sunday
    assert YearGrid(2012, 6).columns == 53
    assert YearGrid(2028, 6).columns == 54  # leap, starts on a Saturday
    assert YearGrid(2028, 0).columns == 53
    assert YearGrid(2023, 0).columns == 53  # starts on a Sunday, but not leap


def test_weekday_names_follow_the_week_start():
    assert YearGrid(2026, 0).weekday_names() == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    assert YearGrid(2026, 6).weekday_names() == ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]


def next_cell(cell: tuple[int, int]) -> tuple[int, int]:
    column, row = cell
    return (column, row + 1) if row < 6 else (column + 1, 0)


@pytest.mark.parametrize("week_start", [0, 6])
def test_leap_day(week_start):
    grid = YearGrid(2028, week_start)
    assert grid.cell(date(2028, 2, 29)) == next_cell(grid.cell(date(2028, 2, 28)))
    assert grid.cell(date(2028, 3, 1)) == next_cell(grid.cell(date(2028, 2, 29)))
    # 28 Feb 2028 is a Monday: row 0 of a Monday week, row 1 of a Sunday week; 29 Feb right below.
    assert grid.cell(date(2028, 2, 28))[1] == (0 if week_start == 0 else 1)
    assert grid.cell(date(2028, 2, 29))[0] == grid.cell(date(2028, 2, 28))[0]


@pytest.mark.parametrize("week_start", [0, 6])
def test_leap_day_at_the_bottom_of_a_column(week_start):
    # 28 Feb 2016 was a Sunday: the last row of a Monday week, so 29 Feb tops the next column.
    grid = YearGrid(2016, week_start)
    expected = (grid.cell(date(2016, 2, 28))[0] + 1, 0) if week_start == 0 else next_cell(grid.cell(date(2016, 2, 28)))
    assert grid.cell(date(2016, 2, 29)) == expected


def test_days_of_other_years_are_not_in_the_grid():
    grid = YearGrid(2026, 0)  # 1 Jan 2026 is a Thursday, 31 Dec a Thursday
    assert grid.origin == date(2025, 12, 29)
    assert [grid.day_at(0, row) for row in range(3)] == [None, None, None]
    assert grid.day_at(0, 3) == date(2026, 1, 1)
    assert grid.day_at(grid.columns - 1, 3) == date(2026, 12, 31)
    assert [grid.day_at(grid.columns - 1, row) for row in range(4, 7)] == [None, None, None]
    assert grid.day_at(grid.columns, 0) is None  # beyond the last column: next year


@pytest.mark.parametrize("week_start", [0, 6])
@pytest.mark.parametrize("year", [2024, 2026, 2027, 2028])
def test_month_columns(year, week_start):
    grid = YearGrid(year, week_start)
    columns = grid.month_columns()
    assert [name for _, name in columns] == ["Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    for month, (column, _) in enumerate(columns, start=1):
        assert column == grid.cell(date(year, month, 1))[0]
    assert columns[0][0] == 0
    assert [c for c, _ in columns] == sorted(c for c, _ in columns)


@settings(max_examples=60, deadline=None)
@given(st.integers(1990, 2099), week_starts)
def test_year_boundary_continues_the_week(year, week_start):
    this, following = YearGrid(year, week_start), YearGrid(year + 1, week_start)
    last_column, last_row = this.cell(date(year, 12, 31))
    first_row = following.cell(date(year + 1, 1, 1))[1]
    assert first_row == (last_row + 1) % 7  # the next cell, wrapping to the next week
    week_of_dec_31 = this.origin + timedelta(weeks=last_column)
    # The new year's first column is 31 December's week, unless 1 January starts a week.
    assert following.origin == (week_of_dec_31 if last_row < 6 else week_of_dec_31 + timedelta(weeks=1))


def test_31_dec_2026_and_1_jan_2027():
    this, following = YearGrid(2026, 0), YearGrid(2027, 0)
    assert this.cell(date(2026, 12, 31)) == (52, 3)  # a Thursday
    assert following.cell(date(2027, 1, 1)) == (0, 4)  # the Friday right after, same week
    assert following.origin == this.origin + timedelta(weeks=52) == date(2026, 12, 28)


# The grid works on dates, so a clock change cannot shift a day. US DST 2026: 8 March, 1 November.
DST_DAYS = [date(2026, 3, 8), date(2026, 11, 1)]


@pytest.mark.parametrize("week_start", [0, 6])
def test_dst_days_sit_between_their_neighbours(week_start):
    grid = YearGrid(2026, week_start)
    for day in DST_DAYS:
        before, cell, after = (grid.cell(day + timedelta(days=d)) for d in (-1, 0, 1))
        assert cell == next_cell(before) and after == next_cell(cell)


def test_the_grid_is_the_same_in_new_york():
    code = (
        "import json, time; from datetime import date, timedelta; from store.model.history import YearGrid\n"
        "assert time.tzname[0] in ('EST', 'America'), time.tzname\n"
        "out = {}\n"
        "for ws in (0, 6):\n"
        "    g = YearGrid(2026, ws); d = date(2026, 1, 1)\n"
        "    while d.year == 2026:\n"
        "        out[f'{ws} {d}'] = g.cell(d); d += timedelta(days=1)\n"
        "print(json.dumps(out))\n"
    )
    env = {**os.environ, "TZ": "America/New_York"}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60,
                            cwd=ROOT)
    assert result.returncode == 0, result.stderr
    there = json.loads(result.stdout)
    here = {f"{ws} {d}": list(YearGrid(2026, ws).cell(d)) for ws in (0, 6) for d in year_days(2026)}
    assert there == here


# -- month counts and the journal ------------------------------------------------------


def test_monthly_counts(store):
    for day in (date(2026, 1, 1), date(2026, 1, 31), date(2026, 3, 15), date(2026, 11, 29), date(2025, 12, 31)):
        store.check_in("talk", day)
    store.check_in("affection", date(2026, 3, 15))  # two check-ins on one day count twice
    counts = monthly_counts(store.check_ins(), 2026)
    assert counts == [2, 0, 2, 0, 0, 0, 0, 0, 0, 0, 1, 0]
    assert monthly_counts(store.check_ins(), 2025) == [0] * 11 + [1]
    assert monthly_counts(store.check_ins("affection"), 2026)[2] == 1
    assert monthly_counts([], 2026) == [0] * 12


def test_monthly_counts_of_the_sample(store):
    fill(store)
    check_ins = store.check_ins("talk")
    counts = monthly_counts(check_ins, 2026)
    assert sum(counts) == len(check_ins)
    assert counts[8:11] == [sum(c.day.month == m for c in check_ins) for m in (9, 10, 11)]


@pytest.fixture
def moments(store, clock):
    """Notes on a few days, two of them on the same day a minute apart."""
    store.check_in("talk", date(2026, 11, 1), "Ask him about ROBOTS", "He built a Robot arm")
    store.check_in("talk", date(2026, 11, 2), "Tell him a story", "")  # no note: never in the journal
    store.check_in("talk", date(2026, 11, 3), "Tell him a story", "he laughed at the robot joke")
    clock.advance(minutes=1)
    store.check_in("talk", date(2026, 11, 3), "Cook together", "pancakes, again")
    store.check_in("affection", date(2026, 10, 30), "Give him a hug", "a real hug, not a side one")
    return store


def test_journal_is_newest_first_and_only_notes(moments):
    notes = [c.note for c in journal(moments.check_ins())]
    assert notes == ["pancakes, again", "he laughed at the robot joke", "He built a Robot arm",
                     "a real hug, not a side one"]
    assert [c.note for c in journal(moments.check_ins("affection"))] == ["a real hug, not a side one"]
    assert journal([]) == []


@pytest.mark.parametrize("query, expected", [
    ("robot", ["he laughed at the robot joke", "He built a Robot arm"]),  # case-insensitive
    ("ROBOTS", ["He built a Robot arm"]),  # found in the action
    ("arm about", ["He built a Robot arm"]),  # every word, across note and action
    ("robot cook", []),  # every word must match the same moment
    ("story laughed", ["he laughed at the robot joke"]),
    ("  hug   real ", ["a real hug, not a side one"]),  # order and spacing do not matter
    ("", ["pancakes, again", "he laughed at the robot joke", "He built a Robot arm", "a real hug, not a side one"]),
    ("nothing-like-this", []),
])
def test_journal_search(moments, query, expected):
    assert [c.note for c in journal(moments.check_ins(), query)] == expected


def test_journal_search_takes_hostile_text_literally(store):
    for text in HOSTILE:
        store.check_in("talk", date(2026, 11, 1), "Read [The Book]", f"note {text}")
    assert len(journal(store.check_ins(), "[the book]")) == len(HOSTILE)
    assert {c.note for c in journal(store.check_ins(), "[/]")} == {"note [/]", "note [@click=app.quit]Q[/]"}
    assert [c.note for c in journal(store.check_ins(), "c:\\path\\")] == ["note C:\\path\\"]


# -- streak runs ------------------------------------------------------------------------


def screen_order(runs):
    """How the history screen lists runs: longest first, then the earliest."""
    return sorted(runs, key=lambda run: (-run.length, run.start))


def test_runs_of_the_sample(store):
    fill(store)
    for key in ("talk", "freedom", "date", "affection"):
        streak = store.streak(key)
        runs = streak.runs
        assert runs, key
        # Chronological, apart, each as long as it says, the best among them, the current one last.
        assert all(a.end < b.start for a, b in zip(runs, runs[1:], strict=False))
        assert all(run.start <= run.end and run.length >= 1 for run in runs)
        assert streak.best == max(run.length for run in runs)
        if streak.current:
            assert runs[-1].length == streak.current
    talk = store.streak("talk")
    # Talk: daily, missed every ninth day; the away days (20–22 Oct) freeze the run through them.
    assert screen_order(talk.runs)[0] == (longest := max(talk.runs, key=lambda r: r.length))
    assert (longest.start, longest.end, longest.length) == (date(2026, 10, 12), date(2026, 10, 28), 16)
    eights = [run.start for run in screen_order(talk.runs) if run.length == 8]
    assert eights == sorted(eights) and len(eights) == 4  # ties: the earliest first


# -- bondtui history ---------------------------------------------------------------------


@pytest.fixture
def cli(tmp_path, monkeypatch, capsys):
    """Run `bondtui ARGS` in process on prepared data; returns (exit code, stdout, stderr)."""
    path = tmp_path / "bond.json"
    monkeypatch.setenv("BONDTUI_DB", str(path))
    monkeypatch.setenv("BONDTUI_NOW", NOW_ENV)

    def run(*args: str):
        code = main(list(args))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    def prepare(*steps):
        with Store.open(path, FixedClock(NOW)) as store:
            for step in steps:
                step(store)

    run.path, run.prepare = path, prepare
    return run


def sections(out: str) -> dict[str, list[str]]:
    """The output cut at its blank lines, each part keyed by its first line."""
    parts = [part.splitlines() for part in out.rstrip("\n").split("\n\n")]
    return {part[0]: part[1:] for part in parts}


def calendar_glyphs(lines: list[str], grid: YearGrid) -> dict[date, str]:
    """Each day's glyph, read off the printed calendar (the weekday rows)."""
    glyphs = {}
    for row, line in enumerate(lines):
        for column in range(grid.columns):
            day = grid.day_at(column, row)
            if day is not None:
                at = 5 + column
                glyphs[day] = line[at] if at < len(line) else " "
    return glyphs


def test_history_prints_every_part(cli):
    cli.prepare(fill)
    code, out, err = cli("history", "talk")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "Talk with him like a grown-up · every day · 2026"
    assert lines[1] == ""
    assert lines[2].split() == ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    assert [line[:3] for line in lines[3:10]] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    assert lines[10:13] == ["", LEGEND, ""]
    with Store.open(cli.path, FixedClock(NOW)) as store:
        streak, score = store.streak("talk"), store.strength("talk")
        states = store.day_states("talk", date(2026, 1, 1), date(2026, 12, 31))
        moments = journal(store.check_ins("talk"))
    # Every day of the year shows its state's glyph in its cell.
    glyphs = calendar_glyphs(lines[3:10], YearGrid(2026, 0))
    assert glyphs == {day: GLYPHS[state] for day, state in states.items()}
    assert glyphs[date(2026, 11, 27)] == "✓" and glyphs[date(2026, 11, 25)] == "·"  # 2 and 4 days ago
    assert glyphs[date(2026, 10, 20)] == "-" and glyphs[TODAY] == " "  # away; today still open: blank, nothing owed yet
    assert (f"Current streak  {plural(streak.current, 'days')}\n"
            f"Best streak     {plural(streak.best, 'days')}\n"
            f"Strength        {score:.0%}  (one miss now costs about ") in out
    parts = sections(out)
    months = parts["Check-ins by month"]
    assert [m.split()[0] for m in months] == ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    assert [int(m.split()[-1]) for m in months] == [0] * 8 + [1, 27, 25, 0]
    assert "█" * 40 in months[9]  # the busiest month takes the whole bar
    runs = parts["Streak runs in 2026, longest first"]
    assert runs == [f"  {plural(r.length, 'days'):>12}   {r.start:%a %d %b %Y} – {r.end:%a %d %b %Y}"
                    for r in screen_order(streak.runs)]
    assert parts["Journal of 2026"] == [f"  {c.day:%Y-%m-%d}  {c.action} — {c.note}" for c in moments]
    assert [c.note for c in moments] == [NOTES[ago] for ago in sorted(NOTES)]
    assert [line.split()[0] for line in parts["Journal of 2026"]] == ["2026-11-27", "2026-11-20", "2026-11-13"]


def test_history_of_a_weekly_strategy_counts_weeks(cli):
    cli.prepare(fill)
    code, out, _ = cli("history", "date")
    assert code == 0
    assert out.splitlines()[0] == "Mom & son date · once a week · 2026"
    with Store.open(cli.path, FixedClock(NOW)) as store:
        streak = store.streak("date")
    assert f"Current streak  {plural(streak.current, 'weeks')}\nBest streak     {plural(streak.best, 'weeks')}\n" in out
    assert "Journal of 2026\n  no notes yet: add one with `bondtui done KEY --note TEXT`\n" in out


def test_the_runs_are_those_of_the_store_in_the_screen_order(cli):
    def earlier(store):
        for day in (date(2025, 3, 4), date(2025, 3, 5), date(2025, 12, 31), date(2026, 1, 1), date(2026, 1, 2)):
            store.check_in("talk", day)

    cli.prepare(fill, earlier)
    with Store.open(cli.path, FixedClock(NOW)) as store:
        runs = store.streak("talk").runs
    assert [(r.start, r.end, r.length) for r in runs[:2]] == [
        (date(2025, 3, 4), date(2025, 3, 5), 2), (date(2025, 12, 31), date(2026, 1, 2), 3)]
    # A run across New Year belongs to both years.
    for year in (2025, 2026):
        _, out, _ = cli("history", "talk", "--year", str(year))
        printed = sections(out)[f"Streak runs in {year}, longest first"]
        expected = [r for r in screen_order(runs) if r.start.year <= year <= r.end.year]
        assert [line.split("   ")[-1] for line in printed] == [f"{r.start:%a %d %b %Y} – {r.end:%a %d %b %Y}" for r in expected]


def test_a_sunday_week_starts_the_rows_on_sunday(cli):
    cli.prepare(fill, lambda store: store.update_settings(week_start=6))
    code, out, _ = cli("history", "talk")
    lines = out.splitlines()
    assert code == 0
    assert [line[:3] for line in lines[3:10]] == ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    glyphs = calendar_glyphs(lines[3:10], YearGrid(2026, 6))
    assert glyphs[date(2026, 11, 27)] == "✓" and glyphs[TODAY] == " "  # today is still open: blank
    # Today, a Sunday, opens the last column of a Sunday week.
    assert YearGrid(2026, 6).cell(TODAY) == (YearGrid(2026, 6).cell(date(2026, 11, 30))[0], 0)


def test_an_earlier_year(cli):
    cli.prepare(fill, lambda s: s.check_in("talk", date(2024, 6, 1), "Tell him a story", "the first note"))
    code, out, _ = cli("history", "talk", "--year", "2024")
    assert code == 0
    parts = sections(out)
    assert out.startswith("Talk with him like a grown-up · every day · 2024\n")
    assert [int(m.split()[-1]) for m in parts["Check-ins by month"]][5] == 1
    assert parts["Streak runs in 2024, longest first"] == ["         1 day   Sat 01 Jun 2024 – Sat 01 Jun 2024"]
    assert parts["Journal of 2024"] == ["  2024-06-01  Tell him a story — the first note"]
    glyphs = calendar_glyphs(out.splitlines()[3:10], YearGrid(2024, 0))
    assert glyphs[date(2024, 6, 1)] == "✓" and glyphs[date(2024, 6, 2)] == "·"
    assert glyphs[date(2024, 5, 31)] == " "  # before tracking: blank
    # A year inside the range without a single check-in is still shown.
    code, out, _ = cli("history", "talk", "--year", "2025")
    assert code == 0 and "Streak runs in 2025, longest first\n  none yet\n" in out


def test_a_first_run_shows_an_empty_year_and_writes_nothing(cli):
    code, out, err = cli("history", "talk")
    assert code == 0 and err == ""
    assert "Current streak  0 days" in out and "  none yet" in out and "no notes yet" in out
    assert not cli.path.exists()


def test_history_writes_nothing(cli):
    cli.prepare(fill)
    before = cli.path.read_bytes()
    assert cli("history", "talk")[0] == 0
    assert cli.path.read_bytes() == before


@pytest.mark.parametrize("key", ["bogus", "Tal", ""])
def test_an_unknown_key_lists_the_valid_ones(cli, key):
    cli.prepare(fill)
    code, out, err = cli("history", key)
    assert code == 2 and out == ""
    assert f"choose one of: {KEYS}" in err


@pytest.mark.parametrize("year", ["2025", "2027", "1999", "0", "-5"])
def test_a_year_without_history_names_the_range(cli, year):
    cli.prepare(fill)  # data from 30 Sep 2026 on
    code, out, err = cli("history", "talk", "--year", year)
    assert code == 2 and out == ""
    assert f"no history for {year}" in err and "from 2026 to 2026" in err


def test_the_range_starts_at_the_first_check_in(cli):
    cli.prepare(fill, lambda s: s.check_in("talk", date(2024, 6, 1)))
    assert "choose a year from 2024 to 2026" in cli("history", "talk", "--year", "2023")[2]
    assert cli("history", "talk", "--year", "2027")[0] == 2
    assert "from 2026 to 2026" in cli("history", "freedom", "--year", "2024")[2]  # per strategy


def test_a_year_that_is_not_a_number_is_refused(cli):
    with pytest.raises(SystemExit) as exited:
        cli("history", "talk", "--year", "last")
    assert exited.value.code == 2


def test_hostile_text_is_printed_literally(cli):
    def hostile(store):
        for text in HOSTILE:
            store.check_in("talk", date(2026, 11, 1), text, f"note {text}")
        store.check_in("talk", date(2026, 11, 2), f"red {ESCAPE}action", f"{ESCAPE}red note")

    cli.prepare(hostile)
    code, out, err = cli("history", "talk")
    assert code == 0 and err == ""
    journal_lines = sections(out)["Journal of 2026"]
    for text in HOSTILE:
        assert f"  2026-11-01  {text} — note {text}" in journal_lines
    assert "  2026-11-02  red \\x1b[31maction — \\x1b[31mred note" in journal_lines
    assert "\x1b" not in out


def run_bondtui(tmp_path, *args):
    """A real process; reports on stderr which Textual or Rich modules it loaded."""
    env = {**os.environ, "BONDTUI_DB": str(tmp_path / "bond.json"), "BONDTUI_NOW": NOW_ENV}
    code = (
        "import sys; from tui.main import main; rc = main(sys.argv[1:]); "
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')); "
        "print('LOADED', loaded, file=sys.stderr); sys.exit(rc)"
    )
    return subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, timeout=60, cwd=ROOT)


def test_history_never_imports_textual_or_rich(tmp_path):
    with Store.open(tmp_path / "bond.json", FixedClock(NOW)) as store:
        fill(store)
        store.check_in("talk", date(2026, 11, 1), "[$accent]", f"{ESCAPE}[/]")
    result = run_bondtui(tmp_path, "history", "talk")
    assert result.returncode == 0, result.stderr
    assert "LOADED []" in result.stderr
    assert "[$accent] — \\x1b[31m[/]" in result.stdout and "\x1b" not in result.stdout
    refused = run_bondtui(tmp_path, "history", "talk", "--year", "2020")
    assert refused.returncode == 2 and "LOADED []" in refused.stderr
