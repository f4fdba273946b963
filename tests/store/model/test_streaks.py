"""Streaks: worked examples, then the engine against a brute-force oracle."""

from __future__ import annotations

import math
from datetime import date, timedelta

from hypothesis import given, settings, strategies as st

from store import Cadence, Run
from store.model.paused import Paused
from store.model.streaks import compute_streak, streak_of

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
TODAY = date(2026, 11, 29)  # a Sunday
DAILY = Cadence("daily")


def ago(n: int, today: date = TODAY) -> date:
    return today - timedelta(days=n)


def span(first: date, last: date) -> set[date]:
    """Every day from first to last, both included."""
    return {first + timedelta(days=i) for i in range((last - first).days + 1)}


# ---------------------------------------------------------------- examples: daily

def test_no_check_ins():
    streak = compute_streak(DAILY, set(), set(), TODAY)
    assert (streak.current, streak.best, streak.runs, streak.at_risk) == (0, 0, (), False)
    assert (streak.period_done, streak.period_target, streak.days_left) == (0, 1, 1)
    assert streak.unit == "days"


def test_twelve_day_run():
    streak = compute_streak(DAILY, span(ago(11), TODAY), set(), TODAY)
    assert (streak.current, streak.best) == (12, 12)
    assert streak.runs == (Run(ago(11), TODAY, 12),)
    assert not streak.at_risk
    assert (streak.period_done, streak.period_target, streak.days_left) == (1, 1, 0)


def test_today_not_done_yet_keeps_the_streak_alive_but_at_risk():
    streak = compute_streak(DAILY, span(ago(12), ago(1)), set(), TODAY)
    assert (streak.current, streak.best) == (12, 12)
    assert streak.at_risk
    assert (streak.period_done, streak.period_target, streak.days_left) == (0, 1, 1)


def test_a_miss_yesterday_ends_the_streak():
    streak = compute_streak(DAILY, span(ago(12), ago(2)), set(), TODAY)
    assert (streak.current, streak.best) == (0, 11)
    assert not streak.at_risk  # nothing left to lose
    # Checking in today starts a new run of one.
    streak = compute_streak(DAILY, span(ago(12), ago(2)) | {TODAY}, set(), TODAY)
    assert (streak.current, streak.best) == (1, 11)
    assert streak.runs == (Run(ago(12), ago(2), 11), Run(TODAY, TODAY, 1))


def test_a_skipped_day_freezes():
    # Ten days with day 4-ago skipped: nine count, and the run is not broken.
    done = span(ago(9), TODAY) - {ago(4)}
    streak = compute_streak(DAILY, done, {ago(4)}, TODAY)
    assert (streak.current, streak.best) == (9, 9)
    assert streak.runs == (Run(ago(9), TODAY, 9),)
    # Without the skip, the same day is a miss.
    assert compute_streak(DAILY, done, set(), TODAY).current == 4


def test_away_days_freeze_likewise():
    away = span(ago(6), ago(4))
    done = span(ago(9), TODAY) - away
    streak = compute_streak(DAILY, done, away, TODAY)
    assert (streak.current, streak.best) == (7, 7)
    assert streak.runs == (Run(ago(9), TODAY, 7),)


def test_a_check_in_on_a_skipped_day_still_counts():
    streak = compute_streak(DAILY, span(ago(4), TODAY), {ago(2)}, TODAY)
    assert streak.current == 5


def test_skipping_today_keeps_the_streak_safe():
    streak = compute_streak(DAILY, span(ago(5), ago(1)), {TODAY}, TODAY)
    assert streak.current == 5
    assert not streak.at_risk  # today is frozen, not pending
    assert (streak.period_done, streak.period_target, streak.days_left) == (0, 0, 0)


def test_runs_best_and_current():
    # Runs of 3, 7 and 2 days with a missed day after each, then 4 days up to today.
    done = span(ago(20), ago(18)) | span(ago(16), ago(10)) | span(ago(8), ago(7)) | span(ago(5), ago(2))
    done |= {ago(1), TODAY}
    streak = compute_streak(DAILY, done, set(), TODAY)
    assert streak.runs == (
        Run(ago(20), ago(18), 3),
        Run(ago(16), ago(10), 7),
        Run(ago(8), ago(7), 2),
        Run(ago(5), TODAY, 6),
    )
    assert (streak.current, streak.best) == (6, 7)


