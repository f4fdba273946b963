"""What a screen asks of the app, as a Protocol: screens use the app without importing its module.

The app (tui/board/app.py) imports the screens it opens; a screen that imported
the app back would close a circle. A screen reaches the running app as `host(self)`:
the one path for changing the data (`apply`), reading a closed year (`look`), the
store-changed signal every view follows, and the dialogs the app opens.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Protocol, TypeVar, cast

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode
    from textual.signal import Signal

    from store import Store

T = TypeVar("T")


class Host(Protocol):
    store: Store
    store_changed: Signal[None]
    bond_themes: list[str]
    reviewed: date | None  # the day she last opened the week in review
    theme: str

    def exit(self, result: object = None, return_code: int = 0, message: object = None) -> None: ...

    def apply(self, do: Callable[[], T], *, success: str | Callable[[T], str | None] | None = None) -> T | None: ...

    def look(self, read: Callable[[], T]) -> T | None: ...

    def open_settings(self) -> None: ...

    def open_editor(self, key: str | None = None) -> None: ...

    def open_away(self) -> None: ...

    def open_review(self) -> None: ...

    def open_archived(self) -> None: ...

    def archive(self, key: str) -> None: ...

    def confirm_delete(self, key: str) -> None: ...

    def check_in_today(self, key: str) -> object: ...

    def next_child(self) -> None: ...

    def switch_child(self, child_id: str) -> None: ...

    def add_child(self) -> None: ...


def host(node: DOMNode) -> Host:
    """The running app, as the screens may use it."""
    return as_host(node.app)


def as_host(app: App[object]) -> Host:
    """An app as the screens and the palette may use it (it is always bondtui's)."""
    return cast("Host", app)
