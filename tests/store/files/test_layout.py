"""The layout: a main file, and each closed year's check-ins and skips in a file of its own beside it."""

from __future__ import annotations

import shutil
import time
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import orjson
import pytest

from bench.generate import build
from store import DataError, Store, WriteError
from store.files import layout
from store.files.layout import year_folder
from store.files.restore import restore
from store.files.storage import backups, serialise, write_atomically
from store.transfer.export import export_document


def _files(path: Path) -> dict[str, bytes]:
    """Every file of the set and beside it (backups aside), name -> bytes."""
    found = {file.relative_to(path.parent).as_posix(): file.read_bytes()
             for file in path.parent.rglob("*") if file.is_file() and "backups" not in file.parts}
    found.pop(path.name + ".lock", None)
    return found


def _years(path: Path) -> dict[str, str]:
    return {year: doc["file"] for year, doc in orjson.loads(path.read_bytes()).get("manifest", {}).items()}


def _old_layout(path: Path, years: float) -> dict:
    """A single file as bondtui wrote it before the layout (schema_version 1)."""
    data = build(years, seed=7)
    data["meta"]["meta"]["schema_version"] = 1
    write_atomically(path, serialise(data))
    return data


def test_closed_years_live_in_files_of_their_own(db_path, clock):
    _old_layout(db_path, 3)
    with Store.open(db_path, clock) as store:
        store.check_in("talk")
    years = _years(db_path)
    assert sorted(years) == ["2023", "2024", "2025", "2026"]  # 2026: its days before the main file's start
    assert sorted(p.name for p in year_folder(db_path).iterdir()) == sorted(years.values())
    main = orjson.loads(db_path.read_bytes())
    assert min(doc["day"] for doc in main["checkins"].values()) == "2026-06-01"  # five months before November
    assert main["manifest"]["2026"]["until"] == "2026-06-01" and "until" not in main["manifest"]["2025"]
    for year, name in years.items():
        tables = orjson.loads((year_folder(db_path) / name).read_bytes())
        assert set(tables) == {"checkins", "skips"}
        assert {doc["day"][:4] for doc in tables["checkins"].values()} == {year}
        assert max(doc["day"] for doc in tables["checkins"].values()) < "2026-06-01"


def test_a_change_in_a_closed_year_rewrites_that_year_and_nothing_else_of_the_past(db_path, clock):
    _old_layout(db_path, 5)
    with Store.open(db_path, clock) as store:
        store.check_in("talk")  # the migration
        before, years = _files(db_path), _years(db_path)
        added = store.check_in("talk", date(2023, 3, 1), note="a backfill")
        after, now = _files(db_path), _years(db_path)
        assert {y for y in years if years[y] != now[y]} == {"2023"}
        changed = {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}
        assert changed == {"bond.json", f"bond.d/{now['2023']}"}
        assert after[f"bond.d/{years['2023']}"] == before[f"bond.d/{years['2023']}"]  # the old one waits, named by nothing
        store.undo()
        undone = _files(db_path)
        assert _years(db_path) == years  # the same content has the same name
        named = {f"bond.d/{name}" for name in years.values()}
        assert {n: b for n, b in undone.items() if n in named} == {n: b for n, b in before.items() if n in named}
        assert undone[f"bond.d/{now['2023']}"] == after[f"bond.d/{now['2023']}"]  # the undone one waits in turn
        store.redo()
    with Store.open(db_path, clock, read_only=True) as reader:
        assert added in reader.check_ins("talk", date(2023, 3, 1))


def test_the_migration_round_trips_and_keeps_the_old_file(db_path, clock):
    _old_layout(db_path, 4)
    old = db_path.read_bytes()
    with Store.open(db_path, clock, read_only=True) as reader:  # a reader reads the old layout and creates nothing
        exported = export_document(reader)
        assert len(reader.check_ins()) > 4000
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["bond.json"] and db_path.read_bytes() == old
    with Store.open(db_path, clock) as store:
        assert export_document(store) == exported
        store.check_in("talk", note="the first write migrates")
        store.undo()
        assert export_document(store)["checkins"] == exported["checkins"]
    main = orjson.loads(db_path.read_bytes())
    assert main["meta"]["meta"]["schema_version"] == 3 and len(main["manifest"]) == 5  # 2022 to 2026
    assert (db_path.parent / "backups" / "bond-schema-1.json").read_bytes() == old
    with Store.open(db_path, clock) as store:
        document = export_document(store)
        assert document["checkins"] == exported["checkins"] and document["skips"] == exported["skips"]
        assert document["strategies"] == exported["strategies"] and document["away"] == exported["away"]


