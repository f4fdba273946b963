"""harsh: a folder with `habits` and `log`, or either file.

`habits` lines are `Name: freq[: YYYY-MM-DD]` (split on ": "), with `! Heading`
lines that group and `#` comments; freq is `T/I` or `I`, either side may end in
`w` for ×7, `0` means tracking only, and the date retires the habit. `log` lines
are `YYYY-MM-DD : Habit : y|n|s[ : comment[ : amount]]` (split on " : "); the last
line for a day and habit wins.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Literal

from ..target import Progress
from .common import Found, broken

LOG_LINE = re.compile(r"\d{4}-\d{2}-\d{2} : ")


def looks_like_log(text: str) -> bool:
    lines = _lines(text)
    return bool(lines) and all(LOG_LINE.match(line) for line in lines[:20])


def looks_like_habits(text: str) -> bool:
    lines = [line.split(": ") for line in _lines(text) if not line.startswith("!")]
    return bool(lines) and all(len(parts) >= 2 and _frequency(parts[1]) is not False for parts in lines[:20])


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def read(path: Path, progress: Progress | None = None) -> Found:
    """`path` is the folder, or one of its two files (the other is read too when it is beside it)."""
    folder = path if path.is_dir() else path.parent
    habits_file: Path | None = folder / "habits"
    log_file: Path | None = folder / "log"
    if path.is_file() and path.name not in ("habits", "log"):  # a file of another name: what it holds decides
        text = _decode(path)
        habits_file, log_file = (None, path) if looks_like_log(text) else (path, None)
    found = Found("harsh", "harsh habits and log")
    names: dict[str, str] = {}  # habit name -> identity
    if habits_file and habits_file.is_file():
        for line in _decode(habits_file).splitlines():
            _habit_line(found, names, line)
    log = _decode(log_file) if log_file and log_file.is_file() else ""
    if not names and not log:
        raise broken(path, "harsh files", "no habits and no log")
    _log(found, names, log)
    return found


def _decode(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise broken(path, "a harsh file", f"not UTF-8 text: {error.reason}") from None


def _habit_line(found: Found, names: dict[str, str], raw: str) -> None:
    line = raw.strip()
    if not line or line.startswith("#") or line.startswith("!"):
        return
    parts = [part.strip() for part in line.split(": ")]
    name = parts[0]
    if len(parts) < 2 or not name:
        found.ignored["habits line without a frequency"] += 1
        return
    frequency = _frequency(parts[1])
    if frequency is False:
        found.ignored["habits line with a frequency not understood"] += 1
        return
    retired = len(parts) > 2 and bool(parts[2])  # a retirement date: kept, but no longer on the board
    names[name] = name
    found.habit(name, name, frequency, archived=retired)


def _frequency(text: str) -> tuple[int, int] | None | Literal[False]:
    """`T/I` or `I`, each side may end in w (×7); None for 0 (tracking only); False if not understood."""
    def number(part: str) -> int:
        part = part.strip().lower()
        return int(part[:-1]) * 7 if part.endswith("w") else int(part)

    try:
        times, _, interval = text.rpartition("/")
        num, den = (number(times), number(interval)) if times else (1, number(interval))
    except ValueError:
        return False
    if den == 0 or num == 0:
        return None
    return num, den


def _log(found: Found, names: dict[str, str], text: str) -> None:
    latest: dict[tuple[str, date], tuple[str, str]] = {}  # (habit, day) -> (result, comment): the last wins
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split(" : ")
        if len(parts) < 3:
            found.ignored["log line not understood"] += 1
            continue
        day = found.day(parts[0])
        if day is None:
            continue
        name, result, rest = parts[1].strip(), parts[2].strip().lower(), parts[3:]
        if result not in ("y", "n", "s"):
            found.ignored["log line with a result other than y, n or s"] += 1
            continue
        if len(rest) > 1 and _is_amount(rest[-1]):
            rest = rest[:-1]
        if name not in names:
            names[name] = name
            found.habit(name, name, (1, 1))
            found.notices.append(f"“{name}” is in the log but not in habits: set to daily")
        latest[(name, day)] = (result, " : ".join(rest).strip())
    for (name, day), (result, comment) in latest.items():
        if result == "y":
            found.done.append((names[name], day, comment))
        elif result == "s":
            found.skipped.append((names[name], day))


def _is_amount(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
