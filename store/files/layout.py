"""The files of one database: a main file holding the recent past, and a file per year before it.

`bond.json` (the path `--db` names) holds everything but the check-ins and skips
before its first day, the first of the month MAIN_MONTHS months back; those live
in `bond.d/<year>-<hash>.json`, one file per year, each a TinyDB document with
the tables `checkins` and `skips`. The year the main file starts in has a file
too, holding its days before that start (its manifest entry says `until` when).
The main file's `manifest` table names the file of each year; the name carries a
hash of the content, so a year rewritten gets a new name and the old one stays
whole. When the main file's start moves on (at the first change of a month), the
days it lets go join their year's file, in the same write as that change.

A change commits in one atomic step: the new year files are written under their
new names first, then the main file (and with it the manifest) is replaced
atomically. Until that rename the old manifest names only old files; after it,
only new ones. Year files the manifest does not name (the generation a write
replaced, what a killed writer or a restore left, another machine's that came
before its main file) stay two weeks: another machine's main file or a sync
tool's conflict copy may name them. Then a saved change sets them aside beside
the backups; they are never deleted, and never moved before a change passed its checks.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

import orjson

from .atomic import Identity, serialise, write_atomically

YEAR_TABLES = ("checkins", "skips")
# One edit of one record: (table, id, before, after); None means "absent".
Op = tuple[str, str, dict[str, Any] | None, dict[str, Any] | None]
MANIFEST = "manifest"
# How many whole months before this one the main file holds: enough that the streak and strength
# checkpoints' sums (up to ~4 months back) and the guide's replay find every day they read in it.
MAIN_MONTHS = 5
_SUM = 2**64
_YEAR_FILE = re.compile(r"(\d{4})-[0-9a-f]{16}\.json")


def year_folder(path: Path) -> Path:
    return path.with_name(f"{path.stem}.d")


def year_file_name(year: str, content: bytes) -> str:
    import hashlib  # only a writer names a year file: readers do not load it

    return f"{year}-{hashlib.sha256(content).hexdigest()[:16]}.json"


def year_of(doc: dict[str, Any]) -> str:
    return str(doc.get("day", ""))[:4]


class YearIndex:
    """Which check-ins and skips belong to which year: year -> table -> ids."""

    def __init__(self, data: dict[str, Any]):
        self.years: dict[str, dict[str, set[str]]] = {}
        for table in YEAR_TABLES:
            for record_id, doc in data.get(table, {}).items():
                self._at(year_of(doc), table).add(record_id)

    def _at(self, year: str, table: str) -> set[str]:
        return self.years.setdefault(year, {t: set() for t in YEAR_TABLES})[table]

    def move(self, table: str, record_id: str, before: dict[str, Any] | None, after: dict[str, Any] | None) -> set[str]:
        """Follow one record edit; the years it touched."""
        touched = set()
        if before is not None:
            touched.add(year_of(before))
            self._at(year_of(before), table).discard(record_id)
        if after is not None:
            touched.add(year_of(after))
            self._at(year_of(after), table).add(record_id)
        return touched

    def records(self, data: dict[str, Any], year: str, ordered: bool = True) -> dict[str, Any]:
        """The year's records by table; `ordered` by id, as a year file is written (its name hashes its bytes)."""
        ids = self.years.get(year, {})
        return {table: {i: data[table][i] for i in (sorted if ordered else iter)(ids.get(table, ())) if i in data[table]}
                for table in YEAR_TABLES}