def test_best_can_be_an_old_run():
    done = span(ago(30), ago(21)) | {ago(1), TODAY}
    streak = compute_streak(DAILY, done, set(), TODAY)
    assert (streak.current, streak.best) == (2, 10)


# ---------------------------------------------------------------- examples: other cadences

def test_two_per_week_with_a_mostly_paused_week():
    cadence = Cadence("per_week", 2)
    # Weeks from Monday: 9–15, 16–22, 23–29 Nov 2026.
    done = {date(2026, 11, 9), date(2026, 11, 12),  # two days
            date(2026, 11, 17),  # one day...
            date(2026, 11, 23), date(2026, 11, 28)}
    paused = span(date(2026, 11, 19), date(2026, 11, 22))  # ...and four away: target ceil(2*3/7) = 1
    streak = compute_streak(cadence, done, paused, TODAY)
    assert (streak.current, streak.best) == (3, 3)
    assert streak.runs == (Run(date(2026, 11, 9), date(2026, 11, 28), 3),)
    assert streak.unit == "weeks"
    # Without the away days that week asks for two and is missed.
    streak = compute_streak(cadence, done, set(), TODAY)
    assert (streak.current, streak.best) == (1, 1)


def test_per_week_in_progress():
    cadence = Cadence("per_week", 3)
    today = date(2026, 11, 26)  # Thursday
    done = {date(2026, 11, 16), date(2026, 11, 18), date(2026, 11, 20), date(2026, 11, 24)}
    streak = compute_streak(cadence, done, {date(2026, 11, 28)}, today)
    assert (streak.current, streak.at_risk) == (1, True)
    # Saturday away: 6 days available, target ceil(3*6/7) = 3; Thu, Fri, Sun are left.
    assert (streak.period_done, streak.period_target, streak.days_left) == (1, 3, 3)


def test_per_week_with_a_sunday_week_start():
    cadence = Cadence("per_week", 1)
    # Sunday-start weeks: 15–21, 22–28, 29 Nov – 5 Dec.
    done = {date(2026, 11, 21), date(2026, 11, 22), TODAY}
    assert compute_streak(cadence, done, set(), TODAY, week_start=SUN).current == 3
    # Monday-start weeks put the 21st and 22nd in one week.
    assert compute_streak(cadence, done, set(), TODAY, week_start=MON).current == 2


def test_weekly_on_friday_done_on_saturday_counts_for_that_friday():
    cadence = Cadence.parse("weekly on fri")
    done = {date(2026, 11, 20), date(2026, 11, 28)}  # a Friday, then the next Saturday
    streak = compute_streak(cadence, done, set(), TODAY)
    assert (streak.current, streak.best, streak.at_risk) == (2, 2, False)
    assert streak.runs == (Run(date(2026, 11, 20), date(2026, 11, 28), 2),)
    assert (streak.period_done, streak.period_target) == (1, 1)
    assert streak.days_left == 5  # Sun 29 Nov – Thu 3 Dec


def test_weekly_on_friday_with_a_missed_week():
    cadence = Cadence.parse("weekly on fri")
    done = {date(2026, 11, 6), date(2026, 11, 27)}  # nothing in 13–19 or 20–26
    streak = compute_streak(cadence, done, set(), TODAY)
    assert (streak.current, streak.best) == (1, 1)
    assert streak.runs == (Run(date(2026, 11, 6), date(2026, 11, 6), 1), Run(date(2026, 11, 27), date(2026, 11, 27), 1))


def test_every_three_days_from_an_anchor():
    cadence = Cadence("every", 3)
    anchor = date(2026, 11, 20)  # blocks 20–22, 23–25, 26–28, 29 Nov – 1 Dec
    done = {date(2026, 11, 22), date(2026, 11, 23), date(2026, 11, 28)}
    streak = compute_streak(cadence, done, set(), TODAY, anchor=anchor)
    assert (streak.current, streak.at_risk) == (3, True)
    assert (streak.period_done, streak.period_target, streak.days_left) == (0, 1, 3)


