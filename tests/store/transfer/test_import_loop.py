"""Importing Loop Habit Tracker: its SQLite backup (old and current schemas) and its CSV export."""

from __future__ import annotations

import sqlite3
import zipfile
from datetime import date

import pytest

from store import DataError
from store.transfer.importers import import_file, loop_sqlite
from tui.main import main

EPOCH = date(1970, 1, 1).toordinal()


def ms(day: str) -> int:
    """Loop's timestamp: milliseconds at UTC midnight of the day."""
    return (date.fromisoformat(day).toordinal() - EPOCH) * 86_400_000


def loop_backup(path, *, current: bool):
    """A backup with id 0, two habits named "Run" (one archived), a 2-in-3-days habit and, when
    current, a numerical habit, values of every kind and notes."""
    db = sqlite3.connect(path)
    habit_columns = "id INTEGER PRIMARY KEY, archived INTEGER, color INTEGER, description TEXT, freq_den INTEGER, " \
                    "freq_num INTEGER, highlight INTEGER, name TEXT, position INTEGER, reminder_hour INTEGER"
    if current:
        habit_columns += ", type INTEGER, target_type INTEGER, target_value REAL, unit TEXT, question TEXT, uuid TEXT"
        db.execute("PRAGMA user_version = 25")
        db.execute("CREATE TABLE Repetitions (id INTEGER PRIMARY KEY, habit INTEGER, timestamp INTEGER, "
                   "value INTEGER, notes TEXT)")
    else:
        db.execute("PRAGMA user_version = 15")
        db.execute("CREATE TABLE Repetitions (id INTEGER PRIMARY KEY, habit INTEGER, timestamp INTEGER)")
    db.execute(f"CREATE TABLE Habits ({habit_columns})")
    habits = [(0, 0, "Read: 10 pages", 1, 1, "Read", 0), (1, 1, "old runs", 3, 7, "Run", 1),
              (2, 0, "new runs", 1, 1, "Run", 2), (3, 0, "", 2, 3, "Stretch", 3)]
    for habit_id, archived, description, num, den, name, position in habits:
        db.execute("INSERT INTO Habits (id, archived, description, freq_num, freq_den, name, position) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?)", (habit_id, archived, description, num, den, name, position))
    rows = [(0, "2026-11-01"), (0, "2026-11-02"), (1, "2025-06-01"), (2, "2026-11-02"), (3, "2026-10-31")]
    if current:
        db.execute("INSERT INTO Habits (id, archived, freq_num, freq_den, name, position, type, target_type, "
                   "target_value, unit, question) VALUES (4, 0, 1, 1, 'Pages', 4, 1, 0, 5, 'pages', 'How many?')")
        db.executemany("INSERT INTO Repetitions (habit, timestamp, value, notes) VALUES (?, ?, ?, ?)", [
            (0, ms("2026-11-01"), 2, "he read to me, [b]loud[/b]"), (0, ms("2026-11-02"), 2, None),
            (0, ms("2026-11-03"), 1, ""),  # YES_AUTO: computed, not done
            (0, ms("2026-11-04"), 0, ""), (0, ms("2026-11-05"), -1, ""), (0, ms("2026-11-06"), 3, ""),  # 3: a skip
            (1, ms("2025-06-01"), 2, ""), (2, ms("2026-11-02"), 2, ""), (3, ms("2026-10-31"), 2, ""),
            (4, ms("2026-11-01"), 7000, ""), (4, ms("2026-11-02"), 3000, ""),  # 7 pages meet 5; 3 do not
            (0, -3_000_000_000_000, 2, ""),  # 1874: out of range
        ])
    else:
        db.executemany("INSERT INTO Repetitions (habit, timestamp) VALUES (?, ?)",
                       [(habit, ms(day)) for habit, day in rows] + [(0, 40_000_000_000_000)])  # 3237
    db.commit()
    db.close()
    return path


@pytest.mark.parametrize("current", [False, True], ids=["old-schema", "current-schema"])
def test_loop_backup(store, tmp_path, current):
    backup = loop_backup(tmp_path / "loop.db", current=current)
    before = backup.read_bytes()
    summary = import_file(store, backup)
    assert summary.written and summary.label == "Loop Habit Tracker backup"
    assert summary.created == ["Read", "Run", "Run", "Stretch"] + (["Pages"] if current else [])
    by_origin = {s.origin: s for s in store.strategies(archived=True) if s.origin}
    read, old_run, new_run, stretch = (by_origin[f"loop:{i}"] for i in range(4))
    assert read.key == "read" and {old_run.key, new_run.key} == {"run", "run-2"}  # the same name, two strategies
    assert old_run.archived and not new_run.archived and old_run in store.strategies(archived=True)
    assert str(old_run.cadence) == "3 per week" and str(read.cadence) == "daily"
    assert str(stretch.cadence) == "5 per week" and any("Stretch" in n and "5 per week" in n for n in summary.notices)
    assert [c.day for c in store.check_ins("read")] == [date(2026, 11, 1), date(2026, 11, 2)]
    assert store.check_ins(old_run.key)[0].day == date(2025, 6, 1)
    assert summary.ignored == {"date outside 1900-01-01..2999-12-31": 1}
    if current:
        assert store.check_ins("read")[0].note == "he read to me, [b]loud[/b]"
        assert store.is_skipped("read", date(2026, 11, 6)) and summary.added["skips"] == 1
        pages = by_origin["loop:4"]
        assert [(c.day, c.note) for c in store.check_ins(pages.key)] == [(date(2026, 11, 1), "7")]
        assert summary.added["checkins"] == 6
    else:
        assert summary.added["checkins"] == 5
    assert backup.read_bytes() == before
    # 2025 is a closed year: its file is in bond.d
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bond.d", "bond.json", "bond.json.lock", "loop.db"]


