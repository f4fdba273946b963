"""Loop Habit Tracker's database backup (SQLite), opened read-only.

Schemas differ by `PRAGMA user_version`: before 16 `Repetitions` has no `value`
(every row is a check-in); from 16 `value` is 2 YES_MANUAL, 0 NO, 3 SKIP,
-1 UNKNOWN, 1 YES_AUTO (computed, not done), and numerical habits store the amount
× 1000; from 25 there are `notes`. Timestamps are milliseconds at UTC midnight of
the calendar day, so the date is taken in UTC.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from ..target import Progress
from .common import NOT_A_DATE, OUT_OF_RANGE, Found, broken

NOT_A_VALUE = "repetition value not understood"

MAGIC = b"SQLite format 3\x00"
YES_MANUAL, SKIP = 2, 3
_EPOCH = date(1970, 1, 1).toordinal()
_DAY_MS = 86_400_000


def read(path: Path, progress: Progress | None = None) -> Found:
    found = Found("loop", "Loop Habit Tracker backup")
    try:
        # Read-only and immutable: nothing, not even a journal, is written beside her backup.
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)) as db:
            _read(db, found, progress)
    except sqlite3.Error as error:
        raise broken(path, "a Loop Habit Tracker backup", str(error)) from None
    return found


def _columns(db: sqlite3.Connection, table: str) -> set[str]:
    return {row[1].lower() for row in db.execute(f"PRAGMA table_info({table})")}


def _read(db: sqlite3.Connection, found: Found, progress: Progress | None) -> None:
    habit_columns, rep_columns = _columns(db, "Habits"), _columns(db, "Repetitions")
    if not {"id", "name"} <= habit_columns or not {"habit", "timestamp"} <= rep_columns:
        raise sqlite3.DatabaseError("no Habits and Repetitions tables of Loop Habit Tracker")

    def column(name: str, default: str) -> str:
        return name if name in habit_columns else default

    numerical: dict[str, tuple[int, float]] = {}  # id -> (target type, target value)
    empty = "''"
    query = (f"SELECT id, name, {column('description', empty)}, {column('question', empty)}, "
             f"{column('freq_num', '1')}, {column('freq_den', '1')}, {column('archived', '0')}, "
             f"{column('type', '0')}, {column('target_type', '0')}, {column('target_value', '0')} "
             f"FROM Habits ORDER BY {column('position', 'id')}, id")
    for habit_id, name, description, question, num, den, archived, kind, target_type, target in db.execute(query):
        identity = str(habit_id)  # ids start at 0 in some backups: never test them for truth
        name = _text(name) or f"Loop habit {identity}"
        summary = " — ".join(text for text in (_text(question), _text(description)) if text)
        numerator, denominator = _number(num, int), _number(den, int)
        frequency = (numerator, denominator) if numerator is not None and denominator is not None else None
        if frequency is None:  # a column of the wrong type: said, and the habit kept with a goal she can set
            found.notices.append(f"“{name}” has a frequency that is not a number ({_shown(num)}/{_shown(den)}): "
                                 "set to 1 per week")
            frequency = (0, 0)
        found.habit(identity, name, frequency, summary=summary, archived=bool(_number(archived, int)))
        if _number(kind, int) == 1:
            goal = _number(target, float)
            if goal is None:
                found.notices.append(f"“{name}” has a target that is not a number ({_shown(target)}): "
                                     "any amount above 0 counts as done")
            numerical[identity] = (_number(target_type, int) or 0, goal or 0.0)

    value = "value" if "value" in rep_columns else str(YES_MANUAL)
    notes = "notes" if "notes" in rep_columns else "''"
    total = db.execute("SELECT count(*) FROM Repetitions").fetchone()[0]
    rows = db.execute(f"SELECT habit, timestamp, {value}, {notes} FROM Repetitions ORDER BY habit, timestamp")
    for number, (habit_id, timestamp, amount, note) in enumerate(rows, start=1):
        if progress and number % 5000 == 0:
            progress(number, total)
        identity = str(habit_id)
        stamp = _number(timestamp, int)
        if stamp is None:
            found.ignored[NOT_A_DATE] += 1
            continue
        try:
            day = found.in_range(date.fromordinal(_EPOCH + stamp // _DAY_MS))
        except (ValueError, OverflowError):
            found.ignored[OUT_OF_RANGE] += 1
            continue
        if day is None:
            continue
        note = _text(note)
        amount = _number(amount, int) if amount is not None else 0
        if amount is None:
            found.ignored[NOT_A_VALUE] += 1
            continue
        if identity in numerical:
            done = _meets(numerical[identity], amount / 1000) if amount > 0 else False
            if done and not note:
                note = f"{amount / 1000:g}"
            if done:
                found.done.append((identity, day, note))
        elif amount == YES_MANUAL:
            found.done.append((identity, day, note))
        elif amount == SKIP:
            found.skipped.append((identity, day))


N = TypeVar("N", int, float)


def _number(value: object, kind: Callable[[Any], N]) -> N | None:
    """A column's value as `kind`; None when it is not a number (SQLite keeps what it was given in any column)."""
    if value is None:
        return kind(0)
    if isinstance(value, (bytes, bytearray)):
        return None
    try:
        number = kind(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return number if kind is int or number == number else None  # NaN is no number


def _text(value: object) -> str:
    """A text column as text: a BLOB read as UTF-8 where it is, else nothing."""
    if value is None:
        return ""
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("utf-8", "replace").replace("\ufffd", "").strip()
    return str(value)


def _shown(value: object) -> str:
    return repr(value)[:24]


def _meets(target: tuple[int, float], amount: float) -> bool:
    """A numerical habit's day is done when the amount reaches its target (or stays under an "at most")."""
    kind, value = target
    if kind == 1:
        return amount <= value
    return amount >= value if value > 0 else amount > 0
