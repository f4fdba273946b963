"""Today's suggestions: one small action at a time, with the reason it was chosen.

Order of preference: a daily streak that ends tonight unless something happens;
a weekly target that no longer has room to wait; then whatever has waited longest.
Strategies already satisfied for their period step aside unless all are.
The same day and data always give the same list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from zlib import crc32

from .model import Streak, Strategy, Suggestion

RECENT_DAYS = 7


@dataclass(frozen=True, slots=True)
class StrategyState:
    strategy: Strategy
    streak: Streak
    last_done: date | None
    recent_actions: frozenset[str]  # actions done in the last RECENT_DAYS days


def _tier(state: StrategyState) -> int:
    streak = state.streak
    if state.strategy.cadence.kind == "daily":
        return 0 if streak.at_risk else 2
    # Urgent when every day left must count: tomorrow the target would no longer fit.
    remaining = streak.period_target - streak.period_done
    return 1 if 0 < remaining == streak.days_left else 2


def _neglect(state: StrategyState, today: date) -> int:
    return (today - state.last_done).days if state.last_done else 10**6


def suggestions(states: list[StrategyState], today: date, son_name: str = "") -> list[Suggestion]:
    """Every distinct (strategy, action) suggestion for today, best first."""
    open_ = [state for state in states if not state.streak.period_met]
    all_met = not open_
    ranked = sorted(open_ or states, key=lambda s: (_tier(s), -_neglect(s, today), s.strategy.position))
    lists = [[Suggestion(s.strategy.key, action, _reason(s, today, son_name, all_met)) for action in _actions(s, today)]
             for s in ranked]
    # One per strategy first, then the second action of each, and so on.
    return [lst[i] for i in range(max(map(len, lists), default=0)) for lst in lists if i < len(lst)]


def _actions(state: StrategyState, today: date) -> list[str]:
    actions = list(dict.fromkeys(state.strategy.actions)) or [state.strategy.title]
    turn = crc32(f"{today.isoformat()}:{state.strategy.key}".encode()) % len(actions)
    rotated = actions[turn:] + actions[:turn]
    fresh = [action for action in rotated if action not in state.recent_actions]
    return fresh + [action for action in rotated if action in state.recent_actions]


def _reason(state: StrategyState, today: date, son_name: str, all_met: bool) -> str:
    him = son_name.strip() or "him"
    streak = state.streak
    if all_met:
        return f"Everything is on track — a little extra for {him} never hurts."
    tier = _tier(state)
    if tier == 0:
        days = f"{streak.current} day{'s' if streak.current != 1 else ''}"
        return f"{days} in a row so far — one small thing today keeps the streak alive."
    if tier == 1:
        span = "this week" if state.strategy.cadence.kind == "per_week" else "this round"
        left = streak.days_left
        if left == 1:
            return f"Today is the last day {span} to fit it in."
        return f"{left} more {span} and only {left} days left — each one counts now."
    if state.last_done is None:
        return f"You have not tried this with {him} yet — today is a good day to start."
    days = _neglect(state, today)
    if days == 0:
        return f"You started today; one more keeps {state.strategy.cadence.describe()} on track."
    return f"It has been {days} day{'s' if days != 1 else ''} since you last did this with {him}."
