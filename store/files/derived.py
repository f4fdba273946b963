"""The derived numbers: streaks and strength, with the checkpoints that spare recounting the years.

Ten years of check-ins take a while to sum; the sums up to a few weeks ago rarely
change. The checkpoints ride along with each write (never a write of their own)
in the "derived" table, with a fingerprint of every input before their cut, and
are used at the next start only if that fingerprint still matches. So a start
reads only the main file, and the closed years only when something looks at them.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date
from typing import Any, NamedTuple
from zlib import crc32

from ..model.memo import Memo, remembered
from ..model.records import Run, Strategy, Streak
from ..model.streaks import Checkpoint, day_states, streak_of
from ..model.strength import State, series_of, state_at, strength_of
from .database import Database
from .layout import day_sum
from .loaded import LoadedRecords


class YearStart(NamedTuple):
    """What the history of a year needs from the year before: the strength on 31 December (Loop's score
    and the shown one), and the check-in and skipped days (ordinals) from `start` on, enough for the
    periods and sums that reach back."""

    score: float
    shown: float
    start: int
    done: frozenset[int]
    skipped: frozenset[int]


# What a checkpoint holds, by its kind: "streak" a Checkpoint, "strength" a State, "year" a YearStart.
Held = Checkpoint | State | YearStart


def reach_of(strategy: Strategy) -> int:
    """How many days before a checkpoint the streak and strength sums look (twice the longest window)."""
    cadence = strategy.cadence
    return 62 + 2 * (cadence.count if cadence.kind == "every" else 7)


class Derived:
    """Streaks, strength and the board's day states of the records, counted from checkpoints where they hold.

    `strategy(key)` is the Store's lookup: an unknown key is a UsageError naming the choices.
    """

    def __init__(self, records: LoadedRecords, database: Database, memo: Memo, today: Callable[[], date],
                 strategy: Callable[[str], Strategy], stored: dict[str, Any]):
        self._records = records
        self._database = database
        self._memo = memo  # shared with the Store: cleared by every change
        self._today = today
        self._strategy = strategy
        self.checkpoints: dict[tuple[str, str], tuple[int, Held]] = {}  # (kind, key) -> (cut, state)
        self.stored = stored  # checkpoints an earlier session saved, used if still right
        self.persisted: dict[tuple[str, str], Held] = {}

    def reset(self, stored: dict[str, Any]) -> None:
        """Forget every checkpoint held; `stored` are the ones the set now holds."""
        self.checkpoints.clear()
        self.persisted.clear()
        self.stored = stored

    # -- checkpoints kept in the file ----------------------------------------------

    def basis(self, key: str, cut: int) -> int:
        """A fingerprint of every input before `cut`, the same whether the year files are read or not."""
        strategy = self._records.strategies[key]
        away = tuple(sorted((start, min(end, cut - 1)) for start, end in self._records.away_ranges() if start < cut))
        return hash((crc32(str(strategy.cadence).encode()), strategy.since.toordinal(), self._records.settings.week_start,
                     self._days_before(key, cut), hash(away)))

    def _streak_checkpoint(self, key: str) -> Checkpoint | None:
        held = self._checkpoint("streak", key)
        return held if isinstance(held, Checkpoint) else None

    def _strength_checkpoint(self, key: str) -> State | None:
        held = self._checkpoint("strength", key)
        return held if held is not None and not isinstance(held, Checkpoint | YearStart) else None

    def _checkpoint(self, kind: str, key: str) -> Held | None:
        held = self.checkpoints.get((kind, key))
        if held:
            return held[1]
        doc = self.stored.get(key, {}).get(kind)
        try:
            if doc:
                self._records.need(doc["cut"] - reach_of(self._records.strategies[key]))
            if not doc or doc["basis"] != self.basis(key, doc["cut"]):
                return None
            checkpoint: Held
            if kind == "streak":
                runs = tuple((a, b, n) for a, b, n in doc["runs"])
                if not all(type(value) is int for run in runs for value in run):
                    raise TypeError("a run is not three day numbers")
                checkpoint = Checkpoint(doc["cut"], runs, doc["count"], doc["kept"], doc["since"], doc["first"],
                                        doc["start"], doc["end"], doc["length"])
            else:
                checkpoint = (doc["day"], float(doc["score"]), float(doc["shown"]))
        except (KeyError, TypeError, ValueError):  # a cache: when in doubt, count afresh
            return None
        self.checkpoints[(kind, key)] = (doc["cut"], checkpoint)
        self.persisted[(kind, key)] = checkpoint
        return checkpoint

    def _year_start(self, key: str) -> YearStart | None:
        """What this year's history needs from before 1 January, or None when it is neither saved nor read.

        Kept in the file like the checkpoints, with a fingerprint of every day before
        1 January; counted afresh only from days already read (never a reason to read).
        """
        cut = date(self._today().year, 1, 1).toordinal()
        held = self.checkpoints.get(("year", key))
        if held and held[0] == cut and isinstance(held[1], YearStart):
            return held[1]
        reach = cut - reach_of(self._records.strategies[key])
        doc = self.stored.get(key, {}).get("year")
        try:
            if doc and doc["cut"] == cut and doc["start"] <= reach and doc["basis"] == self.basis(key, cut):
                start, done, skipped = doc["start"], frozenset(doc["done"]), frozenset(doc["skipped"])
                if not all(type(day) is int and start <= day < cut for day in done | skipped):
                    raise TypeError("a day is not a day number before 1 January")
                year_start = YearStart(float(doc["score"]), float(doc["shown"]), start, done, skipped)
                self.checkpoints[("year", key)] = (cut, year_start)
                self.persisted[("year", key)] = year_start
                return year_start
        except (KeyError, TypeError, ValueError):  # a cache: when in doubt, count afresh
            pass
        strength = self.checkpoints.get(("strength", key))
        resume = None  # early in January: the sum before 1 January
        if strength and not isinstance(strength[1], Checkpoint | YearStart) and strength[1][0] < cut - 1:
            resume = strength[1]
        if reach < self._records.loaded_from or (resume is None and self._records.loaded_from):
            return None
        cadence, done_days = self._records.strategies[key].cadence, self._records.done_ordinals[key]
        _, score, shown = state_at(cadence, done_days, self._records.paused_days(key), cut - 1, resume)
        skipped_days = self._records.skipped.get(key, {})
        state = YearStart(score, shown, reach, frozenset(d for d in range(reach, cut) if d in done_days),
                          frozenset(d for d in range(reach, cut) if date.fromordinal(d) in skipped_days))
        self.checkpoints[("year", key)] = (cut, state)
        return state

    def save(self) -> None:
        """Add the checkpoints that changed to the write in progress (never a write of their own)."""
        # What the board, `today` and this year's history show (archived strategies' too): a reader then needs no
        # closed year. The year start is counted only if the days before 1 January are read already.
        for strategy in self._records.ordered(archived=True):
            for kind in ("streak", "strength"):
                if (kind, strategy.key) not in self.checkpoints:
                    getattr(self, kind)(strategy.key)
            self._year_start(strategy.key)
        for (kind, key), (cut, checkpoint) in list(self.checkpoints.items()):
            if self.persisted.get((kind, key)) == checkpoint or key not in self._records.strategies:
                continue
            doc: dict[str, Any] = {"cut": cut, "basis": self.basis(key, cut)}
            if isinstance(checkpoint, Checkpoint):
                doc.update(runs=[list(run) for run in checkpoint.runs], count=checkpoint.count, kept=checkpoint.kept,
                           since=checkpoint.since, first=checkpoint.first, start=checkpoint.start, end=checkpoint.end,
                           length=checkpoint.length)
            elif isinstance(checkpoint, YearStart):
                doc.update(score=checkpoint.score, shown=checkpoint.shown, start=checkpoint.start,
                           done=sorted(checkpoint.done),
                           skipped=sorted(checkpoint.skipped))
            else:
                doc.update(day=checkpoint[0], score=checkpoint[1], shown=checkpoint[2])
            record = dict(self._database.get("derived", key) or {"id": key})
            record[kind] = doc
            self._database.put("derived", key, record)
            self.persisted[(kind, key)] = checkpoint

    def _days_before(self, key: str, cut: int) -> int:
        """A fingerprint of the strategy's done and skipped days before `cut`, the same whatever is read.

        The sums of the year files not read, plus those of the days in memory; the
        year files not read hold only days before the year of the days read.
        """
        cut_year = date.fromordinal(cut).year
        if cut != date(cut_year, 1, 1).toordinal():
            self._records.need(cut)  # the file of the cut's year holds days on both sides of it
        if older := [year for year, entry in self._database.storage.manifest.items() if "sums" not in entry]:
            self._records.need(date(int(min(older)), 1, 1).toordinal())  # an older bondtui's files: summed once read

        def days_before() -> int:  # a file not read that starts on or after the cut holds no day before it
            total: int = sum(entry["sums"].get(key, 0) for year, entry in self._database.storage.manifest.items()
                        if year not in self._database.storage.read_years and date(int(year), 1, 1).toordinal() < cut)
            skipped = (day.toordinal() for day in self._records.skipped.get(key, {}))
            for column, days in enumerate((self._records.done_ordinals[key], skipped)):
                total += day_sum((day for day in days if day < cut), column)
            return total % 2**64

        return remembered(self._memo, ("before", key, cut), days_before)

    def day_states(self, key: str, first: date, last: date) -> dict[date, str]:
        """Each day's look on the board: done, missed, skipped, away, not_due, open or future."""
        strategy = self._strategy(key)
        before = self._looking_back(key, first.toordinal())  # this year's start, when the closed years are not read
        done: Collection[date] = self._records.done.get(key, {})
        skipped: Collection[date] = self._records.skipped.get(key, {})
        if before:
            done = {*done, *map(date.fromordinal, before.done)}
            skipped = {*skipped, *map(date.fromordinal, before.skipped)}
        return day_states(strategy.cadence, done, skipped, self._records.away_days(), self._today(), first, last,
                          self._records.settings.week_start, strategy.since, self.first_day(key), self.archived_on(key))

    def archived_on(self, key: str) -> date | None:
        """The day an archived strategy left the board; for one archived before that was kept, the day of its
        last check-in (or its start)."""
        strategy = self._strategy(key)
        if not strategy.archived:
            return None
        if strategy.archived_on:
            return strategy.archived_on
        self._records.need(0)
        days = self._records.done_ordinals[key]
        return date.fromordinal(max(days)) if days else strategy.since

    def _looking_back(self, key: str, day: int) -> YearStart | None:
        """Read what the sums from `day` (an ordinal) on look back at; when `day` is in this year
        and the year's start is saved, that is enough of the closed years (returned, then)."""
        start = day - reach_of(self._records.strategies[key])
        year_start = date(self._today().year, 1, 1).toordinal()
        if start < self._records.loaded_from and day >= year_start and (before := self._year_start(key)):
            self._records.need(year_start)
            if start < self._records.loaded_from:
                return before
        self._records.need(start)
        return None

    def streak(self, key: str) -> Streak:
        today = self._today()

        def count() -> Streak:
            strategy = self._strategy(key)
            self._need_checkpoint("streak", key)
            streak, checkpoint = streak_of(strategy.cadence, self._records.done_ordinals[key],
                                           self._records.paused_days(key), today.toordinal(),
                                           self._records.settings.week_start, strategy.since,
                                           self._streak_checkpoint(key))
            self.checkpoints[("streak", key)] = (checkpoint.cut, checkpoint)
            return streak

        return remembered(self._memo, ("streak", key, today), count)

    def strength(self, key: str) -> float:
        today = self._today()

        def count() -> float:
            self._need_checkpoint("strength", key)
            score, checkpoint = strength_of(self._strategy(key).cadence, self._records.done_ordinals[key],
                                            self._records.paused_days(key), today.toordinal(),
                                            self._strength_checkpoint(key))
            self.checkpoints[("strength", key)] = (checkpoint[0] + 1, checkpoint)
            return score

        return remembered(self._memo, ("strength", key, today), count)

    def _need_checkpoint(self, kind: str, key: str) -> None:
        """The sums start at a checkpoint whose inputs are all read, or else at the first check-in."""
        self._checkpoint(kind, key)
        held = self.checkpoints.get((kind, key))
        self._records.need(held[0] - reach_of(self._records.strategies[key]) if held else 0)

    def strength_series(self, key: str, first: date, last: date) -> list[float]:
        """Strength on each day first..last, as the board would have shown it that day.

        From this year's start when `first` is in this year and it is saved, else from the first check-in.
        """
        cadence = self._strategy(key).cadence
        done, resume = self._records.done_ordinals[key], None
        year_start = date(self._today().year, 1, 1).toordinal()
        if first.toordinal() >= year_start and (before := self._year_start(key)):
            self._records.need(year_start)
            done, resume = done | before.done, (year_start - 1, before.score, before.shown)
        else:
            self._records.need(0)
        return series_of(cadence, {day for day in done if day <= last.toordinal()}, self._records.paused_days(key),
                         first.toordinal(), last.toordinal(), resume)

    def first_day(self, key: str | None = None) -> date:
        """The first day with anything to show: the earliest check-in or strategy start."""
        strategies = [self._strategy(key)] if key else self._records.ordered()
        starts = [s.since for s in strategies] + [self._first_check_in(s.key) or self._today() for s in strategies]
        return min(starts, default=self._today())

    def _first_check_in(self, key: str) -> date | None:
        """The first check-in day: the streak's checkpoint knows it when it came before the cut."""
        self.streak(key)  # reads every day after its checkpoint's cut
        held = self.checkpoints.get(("streak", key))
        if held and isinstance(held[1], Checkpoint) and held[1].first:
            return date.fromordinal(held[1].first)
        days = self._records.done_ordinals[key]
        return date.fromordinal(min(days)) if days else None

    def runs(self, key: str, year: int) -> list[Run]:
        """Every streak run with a day in `year`, oldest first (a closed year is counted from the first check-in)."""
        streak = self.streak(key)
        if year < self._today().year:
            strategy, today = self._strategy(key), self._today()
            self._records.need(0)
            streak = streak_of(strategy.cadence, self._records.done_ordinals[key], self._records.paused_days(key),
                               today.toordinal(), self._records.settings.week_start, strategy.since,
                               since=date(year, 1, 1).toordinal())[0]
        return [run for run in streak.runs if run.start.year <= year <= run.end.year]

    def _forget(self, held: tuple[str, str]) -> None:
        """Drop a checkpoint that a change made wrong; the next one is saved even if it looks the same."""
        self.checkpoints.pop(held, None)
        self.persisted.pop(held, None)

    def _changed(self, key: str, day: date) -> None:
        """Forget the checkpoints of `key` that a change on `day` makes wrong."""
        ordinal = day.toordinal()
        for kind in ("streak", "strength", "year"):
            saved = self.checkpoints.get((kind, key))
            if saved and ordinal < saved[0]:
                self._forget((kind, key))

    def edited(self, table: str, before: dict[str, Any] | None, after: dict[str, Any] | None,
               days: list[tuple[str, date]]) -> None:
        """Forget the checkpoints one record edit makes wrong; `days` are the (strategy, day) it changed."""
        if table == "strategies":
            if not (before and after and all(before[f] == after[f] for f in ("cadence", "since"))):
                for kind in ("streak", "strength", "year"):  # a new rule for this one: its sums start afresh
                    self._forget((kind, (before or after or {})["key"]))
        elif table in ("away", "settings"):
            for held in list(self.checkpoints):  # away days, week start: start every sum afresh
                self._forget(held)
        for key, day in days:
            self._changed(key, day)