def test_check_ins_after_today_are_ignored():
    cadence = Cadence("per_week", 2)
    today = date(2026, 11, 24)  # Tuesday
    past = {date(2026, 11, 16), date(2026, 11, 18), date(2026, 11, 23)}
    without = compute_streak(cadence, past, set(), today)
    with_future = compute_streak(cadence, past | {date(2026, 11, 26)}, set(), today)
    assert with_future == without
    assert (without.current, without.at_risk, without.period_done, without.period_target) == (1, True, 1, 2)


def test_only_future_check_ins_in_this_week():
    # Monday today, the only check-in tomorrow: nothing has happened yet.
    cadence = Cadence("per_week", 1)
    today = date(2026, 11, 30)
    streak = compute_streak(cadence, {date(2026, 12, 1)}, set(), today)
    assert (streak.current, streak.best, streak.runs, streak.at_risk) == (0, 0, (), False)
    assert (streak.period_done, streak.period_target, streak.days_left) == (0, 1, 7)


# ---------------------------------------------------------------- the oracle
#
# A deliberately plain re-implementation of the rules: find each day's period by
# walking back one day at a time, group days by period, classify with loops.

def oracle_period_start(cadence: Cadence, day: date, week_start: int, anchor: date) -> date:
    one = timedelta(days=1)
    if cadence.kind == "per_week":
        while day.weekday() != week_start:
            day -= one
    elif cadence.kind == "every":
        while (day - anchor).days % cadence.count != 0:
            day -= one
    elif cadence.kind == "weekdays":
        while day.weekday() not in cadence.weekdays:
            day -= one
    return day


def oracle(cadence, done, paused, today, week_start, anchor):
    done = {day for day in done if day <= today}  # check-ins after today are ignored
    first = min(done, default=today)
    base_target = cadence.count if cadence.kind == "per_week" else 1

    # Every period from the one holding `first` to the one holding today, with its days.
    last_start = oracle_period_start(cadence, today, week_start, anchor)
    periods: dict[date, list[date]] = {}
    day = oracle_period_start(cadence, first, week_start, anchor)
    while True:
        start = oracle_period_start(cadence, day, week_start, anchor)
        if start > last_start:
            break
        periods.setdefault(start, []).append(day)
        day += timedelta(days=1)

    # Classify each period.
    table = []  # (status, check-in days, done count, target, days)
    for days in periods.values():
        checked = [d for d in days if d in done]
        available = 0
        for d in days:
            if d in done or d not in paused:
                available += 1
        target = math.ceil(base_target * available / len(days))
        if target == 0:
            status = "frozen"
        elif len(checked) >= target:
            status = "done"
        elif days[-1] >= today:
            status = "pending"
        else:
            status = "missed"
        table.append((status, checked, len(checked), target, days))

    # Build runs: DONE periods, broken only by a MISSED one.
    runs, run_days, run_length = [], [], 0
    for status, checked, _, _, _ in table:
        if status == "done":
            run_days += checked
            run_length += 1
        elif status == "missed":
            if run_length:
                runs.append(Run(run_days[0], run_days[-1], run_length))
            run_days, run_length = [], 0
    current = run_length
    if run_length:
        runs.append(Run(run_days[0], run_days[-1], run_length))

    status, _, done_now, target_now, days_now = table[-1]
    days_left = 0
    for d in days_now:
        if d >= today and d not in paused and d not in done:
            days_left += 1
    best = 0
    for run in runs:
        best = max(best, run.length)
    return {
        "current": current,
        "best": best,
        "runs": tuple(runs),
        "at_risk": current > 0 and status == "pending",
        "period_done": done_now,
        "period_target": target_now,
        "days_left": days_left,
    }


def as_dict(streak):
    return {
        "current": streak.current,
        "best": streak.best,
        "runs": streak.runs,
        "at_risk": streak.at_risk,
        "period_done": streak.period_done,
        "period_target": streak.period_target,
        "days_left": streak.days_left,
    }


# ---------------------------------------------------------------- oracle properties

