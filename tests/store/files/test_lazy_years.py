"""Closed years read a year at a time, by readers and writers alike: a start reads only the main file."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import UTC, date
from pathlib import Path

import orjson
import pytest

from bench.generate import build
from store import DataError, Store
from store.files.layout import year_folder
from store.files.storage import serialise, write_atomically
from tests import ROOT
from tests.kill_child import new_clock

pytestmark = pytest.mark.slow  # `make check` leaves it to `make test`

NOW = "2026-11-29T20:00:00+00:00"
# Runs the command line or the board (to its first frame) and prints every file it opened, one a line.
WATCH = """
import os, sys
from functools import partialmethod
opened = []
def watch(event, args):
    if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
        opened.append(os.fsdecode(args[0]))
sys.addaudithook(watch)
from tui import main as cli
from tui.board import app
if sys.argv[1:] == ["board"]:
    from textual.app import App
    app.BondApp.on_ready = lambda self: self.exit()
    app.BondApp.run = partialmethod(App.run, headless=True)
    for stream in (sys.stdin, sys.stdout):
        stream.isatty = lambda: True
    code = cli.main([])
else:
    code = cli.main(sys.argv[1:])
sys.stderr.write("\\n".join(["--opened--", *opened]) + "\\n")
sys.exit(code)
"""


def _years(path: Path) -> dict[str, str]:
    return {year: doc["file"] for year, doc in orjson.loads(path.read_bytes())["manifest"].items()}


def _files(path: Path) -> dict[str, bytes]:
    return {file.relative_to(path.parent).as_posix(): file.read_bytes()
            for file in path.parent.rglob("*") if file.is_file() and "backups" not in file.parts and file.suffix != ".lock"}


@pytest.fixture(scope="module")
def thirty(tmp_path_factory) -> Path:
    """A 30-year database as a day of use leaves it: migrated, its checkpoints saved."""
    path = tmp_path_factory.mktemp("thirty") / "bond.json"
    write_atomically(path, serialise(build(30, seed=7)))
    with Store.open(path, new_clock()) as store:
        for strategy in store.strategies():
            store.streak(strategy.key), store.strength(strategy.key)
        store.toggle_check_in("talk"), store.undo()
    assert len(_years(path)) == 31  # 1997 to 2025, and 2026 before June
    return path


@pytest.fixture
def copy(thirty, tmp_path) -> Path:
    path = tmp_path / "bond.json"
    shutil.copyfile(thirty, path)
    shutil.copytree(year_folder(thirty), year_folder(path))
    shutil.copytree(thirty.parent / "backups", path.parent / "backups")  # today's backup is kept already
    return path


def _run(path: Path, *args: str) -> tuple[int, list[str], str]:
    return _run_at(path, {**os.environ, "BONDTUI_NOW": NOW}, *args)


def _run_at(path: Path, environment: dict, *args: str) -> tuple[int, list[str], str]:
    env = {**environment, "BONDTUI_DB": str(path)}
    done = subprocess.run([sys.executable, "-c", WATCH, *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    err, _, opened = done.stderr.partition("--opened--\n")
    return done.returncode, opened.splitlines(), err


@pytest.mark.parametrize("args", [("today",), ("done", "talk"), ("skip", "freedom"), ("undo",), ("board",)],
                         ids=lambda a: " ".join(a))
def test_a_start_on_thirty_years_opens_no_closed_year_file(copy, args):
    """(The day's first change keeps the whole set as a backup, and reads every file for it, once a day.)"""
    code, opened, err = _run(copy, *args)
    assert code == 0, err
    assert str(copy) in opened  # the hook sees the main file read
    assert [file for file in opened if str(year_folder(copy)) in file] == []


def test_the_watch_sees_a_closed_year_read(copy):
    code, opened, err = _run(copy, "done", "talk", "--date", "2001-03-04")
    assert code == 0, err
    read = {Path(file).name[:4] for file in opened
            if Path(file).parent == year_folder(copy) and re.fullmatch(r"\d{4}-[0-9a-f]{16}\.json", Path(file).name)}
    # The year the change reaches, and the later ones its streak walks (earlier ones too when the change comes
    # before the streak's checkpoint, which then starts afresh).
    assert {str(year) for year in range(2001, 2027)} <= read


def test_a_change_in_a_closed_year_rewrites_that_year_and_no_other(copy):
    before, years = _files(copy), _years(copy)
    code, _, err = _run(copy, "done", "talk", "--date", "2001-03-04", "--note", "a backfill")
    assert code == 0, err
    after, now = _files(copy), _years(copy)
    assert {year for year in years if years[year] != now[year]} == {"2001"}
    changed = {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}
    assert changed == {"bond.json", f"bond.d/{now['2001']}"}  # the generation replaced waits, untouched
    tables = orjson.loads(after[f"bond.d/{now['2001']}"])
    assert any(doc["note"] == "a backfill" and doc["day"] == "2001-03-04" for doc in tables["checkins"].values())


@pytest.mark.parametrize("how", ["broken", "missing"])
def test_a_late_change_meeting_a_bad_year_file_changes_nothing(copy, how):
    year_file = year_folder(copy) / _years(copy)["2001"]
    content = year_file.read_bytes()
    if how == "broken":
        year_file.write_bytes(content.replace(b"2001-03", b"2001-04", 1))
    else:
        year_file.unlink()  # another machine's, not brought by the sync yet
    before = _files(copy)
    code, _, err = _run(copy, "done", "talk", "--date", "2001-03-04")
    told = "is broken" if how == "broken" else "is not here yet (a sync may still be bringing it"
    assert code == 1 and told in err and err.count("\n") == 1, err
    assert _files(copy) == before
    code, _, err = _run(copy, "done", "talk")  # a change that reaches no closed year is saved
    assert code == 0, err
    if how == "missing":
        year_file.write_bytes(content)  # it arrives
        code, _, err = _run(copy, "done", "talk", "--date", "2001-03-04")
        assert code == 0, err


def test_a_late_read_that_fails_leaves_the_model_as_it_was(copy):
    with Store.open(copy, new_clock()) as store:
        store.check_ins("talk", date(2020, 6, 1))  # reads 2020 to 2025
        held, loaded_from = len(store._records.check_ins), store._records.loaded_from
        year_file = year_folder(copy) / _years(copy)["2018"]
        year_file.write_bytes(year_file.read_bytes().replace(b'"2018-0', b'"1999-0', 1))
        before = _files(copy)
        with pytest.raises(DataError, match="is broken"):
            store.check_in("talk", date(2018, 5, 5))  # 2019 reads, 2018 does not: neither is taken in
        assert store._records.loaded_from == loaded_from and len(store._records.check_ins) == held
        assert _files(copy) == before
        store.check_in("talk", note="still usable")
    with Store.open(copy, new_clock(), read_only=True) as reader:
        assert reader.check_ins("talk", date(2026, 11, 29))[-1].note == "still usable"


def test_a_writer_whose_clock_went_back_takes_those_years_back_into_the_main_file(copy):
    from datetime import datetime

    from store import FixedClock

    with Store.open(copy, FixedClock(datetime(2024, 6, 1, 20, tzinfo=UTC))) as store:
        assert store._records.loaded_from == date(2026, 6, 1).toordinal()  # a start reads no year file
        store.check_in("talk", note="the clock went back")  # the main file starts in January 2024 now
        assert store._records.loaded_from == date(2024, 1, 1).toordinal()  # 2024 to 2026 read for it; no earlier year
    assert sorted(_years(copy))[-1] == "2023"
    main = orjson.loads(copy.read_bytes())
    assert {doc["day"][:4] for doc in main["checkins"].values()} == {"2024", "2025", "2026"}
    with Store.open(copy, new_clock()) as store:
        assert store.check_ins("talk", date(2024, 6, 1))[-1].note == "the clock went back"
        store.check_in("talk")  # the clock is right again: 2024 and 2025 go back to files of their own
    assert sorted(_years(copy))[-1] == "2026" and orjson.loads(copy.read_bytes())["manifest"]["2026"]["until"] == "2026-06-01"


def _break_year_file(path: Path, year: str) -> None:
    """Move one of the year's days into 2024: its file no longer holds what was saved."""
    year_file = year_folder(path) / _years(path)[year]
    year_file.write_bytes(year_file.read_bytes().replace(f'"{year}-0'.encode(), b'"2024-0', 1))


async def test_the_board_tells_a_broken_year_file_and_stays_usable(copy):
    from tui.board.app import BondApp
    from tui.board.screens.board import BoardScreen

    _break_year_file(copy, "2025")
    before = _files(copy)
    store = Store.open(copy, new_clock())
    app = BondApp(store=store, theme_dir=copy.parent / "no-themes")
    try:
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            board = app.screen
            today = board.day
            board.action_move(0, -400)  # the grid would reach back into 2025
            await pilot.pause()
            assert board.day == today and any("is broken" in n.message for n in app._notifications)
            app.clear_notifications()
            await pilot.pause()
            await pilot.press("i")  # this year's history needs no closed year
            await pilot.pause()
            assert app.screen.year == 2026 and not app._notifications
            await pilot.press("left_square_bracket")  # 2025 is broken: told, and the year stays
            await pilot.pause()
            assert app.screen.year == 2026 and any("is broken" in n.message for n in app._notifications)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, BoardScreen)
            app.clear_notifications()
            await pilot.pause()
            assert app.apply(lambda: store.check_in("talk", date(2025, 2, 2))) is None  # refused, told
            await pilot.pause()
            assert any("is broken" in n.message for n in app._notifications)
            assert _files(copy) == before
            await pilot.press("space")  # today, on the board: saved
            await pilot.pause()
            assert store.is_done("talk", date(2026, 11, 29)) and app.is_running
    finally:
        store.close()
    assert _files(copy) != before


