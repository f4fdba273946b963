"""The text commands. Each takes the open store, the parsed arguments and a stream."""

from __future__ import annotations

from datetime import date
from typing import TextIO

import orjson

from store import Store, UsageError, parse_date_arg
from store.history import YearGrid, journal, monthly_counts
from store.strength import miss_cost

from .calendar import LEGEND, calendar_text, month_bars
from .text import pad, plural, printable


def today(store: Store, args, out: TextIO) -> int:
    day = store.today()
    print(day.strftime("%A %d %B %Y"), file=out)
    suggestion = next(iter(store.suggestions()), None)
    if suggestion:
        strategy = store.strategy(suggestion.strategy)
        print(f"\n  → {printable(suggestion.action)}", file=out)
        print(f"    {printable(suggestion.reason)}", file=out)
        print(f"    ({printable(strategy.title)})", file=out)
    strategies = store.strategies()
    touched = sum(store.is_done(s.key, day) for s in strategies)
    print(f"\n{touched} of {len(strategies)} strategies touched today", file=out)
    for strategy in strategies:
        streak = store.streak(strategy.key)
        mark = "✓" if store.is_done(strategy.key, day) else "~" if store.is_skipped(strategy.key, day) else "·"
        print(f"  {mark} {pad(printable(strategy.title), 32)}  {progress(strategy, streak)}", file=out)
    return 0


def progress(strategy, streak) -> str:
    """How the period in progress stands: "done today", "1 of 2 this week"."""
    kind = strategy.cadence.kind
    if kind == "daily":
        if streak.period_met:
            return "done today"
        return f"{plural(streak.current, streak.unit)} at risk" if streak.at_risk else "not yet today"
    span = "this week" if kind == "per_week" else "this round"
    return f"{streak.period_done} of {streak.period_target} {span}"


def done(store: Store, args, out: TextIO) -> int:
    strategy = store.strategy(args.key)
    day = parse_date_arg(args.date, store.today())
    check_in = store.check_in(strategy.key, day, args.action, args.note)
    streak = store.streak(strategy.key)
    what = f" — {printable(check_in.action)}" if check_in.action else ""
    print(f"✓ {printable(strategy.title)}{what}, {day:%a %d %b %Y}. Streak: {plural(streak.current, streak.unit)}.", file=out)
    return 0


def skip(store: Store, args, out: TextIO) -> int:
    strategy = store.strategy(args.key)
    day = parse_date_arg(args.date, store.today())
    if store.skip(strategy.key, day):
        print(f"~ {printable(strategy.title)} skipped on {day:%a %d %b %Y}; its streak waits for you.", file=out)
    else:
        print(f"{printable(strategy.title)} was already skipped on {day:%a %d %b %Y}.", file=out)
    return 0


def undo(store: Store, args, out: TextIO) -> int:
    change = store.undo()
    print(f"Undid the {printable(change.label)}." if change else "Nothing to undo.", file=out)
    return 0


def streaks(store: Store, args, out: TextIO) -> int:
    today_ = store.today()
    rows = []
    for strategy in store.strategies():
        streak = store.streak(strategy.key)
        rows.append({
            "key": strategy.key,
            "title": strategy.title,
            "cadence": str(strategy.cadence),
            "unit": streak.unit,
            "current": streak.current,
            "best": streak.best,
            "strength": round(store.strength(strategy.key), 6),
            "done_today": store.is_done(strategy.key, today_),
            "at_risk": streak.at_risk,
            "period_done": streak.period_done,
            "period_target": streak.period_target,
        })
    if args.json:
        out.write(orjson.dumps(rows, option=orjson.OPT_INDENT_2).decode() + "\n")
        return 0
    print(f"{'key':<10} {'strategy':<32} {'cadence':<14} {'current':>11} {'best':>11} {'strength':>8}", file=out)
    for row in rows:
        print(f"{pad(printable(row['key']), 10)} {pad(printable(row['title']), 32)} {row['cadence']:<14} "
              f"{plural(row['current'], row['unit']):>11} {plural(row['best'], row['unit']):>11} "
              f"{row['strength']:>8.0%}", file=out)
    return 0


def history(store: Store, args, out: TextIO) -> int:
    strategy = store.strategy(args.key)
    today = store.today()
    first_year = store.first_day(strategy.key).year
    year = today.year if args.year is None else args.year
    if not first_year <= year <= today.year:
        raise UsageError(f"no history for {year}; choose a year from {first_year} to {today.year}")
    grid = YearGrid(year, store.settings.week_start)
    states = store.day_states(strategy.key, date(year, 1, 1), date(year, 12, 31))
    print(f"{printable(strategy.title)} · {strategy.cadence.describe()} · {year}\n", file=out)
    print(calendar_text(grid, states), file=out)
    print(f"\n{LEGEND}\n", file=out)

    streak, score = store.streak(strategy.key), store.strength(strategy.key)
    print(f"Current streak  {plural(streak.current, streak.unit)}", file=out)
    print(f"Best streak     {plural(streak.best, streak.unit)}", file=out)
    cost = round(miss_cost(strategy.cadence, score) * 100)
    print(f"Strength        {score:.0%}  (one miss now costs about {cost} point{'s' if cost != 1 else ''})", file=out)

    counts = monthly_counts(store.check_ins(strategy.key), year)
    print("\nCheck-ins by month", file=out)
    for bar in month_bars(counts):
        print(f"  {bar}", file=out)

    runs = sorted((r for r in streak.runs if r.start.year <= year <= r.end.year), key=lambda r: (-r.length, r.start))
    print(f"\nStreak runs in {year}, longest first", file=out)
    for run in runs:
        print(f"  {plural(run.length, streak.unit):>12}   {run.start:%a %d %b %Y} – {run.end:%a %d %b %Y}", file=out)
    if not runs:
        print("  none yet", file=out)

    moments = [c for c in journal(store.check_ins(strategy.key)) if c.day.year == year]
    print(f"\nJournal of {year}", file=out)
    for moment in moments:
        action = f"{printable(moment.action)} — " if moment.action else ""
        print(f"  {moment.day:%Y-%m-%d}  {action}{printable(moment.note)}", file=out)
    if not moments:
        print("  no notes yet: add one with `bondtui done KEY --note TEXT`", file=out)
    return 0


def restore(args, out: TextIO) -> int:
    from store import resolve_path
    from store.restore import find_backup, restore as restore_backup
    from store.storage import backups

    path = resolve_path(args.db)
    shown = printable(str(path))
    if args.backup is None:
        found = backups(path)
        if not found:
            print(f"No backups of {shown} yet: one is kept each day bondtui changes something.", file=out)
            return 0
        print(f"Backups of {shown}, newest first:", file=out)
        for backup in reversed(found):
            print(f"  {backup.stem[-10:]}  {backup.stat().st_size:>10,} bytes  {printable(str(backup))}", file=out)
        print("Go back to one with: bondtui restore YYYY-MM-DD (or: bondtui restore newest)", file=out)
        return 0
    backup = find_backup(path, args.backup)
    kept = restore_backup(path, backup)
    print(f"Restored {shown} from {printable(str(backup))}.", file=out)
    if kept:
        print(f"The file it replaced is kept as {printable(str(kept))}.", file=out)
    return 0
