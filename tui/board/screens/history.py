"""History and insights: a year at a glance, streak runs, strength over time, the journal."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from store import RUNS_KEPT, CheckIn, Store, YearGrid, journal, miss_cost, monthly_counts, week_start_of

from ...calendar import LEGEND, SHARE_LEGEND, as_shown, month_bars
from ...text import UNIT_WORDS, clip, plural, printable
from ..host import host
from ..widgets.heatmap import Heatmap

# What the heatmap draws: a strategy's states, or the overview's shares of the day and its first day.
HeatmapData = tuple[dict[date, str] | None, dict[date, float] | None, date | None]

JOURNAL_SHOWN = 60  # newest moments listed; the search reaches all of them
RUNS_SHOWN = RUNS_KEPT  # the longest runs of all years: each streak holds at least these
SPARK = "▁▂▃▄▅▆▇█"
HEADING = "bold $primary"  # each part's first line


def strength_chart(values: list[float], width: int, height: int = 3) -> str:
    """Bars of 0–100 % on a fixed scale (a chart that rescales to its data would make 1 % look full)."""
    if not values:
        return ""
    step = len(values) / min(width, len(values))
    columns = [values[min(len(values) - 1, int(i * step))] for i in range(min(width, len(values)))]
    rows = []
    for row in range(height):
        floor = (height - 1 - row) * 8
        rows.append("".join(" ▁▂▃▄▅▆▇█"[max(0, min(8, round(v * height * 8) - floor))] for v in columns))
    return "\n".join(rows)


def mini_sparkline(values: list[float], points: int = 13) -> str:
    """A few characters that show how a 0–1 series went (for the overview's rows)."""
    if not values:
        return ""
    step = max(1, len(values) // points)
    sampled = values[::-1][::step][:points][::-1]
    return "".join(SPARK[min(7, int(v * 8))] for v in sampled)


PALETTE_KEY_FROM = 100  # columns: below this the footer keeps its room for Quit (ctrl+p still works)


class HistoryScreen(Screen):
    """One strategy's history (`key`), or every strategy at once (`key` None).

    Each part is one widget whose content is made before it is mounted, and made
    again when the year, the strategy or the data change. The year shown reads only
    that year (and this year's saved start); the search reads every year.
    """

    BINDINGS = [
        Binding("escape", "back", "Back", id="history.back", tooltip="Back to the board (or close the search)"),
        Binding("left_square_bracket", "year(-1)", "Earlier", id="history.year_before", tooltip="The year before"),
        Binding("right_square_bracket", "year(1)", "Later", id="history.year_after", tooltip="The year after"),
        Binding("tab", "switch", "All / one", id="history.switch", tooltip="Switch between all strategies and this one"),
        Binding("slash", "search", "Search", id="history.search", tooltip="Search the journal of every year"),
    ]

    DEFAULT_CSS = """
    HistoryScreen { layout: vertical; }
    HistoryScreen #title { padding: 0 1; text-style: bold; color: $accent; }
    HistoryScreen #top { height: auto; padding: 1 1 0 1; }
    HistoryScreen #summary { width: 1fr; min-width: 18; height: auto; padding: 1 0 0 2; }
    HistoryScreen.-narrow #top { layout: vertical; }  /* no room beside the calendar: the summary goes under it */
    HistoryScreen.-narrow #summary { padding: 0 0 0 5; }
    HistoryScreen #legend { padding: 0 1 0 6; color: $text-muted; }
    HistoryScreen #details { height: 1fr; padding: 0 1; }
    HistoryScreen.-wide #details { layout: grid; grid-size: 2; grid-gutter: 0 2; }
    HistoryScreen .panel { height: auto; margin-top: 1; }
    HistoryScreen #runs { max-height: 15; overflow-y: auto; }
    HistoryScreen #journal-panel { height: auto; }
    HistoryScreen #journal-heading { text-style: bold; color: $primary; }
    HistoryScreen #search { display: none; }
    HistoryScreen.-searching #search { display: block; }
    HistoryScreen #journal { height: auto; max-height: 16; min-width: 12; }  /* never 0 wide: Rich cannot wrap into no room */
    """

    key: reactive[str | None] = reactive(None, init=False)
    year: reactive[int] = reactive(2000, init=False)
    search_text: reactive[str] = reactive("", init=False)
    shown_year: int | None = None  # the year whose parts are on screen
    prepared: dict | None = None  # the parts of the first frame, made before the screen is pushed

    def __init__(self, store: Store, key: str | None) -> None:
        super().__init__()
        self.store = store
        self.home_key = key or (store.strategies()[0].key if store.strategies() else None)
        self.set_reactive(HistoryScreen.key, key)
        self.set_reactive(HistoryScreen.year, store.today().year)
        self.moments: dict[str, CheckIn] = {}  # the journal's entries, by id

    @property
    def wide(self) -> bool:
        return self.app.size.width >= 120

    @property
    def narrow(self) -> bool:
        """Too narrow for the summary beside the calendar."""
        width = self.app.size.width
        return width < Heatmap.width_for(YearGrid(self.year, self.store.settings.week_start), width) + 22

    def compose(self) -> ComposeResult:
        self.set_class(self.wide, "-wide")  # before the first layout, not after it
        self.set_class(self.narrow, "-narrow")
        parts = self.prepared if self.prepared is not None else self.prepare()
        yield Static(parts["title"], id="title", markup=False)
        with Horizontal(id="top"):
            heatmap = Heatmap(self.store.today(), self.store.settings.week_start, id="heatmap")
            heatmap.show(self.year, *parts["heatmap"])
            yield heatmap
            yield Static(parts["summary"], id="summary", markup=False)
        yield Static(parts["legend"], id="legend", markup=False)
        with VerticalScroll(id="details"):
            for part in ("strength", "months", "runs"):
                yield Static(parts[part], id=part, classes="panel", markup=False)
            with Vertical(id="journal-panel", classes="panel"):
                heading, options = parts["journal"]
                yield Static(heading, id="journal-heading", markup=False)
                yield OptionList(*options, id="journal")
        yield Footer(compact=True, show_command_palette=self.app.size.width >= PALETTE_KEY_FROM)

    def prepare(self) -> dict:
        """Every part's content for the first frame (reading what it needs: a DataError leaves nothing half-shown)."""
        self.prepared = {**self.parts(), "journal": self.journal()}
        self.shown_year = self.year
        return self.prepared

    def on_mount(self) -> None:
        self.app.clear_notifications()  # the board's last notice would cover the parts on the right
        host(self).store_changed.subscribe(self, self.show)

    def on_resize(self) -> None:
        self.query_one(Footer).show_command_palette = self.app.size.width >= PALETTE_KEY_FROM  # room for Quit first
        if self.has_class("-wide") != self.wide or self.has_class("-narrow") != self.narrow:
            self.set_class(self.wide, "-wide")
            self.show()

    # -- keys -------------------------------------------------------------------

    def action_back(self) -> None:
        if self.has_class("-searching"):
            self.remove_class("-searching")
            self.query_one("#search", Input).value = ""
            self.query_one("#journal").focus()
        else:
            self.dismiss()

    def action_year(self, step: int) -> None:
        first_day = host(self).look(lambda: self.store.first_day(self.key))
        if first_day is None:
            return  # a closed year's file cannot be read: told, and the year stays
        first, last = first_day.year, self.store.today().year
        year = max(first, min(last, self.year + step))
        if year == self.year:
            self.notify(f"The history {'starts' if step < 0 else 'ends'} in {year}.", timeout=3)
        self.year = year

    def action_switch(self) -> None:
        self.key = None if self.key else self.home_key

    def action_search(self) -> None:
        if not self.query("#search"):  # made at the first search, not at every open
            self.query_one("#journal-panel").mount(Input(placeholder="search notes and actions, every year", id="search"),
                                                   before="#journal")
        self.add_class("-searching")
        search = self.query_one("#search", Input)
        search.focus()
        self.call_after_refresh(search.scroll_visible, animate=False)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.search_text = event.value

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#journal").focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """enter on a journal entry: edit its note or action (one undoable change)."""
        from .edit_checkin import EditCheckInScreen

        if moment := self.moments.get(event.option.id or ""):
            self.app.push_screen(EditCheckInScreen(self.store, moment))

    def watch_key(self) -> None:
        self.year = max(self.store.first_day(self.key).year, self.year)
        self.show()

    def watch_year(self) -> None:
        self.show()

    def watch_search_text(self) -> None:
        self.show_journal()

    # -- showing ------------------------------------------------------------------

    def show(self, _: None = None) -> None:
        if not self.is_attached or not self.children:
            return
        if self.key and self.key not in {s.key for s in self.store.strategies(archived=True)}:
            if self.is_current:  # once: another change may arrive before the screen is gone
                self.notify("That strategy was just deleted, on another board or the command line.", markup=False)
                self.dismiss()  # its history went with it (undo brings both back)
            return
        self.set_class(self.narrow, "-narrow")
        parts = host(self).look(self.parts)
        if parts is None:  # a closed year's file cannot be read: told; back to the year shown, or to the board
            if self.shown_year is not None and self.shown_year != self.year:
                self.year = self.shown_year
            else:
                self.dismiss()
            return
        self.shown_year = self.year
        self.query_one(Heatmap).show(self.year, *parts.pop("heatmap"))
        for name, content in parts.items():
            self.query_one(f"#{name}", Static).update(content)
        self.show_journal()

    def parts(self) -> dict:
        """Every part's content for the year and strategy shown: {widget id: content}, and the heatmap's data."""
        return {**self.calendar(), "strength": self.strength(), "months": self.months(), "runs": self.runs()}

    def _year_span(self) -> tuple[date, date]:
        return date(self.year, 1, 1), min(date(self.year, 12, 31), self.store.today())

    def calendar(self) -> dict:
        store, width = self.store, self.app.size.width
        first, last = date(self.year, 1, 1), date(self.year, 12, 31)
        if self.key:
            strategy = store.strategy(self.key)
            title = f"{printable(strategy.title)} · {strategy.cadence.describe()} · {self.year}"
            heatmap: HeatmapData = (as_shown(store.day_states(self.key, first, last), strategy.cadence.kind), None, None)
            streak, unit = store.streak(self.key), UNIT_WORDS[store.streak(self.key).unit]
            today = store.today()
            week = week_start_of(today, store.settings.week_start)
            counts = (store.count_since(self.key, week), store.count_since(self.key, today.replace(day=1)))
            if self.narrow:
                summary = (f"Streak {plural(streak.current, unit)} · best {plural(streak.best, unit)}"
                           f" · strength {store.strength(self.key):.0%} · {counts[0]} this week, {counts[1]} this month")
            else:
                summary = (
                    f"Current streak\n  {plural(streak.current, unit)}"
                    f"{' · needs today' if streak.at_risk and width >= 90 else ''}\n"
                    f"Best streak\n  {plural(streak.best, unit)}\n"
                    f"Strength\n  {store.strength(self.key):.0%}\n"
                    f"Check-ins\n  {counts[0]} this week\n  {counts[1]} this month"
                )
        else:
            title = f"All strategies · {self.year}"
            strategies = store.strategies(archived=True)  # an archived one keeps its history here
            shares: dict[date, float] = {}
            for strategy in strategies:
                for day in store.done_days(strategy.key, self.year):
                    shares[day] = shares.get(day, 0.0) + 1 / len(strategies)
            heatmap = (None, shares, store.first_day())
            room = (
                width - 12
                if self.narrow
                else width - Heatmap.width_for(YearGrid(self.year, store.settings.week_start), width) - 6
            )
            wide = room >= 25  # room for "3 weeks", or just the number
            name = max(4, room - (10 if wide else 4))
            rows = [f"{clip(_titled(s), name):<{name}} "
                    + (f"{plural(store.streak(s.key).current, UNIT_WORDS[s.cadence.unit]):>9}" if wide
                       else f"{store.streak(s.key).current:>3}")
                    for s in strategies[:8]]
            summary = "Current streaks\n" + "\n".join(rows)
        return {"title": Content(title), "heatmap": heatmap, "summary": Content(summary),
                "legend": Content(LEGEND if self.key else SHARE_LEGEND)}

    def strength(self) -> Content:
        first, last = self._year_span()
        if self.key:
            first = max(first, min(last, self.store.first_day(self.key)))  # from when she started
            series = self.store.strength_series(self.key, first, last)
            score = series[-1] if series else 0.0
            cost = miss_cost(self.store.strategy(self.key).cadence, score) * 100
            points = "less than a point" if cost < 0.5 else f"about {round(cost)} point{'s' if round(cost) != 1 else ''}"
            width = max(20, (self.app.size.width - 6) // (2 if self.wide else 1) - 2)
            told = ("It is archived: nothing is owed while it rests, and no day after it left the board is a miss."
                    if self.store.strategy(self.key).archived else
                    f"Strength rises with every check-in and fades slowly when you miss; a single miss now costs {points}.")
            return Content.assemble(
                (f"Strength since {first:%d %b %Y}: {score:.0%} on {last:%d %b}", HEADING), "\n",
                (strength_chart(series, width), "$bond-done"), "\n\n", told)
        rows = []
        for s in self.store.strategies(archived=True):
            series = self.store.strength_series(s.key, first, last)
            rows.append(f"{clip(_titled(s), 24):<24}  {mini_sparkline(series, 20):<20}  {series[-1] if series else 0.0:>4.0%}")
        return Content.assemble((f"Strength through {self.year}", HEADING), "\n", "\n".join(rows))

    def months(self) -> Content:
        check_ins = self.store.check_ins(self.key, year=self.year)
        return Content.assemble((f"Check-ins by month, {self.year}", HEADING), "\n",
                                "\n".join(month_bars(monthly_counts(check_ins, self.year), 30)))

    def runs(self) -> Content:
        strategies = [self.store.strategy(self.key)] if self.key else self.store.strategies(archived=True)
        streaks = {s.key: self.store.streak(s.key) for s in strategies}
        runs = [(run, s) for s in strategies for run in streaks[s.key].runs]
        count = sum(streak.run_count for streak in streaks.values())

        # Longest first: in its own unit for one strategy; in the overview by the time they
        # covered, so that days and weeks compare fairly.
        def covered(run) -> int:
            return (run.end - run.start).days + 1

        runs.sort(
            key=lambda pair: (
                (-pair[0].length, -covered(pair[0]), pair[0].start)
                if self.key
                else (-covered(pair[0]), -pair[0].length, pair[0].start)
            )
        )
        lines = []
        for run, strategy in runs[:RUNS_SHOWN]:
            who = "" if self.key else f"{clip(printable(strategy.title), 16):<16}  "
            length = plural(run.length, UNIT_WORDS[strategy.cadence.unit])
            span = (f"{run.start:%a %d %b %Y} – {run.end:%a %d %b %Y}" if self.key
                    else f"{run.start:%d %b %Y} – {run.end:%d %b %Y}")  # with names beside it: one line at 120
            lines.append(f"{who}{length:>10}   {span}")
        if count > RUNS_SHOWN:
            lines.append(f"… and {plural(count - RUNS_SHOWN, 'shorter runs')}")
        return Content.assemble(("Streak runs, all years, longest first", HEADING), "\n",
                                "\n".join(lines) or "No streak yet: the first check-in starts one.")

    def show_journal(self) -> None:
        made = host(self).look(self.journal)  # a search reads every year
        if made is None:
            return
        heading, options = made
        journal_list = self.query_one("#journal", OptionList)
        journal_list.clear_options()
        journal_list.add_options(options)
        if not options[0].disabled:
            journal_list.highlighted = 0
        self.query_one("#journal-heading", Static).update(heading)

    def journal(self) -> tuple[Content, list[Option]]:
        """The notes of the year shown, newest first (a search looks through every year): heading and entries."""
        if self.search_text:
            check_ins = self.store.check_ins(self.key) if self.key else self.store.check_ins()
        else:
            check_ins = self.store.check_ins(self.key, year=self.year)
        moments = journal(check_ins, self.search_text)
        self.moments = {moment.id: moment for moment in moments[:JOURNAL_SHOWN]}
        titles = {s.key: s.title for s in self.store.strategies(archived=True)}
        options = []
        for moment in self.moments.values():
            who = "" if self.key else f"{printable(titles.get(moment.strategy, moment.strategy))} · "
            what = f"{moment.day:%a %d %b %Y}  {who}{printable(moment.action)}".rstrip()
            great = ("  ★ went great", "bold") if moment.went == "great" else ""
            options.append(Option(Content.assemble((what, "dim"), great, "\n    ", printable(moment.note)), id=moment.id))
        count = plural(len(moments), "moments")
        shown = f"newest {JOURNAL_SHOWN} of {count}" if len(moments) > JOURNAL_SHOWN else count
        if self.search_text:
            heading = f"Journal, all years: {shown} matching “{printable(self.search_text)}”  (enter edits)"
        else:
            heading = f"Journal of {self.year}: {shown}  (/ every year, enter edits)"
        return Content(heading), options or [
            Option(Content("No notes yet." if not self.search_text else "Nothing matches."), disabled=True)]


def _titled(strategy) -> str:
    """A title for the overview, marked when the strategy has left the board."""
    return printable(strategy.title) + (" (archived)" if strategy.archived else "")
