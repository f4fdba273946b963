"""What the calendar draws, as scripts read it (`history KEY --json`), and the days that are no misses:
after a strategy was archived, and before she started."""

from __future__ import annotations

import json
from datetime import date, timedelta

from store import Store
from tui.board.app import BondApp
from tui.board.screens.history import HistoryScreen
from tui.board.widgets.heatmap import Heatmap

STATES = {"done", "missed", "skipped", "away", "not_due", "open", "archived", "before_start"}


def history_json(cli, *args) -> dict:
    code, out, err = cli("history", *args, "--json")
    assert code == 0, err
    return json.loads(out)


def test_history_json_says_what_the_calendar_draws(cli):
    for day in ("2026-11-20", "2026-11-21", "2026-11-22", "2026-11-25"):
        assert cli("done", "talk", "--date", day)[0] == 0
    assert cli("skip", "talk", "--date", "2026-11-26")[0] == 0
    assert cli("away", "add", "2026-11-27", "2026-11-27")[0] == 0
    found = history_json(cli, "talk")
    assert set(found) == {"key", "year", "days", "runs", "strength"} and (found["key"], found["year"]) == ("talk", 2026)
    days = {entry["day"]: entry["state"] for entry in found["days"]}
    assert len(days) == (date(2026, 11, 29) - date(2026, 1, 1)).days + 1  # the year up to today
    assert {state for state in days.values()} <= STATES
    assert [days[d] for d in ("2026-11-19", "2026-11-20", "2026-11-23", "2026-11-26", "2026-11-27", "2026-11-29")] == [
        "before_start", "done", "missed", "skipped", "away", "open"]
    assert found["runs"] == [{"start": "2026-11-20", "end": "2026-11-22", "length": 3},
                             {"start": "2026-11-25", "end": "2026-11-25", "length": 1}]
    strength = found["strength"]
    assert strength[0]["day"] == "2026-11-20" and strength[-1]["day"] == "2026-11-29"
    assert all(type(point["value"]) is float for point in strength)
    code, out, _ = cli("streaks", "--json")
    assert [row["strength"] for row in json.loads(out) if row["key"] == "talk"] == [strength[-1]["value"]]


def test_an_archived_strategys_days_after_it_left_are_archived_not_missed(cli):
    assert cli("done", "date", "--date", "2026-09-01")[0] == 0
    cli.monkeypatch.setenv("BONDTUI_NOW", "2026-09-20T20:00:00+00:00")
    assert cli("strategy", "archive", "date")[0] == 0
    cli.monkeypatch.setenv("BONDTUI_NOW", "2026-11-29T20:00:00+00:00")
    days = {entry["day"]: entry["state"] for entry in history_json(cli, "date")["days"]}
    assert days["2026-09-01"] == "done" and days["2026-09-14"] == "missed"  # a week she missed before
    assert {days[d] for d in days if d > "2026-09-20"} == {"archived"}
    code, out, _ = cli("history", "date")
    assert code == 0 and "costs about" not in out and "archived" in out
    calendar = out.split("\n\n")[1]
    assert calendar.count("·") == 14  # the two weeks missed before it left, not eleven


def test_a_strategy_archived_by_an_older_version_rests_from_its_last_check_in(cli):
    assert cli("done", "date", "--date", "2026-09-01")[0] == 0
    assert cli("strategy", "archive", "date")[0] == 0
    raw = json.loads(cli.path.read_text())
    raw["strategies"]["date"].pop("archived_on")
    cli.path.write_text(json.dumps(raw))
    days = {entry["day"]: entry["state"] for entry in history_json(cli, "date")["days"]}
    assert {days[d] for d in days if d > "2026-09-01"} == {"archived"}


async def test_the_overview_leaves_the_days_before_she_started_blank(db_path, clock, tmp_path):
    with Store.open(db_path, clock) as store:
        store.check_in("talk", date(2026, 11, 2))
        app = BondApp(store=store, theme_dir=tmp_path / "themes")
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("i", "tab")
            assert isinstance(app.screen, HistoryScreen)
            heatmap = app.screen.query_one(Heatmap)
            lines = heatmap.render().plain.split("\n")[1:]
            grid = heatmap.grid
            drawn = {}
            for day in (date(2026, 1, 1) + timedelta(days=n) for n in range(333)):
                column, row = grid.cell(day)
                drawn[day] = lines[row][5 + column * heatmap.cell_width()]
            before = {glyph for day, glyph in drawn.items() if day < store.first_day()}
            assert before == {" "}, before
            assert drawn[date(2026, 11, 3)] == "·" and drawn[date(2026, 11, 2)] != " "
