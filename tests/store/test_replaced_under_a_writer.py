"""A main file another program replaces under an open writer (a sync tool bringing the other machine's):
the writer reads it before its next change, and never writes over it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from store import Store, WriteError, merge_copy
from store.files import storage


def other_machine_copy(path: Path, clock, tmp_path: Path) -> Path:
    """A copy of the set that went its own way: one check-in of its own. Returns its main file."""
    other = tmp_path / "other" / path.name
    shutil.copytree(path.parent, other.parent, ignore=shutil.ignore_patterns("*.lock", "backups"))
    with Store.open(other, clock) as store:
        store.check_in("affection", note="from the other machine")
    return other


def synced_over(source: Path, target: Path) -> None:
    """What a sync tool does: the new content beside the file, then a rename over it."""
    temp = target.with_name(".syncing-" + target.name)
    shutil.copyfile(source, temp)
    os.replace(temp, target)


def test_the_next_change_reads_what_was_put_there_first(db_path, clock, tmp_path):
    with Store.open(db_path, clock) as board:  # open all day, holding the lock
        board.check_in("talk")
        synced_over(other_machine_copy(db_path, clock, tmp_path), db_path)
        board.check_in("date", note="from this machine")
        assert [c.note for c in board.check_ins("affection")] == ["from the other machine"]  # it sees it now
    with Store.open(db_path, clock, read_only=True) as store:
        notes = {c.strategy: c.note for c in store.check_ins()}
    assert notes == {"talk": "", "affection": "from the other machine", "date": "from this machine"}


def test_a_replacement_at_the_last_moment_is_never_written_over(db_path, clock, tmp_path, monkeypatch):
    with Store.open(db_path, clock) as board:
        board.check_in("talk")
        other = other_machine_copy(db_path, clock, tmp_path)
        real_plan = storage.plan

        def sync_while_planning(*args, **kwargs):  # after the change was decided, before it is written
            synced_over(other, db_path)
            return real_plan(*args, **kwargs)

        monkeypatch.setattr(storage, "plan", sync_while_planning)
        with pytest.raises(WriteError, match="another program"):
            board.check_in("date")
        assert db_path.read_bytes() == other.read_bytes()  # theirs, whole: nothing written over it
        monkeypatch.setattr(storage, "plan", real_plan)
        board.check_in("date")  # done again: decided on their set this time
    with Store.open(db_path, clock, read_only=True) as store:
        assert sorted(c.strategy for c in store.check_ins()) == ["affection", "date", "talk"]


def test_a_merge_is_planned_on_the_set_as_it_is_now(db_path, clock, tmp_path):
    with Store.open(db_path, clock) as board:
        board.check_in("talk")
        other = other_machine_copy(db_path, clock, tmp_path)
        third = tmp_path / "third" / "bond.json"
        third.parent.mkdir()
        with Store.open(third, clock) as store:
            store.check_in("celebrate", note="from a third copy")
        synced_over(other, db_path)
        merge_copy(board, third)  # it reads what the sync brought before it plans
    with Store.open(db_path, clock, read_only=True) as store:
        assert sorted(c.strategy for c in store.check_ins()) == ["affection", "celebrate", "talk"]
