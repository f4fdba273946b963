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
    now = today.toordinal()
    done_days = ordinals(done, today)
    if not done_days:
        return 0.0
    paused_days = ordinals(paused)
    n, d = cadence.frequency
    m = multiplier(cadence)
    if n < d:  # less than daily: look at twice the window so one early check-in is not punished
        n, d = 2 * n, 2 * d
    score = 0.0
    in_window = 0  # check-in days among the last d days, today included
    for day in range(min(done_days), now + 1):
        hit = day in done_days
        in_window += hit - ((day - d) in done_days)
        if hit or day not in paused_days:
            score = score * m + min(1.0, in_window / n) * (1 - m)
    return score


def miss_cost(cadence: Cadence, score: float) -> float:
    """How much one missed day takes from a score (for the sentence that explains it)."""
    return score * (1 - multiplier(cadence))