def test_a_move_of_the_main_files_start_rewrites_only_its_years_file(tmp_path):
    path = tmp_path / "bond.json"
    write_atomically(path, serialise(build(3, seed=7)))
    month_ago = new_clock()
    month_ago.advance(days=-31)
    with Store.open(path, month_ago) as store:
        store.check_in("talk")
        expected = {table: dict(records) for table, records in store._tables().items()}
    before, years = _files(path), _years(path)
    assert orjson.loads(path.read_bytes())["manifest"]["2026"]["until"] == "2026-05-01"
    code, opened, err = _run(path, "done", "talk", "--note", "a month later")
    assert code == 0, err
    after, now = _files(path), _years(path)
    assert {year for year in years if years[year] != now[year]} == {"2026"}
    changed = {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}
    assert changed == {"bond.json", f"bond.d/{now['2026']}"}  # the generation replaced waits, untouched
    main = orjson.loads(after["bond.json"])
    assert main["manifest"]["2026"]["until"] == "2026-06-01"
    assert min(doc["day"] for doc in main["checkins"].values()) >= "2026-06-01"
    may = orjson.loads(after[f"bond.d/{now['2026']}"])["checkins"]
    assert max(doc["day"] for doc in may.values()) == "2026-05-31"
    with Store.open(path, new_clock(), read_only=True) as reader:  # nothing lost or doubled on the way
        tables = reader._tables()
        assert {i: d for i, d in tables["checkins"].items() if d["day"] < "2026-11-29"} == {
            i: d for i, d in expected["checkins"].items() if d["day"] < "2026-11-29"}
        assert tables["skips"] == expected["skips"]
        assert len(reader.check_ins("talk", date(2026, 11, 29))) == 1 + sum(
            d["day"] == "2026-11-29" and d["strategy"] == "talk" for d in expected["checkins"].values())


