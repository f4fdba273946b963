"""The key that guards a served board: made once, kept beside her config, compared in constant time.

The page needs the key once, in the address `bondtui serve` prints; from then on an
HttpOnly, SameSite=Strict cookie carries it, so no other site can use it and no
script on the page can read it. A wrong key from one address is answered ever more
slowly; the right key never waits.
"""

from __future__ import annotations

import hmac
import secrets
import time
from pathlib import Path

from store import write_atomically

from ..board.keymap import config_path

COOKIE = "bondtui_key"
KEY_BYTES = 24  # 32 characters of URL-safe text: 192 bits, far past guessing, even without the slowing down
FIRST_WAIT, MOST_WAIT = 0.25, 8.0  # seconds before a wrong key is answered: doubling from the first to the most
FORGET_AFTER = 15 * 60  # an address that stops guessing starts afresh after this long


def key_path() -> Path:
    """`serve.key` beside config.toml (the user config folder, or beside BONDTUI_CONFIG)."""
    return config_path().with_name("serve.key")


def serve_key(*, new: bool = False) -> str:
    """The key, made (or, with `new`, made again) and kept readable by her alone."""
    path = key_path()
    if not new:
        try:
            kept = path.read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            kept = ""
        if len(kept) >= 32 and kept.replace("-", "").replace("_", "").isalnum():
            return kept
    key = secrets.token_urlsafe(KEY_BYTES)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    write_atomically(path, (key + "\n").encode("ascii"))
    return key


def same_key(given: str | None, key: str) -> bool:
    """Whether `given` is the key, in a time that does not tell how much of it was right."""
    return given is not None and hmac.compare_digest(given.encode("utf-8", "replace"), key.encode("ascii"))


class Slower:
    """How long to wait before answering a wrong key from each address: longer each time, up to MOST_WAIT."""

    def __init__(self) -> None:
        self._wrong: dict[str, tuple[int, float]] = {}  # address -> (wrong keys in a row, when the last came)

    def wrong(self, address: str) -> float:
        """A wrong key came from `address`: the seconds to wait before the answer."""
        count, last = self._wrong.get(address, (0, 0.0))
        now = time.monotonic()
        count = count + 1 if now - last < FORGET_AFTER else 1
        self._wrong[address] = (count, now)
        if len(self._wrong) > 4096:  # many addresses: keep the newest half
            for old in sorted(self._wrong, key=lambda a: self._wrong[a][1])[:2048]:
                del self._wrong[old]
        return min(MOST_WAIT, FIRST_WAIT * 2 ** (count - 1))
