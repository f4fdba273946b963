"""Strength: Loop Habit Tracker's habit score, so people coming from Loop see the same number.

Each day the score moves towards v (how much of the expected frequency was met in
the last d days) by a factor that makes a daily habit's score halve in 13 days.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from math import sqrt

from .cadence import Cadence
from .paused import Paused
from .streaks import SETTLED_DAYS, ordinals


def multiplier(cadence: Cadence) -> float:
    n, d = cadence.frequency
    return 0.5 ** (sqrt(n / d) / 13)


def strength(cadence: Cadence, done: Collection[date], paused: Paused | Collection[date], today: date) -> float:
    """The score today, 0.0–1.0; skipped and away days leave it where it was."""
    return strength_series(cadence, done, paused, today, today)[-1]


def strength_series(cadence: Cadence, done: Collection[date], paused: Paused | Collection[date],
                    first: date, last: date) -> list[float]:
    """The score on each day first..last (one walk from the first check-in on)."""
    return _walk(cadence, ordinals(done, last), Paused.of(paused), first.toordinal(), last.toordinal())[0]


def series_of(cadence: Cadence, done: set[int], paused: Paused, first: int, last: int,
              resume: tuple[int, float] | None = None) -> list[float]:
    """`strength_series` on day ordinals, from a (day, score) before `first` when there is one.

    Resumed, it looks at no day before the resume day's window (twice the period at most).
    """
    return _walk(cadence, done, paused, first, last, resume)[0]


def strength_of(cadence: Cadence, done: set[int], paused: Paused, now: int,
                resume: tuple[int, float] | None = None) -> tuple[float, tuple[int, float]]:
    """Today's score from day ordinals, from a checkpoint (day, score) when there is one.

    Returns the score and a new checkpoint a few weeks back, which stays right
    until a day before it changes.
    """
    settled = now - SETTLED_DAYS
    series, checkpoint = _walk(cadence, done, paused, now, now, resume, settled)
    return series[-1], checkpoint


def _walk(cadence: Cadence, done: set[int], paused: Paused, start: int, end: int,
          resume: tuple[int, float] | None = None, mark: int | None = None) -> tuple[list[float], tuple[int, float]]:
    """Scores for start..end; also the (day, score) at `mark`, the checkpoint to resume from."""
    n, d = cadence.frequency
    m = multiplier(cadence)
    if n < d:  # less than daily: look at twice the window so one early check-in is not punished
        n, d = 2 * n, 2 * d
    if resume is not None and resume[0] < start:
        begin, score = resume[0] + 1, resume[1]
    else:
        begin = min((day for day in done if day <= end), default=end + 1)
        score = 0.0
    series = [0.0] * max(0, min(begin, end + 1) - start)
    checkpoint = resume if resume is not None and resume[0] < start else (begin - 1, 0.0)
    in_window = sum(1 for day in range(begin - d, begin) if day in done)  # the window ending the day before `begin`
    for day in range(begin, end + 1):
        hit = day in done
        in_window += hit - ((day - d) in done)
        if hit or day not in paused:
            score = score * m + min(1.0, in_window / n) * (1 - m)
        if day >= start:
            series.append(score)
        if day == mark:
            checkpoint = (day, score)
    return series, checkpoint


def miss_cost(cadence: Cadence, score: float) -> float:
    """How much one missed day takes from a score (for the sentence that explains it)."""
    return score * (1 - multiplier(cadence))
