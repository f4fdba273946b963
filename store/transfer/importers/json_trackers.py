"""The JSON trackers: dijo's `habit_record.json` and a beaverhabits export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .common import Found, broken

_PERIOD_DAYS = {"D": 1, "W": 7, "M": 30, "Y": 365}
MOST_PRECISION = 15  # digits after the point: what a float can hold


def is_dijo(data: object) -> bool:
    return isinstance(data, list) and bool(data) and all(
        isinstance(h, dict) and "name" in h and "stats" in h and "type" in h for h in data)


def is_beaverhabits(data: object) -> bool:
    return isinstance(data, dict) and isinstance(data.get("habits"), list) and all(
        isinstance(h, dict) and "name" in h and "records" in h for h in data["habits"])


def read_dijo(data: list[Any], path: Path) -> Found:
    """Every dijo habit is daily: Bit done when true, Count when value ≥ goal (goal 0: any value
    above 0), Float when value/10^precision ≥ goal; `auto` habits come in archived."""
    found = Found("dijo", "dijo habit record")
    for habit in data:
        name, kind, stats = habit.get("name"), habit.get("type"), habit.get("stats")
        if not isinstance(name, str) or not name.strip() or not isinstance(stats, dict):
            raise broken(path, "a dijo habit record", "a habit without a name or stats")
        if kind not in ("Bit", "Count", "Float"):
            found.ignored[f"habit of unknown type {kind!r}"] += 1
            continue
        try:
            goal = _amount(habit.get("goal"))
        except ValueError as error:
            raise broken(path, "a dijo habit record", f"“{name}”: {error}") from None
        found.habit(name, name, (1, 1) if goal else None, archived=bool(habit.get("auto")))
        for text, value in stats.items():
            try:
                amount = _amount(value)
            except ValueError as error:
                raise broken(path, "a dijo habit record", f"“{name}” on {text}: {error}") from None
            if amount is None:
                found.ignored["value not understood"] += 1
                continue
            done = bool(value) if kind == "Bit" else amount >= goal if goal else amount > 0
            if done and (day := found.day(text)) is not None:
                note = "" if kind == "Bit" else f"{amount:g}"
                found.done.append((name, day, note))
    return found


def _amount(value: object) -> float | None:
    """A dijo value or goal as a number: true/false, a count, or {"value", "precision"}."""
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, dict) and isinstance(value.get("value"), (int, float)):
        precision = value.get("precision", 0)
        if not isinstance(precision, int) or isinstance(precision, bool) or not 0 <= precision <= MOST_PRECISION:
            raise ValueError(f"a precision of {str(precision)[:20]!s} is not a whole number from 0 to {MOST_PRECISION}")
        return float(value["value"] / 10 ** precision)
    return None if value is not None else 0.0


def read_beaverhabits(data: dict[str, Any], path: Path) -> Found:
    """`done` records are check-ins (the text their note), `#skip` in the text a skip; `archive` habits
    come in archived, `soft_delete` ones not at all; the period maps to the nearest cadence."""
    found = Found("beaverhabits", "beaverhabits export")
    deleted = 0
    for habit in data["habits"]:
        name, records = habit.get("name"), habit.get("records")
        if not isinstance(name, str) or not name.strip() or not isinstance(records, list):
            raise broken(path, "a beaverhabits export", "a habit without a name or records")
        if habit.get("status") == "soft_delete":
            deleted += 1
            continue
        identity = str(habit.get("id") or name)
        found.habit(identity, name, _period(habit.get("period")), archived=habit.get("status") == "archive")
        for record in records:
            if not isinstance(record, dict) or not isinstance(record.get("day"), str):
                found.ignored["record without a day"] += 1
                continue
            text = record.get("text") or ""
            if not isinstance(text, str):
                text = str(text)
            if "#skip" in text.lower():
                if (day := found.day(record["day"])) is not None:
                    found.skipped.append((identity, day))
            elif record.get("done") is True and (day := found.day(record["day"])) is not None:
                found.done.append((identity, day, text))
    if deleted:
        found.notices.append(f"{deleted} deleted habit{'s' if deleted != 1 else ''} left out")
    return found


def _period(period: object) -> tuple[int, int]:
    if not isinstance(period, dict):
        return 1, 1
    days = _PERIOD_DAYS.get(str(period.get("period_type", "D")).upper()[:1], 1)
    count, target = period.get("period_count", 1), period.get("target_count", 1)
    if not isinstance(count, int) or not isinstance(target, int):
        return 0, 0
    return target, count * days
