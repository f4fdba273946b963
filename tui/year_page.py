"""The year to keep: one page that stands alone — a heatmap and strength curve per strategy (inline SVG), counts
per month, the best runs, what went great and his words. Nothing is loaded from anywhere; every text from the
data is escaped; print styles keep it to paper."""

from __future__ import annotations

from datetime import date
from html import escape

from store import CheckIn, Store, Strategy, YearGrid, journal, monthly_counts

CELL = 11  # one day's square in the heatmap, in SVG units
COLOURS = {"done": "#c2410c", "skipped": "#a8a29e", "away": "#d6d3d1", "missed": "#f5f5f4", "open": "#f5f5f4"}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
STYLE = """
body { font: 15px/1.5 Georgia, serif; color: #292524; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.8rem; margin-bottom: 0; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #e7e5e4; }
.muted { color: #78716c; } table { border-collapse: collapse; } td, th { padding: 0 .5rem; text-align: right; }
svg { display: block; margin: .4rem 0; } blockquote { margin: .3rem 0 .3rem 1rem; font-style: italic; }
@media print { body { margin: 0; max-width: none; font-size: 11pt; } section { break-inside: avoid; } }
"""


def _heatmap(states: dict[date, str], grid: YearGrid) -> str:
    cells = []
    for day, state in states.items():
        column, row = grid.cell(day)
        colour = COLOURS.get(state)
        if colour:
            cells.append(f'<rect x="{column * CELL}" y="{row * CELL}" width="{CELL - 2}" height="{CELL - 2}" '
                         f'fill="{colour}"><title>{day.isoformat()}: {escape(state)}</title></rect>')
    width, height = grid.columns * CELL, 7 * CELL
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
            f'height="{height}" role="img" aria-label="the year, day by day">{"".join(cells)}</svg>')


def _curve(values: list[float]) -> str:
    if not values:
        return ""
    width, height = 583, 60
    step = width / max(1, len(values) - 1)
    points = " ".join(f"{i * step:.1f},{height - v * height:.1f}" for i, v in enumerate(values))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
            f'height="{height}" role="img" aria-label="strength over the year">'
            f'<rect width="{width}" height="{height}" fill="#fafaf9"></rect>'
            f'<polyline points="{points}" fill="none" stroke="#c2410c" stroke-width="1.5"></polyline></svg>')


def year_of(store: Store, year: int) -> list[tuple[Strategy, list[CheckIn]]]:
    """Each strategy with its check-ins of the year, in board order; an archived one only if it has some."""
    found = [(s, store.check_ins(s.key, year=year)) for s in store.strategies(archived=True)]
    return [(strategy, check_ins) for strategy, check_ins in found if check_ins or not strategy.archived]


def year_page(store: Store, year: int) -> str:
    """The page for `year` (up to today in the year in progress), as HTML text."""
    first, last = date(year, 1, 1), min(date(year, 12, 31), store.today())
    grid = YearGrid(year, store.settings.week_start)
    name = store.settings.son_name.strip() or "him"
    parts = [f"<h1>A year with {escape(name)}: {year}</h1>",
             f'<p class="muted">{first:%d %B} to {last:%d %B %Y}</p>']
    kept = year_of(store, year)
    everything = [c for _, check_ins in kept for c in check_ins]
    for strategy, check_ins in kept:
        counts = monthly_counts(check_ins, year)
        begin = max(first, store.first_day(strategy.key))
        series = store.strength_series(strategy.key, begin, last) if begin <= last else []
        runs = sorted(store.runs(strategy.key, year), key=lambda r: -r.length)[:3]
        parts.append("<section>")
        parts.append(f"<h2>{escape(strategy.title)}</h2>")
        parts.append(f'<p class="muted">{len(check_ins)} times this year</p>')
        parts.append(_heatmap(store.day_states(strategy.key, first, last) if first <= last else {}, grid))
        parts.append(_curve(series))
        parts.append("<table><tr>" + "".join(f"<th>{m}</th>" for m in MONTHS) + "</tr><tr>"
                     + "".join(f"<td>{n}</td>" for n in counts) + "</tr></table>")
        if runs:
            parts.append("<p>Best runs: " + "; ".join(
                f"{r.length} in a row, {r.start:%d %b %Y} to {r.end:%d %b %Y}" for r in runs) + "</p>")
        parts.append("</section>")
    titles = {s.key: s.title for s in store.strategies(archived=True)}
    great = sorted((c for c in everything if c.went == "great"), key=lambda c: c.day, reverse=True)
    if great:
        parts.append("<section><h2>What went great</h2><ul>")
        parts += [f"<li>{c.day:%d %b}: {escape(c.action or titles.get(c.strategy, c.strategy))}</li>" for c in great]
        parts.append("</ul></section>")
    said = journal(everything)
    parts.append("<section><h2>What he said</h2>")
    parts += [f"<p>{c.day:%d %b}, {escape(titles.get(c.strategy, c.strategy))}:</p><blockquote>{escape(c.note)}"
              "</blockquote>" for c in said] or ['<p class="muted">No notes this year.</p>']
    parts.append("</section>")
    body = "\n".join(parts)
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>A year with {escape(name)}: '
            f'{year}</title><style>{STYLE}</style></head><body>\n{body}\n</body></html>\n')


def year_markdown(store: Store, year: int) -> str:
    """The same year in Markdown, for her own journal: counts per month, best runs, what went great, his words."""
    from .week import md_text  # her words, escaped as the week's are

    first, last = date(year, 1, 1), min(date(year, 12, 31), store.today())
    name = store.settings.son_name.strip() or "him"
    lines = [f"# A year with {md_text(name)}: {year}", "", f"{first:%d %B} to {last:%d %B %Y}", "",
             "| Strategy | " + " | ".join(MONTHS) + " | Year | Best run |", "|---|" + "---:|" * 14]
    kept = year_of(store, year)
    everything = [c for _, check_ins in kept for c in check_ins]
    for strategy, check_ins in kept:
        best = max(store.runs(strategy.key, year), key=lambda r: r.length, default=None)
        lines.append(f"| {md_text(strategy.title)} | " + " | ".join(map(str, monthly_counts(check_ins, year)))
                     + f" | {len(check_ins)} | {best.length if best else 0} |")
    titles = {s.key: s.title for s in store.strategies(archived=True)}
    great = sorted((c for c in everything if c.went == "great"), key=lambda c: c.day, reverse=True)
    if great:
        lines += ["", "## What went great", ""]
        lines += [f"- ★ **{c.day:%d %b}** — {md_text(c.action or titles.get(c.strategy, c.strategy))}" for c in great]
    lines += ["", "## What he said", ""]
    lines += [f"- **{c.day:%d %b}** — {md_text(c.note)} _({md_text(titles.get(c.strategy, c.strategy))})_"
              for c in journal(everything)] or ["_No notes this year._"]
    return "\n".join(lines) + "\n"
