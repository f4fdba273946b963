"""Streaks in the cadence's natural unit.

A period is *done* when it holds its target of check-in days. Skipped and away
days lower the target in proportion (a week with three days away asks for
ceil(n * 4 / 7)); a period whose target falls to zero is *frozen*: it neither
counts nor breaks a streak. The period in progress is never a miss.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta
from enum import Enum

from .cadence import Cadence, Period
from .model import Run, Streak


class Status(Enum):
    DONE = "done"
    MISSED = "missed"
    FROZEN = "frozen"  # every day of it skipped or away
    PENDING = "pending"  # in progress and not done yet


def period_progress(period: Period, done: Collection[date], paused: Collection[date]) -> tuple[int, int]:
    """(check-in days, target) for one period, the target lowered by paused days."""
    done_days = available = 0
    day = period.start
    while day <= period.end:
        if day in done:
            done_days += 1
            available += 1
        elif day not in paused:
            available += 1
        day += timedelta(days=1)
    return done_days, -(-period.target * available // period.length)


def period_status(period: Period, done: Collection[date], paused: Collection[date], today: date) -> Status:
    done_days, target = period_progress(period, done, paused)
    if target == 0:
        return Status.FROZEN
    if done_days >= target:
        return Status.DONE
    return Status.PENDING if period.end >= today else Status.MISSED


def compute_streak(
    cadence: Cadence,
    done: Collection[date],
    paused: Collection[date],
    today: date,
    week_start: int = 0,
    anchor: date | None = None,
) -> Streak:
    """Current and best streak, every run, and how the period in progress stands."""
    first = min((day for day in done if day <= today), default=today)
    periods = cadence.periods(first, today, week_start, anchor)
    runs: list[Run] = []
    start = end = None
    length = 0
    status = Status.PENDING
    for period in periods:
        status = period_status(period, done, paused, today)
        if status is Status.DONE:
            days = [day for day in _days(period) if day in done and day <= today]
            start = start or days[0]
            end, length = days[-1], length + 1
        elif status is Status.MISSED and length:
            runs.append(Run(start, end, length))
            start, length = None, 0
    current = length
    if length:
        runs.append(Run(start, end, length))

    now = periods[-1]
    done_now, target = period_progress(now, done, paused)
    days_left = sum(1 for day in _days(now) if day >= today and day not in paused and day not in done)
    return Streak(
        unit=cadence.unit,
        current=current,
        best=max((run.length for run in runs), default=0),
        runs=tuple(runs),
        at_risk=current > 0 and status is Status.PENDING,
        period_done=done_now,
        period_target=target,
        days_left=days_left,
    )


def _days(period: Period):
    for offset in range(period.length):
        yield period.start + timedelta(days=offset)
