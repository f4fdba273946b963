"""What every reader hands over: the habits a file holds, their check-ins and skips, and what it ignored."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from math import gcd
from pathlib import Path
from typing import Any

from ...errors import DataError

FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2999, 12, 31)
OUT_OF_RANGE = "date outside 1900-01-01..2999-12-31"
NOT_A_DATE = "not a date"


@dataclass
class Habit:
    identity: str  # who it is in the source: a Loop id, a harsh name… (with the source, its origin)
    name: str
    cadence: str = "daily"
    summary: str = ""
    archived: bool = False


@dataclass
class Found:
    """A file read: habits in their order, and (habit identity, day, note) done / (identity, day) skipped."""

    source: str  # the origin kind: loop, harsh, dijo, beaverhabits
    label: str  # what it is, for people: "Loop Habit Tracker backup"
    habits: list[Habit] = field(default_factory=list)
    done: list[tuple[str, date, str]] = field(default_factory=list)
    skipped: list[tuple[str, date]] = field(default_factory=list)
    ignored: Counter[str] = field(default_factory=Counter[str])  # reason -> how many lines or records
    notices: list[str] = field(default_factory=list)

    def habit(self, identity: str, name: str, cadence: tuple[int, int] | None, **details: Any) -> Habit:
        """Add a habit with its cadence mapped from num/den (None: tracking only)."""
        spec, notice = cadence_for(name, cadence)
        if notice:
            self.notices.append(notice)
        habit = Habit(identity, name, spec, **details)
        self.habits.append(habit)
        return habit

    def day(self, text: str) -> date | None:
        """A YYYY-MM-DD day in range, or None with the reason counted."""
        try:
            day = date.fromisoformat(text.strip())
        except (ValueError, AttributeError, TypeError):
            self.ignored[NOT_A_DATE] += 1
            return None
        return self.in_range(day)

    def in_range(self, day: date) -> date | None:
        if not FIRST_DAY <= day <= LAST_DAY:
            self.ignored[OUT_OF_RANGE] += 1
            return None
        return day


def cadence_for(name: str, frequency: tuple[int, int] | None) -> tuple[str, str | None]:
    """A source's "num times in den days" as a bondtui cadence, with a notice when it had to round.

    In this order: 1/1 daily; k/7 k per week; 1/N every N days; else the nearest N per week.
    """
    if frequency is None:
        return "1 per week", f"“{name}” tracks without a goal: set to 1 per week, its check-ins kept"
    num, den = frequency
    if num <= 0 or den <= 0:
        return "1 per week", f"“{name}” has no usable frequency ({num}/{den}): set to 1 per week"
    common = gcd(num, den)
    num, den = num // common, den // common
    if num == den == 1:
        return "daily", None
    if den == 7:
        return f"{num} per week", None
    if num == 1 and den <= 366:
        return f"every {den} days", None
    per_week = min(7, max(1, round(7 * num / den)))
    return f"{per_week} per week", f"“{name}” is {num} in {den} days: set to the nearest, {per_week} per week"


def broken(path: Path | str, what: str, reason: str) -> DataError:
    return DataError(f"{path} looks like {what} but cannot be read ({reason}); nothing was changed")
