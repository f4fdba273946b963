"""Streaks in the cadence's natural unit.

A period is *done* when it holds its target of check-in days. Skipped and away
days lower the target in proportion (a week with three days away asks for
ceil(n * 4 / 7)); a period whose target falls to zero is *frozen*: it neither
counts nor breaks a streak. The period in progress is never a miss. Check-ins
after today are ignored.

Days are handled as ordinals (plain ints) inside: ten years of periods are
walked on every refresh, and int arithmetic is several times faster than dates.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from enum import Enum
from typing import NamedTuple

from .cadence import Cadence
from .paused import Paused
from .records import Run, Streak


class Status(Enum):
    DONE = "done"
    MISSED = "missed"
    FROZEN = "frozen"  # every day of it skipped or away
    PENDING = "pending"  # in progress and not done yet


def ordinals(days: Collection[date], last: date | None = None) -> set[int]:
    """Days as ordinals, leaving out those after `last`."""
    if last is None:
        return {day.toordinal() for day in days}
    end = last.toordinal()
    return {o for o in map(date.toordinal, days) if o <= end}


SETTLED_DAYS = 14  # periods that ended this long ago are folded into a checkpoint


def _tally(start: int, end: int, target: int, done: set[int], paused: Paused, now: int) -> tuple[int, int, int, int]:
    """(check-in days, lowered target, first and last check-in day) of one period."""
    hits = available = 0
    first = last = 0
    for day in range(start, end + 1):
        if day <= now and day in done:
            if not hits:
                first = day
            hits += 1
            available += 1
            last = day
        elif day not in paused:
            available += 1
    return hits, -(-target * available // (end - start + 1)), first, last


RUNS_KEPT = 40  # runs kept by each measure of length: as many as the history screen lists

# A run inside the engine: (first check-in day, last check-in day, periods) as ordinals.
RunTuple = tuple[int, int, int]


def _by_periods(run: RunTuple) -> tuple[int, int, int]:
    return -run[2], run[0] - run[1], run[0]


def _by_days(run: RunTuple) -> tuple[int, int, int]:
    return run[0] - run[1], -run[2], run[0]


def kept_runs(runs: Collection[RunTuple], since: int, kept: int | None = None) -> list[RunTuple]:
    """The runs worth remembering, oldest first: the `kept` longest in periods, the `kept`
    longest in days covered (the history lists either), and every run ending on or after `since`.

    Keeping the same of a part and then of the rest keeps the same as of the whole,
    so a checkpoint's runs stay bounded however long the history.
    """
    kept = RUNS_KEPT if kept is None else max(1, kept)  # the best run at least
    if len(runs) <= kept:
        return sorted(runs)
    chosen = set(sorted(runs, key=_by_periods)[:kept]) | set(sorted(runs, key=_by_days)[:kept])
    chosen.update(run for run in runs if run[1] >= since)
    return sorted(chosen)


_RUNS: dict[RunTuple, Run] = {}  # the same runs come back at every refresh: each made once


def _as_run(run: RunTuple) -> Run:
    found = _RUNS.get(run)
    if found is None:
        if len(_RUNS) >= 50_000:  # a bound, not a policy: a long session of edits starts afresh
            _RUNS.clear()
        found = _RUNS[run] = Run(date.fromordinal(run[0]), date.fromordinal(run[1]), run[2])
    return found


class Checkpoint(NamedTuple):
    """The streak engine's state after every period before `cut` (a period start).

    Periods that ended long ago do not change unless a day before `cut` does, so
    the next computation can start here instead of at the first check-in. Of the
    runs before `cut` it holds only those `kept_runs` keeps (every one ending on or
    after `since`), and how many there were.
    """

    cut: int
    runs: tuple[RunTuple, ...]
    count: int  # type: ignore[assignment]  # a field, not tuple.count
    kept: int  # how many longest runs it keeps by each measure
    since: int
    first: int  # the first check-in day (ordinal), 0 when none came before `cut`
    start: int
    end: int
    length: int


def year_start(now: int) -> int:
    """1 January of the year holding day `now` (ordinals): runs from then on are all kept."""
    return date(date.fromordinal(now).year, 1, 1).toordinal()


def compute_streak(
    cadence: Cadence,
    done: Collection[date],
    paused: Paused | Collection[date],
    today: date,
    week_start: int = 0,
    anchor: date | None = None,
    kept: int | None = None,
) -> Streak:
    """Current and best streak, the runs worth showing, and how the period in progress stands."""
    return streak_of(cadence, ordinals(done, today), Paused.of(paused), today.toordinal(), week_start, anchor,
                     kept=kept)[0]


def streak_of(
    cadence: Cadence,
    done: set[int],
    paused: Paused,
    now: int,
    week_start: int = 0,
    anchor: date | None = None,
    resume: Checkpoint | None = None,
    since: int | None = None,
    kept: int | None = None,
) -> tuple[Streak, Checkpoint]:
    """`compute_streak` on day ordinals, from a checkpoint when there is one; returns a new checkpoint.

    Every run ending on or after `since` (default: 1 January of `now`'s year) is kept.
    """
    since = year_start(now) if since is None else since
    kept = RUNS_KEPT if kept is None else max(1, kept)
    if resume is not None and resume.cut <= now and resume.since <= since and resume.kept == kept:
        bounds = cadence.bounds(resume.cut, now, week_start, anchor)
        runs, count, first = list(resume.runs), resume.count, resume.first
        start, end, length = resume.start, resume.end, resume.length
    else:
        origin = min((day for day in done if day <= now), default=now)
        bounds = cadence.bounds(origin, now, week_start, anchor)
        runs, count, first, start, end, length = [], 0, 0, 0, 0, 0
    target, single_days = cadence.target, cadence.kind == "daily"
    settled = now - SETTLED_DAYS
    checkpoint = None
    status, hits, lowered = Status.PENDING, 0, 0
    for begin, finish in bounds:
        if checkpoint is None and finish >= settled:
            if resume is None or len(runs) > len(resume.runs) or since != resume.since:  # else kept already
                runs = kept_runs(runs, since, kept)
            checkpoint = Checkpoint(begin, tuple(runs), count, kept, since, first, start, end, length)
        if single_days:  # the common case, without the general tally's loop
            hit = begin <= now and begin in done
            hits, lowered, first_hit, last_hit = hit, int(hit or begin not in paused), begin, begin
        else:
            hits, lowered, first_hit, last_hit = _tally(begin, finish, target, done, paused, now)
        if hits and not first:
            first = first_hit
        if lowered == 0:
            status = Status.FROZEN
        elif hits >= lowered:
            status = Status.DONE
            start = start or first_hit
            end, length = last_hit, length + 1
        elif finish >= now:
            status = Status.PENDING
        else:
            status = Status.MISSED
            if length:
                runs.append((start, end, length))
                count += 1
                start = length = 0
    if length:
        runs.append((start, end, length))
        count += 1

    begin, finish = bounds[-1]
    days_left = sum(1 for day in range(now, finish + 1) if day not in paused and day not in done)
    runs = kept_runs(runs, since, kept)
    streak = Streak(
        unit=cadence.unit,
        current=length,
        best=max((run[2] for run in runs), default=0),
        runs=tuple(map(_as_run, runs)),
        at_risk=length > 0 and status is Status.PENDING,
        period_done=hits,
        period_target=lowered,
        days_left=days_left,
        run_count=count,
    )
    return streak, checkpoint or Checkpoint(bounds[0][0], (), 0, kept, since, 0, 0, 0, 0)


def day_states(
    cadence: Cadence,
    done: Collection[date],
    skipped: Collection[date],
    away: Paused | Collection[date],
    today: date,
    first: date,
    last: date,
    week_start: int = 0,
    anchor: date | None = None,
    tracked: date | None = None,
    archived: date | None = None,
) -> dict[date, str]:
    """What each day first..last looks like on the board.

    done, skipped, away, future, before (the strategy was not tracked yet: before
    `tracked`, by default the earlier of `anchor` and the first check-in);
    otherwise it depends on the day's period: missed (the period ended short),
    not_due (the period was met without this day), open (in progress); archived
    after the day `archived` (it left the board then: nothing was owed).
    """
    now = today.toordinal()
    away = Paused.of(away)
    done_days, skipped_days = ordinals(done, today), ordinals(skipped)
    paused_days = Paused.make(skipped_days | away, away.ranges())
    start, end = first.toordinal(), last.toordinal()
    # Tracked since the strategy was added, or since the first check-in backfilled before that.
    since = tracked.toordinal() if tracked else min(anchor.toordinal() if anchor else start, min(done_days, default=now))
    states: dict[date, str] = {}
    for begin, finish in cadence.bounds(start, min(end, now), week_start, anchor):
        hits, lowered, _, _ = _tally(begin, finish, cadence.target, done_days, paused_days, now)
        if lowered and hits >= lowered:
            idle = "not_due"
        elif finish >= now:
            idle = "open"
        else:
            idle = "missed"
        for day in range(max(begin, start), min(finish, end) + 1):
            if day in done_days:
                state = "done"
            elif day > now:
                state = "future"
            elif day in skipped_days:
                state = "skipped"
            elif day in away:
                state = "away"
            elif day < since:
                state = "before"
            elif archived is not None and day > archived.toordinal():
                state = "archived"
            else:
                state = idle
            states[date.fromordinal(day)] = state
    for day in range(max(start, now + 1), end + 1):
        states[date.fromordinal(day)] = "future"
    return states
