"""A strategy's actions fitted to the moment: size, weekday, hour, his name and what he loves.

- From 20:00 (until 05:00) only moments: no evening at home, no outing.
- Outings Friday to Sunday; on other days, or late, an outing becomes planning
  it ("Plan Saturday: …"), which is itself a moment.
- `{name}` is his name, or "him"; `{interest}` one of his interests, a different
  one each day. Actions that need an interest wait until she has named one.

The order they are offered in (least recently used first) is the guide's, in
store/suggest.py: it needs what was offered on earlier days.
"""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

from ..model import DEFAULT_SIZE, Settings, Strategy

LATE_HOUR, EARLY_HOUR = 20, 5
OUTING_DAYS = (4, 5, 6)  # Friday, Saturday, Sunday
SATURDAY = 5


class Idea(NamedTuple):
    template: str  # the action as the strategy holds it
    text: str  # what she reads: filled in, and fitted ("Plan Saturday: …")
    size: str  # the size of what she is asked to do now
    interest: str = ""  # the interest it names, if any
    planned: bool = False  # an outing offered as planning it


def is_late(hour: int) -> bool:
    return hour >= LATE_HOUR or hour < EARLY_HOUR


PLACEHOLDER = re.compile(r"\{(?:name|interest)\}")


def fill(template: str, settings: Settings, interest: str = "", name: str = "") -> str:
    """One pass, so that a name or an interest that looks like a placeholder stays as written."""
    values = {"{name}": name or settings.son_name.strip() or "him", "{interest}": interest}
    return PLACEHOLDER.sub(lambda match: values[match.group()], template)


def ideas(strategy: Strategy, day: int, hour: int, settings: Settings, *, moments_only: bool = False) -> list[Idea]:
    """Every action of the strategy that fits now, in the strategy's order."""
    weekday = date.fromordinal(day).weekday()
    late = is_late(hour)
    interests = [i.strip() for i in settings.interests if i.strip()]
    found = []
    for index, template in enumerate(dict.fromkeys(strategy.actions) or (strategy.title,)):
        size = strategy.size_of(template)
        interest = ""
        if "{interest}" in template:
            if not interests:
                continue
            interest = interests[(day + index) % len(interests)]
        text = fill(template, settings, interest)
        if size == "outing" and (late or weekday not in OUTING_DAYS or moments_only):
            when = "next Saturday" if weekday == SATURDAY else "Saturday"
            found.append(Idea(template, f"Plan {when}: {text}", DEFAULT_SIZE, interest, planned=True))
        elif size == DEFAULT_SIZE or not (late or moments_only):
            found.append(Idea(template, text, size, interest))
    return found


def template_index(strategy: Strategy, settings: Settings) -> dict[str, str]:
    """Action text as she may have logged it -> the template it came from."""
    index: dict[str, str] = {}
    interests = [i.strip() for i in settings.interests if i.strip()] or [""]
    names = {settings.son_name.strip() or "him", "him"}
    for template in strategy.actions:
        index[template] = template
        for interest in interests:
            for name in names:
                index.setdefault(fill(template, settings, interest, name), template)
    return index


def template_of(text: str, index: dict[str, str]) -> str:
    """The template a logged action came from (itself when it is her own words)."""
    head, sep, rest = text.partition(": ")
    if sep and head.startswith("Plan "):
        text = rest
    return index.get(text, text)