def cadences() -> st.SearchStrategy[Cadence]:
    return st.one_of(
        st.just(DAILY),
        st.integers(1, 7).map(lambda n: Cadence("per_week", n)),
        st.integers(2, 40).map(lambda n: Cadence("every", n)),
        st.sets(st.integers(0, 6), min_size=1).map(lambda days: Cadence("weekdays", 1, tuple(sorted(days)))),
    )


# `today` moves over a week so that it falls on every weekday.
todays = st.integers(0, 6).map(lambda n: TODAY + timedelta(days=n))
offsets = st.sets(st.integers(-70, 0), max_size=60)  # days relative to today


@settings(max_examples=300, deadline=None)
@given(
    cadence=cadences(),
    today=todays,
    done=offsets,
    paused=st.sets(st.integers(-70, 10), max_size=40),  # away days may be planned ahead
    week_start=st.sampled_from([MON, SUN]),
    anchor=st.integers(-100, 30),
)
def test_matches_oracle(cadence, today, done, paused, week_start, anchor):
    done = {today + timedelta(days=n) for n in done}
    paused = {today + timedelta(days=n) for n in paused}
    anchor = today + timedelta(days=anchor)
    streak = compute_streak(cadence, done, paused, today, week_start, anchor)
    assert as_dict(streak) == oracle(cadence, done, paused, today, week_start, anchor)
    assert streak.unit == cadence.unit


@settings(max_examples=300, deadline=None)
@given(
    cadence=cadences(),
    today=todays,
    done=offsets,
    future=st.sets(st.integers(1, 20), min_size=1, max_size=10),
    paused=st.sets(st.integers(-70, 10), max_size=40),
    week_start=st.sampled_from([MON, SUN]),
    anchor=st.integers(-100, 30),
)
def test_matches_oracle_with_check_ins_after_today(cadence, today, done, future, paused, week_start, anchor):
    done = {today + timedelta(days=n) for n in done | future}
    paused = {today + timedelta(days=n) for n in paused}
    anchor = today + timedelta(days=anchor)
    streak = compute_streak(cadence, done, paused, today, week_start, anchor)
    assert as_dict(streak) == oracle(cadence, done, paused, today, week_start, anchor)


@settings(max_examples=300, deadline=None)
@given(cadence=cadences(), today=todays, done=offsets, paused=st.sets(st.integers(-70, 10), max_size=40),
       week_start=st.sampled_from([MON, SUN]), anchor=st.integers(-100, 30))
def test_invariants(cadence, today, done, paused, week_start, anchor):
    done = {today + timedelta(days=n) for n in done}
    paused = {today + timedelta(days=n) for n in paused}
    streak = compute_streak(cadence, done, paused, today, week_start, today + timedelta(days=anchor))
    # Runs are in order, apart, and made of check-in days.
    for run in streak.runs:
        assert run.start in done and run.end in done and run.start <= run.end <= today
        assert run.length >= 1
    for before, after in zip(streak.runs, streak.runs[1:], strict=False):
        assert before.end < after.start
    assert streak.current <= streak.best
    assert streak.current in (0, streak.runs[-1].length if streak.runs else 0)
    assert not streak.at_risk or streak.current > 0


# ---------------------------------------------------------------- away periods as ranges

# Away periods as (start offset, length): some a day, some longer than the history,
# some reaching into the future, overlapping and touching each other.
away_ranges = st.lists(st.tuples(st.integers(-400, 10), st.integers(1, 500)), max_size=4)


def expand(today: date, ranges) -> set[date]:
    return {today + timedelta(days=start + i) for start, length in ranges for i in range(length)}


@settings(max_examples=300, deadline=None)
@given(cadence=cadences(), today=todays, done=offsets, skipped=st.sets(st.integers(-70, 10), max_size=20),
       ranges=away_ranges, week_start=st.sampled_from([MON, SUN]), anchor=st.integers(-100, 30))
def test_away_ranges_match_the_oracle_on_their_days(cadence, today, done, skipped, ranges, week_start, anchor):
    done = {today + timedelta(days=n) for n in done}
    skipped = {(today + timedelta(days=n)).toordinal() for n in skipped}
    anchor = today + timedelta(days=anchor)
    paused = Paused.make(skipped, [(today.toordinal() + s, today.toordinal() + s + n - 1) for s, n in ranges])
    every_day = {date.fromordinal(d) for d in skipped} | expand(today, ranges)
    streak = compute_streak(cadence, done, paused, today, week_start, anchor)
    assert as_dict(streak) == oracle(cadence, done, every_day, today, week_start, anchor)