def test_reimport_maps_to_the_same_strategies_and_adds_nothing(store, db_path, tmp_path):
    backup = loop_backup(tmp_path / "loop.db", current=True)
    import_file(store, backup)
    store.update_strategy("run-2", title="Morning run")  # renamed since: the origin still finds it
    saved = db_path.read_bytes()
    again = import_file(store, backup)
    assert again.created == [] and len(again.matched) == 5 and not again.written
    assert again.added["checkins"] == 0 and again.present["checkins"] == 6 and again.present["skips"] == 1
    assert db_path.read_bytes() == saved


def test_a_habit_named_like_her_strategy_joins_it(store, tmp_path):
    db = sqlite3.connect(tmp_path / "loop.db")
    db.execute("CREATE TABLE Habits (id INTEGER PRIMARY KEY, name TEXT, freq_num INTEGER, freq_den INTEGER)")
    db.execute("CREATE TABLE Repetitions (id INTEGER PRIMARY KEY, habit INTEGER, timestamp INTEGER)")
    db.execute("INSERT INTO Habits VALUES (7, 'TALK', 1, 1)")
    db.execute("INSERT INTO Repetitions (habit, timestamp) VALUES (7, ?)", (ms("2026-11-20"),))
    db.commit()
    db.close()
    summary = import_file(store, tmp_path / "loop.db")
    assert summary.created == [] and summary.matched == ["Talk with him like a grown-up"]
    assert store.strategy("talk").origin == "loop:7" and store.is_done("talk", date(2026, 11, 20))


def test_dry_run_writes_nothing_and_says_the_same(store, db_path, tmp_path):
    backup = loop_backup(tmp_path / "loop.db", current=True)
    store.check_in("talk")
    saved = db_path.read_bytes()
    dry = import_file(store, backup, dry_run=True)
    assert db_path.read_bytes() == saved and not dry.written and store.check_ins("read") == []
    real = import_file(store, backup)
    assert (dry.created, dry.added, dry.present, dry.ignored) == (real.created, real.added, real.present, real.ignored)


def test_one_undo_takes_the_whole_import_back(store, tmp_path):
    import_file(store, loop_backup(tmp_path / "loop.db", current=True))
    assert store.undo() is not None
    assert [s.key for s in store.strategies(archived=True)] == ["talk", "freedom", "interest", "date", "affection",
                                                                "celebrate", "together"]
    assert store.check_ins() == []
    again = import_file(store, tmp_path / "loop.db")  # asked again after the undo: it comes back
    assert again.added["checkins"] == 6


def write_csv_export(folder, *, current: bool):
    """Loop's CSV export: Habits.csv and `NNN Name/Checkmarks.csv`, in the current or the older style."""
    folder.mkdir()
    header = ("Position,Name,Type,Question,Description,FrequencyNumerator,FrequencyDenominator,Color,Unit,"
              "Target Type,Target Value,Archived?\r\n")
    (folder / "Habits.csv").write_text(
        header + "001,Walk,YES_NO,Did you walk?,,1,1,#FF0000,,,,false\r\n"
        "002,Walk,YES_NO,,second walk,1,7,#FF0000,,,,true\r\n"
        "003,Call grandma,YES_NO,,,1,3,#00FF00,,,,false\r\n", newline="")
    if current:
        first = ('Date,Value,Notes\r\n2026-11-03,YES_MANUAL,"he said ""fine"", then\r\ntalked"\r\n'
                 "2026-11-02,YES_AUTO,\r\n2026-11-01,SKIP,\r\n2026-10-31,NO,\r\n2026-10-30,UNKNOWN,\r\n"
                 "1800-01-01,YES_MANUAL,\r\n")
        second, third = "Date,Value,Notes\r\n2026-01-05,YES_MANUAL,\r\n", "Date,Value,Notes\r\n2026-11-01,YES_MANUAL,\r\n"
    else:
        first = "2026-11-03,2\n2026-11-02,1\n2026-11-01,3\n2026-10-31,0\n1800-01-01,2\n"
        second, third = "2026-01-05,2\n", "2026-11-01,2\n"
    for name, text in (("001 Walk", first), ("002 Walk", second), ("003 Call grandma", third)):
        (folder / name).mkdir()
        (folder / name / "Checkmarks.csv").write_text(text, newline="")
    return folder


