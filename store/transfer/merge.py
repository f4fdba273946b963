"""Merge another copy of the data (a bondtui database or an export of one) into this one.

Every record (check-in, skip, away period, strategy, settings) is known by its id
on both sides, with a stamp when it last changed or went (a tombstone). A record
with no stamp counts from when it was made: a check-in from when it was logged,
a skip from its day, anything else from the day its copy was made (records made
before every record carried a stamp). For each id the newer version wins; a
tombstone wins a tie; then the content decides, so both sides pick the same.
That makes merging a "max" per record: A into B gives the records B into A
gives, merging twice changes nothing, and only a deletion newer than a record
takes it away. Where both sides hold the same content, only their stamps
differing, nothing is written: nothing to merge writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from ..errors import DataError
from ..files.loaded import Op
from .export import RECORD_TABLES, Copy, _utc, copy_from_export, copy_of, is_export
from .target import Progress, Target


@dataclass
class MergeSummary:
    path: str
    added: dict[str, int] = field(default_factory=dict)  # table -> records that came in
    updated: dict[str, int] = field(default_factory=dict)
    removed: dict[str, int] = field(default_factory=dict)  # deleted on the other side
    changes: list[tuple[str, str, str]] = field(default_factory=list)  # (add|update|remove, table, what)

    @property
    def changed(self) -> bool:
        return any(self.added.values()) or any(self.updated.values()) or any(self.removed.values())


def read_copy(path: Path, years_beside: Path | None = None) -> Copy:
    """Another copy from a bondtui database file or a bondtui JSON export. A sync tool's conflict copy of the
    main file `years_beside` names year files in that file's year folder: they are read from there."""
    from ..files.reading import read_set  # the same checks and upgrades as opening a database

    try:
        data = orjson.loads(path.read_bytes())
    except IsADirectoryError:
        raise DataError(f"{path} is a folder, not a bondtui database or export") from None
    except OSError as error:
        raise DataError(f"cannot read {path}: {error.strerror or error}") from None
    except orjson.JSONDecodeError as error:
        raise DataError(f"{path} is not a bondtui database or export (not valid JSON: {error})") from None
    if is_export(data):
        return copy_from_export(data, path)
    if not isinstance(data, dict) or "meta" not in data:
        raise DataError(f"{path} is not a bondtui database or export")
    try:
        tables = read_set(years_beside, path.read_bytes())[0] if years_beside else read_set(path)[0]
    except OSError as error:
        raise DataError(f"cannot read {path}: {error.strerror or error}") from None
    except DataError as error:
        raise DataError(f"cannot merge: {error}") from None
    return copy_from_export(as_export(tables), path)


def as_export(tables: dict[str, Any]) -> dict[str, Any]:
    """A database's tables in the shape of an export, so one reader checks both."""
    document = {"format": "bondtui-export", "version": 1, "stamps": tables.get("stamps", {})}
    settings = tables.get("settings", {}).get("settings")
    if settings is not None:
        document["settings"] = settings
    for table in RECORD_TABLES:
        if table != "settings":
            document[table] = list(tables.get(table, {}).values())
    return document


def _made(table: str, doc: dict[str, Any], created: str) -> str:
    """When a record with no stamp was made, as far as its copy knows."""
    if table == "checkins" and doc.get("at"):
        try:
            return _utc(doc["at"])
        except (TypeError, ValueError):
            return created
    if table == "skips":
        return f"{doc['day']}T00:00:00.000000"
    return created


def _version(table: str, doc: dict[str, Any] | None, stamp: dict[str, Any] | None,
             created: str) -> tuple[str, bool, bytes] | None:
    """What decides between two sides: (when, gone, content); None when this side never heard of it."""
    if doc is None and stamp is None:
        return None
    at = stamp["at"] if stamp else _made(table, doc, created)  # type: ignore[arg-type]
    return at, doc is None, orjson.dumps(doc, option=orjson.OPT_SORT_KEYS) if doc is not None else b""


