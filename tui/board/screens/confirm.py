"""A yes-or-no question asked before something is taken away."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Footer, Label, Static

from .dialog import Dialog


class ConfirmScreen(Dialog[bool]):
    """Dismisses with True for yes; False or None (escape) for no. The safe answer has the focus."""

    BINDINGS = [
        Binding("y", "yes", "Yes", id="confirm.yes", tooltip="Yes, go ahead"),
        Binding("n", "cancel", "No", id="confirm.no", tooltip="No, keep it"),
    ]

    def __init__(self, title: str, question: str, yes: str = "Yes", no: str = "Keep it") -> None:
        super().__init__()
        self.title_text, self.question, self.yes, self.no = title, question, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -narrow"):
            yield Label(Content(self.title_text), classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                yield Static(Content(self.question))
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.no, id="no", compact=True)
                yield Button(self.yes, id="yes", variant="error", compact=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed, "#yes")
    def action_yes(self) -> None:
        self.close_with(True)

    @on(Button.Pressed, "#no")
    def said_no(self) -> None:
        self.close_with(False)
