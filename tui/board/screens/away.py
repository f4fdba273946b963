"""Away periods ("he's at camp"): add one, or remove one from the list.

While he is away every strategy is paused: the board shows `-`, streaks and
strength wait, suggestions rest.
"""

from __future__ import annotations

from datetime import date
from typing import cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from store import Away, Store, UsageError, parse_date_arg

from ...text import printable
from ..host import host
from .dialog import FormDialog

DATE_HINT = "YYYY-MM-DD, today, yesterday or -N"


def read_day(text: str, today: date) -> date:
    """A DATE as the command line reads it, except that an away period may be planned ahead."""
    word = text.strip()
    if len(word) == 10:
        try:
            return date.fromisoformat(word)
        except ValueError:
            pass
    return parse_date_arg(word, today)


def describe(away: Away) -> str:
    span = f"{away.start:%a %d %b %Y} – {away.end:%a %d %b %Y}"
    return f"{span} · {away.reason}" if away.reason else span


class AwayList(OptionList):
    BINDINGS = [Binding("delete,backspace", "remove", "Remove", id="away.remove")]

    def action_remove(self) -> None:
        away_id = self.get_option_at_index(self.highlighted).id if self.highlighted is not None else None
        if away_id:
            cast(AwayScreen, self.screen).remove_period(away_id)


class AwayScreen(FormDialog[None]):
    TITLE_TEXT = "Away: every strategy pauses"

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store

    def body(self) -> ComposeResult:
        yield Label("Periods (delete removes the highlighted one)", classes="field")
        yield AwayList(id="periods")
        with Horizontal(id="dates"):
            with Vertical():
                yield Label("From", classes="field")
                yield Input(placeholder="YYYY-MM-DD", compact=True, id="start")
            with Vertical():
                yield Label("Until (may be ahead)", classes="field")
                yield Input(placeholder="YYYY-MM-DD", compact=True, id="end")
        yield Label(f"Dates: {DATE_HINT}", classes="hint")  # whole at every width, not cut in a half-width field
        yield Label("Reason (optional)", classes="field")
        yield Input(placeholder="e.g. camp", compact=True, id="reason")
        yield Static(id="error", classes="error", markup=False)

    def buttons(self) -> ComposeResult:
        yield Button("Close", compact=True, id="close")
        yield Button("Add", variant="primary", compact=True, id="add")

    def on_mount(self) -> None:
        self.show_periods()
        self.query_one("#start", Input).focus()

    def show_periods(self) -> None:
        periods = self.query_one(AwayList)
        highlighted = periods.highlighted
        periods.clear_options()
        listed = [Option(Content(printable(describe(a))), id=a.id) for a in self.store.away_periods()]
        periods.add_options(listed or [Option(Content("No away periods yet."), disabled=True)])
        if listed:
            periods.highlighted = min(highlighted or 0, len(listed) - 1)

    def remove_period(self, away_id: str) -> None:
        if host(self).apply(lambda: self.store.remove_away(away_id), success="Removed the away period.") is not None:
            self.show_periods()

    @on(Input.Submitted, "#start, #end")
    def next_field(self) -> None:
        self.focus_next()

    @on(Input.Submitted, "#reason")
    @on(Button.Pressed, "#add")
    def add(self) -> None:
        values = {name: self.query_one(f"#{name}", Input).value for name in ("start", "end", "reason")}
        today = self.store.today()
        try:
            start = read_day(values["start"], today)
            end = read_day(values["end"] or values["start"], today)
        except UsageError as error:
            self.query_one("#error", Static).update(Content(str(error)))
            return
        merging = len(self.store.overlapping_away(start, end))
        added = host(self).apply(lambda: self.store.add_away(start, end, values["reason"]))
        if added is None:
            return
        merged = f", merged with {merging} that shared days" if merging else ""
        self.notify(f"Away {added.start:%d %b %Y} – {added.end:%d %b %Y}{merged}.", markup=False)
        for name in values:
            self.query_one(f"#{name}", Input).value = ""
        self.query_one("#error", Static).update("")
        self.show_periods()
        self.query_one("#start", Input).focus()

    @on(Button.Pressed, "#close")
    def close_pressed(self) -> None:
        self.action_cancel()
