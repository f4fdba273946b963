"""The text commands. Each takes the open store, the parsed arguments and a stream."""

from __future__ import annotations

import sys
from datetime import date
from typing import Any, TextIO

from store import SIZE_WORDS, TALK, Store, UsageError, parse_date_arg

from ..calendar import LEGEND, as_shown, calendar_text, month_bars
from ..text import described, pad, plural, printable, resting_line, unit_word, width


def today(store: Store, args, out: TextIO) -> int:
    if args.next < 0:
        raise UsageError(f"--next takes 0 or more (0 is the first suggestion), not {args.next}")
    day = store.today()
    # With several children: each child's suggestion, unless the line names one or asks for one (JSON, a prompt's line).
    children = _children(store, every=getattr(args, "all", False)
                         or not (getattr(args, "child", None) or args.json or args.short))
    if args.short:  # for a shell prompt or a status bar: one line a child, nothing else computed
        for name, each in children:
            found = each.suggestions()
            suggestion = found[args.next % len(found)] if found else None
            line = f"{suggestion.action} — {each.strategy(suggestion.strategy).title}" if suggestion else resting_line(each)
            print(printable(f"{name}: {line}" if name else line), file=out)
        return 0
    if args.json:
        records = []
        for name, each in children:
            found = each.suggestions()
            record = today_record(each, found[args.next % len(found)] if found else None)
            record["next"] = [suggestion_doc(each, s) for s in found[1:args.next + 1]]  # no wrap: each once
            if store.several:
                record["child"] = name or each.settings.son_name
            records.append(record)
        print_json(records if getattr(args, "all", False) else records[0], out)
        return 0
    print(day.strftime("%A %d %B %Y"), file=out)
    for name, each in children:
        found = each.suggestions()
        suggestion = found[args.next % len(found)] if found else None
        if name:
            print(f"\n  {printable(name)}", end="", file=out)
        if suggestion:
            print_suggestion(each, suggestion, out)
        else:
            print(f"\n  {resting_line(each)}", file=out)
    strategies = store.strategies()
    touched = sum(store.is_done(s.key, day) for s in strategies)
    whose = f"{printable(_name(store))}: " if store.several else ""
    print(f"\n{whose}{touched} of {plural(len(strategies), 'strategies')} touched today", file=out)
    titles = max((width(printable(s.title)) for s in strategies), default=0)
    for strategy in strategies:
        streak = store.streak(strategy.key)
        mark, words = progress(store, strategy, streak)
        print(f"  {mark} {pad(printable(strategy.title), min(titles, 40))}  {words}", file=out)
    return 0


def _name(store: Store) -> str:
    return store.family.child_of(store).name


def _children(store: Store, every: bool) -> list[tuple[str, Store]]:
    """(his name, his Store) for each child the answer speaks of: with one child, him unnamed; with several,
    every child on the board (`every`) or the chosen one, named."""
    if not store.several:
        return [("", store)]
    if not every:
        return [(_name(store), store)]
    family = store.family
    return [(child.name, family.store_of(child.id)) for child in family.children(archived=False)]


def print_json(value, out: TextIO) -> None:
    import orjson  # only the --json lines use it

    out.write(orjson.dumps(value, option=orjson.OPT_INDENT_2).decode() + "\n")


def print_suggestion(store: Store, suggestion, out: TextIO) -> None:
    title = store.strategy(suggestion.strategy).title
    print(f"\n  → {printable(suggestion.action)}", file=out)
    print(f"    {printable(suggestion.reason)}", file=out)
    print(f"    ({printable(title)} · {SIZE_WORDS.get(suggestion.size, suggestion.size)})", file=out)
    if suggestion.strategy == TALK and (question := store.question()):
        print(f"    Or ask {printable(store.settings.son_name.strip()) or 'him'}: {printable(question.text)}", file=out)



def today_record(store: Store, suggestion) -> dict:
    """`bondtui today --json`: the suggestion (or null) and how each strategy stands."""
    day = store.today()
    rows: list[dict[str, Any]] = []
    for strategy in store.strategies():
        streak = store.streak(strategy.key)
        state = ("done" if store.is_done(strategy.key, day) else "skipped" if store.is_skipped(strategy.key, day)
                 else "away" if store.is_away(day) else "met" if streak.period_met
                 else "at_risk" if streak.at_risk else "open")
        rows.append({"key": strategy.key, "title": strategy.title, "state": state,
                     "period_done": int(streak.period_done), "period_target": int(streak.period_target)})
    shown = suggestion_doc(store, suggestion) if suggestion else None
    return {"day": day.isoformat(), "suggestion": shown, "strategies": rows}


