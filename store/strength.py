"""Strength: Loop Habit Tracker's habit score, so people coming from Loop see the same number.

Each day the score moves towards v (how much of the expected frequency was met in
the last d days) by a factor that makes a daily habit's score halve in 13 days.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta
from math import sqrt

from .cadence import Cadence


def multiplier(cadence: Cadence) -> float:
    n, d = cadence.frequency
    return 0.5 ** (sqrt(n / d) / 13)


def strength(cadence: Cadence, done: Collection[date], paused: Collection[date], today: date) -> float:
    """The score today, 0.0–1.0; skipped and away days leave it where it was."""
    first = min((day for day in done if day <= today), default=None)
    if first is None:
        return 0.0
    n, d = cadence.frequency
    m = multiplier(cadence)
    if n < d:  # less than daily: look at twice the window so one early check-in is not punished
        n, d = 2 * n, 2 * d
    score = 0.0
    in_window = 0  # check-in days among the last d days, today included
    day = first
    while day <= today:
        if day in done:
            in_window += 1
        if day - timedelta(days=d) in done:
            in_window -= 1
        if day in done or day not in paused:
            score = score * m + min(1.0, in_window / n) * (1 - m)
        day += timedelta(days=1)
    return score


def miss_cost(cadence: Cadence, score: float) -> float:
    """How much one missed day takes from a score (for the sentence that explains it)."""
    return score * (1 - multiplier(cadence))
