"""Cadences: how often a strategy is meant to happen, and the periods that follows from it.

Every cadence is "n check-in days in a period": a day for `daily`, a calendar week
for `N per week`, the days from one scheduled weekday to the next for
`weekly on DAYS` (from each scheduled weekday to the next), and a block of N days for
`every N days`. Streaks count periods, so all four share one streak engine.
"""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

from ..errors import CadenceError
from .days import WEEKDAY_NAMES, week_start_of

FORMS = "daily, N per week, weekly on DAYS (as in weekly on mon,fri) or every N days"
_SHORT = tuple(name[:3] for name in WEEKDAY_NAMES)
_UNITS = {"daily": "days", "per_week": "weeks", "weekdays": "occurrences", "every": "periods"}


class Period(NamedTuple):
    """The days start..end (inclusive) in which `target` check-in days are expected."""

    start: date
    end: date
    target: int

    @property
    def length(self) -> int:
        return (self.end - self.start).days + 1


class Cadence(NamedTuple):
    kind: str  # "daily", "per_week", "weekdays" or "every"
    count: int = 1  # type: ignore[assignment]  # N of "N per week" and "every N days" (a field, not tuple.count)
    weekdays: tuple[int, ...] = ()  # 0 = Monday, for "weekly on DAYS"

    @classmethod
    def parse(cls, spec: str) -> Cadence:
        """Read a spec; a CadenceError says in one sentence what is wrong and what would do."""
        text = " ".join(str(spec).lower().replace(",", " , ").split())
        shown = _quoted(spec)
        if text in ("daily", "every day"):
            return cls("daily")
        if text == "weekly":
            return cls("per_week", 1)
        if match := re.fullmatch(r"(\d+) (?:per|a|times a|times per|x) week", text):
            count = int(match.group(1))
            if not 1 <= count <= 7:
                raise CadenceError(f"{shown} asks for {count} days a week, but a week has room for 1 to 7")
            return cls("per_week", count)
        if match := re.fullmatch(r"every (\d+) days?", text):
            count = int(match.group(1))
            if count == 1:
                return cls("daily")
            if not 2 <= count <= 366:
                raise CadenceError(f"{shown} is out of range: N in 'every N days' runs from 2 to 366")
            return cls("every", count)
        if match := re.fullmatch(r"weekly on (.+)", text):
            return cls("weekdays", 1, _parse_weekdays(shown, match.group(1)))
        raise CadenceError(f"{shown} is not a cadence: use {FORMS}")

    def __str__(self) -> str:
        if self.kind == "daily":
            return "daily"
        if self.kind == "per_week":
            return f"{self.count} per week"
        if self.kind == "every":
            return f"every {self.count} days"
        return "weekly on " + ",".join(_SHORT[day] for day in self.weekdays)

    def describe(self) -> str:
        """Words for people: "every day", "twice a week", "on Fridays"."""
        if self.kind == "daily":
            return "every day"
        if self.kind == "per_week":
            return {1: "once a week", 2: "twice a week"}.get(self.count, f"{self.count} times a week")
        if self.kind == "every":
            return f"every {self.count} days"
        names = [WEEKDAY_NAMES[day].capitalize() + "s" for day in self.weekdays]
        return "on " + (names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1])

    @property
    def unit(self) -> str:
        """The streak's natural unit, plural: days, weeks, occurrences or periods."""
        return _UNITS[self.kind]

    @property
    def frequency(self) -> tuple[int, int]:
        """(n, d): n check-in days expected every d days, as in Loop Habit Tracker."""
        if self.kind == "daily":
            return 1, 1
        if self.kind == "per_week":
            return self.count, 7
        if self.kind == "every":
            return 1, self.count
        return len(self.weekdays), 7

    @property
    def target(self) -> int:
        """Check-in days one period asks for, before skips and away days lower it."""
        return self.count if self.kind == "per_week" else 1

    def periods(self, first: date, last: date, week_start: int = 0, anchor: date | None = None) -> list[Period]:
        """The periods that cover first..last, in order; the last one holds `last`.

        `anchor` is a day on which an "every N days" period starts (the strategy's
        first day); `week_start` is 0 for Monday … 6 for Sunday.
        """
        bounds = self.bounds(first.toordinal(), last.toordinal(), week_start, anchor)
        return [Period(date.fromordinal(start), date.fromordinal(end), self.target) for start, end in bounds]

    def bounds(self, first: int, last: int, week_start: int = 0, anchor: date | None = None) -> list[tuple[int, int]]:
        """`periods` as (start, end) day ordinals: the streak engine's fast form."""
        if first > last:
            return []
        if self.kind == "daily":
            days = range(first, last + 1)
            return list(zip(days, days, strict=False))
        if self.kind == "weekdays":
            starts = self._scheduled_starts(first, last)
            return [(start, following - 1) for start, following in zip(starts, starts[1:], strict=False)
                    if following - 1 >= first and start <= last]
        if self.kind == "per_week":
            start, length = week_start_of(date.fromordinal(first), week_start).toordinal(), 7
        else:
            length = self.count
            origin = anchor.toordinal() if anchor else first
            start = origin + ((first - origin) // length) * length
        return [(begin, begin + length - 1) for begin in range(start, last + 1, length)]

    def upcoming(self, after: date, count: int, *, week_start: int = 0, since: date | None = None) -> list[date]:
        """The next `count` days, after `after`, on which a period of this cadence opens.

        Those are the days it asks for: every day for `daily`, each scheduled
        weekday for `weekly on DAYS`, the first day of each week for
        `N per week`, and every Nth day counted from `since` for `every N days`
        (from the day after `after` when `since` is not given). For previews.
        """
        if count <= 0:
            return []
        first = after.toordinal() + 1
        if self.kind == "weekdays":
            days = range(first, first + 7 * (count // len(self.weekdays) + 1))  # more than `count` scheduled days
            scheduled = [day for day in days if (day - 1) % 7 in self.weekdays][:count]
            return [date.fromordinal(day) for day in scheduled]
        span = {"daily": 1, "per_week": 7}.get(self.kind, self.count)
        last = min(first + span * (count + 1), date.max.toordinal())
        starts = [start for start, _ in self.bounds(first, last, week_start, since or date.fromordinal(first))
                  if start >= first]
        return [date.fromordinal(start) for start in starts[:count]]

    def _scheduled_starts(self, first: int, last: int) -> list[int]:
        """The scheduled days from a week before `first` to a week after `last`, as ordinals.

        Each scheduled day opens a period that lasts until the next one, so a date
        moved from Friday to Saturday still counts for that Friday.
        """
        begin, end = first - 7, last + 7
        weekday = (begin - 1) % 7  # day ordinal 1, 1 January of year 1, was a Monday
        return sorted(day for scheduled in self.weekdays
                      for day in range(begin + (scheduled - weekday) % 7, end + 1, 7))


def _quoted(spec: object) -> str:
    """The spec as typed, quoted for a message: control characters shown, long ones cut."""
    text = "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in str(spec))
    return f"'{text[:40]}…'" if len(text) > 41 else f"'{text}'"


def _parse_weekdays(shown: str, text: str) -> tuple[int, ...]:
    days = set()
    for word in text.replace(" and ", " , ").replace(",", " ").split():
        name = word.strip().lower()
        matches = [i for i, full in enumerate(WEEKDAY_NAMES) if len(name) >= 2 and full.startswith(name.rstrip("s"))]
        if len(matches) != 1:
            raise CadenceError(f"{shown} names {_quoted(word)}, which is not a day: use {' '.join(_SHORT)}")
        days.add(matches[0])
    if not days:
        raise CadenceError(f"{shown} names no day: write one or more, as in weekly on mon,fri")
    return tuple(sorted(days))
