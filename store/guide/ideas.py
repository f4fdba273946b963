"""A strategy's actions fitted to the moment: size, weekday, hour, his name and what he loves.

- From 20:00 (until 05:00) only moments: no evening at home, no outing.
- Nothing that names a part of the day already over (a morning after 12:00, an
  afternoon after 17:00), unless it is for a later day.
- Outings Friday to Sunday; on other days, or late, an outing becomes planning
  it ("Plan Saturday: …"), which is itself a moment.
- `{name}` is his name, or "him"; `{interest}` one of his interests, a different
  one each day. Actions that need an interest wait until she has named one.
- Only actions for his age, once she has said when he was born (the catalog's
  age ranges; her own actions suit any age).

The order they are offered in (least recently used first) is the guide's, in
store/guide/suggest.py: it needs what was offered on earlier days.
"""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

from ..model.records import DEFAULT_SIZE, Settings, Strategy

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


# A part of the day an action names is over at this hour: offered after it only for a later day.
PARTS_OVER = (("breakfast", 12), ("morning", 12), ("afternoon", 17))
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def is_past(text: str, weekday: int, hour: int) -> bool:
    """Whether the action speaks of a part of today already over ("his Saturday morning" on Saturday at 19:00);
    "tomorrow" or another day's name make it a later day's. After midnight the morning is still to come."""
    words = text.lower()
    if "tomorrow" in words or any(day in words for i, day in enumerate(WEEKDAYS) if i != weekday):
        return False
    return any(part in words and EARLY_HOUR <= hour and hour >= ends for part, ends in PARTS_OVER)


PLACEHOLDER = re.compile(r"\{(?:name|interest)\}")
# `{name}` as the one who does something ("… {name} did well"): without a name that is "he", not "him".
_SUBJECT = re.compile(r"(?:^|(?<=[.!?:—] ))\{name\}|\{name\}(?= (?:did|does|is|was|has|had|will|would|can|could|"
                      r"loves|likes|wants|needs|says|said|knows|feels|thinks|made|makes)\b)")


def fill(template: str, settings: Settings, interest: str = "", name: str = "") -> str:
    """One pass, so that a name or an interest that looks like a placeholder stays as written."""
    name = name or settings.son_name.strip()
    if not name:
        template = _SUBJECT.sub(lambda match: "He" if match.start() == 0 or template[match.start() - 2] in ".!?:—"
                                else "he", template)
    values = {"{name}": name or "him", "{interest}": interest}
    return PLACEHOLDER.sub(lambda match: values[match.group()], template)


def _interest(template: str, index: int, day: int, settings: Settings) -> str | None:
    """The interest an action names on `day` ("" when it names none); None when it needs one she has not named."""
    if "{interest}" not in template:
        return ""
    interests = [i.strip() for i in settings.interests if i.strip()]
    return interests[(day + index) % len(interests)] if interests else None


def filled_actions(strategy: Strategy, settings: Settings, day: int) -> list[str]:
    """The strategy's actions as she reads them on `day`: filled in, for his age, without those that need an
    interest she has not named. Only the strategy's own actions are templates: what she types is kept as typed."""
    found = []
    age = settings.age_on(date.fromordinal(day))
    for index, template in enumerate(dict.fromkeys(strategy.actions)):
        interest = _interest(template, index, day, settings)
        if interest is not None and strategy.fits(template, age):
            found.append(fill(template, settings, interest))
    return found


def filled_text(text: str, strategy: Strategy, settings: Settings, day: int) -> str:
    """A logged action as she reads it: one saved as a raw template (by an older bondtui) filled in."""
    if "{" not in text or not PLACEHOLDER.search(text):
        return text
    for index, template in enumerate(dict.fromkeys(strategy.actions)):
        if template == text:
            return fill(template, settings, _interest(template, index, day, settings) or "what he loves")
    return text


def ideas(strategy: Strategy, day: int, hour: int, settings: Settings, *, moments_only: bool = False) -> list[Idea]:
    """Every action of the strategy that fits now, in the strategy's order."""
    weekday = date.fromordinal(day).weekday()
    late = is_late(hour)
    age = settings.age_on(date.fromordinal(day))
    found = []
    for index, template in enumerate(dict.fromkeys(strategy.actions) or (strategy.title,)):
        size = strategy.size_of(template)
        interest = _interest(template, index, day, settings)
        if interest is None or not strategy.fits(template, age):
            continue
        text = fill(template, settings, interest)
        if size == "outing" and (late or weekday not in OUTING_DAYS or moments_only or is_past(text, weekday, hour)):
            when = "next Saturday" if weekday == SATURDAY else "Saturday"
            found.append(Idea(template, f"Plan {when}: {text}", DEFAULT_SIZE, interest, planned=True))
        elif (size == DEFAULT_SIZE or not (late or moments_only)) and not is_past(text, weekday, hour):
            found.append(Idea(template, text, size, interest))
    return found


def template_index(strategy: Strategy, settings: Settings) -> dict[str, str]:
    """Action text as she may have logged it -> the template it came from."""
    index: dict[str, str] = {}
    interests = [i.strip() for i in settings.interests if i.strip()] or [""]
    unnamed = settings._replace(son_name="")  # as it read before she set his name
    for template in strategy.actions:
        index[template] = template
        for interest in interests:
            for read_with in (settings, unnamed):
                index.setdefault(fill(template, read_with, interest), template)
    return index


def template_of(text: str, index: dict[str, str]) -> str:
    """The template a logged action came from (itself when it is her own words)."""
    head, sep, rest = text.partition(": ")
    if sep and head.startswith("Plan "):
        text = rest
    return index.get(text, text)
