"""The commands that shape her plan: `settings`, `strategy …` and `away …`.

Each takes the open store, the parsed arguments and a stream, like the commands
in `commands.py`. A bad value raises UsageError before anything is written.
"""

from __future__ import annotations

from datetime import date
from typing import TextIO

import orjson

from store import NUDGE_DEFAULT, WEEKDAY_NAMES, Store, Strategy, UsageError, parse_action, parse_date_arg

from ..text import pad, plural, printable

WEEK_STARTS = {"monday": 0, "mon": 0, "sunday": 6, "sun": 6}
SETTING_NAMES = ("name", "interests", "born", "day-start", "week-start", "theme", "column", "nudge")
COLUMN_WORDS = {"strength": "strength", "period": "this week's check-ins", "month": "this month's check-ins"}

# The subcommands that change the data and so need the write lock.
_WRITES = {"settings": {"set"}, "strategy": {"add", "edit", "move", "archive", "restore", "delete"},
           "away": {"add", "remove"}}


def writes(args) -> bool:
    return getattr(args, "action", None) in _WRITES.get(args.command, ())


def run(store: Store, args, out: TextIO) -> int:
    handler = {"settings": _settings, "strategy": _strategy, "away": _away}[args.command]
    return handler(store, args, out)


# ---------------------------------------------------------------- settings

def _settings(store: Store, args, out: TextIO) -> int:
    if args.action == "set":
        return _settings_set(store, args.name, args.value, out)
    if args.json:
        settings = store.settings
        out.write(orjson.dumps({
            "name": settings.son_name, "interests": list(settings.interests), "born": settings.born or None,
            "age": settings.age_on(store.today()), "day_start": settings.day_start_hour,
            "week_start": WEEKDAY_NAMES[settings.week_start].lower(), "theme": settings.theme or None, "column": settings.column,
            "nudge": settings.nudge or NUDGE_DEFAULT,
        }, option=orjson.OPT_INDENT_2).decode() + "\n")
        return 0
    for name in SETTING_NAMES:
        print(f"{name:<11} {_setting_text(store, name)}", file=out)
    print("\nChange one with: bondtui settings set NAME VALUE", file=out)
    return 0


def _setting_text(store: Store, name: str) -> str:
    settings = store.settings
    if name == "name":
        return printable(settings.son_name) or "(not set)"
    if name == "interests":
        return printable(", ".join(settings.interests)) or "(none yet)"
    if name == "born":
        age = settings.age_on(store.today())
        return f"{settings.born} ({plural(age, 'years')} old)" if age is not None else "(not set: every idea suits him)"
    if name == "day-start":
        hour = settings.day_start_hour
        return f"{hour} (a day runs from {hour:02d}:00 to {hour:02d}:00 the next morning)" if hour else "0 (midnight)"
    if name == "week-start":
        return WEEKDAY_NAMES[settings.week_start]
    if name == "column":
        return f"{settings.column} (the board's last column: {COLUMN_WORDS[settings.column]})"
    if name == "nudge":
        if settings.nudge == "off":
            return "off (bondtui nudge stays quiet)"
        return f"{settings.nudge or NUDGE_DEFAULT} (bondtui nudge may speak from then, if nothing is done yet)"
    return printable(settings.theme) or "(the default)"


def _settings_set(store: Store, name: str, value: str, out: TextIO) -> int:
    changes: dict[str, object]
    if name == "name":
        changes = {"son_name": value}
    elif name == "interests":
        changes = {"interests": value}
    elif name == "born":
        changes = {"born": value}
    elif name == "day-start":
        if value.strip() not in [str(hour) for hour in range(7)]:
            raise UsageError(f"'{printable(value)}' is not a day-start hour; choose a whole hour from 0 to 6")
        changes = {"day_start_hour": int(value)}
    elif name == "week-start":
        if value.strip().lower() not in WEEK_STARTS:
            raise UsageError(f"'{printable(value)}' is not a week start; choose one of: monday, sunday (or mon, sun)")
        changes = {"week_start": WEEK_STARTS[value.strip().lower()]}
    elif name == "column":
        changes = {"column": value.strip().lower()}
    elif name == "nudge":
        changes = {"nudge": value}
    else:
        changes = {"theme": _theme(value)}
    before = _setting_text(store, name)
    store.update_settings(**changes)
    after = _setting_text(store, name)
    print(f"{name} was already {after}." if after == before else f"Saved {name}: {after}.", file=out)
    return 0