@pytest.mark.parametrize("args", [("today",), ("done", "talk"), ("undo",), ("board",)], ids=lambda a: " ".join(a))
def test_right_after_the_main_files_start_moved_a_start_still_opens_no_year_file(copy, args, monkeypatch):
    """The main file holds the least on the first of a month, once its start moved: still enough for the board."""
    monkeypatch.setenv("BONDTUI_NOW", "2026-12-01T20:00:00+00:00")
    environment = {**os.environ}
    code, _, err = _run_at(copy, environment, "skip", "freedom")  # the day's first change moves the start to July
    assert code == 0, err
    assert orjson.loads(copy.read_bytes())["manifest"]["2026"]["until"] == "2026-07-01"
    code, opened, err = _run_at(copy, environment, *args)
    assert code == 0, err
    assert [file for file in opened if str(year_folder(copy)) in file] == []


def _schema_2(path: Path) -> dict:
    """The set as the bondtui before wrote it: this whole year in the main file, closed years in files with digests."""
    import hashlib

    data = build(3, seed=7)
    data["meta"]["meta"]["schema_version"] = 2
    folder = year_folder(path)
    folder.mkdir(parents=True)
    manifest = {}
    for year in ("2023", "2024", "2025"):
        tables = {table: {i: doc for i, doc in data[table].items() if doc["day"].startswith(year)}
                  for table in ("checkins", "skips")}
        content = serialise(tables)
        name = f"{year}-{hashlib.sha256(content).hexdigest()[:16]}.json"
        (folder / name).write_bytes(content)
        manifest[year] = {"file": name, "days": {"talk": [1, 2]}}  # a digest of the older kind
    main = {table: ({i: doc for i, doc in records.items() if doc["day"] >= "2026"}
                    if table in ("checkins", "skips") else records) for table, records in data.items()}
    write_atomically(path, serialise({**main, "manifest": manifest}))
    return data


