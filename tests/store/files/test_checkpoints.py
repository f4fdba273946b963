"""The store's remembered sums never drift: after any changes, streaks and strength equal a fresh count."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from unittest.mock import patch

from hypothesis import HealthCheck, given, settings, strategies as st

from store import FixedClock, Store
from store.model.streaks import compute_streak
from store.model.strength import strength

KEYS = ["talk", "freedom", "date"]
# (kind, strategy, days ago): far-back days fall before the checkpoints, near ones after.
CHANGE = st.tuples(st.sampled_from(["toggle", "skip", "undo", "away", "next day", "cadence"]),
                   st.sampled_from(KEYS), st.integers(0, 120))


def fresh(store: Store, key: str):
    """What the numbers are when counted from nothing."""
    strategy, today = store.strategy(key), store.today()
    streak = compute_streak(strategy.cadence, set(store.done_days(key)), store.paused_days(key), today,
                            store.settings.week_start, strategy.since)
    return streak, strength(strategy.cadence, set(store.done_days(key)), store.paused_days(key), today)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(history=st.lists(st.integers(1, 500), min_size=0, max_size=200), changes=st.lists(CHANGE, max_size=25),
       kept=st.integers(1, 4))
def test_checkpointed_numbers_equal_a_fresh_count(tmp_path_factory, history, changes, kept):
    """Over more than a year, with few runs kept, so that checkpoints forget runs and the year turns."""
    clock = FixedClock(datetime(2026, 11, 29, 20, 0, tzinfo=UTC))
    with patch("store.model.streaks.RUNS_KEPT", kept), Store.open(tmp_path_factory.mktemp("db") / "bond.json", clock) as store:
        with store.changing(), store._database.storage.batch():
            for ago in set(history):
                store.check_in(KEYS[ago % 3], store.today() - timedelta(days=ago))
        for key in KEYS:  # warm the checkpoints
            store.streak(key), store.strength(key)
        for kind, key, ago in changes:
            day = store.today() - timedelta(days=ago)
            if kind == "toggle":
                store.toggle_check_in(key, day)
            elif kind == "skip":
                store.toggle_skip(key, day)
            elif kind == "undo":
                store.undo()
            elif kind == "away":
                store.add_away(day, day + timedelta(days=ago % 5))
            elif kind == "next day":
                clock.advance(days=1 + ago % 3)
            else:
                store.update_strategy(key, cadence=["daily", "2 per week", "weekly on fri", "every 3 days"][ago % 4])
            for check in KEYS:
                streak, score = fresh(store, check)
                assert store.streak(check) == streak  # the runs kept and their count too
                assert abs(store.strength(check) - score) < 1e-12
        reopened = Store.open(store.path, clock, read_only=True)  # from the checkpoints the last write saved
        for check in KEYS:
            assert reopened.streak(check) == fresh(store, check)[0]


def _sample_store(path, clock):
    store = Store.open(path, clock)
    with store.changing(), store._database.storage.batch():
        for ago in range(3, 400):
            if ago % 7 != 3:
                store.check_in("talk", store.today() - timedelta(days=ago))
            if ago % 3 == 0:
                store.check_in("freedom", store.today() - timedelta(days=ago))
    return store


def test_saved_checkpoints_are_used_at_the_next_start(db_path, clock):
    with _sample_store(db_path, clock) as store:
        before = {key: (store.streak(key), store.strength(key)) for key in KEYS}
        store.toggle_check_in("talk")  # a write carries the checkpoints along
        store.toggle_check_in("talk")
    saved = json.loads(db_path.read_text())["derived"]
    saved.pop("~guide")  # the suggestions' own saved replay rides along too
    board = {s.key for s in Store.open(db_path, clock, read_only=True).strategies()}
    assert set(saved) == board >= set(KEYS)  # every strategy on the board: a reader needs no closed year
    assert all({"streak", "strength"} <= set(doc) for doc in saved.values())
    with Store.open(db_path, clock) as again:
        assert {key: (again.streak(key), again.strength(key)) for key in KEYS} == before
        assert set(again._derived.persisted) == {(kind, key) for kind in ("streak", "strength") for key in KEYS}


def test_saved_checkpoints_are_ignored_when_the_data_behind_them_changed(db_path, clock):
    with _sample_store(db_path, clock) as store:
        store.streak("talk"), store.strength("talk")
        store.toggle_check_in("talk")
    data = json.loads(db_path.read_text())
    old = min((doc for doc in data["checkins"].values() if doc["strategy"] == "talk"), key=lambda d: d["day"])
    del data["checkins"][old["id"]]  # an edit made behind bondtui's back, far before the checkpoint
    db_path.write_text(json.dumps(data))
    with Store.open(db_path, clock) as again:
        streak, score = fresh(again, "talk")
        assert again.streak("talk") == streak and again.strength("talk") == score
        assert ("streak", "talk") not in again._derived.persisted


def test_a_damaged_checkpoint_is_only_a_cache(db_path, clock):
    with _sample_store(db_path, clock) as store:
        store.streak("talk"), store.strength("talk")
        store.toggle_check_in("talk")
    data = json.loads(db_path.read_text())
    data["derived"]["talk"]["streak"]["runs"] = "nonsense"
    db_path.write_text(json.dumps(data))
    with Store.open(db_path, clock) as again:
        assert again.streak("talk") == fresh(again, "talk")[0]


def test_the_fingerprint_is_the_same_whether_the_closed_years_are_read_or_not(db_path, clock):
    """A reader of this year alone, one that read every year, and a writer after a backfill all agree."""
    from datetime import date

    from bench.generate import build
    from store.files.storage import serialise, write_atomically

    write_atomically(db_path, serialise(build(3, seed=3)))
    with Store.open(db_path, clock) as store:
        store.check_in("talk")  # the closed years move to files of their own
    cuts = [date(2024, 1, 1), date(2025, 1, 1), date(2026, 1, 1), date(2026, 11, 20)]  # a cut needs its own year read
    with Store.open(db_path, clock, read_only=True) as lazy:
        assert lazy._records.loaded_from
        before = {(key, cut): lazy._derived.basis(key, cut.toordinal()) for key in KEYS for cut in cuts}
        lazy._records.load_past()
        assert {(key, cut): lazy._derived.basis(key, cut.toordinal()) for key in KEYS for cut in cuts} == before
    with Store.open(db_path, clock) as writer:
        writer._derived.basis("talk", cuts[-1].toordinal())  # the digests are counted now, and kept up to date after
        writer.toggle_check_in("talk", date(2024, 6, 3))  # a backfill in a closed year
        changed = {cut: writer._derived.basis("talk", cut.toordinal()) for cut in cuts}
    with Store.open(db_path, clock, read_only=True) as lazy:
        assert {cut: lazy._derived.basis("talk", cut.toordinal()) for cut in cuts} == changed
    assert changed[cuts[0]] == before[("talk", cuts[0])] and changed[cuts[1]] != before[("talk", cuts[1])]
