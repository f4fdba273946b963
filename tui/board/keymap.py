"""The user's keymap: `[keymap]` in config.toml maps binding ids to keys.

    [keymap]
    "board.toggle" = "x"          # check in with x instead of space
    "board.undo" = "u,ctrl+z"     # several keys, separated by commas

A broken file never stops the app: each problem becomes one line naming the
line of the file, and the rest of the keymap still applies. A key name that no
keyboard sends, and a key given to two things on one screen, are told too; and
ctrl+q and ctrl+c quit whatever the keymap says, so no keymap can lock her in.
"""

from __future__ import annotations

import os
import re
import tomllib
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path

from textual.binding import Binding

ENV_CONFIG = "BONDTUI_CONFIG"
ALWAYS_QUIT = ("ctrl+q", "ctrl+c")  # never hers to remap: the way out stays open
_MODIFIERS = {"ctrl", "shift", "alt", "meta", "super", "hyper"}
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


def is_key(key: str) -> bool:
    """Whether a keyboard can send `key`: "x", "ctrl+x", "f5", "space", "question_mark", "shift+up"."""
    from textual.keys import REPLACED_KEYS, Keys

    *modifiers, base = key.split("+")
    if not base or not set(modifiers) <= _MODIFIERS:
        return False
    if len(base) == 1 or base in {k.value for k in Keys} or base in REPLACED_KEYS:
        return True
    try:  # a character by its name, as Textual names keys ("question_mark"): one of a keyboard's letters
        return ord(unicodedata.lookup(base.replace("_", " ").upper())) < 0x250
    except KeyError:
        return False


def load_keymap(path: Path, known_ids: Callable[[], Iterable[str]],
                tables: Callable[[], list[list[Binding]]] | None = None) -> tuple[dict[str, str], list[str]]:
    """(binding id -> keys, problems): a missing file is an empty keymap.

    `known_ids` is asked only when there is a keymap to check (it loads every screen);
    `tables`, when given, are the bindings of each screen (the first: the app's, on every
    screen), to tell a key that would do two things.
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
        elif unknown := [key.strip() for key in keys.split(",") if not is_key(key.strip())]:
            problems.append(f"{where}: no key is called '{unknown[0]}'; '{binding_id}' keeps its keys")
        elif kept := [key.strip() for key in keys.split(",") if key.strip() in ALWAYS_QUIT]:
            problems.append(f"{where}: {kept[0]} always quits; '{binding_id}' keeps its keys")
        else:
            keymap[binding_id] = ",".join(key.strip() for key in keys.split(","))
    if tables and keymap:
        problems += _clashes(keymap, tables())
    return keymap, problems


def _clashes(keymap: dict[str, str], tables: list[list[Binding]]) -> list[str]:
    """One line for each key that would do two things on one screen (the app's keys are on every screen)."""
    told: dict[str, set[str]] = {}
    app, *screens = tables
    for table in screens or [[]]:
        by_key: dict[str, set[str]] = {}
        for binding in [*app, *table]:
            for key in keymap.get(binding.id or "", binding.key).split(","):
                by_key.setdefault(key.strip(), set()).add(binding.id or binding.action)
        for key, ids in by_key.items():
            if len(ids) > 1 and any(i in keymap for i in ids):
                told.setdefault(key, set()).update(ids)
    return [f"the key '{key}' is given to {len(ids)} things ({', '.join(sorted(ids))}); "
            "change one of them in the keymap" for key, ids in sorted(told.items())]


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
