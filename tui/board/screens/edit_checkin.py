"""Edit a check-in afterwards: what she did, and the note of what he said."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Button, Input, Label

from store import CheckIn, Store

from ...text import printable
from ..host import host
from .dialog import FormDialog


def check_in_line(check_in: CheckIn) -> Content:
    """ "Asked his opinion — he laughed" for lists of check-ins."""
    action = printable(check_in.action) or "(no action named)"
    return Content.assemble(action, (f" — {printable(check_in.note)}", "dim") if check_in.note else "")


class EditCheckInScreen(FormDialog[CheckIn | None]):
    """Saves the edit itself (one undoable change) and closes with the edited check-in."""

    BINDINGS = [Binding("ctrl+s", "save", "Save", id="edit.save", tooltip="Save the check-in")]

    def __init__(self, store: Store, check_in: CheckIn) -> None:
        super().__init__()
        self.store = store
        self.check_in = check_in
        title = printable(store.strategy(check_in.strategy).title)
        self.TITLE_TEXT = f"{title} · {check_in.day:%a %d %b %Y}"

    def body(self) -> ComposeResult:
        yield Label("What you did", classes="field")
        yield Input(self.check_in.action, compact=True, id="action")
        yield Label("The note (what he said, how it went)", classes="field")
        yield Input(self.check_in.note, compact=True, id="note")

    def buttons(self) -> ComposeResult:
        yield Button("Cancel", compact=True, id="cancel")
        yield Button("Save", variant="primary", compact=True, id="save")

    def on_mount(self) -> None:
        self.query_one("#note", Input).focus()

    @on(Input.Submitted, "#action")
    def next_field(self) -> None:
        self.focus_next()

    @on(Input.Submitted, "#note")
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        if self._answered:
            return
        action = self.query_one("#action", Input).value.strip()
        note = self.query_one("#note", Input).value.strip()
        old = self.check_in
        if (action, note) == (old.action, old.note):
            self.close_with(old)
            return
        edited = host(self).apply(lambda: self.store.edit_check_in(old.id, action=action, note=note),
                                success="Saved the check-in.")
        if edited is not None:
            self.close_with(edited)

    @on(Button.Pressed, "#cancel")
    def cancel_pressed(self) -> None:
        self.action_cancel()
