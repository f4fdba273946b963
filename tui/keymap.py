"""The user's keymap: `[keymap]` in config.toml maps binding ids to keys.

    [keymap]
    "board.toggle" = "x"          # check in with x instead of space
    "board.undo" = "u,ctrl+z"     # several keys, separated by commas

A broken file never stops the app: each problem becomes one line naming the
line of the file, and the rest of the keymap still applies.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable, Iterable
from pathlib import Path

from textual.binding import Binding

ENV_CONFIG = "BONDTUI_CONFIG"
_KEY = re.compile(r"^[^\s,]+$")
_NAMES = {"up": "↑", "down": "↓", "left": "←", "right": "→", "question_mark": "?", "comma": ",",
          "shift+up": "shift+↑", "shift+down": "shift+↓"}


def config_path() -> Path:
    """BONDTUI_CONFIG wins; otherwise config.toml in the user config folder."""
    given = os.environ.get(ENV_CONFIG)
    if given:
        return Path(given).expanduser()
    import platformdirs  # only when no path was given

    return platformdirs.user_config_path("bondtui") / "config.toml"


def load_keymap(path: Path, known_ids: Callable[[], Iterable[str]]) -> tuple[dict[str, str], list[str]]:
    """(binding id -> keys, problems): a missing file is an empty keymap.

    `known_ids` is asked only when there is a keymap to check (it loads every screen).
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}, []
    except (OSError, UnicodeDecodeError) as error:
        return {}, [f"{path}: cannot read it ({getattr(error, 'strerror', None) or error}); default keys apply"]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = re.search(r"line (\d+)", str(error))
        where = f"line {line.group(1)}" if line else "it"
        return {}, [f"{path}, {where}: not valid TOML ({str(error).split(' (at')[0]}); default keys apply"]
    table = data.get("keymap", {})
    if not isinstance(table, dict):
        return {}, [f"{path}, line {_line_of(text, 'keymap')}: keymap must be a table ([keymap]); default keys apply"]
    known = set(known_ids()) if table else set()
    keymap, problems = {}, []
    for binding_id, keys in table.items():
        where = f"{path}, line {_line_of(text, binding_id)}"
        if binding_id not in known:
            problems.append(f"{where}: '{binding_id}' is not a binding id; see the ids in the README")
        elif not isinstance(keys, str) or not all(_KEY.match(key.strip()) for key in keys.split(",")):
            problems.append(f"{where}: '{binding_id}' needs keys as text, e.g. \"x\" or \"ctrl+x,x\"")
        else:
            keymap[binding_id] = ",".join(key.strip() for key in keys.split(","))
    return keymap, problems


def _line_of(text: str, word: str) -> int:
    """The first line that mentions `word` (TOML keeps no positions)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if word in line:
            return number
    return 1


def key_label(binding: Binding, keymap: dict[str, str] | None = None) -> str:
    """ "↑ / k", "space", "ctrl+r": the keys she types now, after her keymap."""
    keys = (keymap or {}).get(binding.id or "", binding.key)
    return " / ".join(_NAMES.get(key.strip(), key.strip()) for key in keys.split(","))
