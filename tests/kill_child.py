"""The writer that tests/store/files/test_kill_loop.py kills: seeded random changes through the Store.

    python -m tests.kill_child DB SEED START_INDEX [STOP_INDEX]    (from the project's folder)

Opens DB with the write lock, prints `ready`, then applies operation START_INDEX,
START_INDEX + 1, … (up to STOP_INDEX, exclusive, if given; forever otherwise) and
prints `ack <index>` once each one has returned.

Operation i depends only on (SEED, i) and on the data it finds, and makes the
same ids in any process, so the test can replay the acknowledged ones in its own
process with `apply_op` and get the same file.
"""

from __future__ import annotations

import random
import sys
import uuid
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from store import FixedClock, Store, UsageError, repository
from store.files import converters as conv
from store.model.records import CheckIn

# The same moment as tests/conftest.py: a Sunday evening.
NOW = datetime(2026, 11, 29, 20, 0, tzinfo=UTC)
RECENT_DAYS = 60

ACTIONS = ["Asked about his day", "Give him a hug", "Let him pick the playlist", "Cooked his favourite",
           "a walk by the river", "“he chose the film” — 🎬", 'said "later", then came back', ""]
NOTES = ["", "", "he told me about the robotics club", "quiet today, but he stayed", "he laughed at my joke 😄",
         "line one\nline two", "tab\tand \\backslash", "ünïcödé and 漢字", "x" * 300]
TITLES = ["Talk every day", "Give him freedom", "Show interest", "Date night", "Affection", "Celebrate him",
          "Time together", "Music in the car", "Friday dinner", "Ein Brief für später"]
REASONS = ["holiday", "work trip", "he is at camp", "", "grandma's 🏡"]
NAMES = ["", "Sam", "Léo", "Jonah"]
# (kind, weight): check-in, skip, undo, note edit, strategy edit, away add/remove, plus redo and settings,
# backfills in closed years, and a month going by.
KINDS = [("check_in", 30), ("skip", 12), ("undo", 12), ("redo", 3), ("note", 14), ("strategy", 8),
         ("away_add", 8), ("away_remove", 8), ("settings", 5), ("past", 5), ("two_years", 3), ("month", 2)]


def new_clock() -> FixedClock:
    return FixedClock(NOW)


@contextmanager
def seeded_ids(rng: random.Random):
    """Let `uuid.uuid4()` in the store draw from `rng`, so ids are the same in every process."""
    original = repository.uuid.uuid4
    repository.uuid.uuid4 = lambda: uuid.UUID(int=rng.getrandbits(128), version=4)
    try:
        yield
    finally:
        repository.uuid.uuid4 = original


def _day(rng: random.Random, store: Store):
    if rng.random() < 0.03:
        return store.today() + timedelta(days=1)  # the future: refused with UsageError
    return store.today() - timedelta(days=rng.randint(0, RECENT_DAYS))


def apply_op(store: Store, seed: int, index: int, months: bool = True) -> str:
    """Apply operation `index` of the sequence `seed` to `store`, then read a streak and a strength as
    the board does; returns the operation's name, with "!" if it was refused.

    A UsageError is an operation that completed and changed nothing; any other error propagates.
    Without `months` the clock stands still (a month going by is a check-in instead).
    """
    rng = random.Random(f"kill-loop {seed} {index}")
    ids = random.Random(rng.getrandbits(64))
    kind = rng.choices([k for k, _ in KINDS], weights=[w for _, w in KINDS])[0]
    if kind == "month" and not months:
        kind = "check_in"
    keys = sorted(s.key for s in store.strategies(archived=True))
    shown = rng.choice(keys)  # the board shows a streak and a strength after every change
    try:
        with seeded_ids(ids):
            if kind == "check_in":
                key, day = rng.choice(keys), _day(rng, store)
                action = rng.choice(ACTIONS + list(store.strategy(key).actions))
                if rng.random() < 0.2:  # takes back every check-in of that day when there are some
                    store.toggle_check_in(key, day, action)
                else:
                    store.check_in(key, day, action, rng.choice(NOTES))
            elif kind == "skip":
                key, day, how = rng.choice(keys), _day(rng, store), rng.random()
                if how < 0.6:
                    store.toggle_skip(key, day)
                elif how < 0.8:
                    store.skip(key, day)
                else:
                    store.unskip(key, day)
            elif kind == "undo":
                store.undo()
            elif kind == "redo":
                store.redo()
            elif kind == "note":
                if rng.random() < 0.05:
                    store.edit_note("0" * 32, "nobody's")  # no such check-in: UsageError
                else:
                    store.edit_note(rng.choice(sorted(c.id for c in store.check_ins())), rng.choice(NOTES))
            elif kind == "strategy":
                key, what = rng.choice(keys), rng.random()
                if what < 0.7:
                    store.update_strategy(key, title=rng.choice(TITLES))
                elif what < 0.9:
                    store.update_strategy(key, summary=rng.choice(NOTES))
                else:
                    store.update_strategy(key, actions=rng.sample(ACTIONS[:-1], rng.randint(1, 3)))
            elif kind == "away_add":
                start = _day(rng, store)
                end = start + timedelta(days=rng.randint(-2, 10))  # ends before it starts now and then: UsageError
                store.add_away(start, end, rng.choice(REASONS))
            elif kind == "away_remove":
                present = sorted(a.id for a in store.away_periods())
                if present and rng.random() < 0.75:
                    store.remove_away(rng.choice(present))
                else:
                    store.remove_away(f"{rng.getrandbits(32):08x}")  # most likely missing: UsageError
            elif kind == "past":  # a backfill in a closed year: its file and the main file change
                key, day = rng.choice(keys), date(rng.randint(2018, 2025), 1, 1) + timedelta(days=rng.randint(0, 364))
                store.toggle_check_in(key, day, rng.choice(ACTIONS))
            elif kind == "two_years":  # one step in two years' files: one check-in each, undone together
                key = rng.choice(keys)
                days = [date(year, 12, 31) - timedelta(days=rng.randint(0, 30)) for year in rng.sample(range(2015, 2026), 2)]
                added = [CheckIn(uuid.uuid4().hex, key, day, rng.choice(ACTIONS), "", "2026-11-29T20:00:00+00:00")
                         for day in days]
                with store.changing():
                    store._commit("backfill of two years",
                                  [("checkins", c.id, None, conv.check_in_to_doc(c)) for c in added])
            elif kind == "month":  # a month or so later: the first change moves the main file's start on
                store.clock.advance(days=rng.randint(25, 40))
                store.check_in(rng.choice(keys), None, rng.choice(ACTIONS))
            elif kind == "settings":
                store.update_settings(son_name=rng.choice(NAMES), week_start=rng.choice([0, 6]),
                                      day_start_hour=rng.randint(0, 6))
    except UsageError:
        kind += "!"
    store.streak(shown)
    store.strength(shown)
    return kind


def main(argv: list[str]) -> None:
    path, seed, index = Path(argv[1]), int(argv[2]), int(argv[3])
    stop = int(argv[4]) if len(argv) > 4 else None
    store = Store.open(path, new_clock())
    out = sys.stdout
    out.write("ready\n")
    out.flush()
    while stop is None or index < stop:
        apply_op(store, seed, index)
        out.write(f"ack {index}\n")
        out.flush()
        index += 1
    store.close()


if __name__ == "__main__":
    main(sys.argv)
