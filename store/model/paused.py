"""Days a strategy is not expected: single skipped days and away ranges, as day ordinals.

An away period is a range, never a set of its days, so that a period from 1900
to 2999 costs what a week costs. Short periods (up to EXPANDED_DAYS days in all,
shortest first) are also held as days, because the engines ask about every day
of ten years of history and a set answers fastest; the rest stay ranges, asked
about with a binary search.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection, Iterable
from datetime import date

EXPANDED_DAYS = 3660  # ten years away, in short periods, still answered by the set alone


class Paused(frozenset[int]):
    """The paused days as a set of ordinals, plus the long away ranges it does not hold.

    Build with `Paused.make(days, ranges)`; `day in paused` asks about one day.
    """

    starts: list[int]  # the long ranges' first and last days, sorted
    ends: list[int]

    __slots__ = ("starts", "ends")

    @staticmethod
    def make(days: Iterable[int] = (), ranges: Iterable[tuple[int, int]] = ()) -> Paused:
        merged: list[list[int]] = []
        for start, end in sorted(ranges):
            if merged and start <= merged[-1][1] + 1:  # touching or overlapping: one range
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        expanded, long_ranges, budget = set(days), [], EXPANDED_DAYS
        for start, end in sorted(merged, key=lambda r: (r[1] - r[0], r[0])):
            if end - start + 1 <= budget:
                budget -= end - start + 1
                expanded.update(range(start, end + 1))
            else:
                long_ranges.append((start, end))
        paused = (_WithRanges if long_ranges else Paused)(expanded)
        long_ranges.sort()
        paused.starts = [start for start, _ in long_ranges]
        paused.ends = [end for _, end in long_ranges]
        return paused

    @classmethod
    def of(cls, paused: Paused | Collection[date]) -> Paused:
        """Accept a Paused as it is, or any collection of dates as single days."""
        return paused if isinstance(paused, Paused) else cls.make(day.toordinal() for day in paused)

    def away(self, day: int) -> bool:
        """Whether `day` falls in one of the long ranges."""
        i = bisect_right(self.starts, day) - 1
        return i >= 0 and day <= self.ends[i]

    def ranges(self) -> list[tuple[int, int]]:
        """The long ranges (the days of shorter ones are in the set)."""
        return list(zip(self.starts, self.ends, strict=False))

    def fingerprint(self, cut: int) -> int:
        """A hash of everything paused before `cut`, the same in every process (ints only)."""
        days = frozenset(day for day in self if day < cut)
        ranges = tuple((start, min(end, cut - 1)) for start, end in self.ranges() if start < cut)
        return hash((hash(days), hash(ranges)))

    def __repr__(self) -> str:
        return f"Paused(days={sorted(self)!r}, ranges={self.ranges()!r})"


class _WithRanges(Paused):
    """A Paused with long ranges: a set lookup first, then a binary search."""

    __slots__ = ()

    def __contains__(self, day: object) -> bool:
        return frozenset.__contains__(self, day) or self.away(day)  # type: ignore[arg-type]