def own_name(store: Target, mine: dict[str, Any] | None, doc: dict[str, Any] | None) -> dict[str, Any] | None:
    """The settings a copy brings, with this child's name kept when the copy's is another child's (a copy of
    Leo's brought into Mia's board does not make two Leos)."""
    if doc is None or mine is None or doc.get("son_name") == mine.get("son_name"):
        return doc
    return {**doc, "son_name": mine.get("son_name", "")} if store.name_taken(str(doc.get("son_name", ""))) else doc


def record_ops(table: str, record_id: str, mine: Copy, new_doc: dict[str, Any] | None,
               new_stamp: dict[str, Any] | None) -> list[Op]:
    """The ops that make this copy hold `new_doc` with `new_stamp` for one record."""
    ops: list[Op] = []
    old_doc, key = mine[table].get(record_id), f"{table}/{record_id}"
    old_stamp = mine["stamps"].get(key)
    if old_doc != new_doc:
        ops.append((table, record_id, old_doc, new_doc))
    if old_stamp != new_stamp:
        ops.append(("stamps", key, old_stamp, new_stamp))
    return ops


def plan_merge(store: Target, other: Copy, path: Path | str) -> tuple[MergeSummary, list[Op]]:
    mine = copy_of(store)
    summary = MergeSummary(str(path))
    ops: list[Op] = []
    for table in RECORD_TABLES:
        prefix = f"{table}/"
        ids = set(mine[table]) | set(other[table])
        ids |= {key[len(prefix):] for side in (mine, other) for key in side["stamps"] if key.startswith(prefix)}
        for record_id in sorted(ids):
            key = prefix + record_id
            mine_doc, other_doc = mine[table].get(record_id), other[table].get(record_id)
            mine_stamp, other_stamp = mine["stamps"].get(key), other["stamps"].get(key)
            if mine_doc == other_doc:  # the same on both sides: stamps alone are nothing to merge
                continue
            versions = [(v, doc, stamp) for v, doc, stamp in (
                (_version(table, mine_doc, mine_stamp, mine["meta"]["created"]), mine_doc, mine_stamp),
                (_version(table, other_doc, other_stamp, other["meta"]["created"]), other_doc, other_stamp))
                if v is not None]
            (at, _, _), doc, stamp = max(versions, key=lambda found: found[0])
            if table == "settings":
                doc = own_name(store, mine_doc, doc)
            if stamp is None and doc is not None and at != _made(table, doc, mine["meta"]["created"]):
                stamp = {"at": at, "gone": False}  # it counts from when its own copy made it, here too
            changes = record_ops(table, record_id, mine, doc, stamp)
            if any(op[0] == table for op in changes):
                counts = summary.added if mine_doc is None else summary.removed if doc is None else summary.updated
                counts[table] = counts.get(table, 0) + 1
                verb = "add" if mine_doc is None else "remove" if doc is None else "update"
                summary.changes.append((verb, table, describe(table, doc or mine_doc or {})))
            ops += changes
    return summary, ops


def describe(table: str, doc: dict[str, Any]) -> str:
    """One record in a few words, for the list of what a merge changes."""
    if table == "checkins":
        return " ".join(part for part in (doc["day"], doc["strategy"], doc.get("action", ""), doc.get("note", "")) if part)
    if table == "skips":
        return f"{doc['day']} {doc['strategy']}"
    if table == "away":
        return f"{doc['start']} to {doc['end']}" + (f" {doc['reason']}" if doc.get("reason") else "")
    if table == "strategies":
        return f"{doc['key']}: {doc['title']}"
    if table == "plans":
        return f"plan for {doc['day']} {doc['strategy']}"
    return "his name, interests and the board's settings"


def merge(store: Target, path: Path, *, dry_run: bool = False, progress: Progress | None = None,
          years_beside: Path | None = None) -> MergeSummary:
    """Merge the copy at `path` into the store as one undoable change; with `dry_run`, only say what it would do.
    `years_beside`: the main file whose year folder the copy's year files are in (see `read_copy`)."""
    copy = read_copy(path, years_beside)
    if dry_run:
        return plan_merge(store, copy, path)[0]
    with store.changing():  # planned and written on the set as it is now
        summary, ops = plan_merge(store, copy, path)
        if ops:
            store._commit(f"merge of {Path(path).name}", ops, stamped=False)
    return summary