def test_a_set_of_the_bondtui_before_is_read_as_it_is_and_moves_on_at_the_first_write(tmp_path):
    from store.transfer.export import export_document

    path = tmp_path / "bond.json"
    _schema_2(path)
    before = _files(path)
    with Store.open(path, new_clock(), read_only=True) as reader:
        exported = export_document(reader)
    assert _files(path) == before  # a reader creates nothing
    with Store.open(path, new_clock()) as store:
        streaks = [store.streak(s.key) for s in store.strategies()]
        store.check_in("talk", note="the first write")
        store.undo()
        assert export_document(store)["checkins"] == exported["checkins"]
    main = orjson.loads(path.read_bytes())
    assert main["meta"]["meta"]["schema_version"] == 3 and sorted(main["manifest"]) == ["2023", "2024", "2025", "2026"]
    assert all("sums" in entry and "days" not in entry for entry in main["manifest"].values())
    kept = orjson.loads((tmp_path / "backups" / "bond-schema-2.json").read_bytes())
    assert "manifest" not in kept and len(kept["checkins"]) == len(exported["checkins"])  # the whole set, in one file
    with Store.open(path, new_clock(), read_only=True) as reader:
        document = export_document(reader)
        assert [reader.streak(s.key) for s in reader.strategies()] == streaks
    for table in ("checkins", "skips", "strategies", "away"):
        assert document[table] == exported[table]


@pytest.mark.parametrize("until", ["2025-06-01", "2026-06-15", "2026-01-01", 5])
def test_a_manifest_that_does_not_say_where_a_year_file_ends_is_refused(copy, until):
    main = orjson.loads(copy.read_bytes())
    main["manifest"]["2026"]["until"] = until
    copy.write_bytes(orjson.dumps(main))
    before = _files(copy)
    code, _, err = _run(copy, "done", "talk")
    assert code == 1 and "does not say where its file ends" in err and err.count("\n") == 1, err
    assert _files(copy) == before


def test_the_checkpoints_fingerprint_is_the_same_whatever_is_read(copy):
    """The year files not read count by the manifest's sums, the days read by theirs: one fingerprint either way."""
    cuts = [date(2026, 11, 15), date(2026, 6, 2), date(2026, 1, 10), date(2015, 7, 1)]
    with Store.open(copy, new_clock(), read_only=True) as lazy:
        keys = [s.key for s in lazy.strategies()]
        assert lazy._records.loaded_from == date(2026, 6, 1).toordinal()
        first = {key: lazy._derived.basis(key, cuts[0].toordinal()) for key in keys}
        assert lazy._records.loaded_from == date(2026, 6, 1).toordinal()  # a cut in the main file reads nothing
        bases = [[lazy._derived.basis(key, cut.toordinal()) for key in keys] for cut in cuts]
    with Store.open(copy, new_clock(), read_only=True) as everything:
        everything._records.load_past()
        assert [[everything._derived.basis(key, cut.toordinal()) for key in keys] for cut in cuts] == bases
        assert {key: everything._derived.basis(key, cuts[0].toordinal()) for key in keys} == first
        assert len({everything._derived.basis("talk", cut.toordinal()) for cut in cuts}) == len(cuts)


async def test_history_that_needs_a_broken_file_is_told_and_the_board_stays(copy):
    from tui.board.app import BondApp
    from tui.board.screens.board import BoardScreen

    _break_year_file(copy, "2026")  # this year's days before the main file's start
    before = _files(copy)
    store = Store.open(copy, new_clock())
    app = BondApp(store=store, theme_dir=copy.parent / "no-themes")
    try:
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            await pilot.press("i")  # this year's calendar needs January to May
            await pilot.pause()
            assert isinstance(app.screen, BoardScreen) and any("is broken" in n.message for n in app._notifications)
            assert app.is_running
    finally:
        store.close()
    assert _files(copy) == before
