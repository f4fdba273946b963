"""The week in review: a warm reading, what he said, each strategy against its goal, what went great.

The same words as `bondtui review` (tui/week.py). His words come right after the
reading, so that on a screen of 100×30 the first of them shows without scrolling.
"""

from __future__ import annotations

from datetime import date, timedelta

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, Select, Static

from store import Store, parse_day_ahead, week_start_of

from ...text import printable
from ...week import heading, sections
from ..host import host
from .dialog import FormDialog

HEADING = "bold $primary"
PARTS = 5  # the reading, his words, each strategy, what went great, the days planned


class ReviewScreen(Screen):
    BINDINGS = [
        Binding("escape,w", "back", "Back", id="review.back", tooltip="Back to the board"),
        Binding("left_square_bracket", "week(-1)", "Week before", id="review.week_before", tooltip="The week before"),
        Binding("right_square_bracket", "week(1)", "Week after", id="review.week_after",
                tooltip="The week after (up to this one)"),
        Binding("p", "plan", "Plan a day", id="review.plan", tooltip="Plan a day (and an action) for a strategy"),
    ]

    DEFAULT_CSS = """
    ReviewScreen { layout: vertical; }
    ReviewScreen #title { padding: 0 1; text-style: bold; color: $accent; }
    ReviewScreen #parts { padding: 0 2; }
    ReviewScreen .part { height: auto; padding: 1 0 0 0; }
    """

    def __init__(self, store: Store, first: date | None = None) -> None:
        super().__init__()
        self.store = store
        self.first = first or self.this_week()

    def this_week(self) -> date:
        return week_start_of(self.store.today(), self.store.settings.week_start)

    def compose(self) -> ComposeResult:
        yield Static(id="title", markup=False)
        with VerticalScroll(id="parts"):
            for index in range(PARTS):
                yield Static(id=f"part-{index}", classes="part", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_content()
        host(self).store_changed.subscribe(self, self.refresh_content)

    def refresh_content(self, _: None = None) -> None:
        week = self.store.week_review(self.first)
        self.query_one("#title", Static).update(Content(heading(week)))
        parts = sections(week, self.store.plans(), lambda key: self.store.strategy(key).title)
        for index in range(PARTS):
            shown = self.query_one(f"#part-{index}", Static)
            shown.display = index < len(parts)
            if index < len(parts):
                title, rows = parts[index]
                lines: list[str | tuple[str, str]] = [(f"  · {row.strip()}", "dim") if row.startswith(" ") else row
                                                      for row in rows]
                joined: list[str | tuple[str, str]] = [piece for line in lines for piece in ("\n", line)][1:]
                head: list[str | tuple[str, str]] = [(title, HEADING), "\n"] if title else []
                shown.update(Content.assemble(*head, *joined))

    def action_back(self) -> None:
        self.dismiss()

    def action_plan(self) -> None:
        self.app.push_screen(PlanDialog(self.store))

    def action_week(self, step: int) -> None:
        first = self.first + timedelta(days=7 * step)
        if first > self.this_week():
            self.notify("This is the week in progress; the next one has not begun.", timeout=3)
            return
        self.first = first
        self.refresh_content()
        self.query_one("#parts", VerticalScroll).scroll_home(animate=False)


class PlanDialog(FormDialog[None]):
    """Plan a day for a strategy: on that day the Today panel offers it first."""

    TITLE_TEXT = "Plan a day"

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store

    def body(self) -> ComposeResult:
        strategies = self.store.strategies()
        yield Label("Which strategy", classes="field")
        yield Select([(printable(s.title), s.key) for s in strategies], value=strategies[0].key if strategies else
                     Select.BLANK, allow_blank=not strategies, compact=True, id="strategy")
        yield Label("Which day: a weekday, tomorrow or YYYY-MM-DD", classes="field")
        yield Input(placeholder="saturday", compact=True, id="day")
        yield Label("What you mean to do (optional)", classes="field")
        yield Input(placeholder="breakfast out, just the two of you", compact=True, id="action")

    def buttons(self) -> ComposeResult:
        yield Button("Plan it", variant="primary", compact=True, id="plan")

    def on_mount(self) -> None:
        self.query_one("#day", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#plan")
    def plan(self) -> None:
        key = self.query_one("#strategy", Select).value
        day, action = self.query_one("#day", Input).value, self.query_one("#action", Input).value
        if not isinstance(key, str) or self._answered:
            return
        made = host(self).apply(lambda: self.store.add_plan(key, parse_day_ahead(day or "?", self.store.today()), action),
                                success=lambda plan: f"Planned for {plan.day:%A %d %B}: that day it comes first.")
        if made is not None:
            self.close_with(None)
