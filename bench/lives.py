"""Lives the first personas did not cover: where guidance must go where she is not going already.

    python bench/lives.py [--days 66]     # prints the table; `make bench` adds it to bench/RESULTS.md

Each life starts with a new database and is played day by day with a frozen clock,
like bench/guidance.py's personas; tests/store/guide/test_lives.py asserts the
same laws on shorter runs.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.guidance import START, Day, at, repeats  # noqa: E402
from store import FixedClock, Store  # noqa: E402
from store.guide.ideas import fill  # noqa: E402

HABITS = ("talk", "affection")  # what the habit pair does every night, by habit
OWN = "read"  # the strategy she made herself
AWAY_FROM, AWAY_DAYS = 14, 10
FIRST_SATURDAY = date(2026, 9, 5)  # a new database on a Saturday evening
NINE = "2017-06"  # the nine-year-old's birth month
FOURTEEN = "2012-05"  # the boy she asks a question every evening
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _first(store: Store, clock: FixedClock, record: Day, moment: datetime) -> list:
    clock.moment = moment
    record.shown = store.suggestions()
    record.first = next(iter(record.shown), None)
    _promises(store, record, record.shown)
    return record.shown


def _promises(store: Store, record: Day, shown: list) -> None:
    """Keep, beside the day, each deadline said and whether the period's goal could still be met then."""
    for s in shown:
        if s.kind == "last day":
            streak = store.streak(s.strategy)
            record.promises.append((s, streak.period_target - streak.period_done <= streak.days_left))


def habit_pair(store: Store, clock: FixedClock, record: Day, index: int) -> None:
    """She talks with him and hugs him every night by habit; at 18:00 she does the first suggestion if it is
    something else."""
    shown = _first(store, clock, record, at(record.day, 18))
    if shown and shown[0].strategy not in HABITS and not store.is_away(record.day):
        store.check_in(shown[0].strategy, action=shown[0].action)
    clock.moment = at(record.day, 22)
    for key in HABITS:
        if not store.is_done(key, store.today()) and not store.is_away(record.day):
            store.check_in(key)


def ignores_her_own(store: Store, clock: FixedClock, record: Day, index: int) -> None:
    """She made a strategy of her own and never does it; the rest she follows, one a day."""
    shown = _first(store, clock, record, at(record.day, 18))
    if shown and shown[0].strategy != OWN:
        store.check_in(shown[0].strategy, action=shown[0].action)


def night_owl(store: Store, clock: FixedClock, record: Day, index: int) -> None:
    """Her day starts at 3:00; at 00:30 she talks with him and does the first suggestion, both with space."""
    shown = _first(store, clock, record, datetime.combine(record.day + timedelta(days=1), time(0, 30), UTC))
    if shown:
        store.check_in(shown[0].strategy)
    if not store.is_done("talk", store.today()):
        store.check_in("talk")


def follows_at(hour: int, minute: int = 0) -> Callable:
    def follows(store: Store, clock: FixedClock, record: Day, index: int) -> None:
        shown = _first(store, clock, record, at(record.day, hour, minute))
        if shown:
            store.check_in(shown[0].strategy, action=shown[0].action)
    return follows


def nine_year_old(store: Store, clock: FixedClock, record: Day, index: int) -> None:
    """He is nine: she follows the first suggestion at 18:00; every action offered then and at 21:30 is looked at."""
    follows_at(18)(store, clock, record, index)
    age = store.settings.age_on(record.day)
    for key, text in {(s.strategy, s.action) for s in record.shown + store.suggestions()}:
        strategy = store.strategy(key)
        spans = {fill(a, store.settings): span for a, span in strategy.ages.items()}
        span = spans.get(re.sub(r"^Plan (next )?Saturday: ", "", text))
        if span and not span[0] <= age <= span[1]:
            record.unfit.append(f"{record.day} {text}")


def asks_every_evening(store: Store, clock: FixedClock, record: Day, index: int) -> None:
    """At 08:00 she reads the day's question; at 19:00 she asks it, writes his answer, and follows the first
    suggestion."""
    clock.moment = at(record.day, 8)
    seen = store.question()
    record.question = (seen.id, seen.topic, seen.text) if seen else None
    clock.moment = at(record.day, 19)
    asked, _ = store.ask_question(note=f"his answer on day {index + 1}")
    record.asked = asked.id
    follows_at(19)(store, clock, record, index)


