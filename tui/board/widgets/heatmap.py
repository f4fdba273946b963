"""A year at a glance: weeks as columns, weekdays as rows, each day shaded and marked."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from store import YearGrid

from ...calendar import GLYPHS, calendar_cells, month_header

# The overview shades each day by the share of strategies touched.
LEVELS = " ░▒▓█"


def level_glyph(share: float) -> str:
    return "·" if share <= 0 else LEVELS[min(4, 1 + int(share * 4 - 1e-9))]


class Heatmap(Widget):
    """Shows `states` (day → state) or, in overview mode, `shares` (day → 0.0–1.0)."""

    COMPONENT_CLASSES = {
        "heatmap--label", "heatmap--today",
        "heatmap--done", "heatmap--missed", "heatmap--skipped", "heatmap--away", "heatmap--not_due",
        "heatmap--open", "heatmap--future", "heatmap--before", "heatmap--archived", "heatmap--level",
    }

    DEFAULT_CSS = """
    Heatmap { height: 8; width: auto; }
    Heatmap > .heatmap--label { color: $text-muted; }
    Heatmap > .heatmap--today { background: $bond-today; color: $background; text-style: bold; }
    Heatmap > .heatmap--done { color: $bond-done; text-style: bold; }
    Heatmap > .heatmap--missed { color: $bond-missed; }
    Heatmap > .heatmap--skipped { color: $bond-skipped; }
    Heatmap > .heatmap--away { color: $bond-away; }
    Heatmap > .heatmap--not_due { color: $bond-not-due; }
    Heatmap > .heatmap--open { color: $bond-not-due; }
    Heatmap > .heatmap--future { color: $bond-not-due; }
    Heatmap > .heatmap--before { color: $bond-not-due; }
    Heatmap > .heatmap--archived { color: $bond-not-due; }
    Heatmap > .heatmap--level { color: $bond-done; }
    """

    year: reactive[int] = reactive(2000, layout=True)

    def __init__(self, today: date, week_start: int = 0, **kwargs) -> None:
        super().__init__(**kwargs)
        self.today = today
        self.week_start = week_start
        self.states: dict[date, str] = {}
        self.shares: dict[date, float] | None = None
        self.since: date | None = None  # in overview mode, the first day she tracked anything: before it, blank

    def show(self, year: int, states: dict[date, str] | None = None, shares: dict[date, float] | None = None,
             since: date | None = None) -> None:
        self.states, self.shares, self.since = states or {}, shares, since
        self.year = year
        self.refresh(layout=True)

    @property
    def grid(self) -> YearGrid:
        return YearGrid(self.year, self.week_start)

    ROOM_BESIDE = 30  # cells kept free to the right for the streak summary

    @classmethod
    def cells_for(cls, grid: YearGrid, screen_width: int) -> int:
        """Two cells a day when the window is wide enough, one otherwise."""
        return 2 if screen_width - 2 >= 5 + grid.columns * 2 + cls.ROOM_BESIDE else 1

    @classmethod
    def width_for(cls, grid: YearGrid, screen_width: int) -> int:
        """How wide the heatmap of `grid`'s year is in a window `screen_width` wide (before it is mounted)."""
        return 5 + grid.columns * cls.cells_for(grid, screen_width)

    def cell_width(self) -> int:
        # The terminal's width, not the parent's: asking a container its size mid-layout costs a layout.
        return self.cells_for(self.grid, self.app.size.width)

    def get_content_width(self, container, viewport) -> int:
        return self.width_for(self.grid, self.app.size.width)

    def render(self) -> Text:
        grid, cell = self.grid, self.cell_width()
        style = self.get_component_rich_style
        lines = [Text("     " + month_header(grid, cell), style("heatmap--label"), no_wrap=True)]
        for name, cells in zip(grid.weekday_names(), calendar_cells(grid, self.states), strict=False):
            line = Text(f"{name}  ", style("heatmap--label"), no_wrap=True)
            for day, state in cells:
                if day is None:
                    line.append(" " * cell)
                    continue
                if self.shares is not None and self.since is not None and day < self.since:
                    glyph, look = " ", "heatmap--before"
                elif self.shares is not None and day <= self.today:
                    glyph, look = level_glyph(self.shares.get(day, 0.0)), "heatmap--level"
                else:
                    glyph, look = GLYPHS.get(state, " "), f"heatmap--{state}"
                text = glyph + " " * (cell - 1)
                line.append(text, style("heatmap--today") if day == self.today else style(look))
            lines.append(line)
        return Text("\n").join(lines)
