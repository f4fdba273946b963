"""The theme files: where they are, the variables bondtui adds, and reading one's TOML without Textual."""

from __future__ import annotations

import re
from pathlib import Path

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

COLOUR_FIELDS = (
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
NUMBER_FIELDS = ("luminosity_spread", "text_alpha")
_KNOWN_KEYS = {"name", "dark", "variables", *COLOUR_FIELDS, *NUMBER_FIELDS}

# The name becomes a CSS class ("-theme-<name>") and commas separate fallback
# names in App.theme, so keep names to simple words.
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
PERCENT = re.compile(r"\d+(\.\d+)?%")


# Textual's own themes, by name: the command line checks a theme without loading Textual
# (tests/tui/board/test_themes.py holds this list to the installed Textual's).
TEXTUAL_THEMES = (
    "ansi-dark", "ansi-light", "atom-one-dark", "atom-one-light", "catppuccin-frappe", "catppuccin-latte",
    "catppuccin-macchiato", "catppuccin-mocha", "dracula", "flexoki", "gruvbox", "monokai", "nord", "rose-pine",
    "rose-pine-dawn", "rose-pine-moon", "solarized-dark", "solarized-light", "textual-dark", "textual-light",
    "tokyo-night",
)


class ThemeSkipped(Exception):
    """Why a theme file cannot be used."""


def user_theme_dir() -> Path:
    """Where a user's own theme files live, e.g. ``~/.config/bondtui/themes``."""
    import platformdirs

    return Path(platformdirs.user_config_dir("bondtui")) / "themes"


def theme_files(user_dir: Path | None = None) -> list[Path]:
    """The built-in theme files (hearth first), then any ``*.toml`` in ``user_dir``."""
    paths = sorted(BUILTIN_DIR.glob("*.toml"), key=lambda p: (p.stem != DEFAULT_THEME, p.name))
    if user_dir is not None and user_dir.is_dir():
        paths += sorted(user_dir.glob("*.toml"))
    return paths


def theme_names(user_dir: Path | None = None) -> list[str]:
    """The names of the theme files that read as themes, without loading Textual.

    The colours are checked when the board loads the themes (themes/loading.py): a file
    named here whose colours do not parse is skipped there with a warning.
    """
    names = []
    for path in theme_files(user_dir):
        try:
            names.append(read_theme_file(path)["name"])
        except ThemeSkipped:
            continue
    return list(dict.fromkeys(names))


def read_theme_file(path: Path) -> dict:
    """A theme file's TOML, its keys and name checked; ThemeSkipped says why it cannot be used."""
    import tomllib

    try:
        with path.open("rb") as file:
            data = tomllib.load(file)
    except OSError as error:
        raise ThemeSkipped(f"cannot be read: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise ThemeSkipped("is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise ThemeSkipped(f"invalid TOML: {error}") from None

    unknown = sorted(set(data) - _KNOWN_KEYS)
    if unknown:
        raise ThemeSkipped(f"unknown key {unknown[0]!r}")

    name = data.get("name")
    if name is None:
        raise ThemeSkipped("'name' is missing")
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise ThemeSkipped(f"'name' must be a word of letters, digits, '-' or '_': {name!r}")
    if "primary" not in data:
        raise ThemeSkipped("'primary' is missing")
    if not isinstance(data.get("dark", True), bool):
        raise ThemeSkipped("'dark' must be true or false")
    return data
