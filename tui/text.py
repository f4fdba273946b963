"""Plain-text helpers shared by the command line and the board (no Textual, no Rich)."""

from __future__ import annotations

import re
import unicodedata

# C0 and C1 controls (ESC among them) and DEL, and the bidirectional controls that reorder what
# follows them on a line (a right-to-left override in a title turned a board row around); tab and
# newline become spaces.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_CONTROL_IN_LINES = re.compile(r"\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _shown(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: str) -> str:
    """User text made safe for a terminal: control characters shown, never obeyed."""
    return _CONTROL.sub(lambda m: " " if m.group() in "\t\n\r" else _shown(m.group()), text)


def for_terminal(text: str) -> str:
    """Lines of data (an export) for a terminal: line ends kept, every other control shown, never obeyed."""
    return _CONTROL_IN_LINES.sub(lambda m: _shown(m.group()), text)


def without_controls(text: str) -> str:
    """Typed text with control characters removed (tabs and newlines become spaces)."""
    return _CONTROL.sub(lambda m: " " if m.group() in "\t\n\r" else "", text)


# The board's words for the streak units: "10 times" reads better than "10 occurrences".
# (`streaks --json` keeps the store's unit names for scripts.)
UNIT_WORDS = {"days": "days", "weeks": "weeks", "occurrences": "times", "periods": "rounds"}


def unit_word(unit: str) -> str:
    return UNIT_WORDS.get(unit, unit)


def plural(count: int, unit: str) -> str:
    """ "1 day", "12 days", "1 week": `unit` is the plural form."""
    return f"{count} {unit[:-1] if count == 1 else unit}"


def width(text: str) -> int:
    """Terminal cells a string takes, near enough for plain output (the board measures with Rich)."""
    return sum(_char_width(ch) for ch in text)


def _char_width(ch: str) -> int:
    if unicodedata.combining(ch) or unicodedata.category(ch) == "Cf":  # accents, joiners, selectors
        return 0
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def clip(text: str, cells: int) -> str:
    """Cut text to at most `cells` terminal cells, marking the cut with an ellipsis."""
    if width(text) <= cells:
        return text
    out, used = [], 0
    for ch in text:
        w = _char_width(ch)
        if used + w > cells - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def pad(text: str, cells: int) -> str:
    text = clip(text, cells)
    return text + " " * (cells - width(text))


def resting_line(store) -> str:
    """Why there is no suggestion now (the Today panel and `bondtui today` say the same)."""
    day = store.today()
    away = next((a for a in store.away_periods() if a.covers(day)), None)
    if away:
        return f"Away until {away.end:%a %d %b}: suggestions rest until then."
    if not store.strategies():
        return "Nothing to suggest: add a strategy to begin."
    return f"Everything is done for now — enjoy your time with {store.settings.son_name.strip() or 'him'}."


def described(change) -> str:
    """An undone or redone step as she reads it: "the check-in of Talk on Sat 28 Nov, made on the command line at
    19:02" (where and when only for a step that says)."""
    made = f", made {printable(change.made)}" if change.made else ""
    return f"the {printable(change.label)}{made}"


SERVED_ENV = "BONDTUI_SERVED"  # set by `bondtui serve` for the boards it starts: their screen is a page


def served() -> bool:
    """Whether this board was started for a page of `bondtui serve` (a finger, not a keyboard)."""
    import os

    return os.environ.get(SERVED_ENV) == "1"
