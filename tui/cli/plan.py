"""`bondtui plan`: set a day aside for a strategy; on that day the Today panel offers it first."""

from __future__ import annotations

from typing import TextIO

from store import Store, parse_day_ahead

from ..text import printable
from .commands import print_json


def writes(args) -> bool:
    return args.action in ("add", "remove")


def plan(store: Store, args, out: TextIO) -> int:
    if args.action == "add":
        made = store.add_plan(args.key, parse_day_ahead(args.day, store.today()), args.action_text)
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
