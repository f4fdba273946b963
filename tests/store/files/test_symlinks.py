"""Symlinks: the lock file is never followed; a symlinked data file is written through to its target."""

from __future__ import annotations

import json
import os

import pytest

from store import DataError, Store
from store.files import storage

COMMANDS = [(), ("today",), ("done", "talk"), ("skip", "talk"), ("undo",), ("streaks", "--json"), ("history", "talk"),
            ("restore", "newest")]


def two_days(run, monkeypatch) -> None:
    """A check-in yesterday and today, so that there is a backup to restore."""
    for day in ("2026-11-28", "2026-11-29"):
        monkeypatch.setenv("BONDTUI_NOW", f"{day}T20:00:00+00:00")
        assert run("done", "talk")[0] == 0


def lock_of(path):
    return path.with_name(path.name + ".lock")


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a) or "board")
def test_a_symlinked_lock_file_never_touches_its_target(run, tmp_path, monkeypatch, args):
    two_days(run, monkeypatch)
    lock_of(run.path).unlink()
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"precious")
    lock_of(run.path).symlink_to(victim)
    before = run.path.read_bytes()
    code, out, err = run(*args)
    assert victim.read_bytes() == b"precious"
    if args and args[0] in ("today", "streaks", "history"):
        assert code == 0  # readers never open the lock
    else:
        assert code == 1 and "symbolic link" in err and err.count("\n") == 1
        assert run.path.read_bytes() == before


@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_a_lock_file_that_is_not_a_file_is_refused(db_path, clock, kind):
    lock = lock_of(db_path)
    os.mkfifo(lock) if kind == "fifo" else lock.mkdir()
    with pytest.raises(DataError, match="lock file"):
        Store.open(db_path, clock)  # and never hangs on the FIFO


def test_a_data_file_that_is_a_fifo_is_refused_without_hanging(db_path, clock):
    os.mkfifo(db_path)
    with pytest.raises(DataError, match="not a regular file"):
        Store.open(db_path, clock, read_only=True)


def test_a_symlinked_data_file_is_written_through_to_its_target(run, tmp_path):
    target_folder = tmp_path / "synced"
    target_folder.mkdir()
    target = target_folder / "bond.json"
    assert run("--db", str(target), "done", "talk", "--date", "yesterday")[0] == 0
    run.path.symlink_to(target)
    assert run("done", "affection")[0] == 0
    assert run.path.is_symlink() and os.readlink(run.path) == str(target)
    assert len(json.loads(target.read_bytes())["checkins"]) == 2  # the target holds the change, not a new file
    assert json.loads(run("streaks", "--json")[1])[4]["done_today"] is True
    # The lock, temp files and backups live beside the target, in its own folder.
    assert lock_of(target).exists() and not lock_of(run.path).exists()
    assert storage.backups(target) and not storage.backups(run.path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bond.json", "synced"]


def test_a_restore_through_a_symlink_keeps_the_link(run, tmp_path, monkeypatch):
    target = tmp_path / "elsewhere.json"
    run.path.symlink_to(target)
    two_days(run, monkeypatch)
    assert run("restore", "newest")[0] == 0
    assert run.path.is_symlink() and len(json.loads(target.read_bytes())["checkins"]) == 1
