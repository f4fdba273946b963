"""The guide at its edges: each behaviour held on both sides of its boundary, so that breaking it fails a test."""

from __future__ import annotations

from datetime import date, timedelta

import orjson

from store import Store
from store.guide.suggest import LAPSE_DAYS
from tests.store.guide import begun_earlier


def at(clock, day: int, hour: int) -> None:
    clock.moment = clock.moment.replace(day=day, hour=hour)


def test_a_strategy_skipped_today_is_not_suggested_today(store):
    assert {"talk", "freedom"} <= {s.strategy for s in store.suggestions()}
    store.toggle_skip("talk", store.today())  # a daily one, and one with a weekly goal
    store.toggle_skip("freedom", store.today())
    assert not {"talk", "freedom"} & {s.strategy for s in store.suggestions()}
    store.toggle_skip("affection", store.today() - timedelta(days=1))  # yesterday's skip does not hide it today
    assert any(s.strategy == "affection" for s in store.suggestions())


def test_welcome_back_comes_after_exactly_the_lapse_and_not_a_day_early(db_path, clock):
    today = date(2026, 11, 29)
    for gap, welcomed in ((LAPSE_DAYS, False), (LAPSE_DAYS + 1, True)):
        path = db_path.with_name(f"gap-{gap}.json")
        with Store.open(path, clock) as store:
            for n in range(40, gap - 1, -1):  # every day, until `gap` days before today
                store.check_in("talk", today - timedelta(days=n))
            first = store.suggestions()[0]
            assert (first.kind == "welcome") is welcomed, (gap, first)


def test_when_the_days_left_equal_what_is_missing_what_counts_comes_before_planning(db_path, clock):
    at(clock, 28, 21)  # Saturday night: together 0 of 2, two days left, outings only planned
    with begun_earlier(db_path, clock) as store:
        together = [s for s in store.suggestions() if s.strategy == "together"]
    assert together[0].kind == "last day" and "2 more this week and only 2 days left" in together[0].reason
    assert not together[0].action.startswith("Plan ")
    assert any(s.action.startswith("Plan ") for s in together)


def test_a_sunday_starts_the_week_when_the_week_starts_on_sunday(db_path, clock):
    at(clock, 29, 10)  # a Sunday
    with begun_earlier(db_path, clock) as store:
        monday_weeks = {s.strategy: s for s in store.suggestions()}
        assert monday_weeks["freedom"].kind != "last day"  # the last day of a Monday week: 0 of 2 is out of reach
        assert "Today is the last day" not in monday_weeks["freedom"].reason
        store.update_settings(week_start=6)
        sunday_weeks = [s for s in store.suggestions() if s.strategy == "freedom"]
    assert sunday_weeks[0].kind not in ("last day", "strength")  # the first day of a Sunday week: nothing pressed
    assert "this week" not in sunday_weeks[0].reason or "days left" in sunday_weeks[0].reason \
        or "all of it still ahead" in sunday_weeks[0].reason


def test_the_guides_saved_replay_moves_on_with_each_write(db_path, clock):
    days = []
    for _ in range(4):
        with Store.open(db_path, clock) as store:
            store.check_in("affection")
        days.append(orjson.loads(db_path.read_bytes())["derived"]["~guide"]["day"])
        clock.advance(days=20)
    start = date(2026, 11, 29).toordinal()
    assert days == [start, start + 20, start + 40, start + 60]