def test_a_refused_write_leaves_every_file_as_it_was(db_path, clock):
    _old_layout(db_path, 2)
    with Store.open(db_path, clock) as store:
        store.check_in("talk")
        old = store.check_in("talk", date(2025, 6, 1))
        before = _files(db_path)
        with pytest.raises(WriteError):
            store.edit_note(old.id, "\ud800 is not text")
        assert _files(db_path) == before
        assert store.check_ins("talk", date(2025, 6, 1))[0].note == old.note


def test_a_failed_write_removes_the_new_year_files(db_path, clock, monkeypatch):
    _old_layout(db_path, 2)
    with Store.open(db_path, clock) as store:
        store.check_in("talk")
        before = _files(db_path)
        import store.files.layout as layout
        real = layout.write_atomically

        def full_disk(path, content, **kwargs):
            if path == db_path:
                raise OSError(28, "No space left on device")
            real(path, content, **kwargs)

        monkeypatch.setattr(layout, "write_atomically", full_disk)
        with pytest.raises(WriteError, match="No space left"):
            store.check_in("talk", date(2025, 2, 3))
        assert _files(db_path) == before
        assert not store.is_done("talk", date(2025, 2, 3))


def test_files_no_manifest_names_go_aside_after_two_weeks_and_a_saved_change(db_path, clock, monkeypatch):
    _old_layout(db_path, 2)
    with Store.open(db_path, clock) as store:
        store.check_in("talk")
    stray = year_folder(db_path) / "2019-0123456789abcdef.json"
    stray.write_text("{}")
    temp = year_folder(db_path) / ".2025-0123456789abcdef.json.1.0a1b2c3d.tmp"
    temp.write_text("half")
    theirs = year_folder(db_path) / ".syncthing.2019-0123456789abcdef.json.tmp"  # not ours to remove
    theirs.write_text("arriving")
    with Store.open(db_path, clock, read_only=True):
        assert stray.exists() and temp.exists()  # readers tidy nothing
    with Store.open(db_path, clock) as store:
        assert stray.exists() and not temp.exists()  # a start removes our own temp files, and nothing else
        store.check_in("talk", note="saved")
    assert stray.exists()  # it came today: another machine's main file naming it may be on its way
    later = time.time() + layout.UNNAMED_KEPT_SECONDS
    monkeypatch.setattr(layout, "time", SimpleNamespace(time=lambda: later))
    with Store.open(db_path, clock) as store:
        store.check_in("talk", note="two weeks on")
    assert not stray.exists() and theirs.exists()
    assert (db_path.parent / "backups" / "set-aside" / stray.name).read_text() == "{}"  # aside, never deleted
    assert sorted(p.name for p in year_folder(db_path).iterdir() if p != theirs) == sorted(_years(db_path).values())


def test_a_refused_change_tidies_nothing(run):
    """The main file names the wrong file for 2025; the right one lies beside it. A backfill into 2025 is
    refused, and the right file is still there, byte for byte; a later saved change only sets it aside."""
    path = run.path
    _old_layout(path, 2)
    assert run("done", "talk", "--note", "the first write")[0] == 0
    right = _years(path)["2025"]
    content = (year_folder(path) / right).read_bytes()
    wrong = "2025-" + "f" * 16 + ".json"
    (year_folder(path) / wrong).write_bytes(content.replace(b"2025-", b"2024-", 1))
    path.write_bytes(path.read_bytes().replace(right.encode(), wrong.encode()))
    before = _files(path)
    code, out, err = run("done", "talk", "--date", "2025-05-01")
    assert code == 1 and "is broken" in err
    assert _files(path) == before
    run.monkeypatch.setattr(layout, "UNNAMED_KEPT_SECONDS", 0)  # the right file has been here long enough
    assert run("strategy", "add", "walks", "--title", "Walk together", "--cadence", "daily")[0] == 0  # not 2025
    assert (path.parent / "backups" / "set-aside" / right).read_bytes() == content


def test_a_year_folder_that_is_a_symlink_is_written_through(db_path, clock, tmp_path):
    elsewhere = tmp_path / "synced" / "years"
    elsewhere.mkdir(parents=True)
    year_folder(db_path).symlink_to(elsewhere, target_is_directory=True)
    _old_layout(db_path, 2)
    with Store.open(db_path, clock) as store:
        store.check_in("talk", date(2025, 3, 3), note="into the past")
    assert year_folder(db_path).is_symlink()
    assert sorted(p.name for p in elsewhere.iterdir()) == sorted(_years(db_path).values())
    with Store.open(db_path, clock, read_only=True) as reader:
        assert [c.note for c in reader.check_ins("talk") if c.day == date(2025, 3, 3)] == ["into the past"]


