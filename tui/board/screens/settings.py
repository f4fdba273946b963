"""Settings: his name, what he loves, when he was born, the theme, when a day starts and a week begins.

Every change is saved as soon as it is made (a field when she leaves it or
presses enter, a choice when she picks it), one undoable step each.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Button, Input, Label, Select

from store import Store

from ...text import printable
from ..host import host
from .dialog import FormDialog

WEEK_STARTS = (("Monday", 0), ("Sunday", 6))
COLUMNS = (("strength", "strength"), ("this week's check-ins", "period"), ("this month's check-ins", "month"))
_DAY_STARTS = [("midnight", 0)] + [(f"{hour}:00 at night", hour) for hour in range(1, 7)]


def interests_from(text: str) -> tuple[str, ...]:
    """ "football, Minecraft,, drawing " -> ("football", "Minecraft", "drawing")."""
    return tuple(part.strip() for part in text.split(",") if part.strip())


class SettingsScreen(FormDialog[None]):
    TITLE_TEXT = "Settings"

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        if store.several:  # whose name and interests these are; the theme and the days are hers, for every board
            self.TITLE_TEXT = f"Settings · {printable(store.family.child_of(store).name)}"

    def body(self) -> ComposeResult:
        settings = self.store.settings
        yield Label("His name (optional)", classes="field")
        yield Input(settings.son_name, placeholder="e.g. Sam", compact=True, id="son_name")
        yield Label("What he loves, separated by commas", classes="field")
        yield Input(", ".join(settings.interests), placeholder="football, Minecraft, drawing", compact=True, id="interests")
        yield Label("The month he was born, so ideas suit his age", classes="field")
        yield Input(settings.born, placeholder="YYYY-MM, e.g. 2012-05", compact=True, id="born", max_length=7)
        yield Label("Theme", classes="field")
        themes = list(dict.fromkeys([*host(self).bond_themes, self.app.theme]))
        yield Select([(printable(name), name) for name in themes], value=self.app.theme, allow_blank=False,
                     compact=True, id="theme")
        yield Label("A day starts at (before then, it is still yesterday)", classes="field")
        yield Select(_DAY_STARTS, value=settings.day_start_hour, allow_blank=False, compact=True, id="day_start_hour")
        yield Label("A week starts on", classes="field")
        week = settings.week_start if settings.week_start in dict(WEEK_STARTS).values() else 0
        yield Select(WEEK_STARTS, value=week, allow_blank=False, compact=True, id="week_start")
        yield Label("The board's last column shows", classes="field")
        yield Select(COLUMNS, value=settings.column, allow_blank=False, compact=True, id="column")
        yield Label("Saved as you go; u on the board undoes a change.", classes="hint field")
        yield Label("More than one child? ctrl+p, then Add a child…"
                    if not self.store.several else "Theme, days and column are yours: every board shares them.",
                    classes="hint")

    def buttons(self) -> ComposeResult:
        yield Button("Close", variant="primary", compact=True, id="close")

    def on_mount(self) -> None:
        self.query_one("#son_name", Input).focus()

    # -- saving ----------------------------------------------------------------------

    def save(self, **changes) -> None:
        settings = self.store.settings
        changed = {name: value for name, value in changes.items() if getattr(settings, name) != value}
        if changed:
            host(self).apply(lambda: self.store.update_settings(**changed))

    def save_fields(self) -> None:
        self.save(son_name=self.query_one("#son_name", Input).value.strip(),
                  interests=interests_from(self.query_one("#interests", Input).value))
        self.save(born=self.query_one("#born", Input).value.strip())  # on its own: a mistyped month loses nothing else

    @on(Input.Submitted)
    def next_field(self) -> None:
        self.save_fields()
        self.focus_next()

    @on(Input.Blurred)
    def left_field(self) -> None:
        if not self._answered:
            self.save_fields()

    @on(Select.Changed, "#theme")
    def theme_chosen(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and event.value != self.app.theme:
            self.app.theme = event.value  # the app saves it, one undoable step

    @on(Select.Changed, "#day_start_hour")
    @on(Select.Changed, "#week_start")
    @on(Select.Changed, "#column")
    def choice_made(self, event: Select.Changed) -> None:
        if isinstance(event.value, int | str) and event.select.id:
            self.save(**{event.select.id: event.value})

    @on(Button.Pressed, "#close")
    def close_pressed(self) -> None:
        self.action_cancel()

    def action_cancel(self) -> None:
        # Nothing here waits for a confirmation: leaving keeps what she typed too.
        self.save_fields()
        self.close_with(None)


class AddChildScreen(FormDialog[None]):
    """Another child, with a board of his own; the board she is on stays (c moves to his)."""

    TITLE_TEXT = "Add a child"

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store

    def body(self) -> ComposeResult:
        yield Label("His (or her) name", classes="field")
        yield Input(placeholder="Leo", compact=True, id="name", max_length=60)
        yield Label("The month he was born (optional), so ideas suit his age", classes="field")
        yield Input(placeholder="YYYY-MM, e.g. 2016-09", compact=True, id="born", max_length=7)
        yield Label("He starts with the seven strategies; his history and undo are his own.", classes="hint field")

    def buttons(self) -> ComposeResult:
        yield Button("Add", variant="primary", compact=True, id="add")

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#add")
    def add(self) -> None:
        if self._answered:
            return
        name, born = self.query_one("#name", Input).value, self.query_one("#born", Input).value.strip()
        added = host(self).apply(lambda: self.store.family.add(name, born=born),
                                 success=lambda child: f"Added {printable(child.name)}: c shows his board.")
        if added is not None:
            self.close_with(None)
