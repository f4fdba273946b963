"""The year calendar as cells and labels, shared by `bondtui history` and the heatmap widget.

No Textual and no Rich here: the command line prints these as plain text, the
widget colours them.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from store import YearGrid

# "open" is a day still in play (today, or the rest of a week in progress): nothing is owed yet.
GLYPHS = {"done": "✓", "missed": "·", "skipped": "~", "away": "-", "not_due": "○", "open": " ", "future": " ", "before": " ",
          "archived": " "}
LEGEND = "✓ done   · missed   ~ skipped   - away   ○ not due"
SHARE_LEGEND = "· nothing   ░ ▒ ▓ █ a quarter, half, three quarters, all of the strategies"
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def as_shown(states: dict[date, str], kind: str) -> dict[date, str]:
    """Day states as she should read them: an `N per week` goal may be met on any day, so none of
    its days is "not due" (that is for days a `weekly on DAYS` or `every N days` cadence skips)."""
    if kind != "per_week":
        return states
    return {day: "open" if state == "not_due" else state for day, state in states.items()}


def month_span(first: date, last: date) -> str:
    """ "Nov 2026", "Oct – Nov 2026", "Dec 2026 – Jan 2027": the months the days cover."""
    if (first.year, first.month) == (last.year, last.month):
        return f"{last:%b %Y}"
    if first.year == last.year:
        return f"{first:%b} – {last:%b %Y}"
    return f"{first:%b %Y} – {last:%b %Y}"


def month_header(grid: YearGrid, cell: int = 1) -> str:
    """Month names above the week columns, each starting at the column of its first day."""
    header = [" "] * (grid.columns * cell)
    for column, name in grid.month_columns():
        at = column * cell
        if at + len(name) <= len(header) and all(c == " " for c in header[max(0, at - 1):at + len(name)]):
            header[at:at + len(name)] = name
    return "".join(header).rstrip()


def calendar_cells(grid: YearGrid, states: dict[date, str]) -> list[list[tuple[date | None, str]]]:
    """Seven rows (from the week start) of (day, state) per week column; day None outside the year."""
    rows = []
    for row in range(7):
        cells = []
        for column in range(grid.columns):
            day = grid.day_at(column, row)
            cells.append((day, states.get(day, "future") if day else "outside"))
        rows.append(cells)
    return rows


def calendar_text(grid: YearGrid, states: dict[date, str]) -> str:
    """The calendar in plain text: weekday names, then one glyph per day."""
    lines = ["     " + month_header(grid)]
    for name, cells in zip(grid.weekday_names(), calendar_cells(grid, states), strict=False):
        lines.append(f"{name}  " + "".join(GLYPHS.get(state, " ") for _, state in cells).rstrip())
    return "\n".join(lines)


def month_bars(counts: list[int], width: int = 40) -> list[str]:
    """ "Jan  ████████  18" for each month, the longest bar `width` wide."""
    top = max(counts) or 1
    return [f"{name}  {'█' * round(count / top * width):<{width}}  {count}" for name, count in zip(MONTHS, counts, strict=False)]
