"""Why this, now: one line, about him, from a varied set.

Some reasons must be said when they hold (he is back, the week runs out, a
streak needs today, the first time). Otherwise every reason that holds is a
candidate — the goal and the days left, the time since, a note she wrote, what
he loves, the weekend, planning ahead, a fresh week — and the day picks one, so
the same sentence does not come back every day.
"""

from __future__ import annotations

from typing import NamedTuple
from zlib import crc32

from ..model.records import Settings
from .ideas import Idea, is_late
from .need import Need

NOTE_CHARS = 48


class Context(NamedTuple):
    day: int
    hour: int
    settings: Settings
    welcome: bool = False  # the first day back after time away
    extra: bool = False  # every goal is met: this one is a bonus
    streak: int = 0  # a daily streak's full length, for the words
    note: str = ""  # the last note she wrote for this strategy lately


def count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def reason(need: Need, idea: Idea, context: Context) -> tuple[str, str]:
    """(kind, sentence) for suggesting `idea` of `need.strategy` now."""
    name = context.settings.son_name.strip()
    him, he = name or "him", name or "he"
    cadence = need.strategy.cadence
    daily = cadence.kind == "daily"
    span = {"per_week": "this week", "every": "this round"}.get(cadence.kind, "before the next one")
    pick = crc32(f"{context.day}:{need.strategy.key}:{idea.template}".encode())

    def one(*sentences: str) -> str:
        return sentences[pick % len(sentences)]

    if context.welcome:
        return "welcome", one(f"Welcome back — start again with something small for {him}.",
                              f"Welcome back. One small moment is all it takes to pick up with {him}.")
    if context.extra:
        return "on track", f"Everything is on track — a little extra for {him} never hurts."
    if need.pressed:
        if need.days_left <= 1:
            return "last day", f"Today is the last day {span} to fit it in."
        return "last day", f"{need.missing} more {span} and only {need.days_left} days left — each one counts now."
    streak = context.streak or need.streak
    if daily and need.at_risk and streak >= 2:
        return "streak", one(f"{streak} days in a row so far — one small thing today keeps it going.",
                             f"{streak} days in a row with {him}; today can make it {streak + 1}.")
    if need.last_done is None and not need.done_today:
        return "first", f"You have not tried this with {him} yet — today is a good day to start."

    found: list[tuple[str, str]] = []
    if context.note:
        note = context.note if len(context.note) <= NOTE_CHARS else context.note[:NOTE_CHARS - 1].rstrip() + "…"
        found.append(("note", one(f"Last time you wrote “{note}” — ask {him} how it went.",
                                  f"Last time: “{note}”. Pick up from there.")))
    if idea.interest:
        found.append(("interest", one(f"{he[0].upper() + he[1:]} loves {idea.interest} — let {him} be the expert.",
                                      f"{idea.interest[0].upper() + idea.interest[1:]} is his world; step into it.")))
    if idea.planned:
        found.append(("plan", one("Planning it now is what makes Saturday happen.",
                                  f"A few minutes of planning now, an afternoon with {him} later.")))
    elif idea.size == "outing":
        found.append(("weekend", one(f"The weekend is here — time for just you and {him}.",
                                     "It is the weekend: a good time to get out together.")))
    elif idea.size == "evening":
        found.append(("evening", "An hour at home this evening is all it takes."))
    if is_late(context.hour):
        found.append(("late", f"It is late: one small moment with {him} is enough tonight."))
    if daily and need.at_risk:
        found.append(("yesterday", "You did this yesterday too — make it two days in a row."))
    if not daily and need.first_period:  # the period she started in: nothing to fail, no days counted down
        found.append(("first week", one(f"A first step with {him}: whatever you do {span} counts.",
                                        f"Start small with {him}; {span} is only the beginning.")))
    elif not daily and need.missing and not need.reachable:  # the goal is out of reach: say what is still true
        found.append(("strength", one(f"The goal {span} is out of reach now, but one today still adds to its strength.",
                                      f"Even with the goal {span} out of reach, one today keeps it strong.")))
    elif not daily and need.missing:
        if cadence.kind == "per_week" and need.period_done == 0 and need.days_left >= 5:
            found.append(("fresh week", f"A fresh start {span}: {cadence.describe()}, and all of it still ahead."))
        else:
            more = "One more" if need.missing == 1 else f"{need.missing} more"
            found.append(("goal", one(f"{need.period_done} of {need.period_target} {span} so far, "
                                      f"{count(need.days_left, 'day')} left.",
                                      f"{more} {span} {'reaches' if need.missing == 1 else 'reach'} the goal, "
                                      f"with {count(need.days_left, 'day')} to go.")))
    if need.last_done is not None:
        days = context.day - need.last_done
        if days >= 2:
            found.append(("since", one(f"It has been {days} days since you last did this with {him}.",
                                       f"{days} days since the last time — {he} will notice.")))
    if not found:
        return "moment", f"One small thing for {him}, today."
    return found[pick % len(found)]
