"""Cadences: reading and writing specs, the words for people, and the periods they make."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings, strategies as st

from store import Cadence, CadenceError, Period

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


# ---------------------------------------------------------------- strategies

def cadences() -> st.SearchStrategy[Cadence]:
    """Every valid cadence, built directly (not through parse)."""
    return st.one_of(
        st.just(Cadence("daily")),
        st.integers(1, 7).map(lambda n: Cadence("per_week", n)),
        st.integers(2, 366).map(lambda n: Cadence("every", n)),
        st.sets(st.integers(0, 6), min_size=1).map(lambda days: Cadence("weekdays", 1, tuple(sorted(days)))),
    )


def days_near(base: date = date(2026, 11, 29), spread: int = 400) -> st.SearchStrategy[date]:
    return st.integers(-spread, spread).map(lambda offset: base + timedelta(days=offset))


# ---------------------------------------------------------------- parsing

@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("daily", Cadence("daily")),
        ("every day", Cadence("daily")),
        ("every 1 day", Cadence("daily")),
        ("every 1 days", Cadence("daily")),
        ("3 per week", Cadence("per_week", 3)),
        ("1 per week", Cadence("per_week", 1)),
        ("7 per week", Cadence("per_week", 7)),
        ("weekly on fri", Cadence("weekdays", 1, (FRI,))),
        ("weekly on mon,wed,fri", Cadence("weekdays", 1, (MON, WED, FRI))),
        ("weekly on Monday and Friday", Cadence("weekdays", 1, (MON, FRI))),
        ("weekly on fri,mon", Cadence("weekdays", 1, (MON, FRI))),  # stored in week order
        ("weekly on Fridays", Cadence("weekdays", 1, (FRI,))),
        ("every 3 days", Cadence("every", 3)),
        ("every 366 days", Cadence("every", 366)),
    ],
)
def test_parse(spec, expected):
    assert Cadence.parse(spec) == expected


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("  DAILY  ", Cadence("daily")),
        ("Every   Day", Cadence("daily")),
        ("3   PER\tweek", Cadence("per_week", 3)),
        (" Weekly On FRI ", Cadence("weekdays", 1, (FRI,))),
        ("weekly on mon , wed,  fri", Cadence("weekdays", 1, (MON, WED, FRI))),
        ("EVERY 3 DAYS", Cadence("every", 3)),
    ],
)
def test_parse_ignores_case_and_spacing(spec, expected):
    assert Cadence.parse(spec) == expected


@pytest.mark.parametrize(
    ("cadence", "text"),
    [
        (Cadence("daily"), "daily"),
        (Cadence("per_week", 3), "3 per week"),
        (Cadence("weekdays", 1, (FRI,)), "weekly on fri"),
        (Cadence("weekdays", 1, (MON, WED, FRI)), "weekly on mon,wed,fri"),
        (Cadence("every", 3), "every 3 days"),
    ],
)
def test_str(cadence, text):
    assert str(cadence) == text


@settings(max_examples=300, deadline=None)
@given(cadences())
def test_round_trip(cadence):
    assert Cadence.parse(str(cadence)) == cadence


# Each bad spec with words the message must contain (lower-cased) to name the problem.
@pytest.mark.parametrize(
    ("spec", "words"),
    [
        ("0 per week", ["0 per week", "1 to 7"]),
        ("8 per week", ["8 per week", "1 to 7"]),
        ("weekly on fru", ["'fru'", "not a day"]),
        ("weekly on", ["weekly on", "day"]),
        ("every 0 days", ["every 0 days", "2 to 366"]),
        ("every 367 days", ["every 367 days", "2 to 366"]),
        ("hourly", ["'hourly'", "not a cadence"]),
        ("", ["''", "not a cadence"]),
    ],
)
def test_bad_specs(spec, words):
    with pytest.raises(CadenceError) as caught:
        Cadence.parse(spec)
    message = str(caught.value).lower()
    for word in words:
        assert word in message, message


def test_cadence_error_is_a_value_error():
    # Callers that only know ValueError still catch a bad spec.
    with pytest.raises(ValueError):
        Cadence.parse("hourly")


# ---------------------------------------------------------------- properties

@pytest.mark.parametrize(
    ("cadence", "frequency", "unit", "words"),
    [
        (Cadence("daily"), (1, 1), "days", "every day"),
        (Cadence("per_week", 1), (1, 7), "weeks", "once a week"),
        (Cadence("per_week", 2), (2, 7), "weeks", "twice a week"),
        (Cadence("per_week", 3), (3, 7), "weeks", "3 times a week"),
        (Cadence("weekdays", 1, (FRI,)), (1, 7), "occurrences", "on Fridays"),
        (Cadence("weekdays", 1, (MON, FRI)), (2, 7), "occurrences", "on Mondays and Fridays"),
        (Cadence("weekdays", 1, (MON, WED, FRI)), (3, 7), "occurrences", "on Mondays, Wednesdays and Fridays"),
        (Cadence("every", 3), (1, 3), "periods", "every 3 days"),
    ],
)
def test_frequency_unit_describe(cadence, frequency, unit, words):
    assert cadence.frequency == frequency
    assert cadence.unit == unit
    assert cadence.describe() == words


# ---------------------------------------------------------------- periods

def test_periods_of_an_empty_range():
    assert Cadence("daily").periods(date(2026, 11, 29), date(2026, 11, 28)) == []


def test_daily_periods_are_single_days():
    first = date(2026, 11, 27)
    assert Cadence("daily").periods(first, date(2026, 11, 29)) == [
        Period(first + timedelta(days=i), first + timedelta(days=i), 1) for i in range(3)
    ]


@pytest.mark.parametrize(("week_start", "start"), [(MON, date(2026, 11, 23)), (SUN, date(2026, 11, 29))])
def test_per_week_periods_start_on_the_week_start(week_start, start):
    # Sunday 29 Nov 2026: its Monday week began on the 23rd, its Sunday week that day.
    [period] = Cadence("per_week", 3).periods(date(2026, 11, 29), date(2026, 11, 29), week_start)
    assert period == Period(start, start + timedelta(days=6), 3)


def test_weekly_on_days_periods_run_to_the_next_scheduled_day():
    # Mon and Fri: Mon..Thu, then Fri..Sun.
    periods = Cadence("weekdays", 1, (MON, FRI)).periods(date(2026, 11, 23), date(2026, 11, 29))
    assert periods == [Period(date(2026, 11, 23), date(2026, 11, 26), 1),
                       Period(date(2026, 11, 27), date(2026, 11, 29), 1)]


def test_weekly_on_days_period_reaches_back_to_the_scheduled_day():
    # Tuesday 24 Nov belongs to the Friday 20 Nov occurrence.
    [period] = Cadence("weekdays", 1, (FRI,)).periods(date(2026, 11, 24), date(2026, 11, 24))
    assert period == Period(date(2026, 11, 20), date(2026, 11, 26), 1)


def test_every_n_periods_start_at_first_without_anchor():
    periods = Cadence("every", 3).periods(date(2026, 11, 20), date(2026, 11, 29))
    assert [p.start for p in periods] == [date(2026, 11, 20), date(2026, 11, 23), date(2026, 11, 26), date(2026, 11, 29)]


def test_every_n_periods_align_to_an_anchor_after_first():
    # Anchor the 25th, blocks of 4: ..., 17–20, 21–24, 25–28, 29–1 Dec.
    periods = Cadence("every", 4).periods(date(2026, 11, 19), date(2026, 11, 29), anchor=date(2026, 11, 25))
    assert periods[0] == Period(date(2026, 11, 17), date(2026, 11, 20), 1)
    assert periods[-1] == Period(date(2026, 11, 29), date(2026, 12, 2), 1)


@settings(max_examples=300, deadline=None)
@given(
    cadence=cadences(),
    first=days_near(),
    span=st.integers(0, 120),
    week_start=st.integers(0, 6),
    anchor=st.none() | days_near(),
)
def test_periods_cover_the_range(cadence, first, span, week_start, anchor):
    last = first + timedelta(days=span)
    periods = cadence.periods(first, last, week_start, anchor)

    # In order, no gaps, no overlaps; first and last are inside.
    assert periods
    assert periods[0].start <= first <= periods[0].end
    assert periods[-1].start <= last <= periods[-1].end
    for before, after in zip(periods, periods[1:], strict=False):
        assert before.end + timedelta(days=1) == after.start
    for period in periods:
        assert period.start <= period.end

    # The shape each kind promises.
    for period in periods:
        if cadence.kind == "daily":
            assert (period.length, period.target) == (1, 1)
        elif cadence.kind == "per_week":
            assert period.start.weekday() == week_start
            assert (period.length, period.target) == (7, cadence.count)
        elif cadence.kind == "every":
            assert (period.start - (anchor or first)).days % cadence.count == 0
            assert (period.length, period.target) == (cadence.count, 1)
        else:
            scheduled = [period.start + timedelta(days=i) for i in range(period.length)]
            # Starts on a scheduled day, holds no other one, and the next one follows.
            assert [d for d in scheduled if d.weekday() in cadence.weekdays] == [period.start]
            assert (period.end + timedelta(days=1)).weekday() in cadence.weekdays
            assert period.target == 1


weekday_sets = st.sets(st.integers(0, 6), min_size=1).map(lambda days: Cadence("weekdays", 1, tuple(sorted(days))))
any_day = st.integers(date(1900, 1, 8).toordinal(), date(2999, 12, 20).toordinal()).map(date.fromordinal)


@settings(max_examples=300, deadline=None)
@given(cadence=weekday_sets, first=any_day, span=st.integers(0, 60), week_start=st.integers(0, 6))
def test_weekly_on_days_periods_match_a_dateutil_rule(cadence, first, span, week_start):
    """Weekday arithmetic without dateutil gives the periods a BYDAY rule gives, from 1900 to 2999."""
    from datetime import datetime

    from dateutil.rrule import WEEKLY, rrule

    last = first + timedelta(days=span)
    rule = rrule(WEEKLY, byweekday=cadence.weekdays, dtstart=datetime.combine(first - timedelta(days=7), datetime.min.time()),
                 until=datetime.combine(last + timedelta(days=7), datetime.min.time()))
    starts = [moment.date() for moment in rule]
    expected = [(start, following - timedelta(days=1)) for start, following in zip(starts, starts[1:], strict=False)
                if following - timedelta(days=1) >= first and start <= last]
    assert [(p.start, p.end) for p in cadence.periods(first, last, week_start)] == expected


@settings(max_examples=300, deadline=None)
@given(cadence=weekday_sets, after=any_day, count=st.integers(0, 20))
def test_weekly_on_days_upcoming_matches_a_dateutil_rule(cadence, after, count):
    from datetime import datetime

    from dateutil.rrule import WEEKLY, rrule

    rule = rrule(WEEKLY, byweekday=cadence.weekdays, count=count,
                 dtstart=datetime.combine(after + timedelta(days=1), datetime.min.time()))
    assert cadence.upcoming(after, count) == ([moment.date() for moment in rule] if count else [])