def _theme(value: str) -> str:
    """A theme the app can show; '' (or 'default') goes back to the default."""
    value = value.strip()
    if value.lower() in ("", "default"):
        return ""
    from themes import TEXTUAL_THEMES, theme_names, user_theme_dir  # only for this one setting

    names = [*theme_names(user_theme_dir()), *TEXTUAL_THEMES]
    if value not in names:
        raise UsageError(f"'{printable(value)}' is not a theme; choose one of: {', '.join(dict.fromkeys(names))}, default")
    return value


# ---------------------------------------------------------------- strategies

def _strategy(store: Store, args, out: TextIO) -> int:
    return {"list": _list, "add": _add, "edit": _edit, "move": _move, "archive": _archive,
            "restore": _restore, "delete": _delete}[args.action](store, args, out)


def _list(store: Store, args, out: TextIO) -> int:
    shown = store.strategies(archived=args.all)
    places = {s.key: place for place, s in enumerate(store.strategies(), start=1)}
    if args.json:
        rows = [{"key": s.key, "title": s.title, "summary": s.summary, "cadence": str(s.cadence),
                 "actions": list(s.actions), "sizes": s.sizes, "ages": {a: list(span) for a, span in s.ages.items()},
                 "position": places.get(s.key),
                 "archived": s.archived} for s in shown]
        out.write(orjson.dumps(rows, option=orjson.OPT_INDENT_2).decode() + "\n")
        return 0
    for strategy in sorted(shown, key=lambda s: s.archived):  # the board first, then the archived
        place = f"{places[strategy.key]:>3}" if strategy.key in places else "  -"
        mark = "  (archived)" if strategy.archived else ""
        print(f"{place}  {pad(printable(strategy.key), 12)} {pad(printable(strategy.title), 34)} "
              f"{pad(str(strategy.cadence), 18)} {plural(len(strategy.actions), 'actions')}{mark}", file=out)
    hidden = len(store.archived_strategies())
    if hidden and not args.all:
        what = "1 archived strategy" if hidden == 1 else f"{hidden} archived strategies"
        print(f"\n{what} not shown: bondtui strategy list --all", file=out)
    return 0


def _add(store: Store, args, out: TextIO) -> int:
    parsed = [parse_action(text) for text in args.action_texts]
    strategy = store.add_strategy(args.key, args.title, args.cadence, args.summary,
                                  [text for text, _ in parsed], dict(parsed))
    place = len(store.strategies())
    print(f"Added {_name(strategy)}, {strategy.cadence.describe()}, with "
          f"{plural(len(strategy.actions), 'actions')}; it is at place {place} on the board.", file=out)
    return 0


def _edit(store: Store, args, out: TextIO) -> int:
    old = store.strategy(args.key)
    changes: dict = {}
    if args.title is not None:
        changes["title"] = args.title
    if args.summary is not None:
        changes["summary"] = args.summary
    if args.cadence is not None:
        changes["cadence"] = args.cadence
    if args.add_action or args.remove_action:
        actions, sizes = list(old.actions), dict(old.sizes)
        for text in args.remove_action:
            action = parse_action(text)[0]
            if action not in actions:
                choices = "; ".join(f"'{printable(a)}'" for a in actions) or "it has none"
                raise UsageError(f"'{printable(action)}' is not an action of {args.key}; its actions: {choices}")
            actions.remove(action)
        for text in args.add_action:
            action, size = parse_action(text)
            if action not in actions:
                actions.append(action)
            sizes[action] = size
        changes.update(actions=actions, sizes=sizes)
    if not changes:
        raise UsageError("nothing to change; give --title, --summary, --cadence, --add-action or --remove-action")
    new = store.update_strategy(old.key, **changes)
    if new == old:
        print(f"{_name(new)} is already like that; nothing changed.", file=out)
        return 0
    print(f"Saved {_name(new)}: {new.cadence.describe()}, {plural(len(new.actions), 'actions')}; "
          f"every check-in is kept.", file=out)
    if new.cadence != old.cadence and not new.archived:
        streak = store.streak(new.key)
        print(f"Its whole history is re-read as {new.cadence}: current streak "
              f"{plural(streak.current, streak.unit)}, best {plural(streak.best, streak.unit)}.", file=out)
    return 0


