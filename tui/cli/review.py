"""`bondtui review`: the week with him in words — as text, as Markdown for her journal, or as JSON."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TextIO

from store import Store, UsageError, week_start_of

from ..text import printable
from ..week import markdown, text, week_doc
from .commands import print_json


def week_first(store: Store, week: str | None, last: bool) -> date:
    """The first day of the week asked for, in her week: this one, the last one, or the one holding ISO week Www."""
    today = store.today()
    first = week_start_of(today, store.settings.week_start)
    if last:
        return first - timedelta(days=7)
    if week is None:
        return first
    found = re.fullmatch(r"(\d{4})-?W(\d{1,2})", week.strip(), re.IGNORECASE)
    try:
        monday = date.fromisocalendar(int(found[1]), int(found[2]), 1) if found else None
    except ValueError:
        monday = None
    if monday is None:
        raise UsageError(f"'{printable(week)}' is not a week; write it as YYYY-Www, such as 2026-W49")
    asked = week_start_of(monday, store.settings.week_start)
    if asked > first:
        raise UsageError(f"{week} has not begun yet; the latest week to review is this one")
    return asked


def review(store: Store, args, out: TextIO) -> int:
    if args.year is not None or args.html:
        return _year(store, args, out)
    if args.output:
        raise UsageError("-o is for the year's page: bondtui review --year YYYY --html -o FILE")
    week = store.week_review(week_first(store, args.week, args.last))
    if args.json:
        print_json(week_doc(week), out)
    else:
        out.write(markdown(week) if args.markdown else text(week, store.plans(), lambda key: store.strategy(key).title))
    return 0


def _year(store: Store, args, out: TextIO) -> int:
    if args.year is None or not (args.html or args.markdown):
        raise UsageError("the year's page is bondtui review --year YYYY --html (or --markdown) [-o FILE]")
    if not store.first_day().year <= args.year <= store.today().year:
        raise UsageError(f"{args.year} holds nothing to keep; choose a year from {store.first_day().year} "
                         f"to {store.today().year}")
    from ..year_page import year_markdown, year_page

    page = year_page(store, args.year) if args.html else year_markdown(store, args.year)
    if not args.output:
        out.write(page)
        return 0
    from pathlib import Path

    from store import write_atomically

    try:
        write_atomically(Path(args.output), page.encode())
    except OSError as error:
        raise UsageError(f"cannot write {args.output}: {error.strerror or error}") from None
    print(f"Saved the year {args.year} to {args.output} ({len(page.encode()) // 1024 + 1} KB).", file=out)
    return 0
