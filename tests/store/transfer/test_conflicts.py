"""Conflict copies a sync tool leaves beside the data: known by their names, merged by the next writer
(after her own change is saved), kept in backups/, and said once; a name that could be hers is left alone."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from store import Store
from store.transfer.conflicts import conflict_copies

NAMES = {
    "bond.sync-conflict-20261204-190212-ABCDEF1.json": "Syncthing",
    "bond (Sam's conflicted copy 2026-12-04).json": "Dropbox",
    "bond (conflicted copy 2026-12-04).json": "Dropbox",
    "bond (Sam's conflicted copy 2026-12-04 (1)).json": "Dropbox",
    "bond (conflicted copy anna 2026-12-04 190212).json": "Nextcloud",
    "bond (conflicted copy 2026-12-04 190212).json": "ownCloud",
}
NOT_COPIES = ["bond.json.lock", "bond-export-2026-12-04.json", "bond.json.bak", "notes.sync-conflict-20261204-190212-A.json",
              "bond.sync-conflict-20261204-190212-ABCDEF1.json.tmp", "bond (conflicted copy).json"]


def test_each_tools_copies_are_known_by_name_and_hers_are_left_alone(tmp_path):
    for name in [*NAMES, *NOT_COPIES, "bond 2.json"]:
        (tmp_path / name).write_text("{}")
    found = conflict_copies(tmp_path / "bond.json")
    assert {copy.name: tool for copy, tool in found.copies} == NAMES
    assert [file.name for file in found.unsure] == ["bond 2.json"]


def diverged(path: Path, clock, name: str) -> Path:
    """The data and, beside it under `name`, the other machine's copy with a check-in of its own."""
    with Store.open(path, clock) as store:
        store.check_in("talk")
    other = path.parent / "other" / path.name
    shutil.copytree(path.parent, other.parent, ignore=shutil.ignore_patterns("*.lock", "backups", "other"))
    with Store.open(other, clock) as store:
        store.check_in("affection", note="from the other machine")
    copy = path.with_name(name)
    shutil.copyfile(other, copy)
    shutil.rmtree(other.parent)
    return copy


@pytest.mark.parametrize("name", list(NAMES))
def test_the_next_command_that_saves_merges_the_copy_once(cli, clock, name):
    copy = diverged(cli.path, clock, name)
    code, out, err = cli("done", "date")
    assert code == 0 and "Mom & son date" in out
    assert f"Merged a {NAMES[name]} conflict copy, {name}" in err
    assert not copy.exists() and (cli.path.parent / "backups" / name).is_file()
    code, out, err = cli("done", "celebrate")
    assert code == 0 and "conflict" not in err  # said once
    with Store.open(cli.path, clock, read_only=True) as store:
        assert {c.strategy: c.note for c in store.check_ins()} == {
            "talk": "", "affection": "from the other machine", "date": "", "celebrate": ""}
    assert cli("undo")[0] == 0  # the celebration, then the merge: each its own step
    assert cli("undo")[0] == 0
    with Store.open(cli.path, clock, read_only=True) as store:
        assert sorted(c.strategy for c in store.check_ins()) == ["date", "talk"]


def test_a_command_that_fails_or_only_reads_merges_nothing(cli, clock):
    copy = diverged(cli.path, clock, "bond.sync-conflict-20261204-190212-ABCDEF1.json")
    before = {file: file.read_bytes() for file in cli.path.parent.rglob("*") if file.is_file()}
    assert cli("done", "nosuch")[0] == 2
    assert cli("today")[0] == 0
    assert cli("streaks")[0] == 0
    assert {file: file.read_bytes() for file in cli.path.parent.rglob("*") if file.is_file()} == before
    assert copy.exists()


def test_a_copy_that_cannot_be_read_yet_stays_and_her_change_is_saved(cli, clock):
    with Store.open(cli.path, clock) as store:
        store.check_in("talk")
    broken = cli.path.with_name("bond (conflicted copy 2026-12-04).json")
    broken.write_text('{"meta": ')  # half arrived
    code, out, err = cli("done", "date")
    assert code == 0 and "could not be merged yet" in err and broken.exists()
    with Store.open(cli.path, clock, read_only=True) as store:
        assert sorted(c.strategy for c in store.check_ins()) == ["date", "talk"]