@pytest.mark.parametrize("current", [False, True], ids=["integer-values", "named-values"])
@pytest.mark.parametrize("zipped", [False, True], ids=["folder", "zip"])
def test_loop_csv_export(store, tmp_path, current, zipped):
    folder = write_csv_export(tmp_path / "Loop Habits CSV 2026-11-29", current=current)
    path = folder
    if zipped:
        path = tmp_path / "export.zip"
        with zipfile.ZipFile(path, "w") as archive:
            for file in folder.rglob("*.csv"):
                archive.write(file, file.relative_to(folder).as_posix())
    summary = import_file(store, path)
    assert summary.label == "Loop Habit Tracker CSV export" and summary.created == ["Walk", "Walk", "Call grandma"]
    walk, walk2, call = (s for s in store.strategies(archived=True) if s.origin)
    assert (walk.key, walk2.key, call.key) == ("walk", "walk-2", "call-grandma")
    assert walk2.archived and str(walk2.cadence) == "1 per week" and str(call.cadence) == "every 3 days"
    assert [c.day for c in store.check_ins("walk")] == [date(2026, 11, 3)]
    assert store.is_skipped("walk", date(2026, 11, 1)) and not store.is_done("walk", date(2026, 11, 2))
    if current:
        assert store.check_ins("walk")[0].note == 'he said "fine", then\r\ntalked'
    assert summary.ignored == {"date outside 1900-01-01..2999-12-31": 1}
    again = import_file(store, path)
    assert not again.written and again.present["checkins"] == 3


@pytest.mark.parametrize(
    "content",
    [
        b"SQLite format 3\x00" + b"\x00" * 200,
        b"PK\x03\x04broken zip",
        b"\x89PNG\r\n",
        b'{"format": "bondtui-export", "version": 99}',
        b"{broken json",
        b"[1, 2]",
    ],
)
def test_broken_or_unknown_files_exit_1_and_touch_nothing(tmp_path, monkeypatch, capsys, content):
    db = tmp_path / "bond.json"
    monkeypatch.setenv("BONDTUI_DB", str(db))
    monkeypatch.setenv("BONDTUI_NOW", "2026-11-29T20:00:00+00:00")
    assert main(["done", "talk"]) == 0
    saved = db.read_bytes()
    (tmp_path / "input").write_bytes(content)
    capsys.readouterr()
    assert main(["import", str(tmp_path / "input")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("bondtui: ") and err.count("\n") == 1 and "Traceback" not in err
    assert db.read_bytes() == saved


def test_a_missing_file_is_a_data_problem(store, tmp_path):
    with pytest.raises(DataError, match="no such file"):
        import_file(store, tmp_path / "nothing.db")


def test_loop_days_are_taken_in_utc_whatever_the_local_zone(store, tmp_path, monkeypatch):
    import time

    for zone in ("America/Los_Angeles", "Pacific/Kiritimati"):
        monkeypatch.setenv("TZ", zone)
        time.tzset()
        found = loop_sqlite.read(
            loop_backup(tmp_path / f"{zone.replace('/', '-')}.db", current=True))
        assert sorted({day for habit, day, _ in found.done if habit == "0"}) == [date(2026, 11, 1), date(2026, 11, 2)]
    monkeypatch.delenv("TZ")
    time.tzset()


@pytest.mark.parametrize("terminal", [False, True], ids=["piped", "terminal"])
def test_a_progress_bar_only_on_a_terminal(tmp_path, monkeypatch, terminal):
    import io
    import sys

    db = sqlite3.connect(tmp_path / "big.db")
    db.execute("CREATE TABLE Habits (id INTEGER PRIMARY KEY, name TEXT, freq_num INTEGER, freq_den INTEGER)")
    db.execute("CREATE TABLE Repetitions (id INTEGER PRIMARY KEY, habit INTEGER, timestamp INTEGER)")
    db.executemany("INSERT INTO Habits VALUES (?, ?, 1, 1)", [(h, f"Habit {h}") for h in range(3)])
    first = ms("2000-01-01")
    db.executemany("INSERT INTO Repetitions (habit, timestamp) VALUES (?, ?)",
                   [(h, first + d * 86_400_000) for h in range(3) for d in range(8000)])
    db.commit()
    db.close()

    class Stream(io.StringIO):
        def isatty(self) -> bool:
            return terminal

    err, out = Stream(), io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setenv("BONDTUI_NOW", "2026-11-29T20:00:00+00:00")
    assert main(["--db", str(tmp_path / "bond.json"), "import", str(tmp_path / "big.db")]) == 0
    assert "24,000 check-ins added" in out.getvalue()
    assert ("Importing" in err.getvalue()) == terminal and ("━" in err.getvalue()) == terminal
