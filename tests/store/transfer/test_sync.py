"""Two machines, one synced folder: files copied between them in random orders, with the conflict copies each
tool makes, and writers running on either side while the files arrive.

After everything arrived and one writer ran, both folders hold the same union: nothing either machine
held is lost, nothing deleted returns, and of two edits of one note the later one stands.
"""

from __future__ import annotations

import os
import random
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from store import BondError, FixedClock, Store, merge_conflict_copies

NOW = datetime(2026, 11, 29, 19, 0, tzinfo=UTC)
TOOLS = {  # what each tool names the copy it keeps of the losing side (the n-th conflict)
    "Syncthing": lambda n: f"bond.sync-conflict-20261129-19{n:04d}-LAPTOP1.json",
    "Dropbox": lambda n: f"bond (Laptop's conflicted copy 2026-11-29 ({n})).json",
    "Nextcloud": lambda n: f"bond (conflicted copy anna 2026-11-29 19{n:04d}).json",
    "ownCloud": lambda n: f"bond (conflicted copy 2026-11-29 19{n:04d}).json",
}


def files(folder: Path) -> dict[str, bytes]:
    """What a sync tool sees: every file but the lock, the backups and writers' temp files."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*")
            if p.is_file() and p.suffix != ".lock" and "backups" not in p.parts and not p.name.endswith(".tmp")}


def put(folder: Path, name: str, content: bytes | None) -> None:
    """As a sync tool puts a file: whole, by a rename; or takes it away."""
    target = folder / name
    if content is None:
        target.unlink(missing_ok=True)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".syncing-{target.name}")
    temp.write_bytes(content)
    os.replace(temp, target)


class SyncTool:
    """A two-way sync of folders `a` and `b`: what changed on one side since the last sync goes to the other;
    a file changed on both sides goes one way and the other side's version is kept as a conflict copy."""

    def __init__(self, a: Path, b: Path, tool: str, rng: random.Random):
        self.a, self.b, self.tool, self.rng = a, b, tool, rng
        self.base = files(a)
        self.conflicts = 0

    def pending(self) -> list[tuple[str, str, bytes | None, bytes | None]]:
        """The file moves a round makes now: (side it goes to, name, content or None for a removal, what the
        side held when the round looked)."""
        on_a, on_b, moves = files(self.a), files(self.b), []
        for name in sorted(on_a.keys() | on_b.keys()):
            mine, theirs, before = on_a.get(name), on_b.get(name), self.base.get(name)
            if mine == theirs:
                self.base[name] = mine
                continue
            if mine != before and theirs != before and mine is not None and theirs is not None:
                winner, loser = (mine, theirs) if self.rng.random() < 0.5 else (theirs, mine)
                copy = self._copy_name()
                moves += [("a", name, winner, mine), ("b", name, winner, theirs),
                          ("a", copy, loser, None), ("b", copy, loser, None)]
            elif mine != before:
                moves.append(("b", name, mine if mine is not None or theirs == before else theirs, theirs))
            else:
                moves.append(("a", name, theirs if theirs is not None or mine == before else mine, mine))
        self.rng.shuffle(moves)  # year files before the main file naming them, or after
        return moves

    def carry(self, move: tuple[str, str, bytes | None, bytes | None]) -> None:
        """One move; a file changed on its side since the round looked is never overwritten: kept as a copy."""
        side, name, content, seen = move
        folder = self.a if side == "a" else self.b
        now = (folder / name).read_bytes() if (folder / name).is_file() else None
        if now != seen and now is not None and now != content:
            put(folder, self._copy_name(), now)
        put(folder, name, content)
        self.base[name] = content

    def _copy_name(self) -> str:
        self.conflicts += 1
        return TOOLS[self.tool](self.conflicts)


def _writer(path: Path, clock: FixedClock, note: str, acked: set[str]) -> None:
    """A command on one machine: a check-in, then what the sync left beside the data is merged."""
    try:
        with Store.open(path, clock) as store:
            store.check_in("together", note=note)
            acked.add(note)
            merge_conflict_copies(store, path)
    except BondError:  # a year file not here yet, a file replaced at the last moment: nothing was written
        pass


def _notes(path: Path) -> dict[str, str]:
    with Store.open(path, FixedClock(NOW), read_only=True) as store:
        return {c.id: c.note for c in store.check_ins()}


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("tool", list(TOOLS))
def test_two_machines_end_with_the_same_union(tmp_path, tool, seed):
    rng = random.Random(f"{tool} {seed}")
    a, b = tmp_path / "laptop", tmp_path / "desk"
    with Store.open(a / "bond.json", FixedClock(NOW)) as store:  # a history reaching into a closed year
        shared = {name: store.check_in("talk", day, note=name).id for name, day in
                  (("x", date(2025, 3, 1)), ("y", date(2025, 3, 2)), ("z", date(2026, 11, 20)), ("w", date(2026, 11, 21)))}
    for name, content in files(a).items():
        put(b, name, content)
    sync = SyncTool(a, b, tool, rng)

    laptop, desk = FixedClock(NOW.replace(hour=19)), FixedClock(NOW.replace(hour=20))
    with Store.open(a / "bond.json", laptop) as store:  # each machine on its own, offline
        store.check_in("affection", note="a1")
        store.check_in("date", date(2025, 6, 7), note="a2")  # a closed year's file rewritten
        store.edit_note(shared["x"], "from the laptop")
        store.remove_check_ins("talk", date(2026, 11, 20))  # z
    with Store.open(b / "bond.json", desk) as store:
        store.check_in("celebrate", note="b1")
        store.check_in("freedom", date(2025, 8, 9), note="b2")
        store.edit_note(shared["x"], "from the desk")  # later than the laptop's: it stands
        store.remove_check_ins("talk", date(2025, 3, 2))  # y
    acked = {"a1", "a2", "b1", "b2"}

    later = FixedClock(NOW.replace(hour=21))
    for round_ in range(12):  # the sync runs, and commands run on either side while files arrive
        moves = sync.pending()
        if not moves:
            break
        for number, move in enumerate(moves):
            sync.carry(move)
            if rng.random() < 0.2:
                _writer(rng.choice([a, b]) / "bond.json", later, f"mid-{round_}-{number}", acked)
    else:
        pytest.fail("the sync never settled")
    _writer(a / "bond.json", later, "last", acked)  # everything arrived; one writer runs
    while moves := sync.pending():
        for move in moves:
            sync.carry(move)

    assert files(a) == files(b)
    assert not [name for name in files(a) if "conflict" in name]  # each copy merged, and kept in backups/
    notes = _notes(a / "bond.json")
    assert notes == _notes(b / "bond.json")
    assert acked <= set(notes.values())  # nothing either machine held is lost
    assert shared["y"] not in notes and shared["z"] not in notes  # nothing deleted returns
    assert notes[shared["x"]] == "from the desk" and notes[shared["w"]] == "w"
