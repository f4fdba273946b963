"""Looking back: the year as a calendar of weeks, months in numbers, and the journal.

The calendar is laid out like a contributions graph: one column per week (weeks
start on the configured week start), one row per weekday, the first column
holding 1 January and the last 31 December.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

from .days import week_start_of
from .records import CheckIn


@dataclass(frozen=True)
class YearGrid:
    year: int
    week_start: int  # 0 Monday … 6 Sunday

    @cached_property  # asked for each of the calendar's 371 cells
    def origin(self) -> date:
        """The first day of the first column (in the year before, unless 1 January starts a week)."""
        return week_start_of(date(self.year, 1, 1), self.week_start)

    @cached_property
    def columns(self) -> int:
        """53 most years; 54 when a leap year starts on the last day of the week."""
        return (date(self.year, 12, 31) - self.origin).days // 7 + 1

    def cell(self, day: date) -> tuple[int, int]:
        """(column, row) of a day of this year; row 0 is the week start."""
        offset = (day - self.origin).days
        return offset // 7, offset % 7

    def day_at(self, column: int, row: int) -> date | None:
        """The day in a cell, or None for the cells before 1 January and after 31 December."""
        day = self.origin + timedelta(days=column * 7 + row)
        return day if day.year == self.year else None

    def weekday_names(self) -> list[str]:
        names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        return names[self.week_start:] + names[: self.week_start]

    def month_columns(self) -> list[tuple[int, str]]:
        """(column, "Jan") for the column holding each month's first day."""
        return [(self.cell(date(self.year, month, 1))[0], date(self.year, month, 1).strftime("%b")) for month in range(1, 13)]


def monthly_counts(check_ins: Iterable[CheckIn], year: int) -> list[int]:
    """Check-ins in each month of the year, January first."""
    counts = [0] * 12
    for check_in in check_ins:
        if check_in.day.year == year:
            counts[check_in.day.month - 1] += 1
    return counts


def journal(check_ins: Iterable[CheckIn], query: str = "") -> list[CheckIn]:
    """Check-ins that carry a note, newest first; `query` keeps those whose note or action holds it."""
    words = query.casefold().split()
    found = [c for c in check_ins if c.note and all(w in f"{c.note} {c.action}".casefold() for w in words)]
    return sorted(found, key=lambda c: (c.day, c.created, c.id), reverse=True)
