"""Strength: Loop Habit Tracker's score, checked by hand and against a plain oracle; and what is shown,
which never rises on a day without a check-in."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest
from hypothesis import given, settings, strategies as st

from store import Cadence
from store.model.paused import Paused
from store.model.strength import loop_strength, strength

TODAY = date(2026, 11, 29)
DAILY = Cadence("daily")
TWICE = Cadence("per_week", 2)
M_DAILY = 0.5 ** (1 / 13)  # a daily score halves in 13 days
M_TWICE = 0.5 ** (math.sqrt(2 / 7) / 13)


def ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def span(first: date, last: date) -> set[date]:
    return {first + timedelta(days=i) for i in range((last - first).days + 1)}


# ---------------------------------------------------------------- worked examples

def test_twenty_days_in_a_row():
    # Twenty updates towards 1 from 0: 1 - m**20.
    score = strength(DAILY, span(ago(19), TODAY), set(), TODAY)
    assert score == pytest.approx(0.655747, abs=1e-6)
    assert score == pytest.approx(1 - M_DAILY**20, abs=1e-12)


def test_no_check_ins_is_zero():
    assert strength(DAILY, set(), set(), TODAY) == 0.0
    assert strength(DAILY, set(), span(ago(5), TODAY), TODAY) == 0.0


def test_check_ins_after_today_are_ignored():
    assert strength(DAILY, {TODAY + timedelta(days=1)}, set(), TODAY) == 0.0
    past = span(ago(9), TODAY)
    assert strength(DAILY, past | {TODAY + timedelta(days=2)}, set(), TODAY) == strength(DAILY, past, set(), TODAY)


def test_a_skipped_today_leaves_the_score_where_it_was():
    # Ten days done up to yesterday, today skipped: still the ten-day score.
    done = span(ago(10), ago(1))
    score = strength(DAILY, done, {TODAY}, TODAY)
    assert score == pytest.approx(1 - M_DAILY**10, abs=1e-12)
    assert score == strength(DAILY, done, set(), ago(1))


def test_a_skipped_day_in_the_middle_is_invisible():
    # Ten done, one skipped, then today done: the same as eleven days in a row.
    done = span(ago(11), ago(2)) | {TODAY}
    assert strength(DAILY, done, {ago(1)}, TODAY) == pytest.approx(1 - M_DAILY**11, abs=1e-12)


def test_a_missed_day_pulls_the_score_down():
    # Ten done, then today neither done nor skipped: v = 0, so the score is multiplied by m.
    done = span(ago(10), ago(1))
    assert strength(DAILY, done, set(), TODAY) == pytest.approx((1 - M_DAILY**10) * M_DAILY, abs=1e-12)


def test_two_per_week_looks_at_fourteen_days():
    # n/d = 2/7 < 1, so the window is 14 days and v = check-ins / 4.
    # Check-ins 13 days ago and today: 13 days at v = 1/4, then today at v = 2/4.
    score = strength(TWICE, {ago(13), TODAY}, set(), TODAY)
    before = 0.25 * (1 - M_TWICE**13)
    assert score == pytest.approx(before * M_TWICE + 0.5 * (1 - M_TWICE), abs=1e-12)


def test_two_per_week_check_in_leaves_the_window_after_fourteen_days():
    # Check-ins 14 days ago and today: the first has left the window by today, so v
    # stays 1/4 on all 15 days.
    score = strength(TWICE, {ago(14), TODAY}, set(), TODAY)
    assert score == pytest.approx(0.25 * (1 - M_TWICE**15), abs=1e-12)


def test_daily_and_seven_per_week_are_not_doubled():
    # n/d = 1 keeps the window at d days. Daily: v = 1 yesterday, 0 today.
    assert strength(DAILY, {ago(1)}, set(), TODAY) == pytest.approx((1 - M_DAILY) * M_DAILY, abs=1e-12)
    # 7 per week: a 7-day window, v = 1/7 on both days (doubled it would be 1/14).
    assert loop_strength(Cadence("per_week", 7), {ago(1)}, set(), TODAY) == pytest.approx((1 - M_DAILY**2) / 7, abs=1e-12)
    # Shown, it does not rise today without a check-in: yesterday's value.
    assert strength(Cadence("per_week", 7), {ago(1)}, set(), TODAY) == pytest.approx((1 - M_DAILY) / 7, abs=1e-12)


def test_a_check_in_on_a_skipped_day_counts_and_can_lower_the_score():
    # A paused day with a check-in is an ordinary day: the score moves towards v.
    # After a long strong run and two weeks away, v = 1/4 today pulls a high score down.
    done = span(ago(80), ago(15))
    away = span(ago(14), TODAY)
    before = strength(TWICE, done, away, TODAY)
    after = strength(TWICE, done | {TODAY}, away, TODAY)
    assert after == pytest.approx(before * M_TWICE + 0.25 * (1 - M_TWICE), abs=1e-12)
    assert after < before


# ---------------------------------------------------------------- the oracle

def oracle(cadence: Cadence, done: set[date], paused: set[date], today: date, shown: bool = True) -> float:
    """The rules as written, counting each day's window from scratch; Loop's score, or the shown one."""
    done = {day for day in done if day <= today}
    if not done:
        return 0.0
    n, d = cadence.frequency
    m = 0.5 ** (math.sqrt(n / d) / 13)
    if n / d < 1:
        n, d = 2 * n, 2 * d
    score = capped = 0.0
    day = min(done)
    while day <= today:
        if day in done or day not in paused:
            count = 0
            for back in range(d):  # the last d days, this one included
                if day - timedelta(days=back) in done:
                    count += 1
            v = min(1.0, count / n)
            score = score * m + v * (1 - m)
            if day in done:
                capped = score
            elif score < capped:
                capped = score
        day += timedelta(days=1)
    return capped if shown else score


def cadences() -> st.SearchStrategy[Cadence]:
    return st.one_of(
        st.just(DAILY),
        st.integers(1, 7).map(lambda n: Cadence("per_week", n)),
        st.integers(2, 40).map(lambda n: Cadence("every", n)),
        st.sets(st.integers(0, 6), min_size=1).map(lambda days: Cadence("weekdays", 1, tuple(sorted(days)))),
    )


def days(low: int, high: int, max_size: int = 60) -> st.SearchStrategy[set[date]]:
    """Sets of days between TODAY + low and TODAY + high."""
    return st.sets(st.integers(low, high), max_size=max_size).map(lambda s: {TODAY + timedelta(days=n) for n in s})


@settings(max_examples=300, deadline=None)
@given(cadence=cadences(), done=days(-70, 5), paused=days(-70, 5, 40))
def test_matches_oracle(cadence, done, paused):
    assert strength(cadence, done, paused, TODAY) == pytest.approx(oracle(cadence, done, paused, TODAY), abs=1e-9)
    assert loop_strength(cadence, done, paused, TODAY) == pytest.approx(
        oracle(cadence, done, paused, TODAY, shown=False), abs=1e-9)


@settings(max_examples=300, deadline=None)
@given(cadence=cadences(), done=days(-70, 0), paused=days(-70, 0, 40), day=st.integers(-69, 0))
def test_it_never_rises_on_a_day_without_a_check_in(cadence, done, paused, day):
    day = TODAY + timedelta(days=day)
    if day not in done:
        assert strength(cadence, done, paused, day) <= strength(cadence, done, paused, day - timedelta(days=1)) + 1e-15
    if day in done:  # on a check-in day it is Loop's score exactly
        assert strength(cadence, done, paused, day) == loop_strength(cadence, done, paused, day)


def test_three_weeks_over_the_goal_then_nothing_fades_and_never_rises():
    """7 a week against a goal of 2 for three weeks, then nothing: Loop's score rises for days after."""
    done = span(ago(80), ago(60))
    shown = [strength(TWICE, done, set(), ago(n)) for n in range(60, -1, -1)]
    loop = [loop_strength(TWICE, done, set(), ago(n)) for n in range(60, -1, -1)]
    assert max(loop[1:]) > loop[0] + 0.1  # the overshoot banked in Loop's window
    assert shown[0] == loop[0] and all(later <= earlier for earlier, later in zip(shown, shown[1:], strict=False))
    assert shown[-1] < shown[0]  # and it fades once Loop's score falls below it


