"""The week with him in words, as `bondtui review` prints it and the board's review shows it: text, Markdown for
her journal, JSON. Every text from the data is made printable (and escaped for Markdown)."""

from __future__ import annotations

import re
from collections.abc import Callable

from .text import printable


def week_doc(week) -> dict:
    return {"week": week.label, "first": week.first.isoformat(), "last": week.last.isoformat(),
            "strategies": [{"key": s.key, "title": s.title, "done": s.done, "goal": s.goal, "actions": list(s.actions)}
                           for s in week.strategies],
            "notes": [{"day": c.day.isoformat(), "strategy": c.strategy, "action": c.action, "note": c.note,
                       "went": c.went} for c in week.notes],
            "great": [{"day": c.day.isoformat(), "strategy": c.strategy, "action": c.action} for c in week.great],
            "reading": list(week.reading)}


def heading(week) -> str:
    return f"The week of {week.first:%a %d %b} to {week.last:%a %d %b %Y} ({week.label})"


NO_NOTES = "No notes this week: a line after a check-in keeps his words."


def sections(week, plans=(), titles_of: Callable[[str], str] | None = None) -> list[tuple[str, list[str]]]:
    """(heading, lines) of each part, in the order she reads them: the reading, his words, each strategy, the great,
    and the days ahead she planned (`plans`, with `titles_of` naming their strategies)."""
    titles = {s.key: s.title for s in week.strategies}
    parts = [("", [printable(sentence) for sentence in week.reading]),
             ("What he said", [f"{c.day:%a %d}  {printable(c.note)}  ({printable(titles.get(c.strategy, c.strategy))})"
                               for c in week.notes] or [NO_NOTES])]
    width = max((len(printable(s.title)) for s in week.strategies), default=0)
    rows = []
    for s in week.strategies:
        rows.append(f"{printable(s.title):<{width}}  {s.done} of {s.goal}")
        if s.actions:
            rows.append("    " + "; ".join(printable(a) for a in s.actions))
    parts.append(("Each strategy", rows))
    if week.great:
        parts.append(("What went great", [f"★ {c.day:%a %d}  {printable(c.action or titles.get(c.strategy, c.strategy))}"
                                          for c in week.great]))
    if plans:
        name: Callable[[str], str] = titles_of or (lambda key: titles.get(key, key))
        parts.append(("Planned ahead", [f"{p.day:%a %d %b}  {printable(name(p.strategy))}"
                                        + (f" — {printable(p.action)}" if p.action else "") for p in plans]))
    return parts


def text(week, plans=(), titles_of=None) -> str:
    lines = [heading(week)]
    for title, rows in sections(week, plans, titles_of):
        lines += ["", *([title] if title else []), *(f"  {row}" for row in rows)]
    return "\n".join(lines) + "\n"


def md_text(value: str) -> str:
    """Text that Markdown shows as written: its markup characters escaped, one line."""
    return re.sub(r"([\\`*_{}\[\]<>|~])", r"\\\1", " ".join(printable(value).split()))


def markdown(week) -> str:
    titles = {s.key: s.title for s in week.strategies}
    lines = [f"# {heading(week)}", ""]
    lines += [md_text(sentence) for sentence in week.reading]
    lines += ["", "## What he said", ""]
    lines += [f"- **{c.day:%a %d %b}** — {md_text(c.note)} _({md_text(titles.get(c.strategy, c.strategy))})_"
              for c in week.notes] or ["_No notes this week._"]
    lines += ["", "## Each strategy", "", "| Strategy | Done | Goal | What you did |", "|---|---:|---:|---|"]
    lines += [f"| {md_text(s.title)} | {s.done} | {s.goal} | {'; '.join(md_text(a) for a in s.actions)} |"
              for s in week.strategies]
    if week.great:
        lines += ["", "## What went great", ""]
        lines += [f"- ★ **{c.day:%a %d %b}** — {md_text(c.action or titles.get(c.strategy, c.strategy))}" for c in week.great]
    return "\n".join(lines) + "\n"
