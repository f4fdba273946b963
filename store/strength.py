"""Strength: Loop Habit Tracker's habit score, so people coming from Loop see the same number.

Each day the score moves towards v (how much of the expected frequency was met in
the last d days) by a factor that makes a daily habit's score halve in 13 days.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from math import sqrt

from .cadence import Cadence
from .streaks import ordinals


def multiplier(cadence: Cadence) -> float:
    n, d = cadence.frequency
    return 0.5 ** (sqrt(n / d) / 13)


def strength(cadence: Cadence, done: Collection[date], paused: Collection[date], today: date) -> float:
    """The score today, 0.0–1.0; skipped and away days leave it where it was."""
    return strength_series(cadence, done, paused, today, today)[-1]


def strength_series(cadence: Cadence, done: Collection[date], paused: Collection[date], first: date, last: date) -> list[float]:
    """The score on each day first..last (one walk from the first check-in on)."""
    start, end = first.toordinal(), last.toordinal()
    done_days = ordinals(done, last)
    if not done_days:
        return [0.0] * (end - start + 1)
    paused_days = ordinals(paused)
    n, d = cadence.frequency
    m = multiplier(cadence)
    if n < d:  # less than daily: look at twice the window so one early check-in is not punished
        n, d = 2 * n, 2 * d
    series = [0.0] * max(0, min(min(done_days), end + 1) - start)
    score = 0.0
    in_window = 0  # check-in days among the last d days, today included
    for day in range(min(done_days), end + 1):
        hit = day in done_days
        in_window += hit - ((day - d) in done_days)
        if hit or day not in paused_days:
            score = score * m + min(1.0, in_window / n) * (1 - m)
        if day >= start:
            series.append(score)
    return series


def miss_cost(cadence: Cadence, score: float) -> float:
    """How much one missed day takes from a score (for the sentence that explains it)."""
    return score * (1 - multiplier(cadence))
