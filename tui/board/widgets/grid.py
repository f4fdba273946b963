"""The board grid: one row per strategy, the last N days as cells, streak, best and strength."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.events import Click
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from store import Store, Strategy, week_start_of

from ...calendar import GLYPHS, as_shown, month_span
from ...text import UNIT_WORDS, plural, printable
from ..host import host

LEGEND = ("✓ done", "· missed", "~ skipped", "- away", "○ not due", "! needs today")
PLANNED = "◆ planned"  # in the legend only while a cell shows it
CELL = 3  # each day takes three columns: " ✓ "
STREAK_W, BEST_W, WEEK_W, BAR_W = 11, 11, 11, 5
_EIGHTHS = " ▏▎▍▌▋▊▉█"


@dataclass(frozen=True)
class Columns:
    """How the width is shared out: the title column, how many days, which extras."""

    title: int
    days: int
    week: bool  # the "this week" progress column
    best: bool
    bar: bool

    @property
    def strength(self) -> int:
        return BAR_W + 5 if self.bar else 4

    @property
    def right(self) -> int:
        """Cells to the right of the days."""
        return 1 + STREAK_W + (WEEK_W if self.week else 0) + (BEST_W if self.best else 0) + 2 + self.strength


MIN_TITLE, MAX_TITLE = 14, 40
MIN_DAYS, MAX_DAYS, EXTRA_DAYS = 5, 42, 7  # extras beyond "this week" only while a week of days still fits


def columns_for(total: int, longest: int = 30) -> Columns:
    """Share `total` cells out. The titles get their width first (down to what leaves MIN_DAYS
    days), then the "this week" column, the strength bar and the best streak as room allows;
    the days take the rest."""
    bare = Columns(0, 0, week=False, best=False, bar=False)
    title = max(MIN_TITLE, min(longest, MAX_TITLE, total - 1 - bare.right - MIN_DAYS * CELL))
    shape = dict(week=False, best=False, bar=False)
    for extra, days_needed in (("week", MIN_DAYS), ("bar", EXTRA_DAYS), ("best", EXTRA_DAYS)):
        wider = Columns(title, 0, **{**shape, extra: True})
        if total - title - 1 - wider.right >= days_needed * CELL:
            shape[extra] = True
    right = Columns(title, 0, **shape).right
    days = max(MIN_DAYS, min(MAX_DAYS, (total - title - 1 - right) // CELL))
    return Columns(title, days, **shape)


def fit(text: str, cells: int) -> str:
    """Exactly `cells` cells wide, as the terminal will draw it; an ellipsis marks a cut."""
    if cell_len(text) <= cells:
        return set_cell_size(text, cells)
    return set_cell_size(text, cells - 1) + "…"


def legend_lines(width: int, planned: bool = False) -> list[str]:
    """The glyph legend on as few lines as the width allows (with ◆ when a strategy is planned for today)."""
    lines = [""]
    for item in (*LEGEND, PLANNED) if planned else LEGEND:
        joined = f"{lines[-1]}   {item}" if lines[-1] else item
        if cell_len(joined) <= width or not lines[-1]:
            lines[-1] = joined
        else:
            lines.append(item)
    return lines


def period_words(store: Store, strategy: Strategy, streak) -> str:
    """How today stands for a daily strategy, in words: "done ✓", "skipped ~", "not yet !" (the streak
    needs today), "not yet"; never longer than the column, so a space always leads."""
    today = store.today()
    if store.is_done(strategy.key, today):
        return "done ✓"
    if store.is_skipped(strategy.key, today):
        return "skipped ~"
    if streak.period_target == 0:  # the whole day is away
        return "away -"
    return "not yet !" if streak.at_risk else "not yet"


def strength_bar(score: float, cells: int = BAR_W) -> str:
    eighths = round(max(0.0, min(1.0, score)) * cells * 8)
    full, part = divmod(eighths, 8)
    return ("█" * full + (_EIGHTHS[part] if part else "")).ljust(cells, " ")


class BoardGrid(Widget, can_focus=True):
    """Renders the board; the screen owns the cursor (row, day) and feeds it in."""

    COMPONENT_CLASSES = {
        "grid--header", "grid--today", "grid--current", "grid--cursor", "grid--selected", "grid--title",
        "grid--done", "grid--missed", "grid--skipped", "grid--away", "grid--not_due", "grid--open", "grid--future",
        "grid--before",
        "grid--at-risk", "grid--dim",
    }

    DEFAULT_CSS = """
    BoardGrid { height: 1fr; padding: 0 1; }
    BoardGrid > .grid--header { color: $text-muted; }
    BoardGrid > .grid--today { color: $bond-today; text-style: bold; }
    BoardGrid > .grid--cursor { background: $bond-today; color: $background; text-style: bold; }
    BoardGrid:blur > .grid--cursor { background: $bond-today 50%; }
    BoardGrid > .grid--selected { background: $boost; }
    BoardGrid > .grid--title { color: $foreground; }
    BoardGrid > .grid--current { color: $accent; text-style: bold; }
    BoardGrid > .grid--done { color: $bond-done; text-style: bold; }
    BoardGrid > .grid--missed { color: $bond-missed; }
    BoardGrid > .grid--skipped { color: $bond-skipped; }
    BoardGrid > .grid--away { color: $bond-away; }
    BoardGrid > .grid--not_due { color: $bond-not-due; }
    BoardGrid > .grid--open { color: $bond-not-due; }
    BoardGrid > .grid--future { color: $bond-not-due; }
    BoardGrid > .grid--before { color: $bond-not-due; }
    BoardGrid > .grid--at-risk { color: $bond-at-risk; text-style: bold; }
    BoardGrid > .grid--dim { color: $text-muted; }
    """

    row: reactive[int] = reactive(0)
    spacious: reactive[bool] = reactive(False)  # a blank line between rows when the window is tall
    day: reactive[date] = reactive(date.today, always_update=True)
    today: reactive[date] = reactive(date.today)

    class CellClicked(Message):
        def __init__(self, row: int, day: date) -> None:
            self.row, self.day = row, day
            super().__init__()

    def __init__(self, store: Store, **kwargs) -> None:
        super().__init__(**kwargs)
        self.store = store
        self.window_end = self.store.today()
        self.top = 0  # the first strategy shown when they do not all fit
        # (shape of the board) -> (its lines, top, window_end after drawing them)
        self._drawn: dict[tuple, tuple[list[Strip], int, date]] = {}

    def on_mount(self) -> None:
        host(self).store_changed.subscribe(self, self.redraw)

    def redraw(self, _: None = None) -> None:
        """The data changed or the day turned: draw again from the store."""
        self._drawn.clear()
        self.today = self.store.today()
        self.refresh(layout=True)

    def strategies(self) -> list[Strategy]:
        return self.store.strategies()

    def columns(self) -> Columns:
        longest = max((cell_len(printable(s.title)) for s in self.strategies()), default=MIN_TITLE)
        return columns_for(self.size.width, longest)

    def window(self) -> list[date]:
        """The visible days, oldest first; they follow the cursor into the past."""
        count = self.columns().days
        if self.day > self.window_end:
            self.window_end = self.day
        elif self.day <= self.window_end - timedelta(days=count):
            self.window_end = self.day + timedelta(days=count - 1)
        if self.window_end < self.today and self.day >= self.today - timedelta(days=count - 1):
            self.window_end = self.today  # back home: keep today at the right edge
        return [self.window_end - timedelta(days=i) for i in reversed(range(count))]

    def visible_rows(self) -> range:
        """The strategies that fit under the header, scrolled so the cursor row shows."""
        pitch = 2 if self.spacious else 1
        room = max(1, (self.size.height - 2 + pitch - 1) // pitch)
        count = len(self.strategies())
        self.top = max(0, min(self.top, count - room))
        if self.row < self.top:
            self.top = self.row
        elif self.row >= self.top + room:
            self.top = self.row - room + 1
        return range(self.top, min(count, self.top + room))

    # -- drawing: one Strip per line, built once for each shape of the board ----------------

    def render_line(self, y: int) -> Strip:
        lines = self._lines()
        return lines[y] if y < len(lines) else Strip.blank(self.size.width, self.rich_style)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._drawn.clear()  # a new theme, or focus gained or lost: the colours change

    def _lines(self) -> list[Strip]:
        """The board's lines. Textual lays a new screen out more than once before its first frame,
        at sizes that come back: each shape is drawn once, and a scroll it caused is kept with it."""
        key = (self.size, self.row, self.day, self.today, self.spacious, self.top, self.window_end)
        if key not in self._drawn:
            if len(self._drawn) > 8:
                self._drawn.clear()
            width, base = self.size.width, self.rich_style
            fill = Style(bgcolor=base.bgcolor)  # as Textual pads a line of text
            lines = [strip.apply_offsets(0, y).crop_extend(0, width, fill)  # offsets: text selection
                     for y, strip in enumerate(self._draw())]
            lines += [Strip.blank(width, base)] * (self.size.height - len(lines))
            self._drawn[key] = (lines, self.top, self.window_end)
        lines, self.top, self.window_end = self._drawn[key]
        return lines

    def _draw(self) -> list[Strip]:
        cols = self.columns()
        days = self.window()
        base = self.rich_style
        styles: dict[str, Style] = {"": base}  # "": the grid's own colours

        def style(name: str) -> Style:
            if name not in styles:
                styles[name] = base + self.get_component_rich_style(name)
            return styles[name]

        lines = [self._header(cols, days, style, weekday=True), self._header(cols, days, style, weekday=False)]
        strategies = self.strategies()
        planned = {p.strategy for p in self.store.plans() if p.day == self.today}  # today's ◆ cells
        for index in self.visible_rows():
            if self.spacious and index > self.top:
                lines.append([Segment("", base)])
            lines.append(self._row(index, strategies[index], cols, days, style, planned))
        legend = legend_lines(self.size.width, bool(planned))
        if self.size.height >= len(lines) + 1 + len(legend):
            lines += [[Segment("", base)], *([Segment(line, style("grid--dim"))] for line in legend)]
        return [Strip(segments) for segments in lines]

    def _header(self, cols: Columns, days: list[date], style, weekday: bool) -> list[Segment]:
        line = []
        if weekday:
            months = month_span(days[0], days[-1])
            if cell_len(months) > cols.title:
                months = month_span(days[0], days[-1]).replace(f" {days[0].year}", "", 1)
            line.append(Segment(fit(months, cols.title) + " ", style("grid--dim")))
        else:
            line.append(Segment(" " * (cols.title + 1), style("")))
        for day in days:
            label = f"{day:%a}"[:2] if weekday else f"{day.day:>2}"
            line.append(Segment(f"{label} ", style("grid--today") if day == self.today else style("grid--header")))
        if weekday:
            header = " " + "streak".rjust(STREAK_W) + ("this week".rjust(WEEK_W) if cols.week else "")
            header += "best".rjust(BEST_W) if cols.best else ""
            header += "  " + self._last_heading(cols).rjust(cols.strength)
            line.append(Segment(header, style("grid--header")))
        return line

    def _row(self, index: int, strategy: Strategy, cols: Columns, days: list[date], style,
             planned: set[str]) -> list[Segment]:
        selected = index == self.row
        streak = self.store.streak(strategy.key)
        states = as_shown(self.store.day_states(strategy.key, days[0], days[-1]), strategy.cadence.kind)
        line = [Segment(fit(printable(strategy.title), cols.title) + " ", style("grid--current" if selected else "grid--title"))]
        for day in days:
            state = states.get(day, "future")
            glyph = GLYPHS[state]
            cell_style = style(f"grid--{state}")
            if day == self.today and state == "open" and streak.at_risk and strategy.cadence.kind == "daily":
                glyph, cell_style = "!", style("grid--at-risk")  # the streak needs today
            if day == self.today and state in ("open", "not_due") and strategy.key in planned:
                glyph, cell_style = "◆", style("grid--at-risk")  # she planned it for today
            if selected and day == self.day:
                cell_style = cell_style + style("grid--cursor")
            elif selected:
                cell_style = cell_style + Style(bgcolor=style("grid--selected").bgcolor)
            line.append(Segment(f" {glyph} ", cell_style))
        unit = UNIT_WORDS[streak.unit]
        current = plural(streak.current, unit)
        line.append(Segment(" " + current.rjust(STREAK_W), style("grid--at-risk") if streak.at_risk else style("grid--title")))
        if cols.week:
            line.append(Segment(self._period(strategy, streak).rjust(WEEK_W), style("grid--dim")))
        if cols.best:
            line.append(Segment(plural(streak.best, unit).rjust(BEST_W), style("grid--dim")))
        line.append(Segment("  ", style("")))
        if self.store.settings.column != "strength":  # a count she can feel instead of a percentage
            line.append(Segment(str(self._count(strategy)).rjust(cols.strength), style("grid--title")))
            return line
        score = self.store.strength(strategy.key)
        if cols.bar:
            line.append(Segment(strength_bar(score) + " ", style("grid--done")))
        line.append(Segment(f"{score:>4.0%}", style("grid--title")))
        return line

    def _last_heading(self, cols: Columns) -> str:
        column = self.store.settings.column
        if column == "month":
            return "this month" if cols.bar else "mon."
        if column == "period":
            return "this week" if cols.bar else "wk."
        return "strength" if cols.bar else "str."

    def _count(self, strategy: Strategy) -> int:
        """Check-ins this month, or in the period in progress (this week for a daily or weekly strategy)."""
        today = self.today
        if self.store.settings.column == "month":
            return self.store.count_since(strategy.key, today.replace(day=1))
        if strategy.cadence.kind == "every":  # its round, counted from the strategy's first day
            first = strategy.cadence.periods(today, today, anchor=strategy.since)[-1].start
        else:  # the week in progress (a daily strategy's period is a day: a week says more)
            first = week_start_of(today, self.store.settings.week_start)
        return self.store.count_since(strategy.key, first)

    def _period(self, strategy: Strategy, streak) -> str:
        if strategy.cadence.kind == "daily":
            return period_words(self.store, strategy, streak)
        done = min(streak.period_done, streak.period_target)
        mark = " ✓" if streak.period_met and streak.period_target else "  "
        return f"{done} of {streak.period_target}{mark}"

    def on_click(self, event: Click) -> None:
        cols = self.columns()
        x, y = event.x - 1, event.y - 2
        pitch = 2 if self.spacious else 1
        row, gap = divmod(y, pitch)
        column = (x - cols.title - 1) // CELL
        if y < 0 or gap or self.top + row not in self.visible_rows():
            return
        # A day's cell is that day; the title or the numbers of a row (a tap on a phone) is today.
        on_a_day = 0 <= column < cols.days and x > cols.title
        self.post_message(self.CellClicked(self.top + row, self.window()[column] if on_a_day else self.today))
