"""The shape every dialog shares: a title, a scrolling body, buttons docked below.

A dialog closes exactly once: two fast Enters (or Enter and a click) may both
reach `answer`, and only the first one counts.
"""

from __future__ import annotations

from typing import TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from ..text import without_controls

T = TypeVar("T")


class Dialog(ModalScreen[T]):
    """Subclasses yield their fields from `body()` and their buttons from `buttons()`."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel", tooltip="Close without saving")]
    TITLE_TEXT = ""

    def __init__(self) -> None:
        super().__init__(classes="dialog")
        self._answered = False

    def compose(self) -> ComposeResult:
        with Vertical(id="frame"):
            yield Label(Content(self.TITLE_TEXT), id="dialog-title")
            with Horizontal(id="buttons"):
                yield from self.buttons()
            with VerticalScroll(id="body"):
                yield from self.body()

    def body(self) -> ComposeResult:
        yield from ()

    def buttons(self) -> ComposeResult:
        yield from ()

    def answer(self, result: T | None = None) -> None:
        if self._answered or not self.is_current:
            return
        self._answered = True
        self.dismiss(result)

    def action_cancel(self) -> None:
        self.answer(None)

    def on_input_changed(self, event: Input.Changed) -> None:
        # A pasted escape sequence must not reach the terminal, nor the data.
        clean = without_controls(event.value)
        if clean != event.value:
            event.input.value = clean
