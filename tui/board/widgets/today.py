"""The Today panel: one small thing to do, why, and how today is going."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Button, Static

from store import SIZE_WORDS, TALK, BondError, Store, Suggestion

from ...text import plural, printable, resting_line, served, unit_word
from ..host import host

# A first run: one line that leads her to his name, until she sets it, opens settings or checks in.
WELCOME = "Welcome! Press , to tell bondtui his name and what he loves."
# Each child's colour, by his place among the children: readable on the dark themes and on paper.
CHILD_COLOURS = ("#e07a5f", "#3d8fd1", "#4caf7d", "#b07cc6", "#d9a21b", "#d45087")
OTHERS_FROM = 100  # columns: from this width the panel adds a line for each other child
# A board served to a page (`bondtui serve`): a finger has no keys, so the panel offers Done and Other to tap.
SERVED = served()


class TodayPanel(Vertical):
    """Shows suggestion number `index` of today's list (it wraps around).

    The heart sits in its own column, so that wrapped lines keep their indent.
    """

    DEFAULT_CSS = """
    TodayPanel {
        height: auto;
        border: round $primary 60%;
        border-title-color: $accent;
        border-title-style: bold;
        padding: 0 2;
        margin: 0 1;
    }
    TodayPanel #suggestion { height: auto; padding: 1 0 0 0; }
    TodayPanel #heart { width: 3; color: $accent; }
    TodayPanel #taps { width: auto; height: auto; margin: 0 0 0 2; }
    TodayPanel #taps Button { min-width: 8; margin: 0 0 1 0; }
    TodayPanel #words { width: 1fr; height: auto; }
    TodayPanel #action { text-style: bold; color: $accent; max-height: 2; }
    TodayPanel #reason { color: $foreground; max-height: 2; }
    TodayPanel #strategy { color: $text-muted; text-wrap: nowrap; text-overflow: ellipsis; }
    TodayPanel #question { color: $text; text-style: italic; max-height: 2; }
    TodayPanel #progress { color: $text-muted; padding: 1 0 0 0; }
    TodayPanel #habits { color: $text-muted; text-wrap: nowrap; text-overflow: ellipsis; }
    TodayPanel #plans { color: $text-muted; text-wrap: nowrap; text-overflow: ellipsis; }
    TodayPanel #invite { color: $accent; text-wrap: nowrap; text-overflow: ellipsis; }
    TodayPanel #others { color: $text-muted; text-wrap: nowrap; text-overflow: ellipsis; padding: 1 0 0 0; }
    TodayPanel #welcome { color: $text-muted; text-style: italic; display: none; }
    TodayPanel.-welcome #welcome { display: block; }
    """

    index: reactive[int] = reactive(0, always_update=True)

    def __init__(self, store: Store, **kwargs) -> None:
        super().__init__(**kwargs)
        self.store = store
        self.border_title = "Today"

    def compose(self) -> ComposeResult:
        with Horizontal(id="suggestion"):
            yield Static("♥", id="heart", markup=False)
            with Vertical(id="words"):
                yield Static(id="action", markup=False)
                yield Static(id="reason", markup=False)
                yield Static(id="strategy", markup=False)
                yield Static(id="question", markup=False)
            if SERVED:  # what d and n do, for a finger on a phone (a terminal's board does not build them)
                with Vertical(id="taps"):
                    yield Button("Done", id="done", compact=True, tooltip="Log this suggestion as done (d)")
                    yield Button("Other", id="other", compact=True, tooltip="Show another suggestion (n)")
        yield Static(id="progress", markup=False)
        yield Static(id="habits", markup=False)
        yield Static(id="plans", markup=False)
        yield Static(id="invite", markup=False)
        yield Static(id="others", markup=False)
        yield Static(Content(WELCOME), id="welcome")

    def current(self) -> Suggestion | None:
        every = self.store.suggestions()
        return every[self.index % len(every)] if every else None

    def watch_index(self) -> None:
        if self.children:
            self.refresh_content()

    def on_mount(self) -> None:
        self.refresh_content()
        host(self).store_changed.subscribe(self, self.refresh_content)

    def on_resize(self) -> None:
        self._show_others()

    def on_click(self, event) -> None:
        """A tap on the invitation opens the week in review; on another child's line, his board."""
        widget = getattr(event, "widget", None)
        if widget is self.query_one("#invite") and widget.display:
            host(self).open_review()
        elif widget is self.query_one("#others") and widget.display:
            others = self.store.family.others(self.store)
            line = event.get_content_offset(widget)
            if line is not None and 0 <= line.y < len(others):
                host(self).switch_child(others[line.y].id)

    def refresh_content(self, _: None = None) -> None:
        today = self.store.today()
        heading = Content(f"Today · {today:%A %d %B}")
        if self.store.several:  # whose board this is, first, in his colour
            family = self.store.family
            children = family.children()
            child = family.child_of(self.store)
            colour = child_colour(children, child.id)
            name = printable(child.name)
            heading = Content(f"{name} · {heading.plain}").stylize(f"bold {colour}", 0, len(name))
        self.border_title = heading
        suggestion = self.current()
        action, reason, strategy = printable(resting_line(self.store)), "", ""
        if suggestion:
            action = printable(suggestion.action)
            reason = printable(suggestion.reason)
            title = printable(self.store.strategy(suggestion.strategy).title)
            strategy = f"{title} · {SIZE_WORDS.get(suggestion.size, suggestion.size)}"
        self.query_one("#heart", Static).display = suggestion is not None
        if SERVED:
            self.query_one("#taps").display = suggestion is not None
        self.query_one("#action", Static).update(Content(action))
        self.query_one("#reason", Static).update(Content(reason))
        self.query_one("#strategy", Static).update(Content(strategy))
        question = question_line(self.store, suggestion)
        self.query_one("#question", Static).update(Content(question))
        self.query_one("#question", Static).display = bool(question)
        self.query_one("#progress", Static).update(Content(progress_line(self.store, short=self.app.size.width < 70)))
        habits = habits_line(self.store)
        self.query_one("#habits", Static).update(Content(habits))
        self.query_one("#habits", Static).display = bool(habits)
        plans = plans_line(self.store)
        self.query_one("#plans", Static).update(Content(plans))
        self.query_one("#plans", Static).display = bool(plans)
        invite = review_invitation(self.store, host(self).reviewed)
        self.query_one("#invite", Static).update(Content(invite))
        self.query_one("#invite", Static).display = bool(invite)
        self.set_class(self.store.welcome_due, "-welcome")
        self._show_others()

    def _show_others(self) -> None:
        """On a wide screen, a line for each other child: "Leo: Ask Leo about his chess club"."""
        others = self.query_one("#others", Static)
        wide = self.app.size.width >= OTHERS_FROM and self.store.several
        others.display = wide
        if wide:
            others.update(others_lines(self.store))


