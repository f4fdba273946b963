"""Readers (today, streaks, history) create nothing, need no lock, and read a missing file as the defaults."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from store import Store

READERS = [("today",), ("streaks",), ("streaks", "--json"), ("history", "talk")]


def everything_under(folder) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.mark.parametrize("args", READERS, ids=" ".join)
def test_a_reader_of_a_missing_file_creates_nothing(run, tmp_path, args):
    missing = tmp_path / "not" / "yet" / "bond.json"
    code, out, err = run("--db", str(missing), *args)
    assert code == 0 and err == "" and out
    assert everything_under(tmp_path) == []


@pytest.mark.parametrize("args", READERS, ids=" ".join)
def test_a_reader_of_a_file_takes_no_lock(run, tmp_path, args):
    source = tmp_path / "source"
    source.mkdir()
    with Store.open(source / "bond.json") as store:
        store.check_in("talk")
    folder = tmp_path / "copy"
    folder.mkdir()
    shutil.copy(source / "bond.json", folder / "bond.json")
    code, _, _ = run("--db", str(folder / "bond.json"), *args)
    assert code == 0 and everything_under(folder) == ["bond.json"]


@pytest.mark.parametrize("args", READERS, ids=" ".join)
def test_a_reader_in_a_folder_it_cannot_write(run, args):
    # /proc/self takes no new files, not even from root: the lock file could never be made there.
    code, out, err = run("--db", "/proc/self/bond.json", *args)
    assert code == 0 and err == "" and out


def test_readers_see_the_defaults_as_a_first_run_would(run):
    code, out, _ = run("streaks", "--json")
    rows = json.loads(out)
    assert code == 0 and [row["key"] for row in rows] == [
        "talk", "freedom", "interest", "date", "affection", "celebrate", "together"]
    assert all(row["current"] == 0 for row in rows) and not run.path.exists()


def test_a_reader_reads_while_a_writer_holds_the_lock(run, clock):
    with Store.open(run.path, clock) as store:
        store.check_in("talk")
        code, out, _ = run("streaks", "--json")
        assert code == 0 and json.loads(out)[0]["done_today"] is True


def test_a_writer_in_a_folder_it_cannot_write_says_so_in_one_line(run):
    code, out, err = run("--db", "/proc/self/bond.json", "done", "talk")
    assert code == 1 and out == "" and err.count("\n") == 1 and "/proc/self" in err and os.path.exists("/proc/self")
