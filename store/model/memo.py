"""The memo: derived values of today's data, remembered until the next change clears them.

One dict shared by the Store's parts; each value is filed under a key that names
what it is ("streak", key, day), so a value is always of the type its key says.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar, cast

T = TypeVar("T")

Memo = dict[Hashable, Any]


def remembered(memo: Memo, key: Hashable, make: Callable[[], T]) -> T:
    """The value filed under `key`, made (and filed) the first time it is asked for."""
    if key not in memo:
        memo[key] = make()
    return cast(T, memo[key])
