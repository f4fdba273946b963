"""Days a strategy is not expected: single skipped days and away ranges, as day ordinals.

An away period is kept as a range, never as a set of its days, so that a period
from 1900 to 2999 costs what a week costs. Ranges are merged and sorted once;
asking about a day is a set lookup and a binary search.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection, Iterable
from datetime import date


class Paused:
    """Skipped days (ordinals) and away ranges (inclusive ordinal pairs); `day in paused` asks about one."""

    __slots__ = ("days", "starts", "ends")

    def __init__(self, days: Iterable[int] = (), ranges: Iterable[tuple[int, int]] = ()):
        self.days = frozenset(days)
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in sorted(ranges):
            if self.ends and start <= self.ends[-1] + 1:  # touching or overlapping: one range
                self.ends[-1] = max(self.ends[-1], end)
            else:
                self.starts.append(start)
                self.ends.append(end)

    @classmethod
    def of(cls, paused: Paused | Collection[date]) -> Paused:
        """Accept a Paused as it is, or any collection of dates as single days."""
        return paused if isinstance(paused, Paused) else cls(day.toordinal() for day in paused)

    def away(self, day: int) -> bool:
        """Whether `day` falls in an away range."""
        i = bisect_right(self.starts, day) - 1
        return i >= 0 and day <= self.ends[i]

    def __contains__(self, day: object) -> bool:
        return day in self.days or self.away(day)  # type: ignore[arg-type]

    def ranges(self) -> list[tuple[int, int]]:
        return list(zip(self.starts, self.ends))

    def fingerprint(self, cut: int) -> int:
        """A hash of everything paused before `cut`, the same in every process (ints only)."""
        days = frozenset(day for day in self.days if day < cut)
        ranges = tuple((start, min(end, cut - 1)) for start, end in self.ranges() if start < cut)
        return hash((hash(days), hash(ranges)))

    def __repr__(self) -> str:
        return f"Paused(days={sorted(self.days)!r}, ranges={self.ranges()!r})"
