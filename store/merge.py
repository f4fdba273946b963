"""Merge another copy of the data (a bondtui database or an export of one) into this one.

Every record (check-in, skip, away period, strategy, settings) is known by its id
on both sides, with a stamp when it last changed or went (a tombstone). For each
id the newer version wins; a tombstone wins a tie; with no stamps at all the
content decides, so both sides pick the same. That makes merging a "max" per
record: A into B gives what B into A gives, merging twice changes nothing, and
only a newer deletion takes away what either side holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import orjson

from .errors import DataError
from .export import RECORD_TABLES, copy_from_export, copy_of, is_export

Copy = dict[str, dict[str, dict]]


@dataclass
class MergeSummary:
    path: str
    added: dict[str, int] = field(default_factory=dict)  # table -> records that came in
    updated: dict[str, int] = field(default_factory=dict)
    removed: dict[str, int] = field(default_factory=dict)  # deleted on the other side

    @property
    def changed(self) -> bool:
        return any(self.added.values()) or any(self.updated.values()) or any(self.removed.values())


def read_copy(path: Path) -> Copy:
    """Another copy from a bondtui database file or a bondtui JSON export."""
    from .files import read  # the same checks and upgrades as opening a database

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
        tables = read(path)
    except DataError as error:
        raise DataError(f"cannot merge: {error}") from None
    return copy_from_export(as_export(tables), path)


def as_export(tables: dict) -> dict:
    """A database's tables in the shape of an export, so one reader checks both."""
    document = {"format": "bondtui-export", "version": 1, "stamps": tables.get("stamps", {})}
    settings = tables.get("settings", {}).get("settings")
    if settings is not None:
        document["settings"] = settings
    for table in RECORD_TABLES:
        if table != "settings":
            document[table] = list(tables.get(table, {}).values())
    return document


def _version(doc: dict | None, stamp: dict | None) -> tuple[str, bool, bytes] | None:
    """What decides between two sides: (when, gone, content); None when this side never heard of it."""
    if doc is None and stamp is None:
        return None
    at = stamp["at"] if stamp else ""
    return at, doc is None, orjson.dumps(doc, option=orjson.OPT_SORT_KEYS) if doc is not None else b""


def record_ops(table: str, record_id: str, mine: Copy, new_doc: dict | None, new_stamp: dict | None) -> list:
    """The ops that make this copy hold `new_doc` with `new_stamp` for one record."""
    ops = []
    old_doc, key = mine[table].get(record_id), f"{table}/{record_id}"
    old_stamp = mine["stamps"].get(key)
    if old_doc != new_doc:
        ops.append((table, record_id, old_doc, new_doc))
    if old_stamp != new_stamp:
        ops.append(("stamps", key, old_stamp, new_stamp))
    return ops


def plan_merge(store, other: Copy, path: Path | str) -> tuple[MergeSummary, list]:
    mine = copy_of(store)
    summary = MergeSummary(str(path))
    ops: list = []
    for table in RECORD_TABLES:
        prefix = f"{table}/"
        ids = set(mine[table]) | set(other[table])
        ids |= {key[len(prefix):] for side in (mine, other) for key in side["stamps"] if key.startswith(prefix)}
        for record_id in sorted(ids):
            key = prefix + record_id
            mine_doc, other_doc = mine[table].get(record_id), other[table].get(record_id)
            mine_stamp, other_stamp = mine["stamps"].get(key), other["stamps"].get(key)
            if mine_doc == other_doc and mine_stamp == other_stamp:
                continue
            versions = [(v, doc, stamp) for v, doc, stamp in ((_version(mine_doc, mine_stamp), mine_doc, mine_stamp),
                                                               (_version(other_doc, other_stamp), other_doc, other_stamp))
                        if v is not None]
            _, doc, stamp = max(versions, key=lambda found: found[0])
            changes = record_ops(table, record_id, mine, doc, stamp)
            if any(op[0] == table for op in changes):
                counts = summary.added if mine_doc is None else summary.removed if doc is None else summary.updated
                counts[table] = counts.get(table, 0) + 1
            ops += changes
    return summary, ops


def merge(store, path: Path, *, progress=None) -> MergeSummary:
    """Merge the copy at `path` into the store as one undoable change."""
    summary, ops = plan_merge(store, read_copy(path), path)
    if ops:
        store._commit(f"merge of {Path(path).name}", ops, stamped=False)
    return summary
