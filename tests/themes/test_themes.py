"""The theme files: they load, read well, and a broken user file never hurts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.color import Color
from textual.theme import BUILTIN_THEMES
from textual.widgets import Static

import themes
from tests import ROOT
from themes import BUILTIN_DIR, DEFAULT_THEME, VARIABLE_DEFAULTS
from themes.loading import load_themes

# Name -> dark, in load order: the default first, then alphabetical.
BUILTINS = {"hearth": True, "contrast": True, "night": True, "paper": False}
GOOD = """\
name = "meadow"
primary = "#5A8F3A"
background = "#F4F7EE"
foreground = "#223018"
dark = false
[variables]
bond-done = "#2E7D32"
footer-key-foreground = "#5A8F3A"
input-selection-background = "#5A8F3A 30%"
block-cursor-text-style = "bold underline"
"""


def builtin_themes() -> dict:
    loaded, warnings = load_themes()
    assert warnings == []
    return {theme.name: theme for theme in loaded}


def contrast(first: str, second: str) -> float:
    """WCAG 2 contrast ratio, computed from scratch rather than trusting Textual."""

    def luminance(colour: str) -> float:
        channels = [c / 255 for c in Color.parse(colour).rgb]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# --- the built-in themes ---------------------------------------------------


def test_builtins_load_without_warnings_hearth_first():
    loaded, warnings = load_themes()
    assert warnings == []
    assert DEFAULT_THEME == "hearth"
    assert [(theme.name, theme.dark) for theme in loaded] == list(BUILTINS.items())
    assert sorted(path.stem for path in BUILTIN_DIR.glob("*.toml")) == sorted(BUILTINS)


@pytest.mark.parametrize("name", BUILTINS)
def test_builtin_sets_every_colour_and_bond_variable(name):
    theme = builtin_themes()[name]
    for field in ("primary", "secondary", "accent", "foreground", "background",
                  "surface", "panel", "warning", "error", "success"):
        Color.parse(getattr(theme, field))
    assert set(VARIABLE_DEFAULTS) <= set(theme.variables)
    for key in VARIABLE_DEFAULTS:
        Color.parse(theme.variables[key])


@pytest.mark.parametrize("name", BUILTINS)
def test_text_is_readable(name):
    theme = builtin_themes()[name]
    needed = 7.0 if name == "contrast" else 4.5
    # Text sits on the background and on raised surfaces and panels alike.
    for ground in (theme.background, theme.surface, theme.panel):
        assert contrast(theme.foreground, ground) >= needed


@pytest.mark.parametrize("name", BUILTINS)
def test_habit_states_stand_out_from_the_background(name):
    theme = builtin_themes()[name]
    for key in VARIABLE_DEFAULTS:
        # WCAG asks 3:1 for meaningful marks; "not due" may be quieter, never invisible.
        needed = 2.0 if key == "bond-not-due" else 3.0
        assert contrast(theme.variables[key], theme.background) >= needed, key


def simulate(colour: str, kind: str) -> tuple[float, ...]:
    """How a colour looks with full protanopia/deuteranopia (Machado et al. 2009)."""
    matrix = {
        "protan": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
        "deutan": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
                   (-0.011820, 0.042940, 0.968881)),
    }[kind]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
              for c in (v / 255 for v in Color.parse(colour).rgb)]
    seen = [min(1.0, max(0.0, sum(m * c for m, c in zip(row, linear, strict=False)))) for row in matrix]
    return tuple(255 * (12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055)
                 for c in seen)


@pytest.mark.parametrize("kind", ["protan", "deutan"])
def test_contrast_done_and_missed_differ_for_colour_blind_eyes(kind):
    variables = builtin_themes()["contrast"].variables
    done, missed = simulate(variables["bond-done"], kind), simulate(variables["bond-missed"], kind)
    # A classic green/red pair (#00CC00 / #FF3300) scores about 54 here for deutan.
    assert sum((a - b) ** 2 for a, b in zip(done, missed, strict=False)) ** 0.5 >= 150


def test_variable_defaults_read_on_textual_dark_and_light():
    assert set(VARIABLE_DEFAULTS) == {
        "bond-done", "bond-missed", "bond-at-risk", "bond-skipped",
        "bond-away", "bond-not-due", "bond-today",
    }
    for theme in (BUILTIN_THEMES["textual-dark"], BUILTIN_THEMES["textual-light"]):
        background = theme.to_color_system().generate()["background"]
        for key, value in VARIABLE_DEFAULTS.items():
            assert contrast(value, background) >= (2.0 if key == "bond-not-due" else 3.0), key


# --- user themes -------------------------------------------------------------


def test_user_theme_is_added_after_builtins(tmp_path):
    write(tmp_path, "meadow.toml", GOOD)
    loaded, warnings = load_themes(tmp_path)
    assert warnings == []
    assert [theme.name for theme in loaded][-1] == "meadow"
    meadow = loaded[-1]
    assert meadow.dark is False
    assert meadow.variables["bond-done"] == "#2E7D32"
    assert meadow.variables["input-selection-background"] == "#5A8F3A 30%"


def test_user_theme_replaces_builtin_of_same_name(tmp_path):
    write(tmp_path, "mine.toml", GOOD.replace('"meadow"', '"night"'))
    loaded, warnings = load_themes(tmp_path)
    assert warnings == []
    names = [theme.name for theme in loaded]
    assert names.count("night") == 1 and len(names) == len(BUILTINS)
    assert {theme.name: theme for theme in loaded}["night"].primary == "#5A8F3A"


def test_missing_or_absent_user_dir_is_fine(tmp_path):
    for user_dir in (None, tmp_path / "nowhere", tmp_path):
        loaded, warnings = load_themes(user_dir)
        assert warnings == [] and len(loaded) == len(BUILTINS)


BROKEN = {
    "bad_toml": ('name = "oops\nprimary = ', "invalid TOML"),
    "bad_colour": (GOOD.replace('bond-done = "#2E7D32"', 'bond-done = "reddish"'),
                   """'bond-done' is not a colour: "reddish\""""),
    "bad_field_colour": (GOOD.replace('primary = "#5A8F3A"', 'primary = "moss"'),
                         """'primary' is not a colour: "moss\""""),
    "bad_textual_colour": (GOOD.replace('"#5A8F3A 30%"', '"#5A8F3A lots"'),
                           "'input-selection-background' is not a colour"),
    "bad_text_style": (GOOD.replace('"bold underline"', '"shouty"'), "is not a text style"),
    "missing_name": (GOOD.replace('name = "meadow"\n', ""), "'name' is missing"),
    "odd_name": (GOOD.replace('"meadow"', '"two, names"'), "'name' must be"),
    "missing_primary": (GOOD.replace('primary = "#5A8F3A"\n', ""), "'primary' is missing"),
    "variables_not_table": ('name = "x"\nprimary = "#123456"\nvariables = "red"\n',
                            "'variables' must be a table"),
    "unknown_key": (GOOD.replace("dark = false", "dark = false\nsparkle = true"),
                    "unknown key 'sparkle'"),
    "unknown_variable": (GOOD.replace("[variables]", '[variables]\nbond-doen = "#00FF00"'),
                         "unknown variable 'bond-doen'"),
    "dark_not_bool": (GOOD.replace("dark = false", 'dark = "no"'), "'dark' must be true or false"),
    "not_utf8": (None, "not UTF-8"),
}


