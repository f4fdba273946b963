"""`bondtui plan`: set a day aside for a strategy; on that day the Today panel offers it first."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TextIO

from store import WEEKDAY_NAMES, Store, parse_date_arg

from ..text import printable
from .commands import print_json


def writes(args) -> bool:
    return args.action in ("add", "remove")


def plan_day(text: str, today: date) -> date:
    """DATE, `tomorrow`, or a weekday's name (its next one, today included: "saturday", "sat")."""
    word = text.strip().lower()
    if word == "tomorrow":
        return today + timedelta(days=1)
    for index, name in enumerate(WEEKDAY_NAMES):
        if len(word) >= 3 and name.lower().startswith(word):
            return today + timedelta(days=(index - today.weekday()) % 7)
    return parse_date_arg(text, today, future_ok=True)


def plan(store: Store, args, out: TextIO) -> int:
    if args.action == "add":
        made = store.add_plan(args.key, plan_day(args.day, store.today()), args.action_text)
        what = f": {printable(made.action)}" if made.action else ""
        print(f"Planned {printable(store.strategy(made.strategy).title)}{what} for {made.day:%a %d %b %Y} "
              f"(id {made.id}). That day it comes first.", file=out)
        return 0
    if args.action == "remove":
        gone = store.remove_plan(args.id)
        print(f"Removed the plan for {gone.day:%a %d %b %Y} ({printable(store.strategy(gone.strategy).title)}).",
              file=out)
        return 0
    plans = store.plans()
    if args.json:
        print_json([{"id": p.id, "strategy": p.strategy, "day": p.day.isoformat(), "action": p.action}
                    for p in plans], out)
        return 0
    if not plans:
        print("No plans ahead. Add one: bondtui plan add date saturday --action \"breakfast out\"", file=out)
    for p in plans:
        what = f" — {printable(p.action)}" if p.action else ""
        print(f"{p.id}  {p.day:%a %d %b}  {printable(store.strategy(p.strategy).title)}{what}", file=out)
    return 0
