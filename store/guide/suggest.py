"""Today's suggestions: one small action at a time, with the reason it was chosen.

Strategies are ranked by need (guidance/need.py), actions fitted to the hour,
the weekday and him (guidance/ideas.py), reasons worded (guidance/reasons.py).
Strategies done or skipped today, or whose period goal is met, step aside; when
every goal is met the others are offered as extras; a second check-in on a day
that already counts is never asked for. Nothing while he is away.

How the guide knows what it offered before, though reading commands write
nothing: a day's *first suggestion* is defined as what the guide offers at
18:00 from what was logged before 18:00 — a function of the data, so it can be
recomputed at any time. Each call replays the days since a starting point in
order, learning which strategy each day offered first and which action each
strategy stood on; an untyped check-in (space, `done` without `--action`)
counts as the action its strategy stood on that day, so the actions rotate
anyway. A replay must start from what the days before it learned, or its
rotation would drift with the starting day; so every writing command (never a
reading one) saves what the replay knows at the start of its day beside the
streak checkpoints, and later replays start there. Without one — a new or
only-read file — the replay starts REPLAY_DAYS days back. A record of every
suggestion shown instead would need reading commands to write, and would miss
the days she only looked.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Set as AbstractSet
from datetime import UTC, date, datetime, time, tzinfo
from typing import Any, NamedTuple
from zlib import crc32

from ..model.paused import Paused
from ..model.records import CheckIn, Settings, Strategy, Suggestion
from .ideas import Idea, ideas, template_index, template_of
from .need import Need, Periods, assess, full_streak, last_before
from .reasons import Context, reason

REPLAY_DAYS = 28  # how far back a replay starts when no saved start is near enough
REPLAY_MAX = 60  # a saved start older than this is not used
OFFER_HOUR = 18  # the hour at which a day's first suggestion is defined
LAPSE_DAYS = 7  # this long without any check-in, and she is welcomed back
NOTE_DAYS = 28  # a note she wrote this recently may be the reason
KEPT_DAYS = 7  # done on each of the last seven days: a habit she keeps already
FLAT_REST = 60  # an action that fell flat with him rests this long
GREAT_REST = 7  # one that went great comes back first once its week of rest is over


class Recent(NamedTuple):
    """What the guide reads from the store (the store's own sets: read, never changed)."""

    strategies: tuple[Strategy, ...]
    periods: Mapping[str, Periods]  # the periods of the days replayed
    done: Mapping[str, set[int]]  # check-in days (ordinals) of each strategy
    paused: Mapping[str, Paused]  # its skipped days and every away day
    away: Paused
    entries: Mapping[str, Mapping[int, list[CheckIn]]]  # the check-ins of the days replayed and of NOTE_DAYS
    settings: Settings
    zone: tzinfo | None = None  # her time zone, to tell what was done before 18:00
    started: Mapping[str, int] | None = None  # each strategy's first day: its start or an earlier check-in


class Memory:
    """What the replay learned about the days before `day` (changed as the replay walks on)."""

    __slots__ = ("day", "last_done", "last_offered", "last_used", "typed", "went")

    def __init__(self, day: int, last_done: dict[str, int | None], last_offered: dict[str, int] | None = None,
                 last_used: dict[str, dict[str, int]] | None = None, typed: dict[str, dict[str, int]] | None = None):
        self.day = day
        self.last_done = last_done
        self.last_offered = {} if last_offered is None else last_offered  # strategy -> last day it was offered first
        self.last_used = {} if last_used is None else last_used  # strategy -> action -> last day offered
        self.typed = {} if typed is None else typed  # strategy -> action -> last day logged (the data's own)
        self.went: dict[str, dict[str, tuple[int, str]]] = {}  # strategy -> action -> (day, how it last went)

    def last_use(self, key: str, template: str) -> int:
        return max(self.last_used.get(key, {}).get(template, -1), self.typed.get(key, {}).get(template, -1))

    def to_doc(self) -> dict[str, Any]:
        """Plain data to keep in the file (done days are not kept: they are the data's own)."""
        recent = self.day - REPLAY_MAX
        return {"day": self.day, "offered": {k: d for k, d in self.last_offered.items() if d >= recent},
                "used": {k: {a: d for a, d in used.items() if d >= recent} for k, used in self.last_used.items()}}

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Memory | None:
        try:
            memory = cls(int(doc["day"]), {}, {str(k): int(d) for k, d in doc["offered"].items()},
                         {str(k): {str(a): int(d) for a, d in used.items()} for k, used in doc["used"].items()})
        except (KeyError, TypeError, ValueError, AttributeError):  # a cache: when in doubt, replay afresh
            return None
        return memory


class Ranking(NamedTuple):
    needs: list[Need]  # the strategies to offer, most needed first
    welcome: bool  # the first day back: start with a moment
    extra: bool  # every goal is met; these are extras


def first_replayed(today: date, saved: Memory | None) -> int:
    """The first day a replay for `today` walks: the saved start if it is near enough."""
    day = today.toordinal()
    return saved.day if saved and day - REPLAY_MAX <= saved.day <= day else day - REPLAY_DAYS


def suggest(recent: Recent, memory: Memory, *, today: date, hour: int) -> list[Suggestion]:
    """Every suggestion for now, best first: the first action of each strategy, then the second, …

    `memory` is `replay(...)` up to today.
    """
    day = today.toordinal()
    if day in recent.away:
        return []
    ranking = rank(recent, day, memory)
    lists = []
    for position, need in enumerate(ranking.needs):
        key = need.strategy.key
        context = Context(day, hour, recent.settings, welcome=ranking.welcome and position == 0, extra=ranking.extra,
                          streak=full_streak(recent.done[key], recent.paused[key], day - 1) if need.at_risk else 0,
                          note=_last_note(recent.entries[key], day))
        lists.append([_suggestion(need, idea, context)
                      for idea in _ordered(need.strategy, day, hour, recent.settings, memory, ranking.welcome, need)])
    return [lst[i] for i in range(max(map(len, lists), default=0)) for lst in lists if i < len(lst)]


def rank(recent: Recent, day: int, memory: Memory, done_early: set[str] | None = None) -> Ranking:
    """Strategies by need on `day`; with `done_early`, as at 18:00: only those strategies count as done that day."""
    needs = [assess(s, recent.done[s.key], recent.paused[s.key], day, recent.periods[s.key].of(day),
                    last_done=memory.last_done[s.key], last_offered=memory.last_offered.get(s.key),
                    include_today=done_early is None or s.key in done_early,
                    started=recent.started.get(s.key) if recent.started else None)
             for s in recent.strategies if done_early is None or s.since.toordinal() <= day]  # the replay: only what existed
    chosen = [need for need in needs if need.open]
    extra = not chosen
    if extra:
        chosen = [need for need in needs if not (need.done_today or need.paused_today)]
    # Among equals the day decides, so no strategy wins every tie by its place on the board.
    chosen.sort(key=lambda need: (-need.score, crc32(f"{day}:{need.strategy.key}".encode())))
    # A habit she keeps already does not take the day's first suggestion: it goes where she is not going (the
    # panel shows the habit's streak instead). It comes right after, so a streak kept by the list stays kept.
    fresh = [need for need in chosen if not keeps(recent.done[need.strategy.key], day)]
    if fresh and not any(need.done_today for need in needs):  # the day's first: once she did one, all as they rank
        kept = [need for need in chosen if need not in fresh]
        chosen = fresh[:1] + kept + fresh[1:]
    touched = [d for d in memory.last_done.values() if d is not None]
    welcome = day - 1 in recent.away or bool(touched) and max(touched) < day - LAPSE_DAYS
    return Ranking(chosen, welcome, extra)


def keeps(done: AbstractSet[int], day: int) -> bool:
    """Whether she keeps it already: done on each of the KEPT_DAYS days before `day`."""
    return all(each in done for each in range(day - KEPT_DAYS, day))


def replay(recent: Recent, today: int, saved: Memory | None = None) -> Memory:
    """Walk the days from the saved start (or REPLAY_DAYS back) to today, each as it stood at 18:00."""
    start = first_replayed(date.fromordinal(today), saved)
    strategies = {s.key: s for s in recent.strategies}
    memory = Memory(start, {key: last_before(recent.done[key], start) for key in strategies})
    if saved and saved.day == start:
        memory.last_offered = dict(saved.last_offered)
        memory.last_used = {key: dict(used) for key, used in saved.last_used.items()}
    for key in strategies:
        memory.last_used.setdefault(key, {})
        memory.typed[key] = {}
    indexes = {key: template_index(strategy, recent.settings) for key, strategy in strategies.items()}

    def note_typed(day: int, untyped: dict[str, str | None] | None = None) -> None:
        for key in strategies:
            for check_in in recent.entries[key].get(day, ()):
                template = template_of(check_in.action, indexes[key]) if check_in.action else (untyped or {}).get(key)
                if check_in.action and template:
                    memory.typed[key][template] = day
                if check_in.went and template:
                    memory.went.setdefault(key, {})[template] = (day, check_in.went)

    for day in sorted({d for entries in recent.entries.values() for d in entries if d < start}):
        note_typed(day)
    for day in range(start, today):
        stood: dict[str, str | None] = {}  # strategy -> the action it stood on that day

        # Bound to this day's values: the function is used only within this day's round.
        def first_idea(key: str, welcome: bool = False, need: Need | None = None, *,
                       day: int = day, stood: dict[str, str | None] = stood) -> str | None:
            if key not in stood:
                found = _ordered(strategies[key], day, OFFER_HOUR, recent.settings, memory, welcome, need)
                stood[key] = found[0].template if found else None
            return stood[key]

        resting = day in recent.away
        # A check-in without words counts as the action offered at the hour it was logged (at 00:30, with the
        # day starting at 3:00, a late moment), as the list she saw then: the memory as the day began.
        untyped = {} if resting else {key: _offered_at(strategies[key], check_ins, day, recent, memory)
                                      for key, check_ins in ((k, recent.entries[k].get(day, ())) for k in strategies)
                                      if any(not check_in.action for check_in in check_ins)}
        cutoff = datetime.combine(date.fromordinal(day), time(OFFER_HOUR), recent.zone or UTC)
        cutoff_text = cutoff.astimezone(UTC).isoformat(timespec="seconds")
        early = {key for key in strategies if any(c.created < cutoff_text for c in recent.entries[key].get(day, ()))}
        ranking = None if resting else rank(recent, day, memory, early)
        if ranking and ranking.needs:
            key = ranking.needs[0].strategy.key
            memory.last_offered[key] = day
            if template := first_idea(key, ranking.welcome, ranking.needs[0]):
                memory.last_used[key][template] = day
        for key in strategies:
            if recent.entries[key].get(day):
                memory.last_done[key] = day
            if template := untyped.get(key):  # untyped: the action offered then counts as done
                memory.last_used[key][template] = day
        note_typed(day, untyped)
    memory.day = today
    return memory


def _offered_at(strategy: Strategy, check_ins: Iterable[CheckIn], day: int, recent: Recent, memory: Memory) -> str | None:
    """The action first offered for `strategy` when her first check-in without words was logged."""
    logged = next(check_in for check_in in check_ins if not check_in.action)
    try:
        hour = datetime.fromisoformat(logged.created).astimezone(recent.zone or UTC).hour
    except ValueError:  # no time kept (an import): as at the hour the day's suggestion is defined
        hour = OFFER_HOUR
    found = _ordered(strategy, day, hour, recent.settings, memory, False)
    return found[0].template if found else None


def _suggestion(need: Need, idea: Idea, context: Context) -> Suggestion:
    kind, text = reason(need, idea, context)
    return Suggestion(need.strategy.key, idea.text, text, idea.size, kind)


def _ordered(strategy: Strategy, day: int, hour: int, settings: Settings, memory: Memory, welcome: bool,
             need: Need | None = None) -> list[Idea]:
    found = ideas(strategy, day, hour, settings, moments_only=welcome)
    # What he told her through `went`: what fell flat rests, what went great comes back after its week of rest.
    went = memory.went.get(strategy.key, {})
    resting = {template for template, (when, how) in went.items() if how == "flat" and day - when < FLAT_REST}
    found = [idea for idea in found if idea.template not in resting] or found
    back = {template for template, (when, how) in went.items() if how == "great" and GREAT_REST <= day - when
            and memory.last_use(strategy.key, template) <= when}
    # When the period runs out, what counts now comes before planning what comes later.
    urgent = need is not None and need.strategy.cadence.kind != "daily" and 0 < need.days_left <= need.missing
    # Least recently used first; among equals, those about him (what he loves, then his name).
    return sorted(found, key=lambda idea: (urgent and idea.planned, idea.template not in back,
                                           memory.last_use(strategy.key, idea.template), -_personal(idea, settings)))


def _personal(idea: Idea, settings: Settings) -> int:
    return 2 if idea.interest else int(bool(settings.son_name.strip()) and "{name}" in idea.template)


def _last_note(entries: Mapping[int, list[CheckIn]], day: int) -> str:
    """The newest note she wrote for this strategy before today, within the window."""
    for each in sorted((d for d in entries if day - NOTE_DAYS <= d < day), reverse=True):
        for check_in in reversed(entries[each]):
            if check_in.note:
                return check_in.note
    return ""
