"""`bondtui restore`: exactly the backup asked for, and no kept copy ever overwritten."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

import store.files.restore
from tests import ROOT
from tui.main import main


class FrozenDatetime(datetime):
    """Every restore happens in the same microsecond."""

    @classmethod
    def now(cls, tz=None):
        return cls(2026, 11, 29, 20, 0, 0, 0, tzinfo=tz)


def days_of_check_ins(run, *days: str) -> None:
    for day in days:
        run.monkeypatch.setenv("BONDTUI_NOW", f"{day}T20:00:00+00:00")
        assert run("done", "talk")[0] == 0


@pytest.fixture
def history(run, monkeypatch):
    """A check-in on each of three days; each day's backup holds the file as that day began."""
    run.monkeypatch = monkeypatch
    days_of_check_ins(run, "2026-11-27", "2026-11-28", "2026-11-29")
    monkeypatch.setattr(store.files.restore, "datetime", FrozenDatetime)
    return run


def kept_copies(run) -> list:
    return sorted(run.path.parent.glob("backups/bond-before-restore-*.json"))


def test_two_restores_in_the_same_instant_keep_both_files(history):
    run = history
    newest = run.path.read_bytes()  # three check-ins, only in this file
    assert run("restore", "2026-11-29")[0] == 0  # two check-ins
    assert run("done", "affection")[0] == 0  # a check-in only this second file holds
    second = run.path.read_bytes()
    assert run("restore", "2026-11-28")[0] == 0
    copies = [copy.read_bytes() for copy in kept_copies(run)]
    assert copies == [newest, second]  # neither kept copy replaced the other


def test_only_the_ten_newest_before_restore_copies_are_kept(history):
    run = history
    contents = []
    for i in range(12):
        run("done", "affection", "--note", f"restore {i}")
        contents.append(run.path.read_bytes())
        assert run("restore", "2026-11-28")[0] == 0
    copies = kept_copies(run)
    assert len(copies) == 10
    assert [copy.read_bytes() for copy in copies] == contents[2:]


@pytest.mark.parametrize("which", ["8", "9", "", "28", "11-28", "2026-11-2", "026-11-28", "2026-11-28 ", "Newest"])
def test_anything_but_a_day_newest_or_a_file_is_refused_with_the_list(history, which):
    run = history
    before = run.path.read_bytes()
    code, out, err = run("restore", which)
    assert code == 2 and out == ""
    assert "choose a day (2026-11-29, 2026-11-28), newest," in err
    assert run.path.read_bytes() == before and not kept_copies(run)


def test_a_day_restores_that_day_exactly(history):
    run = history
    assert run("restore", "2026-11-28")[0] == 0
    assert len(json.loads(run.path.read_bytes())["checkins"]) == 1


def test_a_restore_that_cannot_write_reports_and_keeps_the_file(history, monkeypatch):
    import errno
    import os

    run = history
    before = run.path.read_bytes()

    def full(*args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    code, out, err = run("restore", "newest")
    assert code == 1 and "No space left on device" in err and err.count("\n") == 1
    assert run.path.read_bytes() == before


def test_help_and_readme_say_the_same_about_restore(capsys):
    for args in (["--help"], ["restore", "--help"]):
        with pytest.raises(SystemExit):
            main(args)
        help_text = " ".join(capsys.readouterr().out.lower().split())
        assert "newest when no" not in help_text and "without backup, list the backups" in help_text
    readme = (ROOT / "README.md").read_text()
    assert "bondtui restore              # lists the backups, newest first" in readme


def test_a_restore_with_a_year_file_missing_loses_no_other_year(run):
    """Ten years, one year file gone: the restore keeps every other year in its kept copy, and
    restoring that copy brings back a backfill made before."""
    from bench.generate import build
    from store.files.layout import year_folder
    from store.files.storage import serialise, write_atomically

    data = build(10, seed=3)
    data["meta"]["meta"]["schema_version"] = 1
    write_atomically(run.path, serialise(data))
    assert run("done", "talk", "--date", "2019-05-01", "--note", "the backfill")[0] == 0
    years = {doc["file"][:4]: doc["file"] for doc in json.loads(run.path.read_text())["manifest"].values()}
    assert len(years) >= 10
    (year_folder(run.path) / years["2021"]).unlink()
    broken = year_folder(run.path) / years["2022"]
    broken.write_bytes(broken.read_bytes().replace(b"2022-", b"2020-", 1))
    broken_bytes = broken.read_bytes()
    assert run("restore", "newest")[0] == 0
    kept = kept_copies(run)[-1]
    kept_notes = {c.get("note") for c in json.loads(kept.read_text())["checkins"].values()}
    assert "the backfill" in kept_notes  # the whole set that could be read, in one file restore takes back
    assert broken.read_bytes() == broken_bytes  # never deleted: it waits, named by nothing
    assert run("restore", str(kept))[0] == 0
    code, out, _ = run("history", "talk", "--year", "2019")
    assert code == 0 and "the backfill" in out
