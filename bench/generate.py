"""Deterministic databases of realistic use, for the benchmark and for trying the board.

    python bench/generate.py OUT.json --years 10 [--seed 7] [--end 2026-11-29]

The seven default strategies plus three of her own; 1–6 check-ins a day, a third
of them with a note; now and then a skipped day and an away week.
"""

from __future__ import annotations

import argparse
import random
import uuid
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from store import Away, Cadence, CheckIn, Skip, Strategy
from store.files import converters as conv
from store.files.reading import new_data
from store.files.storage import serialise, write_atomically

CUSTOM = [
    ("music", "Music in the car", "3 per week", ["Let him pick the playlist", "Ask what a lyric means to him"]),
    ("dinner", "Friday dinner, phones away", "weekly on fri", ["Cook his favourite", "Ask about his week"]),
    ("letter", "A letter for later", "every 14 days", ["Write down something he said", "Write about a day together"]),
]
NOTES = ["he told me about the robotics club", "he laughed at my joke", "quiet today, but he stayed", "he asked for advice",
         "we talked about his friend", "he showed me a video he made"]


def as_logged(action: str) -> str:
    """An action as a check-in keeps it: its placeholders already filled, as the board logs them."""
    return action.replace("{name}", "him").replace("{interest}", "his game")


def build(years: float, seed: int = 7, end: date = date(2026, 11, 29)) -> dict:
    rng = random.Random(seed)
    start = end - timedelta(days=int(365.25 * years) - 1)
    data = new_data(start)
    for position, (key, title, cadence, actions) in enumerate(CUSTOM, start=7):
        strategy = Strategy(key, title, "", Cadence.parse(cadence), tuple(actions), position, start)
        data["strategies"][key] = conv.strategy_to_doc(strategy)
    strategies = list(data["strategies"].values())
    day = start
    while day <= end:
        if rng.random() < 0.004:  # an away week now and then
            away_end = min(end, day + timedelta(days=6))
            away = Away(uuid.UUID(int=rng.getrandbits(128)).hex[:8], day, away_end, "holiday")
            data["away"][away.id] = conv.away_to_doc(away)
            day = away_end + timedelta(days=1)
            continue
        for doc in rng.sample(strategies, rng.randint(1, 6)):
            moment = datetime.combine(day, time(rng.randint(7, 21), rng.randint(0, 59)), UTC)
            check_in = CheckIn(uuid.UUID(int=rng.getrandbits(128)).hex, doc["key"], day, as_logged(rng.choice(doc["actions"])),
                               rng.choice(NOTES) if rng.random() < 1 / 3 else "", moment.isoformat())
            data["checkins"][check_in.id] = conv.check_in_to_doc(check_in)
        if rng.random() < 0.02:
            skip = Skip(uuid.UUID(int=rng.getrandbits(128)).hex, rng.choice(strategies)["key"], day)
            data["skips"][skip.id] = conv.skip_to_doc(skip)
        day += timedelta(days=1)
    return data


def write(path: Path, years: float, seed: int = 7, end: date = date(2026, 11, 29)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, serialise(build(years, seed, end)))
    return path


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--years", type=float, default=10)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--end", type=date.fromisoformat, default=date(2026, 11, 29))
    args = parser.parse_args()
    write(args.out, args.years, args.seed, args.end)
    print(args.out)
