"""The `bondtui` command line, through its entry point and as a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tui.cli import main

NOW = "2026-11-29T20:00:00+00:00"


@pytest.fixture
def cli(tmp_path, monkeypatch, capsys):
    """Run `bondtui ARGS` in process; returns (exit code, stdout, stderr)."""
    monkeypatch.setenv("BONDTUI_DB", str(tmp_path / "bond.json"))
    monkeypatch.setenv("BONDTUI_NOW", NOW)

    def run(*args: str):
        code = main(list(args))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    run.path = tmp_path / "bond.json"
    return run


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
    assert code == 0 and out == "Undid the skip of Talk with him like a grown-up on Sat 28 Nov 2026.\n"
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
    ("done", "bogus"), ("skip", "bogus"), ("done", "Talk"),
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
    code = ("import sys; from tui.cli import main; rc = main(sys.argv[1:]); "
            "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')); "
            "print('LOADED', loaded, file=sys.stderr); sys.exit(rc)")
    return subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("args", [("today",), ("done", "talk"), ("skip", "date"), ("undo",), ("streaks",), ("streaks", "--json")])
def test_text_commands_never_import_textual(tmp_path, args):
    result = run_bondtui(tmp_path, *args)
    assert result.returncode == 0, result.stderr
    assert "LOADED []" in result.stderr


def test_a_second_writer_is_told_who_holds_the_file(tmp_path):
    from store import Store

    with Store.open(tmp_path / "bond.json"):
        result = run_bondtui(tmp_path, "done", "talk")
        assert result.returncode == 1
        assert f"bondtui is already open (pid {os.getpid()})" in result.stderr
        assert run_bondtui(tmp_path, "streaks").returncode == 0  # readers may still read


def test_the_installed_command_runs(tmp_path):
    bondtui = os.path.join(os.path.dirname(sys.executable), "bondtui")
    env = {**os.environ, "BONDTUI_DB": str(tmp_path / "bond.json"), "BONDTUI_NOW": NOW}
    result = subprocess.run([bondtui, "done", "affection", "--action", "Give him a hug"], env=env, capture_output=True, text=True)
    assert result.returncode == 0 and "Give him a hug" in result.stdout
    piped = subprocess.run(f"'{bondtui}' streaks --json | head -c 10", shell=True, env=env, capture_output=True, text=True)
    assert piped.stdout == "[\n  {\n    " and "Traceback" not in piped.stderr