def test_an_away_period_of_eleven_centuries_is_a_range():
    away = Paused.make((), [(date(1900, 1, 1).toordinal(), date(2999, 12, 31).toordinal())])
    done = span(ago(9), TODAY)
    streak = compute_streak(DAILY, done, away, TODAY)
    assert streak.current == 10  # days away with a check-in still count; none break the streak
    assert ago(400).toordinal() in away and date(1899, 12, 31).toordinal() not in away
    assert away.ranges() == [(date(1900, 1, 1).toordinal(), date(2999, 12, 31).toordinal())]


# ---------------------------------------------------------------- the runs kept, and resuming from a checkpoint

def oracle_kept(runs, since: date, kept: int) -> tuple:
    """The runs a streak keeps, chosen plainly: the `kept` longest by periods, by days covered, and every recent one."""
    def covered(run):
        return (run.end - run.start).days
    by_periods = sorted(runs, key=lambda r: (-r.length, -covered(r), r.start))[:kept]
    by_days = sorted(runs, key=lambda r: (-covered(r), -r.length, r.start))[:kept]
    recent = [run for run in runs if run.end >= since]
    return tuple(sorted(set(by_periods) | set(by_days) | set(recent), key=lambda r: r.start))


@settings(max_examples=300, deadline=None)
@given(cadence=cadences(), today=todays, done=st.sets(st.integers(-200, 0), max_size=150),
       paused=st.sets(st.integers(-200, 10), max_size=60), week_start=st.sampled_from([MON, SUN]),
       anchor=st.integers(-250, 30), since=st.integers(-220, 5), kept=st.integers(1, 6))
def test_kept_runs_match_the_oracle(cadence, today, done, paused, week_start, anchor, since, kept):
    done = {today + timedelta(days=n) for n in done}
    paused = {today + timedelta(days=n) for n in paused}
    anchor = today + timedelta(days=anchor)
    streak, _ = streak_of(cadence, {d.toordinal() for d in done}, Paused.of(paused), today.toordinal(), week_start,
                          anchor, since=(today + timedelta(days=since)).toordinal(), kept=kept)
    expected = oracle(cadence, done, paused, today, week_start, anchor)
    assert streak.run_count == len(expected["runs"])
    assert streak.runs == oracle_kept(expected["runs"], today + timedelta(days=since), kept)
    assert streak.best == expected["best"] and streak.current == expected["current"]


@settings(max_examples=300, deadline=None)
@given(cadence=cadences(), today=todays, done=st.sets(st.integers(-200, 0), max_size=150),
       paused=st.sets(st.integers(-200, 10), max_size=60), week_start=st.sampled_from([MON, SUN]),
       anchor=st.integers(-250, 30), earlier=st.integers(0, 120), kept=st.integers(1, 6))
def test_resuming_from_a_checkpoint_gives_what_a_fresh_count_gives(cadence, today, done, paused, week_start,
                                                                   anchor, earlier, kept):
    """A checkpoint taken on an earlier day, with every run before it but the kept ones forgotten."""
    done = {(today + timedelta(days=n)).toordinal() for n in done}
    paused = Paused.of({today + timedelta(days=n) for n in paused})
    anchor = today + timedelta(days=anchor)
    now, since = today.toordinal(), (today - timedelta(days=earlier // 2)).toordinal()
    _, checkpoint = streak_of(cadence, done, paused, now - earlier, week_start, anchor, since=since, kept=kept)
    resumed, again = streak_of(cadence, done, paused, now, week_start, anchor, checkpoint, since=since, kept=kept)
    fresh, _ = streak_of(cadence, done, paused, now, week_start, anchor, since=since, kept=kept)
    assert resumed == fresh
    for saved in (checkpoint, again):  # bounded, however many runs came before
        assert len(saved.runs) <= 2 * kept + sum(run[1] >= since for run in saved.runs)
