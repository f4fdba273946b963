"""An open set of files, as the Store sees it: opening and closing, one change at a time, and what the numbers say.

The Store (store/repository.py) adds the requests that change the data on top:
this class holds the parts and the reads, so that neither file grows past what
one reading takes in. The parts: store/files/reading.py reads and checks the set
of files, store/files/database.py holds it as a TinyDB database with the lock and
the backups, store/files/loaded.py is the records in memory,
store/files/changelog.py writes, undoes and redoes changes, store/files/derived.py
counts streaks and strength from their checkpoints, and store/guide/today.py makes
the suggestions.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, Self, TypeVar, cast

from .errors import DataError, UsageError, WriteError
from .files import layout
from .files.atomic import Identity, identity
from .files.changelog import COMMAND_LINE, ChangeLog
from .files.database import Database, writer_lock
from .files.derived import Derived
from .files.loaded import LoadedRecords, Op
from .files.reading import MODEL_TABLES, SCHEMA_VERSION, new_data, read_set, resolve_path
from .files.storage import WriteLock, remove_stale_temp_files
from .guide.ideas import filled_actions
from .guide.review import Week, review
from .guide.today import Guide
from .model.catalog import upgrade as upgrade_catalog
from .model.days import Clock, SystemClock, check_bounds, local_day
from .model.memo import Memo
from .model.paused import Paused
from .model.records import Change, Run, Settings, Strategy, Streak, Suggestion

if TYPE_CHECKING:
    from .family import Family

S = TypeVar("S", bound="OpenStore")
P = ParamSpec("P")
R = TypeVar("R")


def catching_up(method: Callable[Concatenate[S, P], R]) -> Callable[Concatenate[S, P], R]:
    """For a change: decide and write it as one change (`OpenStore.changing`), on the set as it is now."""

    @wraps(method)
    def change(self: S, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with self.changing():
            return method(self, *args, **kwargs)

    return change


class OpenStore:
    """The parts of one open database and the reads; `Store` is the one to use."""


    def __init__(self, path: Path, data: dict[str, Any], clock: Clock, lock: WriteLock | None, exists: bool,
                 manifest: dict[str, dict[str, Any]] | None = None, version: int = SCHEMA_VERSION, *, lazy: bool = True,
                 seen: Identity | None = None, origin: str = COMMAND_LINE, house: OpenStore | None = None,
                 family: Family | None = None):
        self.path = path
        self.clock = clock
        self.origin = origin  # where her changes are made: the command line, a board, a served page
        self._house = house  # a later child's: the first child's Store, which keeps her settings (store/family.py)
        self._family = family
        self._database = Database(path, data, lock, exists, manifest, version, self.today, lazy=lazy, seen=seen)
        self._memo: Memo = {}  # derived values of today's data; cleared by every change
        stored = data.get("derived", {})  # what an earlier session saved, used if still right
        self._records = LoadedRecords(path, data, self._database, self._memo,
                                      layout.held_from(manifest or {}) if lazy else 0, self._reopen)
        if house is not None:
            self._records.house = lambda: house.own_settings
        self._derived = Derived(self._records, self._database, self._memo, self.today, self.strategy, stored)
        self._guide = Guide(self._records, self._database, self._memo, clock, self.today, stored)
        self._log = ChangeLog(self._database, clock, prepare=lambda ops: self._records.need_for_ops(ops, self.today()),
                              ride_along=self._save_derived, show=self._show, origin=origin)

    # -- opening and closing -------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None, clock: Clock | None = None, *,
             read_only: bool = False, origin: str = COMMAND_LINE, child: str | None = None) -> Self:
        """Open (or prepare to create) the data file: the set of `child` (a name), or of the chosen child.

        Every other window, command and machine may write it too: each change takes the write lock only while
        it is decided and written (`changing`), and `follow` takes in what the others saved. With `read_only`
        nothing is created or written. A missing file is created at the first change. `origin` says where the
        changes are made, for undo to tell. Closing it closes every child's Store opened with it (store/family.py).
        """
        from .family import Family, has_children

        path = resolve_path(path)
        clock = clock or SystemClock()
        if path.parent.exists() and not path.parent.is_dir():
            raise DataError(f"{path} cannot be bondtui data: {path.parent} is a file, not a folder")
        if child is None and not has_children(path):  # one child: his set is the data file, as it always was
            return cls.open_set(path, clock, None if read_only else writer_lock(path), origin=origin)
        family = Family(path, clock, read_only=read_only, origin=origin, kind=cls)
        try:
            return cast(Self, family.store(child))
        except BaseException:
            family.close()
            raise

    @classmethod
    def open_set(cls, path: Path, clock: Clock, lock: WriteLock | None, *, origin: str = COMMAND_LINE,
                 house: OpenStore | None = None, family: Family | None = None) -> Self:
        """Open one child's set at `path`, writing under `lock` (None: to read only)."""
        try:
            exists = path.exists() or path.is_symlink()
            if lock and lock.try_acquire():  # what a killed writer left; never while another one is writing
                try:
                    remove_stale_temp_files(path)
                    if exists:
                        layout.remove_temp_files(path)
                finally:
                    lock.release()
            if not exists:
                return cls(path, new_data(local_day(clock.now())), clock, lock, exists, origin=origin, house=house,
                           family=family)
            # Readers and writers alike read the closed years only when they look at them (a year at a time);
            # a change that reaches a closed year reads and checks its file before anything is written.
            seen = identity(path)  # before the read: a file replaced meanwhile only makes the next look read again
            data, manifest, version = read_set(path, lazy=True)
            return cls(path, upgrade_catalog(data), clock, lock, exists, manifest, version, seen=seen, origin=origin,
                       house=house, family=family)
        except OSError as error:
            raise DataError(f"cannot open {path}: {error.strerror or error}") from None

    @property
    def family(self) -> Family:
        """Every child of this data file (store/family.py); made on first use when only one was opened."""
        if self._family is None:
            from .family import Family

            self._family = Family(self.path, self.clock, read_only=self.read_only, origin=self.origin,
                                  kind=type(self), lock=self._database.lock, first=self)
        return self._family

    @property
    def several(self) -> bool:
        """Whether other children share her day (a child's set in the children folder beside the data file)."""
        return self.family.several

    def close(self) -> None:
        """From now on this copy only reads; with several children, every child's copy opened with it too."""
        if self._family is not None:
            self._family.close()
        else:
            self.close_own()

    def close_own(self) -> None:
        self._database.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def read_only(self) -> bool:
        return self._database.read_only

    def _reopen(self) -> None:
        """Another writer replaced the set since this copy read the main file: read the whole set as it is now."""
        self._read_again(lazy=False)

    @contextmanager
    def changing(self) -> Iterator[None]:
        """One change, decided and written on the set as it is now: the write lock is held for as long as it
        takes (milliseconds), and what another window, command or machine saved is taken in first."""
        if self.read_only or self._database.holding:  # a reader is refused at the write; a change inside a change
            yield
            return
        with self._database.locked():
            self.follow()
            yield

    def follow(self) -> bool:
        """Take in what another window, the command line or a sync tool saved since this copy last read or wrote
        the set (and, for a later child, the first child's, which keeps her settings); True when it changed."""
        changed = self.follow_own()
        if self._house is not None and self._house.follow_own():
            self._memo.clear()
            return True
        return changed

    def follow_own(self) -> bool:
        """Take in what others saved in this set: a look at the file's identity when nothing did (an open board
        asks twice a second); else only the records that changed move the model, unless the year files changed."""
        storage = self._database.storage
        if not storage.replaced():
            return False
        seen = identity(self.path)
        data, manifest, version = read_set(self.path, lazy=True)
        if manifest != storage.manifest or version != SCHEMA_VERSION or not self._database.exists:
            self._read_again(lazy=True, read=(data, manifest, version, seen))
            return True
        ops = storage.take_in(upgrade_catalog(data), seen)
        self._log.followed()
        self._show([op for op in ops if op[0] in MODEL_TABLES])
        return True

    def _read_again(self, *, lazy: bool,
                    read: tuple[dict[str, Any], dict[str, dict[str, Any]], int, Identity | None] | None = None) -> None:
        """Hold the set as it is on disk now: whole, or (`lazy`) as a start reads it, closed years when needed;
        `read` is the set as `read_set` just read it, at the identity last in it."""
        if read is None:
            seen = identity(self.path)
            data, manifest, version = read_set(self.path, lazy=lazy)
        else:
            data, manifest, version, seen = read
        data = upgrade_catalog(data)
        self._database.reopen(data, manifest, lazy=lazy, version=version, seen=seen)
        self._memo.clear()
        self._derived.reset(data.get("derived", {}))
        self._guide.reset(self._derived.stored)
        self._records.load(data, layout.held_from(manifest) if lazy else 0)
        self._log.followed()

    def _tables(self) -> dict[str, Any]:
        """Every table, the closed years included (for export, merge and import)."""
        return self._records.tables()

    # -- writing -------------------------------------------------------------

    def _commit(self, label: str, ops: list[Op], *, undoable: bool = True, stamped: bool = True) -> Change:
        """Write the edits and their undo entry in one atomic write, then show them (see store/files/changelog.py).
        Only inside `changing`, where the edits were decided on the set as it is."""
        if self.read_only:
            raise WriteError("this copy of bondtui was opened to read only; nothing was changed")
        if not self._database.holding:
            raise RuntimeError("a change is written inside Store.changing()")
        if self._database.storage.replaced():  # a sync tool put another file there while this change was decided
            self.follow()
            raise WriteError(f"Nothing was changed: another program (a sync?) replaced {self.path} just now. "
                             "It has been read again: do it again.")
        return self._log.commit(label, ops, undoable=undoable, stamped=stamped)

    def _show(self, ops: list[Op]) -> None:
        """Bring the model and the checkpoints in line with edits that are already on disk."""
        for table, _, before, after in ops:
            self._derived.edited(table, before, after, self._records.apply(table, before, after))
        self._memo.clear()

    def _save_derived(self) -> None:
        """What rides along with each write: the guide's replay and the checkpoints."""
        self._guide.save()
        self._derived.save()

    @catching_up
    def undo(self) -> Change | None:
        """Take back the last change; None when there is nothing to undo. On a later child's board, a change
        of her settings made after his last change is the last change (her settings live in the first child's set)."""
        if self._house is not None and self._house_goes_first("undo"):
            self._memo.clear()
            return self._house.undo()
        return self._log.undo()

    @catching_up
    def redo(self) -> Change | None:
        """Make again the last change undo took back."""
        if self._house is not None and self._house_goes_first("redo"):
            self._memo.clear()
            return self._house.redo()
        return self._log.redo()

    def _house_goes_first(self, stack: str) -> bool:
        """Whether the first child's newest step on `stack` is a change of her settings newer than this child's."""
        from .family import hers_first

        return self._house is not None and hers_first(self._house._log.top(stack), self._log.top(stack))

    # -- days ----------------------------------------------------------------

    @property
    def settings(self) -> Settings:
        """His name, interests and birth month, and her settings (shared by every child's board)."""
        return self._records.settings

    @property
    def own_settings(self) -> Settings:
        """The settings this child's set holds: for a later child, his name, interests and birth month only count."""
        return self._records.own_settings

    def today(self) -> date:
        return local_day(self.clock.now(), self._records.settings.day_start_hour)

    def _check_day(self, day: date | None) -> date:
        today = self.today()
        day = day or today
        if day > today:
            raise UsageError(f"{day.isoformat()} is in the future; only today and earlier days can be logged")
        return check_bounds(day)

    # -- strategies ----------------------------------------------------------

    def strategies(self, *, archived: bool = False) -> list[Strategy]:
        """Strategies in board order; archived ones only when asked."""
        return self._records.ordered(archived=archived)

    def strategy(self, key: str) -> Strategy:
        try:
            return self._records.strategies[key]
        except KeyError:
            valid = ", ".join(s.key for s in self.strategies())
            archived = ", ".join(s.key for s in self.archived_strategies())
            also = f" (archived: {archived})" if archived else ""
            raise UsageError(f"unknown strategy '{key}'; choose one of: {valid}{also}") from None

    def archived_strategies(self) -> list[Strategy]:
        """The strategies she put away, in the order they had on the board."""
        return [s for s in self.strategies(archived=True) if s.archived]

    # -- what the numbers say --------------------------------------------------

    def done_days(self, key: str, year: int | None = None) -> dict[date, list[str]]:
        """The days with a check-in (-> their ids): of one year, or of every year."""
        if year is None:
            self._records.need(0)
            return self._records.done.get(key, {})
        first = date(year, 1, 1)
        self._records.need(first.toordinal())
        by_day = self._records.done.get(key, {})
        days = (first + timedelta(days=n) for n in range((date(year, 12, 31) - first).days + 1))
        return {day: by_day[day] for day in days if day in by_day}

    def count_since(self, key: str, first: date) -> int:
        """Check-ins of the strategy from `first` to today (two in a day count two)."""
        self._records.need(first.toordinal())
        by_day = self._records.done.get(key, {})
        days = (first + timedelta(days=n) for n in range((self.today() - first).days + 1))
        return sum(len(by_day[day]) for day in days if day in by_day)

    def is_away(self, day: date) -> bool:
        """Whether an away period covers the day."""
        return day.toordinal() in self._records.away_days()

    def paused_days(self, key: str) -> Paused:
        """Days the strategy is not expected: its skips and every away period, as ranges."""
        return self._records.paused_days(key)

    def day_states(self, key: str, first: date, last: date) -> dict[date, str]:
        """Each day's look: done, missed, skipped, away, not_due, open, before (not tracked yet), archived
        (after it left the board) or future."""
        return self._derived.day_states(key, first, last)

    def streak(self, key: str) -> Streak:
        return self._derived.streak(key)

    def strength(self, key: str) -> float:
        return self._derived.strength(key)

    def strength_series(self, key: str, first: date, last: date) -> list[float]:
        """Strength on each day first..last, as the board would have shown it that day."""
        return self._derived.strength_series(key, first, last)

    def first_day(self, key: str | None = None) -> date:
        """The first day with anything to show: the earliest check-in or strategy start."""
        return self._derived.first_day(key)

    def runs(self, key: str, year: int) -> list[Run]:
        """Every streak run with a day in `year`, oldest first."""
        return self._derived.runs(key, year)

    def suggestions(self) -> list[Suggestion]:
        """Today's suggestions at this hour, best first; the same list for the same data, day and hour.
        With several children, as her day across them allows (store/family.py)."""
        found = self._guide.suggestions()
        return self.family.fair(self, found) if self.several else found

    def habits_open(self) -> list[str]:
        """The keys of the habits she keeps (done each of the last seven days) still open today, in board order."""
        return self._guide.kept_open()

    def week_review(self, first: date) -> Week:
        """The week first..first+6 in words (store/guide/review.py): counts, his words, what went great, a reading."""
        self._records.need(first.toordinal())
        last = first + timedelta(days=6)
        days = [first + timedelta(days=n) for n in range(7)]  # its days only, not every check-in held
        week = [self._records.check_ins[i] for by_day in self._records.done.values() for day in days
                for i in by_day.get(day, ())]
        next_week = (last + timedelta(days=1)).toordinal()

        def next_action(key: str) -> str:
            found = filled_actions(self._records.strategies[key], self.settings, next_week)
            return found[0] if found else ""

        return review(first, self.strategies(archived=True), week, self.paused_days, self.first_day, next_action)