@pytest.mark.parametrize("case", BROKEN)
def test_broken_user_file_is_skipped_with_one_warning(tmp_path, case):
    text, reason = BROKEN[case]
    if text is None:
        tmp_path.mkdir(exist_ok=True)
        path = tmp_path / "broken.toml"
        path.write_bytes(b'name = "\xff"\nprimary = "#123456"\n')
    else:
        path = write(tmp_path, "broken.toml", text)
    write(tmp_path, "meadow.toml", GOOD)  # a good neighbour still loads

    loaded, warnings = load_themes(tmp_path)

    assert [theme.name for theme in loaded] == [*BUILTINS, "meadow"]
    assert len(warnings) == 1
    assert warnings[0].startswith(f"Theme file {path} skipped: ")
    assert reason in warnings[0]
    assert "\n" not in warnings[0]


def test_exact_warning_wording(tmp_path):
    path = write(tmp_path, "x.toml", GOOD.replace('"#2E7D32"', '"reddish"'))
    assert load_themes(tmp_path)[1] == [
        f"Theme file {path} skipped: 'bond-done' is not a colour: \"reddish\""
    ]


def test_user_theme_dir_is_under_the_config_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    if sys.platform.startswith("linux"):
        assert themes.user_theme_dir() == tmp_path / "bondtui" / "themes"
    assert themes.user_theme_dir().parts[-2:] == ("bondtui", "themes")


def test_import_stays_cheap():
    # The command line's quick commands must not pay for Textual or TOML parsing.
    heavy = "{'textual', 'tomllib', 'platformdirs', 'rich'}"
    code = f"import sys, themes; print(sorted(m for m in sys.modules if m.split('.')[0] in {heavy}))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


# --- inside a running app ----------------------------------------------------


async def test_every_theme_applies_on_a_bare_app(tmp_path):
    write(tmp_path, "meadow.toml", GOOD)
    loaded, _ = load_themes(tmp_path)
    app = App()
    async with app.run_test() as pilot:
        for theme in loaded:
            app.register_theme(theme)
        for theme in loaded:
            app.theme = theme.name
            await pilot.pause()
            assert app.current_theme is theme


class BondApp(App):
    """The way bondtui uses the variables: CSS refers to them, defaults fill gaps."""

    CSS = "\n".join(
        f"#{key} {{ color: ${key}; background: ${key} 20%; }}" for key in VARIABLE_DEFAULTS
    )

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(VARIABLE_DEFAULTS)

    def compose(self) -> ComposeResult:
        for key in VARIABLE_DEFAULTS:
            yield Static(key, id=key)


async def test_bond_variables_reach_the_css(tmp_path):
    # meadow sets only bond-done; the other six must come from the defaults.
    write(tmp_path, "meadow.toml", GOOD)
    loaded, _ = load_themes(tmp_path)
    app = BondApp()
    async with app.run_test() as pilot:
        for theme in loaded:
            app.register_theme(theme)
        for theme in loaded:
            app.theme = theme.name
            await pilot.pause()
            for key, default in VARIABLE_DEFAULTS.items():
                expected = Color.parse(theme.variables.get(key, default))
                assert app.query_one(f"#{key}").styles.color == expected, (theme.name, key)


def test_the_command_line_knows_the_themes_the_board_loads(tmp_path):
    """`settings set theme` checks names without Textual: the same names the board offers."""
    from textual.theme import BUILTIN_THEMES

    from themes import TEXTUAL_THEMES, theme_names

    assert list(TEXTUAL_THEMES) == sorted(BUILTIN_THEMES)
    (tmp_path / "mine.toml").write_text('name = "mine"\nprimary = "#112233"\n')
    (tmp_path / "broken.toml").write_text('name = "broken"\n')  # no primary: neither offers it
    assert theme_names(tmp_path) == [theme.name for theme in load_themes(tmp_path)[0]]
    assert "mine" in theme_names(tmp_path) and "broken" not in theme_names(tmp_path)
