"""Plans: a day set aside for a strategy is offered first that day, listed ahead of it, and forgotten kindly after."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from bench.guidance import at
from store import Store
from tests.store.guide import begun_earlier

TODAY = date(2026, 11, 29)  # the conftest clock: Sunday 20:00


def test_the_plan_comes_first_on_its_day_even_with_the_goal_met(db_path, clock):
    with begun_earlier(db_path, clock) as store:
        store.check_in("date")  # the week's one date: its goal is met
        saturday = TODAY + timedelta(days=6)
        store.add_plan("date", saturday, "Breakfast out, just the two of us")
        store.add_plan("celebrate", saturday + timedelta(days=1))
        assert [p.day for p in store.plans()] == [saturday, saturday + timedelta(days=1)]
        clock.moment = at(saturday, 9)
        first = store.suggestions()[0]
        assert (first.strategy, first.action, first.reason) == ("date", "Breakfast out, just the two of us",
                                                              "You planned this on Sunday.")
        store.check_in("date", action=first.action)
        assert store.suggestions()[0].strategy != "date"  # done: it steps aside
        clock.moment = at(saturday + timedelta(days=1), 9)
        first = store.suggestions()[0]
        assert first.strategy == "celebrate" and first.kind == "planned" and first.action  # the day's own idea
        clock.moment = at(saturday + timedelta(days=2), 9)
        assert store.plans() == []  # passed without a word: dropped quietly
        assert all(s.kind != "planned" for s in store.suggestions())


def test_nothing_is_offered_from_a_plan_while_he_is_away(store):
    store.add_plan("talk", TODAY)
    store.add_away(TODAY, TODAY)
    assert store.suggestions() == []


@pytest.fixture
def plan(cli):
    def run(*args: str):
        return cli("plan", *args)
    run.cli = cli
    return run


def test_the_command_line_adds_lists_and_removes(plan):
    code, out, _ = plan("add", "date", "saturday", "--action", "Bowling")
    assert code == 0 and "Sat 05 Dec 2026" in out
    assert plan("add", "talk", "tomorrow")[0] == 0
    listed = json.loads(plan("list", "--json")[1])
    assert [(p["strategy"], p["day"], p["action"]) for p in listed] == [("talk", "2026-11-30", ""),
                                                                       ("date", "2026-12-05", "Bowling")]
    assert plan("remove", listed[0]["id"])[0] == 0
    assert [p["strategy"] for p in json.loads(plan("list", "--json")[1])] == ["date"]
    assert plan.cli("undo")[0] == 0
    assert len(json.loads(plan("list", "--json")[1])) == 2
    exported = json.loads(plan.cli("export")[1])
    assert sorted(p["day"] for p in exported["plans"]) == ["2026-11-30", "2026-12-05"]


@pytest.mark.parametrize("args", [("add", "date", "2026-11-01"), ("add", "nope", "today"), ("add", "date", "someday"),
                                  ("remove", "abcdef12")])
def test_a_plan_that_cannot_be_is_refused_and_nothing_is_written(plan, args):
    plan("add", "talk", "tomorrow")
    before = plan.cli.path.read_bytes()
    code, out, err = plan(*args)
    assert code == 2 and out == "" and err.startswith("bondtui: ")
    assert plan.cli.path.read_bytes() == before


def test_plans_travel_through_export_import_and_merge(cli, tmp_path):
    cli("plan", "add", "date", "saturday", "--action", "Bowling")
    cli("export", "-o", str(tmp_path / "out.json"))
    cli.monkeypatch.setenv("BONDTUI_DB", str(tmp_path / "other.json"))
    assert cli("merge", str(tmp_path / "out.json"))[0] == 0
    assert [p["action"] for p in json.loads(cli("plan", "list", "--json")[1])] == ["Bowling"]


async def test_the_panel_lists_the_days_ahead_and_offers_today_s_plan(store, tmp_path):
    from tests.tui_helpers import screen_text
    from tui.board.app import BondApp

    store.add_plan("date", TODAY + timedelta(days=6))
    store.add_plan("celebrate", TODAY, "Cake for the maths test")
    app = BondApp(store=store, theme_dir=tmp_path / "themes")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        assert "Cake for the maths test" in shown and "You planned this earlier today." in shown
        assert "Planned: Sat 05 Dec, Mom & son date" in shown
        celebrate = next(line for line in shown.splitlines() if line.strip().startswith("Celebrate his wins"))
        assert "◆" in celebrate  # today's cell says she planned it
        assert not any("◆" in line for line in shown.splitlines() if line.strip().startswith("Mom & son date"))


def test_a_plan_on_a_strategy_she_deletes_goes_quietly(store: Store):
    store.add_plan("date", TODAY + timedelta(days=1))
    store.delete_strategy("date")
    assert store.plans() == []
