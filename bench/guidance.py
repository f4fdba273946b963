"""Does the Today panel guide? Personas play day by day through the store with a frozen clock.

    python bench/guidance.py [--days 90]     # prints the table; `make bench` puts it in bench/RESULTS.md

Each persona starts with a new database. Every evening at 21:30 the whole list
is read as well, to check that late suggestions are moments. The tests
(tests/store/guide/test_guidance.py) assert the same laws on shorter runs.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from store import FixedClock, Store, Suggestion  # noqa: E402

START = date(2026, 9, 2)  # a Wednesday: the first week is a short one
NAME, INTERESTS = "Sam", ("football", "chess")
NOTES = ("he told me about the robotics club", "he laughed at my joke", "quiet, but he stayed to talk")
AWAY_FROM, AWAY_DAYS = 14, 7  # the away persona leaves on day 14 for a week


@dataclass
class Day:
    day: date
    first: Suggestion | None = None  # what she saw first at her hour
    shown: list[Suggestion] = field(default_factory=list)  # every suggestion at her hour
    late: list[Suggestion] = field(default_factory=list)  # every suggestion at 21:30
    met: dict[str, bool] = field(default_factory=dict)  # strategy -> period goal met, at the day's end
    promises: list[tuple[Suggestion, bool]] = field(default_factory=list)  # deadlines said; whether still reachable
    unfit: list[str] = field(default_factory=list)  # actions offered that are not for his age
    question: tuple[str, str, str] | None = None  # the day's question (id, topic, text), as seen at 08:00
    asked: str = ""  # the id of the question she asked that evening


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), UTC)


def _look(store: Store, clock: FixedClock, record: Day, hour: int) -> list[Suggestion]:
    clock.moment = at(record.day, hour)
    shown = store.suggestions()
    record.first, record.shown = next(iter(shown), None), shown
    return shown


def follows(store: Store, clock: FixedClock, record: Day, index: int) -> None:
    """At 18:00 she does the first suggestion, and now and then writes what he said."""
    shown = _look(store, clock, record, 18)
    if shown:
        note = NOTES[index // 5 % len(NOTES)] if index % 5 == 4 else ""
        store.check_in(shown[0].strategy, action=shown[0].action, note=note)


def hugs(store: Store, clock: FixedClock, record: Day, index: int) -> None:
    """A hug at 08:00 (space: no action text), and she ignores the suggestions."""
    clock.moment = at(record.day, 8)
    store.check_in("affection")
    _look(store, clock, record, 18)


def four(store: Store, clock: FixedClock, record: Day, index: int) -> None:
    """At 18:00 she does the first suggestion, four times over."""
    _look(store, clock, record, 18)
    for _ in range(4):
        shown = store.suggestions()
        if shown:
            store.check_in(shown[0].strategy, action=shown[0].action)


PERSONAS: dict[str, Callable] = {"follows": follows, "hugs": hugs, "four": four, "away": follows, "named": follows}


def play(persona: str, days: int, folder: Path, start: date = START) -> list[Day]:
    clock = FixedClock(at(start, 8))
    log = []
    with Store.open(folder / f"{persona}.json", clock) as store:
        if persona == "named":
            store.update_settings(son_name=NAME, interests=INTERESTS)
        if persona == "away":
            store.add_away(start + timedelta(days=AWAY_FROM), start + timedelta(days=AWAY_FROM + AWAY_DAYS - 1), "camp")
        for index in range(days):
            record = Day(start + timedelta(days=index))
            PERSONAS[persona](store, clock, record, index)
            clock.moment = at(record.day, 21, 30)
            record.late = store.suggestions()
            record.met = {s.key: store.streak(s.key).period_met for s in store.strategies()}
            log.append(record)
    return log


# -- the figures -------------------------------------------------------------


def windows(log: list[Day], width: int) -> list[list[Day]]:
    return [log[i:i + width] for i in range(len(log) - width + 1)]


def fewest_strategies(log: list[Day], width: int) -> int:
    """The fewest different strategies offered first in any `width` days in a row."""
    return min((len({d.first.strategy for d in w if d.first}) for w in windows(log, width)), default=0)


def repeats(log: list[Day], within: int = 7) -> int:
    """First suggestions whose action was offered first on one of the previous `within - 1` days."""
    count = 0
    for i, record in enumerate(log):
        earlier = {(d.first.strategy, d.first.action) for d in log[max(0, i - within + 1):i] if d.first}
        count += bool(record.first) and (record.first.strategy, record.first.action) in earlier
    return count


def late_sizes(log: list[Day]) -> int:
    """Suggestions at 21:30 that are not moments."""
    return sum(s.size != "moment" for d in log for s in d.late)


def missing_reasons(log: list[Day]) -> int:
    return sum(not s.reason.strip() for d in log for s in d.shown + d.late)


def reason_kinds(log: list[Day]) -> dict[str, int]:
    kinds: dict[str, int] = {}
    for d in log:
        if d.first:
            kinds[d.first.kind] = kinds.get(d.first.kind, 0) + 1
    return dict(sorted(kinds.items(), key=lambda item: -item[1]))


def affection_after_hug(log: list[Day]) -> int:
    """Suggestions of affection on a day it was already done (at 18:00 or 21:30)."""
    return sum(s.strategy == "affection" for d in log for s in d.shown + d.late)


def weeks_kept(log: list[Day]) -> tuple[int, int]:
    """(full weeks in which every goal was met by Sunday, full weeks)."""
    sundays = [d for d in log if d.day.weekday() == 6 and d.day - timedelta(days=6) >= log[0].day]
    return sum(all(d.met.values()) for d in sundays), len(sundays)


def days_kept(log: list[Day], key: str) -> int:
    return sum(d.met[key] for d in log)


def naming_share(log: list[Day], days: int = 30) -> float:
    words = (NAME, *INTERESTS)
    firsts = [d.first for d in log[:days] if d.first]
    return sum(any(w in s.action or w in s.reason for w in words) for s in firsts) / max(1, len(firsts))


def away_figures(log: list[Day]) -> tuple[int, Suggestion | None]:
    """(suggestions made while away, the first suggestion of the first day back)."""
    away = log[AWAY_FROM:AWAY_FROM + AWAY_DAYS]
    return sum(len(d.shown) + len(d.late) for d in away), log[AWAY_FROM + AWAY_DAYS].first


def measure(days: int = 90) -> dict:
    with tempfile.TemporaryDirectory(prefix="bondtui-guidance-") as folder:
        logs = {persona: play(persona, days, Path(folder)) for persona in PERSONAS}
    follow, hug, fours, away, named = (logs[p] for p in ("follows", "hugs", "four", "away", "named"))
    resting, back = away_figures(away)
    every = [log for log in logs.values()]
    return {
        "days": days,
        "follows": {"14": fewest_strategies(follow, 14), "7": fewest_strategies(follow, 7), "repeats": repeats(follow),
                    "kinds": reason_kinds(follow)},
        "hugs": {"affection": affection_after_hug(hug), "7": fewest_strategies(hug, 7), "repeats": repeats(hug)},
        "four": {"weeks": weeks_kept(fours), "talk": days_kept(fours, "talk"), "affection": days_kept(fours, "affection")},
        "away": {"resting": resting, "back": back},
        "named": {"share": naming_share(named)},
        "late": sum(late_sizes(log) for log in every), "unreasoned": sum(missing_reasons(log) for log in every),
    }


def render(f: dict) -> str:
    follow, hug, four_, away, named = f["follows"], f["hugs"], f["four"], f["away"], f["named"]
    kept, weeks = four_["weeks"]
    back = away["back"]
    kinds = ", ".join(f"{kind} {n}" for kind, n in follow["kinds"].items())
    rows = [
        (
            "does the first suggestion once a day",
            "every strategy in every 14 days; ≥ 5 in every 7; no action twice in 7",
            f"fewest strategies in 14 days: {follow['14']} of 7; in 7 days: {follow['7']}; "
            f"repeats within 7 days: {follow['repeats']}",
        ),
        (
            "only hugs him (`affection`, no text), ignores the rest",
            "affection never offered once done; ≥ 5 in every 7; no action twice in 7",
            f"affection offered after the hug: {hug['affection']}; fewest strategies in 7 days: {hug['7']}; "
            f"repeats: {hug['repeats']}",
        ),
        (
            "does the first four each day",
            "every weekly goal and both daily streaks, every week",
            f"{kept} of {weeks} full weeks with every goal met; talk kept {four_['talk']} of {f['days']} days, "
            f"affection {four_['affection']}",
        ),
        (
            "away for a week, then back",
            "nothing while away; a welcome and a moment on the first day back",
            f"suggestions while away: {away['resting']}; "
            f"first day back: {back.kind if back else 'none'}, {back.size if back else '—'}",
        ),
        (
            f'his name "{NAME}", interests "{", ".join(INTERESTS)}"',
            "≥ 1 in 3 suggestions name him or what he loves (30 days)",
            f"{named['share']:.0%} of first suggestions",
        ),
        (
            "every persona, every day",
            "after 20:00 only moments; every suggestion has a reason",
            f"non-moments at 21:30: {f['late']}; suggestions without a reason: {f['unreasoned']}",
        ),
        ("does the first suggestion once a day", "≥ 8 kinds of reason over 90 days", f"{len(follow['kinds'])} kinds: {kinds}"),
    ]
    lines = [f"Guidance over {f['days']} days (personas from a new database, {START:%a %d %b %Y} on):", "",
             "| persona | law | measured |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(lines)


def short_vs_floor(runs: int = 9) -> dict:
    """`bondtui today --short` on a one-year database against `python -c "import tinydb, dateutil"`."""
    import os

    from bench.generate import write
    from bench.run import BONDTUI, NOW, PYTHON, compare, used

    with tempfile.TemporaryDirectory(prefix="bondtui-short-") as folder:
        db = used(write(Path(folder) / "bond.json", 1))
        env = {**os.environ, "BONDTUI_NOW": NOW, "BONDTUI_DB": str(db)}
        return compare([BONDTUI, "today", "--short"], [PYTHON, "-c", "import tinydb, dateutil"], env, runs)


def render_short(figure: dict, runs: int) -> str:
    lo, hi = figure["ours_spread"]
    return (
        f"`bondtui today --short` on a one-year database: {figure['ratio']:.2f}× the time of "
        f'`python -c "import tinydb, dateutil"` (target ≤ 1.5×): {figure["ours"] * 1000:.0f} ms '
        f"[{lo * 1000:.0f}–{hi * 1000:.0f} ms] vs {figure['floor'] * 1000:.0f} ms, median of {runs} runs each."
    )


def report(days: int = 90, runs: int = 9) -> str:
    from bench import family, lives

    return "\n\n".join((render(measure(days)), lives.render(lives.measure()), family.lives(56),
                        render_short(short_vs_floor(runs), runs)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=90)
    parser.add_argument("--runs", type=int, default=9, help="runs of `today --short` and of its floor")
    args = parser.parse_args()
    print(report(args.days, args.runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
