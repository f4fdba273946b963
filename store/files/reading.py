"""The files on disk: where the data lives, reading and checking the set, its schema, and new data.

The main file names the year files beside it (store/files/layout.py); reading the set
checks every part before anyone uses it, upgrades an older schema in memory, and
refuses what is not bondtui data with a message that names the newest backup.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import orjson

from ..errors import DataError, UsageError
from ..model.cadence import Cadence
from ..model.catalog import CATALOG_VERSION, default_strategies, upgrade as upgrade_catalog
from ..model.records import Settings, Strategy
from .converters import (
    away_from_doc,
    check_in_from_doc,
    plan_from_doc,
    questions_from_doc,
    settings_from_doc,
    settings_to_doc,
    skip_from_doc,
    strategy_from_doc,
    strategy_to_doc,
)
from .layout import NotHereYet, combined, missing_years, read_manifest, read_years, year_folder
from .storage import newest_backup, serialise

SCHEMA_VERSION = 3
# Upgrades from version N to N + 1, each editing the raw tables in place.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], None]] = {
    1: lambda data: None,  # one file -> a main file and closed years beside it: they move out at the first write
    2: lambda data: None,  # the main file holds only the recent past, and the manifest sums each file's days:
}                          # the first write moves the older days out and sums every year file (read once for it)
ENV_PATH = "BONDTUI_DB"

MODEL_TABLES = ("settings", "strategies", "checkins", "skips", "away", "plans")
ALL_TABLES = ("meta", *MODEL_TABLES, "undo", "redo", "derived", "stamps")


def default_path() -> Path:
    import platformdirs  # only when no path was given

    return platformdirs.user_data_path("bondtui") / "bond.json"


def resolve_path(given: str | os.PathLike[str] | None = None) -> Path:
    """--db wins, then BONDTUI_DB, then the user data folder.

    A symlink is followed once, here: the lock, the temp files and the backups
    live beside its target, and each save atomically replaces the target.
    """
    chosen = given or os.environ.get(ENV_PATH)
    if not chosen:
        return default_path()
    text = os.fspath(chosen)
    path = Path(text).expanduser()
    if text.endswith(("/", os.sep)) or path.name in ("", ".", ".."):
        raise UsageError(f"{text!r} names a folder; name the data file in it, e.g. {path / 'bond.json'}")
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    return path


def not_bondtui(path: Path, reason: str) -> str:
    backup = newest_backup(path)
    # A later child's set (store/family.py: <stem>.children/<id>/): his restore names him by his folder.
    child = f" --child {path.parent.name}" if path.parent.parent.name.endswith(".children") else ""
    hint = f"newest backup: {backup} (`bondtui restore{child}` goes back to it)" if backup else "no backup yet"
    return f"{path} is not usable bondtui data ({reason}); it was left untouched; {hint}"


def read(path: Path) -> dict[str, Any]:
    """Read and check the set, upgrading old versions in memory; DataError if it is not ours."""
    return read_set(path)[0]


def reload(path: Path, years: set[str]) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """The main file and the files of the closed `years` (those the model holds), as opening and reading them did."""
    data, manifest, _ = read_set(path, lazy=True)
    try:
        tables = read_years(path, {year: manifest[year] for year in years if year in manifest}, read_regular)
    except ValueError as error:
        raise DataError(year_problem(path, error)) from None
    for table, records in tables.items():
        data.setdefault(table, {}).update(records)
    return upgrade_catalog(data), manifest


def combined_bytes(path: Path) -> bytes:
    """The set as one file: the main file's own bytes when it names no year file."""
    raw = read_main_bytes(path)
    data, manifest, _ = read_set(path, raw)
    return combined(data) if manifest else raw


def salvage(path: Path) -> tuple[bytes, list[Path]]:
    """The set as one file, from the main file and every year file it names that reads whole; and those year files.

    For keeping a set that cannot be read whole (a year file missing or broken)
    before it is replaced: what can be read is kept in a form `restore` takes back.
    DataError when the main file itself cannot be read.
    """
    raw = read_main_bytes(path)
    data, _ = read_main(path, raw)
    try:
        manifest = read_manifest(data)
    except ValueError:
        return raw, []
    if not manifest:
        return raw, []
    held = []
    for year, entry in manifest.items():
        try:
            tables = read_years(path, {year: entry}, read_regular)
        except ValueError:
            continue
        for table, records in tables.items():
            data.setdefault(table, {}).update(records)
        held.append(year_folder(path) / entry["file"])
    return combined(data), held


def read_set(path: Path, raw: bytes | None = None, lazy: bool = False) -> tuple[dict[str, Any], dict[str, dict[str, Any]], int]:
    """The main file and every year file it names, merged: (tables, manifest, version on disk).

    With `lazy` the year files are only looked for, not read. A writer may replace
    the main file and remove the old year files between our reads; then the main
    file has changed and we read it again.
    """
    given = raw
    for attempt in range(5):
        raw = given if given is not None else read_main_bytes(path)
        data, version = read_main(path, raw)
        try:
            manifest = read_manifest(data)
            if lazy:  # a year file not here yet is fine, unless the main file moved on meanwhile
                if (missing := missing_years(path, manifest)) and _moved(path, raw, given, attempt):
                    raise missing
            else:
                for table, records in read_years(path, manifest, read_regular).items():
                    data.setdefault(table, {}).update(records)
            break
        except ValueError as error:
            if not _moved(path, raw, given, attempt):
                raise DataError(year_problem(path, error)) from None
    check_steps(path, data)
    try:  # what cannot be written back (text nested too deep for JSON writers) is refused now, not at the next save
        serialise(data)
    except orjson.JSONEncodeError as error:
        raise DataError(not_bondtui(path, f"it cannot be saved again: {error}")) from None
    return data, manifest, version


