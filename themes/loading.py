"""Loading the theme files as Textual themes, every colour and variable checked against the installed Textual.

The board loads them; the command line only needs their names (themes/__init__.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .files import COLOUR_FIELDS, NUMBER_FIELDS, PERCENT, VARIABLE_DEFAULTS, ThemeSkipped, read_theme_file, theme_files

if TYPE_CHECKING:
    from textual.theme import Theme


def load_themes(user_dir: Path | None = None) -> tuple[list[Theme], list[str]]:
    """Load the built-in themes (hearth first), then any ``*.toml`` in ``user_dir``.

    A user theme with the same name as an earlier one replaces it in place.
    Returns the themes and one-line warnings for every file that was skipped.
    """
    paths = theme_files(user_dir)
    checker = _Checker()
    themes: dict[str, Theme] = {}
    warnings: list[str] = []
    for path in paths:
        try:
            theme = checker.theme_from_file(path)
        except ThemeSkipped as reason:
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
        from textual.theme import Theme

        data = read_theme_file(path)
        name = data["name"]
        fields: dict = {"name": name, "dark": data.get("dark", True)}
        for key in COLOUR_FIELDS:
            if key in data:
                fields[key] = self._colour(key, data[key])
        for key in NUMBER_FIELDS:
            if key in data:
                value = data[key]
                if isinstance(value, bool) or not isinstance(value, (int, float)):
                    raise ThemeSkipped(f"{key!r} must be a number: {value!r}")
                fields[key] = float(value)
        fields["variables"] = self._variables(data.get("variables", {}))
        return Theme(**fields)

    def _variables(self, table: object) -> dict[str, str]:
        if not isinstance(table, dict):
            raise ThemeSkipped("'variables' must be a table")
        variables: dict[str, str] = {}
        for key, value in table.items():
            if key in VARIABLE_DEFAULTS:
                # The app also hands these to Rich, so they must be plain colours.
                variables[key] = self._colour(key, value)
            elif key not in self._textual_variables:
                raise ThemeSkipped(f"unknown variable {key!r}")
            elif not isinstance(value, str):
                raise ThemeSkipped(f"{key!r} must be a string: {value!r}")
            elif "style" in key:
                if not value.split() or not set(value.split()) <= self._style_words:
                    raise ThemeSkipped(f'{key!r} is not a text style: "{value}"')
                variables[key] = value
            elif self._is_css_colour(value):
                variables[key] = value
            else:
                raise ThemeSkipped(f'{key!r} is not a colour: "{value}"')
        return variables

    def _colour(self, key: str, value: object) -> str:
        if not isinstance(value, str) or not self._parses(value):
            raise ThemeSkipped(f'{key!r} is not a colour: "{value}"')
        return value

    def _is_css_colour(self, value: str) -> bool:
        # Textual's own variables may also carry an opacity ("#88C0D0 35%"),
        # or be "auto"/"initial" (contrasting text, no link background).
        words = value.split()
        if len(words) == 2 and PERCENT.fullmatch(words[1]):
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
