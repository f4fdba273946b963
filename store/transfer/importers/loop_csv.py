"""Loop Habit Tracker's CSV export: the zip, or the folder it unzips to.

`Habits.csv` lists the habits; each has a folder `NNN Name` (NNN its position,
from 001) with `Checkmarks.csv`: `Date,Value,Notes` with values YES_MANUAL,
YES_AUTO, NO, SKIP, UNKNOWN, or in older exports integers without a header or
notes. Only YES_MANUAL (2) is a check-in and SKIP (3) a skip.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections import Counter
from pathlib import Path, PurePosixPath
from typing import Any

from ...errors import DataError
from ..target import Progress
from .common import Found, broken

HABITS = "Habits.csv"
PIECE = 1 << 20  # an entry is read a MiB at a time
MOST_UNPACKED = 64 << 20  # and refused past 64 MiB unpacked
MOST_RATIO = 100  # or past 100 times its packed size: a zip bomb, not an export
CHECKMARKS = "Checkmarks.csv"
DONE, SKIPPED = {"YES_MANUAL", "2"}, {"SKIP", "3"}
_KNOWN = {"YES_MANUAL", "YES_AUTO", "NO", "SKIP", "UNKNOWN", "-1", "0", "1", "2", "3"}


def holds_export(files: list[str]) -> bool:
    return any(PurePosixPath(name).name == HABITS for name in files)


def read_folder(path: Path, progress: Progress | None = None) -> Found:
    files = {str(p.relative_to(path).as_posix()): p for p in path.rglob("*.csv") if p.is_file()}
    return _read(path, {name: file.read_bytes for name, file in files.items()})


def read_zip(path: Path, progress: Progress | None = None) -> Found:
    try:
        with zipfile.ZipFile(path) as archive:
            entries = [info for info in archive.infolist() if not info.is_dir()]
            return _read(path, {info.filename: (lambda info=info: _unpack(path, archive, info)) for info in entries})
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise broken(path, "a Loop Habit Tracker CSV export", str(error)) from None


def _unpack(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """An entry's bytes, read in pieces and refused as soon as it grows past what an export can be."""
    most = min(MOST_UNPACKED, max(info.compress_size, 1) * MOST_RATIO)
    pieces, size = [], 0
    with archive.open(info) as entry:
        while piece := entry.read(PIECE):
            size += len(piece)
            if size > most:
                raise DataError(f"{path} is refused: {info.filename} unpacks to more than {most >> 20 or most:,}"
                                f"{' MiB' if most >= 1 << 20 else ' bytes'} ({MOST_RATIO} times its packed size at most, "
                                f"{MOST_UNPACKED >> 20} MiB at most); nothing was changed")
            pieces.append(piece)
    return b"".join(pieces)


def _text(raw: bytes) -> str:
    return raw.decode("utf-8-sig")


def _read(path: Path, files: dict[str, Any]) -> Found:
    found = Found("loop-csv", "Loop Habit Tracker CSV export")
    habits_name = min((name for name in files if PurePosixPath(name).name == HABITS), key=len, default=None)
    if habits_name is None:
        raise broken(path, "a Loop Habit Tracker CSV export", f"no {HABITS}")
    root = PurePosixPath(habits_name).parent
    try:
        rows = list(csv.DictReader(io.StringIO(_text(files[habits_name]()), newline="")))
    except (UnicodeDecodeError, csv.Error) as error:
        raise broken(path, "a Loop Habit Tracker CSV export", f"{HABITS}: {error}") from None
    folders = {PurePosixPath(name).parent.name: name for name in files
               if PurePosixPath(name).name == CHECKMARKS and PurePosixPath(name).parent.parent == root}
    seen: Counter[str] = Counter()
    for row in rows:
        name = (row.get("Name") or "").strip()
        position = (row.get("Position") or "").strip()
        if not name:
            found.ignored[f"{HABITS} row without a name"] += 1
            continue
        seen[name] += 1  # names repeat; the nth habit of a name stays itself across exports
        identity = name if seen[name] == 1 else f"{name}#{seen[name]}"
        found.habit(identity, name, _frequency(row), summary=_summary(row),
                    archived=(row.get("Archived?") or "").strip().lower() == "true")
        folder = next((folders[f] for f in sorted(folders) if f.split(" ", 1)[0] == position.zfill(3)), None)
        if folder is None:
            found.notices.append(f"“{name}” has no {CHECKMARKS} in the export: no check-ins")
            continue
        try:
            _checkmarks(found, identity, _text(files[folder]()))
        except (UnicodeDecodeError, csv.Error) as error:
            raise broken(path, "a Loop Habit Tracker CSV export", f"{folder}: {error}") from None
    return found


def _frequency(row: dict[str, Any]) -> tuple[int, int]:
    num = row.get("FrequencyNumerator") or row.get("NumRepetitions") or "1"
    den = row.get("FrequencyDenominator") or row.get("Interval") or "1"
    try:
        return int(num), int(den)
    except ValueError:
        return 0, 0


def _summary(row: dict[str, Any]) -> str:
    return " — ".join(text for text in ((row.get("Question") or "").strip(), (row.get("Description") or "").strip())
                      if text)


def _checkmarks(found: Found, identity: str, text: str) -> None:
    for row in csv.reader(io.StringIO(text, newline="")):
        if not row or row[0].strip().lower() == "date":
            continue
        value = row[1].strip().upper() if len(row) > 1 else ""
        if value not in _KNOWN:
            found.ignored[f"{CHECKMARKS} value not understood"] += 1
            continue
        if value not in DONE and value not in SKIPPED:
            continue
        day = found.day(row[0])
        if day is None:
            continue
        if value in DONE:
            found.done.append((identity, day, row[2] if len(row) > 2 else ""))
        else:
            found.skipped.append((identity, day))
