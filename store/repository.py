"""The Store: everything bondtui knows, behind the one object that tui/ and the command line talk to.

Reads come from an in-memory model built once at open. Every change is one
undoable step: a list of record edits written to disk in a single atomic write
together with its undo entry, and only then applied to the model. So a change is
on disk before anyone can see it, and a failed write changes nothing.

This module checks each request and turns it into record edits (store/model/rules.py
says what a key, title, action or setting may be); store/base.py holds the open
files, writes the edits and answers the reads.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from .base import catching_up
from .errors import UsageError
from .family import FIRST, Family, has_children, same_name
from .files import converters as conv
from .files.changelog import COMMAND_LINE
from .files.loaded import Op
from .files.reading import resolve_path
from .guide.ideas import filled_actions, filled_text
from .model import rules
from .model.cadence import Cadence
from .model.days import Clock, check_bounds
from .model.records import SHARED_SETTINGS, Away, CheckIn, Settings, Skip, Strategy, replace
from .planning import Planning, short


class Store(Planning):
    """Open with `Store.open(path, clock)`; close when done (or use it as a context manager)."""

    def new_key(self, title: str) -> str:
        """A short lowercase key made from a title, unused by any strategy: "Read together" -> "read-together"."""
        return rules.new_key(title, self._records.strategies)

    @catching_up
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

    @catching_up
    def update_strategy(self, /, key: str, **changes: Any) -> Strategy:
        """Change title, summary, cadence (a spec), actions or sizes; every check-in stays.

        A new cadence re-reads the whole history under the new rule. Sizes and
        age ranges of actions that remain are kept unless `sizes` or `ages` is given.
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
        changes["ages"] = rules.valid_ages(changes.get("ages", old.ages), actions)
        new = replace(old, **changes)
        return self._replace_strategy(old, new, f"edit of {new.title}")

    def _replace_strategy(self, old: Strategy, new: Strategy, label: str) -> Strategy:
        before, after = conv.strategy_to_doc(old), conv.strategy_to_doc(new)
        if before != after:  # nothing changed: no empty step to undo
            self._commit(label, [("strategies", old.key, before, after)])
        return new

    @catching_up
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
        ops: list[Op] = [("strategies", s.key, conv.strategy_to_doc(s), conv.strategy_to_doc(replace(s, position=place)))
                         for place, s in enumerate(ordered) if s.position != place]
        self._commit(f"move of {strategy.title}", ops)
        return self._records.strategies[key]

    @catching_up
    def archive_strategy(self, key: str) -> Strategy:
        """Take a strategy off the board, `today` and `streaks`; its history stays."""
        old = self.strategy(key)
        return self._replace_strategy(old, replace(old, archived=True, archived_on=self.today()), f"archive of {old.title}")

    @catching_up
    def restore_strategy(self, key: str) -> Strategy:
        """Bring an archived strategy back to its place on the board, with every check-in."""
        old = self.strategy(key)
        return self._replace_strategy(old, replace(old, archived=False, archived_on=None), f"restore of {old.title}")

    @catching_up
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

    @catching_up
    def check_in(self, key: str, day: date | None = None, action: str = "", note: str = "", went: str = "") -> CheckIn:
        """Log a check-in; `went` is how it went with him (great, ok or flat), when she says."""
        strategy = self._active(key)
        check_in = self._new_check_in(key, self._check_day(day), action, note, went)
        self._commit(f"check-in of {strategy.title} on {short(check_in.day)}",
                     [("checkins", check_in.id, None, conv.check_in_to_doc(check_in))])
        return check_in

    @catching_up
    def remove_check_ins(self, key: str, day: date) -> int:
        """Remove every check-in of a strategy on a day, as one step; how many went."""
        strategy = self.strategy(key)
        gone = self.check_ins(key, day)
        if gone:
            self._commit(f"removal of {strategy.title} on {short(day)}",
                         [("checkins", c.id, conv.check_in_to_doc(c), None) for c in gone])
        return len(gone)

    @catching_up
    def toggle_check_in(self, key: str, day: date | None = None, action: str = "") -> CheckIn | None:
        """Check in, or take the day's check-ins back if there are some. Returns the new one."""
        day = self._check_day(day)
        if self.is_done(key, day):
            self.remove_check_ins(key, day)
            return None
        return self.check_in(key, day, action)

    @catching_up
    def edit_check_in(self, check_in_id: str, *, action: str | None = None, note: str | None = None,
                      went: str | None = None) -> CheckIn:
        """Change the action, the note or how it went of a check-in already logged, as one undoable step."""
        if check_in_id not in self._records.check_ins:
            self._records.load_past()
        old = self._records.check_ins.get(check_in_id)
        if old is None:
            raise UsageError(f"no check-in with id '{check_in_id}'")
        new = old._replace(action=old.action if action is None else action.strip(),
                           note=old.note if note is None else note.strip(),
                           went=old.went if went is None else rules.valid_went(went))
        if new != old:
            self._commit(f"edit of a check-in of {self.strategy(old.strategy).title} on {short(old.day)}",
                         [("checkins", old.id, conv.check_in_to_doc(old), conv.check_in_to_doc(new))])
        return new

    @catching_up
    def edit_note(self, check_in_id: str, note: str) -> CheckIn:
        return self.edit_check_in(check_in_id, note=note)

    def is_done(self, key: str, day: date) -> bool:
        self._records.need(day.toordinal())
        return day in self._records.done.get(key, {})

    def is_skipped(self, key: str, day: date) -> bool:
        self._records.need(day.toordinal())
        return day in self._records.skipped.get(key, {})

    @catching_up
    def skip(self, key: str, day: date | None = None) -> bool:
        """Mark a day as deliberately not expected; False if it already was."""
        strategy = self._active(key)
        day = self._check_day(day)
        if self.is_skipped(key, day):
            return False
        skip = Skip(uuid.uuid4().hex, key, day)
        self._commit(f"skip of {strategy.title} on {short(day)}", [("skips", skip.id, None, conv.skip_to_doc(skip))])
        return True

    @catching_up
    def unskip(self, key: str, day: date) -> bool:
        strategy = self.strategy(key)
        self._records.need(day.toordinal())
        skip_id = self._records.skipped.get(key, {}).get(day)
        if skip_id is None:
            return False
        self._commit(f"unskip of {strategy.title} on {short(day)}",
                     [("skips", skip_id, conv.skip_to_doc(self._records.skips[skip_id]), None)])
        return True

    @catching_up
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

    @catching_up
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
        self._commit(f"away {short(away.start)}–{short(away.end)}", ops)
        return away

    def overlapping_away(self, start: date, end: date) -> list[Away]:
        """The away periods that share at least one day with start..end (the ones add_away merges)."""
        return [a for a in self.away_periods() if a.start <= end and start <= a.end]

    @catching_up
    def remove_away(self, away_id: str) -> Away:
        away = self._records.away.get(away_id)
        if away is None:
            known = ", ".join(a.id for a in self.away_periods()) or "none yet"
            raise UsageError(f"no away period with id '{away_id}'; the ids are: {known}")
        self._commit(f"removal of away {short(away.start)}–{short(away.end)}",
                      [("away", away.id, conv.away_to_doc(away), None)])
        return away

    @catching_up
    def update_settings(self, /, **changes: Any) -> Settings:
        """Change his name, his interests, his birth month, the theme, the day start or the week start: one undoable step.

        The theme, the day start, the week start and the board's last column are hers, shared by every
        child's board: from a later child's board they are changed in the first child's set (store/family.py).
        """
        unknown = set(changes) - set(rules.SETTING_NAMES)
        if unknown:
            raise TypeError(f"update_settings() takes {', '.join(rules.SETTING_NAMES)}, not {', '.join(sorted(unknown))}")
        valid = {name: rules.valid_setting(name, value) for name, value in changes.items()}
        hers = {name: value for name, value in valid.items() if name in SHARED_SETTINGS}
        if self._house is not None and hers:
            mine = {name: value for name, value in valid.items() if name not in hers}
            if mine:  # one step each would be two: she changes one at a time, so may a script
                raise UsageError(f"change {', '.join(rules.SETTING_NAMES[n] for n in hers)} on its own "
                                 f"(it is yours, shared by every child's board)")
            self._house.update_settings(**hers)  # type: ignore[attr-defined]  # the first child's Store
            self._memo.clear()
            return self.settings
        old = self._records.own_settings
        new = replace(old, **valid)
        if new.born > self.today().isoformat()[:7]:
            raise UsageError(f"{new.born} is still to come; give the month he was born")
        if new == old:
            return self.settings
        if new.son_name != old.son_name and self.several:  # his name is his name among the children: one of each
            family = self.family
            child = family.child_of(self)
            if new.son_name or child.id != FIRST:
                family.check_name(new.son_name, child)
        changed = [words for name, words in rules.SETTING_NAMES.items() if getattr(new, name) != getattr(old, name)]
        before = conv.settings_to_doc(old) if self._database.get("settings", "settings") else None
        self._commit(f"change of {', '.join(changed)}", [("settings", "settings", before, conv.settings_to_doc(new))])
        return self.settings

    # -- the child this set belongs to (store/family.py) ---------------------------

    def name_taken(self, name: str) -> bool:
        """Whether another child of this data file goes by that name (whatever its case)."""
        if not self.several or not name.strip():
            return False
        mine = self.family.child_of(self).id
        return any(same_name(child.name, name) and child.id != mine for child in self.family.children())

    def child_meta(self) -> dict[str, Any]:
        """When he was added and whether he is archived: his place among the children, not an undo step."""
        return dict(self._database.get("meta", "child") or {})

    @catching_up
    def set_child_meta(self, /, **fields: Any) -> None:
        before = self._database.get("meta", "child")
        after = {"id": "child", **(before or {}), **fields}
        if after != before:
            self._commit("child", [("meta", "child", dict(before) if before else None, after)], undoable=False)

    @catching_up
    def begin_child(self, settings: dict[str, Any], added: str) -> None:
        """A new child's set, written once: his name, birth month and interests, and when he was added."""
        own = replace(self._records.own_settings, **settings)
        before = self._database.get("settings", "settings")
        self._commit("new child", [("settings", "settings", dict(before) if before else None, conv.settings_to_doc(own)),
                                   ("meta", "child", None, {"id": "child", "added": added})], undoable=False)

    @property
    def welcome_due(self) -> bool:
        """A first run: no name, no check-in ever, and the welcome not yet put away."""
        meta = self._database.get("meta", "meta") or {}
        return not (meta.get("welcomed") or self.settings.son_name.strip() or self._records.check_ins
                    or self._database.storage.manifest)

    @catching_up
    def put_away_welcome(self) -> None:
        """She has seen the way to his name (opened settings): the welcome goes, for good (not an undo step)."""
        if self.welcome_due and not self.read_only:
            before = dict(self._database.get("meta", "meta") or {"id": "meta"})
            self._commit("welcome", [("meta", "meta", before, {**before, "welcomed": True})], undoable=False)


def child_path(path: str | os.PathLike[str] | None, clock: Clock, child: str | None) -> Path:
    """The data file of the child named (or chosen): where his changes are written, his backups beside it."""
    main = resolve_path(path)
    if child is None and not has_children(main):
        return main
    family = Family(main, clock, read_only=True, origin=COMMAND_LINE, kind=Store)
    try:
        return family.chosen(child).path
    finally:
        family.close()
