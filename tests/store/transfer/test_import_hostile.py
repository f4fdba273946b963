"""Imports that cannot hurt her: zip bombs, absurd numbers, columns of the wrong type, huge files, and
exports that lie. Each is refused or reported in one line, never a traceback, and a refusal writes nothing."""

from __future__ import annotations

import json
import sqlite3
import tracemalloc
import zipfile
from datetime import date

import pytest

from store import Store
from store.transfer.importers import import_file
from tests.store.transfer.test_import_loop import loop_backup, ms
from tui.main import main


@pytest.fixture
def run(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("BONDTUI_DB", str(tmp_path / "home" / "bond.json"))
    monkeypatch.setenv("BONDTUI_NOW", "2026-11-29T20:00:00+00:00")

    def run(*args):
        code = main(list(args))
        out = capsys.readouterr()
        assert "Traceback" not in out.err
        return code, out.out, out.err

    assert run("done", "talk")[0] == 0
    run.home = tmp_path / "home"
    return run


def files(folder) -> dict:
    return {p.name: p.read_bytes() for p in folder.rglob("*") if p.is_file() and p.suffix != ".lock"}


def refused(run, path, *words) -> str:
    before = files(run.home)
    for dry in ((), ("--dry-run",)):
        code, out, err = run("import", str(path), *dry)
        assert code == 1 and out == "" and err.count("\n") == 1, err
        assert all(word in err for word in words), err
    assert files(run.home) == before
    return err


def _loop_zip(path, checkmarks: bytes, compression=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", compression) as archive:
        archive.writestr("Habits.csv", "Position,Name,FrequencyNumerator,FrequencyDenominator,Archived?\r\n"
                                       "001,Walk,1,1,false\r\n")
        archive.writestr("001 Walk/Checkmarks.csv", checkmarks)
    return path


def test_a_zip_bomb_is_refused_reading_a_mib_at_a_time(run, tmp_path):
    bomb = _loop_zip(tmp_path / "bomb.zip", b"2026-11-01,YES_MANUAL,\r\n" + b" " * (80 << 20))
    assert bomb.stat().st_size < 200_000
    tracemalloc.start()
    try:
        refused(run, bomb, "bomb.zip", "Checkmarks.csv", "100 times")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 24 << 20, peak  # never the whole entry: it stops within a few MiB of its limit


def test_an_entry_past_64_mib_is_refused_even_when_stored(run, tmp_path):
    big = _loop_zip(tmp_path / "big.zip", b"2026-11-01,YES_MANUAL,\r\n" * ((65 << 20) // 24), zipfile.ZIP_STORED)
    refused(run, big, "64 MiB")


@pytest.mark.parametrize("precision", [100_000_000, -400, 2.5, "2", True])
def test_dijo_precision_out_of_bounds_is_refused(run, tmp_path, precision):
    path = tmp_path / "habit_record.json"
    path.write_text(json.dumps([{"name": "Read", "type": "Float", "goal": {"value": 10, "precision": 0},
                                 "stats": {"2026-11-01": {"value": 25, "precision": precision}}}]))
    refused(run, path, "precision")


def _bad_loop(path, habit_sql: str, reps: list[tuple]):
    loop_backup(path, current=True)
    db = sqlite3.connect(path)
    db.execute(habit_sql)
    db.executemany("INSERT INTO Repetitions (habit, timestamp, value, notes) VALUES (?, ?, ?, ?)", reps)
    db.commit()
    db.close()
    return path


BAD_LOOP = {
    "freq_num text": ("UPDATE Habits SET freq_num = 'abc' WHERE id = 3", []),
    "target_value text": ("UPDATE Habits SET target_value = 'five' WHERE id = 4", []),
    "value text": ("SELECT 1", [(0, ms("2026-11-10"), "yes", ""), (4, ms("2026-11-11"), "lots", "")]),
    "name blob": ("UPDATE Habits SET name = X'DEADBEEF' WHERE id = 3", []),
    "timestamp text": ("SELECT 1", [(0, "yesterday", 2, "")]),
    "note blob": ("SELECT 1", [(0, ms("2026-11-12"), 2, b"\xff\xfe")]),
    "unknown habit": ("SELECT 1", [(99, ms("2026-11-13"), 2, "")]),
    "huge timestamp": ("SELECT 1", [(0, 2**62, 2, "")]),
}


@pytest.mark.parametrize("case", BAD_LOOP)
def test_loop_columns_of_the_wrong_type_are_reported_never_a_traceback(run, tmp_path, case):
    path = _bad_loop(tmp_path / "loop.db", *BAD_LOOP[case])
    dry = run("import", str(path), "--dry-run")
    real = run("import", str(path))
    assert dry[0] == real[0] == 0, (dry, real)
    def strip(text: str) -> str:
        return text.replace("Dry run — nothing written. ", "").split("\n`bondtui undo`")[0].strip()

    assert strip(dry[1]) == strip(real[1])  # the dry run says what the import does


def test_format_detection_reads_a_bounded_head_of_a_large_loop_backup(run, tmp_path):
    path = loop_backup(tmp_path / "big.db", current=True)
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE Junk (blob BLOB)")
    db.executemany("INSERT INTO Junk VALUES (zeroblob(?))", [(1 << 20,)] * 60)
    db.commit()
    db.close()
    assert path.stat().st_size > 60 << 20
    tracemalloc.start()
    try:
        assert run("import", str(path), "--dry-run")[0] == 0
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 << 20, peak


def test_a_huge_file_of_no_known_format_is_refused_without_reading_it_all(run, tmp_path):
    path = tmp_path / "huge.json"
    with path.open("wb") as file:
        file.write(b"[" + b" " * (70 << 20))
    refused(run, path, "too large")


def _export(run, tmp_path) -> dict:
    assert run("export", "-o", str(tmp_path / "export.json"))[0] == 0
    return json.loads((tmp_path / "export.json").read_text())


def test_an_export_with_a_key_that_breaks_the_rule_is_refused(run, tmp_path):
    document = _export(run, tmp_path)
    document["strategies"][0]["key"] = document["strategies"][0]["id"] = "../../etc"
    for check_in in document["checkins"]:
        check_in["strategy"] = "../../etc"
    (tmp_path / "lies.json").write_text(json.dumps(document))
    refused(run, tmp_path / "lies.json", "cannot be a key")
    before = files(run.home)
    assert run("merge", str(tmp_path / "lies.json"))[0] == 1 and files(run.home) == before


def test_an_export_with_a_check_in_of_no_strategy_is_refused(run, tmp_path):
    document = _export(run, tmp_path)
    document["checkins"].append({"id": "x1", "strategy": "ghost", "day": "2026-11-01", "action": "", "note": ""})
    (tmp_path / "lies.json").write_text(json.dumps(document))
    refused(run, tmp_path / "lies.json", "ghost")


def test_an_export_with_a_check_in_in_the_future_leaves_it_out_and_says_so(run, tmp_path):
    document = _export(run, tmp_path)
    document["checkins"].append({"id": "x2", "strategy": "talk", "day": "2999-12-31", "action": "", "note": "later"})
    (tmp_path / "future.json").write_text(json.dumps(document))
    code, out, err = run("import", str(tmp_path / "future.json"))
    assert code == 0 and "future" in out
    with Store.open(run.home / "bond.json", read_only=True) as store:
        assert all(c.day <= date(2026, 11, 29) for c in store.check_ins())


def test_loop_keys_are_at_most_24_characters(store, tmp_path):
    path = tmp_path / "loop.db"
    loop_backup(path, current=True)
    db = sqlite3.connect(path)
    db.execute("UPDATE Habits SET name = ? WHERE id = 3", ("Stretch for ten minutes every single morning before school",))
    db.execute("INSERT INTO Habits (id, archived, freq_num, freq_den, name, position) VALUES "
               "(9, 0, 1, 1, 'Stretch for ten minutes every single morning before school', 9)")
    db.commit()
    db.close()
    import_file(store, path)
    keys = [s.key for s in store.strategies(archived=True)]
    assert all(len(key) <= 24 for key in keys), keys
    assert len(set(keys)) == len(keys)


# -- at the boundary -----------------------------------------------------------------------------


def test_a_dijo_day_exactly_at_its_goal_is_done(store, tmp_path):
    path = tmp_path / "habit_record.json"
    path.write_text(json.dumps([{"name": "Pushups", "type": "Count", "goal": 10,
                                 "stats": {"2026-11-01": 10, "2026-11-02": 9}}]))
    import_file(store, path)
    assert [c.day for c in store.check_ins("pushups")] == [date(2026, 11, 1)]


def test_a_loop_at_most_habit_exactly_at_its_limit_is_done(store, tmp_path):
    path = loop_backup(tmp_path / "loop.db", current=True)
    db = sqlite3.connect(path)
    db.execute("INSERT INTO Habits (id, archived, freq_num, freq_den, name, position, type, target_type, target_value) "
               "VALUES (7, 0, 1, 1, 'Screen hours', 7, 1, 1, 2)")
    db.executemany("INSERT INTO Repetitions (habit, timestamp, value, notes) VALUES (?, ?, ?, ?)",
                   [(7, ms("2026-11-01"), 2000, ""), (7, ms("2026-11-02"), 2001, "")])
    db.commit()
    db.close()
    import_file(store, path)
    assert [c.day for c in store.check_ins("screen-hours")] == [date(2026, 11, 1)]


def test_an_imported_strategy_starts_on_its_first_check_in(store, tmp_path):
    path = tmp_path / "habit_record.json"
    path.write_text(json.dumps([{"name": "Pushups", "type": "Bit", "goal": 1, "stats": {"2026-03-04": True}}]))
    import_file(store, path)
    assert store.strategy("pushups").since == date(2026, 3, 4)
