"""The check-in dialog: pick one of the strategy's actions or type one, add a note, and say how it went."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Footer, Input, Label, OptionList
from textual.widgets.option_list import Option

from store import Strategy

from ...text import printable
from ..host import host
from .dialog import Dialog


@dataclass(frozen=True)
class CheckInDraft:
    action: str
    note: str
    went: str = ""  # great, ok or flat; "" when she did not say


WENT = ("great", "ok", "flat")


class CheckInScreen(Dialog[CheckInDraft]):
    """Dismisses with a draft to log, or None when cancelled (nothing is written)."""

    BINDINGS = [
        Binding("ctrl+s", "confirm", "Log it", id="dialog.confirm", tooltip="Log it (in the check-in dialog)"),
        # One key, where no field takes typing (the list of actions, a button): how it went with him.
        *(Binding(how[0], f"went('{how}')", f"It went {how}", show=False, id=f"dialog.went_{how}") for how in WENT),
    ]

    DEFAULT_CSS = """
    CheckInScreen #day { color: $text-muted; }
    CheckInScreen OptionList { height: auto; max-height: 9; }
    CheckInScreen #went { height: 1; margin-top: 1; }
    CheckInScreen #went Label { color: $text-muted; }
    CheckInScreen #went Button { margin-left: 1; min-width: 7; }
    CheckInScreen #went Button.-chosen { text-style: bold reverse; }
    """

    def __init__(self, strategy: Strategy, day: date, actions: list[str]) -> None:
        super().__init__()
        self.strategy = strategy
        self.day = day
        self.actions = actions  # as she reads them: his name and an interest filled in
        self.went = ""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Content(printable(self.strategy.title)), id="title", classes="dialog-title")
            yield Label(Content(f"{self.day:%A %d %B %Y}"), id="day")
            with VerticalScroll(classes="dialog-body"):
                yield OptionList(*[Option(Content(printable(action)), id=str(i))
                                   for i, action in enumerate(self.actions)], id="actions", compact=True)
                yield Label("Or in your own words", classes="field")
                yield Input(placeholder="what you did", id="custom", compact=True)
                yield Label("A note to remember (optional)", classes="field")
                yield Input(placeholder="what he said, how it went", id="note", compact=True)
                with Horizontal(id="went"):
                    yield Label("How did it go? (g, o, f)")
                    for how in WENT:
                        yield Button(how.capitalize() if how != "ok" else "OK", id=f"went-{how}", compact=True)
                yield Label("Already logged this day (enter edits one)", classes="field", id="logged-label")
                yield OptionList(id="logged", compact=True)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Log it", variant="primary", id="confirm", compact=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.show_logged()
        options = self.query_one("#actions", OptionList)
        if self.actions:
            options.highlighted = 0
            options.focus()
        else:
            options.display = False
            self.query_one("#custom", Input).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "logged":
            self.edit_logged(event.option.id)
        else:
            self.set_focus(self.query_one("#note", Input))

    # -- the day's check-ins, editable afterwards ----------------------------------

    def show_logged(self) -> None:
        from .edit_checkin import check_in_line

        logged = host(self).store.check_ins(self.strategy.key, self.day)
        options = self.query_one("#logged", OptionList)
        options.clear_options()
        options.add_options([Option(check_in_line(c), id=c.id) for c in logged])
        if logged:
            options.highlighted = 0
        options.display = self.query_one("#logged-label").display = bool(logged)

    def edit_logged(self, check_in_id: str | None) -> None:
        from .edit_checkin import EditCheckInScreen

        store = host(self).store
        found = [c for c in store.check_ins(self.strategy.key, self.day) if c.id == check_in_id]
        if found:
            self.app.push_screen(EditCheckInScreen(store, found[0]), lambda _: self.show_logged())

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "custom":
            self.set_focus(self.query_one("#note", Input))
        else:
            self.action_confirm()

    def action_went(self, how: str) -> None:
        """Say how it went; the same again takes it back."""
        self.went = "" if self.went == how else how
        for each in WENT:
            self.query_one(f"#went-{each}", Button).set_class(self.went == each, "-chosen")

    @on(Button.Pressed, "#went Button")
    def went_pressed(self, event: Button.Pressed) -> None:
        self.action_went(str(event.button.id).removeprefix("went-"))

    @on(Button.Pressed, "#confirm")
    def action_confirm(self) -> None:
        self.close_with(CheckInDraft(self.chosen_action(), self.query_one("#note", Input).value.strip(), self.went))

    @on(Button.Pressed, "#cancel")
    def cancelled(self) -> None:
        self.close_with(None)

    def chosen_action(self) -> str:
        custom = self.query_one("#custom", Input).value.strip()
        if custom:
            return custom
        highlighted = self.query_one("#actions", OptionList).highlighted
        return self.actions[highlighted] if highlighted is not None and self.actions else ""