def weekends_only(store: Store, clock: FixedClock, record: Day, index: int) -> None:
    """He lives with his father in the week: Friday to Sunday she does the first two suggestions at 10:00."""
    shown = _first(store, clock, record, at(record.day, 10))
    if record.day.weekday() >= 4:
        for _ in range(2):
            shown = store.suggestions()
            if shown:
                store.check_in(shown[0].strategy, action=shown[0].action)


# life -> (what she does each day, the hour she looks, the first day, what she sets up first)
LIVES: dict[str, tuple[Callable, int, date, Callable[[Store], object]]] = {
    "habit pair": (habit_pair, 18, START, lambda store: None),
    "habit pair, away ten days": (habit_pair, 18, START, lambda store: store.add_away(
        START + timedelta(days=AWAY_FROM), START + timedelta(days=AWAY_FROM + AWAY_DAYS - 1), "camp")),
    "her own strategy, never done": (ignores_her_own, 18, START, lambda store: store.add_strategy(
        OWN, "Read together", "2 per week", actions=["Read a chapter together", "Swap book recommendations"])),
    "a night owl (day starts at 3:00)": (night_owl, 0, START, lambda store: store.update_settings(day_start_hour=3)),
    "starts on a Saturday evening": (follows_at(19), 19, FIRST_SATURDAY, lambda store: None),
    "only before school, at 7:30": (follows_at(7, 30), 7, START, lambda store: None),
    "weekends only (shared custody)": (weekends_only, 10, START, lambda store: None),
    "a nine-year-old": (nine_year_old, 18, START, lambda store: store.update_settings(born=NINE)),
    "sixty days of questions": (asks_every_evening, 19, START, lambda store: store.update_settings(
        born=FOURTEEN, son_name="Sam", interests=("football", "chess"))),
}


def play(life: str, days: int, folder: Path) -> list[Day]:
    each_day, _, start, setup = LIVES[life]
    clock = FixedClock(at(start, 8))
    log = []
    with Store.open(folder / f"{len(list(folder.iterdir()))}.json", clock) as store:
        setup(store)
        for index in range(days):
            record = Day(start + timedelta(days=index))
            each_day(store, clock, record, index)
            clock.moment = at(record.day, 21, 30)
            record.late = store.suggestions()
            _promises(store, record, record.late)
            log.append(record)
    return log


# -- the figures -------------------------------------------------------------


def firsts(log: list[Day]) -> dict[str, int]:
    """How often each strategy was the day's first suggestion ("-": none, he was away)."""
    return dict(Counter(d.first.strategy if d.first else "-" for d in log).most_common())


def kept_share(log: list[Day], first_kept: int = 7) -> float:
    """The share of days from the day the habits are kept on that offered one of them first."""
    days = log[first_kept:]
    return sum(bool(d.first) and d.first.strategy in HABITS for d in days) / max(1, len(days))


def next_night_repeats(log: list[Day]) -> int:
    return sum(bool(a.first and b.first) and a.first.action == b.first.action for a, b in zip(log, log[1:], strict=False))


def past_words(log: list[Day], hour: int) -> list[str]:
    """Suggestions at `hour` (and at 21:30) that name a part of today already over (after midnight: none)."""
    found = []
    for d in log:
        for shown, at_hour in ((d.shown, hour), (d.late, 21)):
            if at_hour < 5:
                continue
            for s in shown:
                words = s.action.lower()
                later = s.action.startswith("Plan ") or "tomorrow" in words or any(
                    day in words for i, day in enumerate(WEEKDAYS) if i != d.day.weekday())
                over = ("morning" in words or "breakfast" in words) and at_hour >= 12 or "afternoon" in words and at_hour >= 17
                if over and not later:
                    found.append(f"{d.day} {at_hour}:00 {s.action}")
    return found


def broken_promises(log: list[Day], week_start: int = 0) -> list[str]:
    """Deadline words the period cannot keep, or said on a week's first day."""
    return [f"{d.day} {s.strategy}: {s.reason}" for d in log for s, reachable in d.promises
            if not reachable or d.day.weekday() == week_start]


