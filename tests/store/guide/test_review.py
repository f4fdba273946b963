"""The week in review: its numbers against a count over the check-ins, its words, and `bondtui review`."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings as hypothesis_settings, strategies as st

from bench.guidance import at
from store import FixedClock, Store, week_start_of
from tests.store.guide import begun_earlier

TODAY = date(2026, 11, 29)  # the conftest clock: a Sunday
KEYS = ("talk", "freedom", "interest", "date", "affection", "celebrate", "together")
UNKIND = ("fail", "only", "should have", "missed", "behind")


@hypothesis_settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(week_start=st.sampled_from([0, 6]), weeks_back=st.integers(0, 2),
       logged=st.lists(st.tuples(st.sampled_from(KEYS), st.integers(28, 44), st.booleans()), max_size=40),
       away=st.one_of(st.none(), st.tuples(st.integers(0, 44), st.integers(0, 6))),
       archive_on=st.one_of(st.none(), st.integers(0, 44)))
def test_the_numbers_are_a_count_over_the_check_ins(tmp_path_factory, week_start, weeks_back, logged, away, archive_on):
    start = TODAY - timedelta(days=44)
    clock = FixedClock(at(start, 12))
    with Store.open(tmp_path_factory.mktemp("r") / "bond.json", clock) as store:
        store.update_settings(week_start=week_start)
        for key, offset, noted in sorted(logged, key=lambda entry: entry[1]):
            clock.moment = at(start + timedelta(days=offset), 12)
            if archive_on is not None and key == "date" and offset >= archive_on:
                continue  # archived by then
            store.check_in(key, note=f"note {offset} {key}" if noted else "")
        if away:
            store.add_away(start + timedelta(days=away[0]), start + timedelta(days=away[0] + away[1]))
        if archive_on is not None:
            clock.moment = at(start + timedelta(days=archive_on), 12)
            store.archive_strategy("date")
        clock.moment = at(TODAY, 20)
        first = week_start_of(TODAY, week_start) - timedelta(days=7 * weeks_back)
        week = store.week_review(first)
        every = [c for c in store.check_ins() if first <= c.day <= first + timedelta(days=6)]
    assert week.first == first and week.last == first + timedelta(days=6)
    assert {s.key: s.done for s in week.strategies} == {
        s.key: sum(c.strategy == s.key for c in every) for s in week.strategies}
    shown = {s.key for s in week.strategies}
    assert shown >= set(KEYS) - {"date"}  # every strategy on the board at some time in the week
    if archive_on is not None and start + timedelta(days=archive_on) < first:
        assert "date" not in shown  # archived before the week began: not in it
    assert [c.note for c in week.notes] == [c.note for c in sorted(every, key=lambda c: (c.day, c.created, c.id),
                                                                     reverse=True) if c.note]
    words = " ".join(week.reading).lower()
    assert week.reading and not any(word in words for word in UNKIND), words


def test_the_goal_follows_the_cadence_away_days_and_her_first_day(db_path, clock):
    with begun_earlier(db_path, clock, days=10) as store:  # her first day: Thursday 19 November
        first = week_start_of(TODAY, 0)  # Monday 23 November
        store.add_away(first, first + timedelta(days=1))  # Monday and Tuesday away
        goals = {s.key: s.goal for s in store.week_review(first).strategies}
        assert goals["talk"] == 5 and goals["freedom"] == 2 and goals["date"] == 1  # daily: the five days not away
        started = {s.key: s.goal for s in store.week_review(first - timedelta(days=7)).strategies}
        assert started["talk"] == 4  # Thursday to Sunday: the days it was on the board


def test_the_reading_names_what_was_strong_first_and_one_thing_for_next_week(store):
    for _ in range(2):
        store.check_in("date")  # two check-ins count two, beyond its goal of one
    store.check_in("talk", went="great", action="Ask him about his day")
    week = store.week_review(week_start_of(TODAY, 0))
    assert week.reading[0] == "Strong this week: Talk with him like a grown-up (1 of 1) and Mom & son date (2 of 1)."
    assert any(line.startswith("It went great with him once: Ask him about his day") for line in week.reading)
    assert week.reading[-1].startswith("Next week, try ")
    assert {s.key: s.done for s in week.strategies}["date"] == 2


def test_a_quiet_week_is_met_kindly(store):
    reading = store.week_review(week_start_of(TODAY, 0)).reading
    assert reading[0].startswith("A quiet week.")


def test_the_command_line_prints_text_markdown_and_json(cli):
    cli("done", "talk", "--note", "he said <script>alert(1)</script> *loudly*", "--went", "great")
    code, out, _ = cli("review")
    assert code == 0 and "What he said" in out and "<script>alert(1)</script>" in out
    assert out.index("What he said") < out.index("Each strategy")
    code, out, _ = cli("review", "--markdown")
    assert code == 0 and out.startswith("# The week of Mon 23 Nov to Sun 29 Nov 2026 (2026-W48)")
    assert "\\<script\\>" in out and "\\*loudly\\*" in out  # shown as written, never as markup
    week = json.loads(cli("review", "--json")[1])
    assert week["week"] == "2026-W48" and set(week) >= {"week", "strategies", "notes"}
    talk = next(s for s in week["strategies"] if s["key"] == "talk")
    assert set(talk) == {"key", "title", "done", "goal", "actions"} and talk["done"] == 1
    assert json.loads(cli("review", "--last", "--json")[1])["week"] == "2026-W47"
    assert json.loads(cli("review", "--week", "2026-W45", "--json")[1])["first"] == "2026-11-02"


def test_a_sunday_week_is_labelled_by_its_monday(cli):
    cli("settings", "set", "week-start", "sunday")
    week = json.loads(cli("review", "--json")[1])
    assert (week["first"], week["last"], week["week"]) == ("2026-11-29", "2026-12-05", "2026-W49")


@pytest.mark.parametrize("bad", ["2026-W60", "next week", "2027-W01", "2026-13"])
def test_a_week_that_cannot_be_reviewed_is_refused(cli, bad):
    code, out, err = cli("review", "--week", bad)
    assert code == 2 and out == "" and "week" in err
