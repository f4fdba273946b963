"""The guide: personas' laws on short runs, fitting to the hour and to him, the catalog, and the commands."""

from __future__ import annotations

import json
import re
import tomllib
from datetime import date, timedelta

import orjson
import pytest
from hypothesis import given, settings as hypothesis_settings, strategies as st

from bench import guidance as bench
from store import Cadence, Store, Strategy
from store.guide.ideas import is_past
from store.guide.need import Periods, assess
from store.model.catalog import CATALOG_PATH, CATALOG_VERSION, default_strategies
from store.model.records import SIZES, parse_action
from store.model.streaks import compute_streak
from tests.store.guide import begun_earlier
from tui.main import main


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Every persona for six weeks: longer than a replay without a saved start (the away persona leaves on day 14)."""
    folder = tmp_path_factory.mktemp("personas")
    return {persona: bench.play(persona, 42, folder) for persona in bench.PERSONAS}


# -- the personas' laws --------------------------------------------------------


def test_following_one_a_day_travels_through_every_strategy(runs):
    log = runs["follows"]
    assert bench.fewest_strategies(log, 14) == 7
    assert bench.fewest_strategies(log, 7) >= 5
    assert bench.repeats(log) == 0


def test_only_hugging_him_still_gets_guided(runs):
    log = runs["hugs"]
    assert bench.affection_after_hug(log) == 0  # done today: never offered again that day
    assert bench.fewest_strategies(log, 7) >= 5
    assert bench.repeats(log) == 0


def test_four_a_day_keep_every_goal(runs):
    log = runs["four"]
    kept, weeks = bench.weeks_kept(log)
    assert weeks >= 3 and kept == weeks
    # Once a daily streak exists, it is never lost.
    assert all(d.met["talk"] and d.met["affection"] for d in log[1:])


def test_suggestions_rest_while_away_and_welcome_her_back(runs):
    resting, back = bench.away_figures(runs["away"])
    assert resting == 0
    assert back is not None and (back.kind, back.size) == ("welcome", "moment")
    assert back.reason.startswith("Welcome back")


def test_his_name_and_interests_reach_the_suggestions(runs):
    assert bench.naming_share(runs["named"], 28) >= 1 / 3
    firsts = [d.first for d in runs["named"] if d.first]
    assert any(i in s.action or i in s.reason for s in firsts for i in bench.INTERESTS)
    assert not any("{" in s.action or "{" in s.reason for d in runs["named"] for s in d.shown + d.late)


def test_late_only_moments_and_every_suggestion_has_a_reason(runs):
    for log in runs.values():
        assert bench.late_sizes(log) == 0
        assert bench.missing_reasons(log) == 0


def test_reasons_vary_and_count_right(runs):
    assert len(bench.reason_kinds(runs["follows"])) >= 7  # six weeks; ≥ 8 over the 90 days of `make bench`
    reasons = {s.reason for log in runs.values() for d in log for s in d.shown + d.late}
    assert not [r for r in reasons if re.search(r"\b1 (days|weeks|mores)\b|\b[02-9] day\b|\b\d+ more \w+ \w+ reaches\b", r)]
    assert any("“" in r for r in reasons)  # a note she wrote came back as a reason


# -- fitting the moment --------------------------------------------------------


def at(clock, day: int, hour: int):
    clock.moment = clock.moment.replace(day=day, hour=hour)


def test_outings_on_the_weekend_planned_on_weekdays(store, clock):
    at(clock, 24, 18)  # a Tuesday
    tuesday = [s for s in store.suggestions() if s.strategy == "date"]
    assert all(s.size != "outing" for s in tuesday)
    assert any(s.action.startswith("Plan Saturday: ") and s.size == "moment" for s in tuesday)
    assert any(s.size == "evening" for s in tuesday)
    at(clock, 27, 18)  # Friday
    friday = [s for s in store.suggestions() if s.strategy == "date"]
    assert any(s.size == "outing" for s in friday)
    planned = [s.action.split(": ", 1)[1] for s in friday if s.action.startswith("Plan")]
    assert all(is_past(action, 4, 18) for action in planned)  # only what is over today ("breakfast out") is planned
    at(clock, 27, 21)  # Friday night: only moments
    assert {s.size for s in store.suggestions()} == {"moment"}


def test_her_own_sized_action_is_fitted_too(store, clock):
    text, size = parse_action("outing: Go bowling")
    store.update_strategy("date", actions=[text, "Ask where he wants to go"], sizes={text: size})
    at(clock, 24, 18)
    assert "Plan Saturday: Go bowling" in [s.action for s in store.suggestions() if s.strategy == "date"]


def test_without_a_name_he_is_him_and_interests_wait(store):
    every = store.suggestions()
    assert not any("{" in s.action for s in every)
    assert any(" him " in f" {s.action} " for s in every)
    assert not any(s.action == "Ask him to show you the best thing in  this week" for s in every)
    store.update_settings(son_name="Sam", interests=("football", "chess"))
    named = store.suggestions()
    assert any("Sam" in s.action for s in named)
    assert {"football", "chess"} & {w for s in named for w in ("football", "chess") if w in s.action}


def test_the_interest_rotates_from_day_to_day(store, clock):
    store.update_settings(interests=("football", "chess"))
    named = set()
    for day in (23, 24, 25):
        at(clock, day, 12)
        named |= {w for s in store.suggestions() for w in ("football", "chess") if w in s.action}
    assert named == {"football", "chess"}


def test_the_same_data_day_and_hour_give_the_same_list_and_n_wraps(db_path, clock, tmp_path):
    with Store.open(db_path, clock) as store:
        store.check_in("talk", action="Ask him what the best part of his day was", note="football")
        first = store.suggestions()
    with Store.open(db_path, clock) as again:
        assert again.suggestions() == first
    at(clock, 29, 12)
    with Store.open(db_path, clock) as noon:
        assert noon.suggestions() != first  # the hour matters: midday allows evenings


def test_reading_writes_nothing_while_writing_keeps_the_replay(db_path, clock):
    with Store.open(db_path, clock) as store:
        store.check_in("affection")
    before = db_path.read_bytes()
    assert orjson.loads(before)["derived"]["~guide"]["day"] == date(2026, 11, 29).toordinal()
    clock.advance(days=3)
    with Store.open(db_path, clock) as store:
        store.suggestions()
    assert db_path.read_bytes() == before


def test_a_check_in_without_text_moves_the_actions_on(store, clock):
    seen = []
    for day in range(20, 27):
        at(clock, day, 8)
        offered = next(s.action for s in store.suggestions() if s.strategy == "affection")
        seen.append(offered)
        store.check_in("affection")  # space: no action text
    assert len(set(seen)) == len(seen)


# -- the catalog ---------------------------------------------------------------


def test_the_catalog_is_rich_and_sized():
    with CATALOG_PATH.open("rb") as file:
        assert tomllib.load(file)["version"] == CATALOG_VERSION
    records = default_strategies()
    assert [r["key"] for r in records] == ["talk", "freedom", "interest", "date", "affection", "celebrate", "together"]
    for record in records:
        assert len(record["actions"]) >= 10 and len(set(record["actions"])) == len(record["actions"])
        assert set(record["sizes"].values()) <= set(SIZES)
        assert sum(record["sizes"].get(a, "moment") == "moment" for a in record["actions"]) >= 3


def v1_file(path, today: date) -> None:
    """A database as version 1 made it: six actions each, no sizes, and her own edits."""
    from store.files.reading import new_data

    data = new_data(today)
    del data["meta"]["meta"]["catalog"]
    with CATALOG_PATH.open("rb") as file:
        shipped = {r["key"]: [parse_action(a)[0] for a in r["actions"]] for r in tomllib.load(file)["strategy"]}
    for key, doc in data["strategies"].items():
        doc["actions"], doc["sizes"] = list(shipped[key]), {}
    date_doc = data["strategies"]["date"]
    date_doc["actions"].remove("See a movie he picks")  # she removed one
    date_doc["actions"].append("Fishing at the lake")  # and added her own
    date_doc["sizes"] = {"Fishing at the lake": "outing"}
    del data["strategies"]["celebrate"]  # and deleted a strategy
    path.write_bytes(orjson.dumps(data))


def test_new_catalog_actions_reach_an_old_database_without_touching_her_edits(db_path, clock):
    v1_file(db_path, date(2026, 11, 1))
    before = db_path.read_bytes()
    with Store.open(db_path, clock) as store:
        mine = store.strategy("date")
        assert len(store.strategy("talk").actions) == 14
        assert "See a movie he picks" not in mine.actions
        assert mine.actions[:6] == ("Go out for burgers, just the two of you", "Go bowling or play mini golf",
                                    "Cook something new together", "Take a hike or a bike ride",
                                    "Hold a movie marathon night at home", "Fishing at the lake")
        assert mine.size_of("Go bowling or play mini golf") == "outing"  # a size for an untouched old action
        assert mine.size_of("Fishing at the lake") == "outing"
        assert "celebrate" not in {s.key for s in store.strategies(archived=True)}
    assert db_path.read_bytes() == before  # reading wrote nothing
    with Store.open(db_path, clock) as store:
        store.check_in("talk")
        store.update_strategy("talk", actions=store.strategy("talk").actions[:-1])  # she removes a new one
    with Store.open(db_path, clock) as store:
        assert len(store.strategy("talk").actions) == 13  # written once, never brought back
        assert len(store.strategy("date").actions) == 14  # her five old ones, her own, the eight new
        assert orjson.loads(db_path.read_bytes())["meta"]["meta"]["catalog"] == CATALOG_VERSION


# -- the commands --------------------------------------------------------------


@pytest.fixture
def cli(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("BONDTUI_DB", str(tmp_path / "bond.json"))
    monkeypatch.setenv("BONDTUI_NOW", "2026-11-25T18:00:00+00:00")  # a Wednesday evening

    def run(*args: str):
        code = main(list(args))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    run.path = tmp_path / "bond.json"
    return run


def test_today_json(cli):
    code, out, err = cli("today", "--json")
    assert code == 0 and err == ""
    shown = json.loads(out)
    assert shown["day"] == "2026-11-25"
    assert set(shown["suggestion"]) == {"key", "title", "action", "reason", "size"}
    assert shown["suggestion"]["size"] in SIZES
    assert [s["key"] for s in shown["strategies"]][:2] == ["talk", "freedom"]
    assert shown["strategies"][0] == {"key": "talk", "title": "Talk with him like a grown-up", "state": "open",
                                      "period_done": 0, "period_target": 1}
    assert not cli.path.exists()


def test_today_short_and_next(cli):
    _, whole, _ = cli("today", "--json")
    every = []
    for n in range(3):
        code, out, _ = cli("today", "--short", "--next", str(n))
        assert code == 0 and out.count("\n") == 1
        every.append(out.strip())
    first = json.loads(whole)["suggestion"]
    assert every[0] == f"{first['action']} — {first['title']}"
    assert len(set(every)) == 3
    code, out, _ = cli("today", "--next", "1")
    assert every[1].split(" — ")[0] in out
    code, out, _ = cli("today", "--next", "2", "--json")
    found = json.loads(out)
    assert code == 0 and [f"{s['action']} — {s['title']}" for s in found["next"]] == every[1:3]
    assert set(found["next"][0]) == set(first) and json.loads(whole)["next"] == []


def test_did_logs_the_suggestion_and_shows_the_next(cli):
    first = json.loads(cli("today", "--json")[1])["suggestion"]
    code, out, err = cli("did", "--note", "he laughed [b]")
    assert code == 0 and err == ""
    assert out.startswith(f"✓ {first['title']} — {first['action']} (")
    assert "Next:" in out
    data = orjson.loads(cli.path.read_bytes())
    [check_in] = data["checkins"].values()
    assert (check_in["strategy"], check_in["action"], check_in["note"]) == (first["key"], first["action"], "he laughed [b]")
    following = json.loads(cli("today", "--json")[1])
    assert following["suggestion"]["key"] != first["key"]
    assert {s["key"]: s["state"] for s in following["strategies"]}[first["key"]] == "done"


def test_did_while_away_writes_nothing(cli):
    assert cli("done", "talk")[0] == 0
    from datetime import datetime

    from store import FixedClock

    with Store.open(cli.path, FixedClock(datetime.fromisoformat("2026-11-25T18:00:00+00:00"))) as store:
        store.add_away(date(2026, 11, 24), date(2026, 11, 30))
    before = cli.path.read_bytes()
    code, out, err = cli("did")
    assert code == 1 and out == "" and "Away until Mon 30 Nov" in err
    assert cli.path.read_bytes() == before
    assert json.loads(cli("today", "--json")[1])["suggestion"] is None
    assert cli("today", "--short")[1].startswith("Away until")


def test_today_usage_errors(cli):
    with pytest.raises(SystemExit) as exit_:
        cli("today", "--json", "--short")
    assert exit_.value.code == 2


# -- how the Today panel reads -------------------------------------------------


def test_snapshot_today_panel_with_his_name(snap_compare, db_path, clock, tmp_path):
    from tests.sample import fill
    from tui.board.app import BondApp

    clock.moment = clock.moment.replace(day=26, hour=18)  # a Thursday evening: an outing is planned, not done
    store = fill(Store.open(db_path, clock))
    store.update_settings(son_name="Sam", interests=("football", "chess"))
    try:
        assert snap_compare(BondApp(store=store, theme_dir=tmp_path / "themes"), terminal_size=(80, 24))
    finally:
        store.close()


async def test_the_panel_rests_while_he_is_away(store, tmp_path):
    from textual.widgets import Static

    from tui.board.app import BondApp

    store.add_away(store.today() - timedelta(days=1), store.today() + timedelta(days=2))
    app = BondApp(store=store, theme_dir=tmp_path / "themes")
    async with app.run_test(size=(80, 24)) as pilot:
        shown = str(app.screen.panel.query_one("#action", Static).render())
        assert "Away until Tue 01 Dec" in shown
        await pilot.press("d")
        assert store.check_ins() == []


@pytest.mark.parametrize("cadence", ["weekly on fri", "every 3 days", "3 per week"])
def test_her_own_cadences_get_reasons_that_read(store, clock, cadence):
    store.add_strategy("walks", "Walks", cadence, actions=["Walk the dog with him"])
    for day in range(23, 30):
        at(clock, day, 18)
        mine = [s for s in store.suggestions() if s.strategy == "walks"]
        assert all(s.reason and "{" not in s.reason and "this time" not in s.reason for s in mine)
        if day % 2:
            store.check_in("walks")


def test_on_the_last_day_what_counts_comes_before_planning(db_path, clock):
    at(clock, 29, 21)  # Sunday night: together still needs two this week, one day left: out of reach
    with begun_earlier(db_path, clock) as store:
        together = [s for s in store.suggestions() if s.strategy == "together"]
    assert together[0].kind != "last day" and "last day" not in together[0].reason  # no promise the week cannot keep
    assert not together[0].action.startswith("Plan ")  # one now still counts for its strength
    assert any(s.action.startswith("Plan ") for s in together)  # planning still comes, later


def test_a_name_or_interest_that_looks_like_a_placeholder_stays_as_written(store):
    store.update_settings(son_name="{interest}", interests=("{name} [b]",))
    actions = [s.action for s in store.suggestions()]
    assert "Ask {interest} what he would change about his school if he could" in actions
    assert any("{name} [b]" in a for a in actions)


# -- the need's arithmetic agrees with the streak engine -------------------------

ORIGIN = date(2026, 10, 1).toordinal()


@hypothesis_settings(max_examples=150, deadline=None)
@given(spec=st.sampled_from(["daily", "2 per week", "1 per week", "3 per week", "every 3 days", "weekly on mon,thu"]),
       done=st.sets(st.integers(0, 40)), paused=st.sets(st.integers(0, 40)), now=st.integers(10, 40),
       week_start=st.sampled_from([0, 6]))
def test_period_figures_match_the_streak_engine(spec, done, paused, now, week_start):
    cadence = Cadence.parse(spec)
    since = date.fromordinal(ORIGIN)
    strategy = Strategy("k", "K", "", cadence, ("a",), 0, since)
    done_o, paused_o, day = {ORIGIN + d for d in done}, {ORIGIN + d for d in paused}, ORIGIN + now
    need = assess(strategy, done_o, paused_o, day, Periods(strategy, day - 20, day, week_start).of(day),
                  last_done=None, last_offered=None)
    streak = compute_streak(cadence, [date.fromordinal(d) for d in done_o], [date.fromordinal(d) for d in paused_o],
                            date.fromordinal(day), week_start, since)
    assert (need.period_done, need.period_target, need.days_left) == (
        streak.period_done, streak.period_target, streak.days_left)
    if cadence.kind == "daily":
        assert need.at_risk == streak.at_risk
