"""`bondtui import PATH`: read another tracker's data (the format found from the content) into the store.

Each strategy an import creates remembers its origin ("loop:12", "harsh:Read"),
so the same file imported again maps every habit to the strategy it made before,
and adds nothing. The whole import is one undoable change, written at once.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import orjson

from ...errors import DataError
from ...files import converters as conv
from ...files.loaded import Op
from ...model.cadence import Cadence
from ...model.records import CheckIn, Skip, Strategy, replace
from ..export import RECORD_TABLES, copy_from_export, copy_of, is_export
from ..merge import own_name, read_copy, record_ops
from ..target import Progress, Target
from .common import Found
from .harsh import looks_like_habits, looks_like_log, read as read_harsh
from .json_trackers import is_beaverhabits, is_dijo, read_beaverhabits, read_dijo
from .loop_csv import HABITS, read_folder, read_zip
from .loop_sqlite import MAGIC, read as read_loop_sqlite

FORMATS = "a bondtui export or database, a Loop Habit Tracker backup or CSV export, harsh files, dijo or beaverhabits JSON"
IN_THE_FUTURE = "date in the future"
UNKNOWN_HABIT = "check-in of a habit the file does not list"
HEAD = 64 << 10  # what is read to tell the format: SQLite and zip files are then read by their own readers
MOST_TEXT = 64 << 20  # a JSON or text tracker file larger than this is no tracker's file
KEY_STEM = 21  # an imported key, with room for "-99": at most 24 characters, as every key


@dataclass
class Summary:
    label: str  # what the file was: "Loop Habit Tracker backup"
    created: list[str] = field(default_factory=list)  # strategy titles
    matched: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    added: Counter[str] = field(default_factory=Counter[str])  # "checkins", "skips", "away" -> how many came in
    present: Counter[str] = field(default_factory=Counter[str])  # … and how many were there already
    ignored: Counter[str] = field(default_factory=Counter[str])  # reason -> how many
    notices: list[str] = field(default_factory=list)
    written: bool = False


def import_file(store: Target, path: str | Path, *, dry_run: bool = False, progress: Progress | None = None) -> Summary:
    """Read `path`, bring what is new into the store as one undoable change (unless `dry_run`).

    `progress(done, total)` is called now and then while reading and planning.
    DataError if the file is of no known format or broken; the store is untouched then.
    """
    path = Path(path)
    source = read_source(path, progress)
    if dry_run:
        return _plan(store, source, progress)[0]
    with store.changing():  # planned and written on the set as it is now
        summary, ops = _plan(store, source, progress)
        if ops:
            what = ", ".join(part for part in (_count(len(summary.created), "strategy", "strategies"),
                                               _count(summary.added["checkins"], "check-in", "check-ins")) if part)
            store._commit(f"import of {what or 'changes'} from {path.name}", ops, stamped=isinstance(source, Found))
            summary.written = True
    return summary


def _plan(store: Target, source: Found | dict[str, Any], progress: Progress | None) -> tuple[Summary, list[Op]]:
    return _plan_found(store, source, progress) if isinstance(source, Found) else _plan_copy(store, source)


def _count(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}" if n else ""


def read_source(path: Path, progress: Progress | None = None) -> Found | dict[str, Any]:
    """What the file holds: a Found, or (a bondtui export) a copy of another database."""
    unknown = DataError(f"{path} is not a format bondtui can import; it reads {FORMATS}")
    if not path.exists():
        raise DataError(f"{path}: no such file or folder")
    if path.is_dir():
        if (path / HABITS).is_file():
            return read_folder(path, progress)
        if (path / "habits").is_file() or (path / "log").is_file():
            return read_harsh(path, progress)
        raise unknown
    try:
        with path.open("rb") as file:
            head = file.read(HEAD)
            if head.startswith(MAGIC):
                return read_loop_sqlite(path, progress)
            if head.startswith(b"PK\x03\x04"):
                return read_zip(path, progress)
            rest = file.read(MOST_TEXT + 1 - len(head))
    except OSError as error:
        raise DataError(f"cannot read {path}: {error.strerror or error}") from None
    raw = head + rest
    if len(raw) > MOST_TEXT:
        raise DataError(f"{path} is too large to be a tracker's JSON or text file ({MOST_TEXT >> 20} MiB at most); "
                        "nothing was changed")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise unknown from None
    if text.lstrip()[:1] in ("{", "["):
        return _read_json(path, text)
    if path.name in ("habits", "log") or looks_like_log(text) or looks_like_habits(text):
        return read_harsh(path, progress)
    raise unknown


def _read_json(path: Path, text: str) -> Found | dict[str, Any]:
    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError as error:
        raise DataError(f"{path} is broken JSON ({error}); nothing was changed") from None
    if is_export(data):
        return copy_from_export(data, path)
    if isinstance(data, dict) and "meta" in data:  # a bondtui database itself
        return read_copy(path)
    if is_dijo(data):
        return read_dijo(data, path)
    if is_beaverhabits(data):
        return read_beaverhabits(data, path)
    raise DataError(f"{path} is JSON, but not of a tracker bondtui knows; it reads {FORMATS}")


# -- another tracker's habits ---------------------------------------------------


def _slug(name: str) -> str:
    """A key by the key rule (store/model/rules.py): lowercase letters, digits and -, at most 24 characters with a suffix."""
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")[:KEY_STEM].strip("-") or "habit"


def _unique(base: str, taken: set[str]) -> str:
    key, n = base, 1
    while key in taken:
        n += 1
        key = f"{base}-{n}"
    taken.add(key)
    return key


def _record_id(origin: str, kind: str, day: date) -> str:
    """The same file gives the same ids, so two machines importing it merge into one."""
    return hashlib.blake2b(f"{origin}\0{kind}\0{day.isoformat()}".encode(), digest_size=16).hexdigest()


def _plan_found(store: Target, found: Found, progress: Progress | None) -> tuple[Summary, list[Op]]:
    summary = Summary(found.label, ignored=Counter(found.ignored), notices=list(found.notices))
    today = store.today()
    existing = store.strategies(archived=True)
    by_origin = {s.origin: s for s in existing if s.origin}
    taken = {s.key for s in existing}
    position = max((s.position for s in existing), default=-1) + 1
    first: dict[str, date] = {}
    for identity, day in [*(entry[:2] for entry in found.done), *found.skipped]:
        first[identity] = min(first.get(identity, day), day)

    ops: list[Op] = []
    keys: dict[str, str] = {}  # habit identity -> strategy key
    for habit in found.habits:
        if habit.identity in keys:  # named twice in a file that knows habits by name: one strategy
            continue
        origin = f"{found.source}:{habit.identity}"
        strategy = by_origin.get(origin)
        if strategy is None:  # her own strategy of that key or title, if no import claimed it yet
            wanted, claimed = {habit.name.strip().casefold(), _slug(habit.name)}, set(keys.values())
            strategy = next((s for s in existing if not s.origin and s.key not in claimed
                             and (s.key.casefold() in wanted or s.title.casefold() in wanted)), None)
        if strategy is not None:
            if not strategy.origin:  # claimed now, so the next import finds it by origin
                with_origin = replace(strategy, origin=origin)
                ops.append(("strategies", strategy.key, conv.strategy_to_doc(strategy), conv.strategy_to_doc(with_origin)))
            keys[habit.identity] = strategy.key
            summary.matched.append(strategy.title)
            continue
        key = _unique(_slug(habit.name), taken)
        strategy = Strategy(key, habit.name.strip() or key, habit.summary, Cadence.parse(habit.cadence), (), position,
                            min(first.get(habit.identity, today), today), habit.archived, origin=origin)
        position += 1
        keys[habit.identity] = key
        ops.append(("strategies", key, None, conv.strategy_to_doc(strategy)))
        summary.created.append(strategy.title)

    origins = {habit.identity: f"{found.source}:{habit.identity}" for habit in found.habits}
    total, step = len(found.done) + len(found.skipped), 0
    planned: set[tuple[str, str, date]] = set()
    stored = store._tables()
    for kind, records in (("checkins", found.done), ("skips", found.skipped)):
        for identity, day, *note in records:
            step += 1
            if progress and step % 5000 == 0:
                progress(step, total)
            found_key = keys.get(identity)
            if found_key is None:
                summary.ignored[UNKNOWN_HABIT] += 1
                continue
            key = found_key
            if day > today:
                summary.ignored[IN_THE_FUTURE] += 1
                continue
            there = store.is_done(key, day) if kind == "checkins" else store.is_skipped(key, day)
            record_id = _record_id(origins[identity], kind, day)
            if there or (kind, key, day) in planned or record_id in stored.get(kind, {}):
                summary.present[kind] += 1
                continue
            planned.add((kind, key, day))
            if kind == "checkins":
                doc = conv.check_in_to_doc(CheckIn(record_id, key, day, "", note[0].strip()))
            else:
                doc = conv.skip_to_doc(Skip(record_id, key, day))
            ops.append((kind, record_id, None, doc))
            summary.added[kind] += 1
    if progress:
        progress(total, total)
    return summary, ops


# -- bondtui's own export -------------------------------------------------------


def _plan_copy(store: Target, other: dict[str, Any]) -> tuple[Summary, list[Op]]:
    """The export's records as they are: strategies and settings take the file's version,
    check-ins, skips and away periods are added by id; stamps come along with what changes."""
    summary = Summary("bondtui data")
    mine = copy_of(store)
    today = store.today().isoformat()
    ops: list[Op] = []
    skipped_days = {(doc["strategy"], doc["day"]) for doc in mine["skips"].values()}
    for table in RECORD_TABLES:
        for record_id, doc in other[table].items():
            stamp = other["stamps"].get(f"{table}/{record_id}")
            old = mine[table].get(record_id)
            if table in ("strategies", "settings"):
                if table == "settings":
                    doc = own_name(store, old, doc)
                if table == "strategies":
                    (summary.created if old is None else summary.matched if old == doc else summary.updated).append(
                        doc["title"])
                if old != doc:
                    ops += record_ops(table, record_id, mine, doc, stamp)
            elif table in ("checkins", "skips") and doc["day"] > today:
                summary.ignored[IN_THE_FUTURE] += 1
            elif old is not None or (table == "skips" and (doc["strategy"], doc["day"]) in skipped_days):
                summary.present[table] += 1
            else:
                summary.added[table] += 1
                ops += record_ops(table, record_id, mine, doc, stamp)
    for key, stamp in other["stamps"].items():  # what the file's copy deleted, so a merge keeps it away
        table, _, record_id = key.partition("/")
        known = mine["stamps"].get(key)
        if stamp["gone"] and table in RECORD_TABLES and record_id not in mine[table] and (
                known is None or known["at"] < stamp["at"]):
            ops.append(("stamps", key, known, stamp))
    return summary, ops