def _moved(path: Path, raw: bytes, given: bytes | None, attempt: int) -> bool:
    """Whether a writer replaced the main file since `raw` was read from it (worth reading again)."""
    try:
        return given is None and attempt < 4 and read_regular(path) != raw
    except OSError:
        return False


def year_problem(path: Path, error: ValueError) -> str:
    """A year file that cannot be read, as she reads it: one not here yet is waited for, one there and wrong is broken."""
    return error.told(path) if isinstance(error, NotHereYet) else not_bondtui(path, str(error))


def read_main_bytes(path: Path) -> bytes:
    try:
        return read_regular(path)
    except IsADirectoryError:
        raise DataError(not_bondtui(path, "it is a folder")) from None
    except OSError as error:
        raise DataError(not_bondtui(path, f"cannot read it: {error.strerror or error}")) from None


def read_main(path: Path, raw: bytes) -> tuple[dict[str, Any], int]:
    """Check the main file's content, upgrading old versions in memory; DataError if it is not ours."""
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        reason = "the file is empty" if not raw.strip() else f"not valid JSON: {error}"
        raise DataError(not_bondtui(path, reason)) from None
    if not isinstance(data, dict) or not all(isinstance(t, dict) and all(isinstance(d, dict) for d in t.values())
                                             for t in data.values()):
        raise DataError(not_bondtui(path, "not a TinyDB file"))
    version = data.get("meta", {}).get("meta", {}).get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise DataError(not_bondtui(path, "it has no schema_version"))
    if version > SCHEMA_VERSION:
        newer = f"schema_version {version} is from a newer bondtui; this one reads up to {SCHEMA_VERSION}"
        raise DataError(not_bondtui(path, newer))
    on_disk = version
    while version < SCHEMA_VERSION:
        if version not in MIGRATIONS:
            raise DataError(not_bondtui(path, f"schema_version {version} cannot be upgraded"))
        MIGRATIONS[version](data)
        version += 1
        data["meta"]["meta"]["schema_version"] = version
    for table in ALL_TABLES:
        data.setdefault(table, {})
    return data, on_disk


def read_regular(path: Path) -> bytes:
    """The file's bytes; a FIFO or device (which could block or never end) is refused."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        kind = os.fstat(fd).st_mode
        if stat.S_ISDIR(kind):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(kind):
            raise OSError(0, "it is not a regular file")
        with os.fdopen(os.dup(fd), "rb") as file:
            return file.read()
    finally:
        os.close(fd)


def check_steps(path: Path, data: dict[str, Any]) -> None:
    """Undo and redo entries must be whole: they are replayed into the other tables."""
    for stack in ("undo", "redo"):
        for record_id, entry in data[stack].items():
            seq, label, ops = entry.get("seq"), entry.get("label"), entry.get("ops")
            try:
                whole = (isinstance(seq, int) and not isinstance(seq, bool) and isinstance(label, str)
                         and isinstance(ops, list) and all(_is_op(op) for op in ops))
            except (ValueError, TypeError, KeyError, AttributeError):
                whole = False
            if not whole:
                raise DataError(not_bondtui(path, f"{stack} record {record_id} is not a whole step"))


_FROM_DOC: dict[str, Callable[[dict[str, Any]], object]] = {
    "settings": settings_from_doc,
    "strategies": strategy_from_doc,
    "checkins": check_in_from_doc,
    "skips": skip_from_doc,
    "away": away_from_doc,
    "plans": plan_from_doc,
    "stamps": lambda doc: doc,
    "meta": questions_from_doc,
}  # a merge's steps also carry the stamps of what they changed; of `meta`, only the questions used are undone


def _is_op(op: object) -> bool:
    """A record edit whose sides convert, so that replaying it cannot fail half-way."""
    if not (isinstance(op, list) and len(op) == 4 and op[0] in _FROM_DOC and isinstance(op[1], str)):
        return False
    for side in op[2:]:
        if side is not None:
            if not isinstance(side, dict):
                return False
            _FROM_DOC[op[0]](side)  # raises on a bad field
    return True


def new_data(today: date) -> dict[str, Any]:
    """A new database's tables, dated `today`: the catalog's strategies and the default settings."""
    strategies: dict[str, dict[str, Any]] = {}
    for position, record in enumerate(default_strategies()):
        strategy = Strategy(record["key"], record["title"], record["summary"], Cadence.parse(record["cadence"]),
                            tuple(record["actions"]), position, today, sizes=record["sizes"], ages=record["ages"])
        strategies[strategy.key] = strategy_to_doc(strategy)
    data: dict[str, dict[str, Any]] = {table: {} for table in ALL_TABLES}
    data["meta"]["meta"] = {"id": "meta", "schema_version": SCHEMA_VERSION, "created": today.isoformat(),
                            "catalog": CATALOG_VERSION}
    data["strategies"] = strategies
    data["settings"]["settings"] = settings_to_doc(Settings())
    return data