def suggestion_doc(store: Store, suggestion) -> dict[str, str]:
    return {"key": suggestion.strategy, "title": store.strategy(suggestion.strategy).title,
            "action": suggestion.action, "reason": suggestion.reason, "size": suggestion.size}


def did(store: Store, args, out: TextIO) -> int:
    """Log today's first suggestion as done (the board's d), then show the next one."""
    suggestion = next(iter(store.suggestions()), None)
    if suggestion is None:
        print(f"bondtui: nothing to log: {resting_line(store)}", file=sys.stderr)
        return 1
    strategy = store.strategy(suggestion.strategy)
    store.check_in(strategy.key, store.today(), suggestion.action, args.note, getattr(args, "went", "") or "")
    streak = store.streak(strategy.key)
    standing = (
        plural(streak.current, unit_word(streak.unit)) + " in a row" if streak.current else progress(store, strategy, streak)[1]
    )
    print(f"✓ {printable(strategy.title)} — {printable(suggestion.action)} ({standing}).", file=out)
    following = next(iter(store.suggestions()), None)
    if following:
        print("\nNext:", end="", file=out)
        print_suggestion(store, following, out)
    else:
        print(f"\n{resting_line(store)}", file=out)
    return 0


def progress(store: Store, strategy, streak) -> tuple[str, str]:
    """The board's mark and words for how the period in progress stands:
    ("✓", "done today"), ("~", "skipped today"), ("!", "3 days at risk"), ("✓", "1 of 1 this week").
    A day still in progress is never marked missed."""
    day, kind = store.today(), strategy.cadence.kind
    if kind == "daily":
        if store.is_done(strategy.key, day):
            return "✓", "done today"
        if store.is_skipped(strategy.key, day):
            return "~", "skipped today"
        if streak.period_target == 0:
            return "-", "away today"
        if streak.at_risk:
            return "!", f"{plural(streak.current, unit_word(streak.unit))} at risk"
        return " ", "not yet today"
    span = "this week" if kind == "per_week" else "this round"
    mark = "✓" if streak.period_met and streak.period_target else "~" if store.is_skipped(strategy.key, day) else " "
    return mark, f"{min(streak.period_done, streak.period_target)} of {streak.period_target} {span}"  # as on the board


def done(store: Store, args, out: TextIO) -> int:
    strategy = store.strategy(args.key)
    day = parse_date_arg(args.date, store.today())
    went = getattr(args, "went", "") or ""
    if not (args.action or "").strip() and not (args.note or "").strip() and store.is_done(strategy.key, day):
        # A plain `done` twice is one check-in; a second one with its own action or note is a second check-in.
        # With only --went, she says how the day's check-in went.
        latest = store.check_ins(strategy.key, day)[-1]
        if went and store.edit_check_in(latest.id, went=went) != latest:
            print(f"✓ {printable(strategy.title)}, {day:%a %d %b %Y}: it went {went.strip().lower()}.", file=out)
            return 0
        print(f"Already checked in: {printable(strategy.title)}, {day:%a %d %b %Y}. Nothing more was written.", file=out)
        return 0
    check_in = store.check_in(strategy.key, day, args.action, args.note, went)
    streak = store.streak(strategy.key)
    what = f" — {printable(check_in.action)}" if check_in.action else ""
    how = f" It went {check_in.went}." if check_in.went else ""
    print(f"✓ {printable(strategy.title)}{what}, {day:%a %d %b %Y}. Streak: {plural(streak.current, streak.unit)}.{how}",
          file=out)
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
    print(f"Undid {described(change)}." if change else "Nothing to undo.", file=out)
    return 0


def streaks(store: Store, args, out: TextIO) -> int:
    today_ = store.today()
    rows: list[dict[str, Any]] = []
    for strategy in store.strategies(archived=args.all):
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
            "period_done": int(streak.period_done),
            "period_target": int(streak.period_target),
            "archived": strategy.archived,
        })
    if args.json:
        print_json(rows, out)
        return 0
    headings = ("key", "strategy", "cadence", "current", "best", "strength")
    table = [[printable(row["key"]), printable(row["title"]), row["cadence"],
              plural(row["current"], unit_word(row["unit"])), plural(row["best"], unit_word(row["unit"])),
              f"{row['strength']:.0%}"] for row in rows]
    # Columns as wide as what they hold (long titles are cut at 40 cells); numbers to the right.
    widths = [min(40, max(width(text) for text in column)) for column in zip(headings, *table, strict=False)]
    for cells, archived in [(list(headings), False), *zip(table, (row["archived"] for row in rows), strict=False)]:
        line = "  ".join(pad(text, w) if i < 3 else " " * (w - width(text)) + text
                         for i, (text, w) in enumerate(zip(cells, widths, strict=False)))
        print(line.rstrip() + ("  archived" if archived else ""), file=out)
    return 0


