"""The change log: every change as one undoable step, with the stamps a merge needs.

A change is a list of record edits (ops). It is written to disk in a single atomic
write together with its undo entry and the derived numbers that ride along, and
only then shown to the model. So a change is on disk before anyone can see it, and
a failed write changes nothing. Undo writes the inverted edits and moves the entry
to the redo stack, in the same single write.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from tinydb.table import Document

from ..model.days import Clock
from ..model.records import Change
from .database import Database
from .layout import YEAR_TABLES
from .loaded import Op
from .reading import MODEL_TABLES

UNDO_KEPT = 200
COMMAND_LINE, BOARD = "the command line", "a board"  # where a change is made, as undo tells it
_HOST = os.uname().nodename if hasattr(os, "uname") else os.environ.get("COMPUTERNAME", "")


class ChangeLog:
    """Writes changes, undoes and redoes them.

    Around each write: `prepare(ops)` reads what the write rewrites, `ride_along()`
    adds the derived numbers to the same write, `show(ops)` applies the written
    edits to the model.
    """

    def __init__(self, database: Database, clock: Clock, *, prepare: Callable[[list[Op]], None],
                 ride_along: Callable[[], None], show: Callable[[list[Op]], None], origin: str = COMMAND_LINE):
        self._database = database
        self._clock = clock
        self._prepare = prepare
        self._ride_along = ride_along
        self._show = show
        self._origin = origin
        self._session = os.urandom(4).hex()  # this open copy: a step it made is "made here"
        self._last_stamp: str | None = None  # the newest stamp, found at the first write

    def followed(self) -> None:
        """Another writer saved: its stamps may be newer than the newest this copy found."""
        self._last_stamp = None

    def commit(self, label: str, ops: list[Op], *, undoable: bool = True, stamped: bool = True) -> Change:
        """Write the edits and their undo entry in one atomic write, then show them.

        `stamped=False` is for a merge, whose ops carry the stamps they keep.
        """
        def log() -> None:
            if undoable:
                self._push("undo", label, ops)
                self._database.table("redo").truncate()

        return self._write(label, ops, stamped, log)

    def undo(self) -> Change | None:
        """Take back the last change; None when there is nothing to undo."""
        return self._step("undo", "redo", invert=True)

    def redo(self) -> Change | None:
        """Make again the last change undo took back."""
        return self._step("redo", "undo", invert=False)

    def top(self, stack: str) -> dict[str, Any] | None:
        """The step undo (or redo) would take next, as stored; None when there is none."""
        held = self._database.storage.read().get(stack, {})
        return max(held.values(), key=lambda e: e["seq"], default=None)

    def _step(self, source: str, target: str, invert: bool) -> Change | None:
        entries = self._database.table(source).all()
        if not entries:
            return None
        entry = max(entries, key=lambda e: e["seq"])
        ops = [tuple(op) for op in entry["ops"]]
        if invert:
            ops = [(table, rid, after, before) for table, rid, before, after in reversed(ops)]

        def log() -> None:
            self._database.table(source).remove(doc_ids=[entry.doc_id])
            self._push(target, entry["label"], [tuple(op) for op in entry["ops"]], entry.get("made"))

        change = self._write(entry["label"], ops, True, log)
        return change._replace(made=made(entry.get("made"), self._origin, self._session, self._clock.now()))

    def _write(self, label: str, ops: list[Op], stamped: bool, log: Callable[[], None]) -> Change:
        """Write the edits, `log`'s edit of the stacks and what rides along in one atomic write, then show them."""
        self._prepare(ops)
        with self._database.storage.batch():
            self._write_ops(ops, stamped)
            log()
            self._ride_along()
        self._show(ops)
        return Change(label, tuple(ops))

    def _write_ops(self, ops: list[Op], stamped: bool) -> None:
        """Edit the tables in one pass, however many ops (an import brings 100,000).

        Every record made, edited, deleted or revived gets a stamp: when it last
        changed and whether it is gone (a tombstone). A merge keeps the newer side,
        never brings back what was deleted or undone, and a deletion older than a
        record takes nothing away. A check-in made fresh carries its own time (`at`),
        so the stamps table does not grow with every check-in.
        """
        tables = self._database.storage.read()
        stamps = tables.setdefault("stamps", {})
        at = None
        touch = self._database.storage.touch
        for table, record_id, before, after in ops:
            records = tables.setdefault(table, {})
            if table in YEAR_TABLES:
                touch(table, record_id, records.get(record_id), after)
            if after is None:
                records.pop(record_id, None)
            elif before is None and record_id in records:
                raise ValueError(f"{table} record {record_id} exists already")
            else:
                records[record_id] = dict(after)
            key = f"{table}/{record_id}"
            if table == "stamps":
                self._last_stamp = None  # a merge brought stamps: look again for the newest
            elif stamped and table in MODEL_TABLES and (before is not None or key in stamps or table != "checkins"):
                at = at or self._next_stamp(stamps)
                stamps[key] = {"at": at, "gone": after is None}
        self._database.storage.write(tables)
        for table in {op[0] for op in ops}:
            self._database.table(table).clear_cache()

    def _next_stamp(self, stamps: dict[str, Any]) -> str:
        """Now in UTC to the microsecond, always after every stamp this copy holds."""
        if self._last_stamp is None:
            self._last_stamp = max((stamp["at"] for stamp in stamps.values()), default="")
        now = self._clock.now().astimezone(UTC).replace(tzinfo=None)
        if self._last_stamp >= now.isoformat(timespec="microseconds"):
            now = datetime.fromisoformat(self._last_stamp) + timedelta(microseconds=1)
        self._last_stamp = now.isoformat(timespec="microseconds")
        return self._last_stamp

    def _push(self, stack: str, label: str, ops: Iterable[Op], where: dict[str, Any] | None = None) -> None:
        """Put a step on a stack: its edits, and where and when it was made (this copy, now, unless it moves)."""
        entries = self._database.table(stack)
        held = self._database.storage.read().get(stack, {})  # the raw records: no Document made for each of 200
        seq = max((entry["seq"] for entry in held.values()), default=0) + 1
        now = self._clock.now().astimezone(UTC).isoformat(timespec="seconds")
        where = where or {"origin": self._origin, "host": _HOST, "session": self._session, "at": now}
        # When it came onto this stack: the order of two children's steps (store/family.py), even in one second.
        moved = {"at": now, "mono": time.monotonic_ns()}
        entries.insert(Document({"seq": seq, "label": label, "ops": [list(op) for op in ops], "made": where,
                                 "moved": moved}, doc_id=f"{seq:09d}"))  # type: ignore[arg-type]  # our ids are strings
        held = self._database.storage.read()[stack]
        excess = len(held) - UNDO_KEPT
        if excess > 0:
            entries.remove(doc_ids=sorted(held, key=lambda doc_id: held[doc_id]["seq"])[:excess])


def made(where: Any, origin: str, session: str, now: datetime) -> str:
    """Where and when a step was made, from here: "on the command line at 19:02", "on laptop on Fri 4 Dec at 08:10"."""
    if not isinstance(where, dict):
        return ""  # a step an older bondtui wrote
    try:
        at = datetime.fromisoformat(str(where["at"])).astimezone(now.tzinfo)
    except (KeyError, ValueError, TypeError):
        return ""
    when = f"at {at:%H:%M}" if at.date() == now.date() else f"on {at:%a} {at.day} {at:%b} at {at:%H:%M}"
    if where.get("host") != _HOST:
        place = f"on {where.get('host') or 'another machine'}"
    elif where.get("session") == session:
        return when  # made here
    elif where.get("origin") == origin == BOARD:
        place = "on another board"
    else:
        place = f"on {where.get('origin') or COMMAND_LINE}"
    return f"{place} {when}"
