"""The day's question for him, from a deck written for bondtui (questions.json beside this module: JSON, as
orjson reads it in a fraction of a millisecond, where TOML took 8 ms and its parser's import more).

- Only questions for his age (every one while she has not said when he was
  born; the youngest ones for a boy younger still), and none naming what he
  loves before she has named something.
- A question asked or skipped rests QUESTION_REST days while the deck holds
  others for him; once every one has been used, the one used longest ago.
- Topics take turns: the day's question comes from the topic that waited longest.
- Among equals the day decides, never the hour: the question stays all day,
  until she asks it or skips it.

What was used is known twice: the store keeps the day each question was asked
or skipped, and a Talk check-in whose action is a question's words counts as
asked (so a question asked on another machine, merged in, rests too).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from functools import cache
from pathlib import Path
from typing import NamedTuple
from zlib import crc32

from ..model.records import Settings
from .ideas import fill

DECK_PATH = Path(__file__).with_name("questions.json")
QUESTION_REST = 90  # days before a question asked or skipped may come back
TALK = "talk"  # the strategy a question asked is logged under
_NAME_FIRST = re.compile(r"^\{name\},\s*")  # "{name}, what …": without his name, just "What …"


class Question(NamedTuple):
    id: str
    text: str  # as she asks it: his name and an interest filled in
    topic: str
    ages: tuple[int, int]


class _Entry(NamedTuple):
    id: str
    template: str
    topic: str
    ages: tuple[int, int]


@cache
def deck() -> tuple[_Entry, ...]:
    import orjson  # the store reads its files with it already

    return tuple(_Entry(q["id"], q["text"], q["topic"], (q["ages"][0], q["ages"][1]))
                 for q in orjson.loads(DECK_PATH.read_bytes())["questions"])


def _interests(settings: Settings) -> list[str]:
    return [i.strip() for i in settings.interests if i.strip()]


def _fill(entry: _Entry, settings: Settings, interest: str) -> str:
    template = entry.template
    if not settings.son_name.strip() and _NAME_FIRST.match(template):
        rest = _NAME_FIRST.sub("", template)
        template = rest[:1].upper() + rest[1:]
    return fill(template, settings, interest)


def _for_him(settings: Settings, day: int) -> list[_Entry]:
    age = settings.age_on(date.fromordinal(day))
    if age is not None:  # younger than any question is written for: the youngest ones suit him
        age = max(age, min(e.ages[0] for e in deck()))
    named = bool(_interests(settings))
    return [e for e in deck() if (age is None or e.ages[0] <= age <= e.ages[1]) and (named or "{interest}" not in e.template)]


def _question(entry: _Entry, settings: Settings, day: int) -> Question:
    interests = _interests(settings)
    interest = interests[(day + crc32(entry.id.encode())) % len(interests)] if interests else ""
    return Question(entry.id, _fill(entry, settings, interest), entry.topic, entry.ages)


def asked_in(actions: Iterable[tuple[int, str]], settings: Settings) -> dict[str, int]:
    """Question id -> the last day a check-in's action was its words, from (day, action) pairs."""
    words: dict[str, str] = {}
    for entry in deck():
        for interest in _interests(settings) or [""]:
            words.setdefault(_fill(entry, settings, interest), entry.id)
    found: dict[str, int] = {}
    for day, action in actions:
        if (question := words.get(action)) and day > found.get(question, -1):
            found[question] = day
    return found


def todays_question(settings: Settings, day: int, used: Mapping[str, int]) -> Question | None:
    """The question for `day`, given the last day each question was asked or skipped."""
    entries = _for_him(settings, day)
    fresh = [e for e in entries if day - used.get(e.id, -QUESTION_REST) >= QUESTION_REST]
    if fresh:
        entries = fresh
    if not entries:
        return None
    waited: dict[str, int] = {}  # topic -> the last day one of its questions was used
    for entry in deck():
        if entry.id in used:
            waited[entry.topic] = max(waited.get(entry.topic, -1), used[entry.id])
    best = min(entries, key=lambda e: (waited.get(e.topic, -1), used.get(e.id, -1),
                                       crc32(f"{day}:{e.topic}".encode()), crc32(f"{day}:{e.id}".encode())))
    return _question(best, settings, day)
