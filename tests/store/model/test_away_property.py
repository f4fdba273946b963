"""Away periods pause every strategy exactly as a skip on each of their days would.

Through the Store: one store with away periods, one with the same days skipped,
both against the plain oracles of the streak and strength tests.
"""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from store import FixedClock, Store
from tests.store.model.test_streaks import TODAY, as_dict, oracle as streak_oracle
from tests.store.model.test_strength import oracle as strength_oracle

NOW = datetime(TODAY.year, TODAY.month, TODAY.day, 20, tzinfo=UTC)
FIRST = -70  # the strategy starts 70 days ago
CADENCES = ["daily", "2 per week", "5 per week", "weekly on fri", "weekly on mon,thu", "every 3 days"]


def day(offset: int):
    return TODAY + timedelta(days=offset)


def ranges(latest: int):
    """Away periods as (first, length) offsets from today, possibly overlapping."""
    return st.lists(st.tuples(st.integers(FIRST, latest), st.integers(0, 12)), max_size=4)


def open_store(folder: Path, name: str, cadence: str, done: set[int]) -> Store:
    clock = FixedClock(NOW + timedelta(days=FIRST))
    store = Store.open(folder / name, clock)
    store.add_strategy("plan", "The plan", cadence)  # `since` is 70 days ago
    clock.moment = NOW
    for offset in sorted(done):
        store.check_in("plan", day(offset))
    return store


def expected(store: Store, paused: set) -> tuple[dict, float]:
    strategy = store.strategy("plan")
    done = set(store.done_days("plan"))
    return (streak_oracle(strategy.cadence, done, paused, TODAY, 0, strategy.since),
            strength_oracle(strategy.cadence, done, paused, TODAY))


@settings(max_examples=60, deadline=None)
@given(cadence=st.sampled_from(CADENCES), done=st.sets(st.integers(FIRST, 0), max_size=40), away=ranges(10))
def test_away_days_freeze_streak_and_strength_like_skips(cadence, done, away):
    with tempfile.TemporaryDirectory() as folder:
        with open_store(Path(folder), "away.json", cadence, done) as with_away, \
                open_store(Path(folder), "skips.json", cadence, done) as with_skips:
            paused = set()
            for first, length in away:
                with_away.add_away(day(first), day(first + length), "camp")
                paused |= {day(first + n) for n in range(length + 1)}
            for skipped in sorted(d for d in paused if d <= TODAY):
                with_skips.skip("plan", skipped)

            streak, strength = expected(with_away, paused)
            assert as_dict(with_away.streak("plan")) == streak
            assert with_away.strength("plan") == pytest.approx(strength, abs=1e-9)
            covered = {a.start + timedelta(days=n) for a in with_away.away_periods() for n in range((a.end - a.start).days + 1)}
            assert covered == paused  # merged periods cover exactly the days asked for
            assert all(with_away.is_away(d) for d in paused)
            if all(d <= TODAY for d in paused):  # a skip cannot be logged ahead; an away period can
                assert with_skips.streak("plan") == with_away.streak("plan")
                assert with_skips.strength("plan") == pytest.approx(with_away.strength("plan"), abs=1e-12)
