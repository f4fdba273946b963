"""The numbers at their edges: a week start changed under saved checkpoints, the last day of a long
away period, and exactly as many undo steps as promised."""

from __future__ import annotations

import shutil
from datetime import date, timedelta

import orjson
from hypothesis import given, settings, strategies as st

from bench.generate import build
from store import Store
from store.files.changelog import UNDO_KEPT
from store.files.storage import serialise, write_atomically
from store.model.paused import Paused


def test_after_the_week_start_changes_checkpointed_streaks_equal_a_fresh_count(db_path, clock, tmp_path):
    data = build(2, seed=11)
    data["meta"]["meta"]["schema_version"] = 1
    write_atomically(db_path, serialise(data))
    with Store.open(db_path, clock) as store:
        store.check_in("talk")  # the write saves checkpoints
        store.update_settings(week_start=6)
    saved = orjson.loads(db_path.read_bytes())["derived"]
    assert any("streak" in doc for doc in saved.values())
    fresh = tmp_path / "fresh" / "bond.json"
    fresh.parent.mkdir()
    shutil.copy(db_path, fresh)
    shutil.copytree(db_path.with_name("bond.d"), fresh.with_name("bond.d"))
    raw = orjson.loads(fresh.read_bytes())
    raw["derived"] = {}
    fresh.write_bytes(orjson.dumps(raw))
    with Store.open(db_path, clock, read_only=True) as checkpointed, Store.open(fresh, clock, read_only=True) as counted:
        for strategy in counted.strategies():
            assert checkpointed.streak(strategy.key) == counted.streak(strategy.key), strategy.key
            assert checkpointed.strength(strategy.key) == counted.strength(strategy.key), strategy.key


@settings(max_examples=200, deadline=None)
@given(start=st.integers(-20000, 0), length=st.integers(3000, 40000), short=st.lists(
    st.tuples(st.integers(-20000, 0), st.integers(1, 30)), max_size=5))
def test_the_last_day_of_a_long_away_range_is_away_and_the_next_is_not(start, length, short):
    today = date(2026, 11, 29).toordinal()
    first, last = today + start, today + start + length - 1
    ranges = [(first, last), *((today + s, today + s + n - 1) for s, n in short)]
    paused = Paused.make((), ranges)
    covered = {day for a, b in ranges for day in (a - 1, a, b, b + 1)}
    for day in covered:
        assert (day in paused) == any(a <= day <= b for a, b in ranges), day


def test_the_last_day_of_an_eleven_year_away_period_is_drawn_away(store):
    start, end = date(2010, 1, 1), date(2021, 3, 3)
    store.add_away(start, end, "far away")
    states = store.day_states("talk", end - timedelta(days=1), end + timedelta(days=1))
    assert [states[end - timedelta(days=1)], states[end]] == ["away", "away"]
    assert states[end + timedelta(days=1)] != "away"


def test_undo_keeps_exactly_its_stated_number_of_steps(store):
    first = store.today() - timedelta(days=UNDO_KEPT + 5)
    for n in range(UNDO_KEPT + 1):
        store.check_in("talk", first + timedelta(days=n))
    undone = 0
    while store.undo() is not None:
        undone += 1
    assert undone == UNDO_KEPT
    assert len(store.check_ins("talk")) == 1  # the oldest change is beyond the undo
