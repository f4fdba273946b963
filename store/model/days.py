"""Days: the user's local date, shifted by a day-start hour, plus week arithmetic.

A day is a `datetime.date` in memory and a `YYYY-MM-DD` string on disk. We never
store "start of day" datetimes: on some DST days local midnight does not exist.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Protocol

from ..errors import UsageError

WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DATE_FORMS = "YYYY-MM-DD, today, yesterday, or -N (N days ago)"
# The days bondtui accepts, on the command line, in the app and in a file. Week and
# cadence arithmetic near year 1 or 9999 would step outside what `date` can hold.
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2999, 12, 31)


def check_bounds(day: date) -> date:
    """`day` itself, or UsageError when it lies outside FIRST_DAY..LAST_DAY."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise UsageError(f"{day.isoformat()} is out of range; bondtui keeps days from {FIRST_DAY} to {LAST_DAY}")
    return day


class Clock(Protocol):
    """Where "now" comes from; injected so that tests can freeze time."""

    def now(self) -> datetime:
        """The current moment as an aware datetime in the local zone."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now().astimezone()


class FixedClock:
    """A clock that stands still until told to move."""

    def __init__(self, moment: datetime | None = None):
        self.moment = datetime.now().astimezone() if moment is None else moment

    def __repr__(self) -> str:
        return f"FixedClock({self.moment!r})"

    def now(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment = self.moment + timedelta(**delta)


def local_day(moment: datetime, day_start_hour: int = 0) -> date:
    """The day a moment belongs to: before `day_start_hour` it is still yesterday."""
    # Wall-clock arithmetic on the aware moment, so DST shifts do not move the boundary.
    return (moment - timedelta(hours=day_start_hour)).date()


def week_start_of(day: date, week_start: int = 0) -> date:
    """The first day of the calendar week holding `day` (week_start: 0 Monday … 6 Sunday)."""
    return day - timedelta(days=(day.weekday() - week_start) % 7)


FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2999, 12, 31)  # the days bondtui reads and writes


def parse_date_arg(text: str, today: date, *, future_ok: bool = False) -> date:
    """Read a DATE argument; a day after today only with `future_ok` (an away period planned ahead)."""
    word = text.strip().lower()
    day: date | None
    if word == "today":
        day = today
    elif word == "yesterday":
        day = today - timedelta(days=1)
    elif match := re.fullmatch(r"-(\d{1,5})", word):  # compiled on first use, not by every command
        day = today - timedelta(days=int(match.group(1)))
    else:
        try:
            day = date.fromisoformat(word) if len(word) == 10 else None
        except ValueError:
            day = None
    if day is None:
        raise UsageError(f"'{text}' is not a date; use {DATE_FORMS}")
    if not FIRST_DAY <= day <= LAST_DAY:
        raise UsageError(f"{day.isoformat()} is out of range; use a day from {FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()}")
    if day > today and not future_ok:
        raise UsageError(f"{day.isoformat()} is in the future; use {DATE_FORMS}")
    return check_bounds(day)


def parse_day_ahead(text: str, today: date) -> date:
    """A day to plan: DATE, `tomorrow`, or a weekday's name (its next one, today included: "saturday", "sat")."""
    word = text.strip().lower()
    if word == "tomorrow":
        return check_bounds(today + timedelta(days=1))
    for index, name in enumerate(WEEKDAY_NAMES):
        if len(word) >= 3 and name.lower().startswith(word):
            return check_bounds(today + timedelta(days=(index - today.weekday()) % 7))
    return parse_date_arg(text, today, future_ok=True)
