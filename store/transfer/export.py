"""bondtui's own export: everything in one documented, versioned JSON document; check-ins as CSV.

The JSON document (`"format": "bondtui-export", "version": 1`):

    exported     when, ISO 8601 in UTC
    settings     his name, interests, theme, day-start hour, week start
    strategies   key, title, summary, cadence, actions, sizes, position, since, archived, origin
    checkins     id, strategy, day, action, note, at (when it was logged), went (how it went, if she said)
    skips        id, strategy, day
    away         id, start, end, reason
    stamps       "table/id" -> {"at", "gone"}: when a record last changed, or went
                 (a tombstone), so that a merge keeps the newer side
    created      the day the database was made: what a record with no stamp of its
                 own (made before records carried one) counts from in a merge

Records are the database's own documents, so `bondtui import` reads the file
back into the same database, and `bondtui merge` takes it as another copy.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from ..errors import DataError
from ..files import converters as conv
from .target import Target

FORMAT = "bondtui-export"
_KEY_READ = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")
VERSION = 1
# The tables of a copy that a merge or an import compares, with each one's converters.
# A copy of a database: table -> record id -> document ("meta" holds {"created": day}).
Copy = dict[str, dict[str, Any]]
RECORD_TABLES: dict[str, tuple[Callable[[dict[str, Any]], Any], Callable[[Any], dict[str, Any]]]] = {
    "settings": (conv.settings_from_doc, conv.settings_to_doc),
    "strategies": (conv.strategy_from_doc, conv.strategy_to_doc),
    "checkins": (conv.check_in_from_doc, conv.check_in_to_doc),
    "skips": (conv.skip_from_doc, conv.skip_to_doc),
    "away": (conv.away_from_doc, conv.away_to_doc),
    "plans": (conv.plan_from_doc, conv.plan_to_doc),
}
_ORDER: dict[str, Callable[[dict[str, Any]], tuple[Any, ...]]] = {
    "strategies": lambda doc: (doc["position"], doc["key"]),
    "checkins": lambda doc: (doc["day"], doc.get("at", ""), doc["id"]),
    "skips": lambda doc: (doc["day"], doc["strategy"], doc["id"]),
    "away": lambda doc: (doc["start"], doc["end"], doc["id"]),
    "plans": lambda doc: (doc["day"], doc["strategy"], doc["id"]),
}


def copy_of(store: Target) -> Copy:
    """The store's records, table -> id -> document, plus its stamps."""
    tables = store._tables()
    copy: Copy = {table: {record_id: to_doc(from_doc(doc)) for record_id, doc in tables.get(table, {}).items()}
                  for table, (from_doc, to_doc) in RECORD_TABLES.items()}
    if not copy["settings"]:  # a new file keeps the defaults in memory only
        copy["settings"]["settings"] = conv.settings_to_doc(store.settings)
    copy["stamps"] = dict(tables.get("stamps", {}))
    copy["meta"] = {"created": _created(tables.get("meta", {}).get("meta", {}).get("created"))}
    return copy


def _created(day: object) -> str:
    """The day a copy was made, as a stamp at its start; "" when it is not known."""
    try:
        return datetime.fromisoformat(day).date().isoformat() + "T00:00:00.000000" if isinstance(day, str) else ""
    except ValueError:
        return ""


def export_document(store: Target) -> dict[str, Any]:
    copy = copy_of(store)
    document: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "exported": store.clock.now().astimezone(UTC).isoformat(timespec="seconds"),
        "settings": copy["settings"]["settings"],
    }
    if copy["meta"]["created"]:
        document["created"] = copy["meta"]["created"][:10]
    for check_in in store.check_ins():  # actions as she reads them: an older bondtui saved some as raw templates
        doc = copy["checkins"].get(check_in.id)
        if doc is not None and doc.get("action", "") != check_in.action:
            doc["action"] = check_in.action
    for table, order in _ORDER.items():
        document[table] = sorted(copy[table].values(), key=order)
    document["stamps"] = dict(sorted(copy["stamps"].items()))
    return document


def export_json(store: Target) -> bytes:
    return orjson.dumps(export_document(store), option=orjson.OPT_INDENT_2) + b"\n"


def export_csv(store: Target) -> str:
    """One row per check-in: date,key,strategy,action,note,went (RFC 4180: CRLF, quotes doubled)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["date", "key", "strategy", "action", "note", "went"])
    titles = {s.key: s.title for s in store.strategies(archived=True)}
    for check_in in store.check_ins():
        writer.writerow([check_in.day.isoformat(), check_in.strategy, titles.get(check_in.strategy, ""),
                         check_in.action, check_in.note, check_in.went])
    return out.getvalue()


def is_export(data: object) -> bool:
    return isinstance(data, dict) and data.get("format") == FORMAT


def copy_from_export(data: dict[str, Any], where: Path | str) -> dict[str, dict[str, dict[str, Any]]]:
    """An export read back as a copy (table -> id -> document); DataError naming what is wrong."""
    def broken(reason: str) -> DataError:
        return DataError(f"{where} is a broken bondtui export ({reason}); nothing was changed")

    if data.get("version") != VERSION:
        raise broken(f"version {data.get('version')!r}; this bondtui reads version {VERSION}")
    copy: Copy = {}
    for table, (from_doc, to_doc) in RECORD_TABLES.items():
        docs = [data.get("settings", {})] if table == "settings" else data.get(table, [])
        if not isinstance(docs, list) or not all(isinstance(doc, dict) for doc in docs):
            raise broken(f"'{table}' must be a list of records")
        records = copy[table] = {}
        for number, doc in enumerate(docs, start=1):
            try:
                record = to_doc(from_doc(doc))
            except (ValueError, TypeError, KeyError, AttributeError) as error:
                raise broken(f"{table} record {number}: {error}") from None
            record_id = record["id"]
            if record_id in records:
                raise broken(f"{table} id {record_id!r} appears twice")
            records[record_id] = record
    for record_id in copy["strategies"]:  # the key rule; older imports made keys of up to 32 characters
        if not _KEY_READ.fullmatch(record_id):
            raise broken(f"strategy {record_id[:40]!r} cannot be a key: lowercase letters, digits, - and _ only")
    for table in ("checkins", "skips"):  # an export holds the strategy of every check-in: else it was altered
        for record in copy[table].values():
            if record["strategy"] not in copy["strategies"]:
                raise broken(f"{table} {record['id']!r} names a strategy '{record['strategy']}' the file does not hold")
    stamps = data.get("stamps", {})
    copy["stamps"] = {}
    try:
        for key, stamp in stamps.items():
            if not isinstance(stamp["gone"], bool):
                raise TypeError
            copy["stamps"][key] = {"at": _utc(stamp["at"]), "gone": stamp["gone"]}
    except (AttributeError, TypeError, KeyError, ValueError):
        raise broken("'stamps' must map table/id to {at: an ISO date-time, gone: true or false}") from None
    copy["meta"] = {"created": _created(data.get("created"))}
    return copy


def _utc(at: str) -> str:
    """A stamp's time as the store writes it: UTC, no offset, to the microsecond, so that text order is time order."""
    moment = datetime.fromisoformat(at)
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.isoformat(timespec="microseconds")
