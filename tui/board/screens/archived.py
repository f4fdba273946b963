"""Archived strategies: restore one to the board, or delete one for good after typing its title."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from store import Store, Strategy

from ...text import plural, printable
from ..host import host
from .dialog import FormDialog


class ArchivedList(OptionList):
    BINDINGS = [Binding("delete", "delete", "Delete…", id="archived.delete")]

    def action_delete(self) -> None:
        option = self.highlighted_option
        if option is not None and option.id:
            host(self).confirm_delete(option.id)


class ArchivedScreen(FormDialog[str | None]):
    """Closes with the key of a restored strategy, or None."""

    TITLE_TEXT = "Archived strategies"

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store

    def body(self) -> ComposeResult:
        yield Label("enter puts one back on the board with all its history; delete removes it for good",
                    classes="hint")
        yield ArchivedList(id="archived")

    def buttons(self) -> ComposeResult:
        yield Button("Close", compact=True, id="close")
        yield Button("Restore", variant="primary", compact=True, id="restore")

    def on_mount(self) -> None:
        self.show_archived()
        host(self).store_changed.subscribe(self, lambda _: self.show_archived())
        self.query_one(ArchivedList).focus()

    def show_archived(self) -> None:
        archived = self.query_one(ArchivedList)
        archived.clear_options()
        options = [Option(Content.assemble(printable(s.title), (f"  {self._count(s)}", "dim")), id=s.key)
                   for s in self.store.archived_strategies()]
        archived.add_options(options or [Option(Content("Nothing is archived."), disabled=True)])
        if options:
            archived.highlighted = 0

    def _count(self, strategy: Strategy) -> str:
        return plural(len(self.store.check_ins(strategy.key)), "check-ins")

    @on(OptionList.OptionSelected)
    @on(Button.Pressed, "#restore")
    def restore(self) -> None:
        option = self.query_one(ArchivedList).highlighted_option
        if option is None or not option.id or self._answered:
            return
        key, title = option.id, printable(self.store.strategy(option.id).title)
        if host(self).apply(lambda: self.store.restore_strategy(key), success=f"{title} is back on the board.") is not None:
            self.close_with(key)

    @on(Button.Pressed, "#close")
    def close_pressed(self) -> None:
        self.action_cancel()


class DeleteScreen(FormDialog[None]):
    """Deleting takes its check-ins with it, so she types the title first; undo brings it all back."""

    TITLE_TEXT = "Delete for good"

    def __init__(self, strategy: Strategy) -> None:
        super().__init__()
        self.strategy = strategy

    def body(self) -> ComposeResult:
        yield Static(Content(f"“{printable(self.strategy.title)}” and every check-in of it will be removed. "
                             "It is archived already: its history stays as long as you keep it here. "
                             "Press escape to keep it."), classes="hint")
        yield Label("Type its title to delete it", classes="field")
        yield Input(compact=True, id="typed")

    def buttons(self) -> ComposeResult:
        yield Button("Cancel", compact=True, id="cancel")
        yield Button("Delete", variant="error", compact=True, disabled=True, id="delete")

    def on_mount(self) -> None:
        self.query_one("#typed", Input).focus()

    def matches(self) -> bool:
        return self.query_one("#typed", Input).value.strip().casefold() == self.strategy.title.strip().casefold()

    @on(Input.Changed, "#typed")
    def check(self) -> None:
        self.query_one("#delete", Button).disabled = not self.matches()

    @on(Input.Submitted, "#typed")
    @on(Button.Pressed, "#delete")
    def delete(self) -> None:
        if not self.matches() or self._answered:
            return
        store, key, title = host(self).store, self.strategy.key, printable(self.strategy.title)
        if host(self).apply(lambda: store.delete_strategy(key),
                          success=f"Deleted {title} for good (u on the board brings it back).") is not None:
            self.close_with(None)

    @on(Button.Pressed, "#cancel")
    def cancel_pressed(self) -> None:
        self.action_cancel()
