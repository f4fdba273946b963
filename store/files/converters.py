"""The one place where TinyDB documents become domain objects and back.

A document that does not convert raises `ValueError` naming the field, so a
hand-edited file is refused at open instead of failing later.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from ..model.cadence import Cadence
from ..model.days import FIRST_DAY, LAST_DAY
from ..model.records import AGE_LIMIT, COLUMNS, SIZES, WENT, Away, CheckIn, Plan, Settings, Skip, Strategy

_MONTH = re.compile(r"\d{4}-(?:0[1-9]|1[0-2])")
_CLOCK = re.compile(r"(?:[01]\d|2[0-3]):[0-5]\d")


def _text(doc: dict[str, Any], name: str, default: str | None = None) -> str:
    value = doc.get(name, default)
    if not isinstance(value, str):
        raise ValueError(f"'{name}' must be text")
    return value


def _texts(doc: dict[str, Any], name: str) -> tuple[str, ...]:
    value = doc.get(name, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError(f"'{name}' must be a list of text")
    return tuple(value)


def _day(doc: dict[str, Any], name: str) -> date:
    try:
        day = date.fromisoformat(_text(doc, name))
    except ValueError:
        raise ValueError(f"'{name}' must be a YYYY-MM-DD day") from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(f"'{name}' is {day.isoformat()}, outside {FIRST_DAY}..{LAST_DAY}")
    return day


def _int(doc: dict[str, Any], name: str, default: int, low: int, high: int) -> int:
    value = doc.get(name, default)
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise ValueError(f"'{name}' must be a whole number from {low} to {high}")
    return value


def strategy_from_doc(doc: dict[str, Any]) -> Strategy:
    actions = doc.get("actions", [])
    if not isinstance(actions, list) or not all(isinstance(action, str) for action in actions):
        raise ValueError("'actions' must be a list of text")
    sizes = doc.get("sizes", {})
    if not isinstance(sizes, dict) or not all(isinstance(k, str) and v in SIZES for k, v in sizes.items()):
        raise ValueError(f"'sizes' must map action text to one of: {', '.join(SIZES)}")
    return Strategy(
        ages=_ages(doc, actions),
        key=_text(doc, "key"),
        title=_text(doc, "title"),
        summary=_text(doc, "summary", ""),
        cadence=Cadence.parse(_text(doc, "cadence")),
        actions=tuple(actions),
        position=_int(doc, "position", 0, -(10**9), 10**9),
        since=_day(doc, "since"),
        archived=bool(doc.get("archived", False)),
        sizes={action: size for action, size in sizes.items() if action in actions and size != "moment"},
        origin=_text(doc, "origin", ""),
        archived_on=_day(doc, "archived_on") if doc.get("archived") and doc.get("archived_on") else None,
    )


def _ages(doc: dict[str, Any], actions: list[str]) -> dict[str, tuple[int, int]]:
    ages = doc.get("ages", {})
    if not isinstance(ages, dict) or not all(
            isinstance(k, str) and isinstance(v, list) and len(v) == 2 and all(type(n) is int for n in v)
            and 0 <= v[0] <= v[1] <= AGE_LIMIT for k, v in ages.items()):
        raise ValueError(f"'ages' must map action text to [youngest, oldest], whole years from 0 to {AGE_LIMIT}")
    return {action: (span[0], span[1]) for action, span in ages.items() if action in actions}


def strategy_to_doc(strategy: Strategy) -> dict[str, Any]:
    doc = {
        "id": strategy.key,
        "key": strategy.key,
        "title": strategy.title,
        "summary": strategy.summary,
        "cadence": str(strategy.cadence),
        "actions": list(strategy.actions),
        "position": strategy.position,
        "since": strategy.since.isoformat(),
        "archived": strategy.archived,
        "sizes": {action: size for action, size in strategy.sizes.items() if action in strategy.actions},
    }
    if strategy.ages:  # the catalog's actions for some ages only
        doc["ages"] = {action: list(span) for action, span in strategy.ages.items() if action in strategy.actions}
    if strategy.origin:
        doc["origin"] = strategy.origin
    if strategy.archived and strategy.archived_on:
        doc["archived_on"] = strategy.archived_on.isoformat()
    return doc


_days: dict[str, date] = {}  # many check-ins share a day: parse each day string once
_make_check_in = CheckIn._make  # builds the tuple in C, without the keyword-friendly __new__


def check_in_from_doc(doc: dict[str, Any]) -> CheckIn:
    # The fast path for the many well-formed check-ins; the careful one names the problem.
    try:
        day = doc["day"]
        check_in = _make_check_in((doc["id"], doc["strategy"], _days.get(day) or _days.setdefault(day, _in_bounds(day)),
                                   doc.get("action", ""), doc.get("note", ""), doc.get("at", ""), doc.get("went", "")))
        if str is type(check_in.id) is type(check_in.strategy) is type(check_in.action) is type(check_in.note) \
                is type(check_in.created) and check_in.went in _WENT:
            return check_in
    except (KeyError, TypeError, ValueError):
        pass
    return _check_in_checked(doc)


def _in_bounds(text: str) -> date:
    day = date.fromisoformat(text)
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError("out of bounds")  # the careful path below names the field
    return day


def _check_in_checked(doc: dict[str, Any]) -> CheckIn:
    created = doc.get("at", "")
    if not isinstance(created, str):
        raise ValueError("'at' must be an ISO date-time")
    return CheckIn(
        id=_text(doc, "id"),
        strategy=_text(doc, "strategy"),
        day=_day(doc, "day"),
        action=_text(doc, "action", ""),
        note=_text(doc, "note", ""),
        created=created,
        went=_went(doc),
    )


_WENT = ("", *WENT)


def _went(doc: dict[str, Any]) -> str:
    went = doc.get("went", "")
    if went not in _WENT:
        raise ValueError(f"'went' must be one of {', '.join(WENT)}, not {went!r}")
    return str(went)


def check_in_to_doc(check_in: CheckIn) -> dict[str, Any]:
    doc = {
        "id": check_in.id,
        "strategy": check_in.strategy,
        "day": check_in.day.isoformat(),
        "action": check_in.action,
        "note": check_in.note,
    }
    if check_in.created:
        doc["at"] = check_in.created
    if check_in.went:
        doc["went"] = check_in.went
    return doc


def skip_from_doc(doc: dict[str, Any]) -> Skip:
    return Skip(id=_text(doc, "id"), strategy=_text(doc, "strategy"), day=_day(doc, "day"))


def skip_to_doc(skip: Skip) -> dict[str, Any]:
    return {"id": skip.id, "strategy": skip.strategy, "day": skip.day.isoformat()}


def away_from_doc(doc: dict[str, Any]) -> Away:
    away = Away(id=_text(doc, "id"), start=_day(doc, "start"), end=_day(doc, "end"), reason=_text(doc, "reason", ""))
    if away.end < away.start:
        raise ValueError("'end' is before 'start'")
    return away


def away_to_doc(away: Away) -> dict[str, Any]:
    return {"id": away.id, "start": away.start.isoformat(), "end": away.end.isoformat(), "reason": away.reason}


def settings_from_doc(doc: dict[str, Any]) -> Settings:
    return Settings(
        son_name=_text(doc, "son_name", ""),
        interests=_texts(doc, "interests"),
        theme=_text(doc, "theme", ""),
        day_start_hour=_int(doc, "day_start_hour", 0, 0, 6),
        week_start=_int(doc, "week_start", 0, 0, 6),
        born=_born(doc),
        column=_column(doc),
        nudge=_nudge(doc),
    )


def _column(doc: dict[str, Any]) -> str:
    value = _text(doc, "column", "strength")
    if value not in COLUMNS:
        raise ValueError(f"'column' must be one of: {', '.join(COLUMNS)}")
    return value


def _nudge(doc: dict[str, Any]) -> str:
    text = _text(doc, "nudge", "")
    if text not in ("", "off") and not _CLOCK.fullmatch(text):
        raise ValueError("'nudge' must be HH:MM or off")
    return text


def _born(doc: dict[str, Any]) -> str:
    text = _text(doc, "born", "")
    if text and not _MONTH.fullmatch(text):
        raise ValueError("'born' must be a YYYY-MM month")
    return text


def settings_to_doc(settings: Settings) -> dict[str, Any]:
    return {
        "id": "settings",
        "son_name": settings.son_name,
        "interests": list(settings.interests),
        "theme": settings.theme,
        "day_start_hour": settings.day_start_hour,
        "week_start": settings.week_start,
        "born": settings.born,
        "column": settings.column,
        **({"nudge": settings.nudge} if settings.nudge else {}),  # absent while unset: older files read the same
    }


def questions_from_doc(doc: dict[str, Any]) -> dict[str, str]:
    """The one record of `meta` an undo step may hold: question id -> the day it was last asked or skipped."""
    used = doc.get("used")
    if doc.get("id") != "questions" or not isinstance(used, dict) or not all(
            isinstance(key, str) and isinstance(day, str) for key, day in used.items()):
        raise ValueError("'questions' must map question ids to days")
    return used


def plan_from_doc(doc: dict[str, Any]) -> Plan:
    return Plan(_text(doc, "id"), _text(doc, "strategy"), _day(doc, "day"), _text(doc, "action", ""),
                _text(doc, "at", ""))


def plan_to_doc(plan: Plan) -> dict[str, Any]:
    return {"id": plan.id, "strategy": plan.strategy, "day": plan.day.isoformat(), "action": plan.action,
            "at": plan.created}