def fewest(log: list[Day], width: int) -> int:
    """The fewest strategies offered first in any `width` days in a row."""
    return min(len({d.first.strategy for d in log[i:i + width] if d.first}) for i in range(len(log) - width + 1))


def question_figures(log: list[Day]) -> dict:
    """Questions asked twice; whether each evening asked the morning's question; the fewest topics in 7 days."""
    asked = [d.asked for d in log if d.asked]
    topics = [d.question[1] for d in log if d.question]
    return {"asked": len(asked), "twice": len(asked) - len(set(asked)),
            "as_in_the_morning": sum(bool(d.question) and d.question[0] == d.asked for d in log),
            "fewest_topics_in_7": min(len(set(topics[i:i + 7])) for i in range(len(topics) - 6))}


def first_week_deadlines(log: list[Day]) -> int:
    """Deadline words in the week she started in."""
    monday = log[0].day + timedelta(days=-log[0].day.weekday() + 7)
    return sum(s.kind == "last day" for d in log if d.day < monday for s in d.shown + d.late)


def measure(days: int = 66) -> dict:
    with tempfile.TemporaryDirectory(prefix="bondtui-lives-") as folder:
        logs = {life: play(life, days, Path(folder)) for life in LIVES}
    return {"days": days, "logs": logs}


def render(f: dict) -> str:
    logs, days = f["logs"], f["days"]
    habits, away = logs["habit pair"], logs["habit pair, away ten days"]
    own, owl = logs["her own strategy, never done"], logs["a night owl (day starts at 3:00)"]
    saturday, morning = logs["starts on a Saturday evening"], logs["only before school, at 7:30"]
    weekends = logs["weekends only (shared custody)"]
    nine, questions = logs["a nine-year-old"], question_figures(logs["sixty days of questions"][:60])
    fair = days / 8
    rows = [
        ("habit pair", "the habits she keeps take the first suggestion on ≤ 1 day in 5",
         f"{kept_share(habits):.0%} of days from day 8; firsts: {firsts(habits)}"),
        ("habit pair, away ten days", "the same; nothing while away",
         f"{kept_share(away):.0%}; firsts: {firsts(away)}"),
        ("her own strategy, never done", f"offered first ≥ ¾ of a fair share ({fair:.1f} days)",
         f"{firsts(own).get(OWN, 0)} days; firsts: {firsts(own)}"),
        ("a night owl (day starts at 3:00)", "no action first two nights running; again within 7 nights ≤ 1 in 20",
         f"next-night repeats: {next_night_repeats(owl)}; within 7 nights: {repeats(owl)}"),
        ("starts on a Saturday evening", "no deadline words in the week she started in",
         f"deadline words that week: {first_week_deadlines(saturday)}"),
        ("only before school, at 7:30", "every strategy in every 14 days (missed: see docs/using.md)",
         f"strategies first in the fewest 14 days: {fewest(morning, 14)} of 7"),
        ("weekends only (shared custody)", "no deadline the week cannot keep",
         f"broken promises: {len(broken_promises(weekends))}; firsts: {firsts(weekends)}"),
        ("a nine-year-old", "nothing offered that is not for his age (the car keys)",
         f"actions offered not for him: {sum(len(d.unfit) for d in nine)}; firsts: {firsts(nine)}"),
        ("sixty days of questions", "no question twice; the evening asks the morning's; topics take turns",
         f"asked {questions['asked']}, twice: {questions['twice']}; as in the morning: "
         f"{questions['as_in_the_morning']} of {questions['asked']}; fewest topics in 7 days: "
         f"{questions['fewest_topics_in_7']} of 7"),
        ("every life, every day", "no part of the day named once it is over; no promise the week cannot keep",
         f"past words: {sum(len(past_words(log, LIVES[life][1])) for life, log in logs.items())}; "
         f"broken promises: {sum(len(broken_promises(log)) for log in logs.values())}"),
    ]
    lines = [f"Lives over {days} days (each from a new database):", "", "| life | law | measured |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=66)
    print(render(measure(parser.parse_args().days)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
