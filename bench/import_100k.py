"""Time importing 100,000 check-ins from a Loop Habit Tracker backup, undoing it, and merging the copy.

    python bench/import_100k.py [--rows 100000]

Builds the backup itself (10 habits, 10,000 days each), imports it into a new
database with `bondtui import` as a process (start-up included), then times a
re-import (all already there), the undo of the import, and a merge of the
imported database into an empty one.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

BONDTUI = Path(sys.executable).parent / "bondtui"


def build_backup(path: Path, rows: int) -> None:
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 25")
    db.execute("CREATE TABLE Habits (id INTEGER PRIMARY KEY, archived INTEGER, description TEXT, freq_den INTEGER, "
               "freq_num INTEGER, name TEXT, position INTEGER, type INTEGER, question TEXT)")
    db.execute("CREATE TABLE Repetitions (id INTEGER PRIMARY KEY, habit INTEGER, timestamp INTEGER, value INTEGER, notes TEXT)")
    habits = 10
    db.executemany("INSERT INTO Habits VALUES (?, 0, '', 1, 1, ?, ?, 0, '')", [(h, f"Habit {h}", h) for h in range(habits)])
    start = date(1990, 1, 1).toordinal() - date(1970, 1, 1).toordinal()
    db.executemany("INSERT INTO Repetitions (habit, timestamp, value, notes) VALUES (?, ?, 2, ?)",
                   [(h, (start + d) * 86_400_000, "he laughed" if d % 3 == 0 else "")
                    for h in range(habits) for d in range(rows // habits)])
    db.commit()
    db.close()


def timed(*args: str, env: dict) -> float:
    began = time.perf_counter()
    subprocess.run([str(BONDTUI), *args], env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    rows = parser.parse_args().rows
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        build_backup(folder / "loop.db", rows)
        env = {**os.environ, "BONDTUI_DB": str(folder / "bond.json"), "BONDTUI_NOW": "2026-11-29T20:00"}
        print(f"import of {rows:,} check-ins:   {timed('import', str(folder / 'loop.db'), env=env):.2f} s")
        print(f"size of the database:          {(folder / 'bond.json').stat().st_size / 1e6:.1f} MB")
        print(f"the same import again:         {timed('import', str(folder / 'loop.db'), env=env):.2f} s")
        other = {**env, "BONDTUI_DB": str(folder / "other.json")}
        print(f"merge into an empty database:  {timed('merge', str(folder / 'bond.json'), env=other):.2f} s")
        print(f"undo of the import:            {timed('undo', env=env):.2f} s")


if __name__ == "__main__":
    main()