def main_from(today: date) -> date:
    """The first day the main file holds: the first of the month MAIN_MONTHS months before today's month."""
    months = today.year * 12 + today.month - 1 - MAIN_MONTHS
    return date(months // 12, months % 12 + 1, 1)


def _until(year: str, boundary: date) -> str | None:
    """Where the file of `year` ends when the main file starts at `boundary`: None for the whole year."""
    return boundary.isoformat() if int(year) == boundary.year else None


def _is_year(year: str) -> bool:
    return year.isdigit() and len(year) == 4


def held_from(manifest: dict[str, dict[str, Any]]) -> int:
    """The first day (an ordinal) the main file holds by this manifest: 0 when it names no year file."""
    return max((date.fromisoformat(entry["until"]) if "until" in entry else date(int(year) + 1, 1, 1)).toordinal()
               for year, entry in manifest.items()) if manifest else 0


def stale(manifest: dict[str, dict[str, Any]], read: set[str], boundary: date) -> set[str]:
    """The years not read whose files a write with the main file starting at `boundary` must rewrite.

    A year the main file now starts in or before, a year's file whose end moves, and a
    file whose entry keeps the digest of an older bondtui (it has no `sums`).
    """
    split, until = f"{boundary.year:04d}", boundary.isoformat()  # four-digit years compare as text
    return {year for year, entry in manifest.items() if year not in read and (
        year > split or (year == split and boundary.month == 1)
        or entry.get("until") != (until if year == split else None) or "sums" not in entry)}


class Plan(NamedTuple):
    """A write, encoded and ready: the year files to add, the main file, and the manifest it holds."""
    years: dict[str, bytes]  # file name -> content
    main: bytes
    manifest: dict[str, dict[str, Any]]
    read: set[str]  # the years of the new manifest whose records are all in memory


def sums(tables: dict[str, Any]) -> dict[str, int]:
    """Per strategy, a sum over its check-in days and its skipped days (each hashed; the same in every process).

    Sums add up: the days of a year split between its file and the main file sum to the whole year's.
    """
    days: dict[str, tuple[set[Any], set[Any]]] = {}
    for column, table in enumerate(YEAR_TABLES):
        for doc in tables.get(table, {}).values():
            days.setdefault(doc["strategy"], (set(), set()))[column].add(date.fromisoformat(doc["day"]).toordinal())
    return {key: (day_sum(done, 0) + day_sum(skipped, 1)) % _SUM for key, (done, skipped) in sorted(days.items())}


def day_sum(days: Iterable[int | tuple[int, ...]], column: int) -> int:
    """The sum of the days' hashes, check-ins in column 0 and skips in 1 (ints and tuples of ints hash alike
    in every process)."""
    return sum(hash((day, column)) for day in days) % _SUM


def plan(data: dict[str, Any], index: YearIndex, manifest: dict[str, dict[str, Any]], read: set[str], touched: set[str],
         boundary: date) -> Plan:
    """Encode the set with the main file starting at `boundary`; only year files that change are written.

    `manifest` maps each year to its entry: the file, the sums of its days, and
    `until` for a year whose file holds only its days before the main file's start.
    A year named there and not in `read` keeps its file (the caller read every
    year that `stale` names); `touched` holds the days of the records edited.
    Raises orjson.JSONEncodeError before anything reaches the disk.
    """
    start = boundary.isoformat()
    new_manifest: dict[str, dict[str, Any]] = {}
    to_write: dict[str, bytes] = {}
    unread = {year: entry for year, entry in manifest.items() if year not in read}
    if must_read := stale(unread, set(), boundary):
        raise RuntimeError(f"the years {', '.join(sorted(must_read))} must be read before this write")
    new_manifest.update(unread)
    main: dict[str, dict[str, Any]] = {table: {} for table in YEAR_TABLES}
    for year in sorted(index.years):
        whole = _is_year(year) and (year in read or year not in manifest)
        records = index.records(data, year, ordered=whole)
        if not whole or int(year) > boundary.year:  # a year not read holds only days of the main file in memory
            before = None
        else:
            before = {table: {i: doc for i, doc in docs.items() if doc["day"] < start} for table, docs in records.items()}
        for table, docs in records.items():
            main[table].update(docs if before is None else {i: doc for i, doc in docs.items() if i not in before[table]})
        if not whole or before is None or not any(before.values()):
            continue
        until, entry = _until(year, boundary), manifest.get(year, {})
        if entry.get("until") == until and "sums" in entry and not any(day[:4] == year and day < start for day in touched):
            new_manifest[year] = entry
            continue
        content = serialise(before)
        name = year_file_name(year, content)
        new_manifest[year] = {"file": name, "sums": sums(before), **({"until": until} if until else {})}
        if entry.get("file") != name:
            to_write[name] = content
    rest = {table: records for table, records in data.items() if table not in YEAR_TABLES and table != MANIFEST}
    rest.update(main)
    rest[MANIFEST] = dict(sorted(new_manifest.items()))
    now_read = {year for year in new_manifest if year in read or year not in manifest or new_manifest[year] is not manifest[year]}
    return Plan(to_write, serialise(rest), new_manifest, now_read)


class Committed(NamedTuple):
    manifest: dict[str, dict[str, Any]]  # the new manifest
    main: Identity  # the main file as written


def commit(path: Path, plan: Plan, manifest: dict[str, dict[str, Any]]) -> Committed:
    """Write the set in one atomic step (the rename of the main file)."""
    folder = year_folder(path)
    written: list[Path] = []
    try:
        if plan.years:
            folder.mkdir(mode=0o700, exist_ok=True)
        for name, year_content in plan.years.items():
            write_atomically(folder / name, year_content)
            written.append(folder / name)
        main = write_atomically(path, plan.main)
    except BaseException:
        for file in written:  # named by no manifest: the old set stays exactly as it was
            file.unlink(missing_ok=True)
        raise
    retire(path, [folder / entry["file"] for entry in manifest.values()], plan.manifest)
    return Committed(plan.manifest, main)


def retire(path: Path, files: list[Path], manifest: dict[str, dict[str, Any]]) -> None:
    """Year files this set no longer names stay as unnamed ones do, two weeks from now: another machine's
    main file or a sync tool's conflict copy may still name them (a removal here is a removal there)."""
    named = {entry["file"] for entry in manifest.values()}
    for file in files:
        if file.name not in named:
            try:
                os.utime(file)  # retired now: its two weeks start today
            except OSError:  # gone already
                pass


def read_manifest(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Take the manifest out of the main file's tables and check it: year -> {"file", "sums", "until"?}.

    ValueError says what is wrong with it.
    """
    manifest: dict[str, dict[str, Any]] = data.pop(MANIFEST, {})
    for year, entry in manifest.items():
        name = entry.get("file")
        match = _YEAR_FILE.fullmatch(name) if isinstance(name, str) else None
        if not match or match.group(1) != year:
            raise ValueError(f"the manifest's entry for {year} is not a year file name")
        days, older = entry.get("sums"), entry.get("days")  # "days": the digest an older bondtui kept, replaced at the next write
        if not (isinstance(days, dict) and all(type(h) is int for h in days.values()) if days is not None else
                isinstance(older, dict) and all(isinstance(d, list) and len(d) == 2 and all(type(h) is int for h in d)
                                                for d in older.values())):
            raise ValueError(f"the manifest's entry for {year} has no digest of its days")
        until = entry.get("until")
        if until is not None and not (isinstance(until, str) and re.fullmatch(rf"{year}-(0[2-9]|1[0-2])-01", until)):
            raise ValueError(f"the manifest's entry for {year} does not say where its file ends")
    return manifest


class NotHereYet(ValueError):
    """A year file the manifest names is not in the folder: another machine's, that a sync tool has not brought yet."""

    def __init__(self, file: Path):
        super().__init__(f"the year file {file} it names is not here yet")
        self.file = file

    def told(self, path: Path) -> str:
        """What she reads: not broken, only waited for."""
        return (f"{path} names the year file {self.file.name}, which is not here yet (a sync may still be bringing "
                f"it into {self.file.parent}); what needs {self.file.name[:4]} waits for it. Nothing was changed.")


def read_years(path: Path, manifest: dict[str, dict[str, Any]],
               read_file: Callable[[Path], bytes]) -> dict[str, dict[str, Any]]:
    """The check-ins and skips of every year file the manifest names: table -> id -> record.

    `read_file(path) -> bytes`; ValueError names a file that is missing, broken or not the one named.
    """
    found: dict[str, dict[str, Any]] = {table: {} for table in YEAR_TABLES}
    folder = year_folder(path)
    for year, entry in manifest.items():
        file = folder / entry["file"]
        try:
            raw = read_file(file)
        except FileNotFoundError:
            raise NotHereYet(file) from None
        except OSError as error:
            raise ValueError(f"cannot read the year file {file}: {error.strerror or error}") from None
        if year_file_name(year, raw) != entry["file"]:
            raise ValueError(f"the year file {file} is broken (its content is not what was saved)")
        try:
            tables = orjson.loads(raw)
        except orjson.JSONDecodeError as error:
            raise ValueError(f"the year file {file} is not valid JSON: {error}") from None
        if not (isinstance(tables, dict) and set(tables) <= set(YEAR_TABLES)
                and all(isinstance(t, dict) and all(isinstance(d, dict) for d in t.values()) for t in tables.values())):
            raise ValueError(f"the year file {file} is not a TinyDB file of check-ins and skips")
        for table in YEAR_TABLES:
            found[table].update(tables.get(table, {}))
    return found


def missing_years(path: Path, manifest: dict[str, dict[str, Any]]) -> NotHereYet | None:
    """The first year file the manifest names that is not there (a look at the folder, no file opened)."""
    folder = year_folder(path)
    for entry in manifest.values():
        if not (folder / entry["file"]).is_file():
            return NotHereYet(folder / entry["file"])
    return None


_OUR_TEMP = re.compile(r"\.\d{4}-[0-9a-f]{16}\.json\.\d+\.[0-9a-f]{8}\.tmp")  # store/files/atomic.py's temp names


def remove_temp_files(path: Path) -> int:
    """Remove the temp files a killed writer left among the year files (ours only). Only call with the lock held."""
    folder = year_folder(path)
    if not folder.is_dir():
        return 0
    leftovers = [file for file in folder.iterdir() if _OUR_TEMP.fullmatch(file.name)]
    for file in leftovers:
        file.unlink(missing_ok=True)
    return len(leftovers)


def unnamed(path: Path, manifest: dict[str, dict[str, Any]]) -> list[Path]:
    """The year files in the folder that the manifest does not name."""
    folder = year_folder(path)
    if not folder.is_dir():
        return []
    named = {entry["file"] for entry in manifest.values()}
    return sorted(file for file in folder.iterdir() if file.name not in named and _YEAR_FILE.fullmatch(file.name))


# A year file no manifest names may be another machine's that a sync tool brought before the main
# file naming it: it stays where it is this long after it arrived here, then goes aside.
UNNAMED_KEPT_SECONDS = 14 * 24 * 3600


def settled_unnamed(path: Path, manifest: dict[str, dict[str, Any]]) -> list[Path]:
    """The unnamed year files that arrived here UNNAMED_KEPT_SECONDS ago or more.

    Arrived: the later of the file's modification and its inode change here (a sync tool may
    keep the other machine's modification time; its rename into place changes the inode's).
    """
    settled = []
    for file in unnamed(path, manifest):
        try:
            found = file.stat()
        except OSError:  # gone meanwhile
            continue
        if time.time() - max(found.st_mtime, found.st_ctime) >= UNNAMED_KEPT_SECONDS:
            settled.append(file)
    return settled


def set_aside(files: list[Path], aside: Path) -> int:
    """Move year files out of the way into `aside`, never deleting one: its name is its content's hash,
    so a file of that name already there holds the same bytes. Only call with the lock held."""
    for file in files:
        aside.mkdir(mode=0o700, parents=True, exist_ok=True)
        target = aside / file.name
        if target.exists():
            file.unlink(missing_ok=True)
        else:
            file.replace(target)
    return len(files)


def remove_empty_folder(path: Path) -> None:
    try:
        year_folder(path).rmdir()
    except OSError:  # not empty, not there, or a symlink to a folder: leave it
        pass


def combined(data: dict[str, Any]) -> bytes:
    """The whole set as one file of the single-file shape: what backups and restores hold."""
    return serialise({table: records for table, records in data.items() if table != MANIFEST})
