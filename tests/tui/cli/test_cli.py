"""The `bondtui` command line, through its entry point and as a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading

import pytest

from tests import ROOT
from tui.main import main

NOW = "2026-11-29T20:00:00+00:00"


def streaks_json(cli) -> dict:
    code, out, _ = cli("streaks", "--json")
    assert code == 0
    return {row["key"]: row for row in json.loads(out)}


def test_today_on_a_first_run(cli):
    code, out, err = cli("today")
    assert code == 0 and err == ""
    assert out.startswith("Sunday 29 November 2026")
    assert "→ " in out and "0 of 7 strategies touched today" in out
    assert "Give him more freedom" in out and "0 of 2 this week" in out
    assert not cli.path.exists()  # reading writes nothing


def test_done_then_streaks(cli):
    assert cli("done", "talk", "--date", "-2")[0] == 0
    assert cli("done", "talk", "--date", "yesterday")[0] == 0
    code, out, _ = cli("done", "talk", "--action", "Asked his opinion", "--note", "robotics club")
    assert code == 0 and "Streak: 3 days" in out and "Asked his opinion" in out
    rows = streaks_json(cli)
    assert rows["talk"] == {
        "key": "talk", "title": "Talk with him like a grown-up", "cadence": "daily", "unit": "days",
        "current": 3, "best": 3, "strength": pytest.approx(rows["talk"]["strength"]), "done_today": True,
        "at_risk": False, "period_done": 1, "period_target": 1, "archived": False,
    }
    assert 0 < rows["talk"]["strength"] < 1
    assert rows["date"]["unit"] == "weeks" and rows["date"]["done_today"] is False


def test_every_date_form(cli):
    for form, day in [("2026-11-20", "2026-11-20"), ("today", "2026-11-29"), ("yesterday", "2026-11-28"), ("-5", "2026-11-24")]:
        assert cli("done", "affection", "--date", form)[0] == 0
        saved = json.loads(cli.path.read_text())["checkins"]
        assert day in {doc["day"] for doc in saved.values()}


def test_skip_freezes_and_undo_takes_back(cli):
    cli("done", "talk", "--date", "-2")
    code, out, _ = cli("skip", "talk", "--date", "yesterday")
    assert code == 0 and "skipped" in out
    assert cli("skip", "talk", "--date", "yesterday")[1].endswith("was already skipped on Sat 28 Nov 2026.\n")
    assert streaks_json(cli)["talk"]["current"] == 1  # frozen: neither counted nor broken
    code, out, _ = cli("undo")
    assert code == 0
    assert out == "Undid the skip of Talk with him like a grown-up on Sat 28 Nov 2026, made on the command line at 20:00.\n"
    assert streaks_json(cli)["talk"]["current"] == 0
    cli("undo")
    assert cli("undo")[1] == "Nothing to undo.\n"


def test_streaks_table(cli):
    cli("done", "talk")
    code, out, _ = cli("streaks")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 8
    assert lines[1].split()[:2] == ["talk", "Talk"] and "1 day" in lines[1] and "5%" in lines[1]


@pytest.mark.parametrize("args", [
    ("done", "bogus"), ("skip", "bogus"), ("done", "Tal"),
])
def test_an_unknown_strategy_lists_the_keys(cli, args):
    code, out, err = cli(*args)
    assert code == 2 and out == ""
    assert "choose one of: talk, freedom, interest, date, affection, celebrate, together" in err
    assert not cli.path.exists()


@pytest.mark.parametrize("date", ["tomorrow", "2026-11-30", "2026-02-30", "+1", "29/11/2026", "-x", ""])
def test_a_bad_or_future_date_writes_nothing(cli, date):
    cli("done", "talk", "--date", "-1")
    before = cli.path.read_bytes()
    code, out, err = cli("done", "talk", f"--date={date}")
    assert code == 2 and out == ""
    assert "YYYY-MM-DD, today, yesterday, or -N" in err
    assert cli.path.read_bytes() == before


def test_a_broken_file_is_reported_and_kept(cli):
    cli.path.write_bytes(b'{"not": "ours"')
    for args in (("today",), ("done", "talk"), ("streaks", "--json"), ("undo",)):
        code, out, err = cli(*args)
        assert code == 1 and out == ""
        assert err.count("\n") == 1 and str(cli.path) in err and "no backup yet" in err
    assert cli.path.read_bytes() == b'{"not": "ours"'


def test_hostile_text_is_printed_literally(cli):
    note = "[@click=app.quit]Q[/] \x1b[31mred"
    cli("done", "talk", "--action", "Read [The Book] x[/b] C:\\path\\", "--note", note)
    code, out, _ = cli("done", "talk", "--action", "[$accent]")
    assert "[$accent]" in out
    saved = {doc["note"] for doc in json.loads(cli.path.read_text())["checkins"].values()}
    assert note in saved  # stored exactly as typed


def test_control_characters_never_reach_the_terminal(cli):
    code, out, _ = cli("done", "talk", "--action", "\x1b]0;pwned\x07 hug")
    assert "\x1b" not in out and "\\x1b]0;pwned\\x07 hug" in out


def test_version_and_help(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0 and capsys.readouterr().out.startswith("bondtui ")
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    out = capsys.readouterr().out
    assert exited.value.code == 0
    for word in ("today", "done", "skip", "undo", "streaks", "--db", "DATE"):
        assert word in out


def test_db_option_beats_the_environment(cli, tmp_path):
    other = tmp_path / "other.json"
    assert cli("--db", str(other), "done", "talk")[0] == 0
    assert other.exists() and not cli.path.exists()


def run_bondtui(tmp_path, *args, env_extra=None):
    env = {**os.environ, "BONDTUI_DB": str(tmp_path / "bond.json"), "BONDTUI_NOW": NOW, **(env_extra or {})}
    code = ("import sys; from tui.main import main; rc = main(sys.argv[1:]); "
            "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')); "
            "print('LOADED', loaded, file=sys.stderr); sys.exit(rc)")
    return subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("args", [("today",), ("done", "talk"), ("skip", "date"), ("undo",), ("streaks",), ("streaks", "--json")])
def test_text_commands_never_import_textual(tmp_path, args):
    result = run_bondtui(tmp_path, *args)
    assert result.returncode == 0, result.stderr
    assert "LOADED []" in result.stderr


def test_the_command_line_writes_while_a_board_is_open(tmp_path):
    from store import Store

    with Store.open(tmp_path / "bond.json") as board:
        board.check_in("talk")
        result = run_bondtui(tmp_path, "done", "affection")
        assert result.returncode == 0, result.stderr
        assert board.follow() and {c.strategy for c in board.check_ins()} == {"talk", "affection"}


def test_a_writer_waits_for_a_save_in_progress(tmp_path):
    from store.files.storage import WriteLock

    lock = WriteLock(tmp_path / "bond.json")
    lock.acquire()  # another writer in the middle of a long save, done in half a second
    threading.Timer(0.5, lock.release).start()
    result = run_bondtui(tmp_path, "done", "talk")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("✓ Talk")


@pytest.mark.slow
def test_a_writer_that_waited_in_vain_names_the_holder_and_writes_nothing(tmp_path):
    from store.files.storage import WriteLock

    assert run_bondtui(tmp_path, "done", "talk").returncode == 0
    before = (tmp_path / "bond.json").read_bytes()
    lock = WriteLock(tmp_path / "bond.json")
    lock.acquire()
    try:
        result = run_bondtui(tmp_path, "done", "affection")
    finally:
        lock.release()
    assert result.returncode == 1
    assert f"another bondtui (pid {os.getpid()}) has been saving" in result.stderr
    assert (tmp_path / "bond.json").read_bytes() == before


def test_the_installed_command_runs(tmp_path):
    bondtui = os.path.join(os.path.dirname(sys.executable), "bondtui")
    env = {**os.environ, "BONDTUI_DB": str(tmp_path / "bond.json"), "BONDTUI_NOW": NOW}
    result = subprocess.run([bondtui, "done", "affection", "--action", "Give him a hug"], env=env, capture_output=True, text=True)
    assert result.returncode == 0 and "Give him a hug" in result.stdout
    piped = subprocess.run(f"'{bondtui}' streaks --json | head -c 10", shell=True, env=env, capture_output=True, text=True)
    assert piped.stdout == "[\n  {\n    " and "Traceback" not in piped.stderr


# ---------------------------------------------------------------- hostile arguments: one line, never a traceback

def test_undecodable_bytes_in_text_are_a_usage_error(cli):
    # What the shell passes for `--note $'\xff\xfe'` in a UTF-8 locale.
    for args in (("done", "talk", "--note", "\udcff\udcfe"), ("done", "talk", "--action", "hug \udcff"),
                 ("done", "\udcff")):
        code, out, err = cli(*args)
        assert code == 2 and out == "" and "not UTF-8" in err and err.count("\n") == 1
    assert not cli.path.exists()


@pytest.mark.parametrize("db", ["/", ".", "..", "newdir/", "afile/x.json", "/proc/self/status", "/proc/self/nothing.json"])
@pytest.mark.parametrize("args", [("done", "talk"), ("today",), ("streaks", "--json")])
def test_a_db_path_that_cannot_be_a_data_file(cli, tmp_path, monkeypatch, db, args):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "afile").write_text("not a folder")
    before = sorted(p.name for p in tmp_path.iterdir())
    code, out, err = cli("--db", db, *args)
    if (args[0], db) in {("today", "/proc/self/nothing.json"), ("streaks", "/proc/self/nothing.json")}:
        assert code == 0  # a reader of a missing file sees the defaults, and creates nothing
    else:
        assert code in (1, 2) and out == "" and err.count("\n") == 1 and err.startswith("bondtui: "), err
    assert sorted(p.name for p in tmp_path.iterdir()) == before


@pytest.mark.parametrize("day", ["1899-12-31", "0001-01-01", "3000-01-01", "-99999"])
def test_days_outside_1900_to_2999_are_refused(cli, day):
    cli("done", "talk")
    before = cli.path.read_bytes()
    code, out, err = cli("done", "talk", "--date", day)
    assert code == 2 and out == "" and err.count("\n") == 1 and cli.path.read_bytes() == before


def test_the_first_and_last_day_of_the_range(cli, monkeypatch):
    assert cli("done", "talk", "--date", "1900-01-01")[0] == 0
    monkeypatch.setenv("BONDTUI_NOW", "2999-12-31T20:00:00+00:00")
    assert cli("done", "talk")[0] == 0 and cli("streaks")[0] == 0
    monkeypatch.setenv("BONDTUI_NOW", "3000-01-01T20:00:00+00:00")
    code, _, err = cli("today")
    assert code == 2 and "2999-12-31" in err


def test_sunday_weeks_on_the_first_day_neither_crash_nor_write(cli):
    from store import Store

    with Store.open(cli.path) as store:
        store.update_settings(week_start=6)
    before = cli.path.read_bytes()
    assert cli("done", "freedom", "--date", "0001-01-01")[0] == 2
    assert cli.path.read_bytes() == before
    assert cli("done", "freedom", "--date", "1900-01-01")[0] == 0  # a Monday: its Sunday week starts in 1899
    for args in (("streaks",), ("today",), ("history", "freedom", "--year", "1900"), ("undo",)):
        assert cli(*args)[0] == 0, args


@pytest.mark.parametrize("zone", ["UTC+24", "UTC-24"])
def test_a_time_zone_beyond_a_day_is_a_usage_error(tmp_path, zone):
    env = {**os.environ, "BONDTUI_DB": str(tmp_path / "bond.json"), "TZ": zone}
    env.pop("BONDTUI_NOW", None)
    for args in (("today",), ("done", "talk")):
        result = subprocess.run([sys.executable, "-m", "tui.main", *args], env=env, capture_output=True, text=True)
        assert result.returncode == 2 and result.stderr.count("\n") == 1 and zone in result.stderr, result.stderr
    assert not (tmp_path / "bond.json").exists()


def test_an_unknown_zone_name_is_reported_once(tmp_path):
    env = {**os.environ, "BONDTUI_DB": str(tmp_path / "bond.json"), "TZ": "Mars/Olympus_Mons"}
    env.pop("BONDTUI_NOW", None)
    result = subprocess.run([sys.executable, "-m", "tui.main", "done", "talk"], env=env, capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stderr == "bondtui: TZ='Mars/Olympus_Mons' is not a known time zone; times are in UTC\n"
    for zone in ("Europe/Paris", "EST5EDT", "UTC", ":Asia/Tokyo"):
        quiet = subprocess.run([sys.executable, "-m", "tui.main", "today"], env={**env, "TZ": zone},
                               capture_output=True, text=True)
        assert quiet.returncode == 0 and quiet.stderr == "", zone


# ---------------------------------------------------------------- escape sequences never reach the terminal

@pytest.mark.parametrize("args", [("done", "\x1b]0;pwned\x07"), ("history", "\x1b[2J"), ("skip", "talk", "--date", "\x1b[31m"),
                                  ("today", "\x1b[2J"), ("\x1b]0;pwned\x07",), ("done", "talk", "--bogus\x1b[2J")])
def test_arguments_are_echoed_escaped(cli, capsys, args):
    try:
        code, out, err = cli(*args)
    except SystemExit as exited:  # argparse's own refusals
        code, err = exited.code, capsys.readouterr().err
    assert code == 2 and err.strip()
    assert "\x1b" not in err and "\x07" not in err and "\\x1b" in err
    assert not cli.path.exists()


def test_json_keeps_the_data_exactly(cli):
    from store import Store

    title = "Talk \x1b]0;pwned\x07 [b]with[/b] him\nnow"
    with Store.open(cli.path) as store:
        store.update_strategy("talk", title=title)
    code, out, _ = cli("streaks", "--json")
    assert code == 0 and "\x1b" not in out  # JSON escapes control characters...
    assert json.loads(out)[0]["title"] == title  # ...and keeps them
    code, out, _ = cli("streaks")
    assert "\x1b" not in out and "Talk \\x1b]0;pwned\\x07 [b]" in out


# ---------------------------------------------------------------- global options anywhere; one version

@pytest.mark.parametrize("args", [("today", "--db", "{other}"), ("done", "talk", "--db", "{other}"),
                                  ("done", "--db", "{other}", "talk"), ("streaks", "--json", "--db", "{other}"),
                                  ("--db", "{ignored}", "done", "talk", "--db", "{other}")])
def test_db_may_come_anywhere(cli, tmp_path, args):
    other, ignored = tmp_path / "other.json", tmp_path / "ignored.json"
    code, _, err = cli(*(a.format(other=other, ignored=ignored) for a in args))
    assert code == 0, err
    assert not cli.path.exists() and not ignored.exists()
    if "done" in args:
        assert other.exists()


def test_version_anywhere_is_the_package_version(capsys):
    import store

    for args in (["--version"], ["today", "--version"], ["done", "talk", "--version"]):
        with pytest.raises(SystemExit) as exited:
            main(args)
        assert exited.value.code == 0 and capsys.readouterr().out == f"bondtui {store.__version__}\n"


def test_there_is_one_version_string():
    import re
    from importlib.metadata import version

    import store

    root = ROOT
    sources = [p for folder in ("store", "tui") for p in (root / folder).rglob("*.py")]
    found = [p for p in sources if re.search(r"""['"]\d+\.\d+\.\d+['"]""", p.read_text())]
    assert found == [root / "store" / "__init__.py"]
    assert version("bondtui") == store.__version__


def test_a_command_leaves_the_cycle_collector_as_it_found_it(cli):
    import gc

    assert gc.isenabled()
    frozen = []  # counted by call, not by gc.get_freeze_count(): frozen objects that die lower that count
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(gc, "freeze", lambda: frozen.append(True))
        cli("today")  # an everyday line: run without the collector
        cli("history", "talk")  # any other line
    assert gc.isenabled()
    assert frozen == []  # only the process's own line, about to exit, freezes what it made
    gc.disable()
    try:
        cli("today")
        assert not gc.isenabled()
    finally:
        gc.enable()
