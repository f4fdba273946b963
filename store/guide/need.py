"""How much each strategy needs her on a given day: one number, and the facts behind it.

Need = days since it was last touched (done, or offered first; never touched
counts most) + how tight its period is (what is still missing over the days
left to do it) + a daily streak that is alive and needs today (more the longer
it is) + how little it was done lately. The neglect term makes one suggestion a
day travel through every strategy; the streak and period terms make a daily
streak and a weekly goal win when time runs out.

Everything here reads only the day ordinals up to the day asked about, so the
need of any past day can be recomputed exactly.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from typing import NamedTuple

from ..model.records import Strategy

NEVER = 15  # days of neglect for a strategy never touched: more than any capped count
NEGLECT_CAP = 14
SQUEEZE_WEIGHT = 3.0  # a period goal that needs every day left weighs three days of neglect
LATELY = 28  # "done lately" looks back four weeks: a stand-in for strength that any past day can recompute
STREAK_CAP = 60  # days walked back to measure a daily streak inside the engine


class Need(NamedTuple):
    strategy: Strategy
    score: float
    done_today: bool
    paused_today: bool
    period_done: int
    period_target: int
    days_left: int  # days of the period from today on that can still count
    streak: int  # daily: days in a row up to yesterday, alive only if yesterday counted
    last_done: int | None  # the last check-in day before today
    first_period: bool = False  # the period she started it in: one she cannot fail
    may_press: bool = False  # its goal may be pressed now: it can be met, past the period's first day, not her first

    @property
    def reachable(self) -> bool:
        """The period's goal can still be met with the days left."""
        return self.missing <= self.days_left

    @property
    def pressed(self) -> bool:
        """The goal needs every day left, and it is worth saying so (`may_press`)."""
        return self.may_press and self.missing >= self.days_left

    @property
    def met(self) -> bool:
        return self.period_done >= self.period_target

    @property
    def missing(self) -> int:
        return max(0, self.period_target - self.period_done)

    @property
    def at_risk(self) -> bool:
        return self.strategy.cadence.kind == "daily" and self.streak > 0 and not (self.done_today or self.paused_today)

    @property
    def open(self) -> bool:
        """It may be suggested: not done or paused today, its period goal not yet met."""
        return not (self.done_today or self.paused_today or self.met)


def assess(strategy: Strategy, done: set[int], paused: AbstractSet[int], day: int, period: tuple[int, int], *,
           last_done: int | None, last_offered: int | None, include_today: bool = True, started: int | None = None) -> Need:
    """The need of `strategy` on `day` (in `period`); without `include_today`, as if nothing of that day were done."""
    cadence = strategy.cadence
    done_today = include_today and day in done
    counted = day if include_today else day - 1
    begin, finish = period
    # Days before she started with it (its start, or an earlier check-in) were not hers to do: the first period asks
    # less, and is never pressed.
    since = min(strategy.since.toordinal() if started is None else started, day)
    hits = available = 0
    for each in range(begin, finish + 1):
        if each <= counted and each in done:
            hits += 1
            available += 1
        elif each not in paused and each >= since:
            available += 1
    target = -(-cadence.target * available // (finish - begin + 1))
    days_left = sum(1 for each in range(day, finish + 1) if each not in paused and not (each <= counted and each in done))
    streak = _daily_streak(done, paused, day - 1) if cadence.kind == "daily" else 0

    touched = max((d for d in (last_done, last_offered) if d is not None), default=None)
    score = float(NEVER if touched is None else min(day - touched, NEGLECT_CAP))
    if cadence.kind == "daily":
        if streak and not done_today:
            score += 1 + 0.65 * min(streak, 28)  # a four-week streak outweighs a strategy never touched
    # A goal is pressed only when it can still be met, after the period's first day, and not in her first one.
    may_press = cadence.kind != "daily" and 0 < target - hits <= days_left and day > begin and since < begin
    if may_press:
        score += SQUEEZE_WEIGHT * min(1.0, (target - hits) / max(days_left, 1))
    count, every = cadence.frequency
    lately = sum(1 for each in range(day - LATELY, day) if each in done)
    score += 1 - min(1.0, lately / (LATELY * count / every))
    return Need(strategy, score, done_today, day in paused, hits, target, days_left, streak, last_done,
                first_period=since >= begin, may_press=may_press)


def _daily_streak(done: set[int], paused: AbstractSet[int], last: int, limit: int = STREAK_CAP) -> int:
    """Check-in days in a row ending on `last`; paused days neither count nor break it."""
    length = 0
    for each in range(last, last - limit, -1):
        if each in done:
            length += 1
        elif each not in paused:
            break
    return length


def full_streak(done: set[int], paused: AbstractSet[int], last: int) -> int:
    """The same, uncapped, for the words of a reason."""
    return _daily_streak(done, paused, last, limit=last - min(done, default=last) + 1)


def last_before(done: set[int], day: int, near: int = 60) -> int | None:
    """The last check-in day before `day`: a short walk back, the whole set only when it is far."""
    found = next((each for each in range(day - 1, day - near - 1, -1) if each in done), None)
    if found is None:
        found = max(filter(day.__gt__, done), default=None)
    return found


class Periods:
    """The period holding each day, for a run of days (one cadence walk for all of them, not one each)."""

    def __init__(self, strategy: Strategy, first: int, last: int, week_start: int):
        self.daily = strategy.cadence.kind == "daily"
        self.bounds = [] if self.daily else strategy.cadence.bounds(first, last, week_start, strategy.since)
        self.strategy, self.week_start = strategy, week_start

    def of(self, day: int) -> tuple[int, int]:
        if self.daily:
            return day, day
        for begin, finish in self.bounds:
            if begin <= day <= finish:
                return begin, finish
        return self.strategy.cadence.bounds(day, day, self.week_start, self.strategy.since)[-1]