def _move(store: Store, args, out: TextIO) -> int:
    strategy = store.strategy(args.key)
    board = store.strategies()
    where = args.to.strip().lower()
    if where in ("up", "down"):
        to: int | str = where
    elif where.isdigit() and 1 <= int(where) <= len(board):
        to = int(where) - 1
    else:
        raise UsageError(f"'{printable(args.to)}' is not a place; choose up, down or a place from 1 to {len(board)}")
    if strategy.archived:
        raise UsageError(f"'{strategy.key}' is archived; restore it to the board first: bondtui strategy restore {strategy.key}")
    at = board.index(strategy)
    store.move_strategy(strategy.key, to)
    now = [s.key for s in store.strategies()].index(strategy.key)
    if now == at:
        print(f"{_name(strategy)} is already at place {at + 1} of {len(board)}; nothing moved.", file=out)
    else:
        print(f"Moved {_name(strategy)} to place {now + 1} of {len(board)}.", file=out)
    return 0


def _archive(store: Store, args, out: TextIO) -> int:
    strategy = store.strategy(args.key)
    if strategy.archived:
        print(f"{_name(strategy)} is already archived.", file=out)
        return 0
    store.archive_strategy(strategy.key)
    print(f"Archived {_name(strategy)}: it left the board; its {plural(len(store.check_ins(strategy.key)), 'check-ins')} "
          f"stay. Bring it back with: bondtui strategy restore {strategy.key}", file=out)
    return 0


def _restore(store: Store, args, out: TextIO) -> int:
    strategy = store.strategy(args.key)
    if not strategy.archived:
        print(f"{_name(strategy)} is already on the board.", file=out)
        return 0
    store.restore_strategy(strategy.key)
    place = [s.key for s in store.strategies()].index(strategy.key) + 1
    print(f"Restored {_name(strategy)} to place {place} on the board, with its "
          f"{plural(len(store.check_ins(strategy.key)), 'check-ins')}.", file=out)
    return 0


def _delete(store: Store, args, out: TextIO) -> int:
    strategy = store.strategy(args.key)
    if args.confirm != strategy.key:
        raise UsageError(f"to delete '{strategy.key}' and all its check-ins, repeat its key: "
                         f"bondtui strategy delete {strategy.key} --confirm {strategy.key}")
    check_ins = len(store.check_ins(strategy.key))
    store.delete_strategy(strategy.key)
    print(f"Deleted {_name(strategy)} with its {plural(check_ins, 'check-ins')}. "
          f"`bondtui undo` brings it all back.", file=out)
    return 0


def _name(strategy: Strategy) -> str:
    return f"{strategy.key} ({printable(strategy.title)})"


# ---------------------------------------------------------------- away periods

def _away(store: Store, args, out: TextIO) -> int:
    if args.action == "add":
        today = store.today()
        start = parse_date_arg(args.start, today, future_ok=True)
        end = parse_date_arg(args.end, today, future_ok=True)
        merged = store.overlapping_away(start, end)
        away = store.add_away(start, end, args.reason)
        print(f"Away {_span(away.start, away.end)}{_reason(away.reason)}, id {away.id}: every strategy rests.", file=out)
        if merged:
            print(f"It overlapped {plural(len(merged), 'earlier periods')} ({', '.join(a.id for a in merged)}), "
                  f"so they are now this one.", file=out)
        return 0
    if args.action == "remove":
        away = store.remove_away(args.id.strip())
        print(f"Removed the away period {_span(away.start, away.end)}{_reason(away.reason)}. "
              f"`bondtui undo` brings it back.", file=out)
        return 0
    periods = store.away_periods()
    if not periods:
        print("No away periods yet. Add one with: bondtui away add START END --reason TEXT", file=out)
        return 0
    today = store.today()
    for away in periods:
        when = "ahead" if away.start > today else "now" if away.end >= today else "past"
        print(f"{away.id}  {_span(away.start, away.end)}  {when:<5}  {printable(away.reason)}".rstrip(), file=out)
    return 0


def _span(start: date, end: date) -> str:
    days = (end - start).days + 1
    return f"{start:%a %d %b %Y} – {end:%a %d %b %Y} ({plural(days, 'days')})"


def _reason(reason: str) -> str:
    return f", {printable(reason)}" if reason else ""