def question_line(store: Store, suggestion: Suggestion | None) -> str:
    """ "Or ask Sam: What was the best part of your day?" beside Talk: the suggestion stays the catalog's."""
    if suggestion is None or suggestion.strategy != TALK or (question := store.question()) is None:
        return ""
    return f"Or ask {printable(store.settings.son_name.strip()) or 'him'}: {printable(question.text)}"


def plans_line(store: Store) -> str:
    """ "Planned: Sat 12 Dec, Mom & son date · Tue 15 Dec, Talk…": the days ahead she set aside."""
    today = store.today()
    ahead = [f"{p.day:%a %d %b}, {printable(store.strategy(p.strategy).title)}" for p in store.plans() if p.day > today]
    return f"Planned: {' · '.join(ahead)}" if ahead else ""


REVIEW_HOUR = 18  # the evening her week ends starts here


def review_invitation(store: Store, reviewed: date | None) -> str:
    """On the evening her week ends, until she has looked: one line that invites the week in review."""
    today = store.today()
    if today.weekday() != (store.settings.week_start - 1) % 7 or reviewed == today:
        return ""
    now = store.clock.now().astimezone()
    if now.hour < REVIEW_HOUR and now.date() == today:  # after midnight (a late day start) it is still the evening
        return ""
    return f"Your week ends tonight: {'tap here' if SERVED else 'press w'} to look back on it."


def progress_line(store: Store, short: bool = False) -> str:
    """ "3 of 7 strategies touched today · 2 of 5 weekly goals met" (a skipped day is not touched)."""
    today = store.today()
    strategies = store.strategies()
    touched = sum(store.is_done(s.key, today) for s in strategies)
    line = f"{touched} of {len(strategies)} {'today' if short else 'strategies touched today'}"
    periodic = [s for s in strategies if s.cadence.kind != "daily"]
    if periodic:
        met = sum(store.streak(s.key).period_met for s in periodic)
        goals = plural(len(periodic), "weekly goals")
        line += f"  ·  {met} of {goals}{'' if short else ' met'}"
    return line


def habits_line(store: Store) -> str:
    """ "Still open today: Talk with him like a grown-up (14 days)": the habits she keeps, shown, not suggested."""
    shown = []
    for key in store.habits_open():
        streak = store.streak(key)
        shown.append(f"{printable(store.strategy(key).title)} ({plural(streak.current, unit_word(streak.unit))})")
    return f"Still open today: {' · '.join(shown)}" if shown else ""


def child_colour(children, child_id: str) -> str:
    """His colour: by his place among every child (archived ones keep theirs)."""
    ids = [child.id for child in children]
    return CHILD_COLOURS[ids.index(child_id) % len(CHILD_COLOURS)] if child_id in ids else CHILD_COLOURS[0]


def others_lines(store: Store) -> Content:
    """The other children's suggestions, a line each, each name in his colour (a broken file says so)."""
    family = store.family
    children = family.children()
    lines = []
    for child in family.others(store):
        try:
            other = family.store_of(child.id)
            found = other.suggestions()
            words = printable(found[0].action) if found else printable(resting_line(other))
            if found and found[0].kind == "forgotten":  # she is on another child's board: say why this one
                words = f"nothing for a week — {words}"
        except BondError as error:
            words = f"his file cannot be read ({printable(str(error))[:60]}…)"
        lines.append(Content.assemble((printable(child.name), f"bold {child_colour(children, child.id)}"), f": {words}"))
    return Content("\n").join(lines)
