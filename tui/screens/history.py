"""History and insights: a year at a glance, streak runs, strength over time, the journal."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from store import RUNS_KEPT, Store, journal, miss_cost, monthly_counts

from ..calendar import LEGEND, SHARE_LEGEND, as_shown, month_bars
from ..text import UNIT_WORDS, clip, plural, printable
from ..widgets.heatmap import Heatmap

JOURNAL_SHOWN = 60  # newest moments listed; the search reaches all of them
RUNS_SHOWN = RUNS_KEPT  # the longest runs of all years: each streak holds at least these
SPARK = "▁▂▃▄▅▆▇█"


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


class HistoryScreen(Screen):
    """One strategy's history (`key`), or every strategy at once (`key` None)."""

    BINDINGS = [
        Binding("escape", "back", "Back", id="history.back", tooltip="Back to the board (or close the search)"),
        Binding("left_square_bracket", "year(-1)", "Year before", id="history.year_before", tooltip="The year before"),
        Binding("right_square_bracket", "year(1)", "Year after", id="history.year_after", tooltip="The year after"),
        Binding("tab", "switch", "All / one", id="history.switch", tooltip="Switch between all strategies and this one"),
        Binding("slash", "search", "Search", id="history.search", tooltip="Search the journal"),
    ]

    DEFAULT_CSS = """
    HistoryScreen { layout: vertical; }
    HistoryScreen #title { padding: 0 1; text-style: bold; color: $accent; }
    HistoryScreen #top { height: auto; padding: 1 1 0 1; }
    HistoryScreen #summary { width: 1fr; min-width: 18; height: auto; padding: 1 0 0 2; }
    HistoryScreen #legend { padding: 0 1 0 6; color: $text-muted; }
    HistoryScreen #details { height: 1fr; padding: 0 1; }
    HistoryScreen.-wide #details { layout: grid; grid-size: 2; grid-gutter: 0 2; }
    HistoryScreen .panel { height: auto; margin-top: 1; }
    HistoryScreen .heading { text-style: bold; color: $primary; }
    HistoryScreen .muted { color: $text-muted; }
    HistoryScreen #sparkline { height: 3; margin: 0 0 1 0; color: $bond-done; }
    HistoryScreen #runs { height: auto; max-height: 14; overflow-y: auto; }
    HistoryScreen #search { display: none; }
    HistoryScreen.-searching #search { display: block; }
    HistoryScreen #journal { height: auto; max-height: 16; min-width: 12; }  /* never 0 wide: Rich cannot wrap into no room */
    """

    key: reactive[str | None] = reactive(None, init=False)
    year: reactive[int] = reactive(2000, init=False)
    search_text: reactive[str] = reactive("", init=False)

    def __init__(self, store: Store, key: str | None) -> None:
        super().__init__()
        self.store = store
        self.home_key = key or (store.strategies()[0].key if store.strategies() else None)
        self.set_reactive(HistoryScreen.key, key)
        self.set_reactive(HistoryScreen.year, store.today().year)

    def compose(self) -> ComposeResult:
        today = self.store.today()
        yield Static(id="title", markup=False)
        with Horizontal(id="top"):
            yield Heatmap(today, self.store.settings.week_start, id="heatmap")
            yield Static(id="summary", markup=False)
        yield Static(Content(LEGEND), id="legend")
        with VerticalScroll(id="details"):
            with Vertical(classes="panel"):
                yield Label(id="strength-heading", classes="heading")
                yield Static(id="sparkline", markup=False)
                yield Static(id="strength-text", markup=False)
            with Vertical(classes="panel"):
                yield Label(id="months-heading", classes="heading")
                yield Static(id="months", markup=False)
            with Vertical(classes="panel"):
                yield Label("Streak runs, all years, longest first", classes="heading")
                yield Static(id="runs", markup=False)
            with Vertical(classes="panel"):
                yield Label(id="journal-heading", classes="heading")
                yield Input(placeholder="search notes and actions", id="search")
                yield OptionList(id="journal")
        yield Footer()

    def on_mount(self) -> None:
        self.on_resize()  # the screen's size is the app's: lay out once, not again at the first resize
        self.show()
        self.app.store_changed.subscribe(self, self.show)

    def on_resize(self) -> None:
        self.set_class((self.size.width or self.app.size.width) >= 120, "-wide")

    # -- keys -------------------------------------------------------------------

    def action_back(self) -> None:
        if self.has_class("-searching"):
            self.remove_class("-searching")
            self.query_one("#search", Input).value = ""
            self.query_one("#journal").focus()
        else:
            self.dismiss()

    def action_year(self, step: int) -> None:
        first, last = self.store.first_day(self.key).year, self.store.today().year
        year = max(first, min(last, self.year + step))
        if year == self.year:
            self.notify(f"The history {'starts' if step < 0 else 'ends'} in {year}.", timeout=3)
        self.year = year

    def action_switch(self) -> None:
        self.key = None if self.key else self.home_key

    def action_search(self) -> None:
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

        found = [c for c in self.store.check_ins(self.key) if c.id == event.option.id] if event.option.id else []
        if found:
            self.app.push_screen(EditCheckInScreen(self.store, found[0]))

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
        self.show_calendar()
        self.show_strength()
        self.show_months()
        self.show_runs()
        self.show_journal()

    def _year_span(self) -> tuple[date, date]:
        return date(self.year, 1, 1), min(date(self.year, 12, 31), self.store.today())

    def show_calendar(self) -> None:
        store, heatmap = self.store, self.query_one(Heatmap)
        first, last = date(self.year, 1, 1), date(self.year, 12, 31)
        if self.key:
            strategy = store.strategy(self.key)
            title = f"{printable(strategy.title)} · {strategy.cadence.describe()} · {self.year}"
            heatmap.show(self.year, as_shown(store.day_states(self.key, first, last), strategy.cadence.kind))
            streak, unit = store.streak(self.key), UNIT_WORDS[store.streak(self.key).unit]
            summary = (f"Current streak\n  {plural(streak.current, unit)}{' · needs today' if streak.at_risk and self.size.width >= 90 else ''}\n"
                       f"Best streak\n  {plural(streak.best, unit)}\n"
                       f"Strength\n  {store.strength(self.key):.0%}")
        else:
            title = f"All strategies · {self.year}"
            strategies = store.strategies(archived=True)  # an archived one keeps its history here
            shares: dict[date, float] = {}
            for strategy in strategies:
                for day in store.done_days(strategy.key):
                    if day.year == self.year:
                        shares[day] = shares.get(day, 0.0) + 1 / len(strategies)
            heatmap.show(self.year, {}, shares)
            room = self.app.size.width - heatmap.get_content_width(None, None) - 6
            wide = room >= 25  # room for "3 weeks", or just the number
            name = max(4, room - (10 if wide else 4))
            rows = [f"{clip(_titled(s), name):<{name}} "
                    + (f"{plural(store.streak(s.key).current, UNIT_WORDS[s.cadence.unit]):>9}" if wide
                       else f"{store.streak(s.key).current:>3}")
                    for s in strategies[:8]]
            summary = "Current streaks\n" + "\n".join(rows)
        self.query_one("#legend", Static).update(Content(LEGEND if self.key else SHARE_LEGEND))
        self.query_one("#title", Static).update(Content(title))
        self.query_one("#summary", Static).update(Content(summary))

    def show_strength(self) -> None:
        first, last = self._year_span()
        heading = self.query_one("#strength-heading", Label)
        sparkline, text = self.query_one("#sparkline", Static), self.query_one("#strength-text", Static)
        if self.key:
            first = max(first, min(last, self.store.first_day(self.key)))  # from when she started
            series = self.store.strength_series(self.key, first, last)
            score = series[-1] if series else 0.0
            cost = miss_cost(self.store.strategy(self.key).cadence, score) * 100
            points = "less than a point" if cost < 0.5 else f"about {round(cost)} point{'s' if round(cost) != 1 else ''}"
            heading.update(f"Strength since {first:%d %b %Y}: {score:.0%} on {last:%d %b}")
            sparkline.display = True
            sparkline.update(Content(strength_chart(series, max(20, sparkline.size.width or 56))))
            text.update(Content(
                "Strength rises with every check-in and fades slowly when you miss; "
                f"a single miss now costs {points}."))
        else:
            heading.update(f"Strength through {self.year}")
            sparkline.display = False
            rows = [f"{clip(_titled(s), 24):<24}  {mini_sparkline(self.store.strength_series(s.key, first, last), 20):<20}"
                    f"  {self.store.strength_series(s.key, last, last)[-1]:>4.0%}" for s in self.store.strategies(archived=True)]
            text.update(Content("\n".join(rows)))

    def show_months(self) -> None:
        check_ins = self.store.check_ins(self.key) if self.key else self.store.check_ins()
        self.query_one("#months-heading", Label).update(f"Check-ins by month, {self.year}")
        self.query_one("#months", Static).update(Content("\n".join(month_bars(monthly_counts(check_ins, self.year), 30))))

    def show_runs(self) -> None:
        strategies = [self.store.strategy(self.key)] if self.key else self.store.strategies(archived=True)
        runs = [(run, s) for s in strategies for run in self.store.streak(s.key).runs]
        count = sum(self.store.streak(s.key).run_count for s in strategies)
        # Longest first: in its own unit for one strategy; in the overview by the time they
        # covered, so that days and weeks compare fairly.
        def covered(run) -> int:
            return (run.end - run.start).days + 1

        runs.sort(key=lambda pair: (-pair[0].length, -covered(pair[0]), pair[0].start) if self.key
                  else (-covered(pair[0]), -pair[0].length, pair[0].start))
        lines = []
        for run, strategy in runs[:RUNS_SHOWN]:
            who = "" if self.key else f"{clip(printable(strategy.title), 22):<22}  "
            length = plural(run.length, UNIT_WORDS[strategy.cadence.unit])
            lines.append(f"{who}{length:>10}   {run.start:%a %d %b %Y} – {run.end:%a %d %b %Y}")
        if count > RUNS_SHOWN:
            lines.append(f"… and {plural(count - RUNS_SHOWN, 'shorter runs')}")
        self.query_one("#runs", Static).update(Content("\n".join(lines) or "No streak yet: the first check-in starts one."))

    def show_journal(self) -> None:
        check_ins = self.store.check_ins(self.key) if self.key else self.store.check_ins()
        moments = journal(check_ins, self.search_text)
        titles = {s.key: s.title for s in self.store.strategies(archived=True)}
        options = []
        for moment in moments[:JOURNAL_SHOWN]:
            who = "" if self.key else f"{printable(titles.get(moment.strategy, moment.strategy))} · "
            what = f"{moment.day:%a %d %b %Y}  {who}{printable(moment.action)}".rstrip()
            options.append(Option(Content.assemble((what, "dim"), "\n    ", printable(moment.note)), id=moment.id))
        journal_list = self.query_one("#journal", OptionList)
        journal_list.clear_options()
        journal_list.add_options(options or [Option(Content("No notes yet." if not self.search_text else "Nothing matches."), disabled=True)])
        if options:
            journal_list.highlighted = 0
        count = plural(len(moments), "moments")
        shown = f"newest {JOURNAL_SHOWN} of {count}" if len(moments) > JOURNAL_SHOWN else count
        search = f" matching “{printable(self.search_text)}”" if self.search_text else ""
        self.query_one("#journal-heading", Label).update(Content(f"Journal, all years: {shown}{search}  (/ searches, enter edits)"))


def _titled(strategy) -> str:
    """A title for the overview, marked when the strategy has left the board."""
    return printable(strategy.title) + (" (archived)" if strategy.archived else "")
