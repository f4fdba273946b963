"""The strategy editor: a new strategy (`a`) or the selected one (`e`).

Title, one-line summary, cadence (checked as she types, with the next days it
asks for) and the actions, each with a size. Saving is one undoable change;
every past check-in stays, and a new cadence re-reads the whole history.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from store import SIZES, Cadence, CadenceError, Store, Strategy

from ...text import printable
from ..host import host
from .dialog import FormDialog

PREVIEW_DAYS = 3
DEFAULT_CADENCE = "daily"


def _day(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def cadence_preview(spec: str, today: date, week_start: int, since: date | None) -> tuple[bool, str]:
    """(valid, words): "on Fridays · next: Fri 4 Dec, Fri 11 Dec, Fri 18 Dec, …", or why it is not a cadence."""
    try:
        cadence = Cadence.parse(spec)
    except CadenceError as error:
        return False, str(error)
    days = cadence.upcoming(today - timedelta(days=1), PREVIEW_DAYS, week_start=week_start, since=since)
    lead = "weeks from" if cadence.kind == "per_week" else "next:"
    return True, f"{cadence.describe()} · {lead} {', '.join(_day(d) for d in days)}, …"


class ActionList(OptionList):
    """Her actions: enter edits one, delete removes it, shift+↑/↓ moves it."""

    BINDINGS = [
        Binding("delete,backspace", "remove", "Remove", id="editor.remove_action"),
        Binding("shift+up", "shift(-1)", "Move up", id="editor.action_up"),
        Binding("shift+down", "shift(1)", "Move down", id="editor.action_down"),
    ]

    def action_remove(self) -> None:
        if self.highlighted is not None:
            cast(StrategyEditor, self.screen).remove_action(self.highlighted)

    def action_shift(self, step: int) -> None:
        if self.highlighted is not None:
            cast(StrategyEditor, self.screen).shift_action(self.highlighted, step)


class StrategyEditor(FormDialog[str | None]):
    """Closes with the key of the saved strategy, or None when cancelled (nothing written)."""

    BINDINGS = [Binding("ctrl+s", "save", "Save", id="editor.save", tooltip="Save the strategy")]

    def __init__(self, store: Store, key: str | None = None) -> None:
        super().__init__()
        self.store = store
        self.strategy: Strategy | None = store.strategy(key) if key else None
        old = self.strategy
        self.actions: list[tuple[str, str]] = [(a, old.size_of(a)) for a in old.actions] if old else []
        self.editing: int | None = None  # the action loaded into the field, if one is
        self.TITLE_TEXT = f"Edit {printable(old.title)}" if old else "Add a strategy"

    def body(self) -> ComposeResult:
        old = self.strategy
        yield Label("Title", classes="field")
        yield Input(old.title if old else "", placeholder="e.g. Cook dinner together", compact=True, id="title")
        yield Label("Summary (one line, optional)", classes="field")
        yield Input(old.summary if old else "", placeholder="what it is about", compact=True, id="summary")
        yield Label("Cadence (daily, N per week, weekly on DAYS, every N days)", classes="field")
        yield Input(str(old.cadence) if old else DEFAULT_CADENCE, compact=True, id="cadence")
        yield Static(id="preview", markup=False)
        yield Label("Actions: enter edits · delete removes · shift+↑/↓ moves", classes="field")
        yield ActionList(id="actions")
        with Horizontal(id="action-row"):
            yield Input(placeholder="a new action", compact=True, id="action-text")
            yield Select([(size, size) for size in SIZES], value=SIZES[0], allow_blank=False, compact=True,
                         id="action-size")
            yield Button("Add", compact=True, id="add-action")
        yield Static(id="error", classes="error", markup=False)

    def buttons(self) -> ComposeResult:
        yield Button("Cancel", compact=True, id="cancel")
        yield Button("Save", variant="primary", compact=True, id="save")

    def on_mount(self) -> None:
        self.show_actions(0)
        self.show_preview()
        self.query_one("#title", Input).focus()

    # -- the cadence -------------------------------------------------------------------

    @on(Input.Changed, "#cadence")
    def show_preview(self) -> bool:
        field = self.query_one("#cadence", Input)
        since = self.strategy.since if self.strategy else None
        valid, words = cadence_preview(field.value, self.store.today(), self.store.settings.week_start, since)
        preview = self.query_one("#preview", Static)
        preview.update(Content(words))
        preview.set_class(not valid, "error")
        field.set_class(not valid, "-invalid")
        return valid

    # -- the actions -------------------------------------------------------------------

    def show_actions(self, highlight: int | None = None) -> None:
        actions = self.query_one(ActionList)
        actions.clear_options()
        actions.add_options([Option(Content.assemble((f"{size:<8}", "dim"), printable(text)))
                             for text, size in self.actions])
        actions.display = bool(self.actions)
        if self.actions and highlight is not None:
            actions.highlighted = max(0, min(highlight, len(self.actions) - 1))

    @on(OptionList.OptionSelected, "#actions")
    def edit_action(self, event: OptionList.OptionSelected) -> None:
        self.editing = event.option_index
        text, size = self.actions[event.option_index]
        field = self.query_one("#action-text", Input)
        field.value = text
        self.query_one("#action-size", Select).value = size
        self.query_one("#add-action", Button).label = "Update"
        field.focus()

    @on(Input.Submitted, "#action-text")
    @on(Button.Pressed, "#add-action")
    def keep_action(self) -> bool:
        """Add the typed action (or update the one being edited); False when it cannot be."""
        field = self.query_one("#action-text", Input)
        text, size = field.value.strip(), str(self.query_one("#action-size", Select).value)
        if not text:
            return True
        if any(other == text for i, (other, _) in enumerate(self.actions) if i != self.editing):
            self.show_error(f"“{printable(text)}” is already one of its actions.")
            return False
        if self.editing is None:
            self.actions.append((text, size))
            where = len(self.actions) - 1
        else:
            self.actions[self.editing] = (text, size)
            where = self.editing
        self.editing = None
        field.value = ""
        self.query_one("#add-action", Button).label = "Add"
        self.show_error("")
        self.show_actions(where)
        field.focus()
        return True

    def remove_action(self, index: int) -> None:
        del self.actions[index]
        if self.editing is not None:
            self.editing = None
            self.query_one("#action-text", Input).value = ""
            self.query_one("#add-action", Button).label = "Add"
        self.show_actions(index)
        if not self.actions:
            self.query_one("#action-text", Input).focus()

    def shift_action(self, index: int, step: int) -> None:
        to = index + step
        if 0 <= to < len(self.actions) and self.editing is None:
            self.actions[index], self.actions[to] = self.actions[to], self.actions[index]
            self.show_actions(to)

    # -- saving ---------------------------------------------------------------------------

    @on(Input.Submitted, "#title, #summary, #cadence")
    def next_field(self) -> None:
        self.focus_next()

    def show_error(self, text: str) -> None:
        self.query_one("#error", Static).update(Content(text))

    @on(Button.Pressed, "#cancel")
    def cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        if self._answered:
            return
        title = self.query_one("#title", Input).value.strip()
        if not title:
            self.show_error("Give it a title.")
            self.query_one("#title", Input).focus()
            return
        if not self.show_preview():
            self.show_error("The cadence is not one bondtui knows (see above).")
            self.query_one("#cadence", Input).focus()
            return
        if not self.keep_action():  # an action typed but not yet added counts too
            return
        fields = {
            "title": title,
            "summary": self.query_one("#summary", Input).value.strip(),
            "cadence": self.query_one("#cadence", Input).value.strip(),
            "actions": tuple(text for text, _ in self.actions),
            "sizes": {text: size for text, size in self.actions if size != SIZES[0]},
        }
        key = self.save(fields)
        if key is not None:
            self.close_with(key)

    def save(self, fields: dict) -> str | None:
        store, old = self.store, self.strategy
        if old is None:
            added = host(self).apply(lambda: store.add_strategy(store.new_key(fields["title"]), **fields),
                                   success=f"Added {printable(fields['title'])}.")
            return added.key if added is not None else None
        now = {"title": old.title, "summary": old.summary, "cadence": str(old.cadence), "actions": old.actions,
               "sizes": dict(old.sizes)}
        changed = {name: value for name, value in fields.items() if now[name] != value}
        if changed.get("cadence") and Cadence.parse(changed["cadence"]) == old.cadence:
            del changed["cadence"]  # "2 a week" is what it already was
        if not changed:
            return old.key
        edited = host(self).apply(lambda: store.update_strategy(old.key, **changed),
                                success=f"Saved {printable(fields['title'])}.")
        return old.key if edited is not None else None
