"""The domain objects that cross from the store to the screen; TinyDB dicts stay inside.

They are named tuples: immutable values, built fast (ten years hold tens of
thousands of check-ins), and created cheaply when the module loads, which every
command pays for.
"""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple, TypeVar

from .cadence import Cadence

AGE_LIMIT = 99  # the oldest an age range names: "from 15 on" is (15, 99)

# How much an action asks of her: a moment (any time), an evening at home, an outing to plan.
SIZES = ("moment", "evening", "outing")
DEFAULT_SIZE = "moment"
SIZE_WORDS = {"moment": "a moment", "evening": "an evening", "outing": "an outing"}  # as a sentence says them


R = TypeVar("R", bound=NamedTuple)


def replace(record: R, /, **changes: object) -> R:
    """A copy of a model value with some fields changed."""
    return record._replace(**changes)


def parse_action(text: str) -> tuple[str, str]:
    """"outing: Go bowling" -> ("Go bowling", "outing"); without a size prefix, a moment."""
    head, sep, rest = text.partition(":")
    if sep and head.strip().lower() in SIZES and rest.strip():
        return rest.strip(), head.strip().lower()
    return text.strip(), DEFAULT_SIZE


class Strategy(NamedTuple):
    key: str
    title: str
    summary: str
    cadence: Cadence
    actions: tuple[str, ...]
    position: int
    since: date  # the first day it was tracked; "every N days" periods start here
    archived: bool = False
    # Action text -> size, for actions that are not a plain moment.
    sizes: dict[str, str] = {}  # the default is shared: never change a strategy's sizes in place
    # Where an import found it, "source:identity" ("loop:12", "harsh:Read"), so a re-import finds it again.
    origin: str = ""
    archived_on: date | None = None  # the day it left the board; its days after that are archived, not missed
    # Action text -> (youngest, oldest) he may be for it, in whole years; the catalog's only: hers fit any age.
    ages: dict[str, tuple[int, int]] = {}  # shared like `sizes`: never changed in place

    def size_of(self, action: str) -> str:
        return self.sizes.get(action, DEFAULT_SIZE)

    def fits(self, action: str, age: int | None) -> bool:
        """Whether the action suits him at `age` (None: his age is not known, and every action does)."""
        span = self.ages.get(action)
        return age is None or span is None or span[0] <= age <= span[1]

    def __hash__(self) -> int:  # a dict cannot be hashed: the sizes are left out
        return hash(tuple(value for name, value in zip(self._fields, self, strict=False) if name not in ("sizes", "ages")))


class CheckIn(NamedTuple):
    id: str
    strategy: str
    day: date
    action: str = ""
    note: str = ""
    created: str = ""  # when it was logged: ISO 8601 in UTC, so that text order is time order
    went: str = ""  # how it went with him: one of WENT, or "" when she did not say


WENT = ("great", "ok", "flat")
COLUMNS = ("strength", "period", "month")  # what the board's last column may show
# Her settings, shared by every child's board (store/family.py); the others are his.
SHARED_SETTINGS = ("theme", "day_start_hour", "week_start", "column", "nudge")
NUDGE_DEFAULT = "19:00"  # `bondtui nudge` speaks from this time of the evening, unless she chose another or "off"


class Skip(NamedTuple):
    id: str
    strategy: str
    day: date


class Away(NamedTuple):
    id: str
    start: date
    end: date
    reason: str = ""

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end


class Plan(NamedTuple):
    """A day she set aside for a strategy (and perhaps an action): offered first that day."""

    id: str
    strategy: str
    day: date
    action: str = ""
    created: str = ""  # when she planned it: ISO 8601 in UTC


class Settings(NamedTuple):
    son_name: str = ""
    interests: tuple[str, ...] = ()  # what he loves: "football", "Minecraft"
    theme: str = ""
    day_start_hour: int = 0  # 0–6: before this hour it is still yesterday
    week_start: int = 0  # 0 Monday … 6 Sunday
    born: str = ""  # the month he was born, "YYYY-MM", or "" when she has not said
    column: str = "strength"  # the board's last column: strength, or the check-ins of this "period" or "month"
    nudge: str = ""  # from when `bondtui nudge` may speak: "HH:MM", "off", or "" (NUDGE_DEFAULT)

    def age_on(self, day: date) -> int | None:
        """His age in whole years on `day`; the month he was born counts as passed. None when not known."""
        if not self.born:
            return None
        year, month = int(self.born[:4]), int(self.born[5:7])
        return max(0, day.year - year - (day.month < month))


class Run(NamedTuple):
    """A streak run: `length` periods in a row, from the first check-in day to the last."""

    start: date
    end: date
    length: int


class Streak(NamedTuple):
    unit: str
    current: int
    best: int
    runs: tuple[Run, ...] = ()  # oldest first: the longest runs and every run of this year (see store.model.streaks)
    at_risk: bool = False  # a live streak whose period in progress is not done yet
    period_done: int = 0  # check-in days in the period in progress
    period_target: int = 1  # days it asks for (lowered by skips and away days)
    days_left: int = 1  # days of that period from today on that can still count
    run_count: int = 0  # every run of the history; `runs` holds the longest and this year's

    @property
    def period_met(self) -> bool:
        return self.period_done >= self.period_target


class Suggestion(NamedTuple):
    strategy: str
    action: str
    reason: str
    size: str = DEFAULT_SIZE
    kind: str = ""  # which sort of reason: "streak", "goal", "since", "note", "welcome", …


class Change(NamedTuple):
    """One undoable step as the user would name it ("check-in: Show affection, 2026-11-29")."""

    label: str
    ops: tuple[Any, ...] = ()
    made: str = ""  # for an undone or redone step: where and when it was made ("on the command line at 19:02")

    def __repr__(self) -> str:  # the ops are whole documents: too long to read
        return f"Change(label={self.label!r})"
