"""The text commands. Each takes the open store, the parsed arguments and a stream."""

from __future__ import annotations

import json
from typing import TextIO

from store import Store, parse_date_arg

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
        json.dump(rows, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0
    print(f"{'key':<10} {'strategy':<32} {'cadence':<14} {'current':>11} {'best':>11} {'strength':>8}", file=out)
    for row in rows:
        print(f"{pad(printable(row['key']), 10)} {pad(printable(row['title']), 32)} {row['cadence']:<14} "
              f"{plural(row['current'], row['unit']):>11} {plural(row['best'], row['unit']):>11} "
              f"{row['strength']:>8.0%}", file=out)
    return 0
