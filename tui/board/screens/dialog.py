"""The base of every dialog: a modal that closes exactly once, however fast the keys come.

Two shapes share it. A `Dialog` composes itself with the classes in app.tcss: a
`.dialog` box holding a `.dialog-title`, a scrolling `.dialog-body` and a row of
`.dialog-buttons` that always stays in view. A `FormDialog` (settings, editor,
away, archived) yields its fields from `body()` and its buttons from `buttons()`
into a `.form-dialog` frame with the title docked above and the buttons below.
"""

from __future__ import annotations

from typing import TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label

from ...text import without_controls

Result = TypeVar("Result")


class Dialog(ModalScreen[Result]):
    """Subclasses call `close_with(result)`; escape closes with None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel", tooltip="Close a dialog, writing nothing")]

    def __init__(self, classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self._answered = False  # two fast Enters may both reach the submit path: only the first counts

    def close_with(self, result: Result | None) -> None:
        if self._answered or not self.is_current:
            return
        self._answered = True
        self.dismiss(result)

    def action_cancel(self) -> None:
        self.close_with(None)

    def on_input_changed(self, event: Input.Changed) -> None:
        # A pasted escape sequence must not reach the terminal, nor the data.
        clean = without_controls(event.value)
        if clean != event.value:
            event.input.value = clean


class FormDialog(Dialog[Result]):
    """A dialog built from `body()` and `buttons()`, titled with TITLE_TEXT."""

    TITLE_TEXT = ""

    def __init__(self) -> None:
        super().__init__(classes="form-dialog")

    def compose(self) -> ComposeResult:
        with Vertical(id="frame"):
            yield Label(Content(self.TITLE_TEXT), id="dialog-title")
            with Horizontal(id="buttons"):
                yield from self.buttons()
            with VerticalScroll(id="body"):
                yield from self.body()
        yield Footer(compact=True)  # the dialog's own keys, not the board's underneath

    def body(self) -> ComposeResult:
        yield from ()

    def buttons(self) -> ComposeResult:
        yield from ()