def test_a_manifest_entry_naming_another_years_file_is_refused_at_start(run):
    path = run.path
    _old_layout(path, 2)
    assert run("done", "talk", "--note", "the first write")[0] == 0
    years = _years(path)
    path.write_bytes(path.read_bytes().replace(years["2025"].encode(), years["2024"].encode()))
    before = _files(path)
    code, out, err = run("done", "talk")
    assert code == 1 and "entry for 2025 is not a year file name" in err and str(path) in err
    assert _files(path) == before


@pytest.mark.parametrize("how", ["broken", "missing", "a bad name"])
def test_a_year_file_that_cannot_be_read_is_refused(db_path, clock, how):
    _old_layout(db_path, 2)
    with Store.open(db_path, clock) as store:
        store.check_in("talk")
    name = _years(db_path)["2025"]
    year_file = year_folder(db_path) / name
    if how == "broken":
        year_file.write_bytes(year_file.read_bytes().replace(b"2025-", b"2024-", 1))
    elif how == "missing":
        year_file.unlink()
    else:
        db_path.write_bytes(db_path.read_bytes().replace(name.encode(), b"../../etc/passwd"))
    before = _files(db_path)
    with pytest.raises(DataError, match="left untouched|Nothing was changed") as refused:  # when the past is looked at
        with Store.open(db_path, clock) as store:
            store.check_ins()
    told = {"broken": "is broken", "missing": "is not here yet", "a bad name": "not a year file name"}[how]
    assert told in str(refused.value)
    assert _files(db_path) == before


def test_backups_and_restore_cover_the_whole_set(db_path, clock):
    _old_layout(db_path, 3)
    with Store.open(db_path, clock) as store:
        store.check_in("talk", date(2024, 5, 5), note="before")
        yesterday = export_document(store)
        clock.advance(days=1)
        store.check_in("talk", date(2024, 5, 6), note="the next day")  # keeps yesterday's set as a backup
        store.check_in("talk", date(2024, 5, 7), note="after the backup")
    backup = backups(db_path)[-1]
    assert "manifest" not in orjson.loads(backup.read_bytes())  # one file: the whole set
    kept = restore(db_path, backup)
    assert orjson.loads(kept.read_bytes())["checkins"]  # the set it replaced, whole, in one file
    assert _years(db_path) == {}  # the restored main file names no year file; the old ones wait two weeks
    with Store.open(db_path, clock) as store:
        document = export_document(store)
        notes = {c["note"] for c in document["checkins"] if c["day"].startswith("2024-05")}
        assert "before" in notes and "after the backup" not in notes and "the next day" not in notes
        store.check_in("talk")  # the first write moves the closed years out again
    assert sorted(_years(db_path)) == ["2023", "2024", "2025", "2026"]
    with Store.open(db_path, clock, read_only=True) as reader:
        restored = export_document(reader)
    assert [c for c in restored["checkins"] if c["day"] < "2026"] == [c for c in yesterday["checkins"] if c["day"] < "2026"]


def test_a_reader_that_meets_a_write_between_its_reads_reads_again(db_path, clock, monkeypatch):
    """The writer replaces the main file, and the old year file is gone, after the reader read the main file:
    the reader then reads the whole set as it is now."""
    from store.files import loaded, reading as files

    _old_layout(db_path, 2)
    with Store.open(db_path, clock) as store:
        store.check_in("talk")
        real = files.read_regular
        wrote = []

        def read(path):
            if path.parent == year_folder(db_path) and not wrote:
                wrote.append(store.check_in("talk", date(2025, 8, 8), note="meanwhile"))
                path.unlink()  # and two weeks on, the year file it replaced went aside
            return real(path)

        monkeypatch.setattr(files, "read_regular", read)
        monkeypatch.setattr(loaded, "read_regular", read)  # the records read a closed year through it
        with Store.open(db_path, clock, read_only=True) as reader:  # reads the main file only
            found = reader.check_ins("talk", date(2025, 8, 8))  # now the year files: the writer was quicker
            assert wrote and wrote[0] in found


@pytest.fixture(scope="module")
def thirty_years(tmp_path_factory) -> Path:
    """A 30-year single file, migrated by one check-in: the write keeps every strategy's checkpoints."""
    from tests.kill_child import new_clock

    path = tmp_path_factory.mktemp("thirty") / "bond.json"
    _old_layout(path, 30)
    with Store.open(path, new_clock()) as store:
        store.check_in("talk")
    assert len(_years(path)) == 31  # 1997 to 2025, and 2026 before June
    return path


