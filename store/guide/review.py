"""The week in words: what she did for each strategy against its goal, what he said, what went great, and a warm
reading of it — what was strong first, then one thing to try next week. Never a word of failure.

`done` counts check-ins (two in a day are two), never capped at the goal. `goal` is
what the cadence asks of that week: the days it is due for a daily or weekday
cadence, N for "N per week", a check-in per N days for "every N days" — only over
the days the strategy was on the board, and less the days skipped or away.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable
from datetime import date, timedelta
from math import ceil
from typing import NamedTuple

from ..model.records import CheckIn, Strategy


class StrategyWeek(NamedTuple):
    key: str
    title: str
    done: int  # check-ins in the week
    goal: int  # what its cadence asks of the week (0: nothing was due)
    actions: tuple[str, ...]  # what she did, each once, in the order she did it


class Week(NamedTuple):
    first: date
    last: date
    strategies: tuple[StrategyWeek, ...]
    notes: tuple[CheckIn, ...]  # what he said: the week's notes, newest first
    great: tuple[CheckIn, ...]  # what went great with him, newest first
    reading: tuple[str, ...]  # a few warm sentences: what was strong, then one thing to try next week

    @property
    def label(self) -> str:
        """ "2026-W49": the ISO week of the week's Monday, whichever day her week starts on."""
        year, week, _ = (self.first + timedelta(days=-self.first.weekday() % 7)).isocalendar()
        return f"{year}-W{week:02d}"


def goal_of(strategy: Strategy, first: date, last: date, paused: Container[int], started: date) -> int:
    """What the strategy's cadence asks of the days first..last while it was on the board (from `started`: its
    start, or an earlier check-in)."""
    start = max(first, started)
    end = min(last, strategy.archived_on) if strategy.archived and strategy.archived_on else last
    days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    free = [day for day in days if day.toordinal() not in paused]
    cadence = strategy.cadence
    if cadence.kind == "daily":
        return len(free)
    if cadence.kind == "weekdays":
        return sum(day.weekday() in cadence.weekdays for day in free)
    if cadence.kind == "per_week":
        return min(cadence.count, len(free))
    return ceil(len(free) / cadence.count) if free else 0


def review(first: date, strategies: Iterable[Strategy], check_ins: Iterable[CheckIn],
           paused: Callable[[str], Container[int]], started: Callable[[str], date],
           next_action: Callable[[str], str]) -> Week:
    """The week first..first+6 of the strategies on the board at some time in it; `check_ins` are the week's."""
    last = first + timedelta(days=6)
    shown = [s for s in strategies if started(s.key) <= last and not (s.archived and s.archived_on and s.archived_on < first)]
    mine = {s.key for s in shown}
    week = sorted((c for c in check_ins if first <= c.day <= last and c.strategy in mine),
                  key=lambda c: (c.day, c.created, c.id))
    rows = []
    for strategy in shown:
        own = [c for c in week if c.strategy == strategy.key]
        rows.append(StrategyWeek(strategy.key, strategy.title, len(own),
                                 goal_of(strategy, first, last, paused(strategy.key), started(strategy.key)),
                                 tuple(dict.fromkeys(c.action for c in own if c.action))))
    newest = week[::-1]
    notes = tuple(c for c in newest if c.note)
    great = tuple(c for c in newest if c.went == "great")
    titles = {s.key: s.title for s in shown}
    return Week(first, last, tuple(rows), notes, great, _reading(rows, great, titles, next_action))


def _reading(rows: list[StrategyWeek], great: tuple[CheckIn, ...], titles: dict[str, str],
             next_action: Callable[[str], str]) -> tuple[str, ...]:
    said = []
    met = [r for r in rows if r.goal and r.done >= r.goal]
    touched = sorted((r for r in rows if r.done), key=lambda r: -r.done)
    total = sum(r.done for r in rows)
    if met:
        said.append("Strong this week: " + _listed(f"{r.title} ({r.done} of {r.goal})" for r in met) + ".")
    elif touched:
        said.append(f"You made room for him {_times(total)} this week; "
                    f"most of all for {touched[0].title} ({_times(touched[0].done)}).")
    else:
        said.append("A quiet week. That happens; one small thing is enough to begin again.")
    if met and len(touched) > len(met):
        others = [r for r in touched if r not in met]
        said.append("You also made room for " + _listed(r.title for r in others) + ".")
    if great:
        said.append(f"It went great with him {_times(len(great))}: {great[0].action or titles[great[0].strategy]}.")
    waiting = [r for r in rows if r.goal and r.done < r.goal]
    if waiting:
        pick = min(waiting, key=lambda r: (r.done / r.goal, -r.goal))
        idea = next_action(pick.key)
        said.append(f"Next week, try {pick.title}" + (f" — {idea}." if idea else "."))
    return tuple(said)


def _times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def _listed(items: Iterable[str]) -> str:
    found = list(items)
    return found[0] if len(found) == 1 else ", ".join(found[:-1]) + " and " + found[-1]