@settings(max_examples=300, deadline=None)
@given(cadence=cadences(), done=days(-70, 0), paused=days(-70, 0, 40))
def test_bounded(cadence, done, paused):
    assert 0.0 <= strength(cadence, done, paused, TODAY) <= 1.0


@settings(max_examples=300, deadline=None)
@given(cadence=cadences(), done=days(-70, 0), paused=days(-70, 0, 40), extra=st.integers(-80, 0))
def test_a_check_in_never_lowers_the_score(cadence, done, paused, extra):
    # Only on a day that is not paused: on a paused day a check-in turns a frozen
    # day into an ordinary one, which can lower the score (see the example above).
    extra = TODAY + timedelta(days=extra)
    paused = paused - {extra}
    before = strength(cadence, done, paused, TODAY)
    after = strength(cadence, done | {extra}, paused, TODAY)
    assert after >= before - 1e-12


@settings(max_examples=300, deadline=None)
@given(cadence=cadences(), done=days(-70, 5), skipped=days(-70, 5, 20),
       ranges=st.lists(st.tuples(st.integers(-400, 5), st.integers(1, 500)), max_size=4))
def test_away_ranges_match_the_oracle_on_their_days(cadence, done, skipped, ranges):
    paused = Paused.make({day.toordinal() for day in skipped},
                    [(TODAY.toordinal() + start, TODAY.toordinal() + start + length - 1) for start, length in ranges])
    every_day = skipped | {TODAY + timedelta(days=start + i) for start, length in ranges for i in range(length)}
    assert strength(cadence, done, paused, TODAY) == pytest.approx(oracle(cadence, done, every_day, TODAY), abs=1e-9)
