"""The files of one database: a main file, and a file per closed year beside it.

`bond.json` (the path `--db` names) holds everything but the check-ins and skips
of closed years (years before today's); those live in `bond.d/<year>-<hash>.json`,
each a TinyDB document with the tables `checkins` and `skips`. The main file's
`manifest` table names the file of each closed year; the name carries a hash of
the content, so a year rewritten gets a new name and the old one stays whole.

A change commits in one atomic step: the new year files are written under their
new names first, then the main file (and with it the manifest) is replaced
atomically. Until that rename the old manifest names only old files; after it,
only new ones. Files no manifest names are removed by the next writer.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import NamedTuple

import orjson

from .atomic import serialise, write_atomically

YEAR_TABLES = ("checkins", "skips")
MANIFEST = "manifest"
_YEAR_FILE = re.compile(r"(\d{4})-[0-9a-f]{16}\.json")


def year_folder(path: Path) -> Path:
    return path.with_name(f"{path.stem}.d")


def year_file_name(year: str, content: bytes) -> str:
    import hashlib  # only a writer names a year file: readers do not load it

    return f"{year}-{hashlib.sha256(content).hexdigest()[:16]}.json"


def year_of(doc: dict) -> str:
    return str(doc.get("day", ""))[:4]


class YearIndex:
    """Which check-ins and skips belong to which year: year -> table -> ids."""

    def __init__(self, data: dict):
        self.years: dict[str, dict[str, set[str]]] = {}
        for table in YEAR_TABLES:
            for record_id, doc in data.get(table, {}).items():
                self._at(year_of(doc), table).add(record_id)

    def _at(self, year: str, table: str) -> set[str]:
        return self.years.setdefault(year, {t: set() for t in YEAR_TABLES})[table]

    def move(self, table: str, record_id: str, before: dict | None, after: dict | None) -> set[str]:
        """Follow one record edit; the years it touched."""
        touched = set()
        if before is not None:
            touched.add(year_of(before))
            self._at(year_of(before), table).discard(record_id)
        if after is not None:
            touched.add(year_of(after))
            self._at(year_of(after), table).add(record_id)
        return touched

    def records(self, data: dict, year: str) -> dict:
        ids = self.years.get(year, {})
        return {table: {i: data[table][i] for i in sorted(ids.get(table, ())) if i in data[table]}
                for table in YEAR_TABLES}


def is_closed(year: str, open_year: int) -> bool:
    return year.isdigit() and len(year) == 4 and int(year) < open_year


class Plan(NamedTuple):
    """A write, encoded and ready: the year files to add, the main file, and the manifest it holds."""
    years: dict[str, bytes]  # file name -> content
    main: bytes
    manifest: dict[str, dict]


def digest(tables: dict) -> dict[str, list[int]]:
    """Per strategy, a hash of its check-in days and one of its skipped days (ordinals; the same in every process)."""
    days: dict[str, tuple[set, set]] = {}
    for column, table in enumerate(YEAR_TABLES):
        for doc in tables.get(table, {}).values():
            days.setdefault(doc["strategy"], (set(), set()))[column].add(date.fromisoformat(doc["day"]).toordinal())
    return {key: [hash(frozenset(done)), hash(frozenset(skipped))] for key, (done, skipped) in sorted(days.items())}


def plan(data: dict, index: YearIndex, manifest: dict[str, dict], touched: set[str], open_year: int) -> Plan:
    """Encode the set; only closed years that were touched, or are not in a year file yet, are rewritten.

    `manifest` maps each year to its entry: the file and the digest of its days.
    Years named there and not in `index` (not read yet) keep their files.
    Raises orjson.JSONEncodeError before anything reaches the disk.
    """
    new_manifest: dict[str, dict] = {year: entry for year, entry in manifest.items() if year not in index.years}
    to_write: dict[str, bytes] = {}
    in_main: set[str] = set()
    for year, tables in index.years.items():
        if not any(tables.values()):
            continue
        if not is_closed(year, open_year):
            in_main.add(year)
        elif year in manifest and year not in touched:
            new_manifest[year] = manifest[year]
        else:
            records = index.records(data, year)
            content = serialise(records)
            name = year_file_name(year, content)
            new_manifest[year] = {"file": name, "days": digest(records)}
            if manifest.get(year, {}).get("file") != name:
                to_write[name] = content
    main = {table: records for table, records in data.items() if table not in YEAR_TABLES and table != MANIFEST}
    for table in YEAR_TABLES:
        main[table] = {i: data[table][i] for year in sorted(in_main) for i in sorted(index.years[year][table])
                       if i in data[table]}
    main[MANIFEST] = dict(sorted(new_manifest.items()))
    return Plan(to_write, serialise(main), new_manifest)


def commit(path: Path, plan: Plan, manifest: dict[str, dict]) -> dict[str, dict]:
    """Write the set in one atomic step (the rename of the main file); returns the new manifest."""
    folder = year_folder(path)
    written: list[Path] = []
    try:
        if plan.years:
            folder.mkdir(mode=0o700, exist_ok=True)
        for name, year_content in plan.years.items():
            write_atomically(folder / name, year_content)
            written.append(folder / name)
        write_atomically(path, plan.main)
    except BaseException:
        for file in written:  # named by no manifest: the old set stays exactly as it was
            file.unlink(missing_ok=True)
        raise
    for year, entry in manifest.items():  # the old generations, now named by nothing
        if plan.manifest.get(year, {}).get("file") != entry["file"]:
            (folder / entry["file"]).unlink(missing_ok=True)
    return plan.manifest


def read_manifest(data: dict) -> dict[str, dict]:
    """Take the manifest out of the main file's tables and check it: year -> {"file", "days"}.

    ValueError says what is wrong with it.
    """
    manifest = data.pop(MANIFEST, {})
    for year, entry in manifest.items():
        name = entry.get("file")
        match = _YEAR_FILE.fullmatch(name) if isinstance(name, str) else None
        if not match or match.group(1) != year:
            raise ValueError(f"the manifest's entry for {year} is not a year file name")
        days = entry.get("days")
        if not (isinstance(days, dict) and all(isinstance(d, list) and len(d) == 2 and all(type(h) is int for h in d)
                                                 for d in days.values())):
            raise ValueError(f"the manifest's entry for {year} has no digest of its days")
    return manifest


def read_years(path: Path, manifest: dict[str, dict], read_file) -> dict[str, dict]:
    """The check-ins and skips of every year file the manifest names: table -> id -> record.

    `read_file(path) -> bytes`; ValueError names a file that is missing, broken or not the one named.
    """
    found: dict[str, dict] = {table: {} for table in YEAR_TABLES}
    folder = year_folder(path)
    for year, entry in manifest.items():
        file = folder / entry["file"]
        try:
            raw = read_file(file)
        except FileNotFoundError:
            raise ValueError(f"the year file {file} it names is missing") from None
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


def missing_years(path: Path, manifest: dict[str, dict]) -> str | None:
    """The first year file the manifest names that is not there (a look at the folder, no file opened)."""
    folder = year_folder(path)
    for entry in manifest.values():
        if not (folder / entry["file"]).is_file():
            return f"the year file {folder / entry['file']} it names is missing"
    return None


def remove_unnamed(path: Path, manifest: dict[str, dict]) -> int:
    """Remove year files and temp files the manifest does not name. Only call with the lock held."""
    folder = year_folder(path)
    if not folder.is_dir():
        return 0
    named = {entry["file"] for entry in manifest.values()}
    gone = 0
    for file in folder.iterdir():
        if file.name not in named and (_YEAR_FILE.fullmatch(file.name) or file.name.endswith(".tmp")):
            file.unlink(missing_ok=True)
            gone += 1
    if not named:
        try:
            folder.rmdir()
        except OSError:
            pass
    return gone


def combined(data: dict) -> bytes:
    """The whole set as one file of the single-file shape: what backups and restores hold."""
    return serialise({table: records for table, records in data.items() if table != MANIFEST})
