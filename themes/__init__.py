"""bondtui's colour themes, kept as TOML files beside this module.

Each file holds the fields of a Textual ``Theme`` plus a ``[variables]`` table.
Besides Textual's own variables, the app's CSS uses the seven ``bond-*``
variables below for the habit cells. ``bond-today`` marks today's column or
cell; it is a plain colour, so CSS may use it as text (``color: $bond-today``)
or as a tint (``background: $bond-today 20%``).

The command line reads only their names (`files`); the board loads them as
Textual themes (`loading`). Users may drop their own ``*.toml`` files into ``user_theme_dir()``. A broken
file is skipped with a one-line warning and never stops the app from starting.
"""

from .files import BUILTIN_DIR, DEFAULT_THEME, TEXTUAL_THEMES, VARIABLE_DEFAULTS, theme_names, user_theme_dir

__all__ = ["BUILTIN_DIR", "DEFAULT_THEME", "TEXTUAL_THEMES", "VARIABLE_DEFAULTS", "theme_names", "user_theme_dir"]
