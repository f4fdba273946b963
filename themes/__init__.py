"""bondtui's colour themes, kept as TOML files beside this module.

Each file holds the fields of a Textual ``Theme`` plus a ``[variables]`` table.
Besides Textual's own variables, the app's CSS uses the seven ``bond-*``
variables below for the habit cells. ``bond-today`` marks today's column or
cell; it is a plain colour, so CSS may use it as text (``color: $bond-today``)
or as a tint (``background: $bond-today 20%``).

Users may drop their own ``*.toml`` files into ``user_theme_dir()``. A broken
file is skipped with a one-line warning and never stops the app from starting.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Textual is imported lazily: the fast CLI commands never need it.
    from textual.theme import Theme

__all__ = [
    "BUILTIN_DIR",
    "DEFAULT_THEME",
    "VARIABLE_DEFAULTS",
    "load_themes",
    "user_theme_dir",
]

BUILTIN_DIR = Path(__file__).parent
DEFAULT_THEME = "hearth"

# Fallbacks for themes that do not set the bond-* variables (a user's own theme,
# or one of Textual's themes picked from the command palette). Mid-tones, so each
# keeps at least 3:1 against both textual-dark and textual-light backgrounds.
VARIABLE_DEFAULTS: dict[str, str] = {
    "bond-done": "#3A8F57",
    "bond-missed": "#D0583F",
    "bond-at-risk": "#A37410",
    "bond-skipped": "#8C7B6B",
    "bond-away": "#5A80BF",
    "bond-not-due": "#6E6E6E",
    "bond-today": "#B86A20",
}

_COLOUR_FIELDS = (
    "primary",
    "secondary",
    "accent",
    "foreground",
    "background",
    "surface",
    "panel",
    "boost",
    "warning",
    "error",
    "success",
)
_NUMBER_FIELDS = ("luminosity_spread", "text_alpha")
_KNOWN_KEYS = {"name", "dark", "variables", *_COLOUR_FIELDS, *_NUMBER_FIELDS}

# The name becomes a CSS class ("-theme-<name>") and commas separate fallback
# names in App.theme, so keep names to simple words.
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
_PERCENT = re.compile(r"\d+(\.\d+)?%")


class _Skip(Exception):
    """Why a theme file cannot be used."""


def user_theme_dir() -> Path:
    """Where a user's own theme files live, e.g. ``~/.config/bondtui/themes``."""
    import platformdirs

    return Path(platformdirs.user_config_dir("bondtui")) / "themes"


def load_themes(user_dir: Path | None = None) -> tuple[list[Theme], list[str]]:
    """Load the built-in themes (hearth first), then any ``*.toml`` in ``user_dir``.

    A user theme with the same name as an earlier one replaces it in place.
    Returns the themes and one-line warnings for every file that was skipped.
    """
    builtin = sorted(BUILTIN_DIR.glob("*.toml"), key=lambda p: (p.stem != DEFAULT_THEME, p.name))
    paths = list(builtin)
    if user_dir is not None and user_dir.is_dir():
        paths += sorted(user_dir.glob("*.toml"))

    checker = _Checker()
    themes: dict[str, Theme] = {}
    warnings: list[str] = []
    for path in paths:
        try:
            theme = checker.theme_from_file(path)
        except _Skip as reason:
            message = f"Theme file {path} skipped: {reason}"
            warnings.append(" ".join(message.splitlines()))  # always a single line
        else:
            themes[theme.name] = theme
    return list(themes.values()), warnings


class _Checker:
    """Validates theme files against the installed Textual."""

    def __init__(self) -> None:
        from textual.color import Color
        from textual.css.constants import VALID_STYLE_FLAGS
        from textual.design import ColorSystem

        self._parse_colour = Color.parse
        self._style_words = VALID_STYLE_FLAGS
        # Every variable Textual itself defines, so a typo is caught here rather
        # than becoming a silent no-op (or a CSS error once the theme is applied).
        self._textual_variables = set(ColorSystem(primary="#000000").generate())

    def theme_from_file(self, path: Path) -> Theme:
        import tomllib

        from textual.theme import Theme

        try:
            with path.open("rb") as file:
                data = tomllib.load(file)
        except OSError as error:
            raise _Skip(f"cannot be read: {error.strerror or error}") from None
        except UnicodeDecodeError:
            raise _Skip("is not UTF-8 text") from None
        except tomllib.TOMLDecodeError as error:
            raise _Skip(f"invalid TOML: {error}") from None

        unknown = sorted(set(data) - _KNOWN_KEYS)
        if unknown:
            raise _Skip(f"unknown key {unknown[0]!r}")

        name = data.get("name")
        if name is None:
            raise _Skip("'name' is missing")
        if not isinstance(name, str) or not _NAME.fullmatch(name):
            raise _Skip(f"'name' must be a word of letters, digits, '-' or '_': {name!r}")
        if "primary" not in data:
            raise _Skip("'primary' is missing")
        if not isinstance(data.get("dark", True), bool):
            raise _Skip("'dark' must be true or false")

        fields: dict = {"name": name, "dark": data.get("dark", True)}
        for key in _COLOUR_FIELDS:
            if key in data:
                fields[key] = self._colour(key, data[key])
        for key in _NUMBER_FIELDS:
            if key in data:
                value = data[key]
                if isinstance(value, bool) or not isinstance(value, (int, float)):
                    raise _Skip(f"{key!r} must be a number: {value!r}")
                fields[key] = float(value)
        fields["variables"] = self._variables(data.get("variables", {}))
        return Theme(**fields)

    def _variables(self, table: object) -> dict[str, str]:
        if not isinstance(table, dict):
            raise _Skip("'variables' must be a table")
        variables: dict[str, str] = {}
        for key, value in table.items():
            if key in VARIABLE_DEFAULTS:
                # The app also hands these to Rich, so they must be plain colours.
                variables[key] = self._colour(key, value)
            elif key not in self._textual_variables:
                raise _Skip(f"unknown variable {key!r}")
            elif not isinstance(value, str):
                raise _Skip(f"{key!r} must be a string: {value!r}")
            elif "style" in key:
                if not value.split() or not set(value.split()) <= self._style_words:
                    raise _Skip(f'{key!r} is not a text style: "{value}"')
                variables[key] = value
            elif self._is_css_colour(value):
                variables[key] = value
            else:
                raise _Skip(f'{key!r} is not a colour: "{value}"')
        return variables

    def _colour(self, key: str, value: object) -> str:
        if not isinstance(value, str) or not self._parses(value):
            raise _Skip(f'{key!r} is not a colour: "{value}"')
        return value

    def _is_css_colour(self, value: str) -> bool:
        # Textual's own variables may also carry an opacity ("#88C0D0 35%"),
        # or be "auto"/"initial" (contrasting text, no link background).
        words = value.split()
        if len(words) == 2 and _PERCENT.fullmatch(words[1]):
            words = words[:1]
        if len(words) != 1:
            return False
        return words[0] in ("auto", "initial") or self._parses(words[0])

    def _parses(self, value: str) -> bool:
        try:
            self._parse_colour(value)
        except Exception:  # ColorParseError, and anything odd a user may write
            return False
        return True
