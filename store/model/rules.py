"""The rules for what she types: strategy keys, titles, actions, sizes and settings.

Each check returns the value as it will be kept (trimmed, folded, deduplicated)
or raises a UsageError that says what is wrong and what would do.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container, Iterable
from typing import Any

from ..errors import UsageError
from .records import AGE_LIMIT, COLUMNS, DEFAULT_SIZE, SIZES, WENT

STRATEGY_FIELDS = ("title", "summary", "cadence", "actions", "sizes", "ages")
_KEY = re.compile(r"[a-z0-9][a-z0-9_-]{0,23}")
_KEY_STEM = 16  # new_key's stem, leaving room for a "-2"
_KEY_FILLERS = frozenset("a an the and or with of to for in on at his him her my your our".split())
# Each setting with the words that name it in an undo label.
SETTING_NAMES = {"son_name": "his name", "interests": "what he loves", "theme": "theme",
                 "day_start_hour": "day start", "week_start": "week start", "born": "his birth month",
                 "column": "the board's last column", "nudge": "the nudge time"}
_BORN = re.compile(r"(\d{4})-(\d{2})")
_TIME = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")
NAME_MAX, INTEREST_MAX, INTERESTS_MAX = 60, 40, 20


def _the(name: str) -> str:
    """A setting as a sentence names it: "his name", "the theme"."""
    words = SETTING_NAMES[name]
    return words if words.startswith(("his ", "what ", "the ")) else f"the {words}"


def valid_key(key: str) -> str:
    key = str(key).strip().lower()
    if not _KEY.fullmatch(key):
        raise UsageError(f"'{key}' cannot be a key; use up to 24 lowercase letters, digits, - and _, "
                         "starting with a letter or digit")
    return key


def valid_title(title: str) -> str:
    title = str(title).strip()
    if not title:
        raise UsageError("a strategy needs a title; it cannot be empty")
    return title


def valid_actions(actions: Iterable[str]) -> tuple[str, ...]:
    if isinstance(actions, str):
        raise TypeError("actions must be a list of texts, not one text")
    return tuple(dict.fromkeys(text for text in (str(a).strip() for a in actions) if text))


def valid_sizes(sizes: dict[str, str], actions: tuple[str, ...]) -> dict[str, str]:
    for action, size in sizes.items():
        if size not in SIZES:
            raise UsageError(f"'{size}' is not a size for '{action}'; choose one of: {', '.join(SIZES)}")
    return {action: size for action, size in sizes.items() if action in actions and size != DEFAULT_SIZE}


def valid_ages(ages: dict[str, Any], actions: tuple[str, ...]) -> dict[str, tuple[int, int]]:
    """Action -> (youngest, oldest), for the actions that remain."""
    kept = {}
    for action, span in ages.items():
        low, high = span
        if not (isinstance(low, int) and isinstance(high, int) and 0 <= low <= high <= AGE_LIMIT):
            raise UsageError(f"{list(span)} is not an age range for '{action}'; give two ages from 0 to {AGE_LIMIT}")
        if action in actions:
            kept[action] = (low, high)
    return kept


def valid_born(value: Any) -> str:
    """The month he was born, "YYYY-MM", or "" to forget it."""
    text = str(value).strip()
    found = _BORN.fullmatch(text)
    if text and not (found and 1900 <= int(found[1]) and 1 <= int(found[2]) <= 12):
        raise UsageError(f"'{text}' is not the month he was born; write it as YYYY-MM, such as 2012-05")
    return text


def valid_setting(name: str, value: Any) -> object:
    if name == "born":
        return valid_born(value)
    if name == "nudge":
        return valid_nudge(value)
    if name == "column":
        if value not in COLUMNS:
            raise UsageError(f"'{value}' cannot be the board's last column; choose one of: {', '.join(COLUMNS)}")
        return value
    if name in ("son_name", "theme"):
        value = str(value).strip()
        if len(value) > NAME_MAX:
            raise UsageError(f"{_the(name)} is {len(value)} characters long; at most {NAME_MAX} fit")
        return value
    if name == "interests":
        items = str(value).split(",") if isinstance(value, str) else list(value)
        seen: dict[str, str] = {}  # the first spelling of each, whatever its case
        for item in items:
            if text := str(item).strip():
                seen.setdefault(text.casefold(), text)
        interests = tuple(seen.values())
        if len(interests) > INTERESTS_MAX:
            raise UsageError(f"{len(interests)} interests are too many; keep to {INTERESTS_MAX} at most")
        for interest in interests:
            if len(interest) > INTEREST_MAX:
                raise UsageError(f"'{interest[:INTEREST_MAX]}…' is too long; an interest is at most {INTEREST_MAX} characters")
        return interests
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 6:
        choices = "a whole hour from 0 to 6" if name == "day_start_hour" else "0 (Monday) to 6 (Sunday)"
        raise UsageError(f"{value!r} cannot be {_the(name)}; choose {choices}")
    return value


def new_key(title: str, taken: Container[str]) -> str:
    """A short lowercase key made from a title, not in `taken`: "Read together" -> "read-together"."""
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    words = [word for word in re.findall(r"[a-z0-9]+", folded) if word not in _KEY_FILLERS][:2]
    base = "-".join(words)[:_KEY_STEM].strip("-") or "strategy"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


def valid_went(went: str) -> str:
    """How it went with him: great, ok or flat (any case), or "" for not said."""
    found = went.strip().lower()
    if found and found not in WENT:
        raise UsageError(f"how it went is one of {', '.join(WENT)}, not '{went}'")
    return found


def valid_nudge(value: Any) -> str:
    """ "19:30", "7:05" (kept as "07:05"), "off", or "" (the default time)."""
    text = str(value).strip().lower()
    if text in ("", "off"):
        return text
    found = _TIME.fullmatch(text)
    if not found:
        raise UsageError(f"'{text}' is not a time of day; give HH:MM (19:30), or off")
    return f"{int(found.group(1)):02d}:{found.group(2)}"
