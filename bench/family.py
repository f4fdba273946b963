"""Several children: lives played day by day across a family, and what a second and third child cost.

    python bench/family.py [--days 56] [--db DB]     # `make bench` adds it to bench/RESULTS.md

The lives start with a new family (Sam 14, Leo 11, Mia 7) on a Saturday and are played
with a frozen clock, one evening at a time, like bench/lives.py's. Counted: what she
is offered, not whether a function returns.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from store import FixedClock, Store  # noqa: E402

START = date(2026, 9, 5)  # a Saturday
CHILDREN = (("Sam", "2012-05", "football"), ("Leo", "2015-03", "chess"), ("Mia", "2019-07", "drawing"))
BONDTUI = Path(sys.executable).parent / "bondtui"


def _evening(day: date, hour: int = 19) -> datetime:
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=UTC)


def _family(folder: Path, clock: FixedClock) -> list[Store]:
    first = Store.open(folder / "bond.json", clock)
    name, born, loves = CHILDREN[0]
    first.update_settings(son_name=name, born=born, interests=loves)
    for name, born, loves in CHILDREN[1:]:
        first.family.add(name, born=born, interests=loves)
    return [first.family.store(name) for name, _, _ in CHILDREN]


Evening = Callable[[list[Store], int], list[int]]  # (stores, day index) -> which children she followed tonight


def every_child(stores: list[Store], index: int) -> list[int]:
    return list(range(len(stores)))


def only_the_eldest(stores: list[Store], index: int) -> list[int]:
    return [0]


def twins_in_turn(stores: list[Store], index: int) -> list[int]:
    return [index % len(stores)]  # one child an evening, in turn: her time is short


def boarding_school(stores: list[Store], index: int) -> list[int]:
    return [0, 1, 2] if (START + timedelta(days=index)).weekday() >= 5 else [1, 2]  # Sam home at weekends only


def live(evening: Evening, days: int, *, away_weekdays: bool = False) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        clock = FixedClock(_evening(START))
        stores = _family(Path(folder), clock)
        if away_weekdays:  # Sam at boarding school Monday to Friday: an away period each week
            for week in range(days // 7 + 1):
                monday = START + timedelta(days=2 + 7 * week)
                stores[0].add_away(monday, monday + timedelta(days=4), "school")
        outings_twice, forgotten, offered = 0, Counter(), Counter()
        firsts: dict[str, Counter] = {name: Counter() for name, _, _ in CHILDREN}
        for index in range(days):
            day = START + timedelta(days=index)
            clock.moment = _evening(day)
            outings = 0
            shown = [next(iter(store.suggestions()), None) for store in stores]
            for position, suggestion in enumerate(shown):
                name = CHILDREN[position][0]
                if suggestion is None:
                    continue
                offered[name] += 1
                firsts[name][suggestion.strategy] += 1
                forgotten[name] += suggestion.kind == "forgotten"
            for position in evening(stores, index):
                store, suggestion = stores[position], next(iter(stores[position].suggestions()), None)
                if suggestion is None:
                    continue
                store.check_in(suggestion.strategy, action=suggestion.action)
                outings += suggestion.size == "outing"
            outings_twice += outings > 1
        stores[0].close()
    return {"two outings": outings_twice, "forgotten": dict(forgotten), "offered": dict(offered),
            "strategies": {name: len(seen) for name, seen in firsts.items()}}


LIVES = {
    "each child's first suggestion, every evening": (every_child, False),
    "only the eldest's board, every evening": (only_the_eldest, False),
    "one child an evening, in turn": (twins_in_turn, False),
    "the eldest at boarding school (away Mon–Fri)": (boarding_school, True),
}


def lives(days: int) -> str:
    rows = ["| life | days with two outings done | 'a week' reminders (Sam / Leo / Mia) | strategies offered first (of 7) |",
            "|---|---:|---|---|"]
    for title, (evening, away) in LIVES.items():
        found = live(evening, days, away_weekdays=away)
        names = [name for name, _, _ in CHILDREN]
        reminders = " / ".join(str(found["forgotten"].get(name, 0)) for name in names)
        spread = " / ".join(str(found["strategies"][name]) for name in names)
        rows.append(f"| {title} | {found['two outings']} | {reminders} | {spread} |")
    return f"Several children, {days} evenings from a new family (Sam 14, Leo 11, Mia 7):\n\n" + "\n".join(rows)


def _seconds(argv: list[str], env: dict, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def cost(db: Path, runs: int = 7) -> str:
    """`bondtui today` on the long database alone, then with two more children beside it."""
    import os

    with tempfile.TemporaryDirectory() as folder:
        copy = Path(shutil.copytree(db.parent, Path(folder) / "set")) / db.name
        env = {**os.environ, "BONDTUI_DB": str(copy), "BONDTUI_NOW": "2026-11-29T20:00:00+00:00"}
        one = _seconds([str(BONDTUI), "today"], env, runs)
        with Store.open(copy, FixedClock(datetime(2026, 11, 29, 20, tzinfo=UTC))) as store:
            for name, born, loves in CHILDREN[1:]:
                store.family.add(name, born=born, interests=loves)
        three = _seconds([str(BONDTUI), "today"], env, runs)
        short = _seconds([str(BONDTUI), "today", "--short"], env, runs)
    return (f"`bondtui today` with two more children beside the long database: {three * 1000:.0f} ms against "
            f"{one * 1000:.0f} ms alone ({three / one:.2f}×; every child's suggestion is made); `today --short` "
            f"(the chosen child's only): {short * 1000:.0f} ms ({short / one:.2f}×).")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=56)
    parser.add_argument("--db", type=Path, help="a long database: also measure what more children cost")
    args = parser.parse_args()
    print(lives(args.days))
    if args.db:
        print("\n" + cost(args.db))
    return 0


if __name__ == "__main__":
    sys.exit(main())