# What scripts read for each day: the board's states, named for a reader who has not seen the code.
JSON_STATES = {"before": "before_start"}


def history_record(store: Store, strategy, year: int, states: dict[date, str]) -> dict:
    """`bondtui history KEY --json`: what the calendar draws, day by day up to today, with runs and strength."""
    from datetime import timedelta

    last = min(date(year, 12, 31), store.today())
    days = [date(year, 1, 1) + timedelta(days=n) for n in range((last - date(year, 1, 1)).days + 1)]
    first = max(date(year, 1, 1), min(last, store.first_day(strategy.key)))
    series = store.strength_series(strategy.key, first, last) if first <= last else []
    return {"key": strategy.key, "year": year,
            "days": [{"day": day.isoformat(), "state": JSON_STATES.get(states[day], states[day])} for day in days],
            "runs": [{"start": run.start.isoformat(), "end": run.end.isoformat(), "length": run.length}
                     for run in store.runs(strategy.key, year)],
            "strength": [{"day": (first + timedelta(days=n)).isoformat(), "value": round(value, 6)}
                         for n, value in enumerate(series)]}


def history(store: Store, args, out: TextIO) -> int:
    from store import YearGrid, journal, miss_cost, monthly_counts  # only this command reads a year

    strategy = store.strategy(args.key)
    today = store.today()
    first_year = store.first_day(strategy.key).year
    year = today.year if args.year is None else args.year
    if not first_year <= year <= today.year:
        raise UsageError(f"no history for {year}; choose a year from {first_year} to {today.year}")
    grid = YearGrid(year, store.settings.week_start)
    states = as_shown(store.day_states(strategy.key, date(year, 1, 1), date(year, 12, 31)), strategy.cadence.kind)
    if args.json:
        print_json(history_record(store, strategy, year, states), out)
        return 0
    print(f"{printable(strategy.title)} · {strategy.cadence.describe()} · {year}\n", file=out)
    print(calendar_text(grid, states), file=out)
    print(f"\n{LEGEND}\n", file=out)

    streak, score = store.streak(strategy.key), store.strength(strategy.key)
    print(f"Current streak  {plural(streak.current, streak.unit)}", file=out)
    print(f"Best streak     {plural(streak.best, streak.unit)}", file=out)
    cost = round(miss_cost(strategy.cadence, score) * 100)
    if strategy.archived:
        print(f"Strength        {score:.0%}  (archived: nothing is owed while it rests)", file=out)
    else:
        print(f"Strength        {score:.0%}  (one miss now costs about {cost} point{'s' if cost != 1 else ''})", file=out)

    check_ins = store.check_ins(strategy.key, year=year)
    counts = monthly_counts(check_ins, year)
    print("\nCheck-ins by month", file=out)
    for bar in month_bars(counts):
        print(f"  {bar}", file=out)

    runs = sorted(store.runs(strategy.key, year), key=lambda r: (-r.length, r.start))
    print(f"\nStreak runs in {year}, longest first", file=out)
    for run in runs:
        print(f"  {plural(run.length, streak.unit):>12}   {run.start:%a %d %b %Y} – {run.end:%a %d %b %Y}", file=out)
    if not runs:
        print("  none yet", file=out)

    moments = journal(check_ins)
    print(f"\nJournal of {year}", file=out)
    for moment in moments:
        action = f"{printable(moment.action)} — " if moment.action else ""
        great = "★ " if moment.went == "great" else ""  # what went great with him stands out
        print(f"  {moment.day:%Y-%m-%d}  {great}{action}{printable(moment.note)}", file=out)
    if not moments:
        print("  no notes yet: add one with `bondtui done KEY --note TEXT`", file=out)
    return 0


def restore(args, out: TextIO, path) -> int:
    """The chosen child's backups, or going back to one of them (his file may be the broken one)."""
    from store import backups, find_backup, restore_backup

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


# The command line word -> the function that answers it (restore is handed no store: it works when the data is broken).
COMMANDS = {"today": today, "did": did, "done": done, "skip": skip, "undo": undo, "streaks": streaks, "history": history,
            "restore": restore}
