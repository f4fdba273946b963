"""Strength: Loop Habit Tracker's habit score, so people coming from Loop see the same number,
shown so that it never rises while she does nothing.

Each day the score moves towards v (how much of the expected frequency was met in
the last d days) by a factor that makes a daily habit's score halve in 13 days.
Loop's window lets a week of overshoot keep lifting the score on the days after
it; what is shown does not: on a day with a check-in it is exactly Loop's score,
on a day without one the lower of Loop's score and the day before's shown value,
and a skipped or away day keeps the day before's.
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
    return float(0.5 ** (sqrt(n / d) / 13))


def strength(cadence: Cadence, done: Collection[date], paused: Paused | Collection[date], today: date) -> float:
    """The score today, 0.0–1.0; skipped and away days leave it where it was."""
    return strength_series(cadence, done, paused, today, today)[-1]


def strength_series(cadence: Cadence, done: Collection[date], paused: Paused | Collection[date],
                    first: date, last: date) -> list[float]:
    """The score on each day first..last (one walk from the first check-in on)."""
    return _walk(cadence, ordinals(done, last), Paused.of(paused), first.toordinal(), last.toordinal())[0]


# A checkpoint: (day, Loop's score, the shown score) at the end of that day.
State = tuple[int, float, float]


def series_of(cadence: Cadence, done: set[int], paused: Paused, first: int, last: int,
              resume: State | None = None) -> list[float]:
    """`strength_series` on day ordinals, from a state before `first` when there is one.

    Resumed, it looks at no day before the resume day's window (twice the period at most).
    """
    return _walk(cadence, done, paused, first, last, resume)[0]


def state_at(cadence: Cadence, done: set[int], paused: Paused, day: int, resume: State | None = None) -> State:
    """The state at the end of `day`, to resume from."""
    return _walk(cadence, done, paused, day, day, resume, day)[1]


def strength_of(cadence: Cadence, done: set[int], paused: Paused, now: int,
                resume: State | None = None) -> tuple[float, State]:
    """Today's shown score from day ordinals, from a checkpoint when there is one.

    Returns the score and a new checkpoint a few weeks back, which stays right
    until a day before it changes.
    """
    settled = now - SETTLED_DAYS
    series, checkpoint = _walk(cadence, done, paused, now, now, resume, settled)
    return series[-1], checkpoint


def _walk(cadence: Cadence, done: set[int], paused: Paused, start: int, end: int,
          resume: State | None = None, mark: int | None = None) -> tuple[list[float], State]:
    """Shown scores for start..end; also the state at `mark`, the checkpoint to resume from."""
    n, d = cadence.frequency
    m = multiplier(cadence)
    if n < d:  # less than daily: look at twice the window so one early check-in is not punished
        n, d = 2 * n, 2 * d
    if resume is not None and resume[0] < start:
        begin, score, shown = resume[0] + 1, resume[1], resume[2]
    else:
        begin = min((day for day in done if day <= end), default=end + 1)
        score = shown = 0.0
    series = [0.0] * max(0, min(begin, end + 1) - start)
    checkpoint = resume if resume is not None and resume[0] < start else (begin - 1, 0.0, 0.0)
    in_window = sum(1 for day in range(begin - d, begin) if day in done)  # the window ending the day before `begin`
    for day in range(begin, end + 1):
        hit = day in done
        in_window += hit - ((day - d) in done)
        if hit or day not in paused:
            score = score * m + min(1.0, in_window / n) * (1 - m)
            shown = score if hit else min(score, shown)  # an overshoot banked in the window does not lift it
        if day >= start:
            series.append(shown)
        if day == mark:
            checkpoint = (day, score, shown)
    return series, checkpoint


def loop_strength(cadence: Cadence, done: Collection[date], paused: Paused | Collection[date], today: date) -> float:
    """Loop's own score today, as Loop shows it (not capped): for comparing with Loop."""
    day = today.toordinal()
    return _walk(cadence, ordinals(done, today), Paused.of(paused), day, day, None, day)[1][1]


def miss_cost(cadence: Cadence, score: float) -> float:
    """How much one missed day takes from a score (for the sentence that explains it)."""
    return score * (1 - multiplier(cadence))
