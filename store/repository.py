"""The Store: everything bondtui knows, behind the one object that tui/ and the command line talk to.

Reads come from an in-memory model built once at open. Every change is one
undoable step: a list of record edits written to disk in a single atomic write
together with its undo entry, and only then applied to the model. So a change is
on disk before anyone can see it, and a failed write changes nothing.

This module checks each request and turns it into record edits; the parts do the
rest: store/files/reading.py reads and checks the set of files, store/files/database.py holds it
as a TinyDB database with the lock and the backups, store/files/loaded.py is the model,
store/files/changelog.py writes, undoes and redoes changes, store/files/derived.py counts
streaks and strength from their checkpoints, store/guide/today.py makes the suggestions,
and store/model/rules.py says what a key, title, action or setting may be.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable
from datetime import date, timedelta, timezone
from pathlib import Path

from .files import converters as conv
from .files.reading import SCHEMA_VERSION, new_data, read_set, resolve_path
from .files import layout
from .model import rules
from .model.cadence import Cadence
from .model.catalog import upgrade as upgrade_catalog
from .files.changelog import ChangeLog
from .files.database import Database, take_lock
from .model.days import Clock, SystemClock, check_bounds, local_day
from .files.derived import Derived
from .errors import DataError, UsageError
from .guide.today import Guide
from .guide.ideas import filled_actions, filled_text
from .model.records import Away, Change, CheckIn, Run, Settings, Skip, Strategy, Streak, Suggestion, replace
from .model.paused import Paused
from .files.loaded import Op, Records
from .files.storage import WriteLock, remove_stale_temp_files


class Store:
    """Open with `Store.open(path, clock)`; close when done (or use it as a context manager)."""

    def __init__(self, path: Path, data: dict, clock: Clock, lock: WriteLock | None, exists: bool,
                 manifest: dict[str, dict] | None = None, version: int = SCHEMA_VERSION, *, lazy: bool = True):
        self.path = path
        self.clock = clock
        self._database = Database(path, data, lock, exists, manifest, version, self.today, lazy=lazy)
        self._memo: dict = {}  # derived values of today's data; cleared by every change
        stored = data.get("derived", {})  # what an earlier session saved, used if still right
        self._records = Records(path, data, self._database, self._memo,
                                layout.held_from(manifest or {}) if lazy else 0, self._reopen)
        self._derived = Derived(self._records, self._database, self._memo, self.today, self.strategy, stored)
        self._guide = Guide(self._records, self._database, self._memo, clock, self.today, stored)
        self._log = ChangeLog(self._database, clock, prepare=lambda ops: self._records.need_for_ops(ops, self.today()),
                              ride_along=self._save_derived, show=self._show)

    # -- opening and closing -------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike | None = None, clock: Clock | None = None, *,
             read_only_ok: bool = False, read_only: bool = False) -> Store:
        """Open (or prepare to create) the data file, holding the write lock.

        With `read_only` nothing is created and no lock is taken: a reader sees the
        file as the last save left it, or the defaults when there is none. With
        `read_only_ok`, a file another bondtui holds is opened for reading only.
        A missing file is created at the first change, not before.
        """
        path = resolve_path(path)
        clock = clock or SystemClock()
        if path.parent.exists() and not path.parent.is_dir():
            raise DataError(f"{path} cannot be bondtui data: {path.parent} is a file, not a folder")
        lock = None if read_only else take_lock(path, read_only_ok)
        try:
            if lock:
                remove_stale_temp_files(path)
            exists = path.exists() or path.is_symlink()
            if not exists:
                return cls(path, new_data(local_day(clock.now())), clock, lock, exists)
            # Readers and writers alike read the closed years only when they look at them (a year at a time);
            # a change that reaches a closed year reads and checks its file before anything is written.
            data, manifest, version = read_set(path, lazy=True)
            if lock:
                layout.remove_temp_files(path)  # what a killed writer left; unnamed year files wait for a saved change
            return cls(path, upgrade_catalog(data), clock, lock, exists, manifest, version)
        except BaseException as error:
            if lock:
                lock.release()
            if isinstance(error, OSError):
                raise DataError(f"cannot open {path}: {error.strerror or error}") from None
            raise

    def close(self) -> None:
        self._database.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def read_only(self) -> bool:
        return self._database.read_only

    def _reopen(self) -> None:
        """A writer replaced the set since this reader read the main file: read the whole set as it is now."""
        data, manifest, _ = read_set(self.path)
        data = upgrade_catalog(data)
        self._database.reopen(data, manifest)
        self._memo.clear()
        self._derived.reset(data.get("derived", {}))
        self._guide.reset(self._derived.stored)
        self._records.load(data, 0)

    def _tables(self) -> dict:
        """Every table, the closed years included (for export, merge and import)."""
        return self._records.tables()

    # -- writing -------------------------------------------------------------

    def _commit(self, label: str, ops: list[Op], *, undoable: bool = True, stamped: bool = True) -> Change:
        """Write the edits and their undo entry in one atomic write, then show them (see store/files/changelog.py)."""
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

    def undo(self) -> Change | None:
        """Take back the last change; None when there is nothing to undo."""
        return self._log.undo()

    def redo(self) -> Change | None:
        """Make again the last change undo took back."""
        return self._log.redo()

    # -- days ----------------------------------------------------------------

    @property
    def settings(self) -> Settings:
        return self._records.settings

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

    def new_key(self, title: str) -> str:
        """A short lowercase key made from a title, unused by any strategy: "Read together" -> "read-together"."""
        return rules.new_key(title, self._records.strategies)

    def add_strategy(self, key: str, title: str, cadence: str, summary: str = "", actions: Iterable[str] = (),
                     sizes: dict[str, str] | None = None) -> Strategy:
        """A new strategy at the bottom of the board; `sizes` maps action text to a size (absent: moment)."""
        key = rules.valid_key(key)
        if key in self._records.strategies:
            clash = self._records.strategies[key]
            where = " (archived)" if clash.archived else ""
            raise UsageError(f"there is already a strategy '{key}'{where}: {clash.title}; choose another key")
        actions = rules.valid_actions(actions)
        strategy = Strategy(key, rules.valid_title(title), summary.strip(), Cadence.parse(cadence), actions,
                            max((s.position for s in self._records.strategies.values()), default=-1) + 1, self.today(),
                            sizes=rules.valid_sizes(sizes or {}, actions))
        self._commit(f"new strategy {strategy.title}", [("strategies", key, None, conv.strategy_to_doc(strategy))])
        return strategy

    def update_strategy(self, key: str, **changes) -> Strategy:
        """Change title, summary, cadence (a spec), actions or sizes; every check-in stays.

        A new cadence re-reads the whole history under the new rule. Sizes of
        actions that remain are kept unless `sizes` is given.
        """
        unknown = set(changes) - set(rules.STRATEGY_FIELDS)
        if unknown:
            raise TypeError(f"update_strategy() takes {', '.join(rules.STRATEGY_FIELDS)}, not {', '.join(sorted(unknown))}")
        old = self.strategy(key)
        if "title" in changes:
            changes["title"] = rules.valid_title(changes["title"])
        if "summary" in changes:
            changes["summary"] = str(changes["summary"]).strip()
        if "cadence" in changes:
            changes["cadence"] = Cadence.parse(changes["cadence"])
        actions = rules.valid_actions(changes["actions"]) if "actions" in changes else old.actions
        changes["actions"] = actions
        changes["sizes"] = rules.valid_sizes(changes.get("sizes", old.sizes), actions)
        new = replace(old, **changes)
        return self._replace_strategy(old, new, f"edit of {new.title}")

    def _replace_strategy(self, old: Strategy, new: Strategy, label: str) -> Strategy:
        before, after = conv.strategy_to_doc(old), conv.strategy_to_doc(new)
        if before != after:  # nothing changed: no empty step to undo
            self._commit(label, [("strategies", old.key, before, after)])
        return new

    def move_strategy(self, key: str, to: int | str) -> Strategy:
        """Put an active strategy at place `to` (0-based) of the board, or one place "up" or "down".

        Archived strategies keep their places, so a restored one comes back where it was.
        """
        strategy = self._active(key)
        board = self.strategies()
        at = board.index(strategy)
        if to in ("up", "down"):
            to = max(0, min(len(board) - 1, at + (1 if to == "down" else -1)))
        if isinstance(to, bool) or not isinstance(to, int) or not 0 <= to < len(board):
            raise UsageError(f"place {to} is not on the board; choose 0 to {len(board) - 1}, up or down")
        if to == at:
            return strategy
        board.insert(to, board.pop(at))
        everything = self.strategies(archived=True)
        active = iter(board)
        ordered = [next(active) if not s.archived else s for s in everything]
        ops = [("strategies", s.key, conv.strategy_to_doc(s), conv.strategy_to_doc(replace(s, position=place)))
               for place, s in enumerate(ordered) if s.position != place]
        self._commit(f"move of {strategy.title}", ops)
        return self._records.strategies[key]

    def archive_strategy(self, key: str) -> Strategy:
        """Take a strategy off the board, `today` and `streaks`; its history stays."""
        old = self.strategy(key)
        return self._replace_strategy(old, replace(old, archived=True, archived_on=self.today()), f"archive of {old.title}")

    def restore_strategy(self, key: str) -> Strategy:
        """Bring an archived strategy back to its place on the board, with every check-in."""
        old = self.strategy(key)
        return self._replace_strategy(old, replace(old, archived=False, archived_on=None), f"restore of {old.title}")

    def delete_strategy(self, key: str) -> Strategy:
        """Remove a strategy with all its check-ins and skips, as one step that undo brings back whole."""
        strategy = self.strategy(key)
        self._records.load_past()
        ops: list[Op] = [("checkins", c.id, conv.check_in_to_doc(c), None) for c in self.check_ins(key)]
        ops += [("skips", skip_id, conv.skip_to_doc(self._records.skips[skip_id]), None)
                for skip_id in self._records.skipped.get(key, {}).values()]
        ops.append(("strategies", key, conv.strategy_to_doc(strategy), None))
        self._commit(f"deletion of {strategy.title}", ops)
        return strategy

    def _active(self, key: str) -> Strategy:
        strategy = self.strategy(key)
        if strategy.archived:
            raise UsageError(f"'{key}' is archived; restore it to the board first")
        return strategy

    # -- check-ins and skips ---------------------------------------------------

    def check_ins(self, key: str | None = None, day: date | None = None, *, year: int | None = None) -> list[CheckIn]:
        """Check-ins, oldest first, optionally of one strategy and/or one day or one year."""
        if year is not None:  # the days of that year only: the other years stay unread
            keys = [key] if key is not None else list(self._records.done)
            found = [self._records.check_ins[i] for k in keys for ids in self.done_days(k, year).values() for i in ids]
        elif key is not None and day is not None:
            self._records.need(day.toordinal())
            found = [self._records.check_ins[i] for i in self._records.done.get(key, {}).get(day, ())]
        else:
            self._records.need(day.toordinal() if day is not None else 0)
            found = [c for c in self._records.check_ins.values()
                     if (key is None or c.strategy == key) and (day is None or c.day == day)]
        return sorted(map(self._as_read, found), key=lambda c: (c.day, c.created, c.id))

    def _as_read(self, check_in: CheckIn) -> CheckIn:
        """A check-in as she reads it: an action an older bondtui saved as a raw template, filled in."""
        if "{" not in check_in.action or check_in.strategy not in self._records.strategies:
            return check_in
        text = filled_text(check_in.action, self._records.strategies[check_in.strategy], self.settings,
                           check_in.day.toordinal())
        return check_in if text == check_in.action else check_in._replace(action=text)

    def actions(self, key: str, day: date | None = None) -> list[str]:
        """The strategy's actions as she reads them on `day` (today by default): his name and an interest filled in,
        and none that needs an interest she has not named."""
        return filled_actions(self.strategy(key), self.settings, (day or self.today()).toordinal())

    def check_in(self, key: str, day: date | None = None, action: str = "", note: str = "") -> CheckIn:
        strategy = self._active(key)
        day = self._check_day(day)
        created = self.clock.now().astimezone(timezone.utc).isoformat(timespec="seconds")
        check_in = CheckIn(uuid.uuid4().hex, key, day, action.strip(), note.strip(), created)
        self._commit(f"check-in of {strategy.title} on {_short(day)}",
                     [("checkins", check_in.id, None, conv.check_in_to_doc(check_in))])
        return check_in

    def remove_check_ins(self, key: str, day: date) -> int:
        """Remove every check-in of a strategy on a day, as one step; how many went."""
        strategy = self.strategy(key)
        gone = self.check_ins(key, day)
        if gone:
            self._commit(f"removal of {strategy.title} on {_short(day)}",
                         [("checkins", c.id, conv.check_in_to_doc(c), None) for c in gone])
        return len(gone)

    def toggle_check_in(self, key: str, day: date | None = None, action: str = "") -> CheckIn | None:
        """Check in, or take the day's check-ins back if there are some. Returns the new one."""
        day = self._check_day(day)
        if self.is_done(key, day):
            self.remove_check_ins(key, day)
            return None
        return self.check_in(key, day, action)

    def edit_check_in(self, check_in_id: str, *, action: str | None = None, note: str | None = None) -> CheckIn:
        """Change the action or the note of a check-in already logged, as one undoable step."""
        if check_in_id not in self._records.check_ins:
            self._records.load_past()
        old = self._records.check_ins.get(check_in_id)
        if old is None:
            raise UsageError(f"no check-in with id '{check_in_id}'")
        new = old._replace(action=old.action if action is None else action.strip(),
                           note=old.note if note is None else note.strip())
        if new != old:
            self._commit(f"edit of a check-in of {self.strategy(old.strategy).title} on {_short(old.day)}",
                         [("checkins", old.id, conv.check_in_to_doc(old), conv.check_in_to_doc(new))])
        return new

    def edit_note(self, check_in_id: str, note: str) -> CheckIn:
        return self.edit_check_in(check_in_id, note=note)

    def is_done(self, key: str, day: date) -> bool:
        self._records.need(day.toordinal())
        return day in self._records.done.get(key, {})

    def is_skipped(self, key: str, day: date) -> bool:
        self._records.need(day.toordinal())
        return day in self._records.skipped.get(key, {})

    def skip(self, key: str, day: date | None = None) -> bool:
        """Mark a day as deliberately not expected; False if it already was."""
        strategy = self._active(key)
        day = self._check_day(day)
        if self.is_skipped(key, day):
            return False
        skip = Skip(uuid.uuid4().hex, key, day)
        self._commit(f"skip of {strategy.title} on {_short(day)}", [("skips", skip.id, None, conv.skip_to_doc(skip))])
        return True

    def unskip(self, key: str, day: date) -> bool:
        strategy = self.strategy(key)
        self._records.need(day.toordinal())
        skip_id = self._records.skipped.get(key, {}).get(day)
        if skip_id is None:
            return False
        self._commit(f"unskip of {strategy.title} on {_short(day)}",
                     [("skips", skip_id, conv.skip_to_doc(self._records.skips[skip_id]), None)])
        return True

    def toggle_skip(self, key: str, day: date | None = None) -> bool:
        """Skip the day, or take the skip back; True when the day is now skipped."""
        day = self._check_day(day)
        if self.is_skipped(key, day):
            self.unskip(key, day)
            return False
        return self.skip(key, day)

    # -- away periods and settings --------------------------------------------

    def away_periods(self) -> list[Away]:
        return sorted(self._records.away.values(), key=lambda a: (a.start, a.end, a.id))

    def add_away(self, start: date, end: date, reason: str = "") -> Away:
        """Pause every strategy from start to end (both included; the end may be in the future).

        A period that shares a day with existing ones is merged with them into one
        period covering them all, their reasons joined; undo separates them again.
        """
        check_bounds(start), check_bounds(end)
        if end < start:
            raise UsageError(f"the away period ends ({end.isoformat()}) before it starts ({start.isoformat()})")
        merged = self.overlapping_away(start, end)
        reasons = dict.fromkeys(r for r in [*(a.reason for a in merged), reason.strip()] if r)
        away = Away(uuid.uuid4().hex[:8], min([start, *(a.start for a in merged)]), max([end, *(a.end for a in merged)]),
                    "; ".join(reasons))
        ops: list[Op] = [("away", a.id, conv.away_to_doc(a), None) for a in merged]
        ops.append(("away", away.id, None, conv.away_to_doc(away)))
        self._commit(f"away {_short(away.start)}–{_short(away.end)}", ops)
        return away

    def overlapping_away(self, start: date, end: date) -> list[Away]:
        """The away periods that share at least one day with start..end (the ones add_away merges)."""
        return [a for a in self.away_periods() if a.start <= end and start <= a.end]

    def remove_away(self, away_id: str) -> Away:
        away = self._records.away.get(away_id)
        if away is None:
            known = ", ".join(a.id for a in self.away_periods()) or "none yet"
            raise UsageError(f"no away period with id '{away_id}'; the ids are: {known}")
        self._commit(f"removal of away {_short(away.start)}–{_short(away.end)}",
                      [("away", away.id, conv.away_to_doc(away), None)])
        return away

    def update_settings(self, **changes) -> Settings:
        """Change his name, his interests, the theme, the day-start hour or the week start, as one undoable step."""
        unknown = set(changes) - set(rules.SETTING_NAMES)
        if unknown:
            raise TypeError(f"update_settings() takes {', '.join(rules.SETTING_NAMES)}, not {', '.join(sorted(unknown))}")
        new = replace(self._records.settings, **{name: rules.valid_setting(name, value) for name, value in changes.items()})
        if new == self._records.settings:
            return new
        changed = [words for name, words in rules.SETTING_NAMES.items() if getattr(new, name) != getattr(self._records.settings, name)]
        before = conv.settings_to_doc(self._records.settings) if self._database.table("settings").get(doc_id="settings") else None
        self._commit(f"change of {', '.join(changed)}", [("settings", "settings", before, conv.settings_to_doc(new))])
        return new

    @property
    def welcome_due(self) -> bool:
        """A first run: no name, no check-in ever, and the welcome not yet put away."""
        meta = self._database.table("meta").get(doc_id="meta") or {}
        return not (meta.get("welcomed") or self.settings.son_name.strip() or self._records.check_ins
                    or self._database.storage.manifest)

    def put_away_welcome(self) -> None:
        """She has seen the way to his name (opened settings): the welcome goes, for good (not an undo step)."""
        if self.welcome_due and not self.read_only:
            before = dict(self._database.table("meta").get(doc_id="meta") or {"id": "meta"})
            self._commit("welcome", [("meta", "meta", before, {**before, "welcomed": True})], undoable=False)

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
        """Today's suggestions at this hour, best first; the same list for the same data, day and hour."""
        return self._guide.suggestions()


def _short(day: date) -> str:
    return day.strftime("%a %d %b %Y")