def test_a_start_on_thirty_years_opens_no_closed_year_file(thirty_years, monkeypatch, capsys):
    import builtins
    import os

    from tui.main import main

    opened: list[str] = []
    real_os_open, real_open = os.open, builtins.open

    def watch_os_open(file, *args, **kwargs):
        opened.append(os.fspath(file))
        return real_os_open(file, *args, **kwargs)

    def watch_open(file, *args, **kwargs):
        if isinstance(file, (str, os.PathLike)):
            opened.append(os.fspath(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setenv("BONDTUI_DB", str(thirty_years))
    monkeypatch.setenv("BONDTUI_NOW", "2026-11-29T20:00:00+00:00")
    monkeypatch.setattr(os, "open", watch_os_open)
    monkeypatch.setattr(builtins, "open", watch_open)
    for command in (["today"], ["streaks"], ["streaks", "--json"]):
        opened.clear()
        assert main(command) == 0
        assert str(thirty_years) in opened  # the watch sees the main file read
        assert [file for file in opened if str(year_folder(thirty_years)) in file] == [], command
    assert main(["history", "talk", "--year", "2001"]) == 0  # looking at a closed year reads the files
    assert any(str(year_folder(thirty_years)) in file for file in opened)
    capsys.readouterr()


def test_a_reader_that_reads_only_this_year_counts_as_one_that_reads_every_year(thirty_years):
    from tests.kill_child import new_clock

    with Store.open(thirty_years, new_clock(), read_only=True) as lazy:
        numbers = [(lazy.streak(s.key), lazy.strength(s.key)) for s in lazy.strategies()]
        suggestions = lazy.suggestions()
        assert lazy._records.loaded_from  # still only the main file: the checkpoints carried it
        lazy._records.load_past()
        assert [(lazy.streak(s.key), lazy.strength(s.key)) for s in lazy.strategies()] == numbers
    with Store.open(thirty_years, new_clock()) as everything:
        everything._derived.checkpoints.clear(), everything._derived.stored.clear()  # count from the first check-in
        assert [(everything.streak(s.key), everything.strength(s.key)) for s in everything.strategies()] == numbers
        assert everything.suggestions() == suggestions


def test_a_reader_without_checkpoints_reads_the_closed_years_it_needs(db_path, clock):
    _old_layout(db_path, 3)
    with Store.open(db_path, clock) as store:
        store.check_in("talk")  # no streak was shown: no checkpoint was saved
        expected = [(store.streak(s.key), store.strength(s.key)) for s in store.strategies()]
        suggestions = store.suggestions()
    assert any(run.start.year < 2026 for streak, _ in expected for run in streak.runs)  # runs in closed years
    with Store.open(db_path, clock, read_only=True) as reader:
        assert [(reader.streak(s.key), reader.strength(s.key)) for s in reader.strategies()] == expected
    with Store.open(db_path, clock, read_only=True) as reader:
        assert reader.suggestions() == suggestions
    with Store.open(db_path, clock, read_only=True) as reader:
        assert reader.day_states("talk", date(2025, 12, 1), date(2026, 1, 31)) == store.day_states(
            "talk", date(2025, 12, 1), date(2026, 1, 31))


def test_a_year_file_that_arrives_before_the_main_file_naming_it_is_kept(tmp_path, clock):
    """Two machines share a synced folder. A backfills 2025: a new 2025 file and a main file naming it. The
    sync tool brings B the year file first; B saves a change of its own meanwhile. The year file must still
    be there when A's main file arrives, else the sync tool would delete it on A too."""
    a, b = tmp_path / "a" / "bond.json", tmp_path / "b" / "bond.json"
    a.parent.mkdir()
    _old_layout(a, 2)
    with Store.open(a, clock) as store:
        store.check_in("talk")
    shutil.copytree(a.parent, b.parent, ignore=shutil.ignore_patterns("*.lock", "backups"))
    with Store.open(a, clock) as store:
        store.check_in("talk", date(2025, 5, 1), note="from machine A")
    arriving = year_folder(a) / _years(a)["2025"]
    assert not (year_folder(b) / arriving.name).exists()
    shutil.copy2(arriving, year_folder(b) / arriving.name)  # the year file first, its modification time kept
    with Store.open(b, clock) as store:
        store.check_in("affection")  # a saved change on B: unnamed files are looked at
    assert (year_folder(b) / arriving.name).read_bytes() == arriving.read_bytes()
    shutil.copy2(a, b)  # then A's main file
    with Store.open(b, clock, read_only=True) as store:
        assert [c.note for c in store.check_ins("talk", date(2025, 5, 1))] == ["from machine A"]
