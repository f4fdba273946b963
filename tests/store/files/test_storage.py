"""The data file: atomic writes, lock, permissions, backups, refusing what is not ours."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from datetime import date, timedelta

import orjson
import pytest

from store import DataError, LockedError, Store, UsageError, WriteError
from store.files import reading as files, storage
from store.files.storage import WriteLock


def test_nothing_is_written_until_the_first_change(db_path, clock):
    with Store.open(db_path, clock) as store:
        assert len(store.strategies()) == 7
        assert not db_path.exists()
        store.check_in("talk")
    assert db_path.exists()


def test_file_and_backups_are_private(db_path, clock):
    with Store.open(db_path, clock) as store:
        store.check_in("talk")
        clock.advance(days=1)
        store.check_in("talk")
    assert db_path.stat().st_mode & 0o777 == 0o600
    [backup] = storage.backups(db_path)
    assert backup.stat().st_mode & 0o777 == 0o600


def test_a_change_survives_reopening_with_its_undo(db_path, clock):
    with Store.open(db_path, clock) as store:
        made = store.check_in("talk", action="Asked about [his] day", note="x[/b] C:\\path\\")
    with Store.open(db_path, clock) as store:
        [again] = store.check_ins("talk")
        assert again == made
        assert store.undo().label.startswith("check-in of Talk")
    with Store.open(db_path, clock) as store:
        assert store.check_ins() == []
        assert store.redo() is not None
        assert store.check_ins("talk")[0].note == "x[/b] C:\\path\\"


def test_the_file_is_tinydb_json_with_a_schema_version(db_path, store):
    store.check_in("affection", action="Give him a hug")
    data = json.loads(db_path.read_text())
    assert data["meta"]["meta"]["schema_version"] == files.SCHEMA_VERSION
    [doc] = data["checkins"].values()
    assert doc["strategy"] == "affection" and doc["day"] == "2026-11-29" and doc["at"].endswith("+00:00")


@pytest.mark.parametrize("failure", [errno.ENOSPC, errno.EROFS, errno.EIO])
def test_a_failed_write_changes_neither_file_nor_memory(db_path, store, monkeypatch, failure):
    store.check_in("talk")
    before = db_path.read_bytes()
    real_replace = os.replace

    def broken(*args):
        raise OSError(failure, os.strerror(failure))

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(WriteError, match="Could not save"):
        store.check_in("affection")
    with pytest.raises(WriteError):
        store.update_strategy("talk", title="Renamed")
    assert db_path.read_bytes() == before
    assert [c.strategy for c in store.check_ins()] == ["talk"]
    assert store.strategy("talk").title == "Talk with him like a grown-up"
    assert not list(db_path.parent.glob(".*.tmp"))

    monkeypatch.setattr(os, "replace", real_replace)
    store.check_in("affection")  # the store keeps working once the disk does
    assert sorted(json.loads(db_path.read_text())["checkins"][c.id]["strategy"] for c in store.check_ins()) == [
        "affection", "talk"]


def test_stale_temp_files_are_removed_at_open(db_path, clock):
    with Store.open(db_path, clock) as store:
        store.check_in("talk")
    content = db_path.read_bytes()
    stale = db_path.parent / f".{db_path.name}.4242.deadbeef.tmp"
    stale.write_bytes(content[: len(content) // 2])
    with Store.open(db_path, clock) as store:
        assert not stale.exists()
        assert len(store.check_ins()) == 1
    assert db_path.read_bytes() == content


def test_two_writers_open_at_once_each_take_in_what_the_other_saved(db_path, store):
    store.check_in("talk")
    with Store.open(db_path, store.clock) as second:
        assert not second.read_only and second.is_done("talk", store.today())
        second.check_in("affection")
        assert store.follow() and store.is_done("affection", store.today())
        store.check_in("freedom")  # decided on the set with the other's check-in in it
    with Store.open(db_path, store.clock, read_only=True) as reader:
        assert sorted(c.strategy for c in reader.check_ins()) == ["affection", "freedom", "talk"]
        with pytest.raises(WriteError, match="read only"):
            reader.check_in("talk")


def test_nothing_changed_elsewhere_is_a_look_at_the_file_only(db_path, store):
    store.check_in("talk")
    assert not store.follow()
    os.utime(db_path)  # a sync tool touched it: read, and nothing moved
    assert store.follow() and [c.strategy for c in store.check_ins()] == ["talk"]


def test_the_lock_file_never_changes_so_a_sync_tool_never_replaces_it(db_path, store):
    store.check_in("talk")
    lock = db_path.with_name(db_path.name + ".lock")
    before = os.stat(lock)
    store.check_in("affection")
    store.undo()
    after = os.stat(lock)
    assert lock.read_bytes() == b"" and (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def _hold_lock_in_a_child(db_path):
    code = ("import sys, time; from pathlib import Path; from store.files.storage import WriteLock; "
            f"lock = WriteLock(Path({str(db_path)!r})); lock.acquire(); print('locked', flush=True); time.sleep(60)")
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    return holder


def test_a_writer_that_finds_the_lock_held_waits_then_names_the_holder(db_path, store, monkeypatch):
    from store.files import database

    store.check_in("talk")
    before = db_path.read_bytes()
    monkeypatch.setattr(database, "LOCK_WAIT_SECONDS", 0.3)
    holder = _hold_lock_in_a_child(db_path)
    try:
        started = time.monotonic()
        with pytest.raises(LockedError, match=f"pid {holder.pid}"):
            store.check_in("affection")
        assert time.monotonic() - started >= 0.3  # it waited before it said so
        assert db_path.read_bytes() == before and not store.is_done("affection", store.today())
    finally:
        holder.send_signal(signal.SIGKILL)  # the operating system lets the lock go with the process
        holder.wait()
    store.check_in("affection")
    assert store.is_done("affection", store.today())


def test_the_lock_is_held_only_while_a_change_is_written(db_path, store):
    lock = WriteLock(db_path)
    assert lock.try_acquire()  # an open store holds nothing between changes
    lock.release()
    seen = []
    original = store._log.commit

    def spy(*args, **kwargs):
        seen.append(WriteLock(db_path).try_acquire())  # another writer's try, in the middle of the change
        return original(*args, **kwargs)

    store._log.commit = spy
    store.check_in("talk")
    assert seen == [False]
    assert lock.try_acquire()
    lock.release()


def _write_day(store, clock, day_offset):
    clock.advance(days=day_offset)
    store.check_in("talk")


def test_one_backup_a_day_and_only_the_newest_seven(db_path, clock):
    with Store.open(db_path, clock) as store:
        store.check_in("talk")
        for _ in range(10):
            clock.advance(days=1)
            store.check_in("talk")
            store.check_in("affection")  # a second write the same day makes no second backup
    found = storage.backups(db_path)
    assert len(found) == 7
    assert [p.name for p in found][-1] == "bond-2026-12-09.json"
    # The newest backup is the file as it was before that day's first change.
    newest = orjson.loads(found[-1].read_bytes())
    assert len(newest["checkins"]) == 1 + 2 * 9


BROKEN = {
    "empty": b"",
    "truncated": b'{"meta": {"meta": {"schema_version": 1}}, "checkins": {"a',
    "not json": b"\x00\x01 garbage",
    "a list": b"[1, 2, 3]",
    "foreign json": b'{"hello": "world"}',
    "no schema": b'{"_default": {}}',
    "future schema": b'{"meta": {"meta": {"schema_version": 99}}}',
    "bad record": b'{"meta": {"meta": {"schema_version": 1}}, "checkins": {"x": {"id": "x", "day": "nope"}}}',
}


@pytest.mark.parametrize("name", BROKEN)
def test_a_file_that_is_not_ours_is_refused_and_left_alone(db_path, clock, name):
    db_path.write_bytes(BROKEN[name])
    os.utime(db_path, (1_000_000, 1_000_000))
    with pytest.raises(DataError) as raised:
        Store.open(db_path, clock)
    message = str(raised.value)
    assert str(db_path) in message and "\n" not in message
    assert db_path.read_bytes() == BROKEN[name]
    assert db_path.stat().st_mtime == 1_000_000


def test_the_refusal_names_the_newest_backup(db_path, clock):
    with Store.open(db_path, clock) as store:
        store.check_in("talk")
        clock.advance(days=1)
        store.check_in("talk")
    db_path.write_bytes(b"{broken")
    with pytest.raises(DataError, match=r"newest backup: .*bond-2026-11-30\.json"):
        Store.open(db_path, clock)


def test_a_folder_in_place_of_the_file(tmp_path, clock):
    (tmp_path / "bond.json").mkdir()
    with pytest.raises(DataError, match="folder"):
        Store.open(tmp_path / "bond.json", clock)


def test_an_unreadable_file(db_path, clock, monkeypatch):
    db_path.write_text("{}")
    db_path.chmod(0)
    if os.geteuid() == 0:  # root reads every file, so make the read fail as it would for a user
        def denied(path):
            raise PermissionError(errno.EACCES, "Permission denied")
        monkeypatch.setattr(files, "read_regular", denied)
    with pytest.raises(DataError, match="cannot read it: Permission denied"):
        Store.open(db_path, clock)
    assert db_path.stat().st_mode & 0o777 == 0


def test_an_old_schema_is_upgraded_by_its_migration(db_path, clock, monkeypatch):
    with Store.open(db_path, clock) as store:
        store.check_in("talk", note="old")
    now = files.SCHEMA_VERSION
    monkeypatch.setattr(files, "SCHEMA_VERSION", now + 1)
    monkeypatch.setitem(files.MIGRATIONS, now, lambda data: [
        doc.update(note=doc["note"].upper()) for doc in data["checkins"].values()])
    with Store.open(db_path, clock) as store:
        assert store.check_ins()[0].note == "OLD"
        store.check_in("affection")
    assert json.loads(db_path.read_text())["meta"]["meta"]["schema_version"] == now + 1


def test_an_interrupted_batch_leaves_nothing_behind(db_path, store):
    store.check_in("talk")
    before = db_path.read_bytes()
    with pytest.raises(RuntimeError):
        with store.changing(), store._database.storage.batch():
            store._database.table("checkins").truncate()
            raise RuntimeError("boom")
    assert store._database.table("checkins").all() and db_path.read_bytes() == before


def test_undo_and_redo_walk_many_steps(store):
    days = [store.today() - timedelta(days=i) for i in range(5)]
    for day in days:
        store.check_in("talk", day)
    store.skip("date")
    assert store.streak("talk").current == 5
    assert store.undo().label.startswith("skip of Mom & son date")
    for expected in (4, 3, 2):
        store.undo()
        assert store.streak("talk").current == expected
    store.redo()
    assert store.streak("talk").current == 3
    store.check_in("affection")  # a new change forgets what could be redone
    assert store.redo() is None
    assert store.undo().label.startswith("check-in of Show affection")


def test_toggles_are_one_step_each(store):
    day = store.today()
    store.check_in("talk", day, "one")
    store.check_in("talk", day, "two")
    assert store.toggle_check_in("talk", day) is None
    assert not store.is_done("talk", day)
    store.undo()
    assert len(store.check_ins("talk", day)) == 2
    assert store.toggle_skip("date") is True and store.is_skipped("date", day)
    assert store.toggle_skip("date") is False and not store.is_skipped("date", day)


def test_settings_are_kept_and_validated(db_path, clock):
    with Store.open(db_path, clock) as store:
        store.update_settings(son_name="Sam", week_start=6, day_start_hour=3)
        with pytest.raises(ValueError):
            store.update_settings(day_start_hour=9)
        assert store.settings.day_start_hour == 3
    with Store.open(db_path, clock) as store:
        assert store.settings.son_name == "Sam" and store.settings.week_start == 6


def test_day_start_hour_keeps_late_nights_in_yesterday(store, clock):
    clock.moment = clock.moment.replace(day=30, hour=1, minute=30)
    assert store.today() == date(2026, 11, 30)
    store.update_settings(day_start_hour=2)
    assert store.today() == date(2026, 11, 29)


def test_a_failed_first_write_leaves_no_file_and_a_working_store(db_path, store, monkeypatch):
    real_replace = os.replace
    monkeypatch.setattr(os, "replace", lambda *a: (_ for _ in ()).throw(OSError(errno.ENOSPC, "No space left")))
    with pytest.raises(WriteError):
        store.check_in("talk")
    assert not db_path.exists() and store.check_ins() == [] and len(store.strategies()) == 7
    monkeypatch.setattr(os, "replace", real_replace)
    store.check_in("talk")
    assert json.loads(db_path.read_text())["strategies"]["talk"]["title"] == "Talk with him like a grown-up"


# ---------------------------------------------------------------- a failed save of the data file itself
#
# The failures above hit the day's backup, written first. These hit the data
# file's own replace, after the backup exists, for every kind of change.

FAILING_CHANGES = {
    "check-in": lambda s: s.check_in("talk", note="lost"),
    "removal": lambda s: s.remove_check_ins("affection", s.today()),
    "skip": lambda s: s.skip("date"),
    "undo": lambda s: s.undo(),
    "redo": lambda s: s.redo(),
    "settings": lambda s: s.update_settings(son_name="Lost"),
    "strategy edit": lambda s: s.update_strategy("talk", title="Lost", cadence="3 per week"),
    "new strategy": lambda s: s.add_strategy("lost", "Lost", "daily"),
    "away": lambda s: s.add_away(s.today() - timedelta(days=3), s.today()),
    "note": lambda s: s.edit_note(s.check_ins("affection")[0].id, "lost"),
}


def state(store) -> tuple:
    """Everything a user can see of the store."""
    today = store.today()
    return (store.check_ins(), store.strategies(archived=True), store.settings, store.away_periods(),
            [(s.key, store.is_skipped(s.key, today), store.streak(s.key), store.strength(s.key)) for s in store.strategies()])


@pytest.mark.parametrize("change", FAILING_CHANGES)
def test_a_failed_save_of_the_data_file_is_rolled_back(db_path, clock, monkeypatch, change):
    with Store.open(db_path, clock) as store:
        store.check_in("affection", action="Give him a hug")
        store.check_in("talk", store.today() - timedelta(days=1))
        store.check_in("together")
        store.undo()  # something to redo
        assert storage.backups(db_path)  # the day's backup is made: only the data file's own write can fail
        before_file, before_state = orjson.loads(db_path.read_bytes()), state(store)

        real_replace = os.replace

        def fail_on_the_data_file(source, target):
            if os.fspath(target) == os.fspath(db_path):
                raise OSError(errno.ENOSPC, "No space left on device")
            return real_replace(source, target)

        monkeypatch.setattr(os, "replace", fail_on_the_data_file)
        with pytest.raises(WriteError, match="Nothing was changed"):
            FAILING_CHANGES[change](store)
        assert orjson.loads(db_path.read_bytes()) == before_file
        assert state(store) == before_state

        monkeypatch.setattr(os, "replace", real_replace)
        made = store.check_in("celebrate")  # the next save holds exactly the old file and this change
        after = orjson.loads(db_path.read_bytes())
        live = state(store)
    for table in ("meta", "settings", "strategies", "skips", "away"):
        assert after[table] == before_file[table], table
    assert after["checkins"] == {**before_file["checkins"], made.id: after["checkins"][made.id]}
    assert [e["label"] for e in sorted(after["undo"].values(), key=lambda e: e["seq"])] == [
        e["label"] for e in sorted(before_file["undo"].values(), key=lambda e: e["seq"])] + [
        "check-in of Celebrate his wins on Sun 29 Nov 2026"]
    with Store.open(db_path, clock) as again:
        assert state(again) == live


def test_a_contender_always_reads_the_holders_pid(db_path, clock):
    # A holder that locks and unlocks as fast as it can: a contender must never catch
    # the pid half-written (or not yet written) and report "pid unknown".
    code = (
        "import sys; from store.files.storage import WriteLock; from pathlib import Path\n"
        f"lock = WriteLock(Path({str(db_path)!r}))\n"
        "print('ready', flush=True)\n"
        "while True:\n"
        "    try:\n        lock.acquire()\n    except Exception:\n        continue\n    lock.release()\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    owners = []
    try:
        assert holder.stdout.readline().strip() == "ready"
        lock = storage.WriteLock(db_path)
        while len(owners) < 300:
            try:
                lock.acquire()
            except LockedError as error:
                owners.append(str(error).split("(pid ")[1].split(")")[0])
            else:
                lock.release()
    finally:
        holder.kill()
        holder.wait()
    assert set(owners) == {str(holder.pid)}


def test_an_away_period_of_eleven_centuries_costs_what_a_week_costs(db_path, clock):
    import tracemalloc

    def peak_of_reading(start: date, end: date) -> int:
        db_path.unlink(missing_ok=True)
        with Store.open(db_path, clock) as store:
            store.check_in("talk", store.today() - timedelta(days=1))
            store.add_away(start, end)
        tracemalloc.start()
        with Store.open(db_path, clock, read_only=True) as store:
            for strategy in store.strategies():
                store.streak(strategy.key), store.strength(strategy.key)
                store.day_states(strategy.key, store.today() - timedelta(days=60), store.today())
            store.suggestions()
            streak = store.streak("talk")
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert streak.current == 1  # the check-in inside the away period still counts
        return peak

    week = peak_of_reading(date(2026, 11, 1), date(2026, 11, 7))
    centuries = peak_of_reading(date(1900, 1, 1), date(2999, 12, 31))
    assert centuries < week * 1.5 + 1_000_000, (week, centuries)


@pytest.mark.parametrize("day", [date(1899, 12, 31), date(1, 1, 1)])
def test_days_before_1900_are_refused_everywhere(store, day):
    for change in (lambda: store.check_in("talk", day), lambda: store.skip("talk", day),
                   lambda: store.toggle_check_in("talk", day), lambda: store.add_away(day, store.today())):
        with pytest.raises(UsageError, match="1900-01-01 to 2999-12-31"):
            change()
    assert store.check_ins() == [] and store.away_periods() == []


def test_text_that_is_not_utf8_is_refused_and_rolled_back(db_path, store):
    store.check_in("talk")
    before = db_path.read_bytes()
    with pytest.raises(WriteError, match="Nothing was changed"):
        store.check_in("affection", note="\udcff\udcfe")
    assert db_path.read_bytes() == before and [c.strategy for c in store.check_ins()] == ["talk"]
    store.check_in("date")
    assert sorted(json.loads(db_path.read_text())["checkins"][c.id]["strategy"] for c in store.check_ins()) == [
        "date", "talk"]
