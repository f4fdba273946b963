"""`bondtui settings`, `strategy …`, `away …` and `streaks --all`: each command and each way to get it wrong."""

from __future__ import annotations

import json

import pytest

from tests.tui.cli.test_cli import streaks_json


def strategies(cli, *flags: str) -> list[dict]:
    code, out, _ = cli("strategy", "list", "--json", *flags)
    assert code == 0
    return json.loads(out)


def keys(cli, *flags: str) -> list[str]:
    return [row["key"] for row in strategies(cli, *flags)]


def refused(cli, *args: str, words: str = "") -> str:
    """Run a command that must fail with exit 2, one line of reason, and not a byte written."""
    if not cli.path.exists():
        assert cli("done", "talk", "--note", "so the file exists")[0] == 0
    before = cli.path.read_bytes()
    code, out, err = cli(*args)
    assert code == 2, (args, out, err)
    assert cli.path.read_bytes() == before
    assert words.lower() in err.lower(), err
    assert "Traceback" not in err
    return err


def run_argparse(cli, *args: str) -> tuple[int, str]:
    """Argparse refuses by raising SystemExit(2); the data is untouched all the same."""
    with pytest.raises(SystemExit) as caught:
        cli(*args)
    return caught.value.code, ""


# ---------------------------------------------------------------- settings

def test_settings_prints_every_setting_without_writing(cli):
    code, out, err = cli("settings")
    assert code == 0 and err == ""
    assert out.splitlines()[:6] == [
        "name        (not set)", "interests   (none yet)",
        "born        (not set: every idea suits him)", "day-start   0 (midnight)",
        "week-start  monday", "theme       (the default)"]
    assert not cli.path.exists()


def test_settings_set_each_name_and_undo(cli):
    assert cli("settings", "set", "name", "Sam [b]\x1b[31m")[1] == "Saved name: Sam [b]\\x1b[31m.\n"
    assert cli("settings", "set", "interests", "football, Minecraft,,drawing ")[0] == 0
    assert cli("settings", "set", "day-start", "3")[0] == 0
    assert cli("settings", "set", "week-start", "Sunday")[0] == 0
    assert cli("settings", "set", "theme", "night")[0] == 0
    out = cli("settings")[1]
    assert "interests   football, Minecraft, drawing" in out
    assert "day-start   3 (a day runs from 03:00" in out and "week-start  sunday" in out and "theme       night" in out
    assert cli("settings", "set", "theme", "night")[1] == "theme was already night.\n"
    assert cli("undo")[1] == "Undid the change of theme, made on the command line at 20:00.\n"
    assert "theme       (the default)" in cli("settings")[1]
    assert cli("settings", "set", "name", "")[0] == 0
    assert "name        (not set)" in cli("settings")[1]


def test_week_start_setting_moves_the_week(cli):
    cli("done", "date", "--date", "2026-11-23")  # Monday: this week when weeks start on Monday
    assert streaks_json(cli)["date"]["period_done"] == 1
    cli("settings", "set", "week-start", "sunday")  # now the week is Sun 29 Nov – Sat 5 Dec
    assert streaks_json(cli)["date"]["period_done"] == 0


@pytest.mark.parametrize(("args", "words"), [
    (("day-start", "7"), "0 to 6"),
    (("day-start", "three"), "0 to 6"),
    (("week-start", "friday"), "monday, sunday"),
    (("theme", "neon"), "hearth"),
    (("name", "x" * 61), "at most 60"),
    (("interests", ",".join(f"i{n}" for n in range(21))), "20 at most"),
])
def test_settings_set_refuses_bad_values(cli, args, words):
    refused(cli, "settings", "set", *args, words=words)


def test_settings_set_refuses_an_unknown_name(cli, capsys):
    cli("done", "talk")
    before = cli.path.read_bytes()
    assert run_argparse(cli, "settings", "set", "colour", "red")[0] == 2
    assert "choose from 'name', 'interests', 'born', 'day-start', 'week-start', 'theme'" in capsys.readouterr().err
    assert cli.path.read_bytes() == before


# ---------------------------------------------------------------- strategy list and add

def test_strategy_list_text_and_json(cli):
    code, out, _ = cli("strategy", "list")
    assert code == 0 and out.splitlines()[0].split()[:3] == ["1", "talk", "Talk"]
    [talk] = [row for row in strategies(cli) if row["key"] == "talk"]
    assert set(talk) == {"key", "title", "summary", "cadence", "actions", "sizes", "ages", "position",
                         "archived"}
    assert talk["position"] == 1 and talk["archived"] is False and talk["cadence"] == "daily"
    assert len(talk["actions"]) >= 5 and talk["summary"]
    assert not cli.path.exists()


def test_strategy_add_with_sizes(cli):
    code, out, err = cli("strategy", "add", "read", "--title", "Read [together]", "--cadence", "weekly on fri",
                         "--summary", "A book for two", "--action", "evening: Read a chapter", "--action", "Pick a book")
    assert code == 0 and err == ""
    assert out == "Added read (Read [together]), on Fridays, with 2 actions; it is at place 8 on the board.\n"
    [read] = [row for row in strategies(cli) if row["key"] == "read"]
    assert read == {"key": "read", "title": "Read [together]", "summary": "A book for two", "cadence": "weekly on fri",
                    "actions": ["Read a chapter", "Pick a book"], "sizes": {"Read a chapter": "evening"}, "ages": {},
                    "position": 8, "archived": False}
    assert "read" in streaks_json(cli)


@pytest.mark.parametrize(("args", "words"), [
    (("talk", "--title", "Talk", "--cadence", "daily"), "already a strategy 'talk'"),
    (("new", "--title", "  ", "--cadence", "daily"), "needs a title"),
    (("new", "--title", "New", "--cadence", "hourly"), "not a cadence: use daily"),
    (("new", "--title", "New", "--cadence", "9 per week"), "1 to 7"),
    (("New Key", "--title", "New", "--cadence", "daily"), "cannot be a key"),
    (("x\x1b[2J", "--title", "New", "--cadence", "daily"), "'x\\x1b[2j' cannot be a key"),
    (("new", "--title", "New", "--cadence", "weekly on \x1b[2J"), "\\x1b[2j"),
])
def test_strategy_add_refuses(cli, args, words):
    err = refused(cli, "strategy", "add", *args, words=words)
    assert "\x1b" not in err and err.count("\n") == 1


# ---------------------------------------------------------------- strategy edit

def test_strategy_edit_keeps_every_check_in_and_rereads_history(cli):
    for day in ("2026-11-15", "2026-11-22", "2026-11-29"):  # three Sundays
        cli("done", "talk", "--date", day, "--action", "Asked his opinion", "--note", "robots")
    code, out, _ = cli("strategy", "edit", "talk", "--title", "Sunday talk", "--cadence", "weekly on sun",
                       "--add-action", "outing: Walk and talk", "--remove-action", "Ask him what the best part of his day was")
    assert code == 0
    assert "every check-in is kept" in out and "current streak 3 occurrences" in out
    [talk] = [row for row in strategies(cli) if row["key"] == "talk"]
    assert talk["title"] == "Sunday talk" and talk["cadence"] == "weekly on sun"
    assert talk["actions"][-1] == "Walk and talk" and talk["sizes"]["Walk and talk"] == "outing"
    assert "Ask him what the best part of his day was" not in talk["actions"]
    assert streaks_json(cli)["talk"]["current"] == 3
    assert cli("history", "talk")[1].count("Asked his opinion — robots") == 3  # a removed action stays in history
    assert cli("undo")[0] == 0
    assert streaks_json(cli)["talk"]["current"] == 1 and strategies(cli)[0]["title"] != "Sunday talk"


def test_strategy_edit_of_the_size_alone(cli):
    cli("strategy", "add", "out", "--title", "Outings", "--cadence", "1 per week", "--action", "Bowling")
    assert cli("strategy", "edit", "out", "--add-action", "outing: Bowling")[0] == 0
    [out] = [row for row in strategies(cli) if row["key"] == "out"]
    assert out["actions"] == ["Bowling"] and out["sizes"] == {"Bowling": "outing"}


def test_strategy_edit_that_changes_nothing(cli):
    code, out, _ = cli("strategy", "edit", "talk", "--title", "Talk with him like a grown-up")
    assert code == 0 and "nothing changed" in out and not cli.path.exists()


@pytest.mark.parametrize(("args", "words"), [
    (("talk",), "nothing to change"),
    (("talk", "--title", ""), "needs a title"),
    (("talk", "--cadence", "fortnightly"), "not a cadence"),
    (("talk", "--remove-action", "Juggle"), "not an action of talk; its actions: 'Ask"),
    (("nope", "--title", "X"), "unknown strategy 'nope'; choose one of: talk"),
])
def test_strategy_edit_refuses(cli, args, words):
    refused(cli, "strategy", "edit", *args, words=words)


# ---------------------------------------------------------------- move, archive, restore, delete

def test_strategy_move(cli):
    assert cli("strategy", "move", "together", "1")[1] == "Moved together (Do things together) to place 1 of 7.\n"
    assert keys(cli)[:2] == ["together", "talk"]
    cli("strategy", "move", "together", "down")
    assert keys(cli)[:2] == ["talk", "together"]
    code, out, _ = cli("strategy", "move", "talk", "up")
    assert code == 0 and "already at place 1 of 7; nothing moved" in out
    cli("strategy", "move", "talk", "7")
    assert keys(cli)[-1] == "talk" and strategies(cli)[-1]["position"] == 7
    cli("undo")
    assert keys(cli)[0] == "talk"


@pytest.mark.parametrize(("to", "words"), [("0", "1 to 7"), ("8", "1 to 7"), ("top", "up, down"), ("-1", "1 to 7")])
def test_strategy_move_refuses(cli, to, words):
    refused(cli, "strategy", "move", "talk", to, words=words)


def test_archive_hides_from_board_today_and_streaks_until_restored(cli):
    cli("done", "talk", "--date", "yesterday")
    cli("done", "talk")
    code, out, _ = cli("strategy", "archive", "talk")
    assert code == 0 and "its 2 check-ins stay" in out and "bondtui strategy restore talk" in out
    assert "talk" not in keys(cli) and "talk" not in streaks_json(cli)
    assert "Talk with him" not in cli("today")[1] and "of 6 strategies touched today" in cli("today")[1]
    assert "1 archived strategy not shown" in cli("strategy", "list")[1]
    [talk] = [row for row in strategies(cli, "--all") if row["key"] == "talk"]
    assert talk["archived"] is True and talk["position"] is None
    code, out, _ = cli("streaks", "--all", "--json")
    rows = {row["key"]: row for row in json.loads(out)}
    assert rows["talk"]["archived"] is True and rows["talk"]["current"] == 2 and rows["date"]["archived"] is False
    assert "archived" in [line for line in cli("streaks", "--all")[1].splitlines() if line.startswith("talk")][0]
    assert "already archived" in cli("strategy", "archive", "talk")[1]
    code, out, _ = cli("strategy", "restore", "talk")
    assert code == 0 and out.endswith("to place 1 on the board, with its 2 check-ins.\n")
    assert streaks_json(cli)["talk"]["current"] == 2
    assert "already on the board" in cli("strategy", "restore", "talk")[1]


def test_an_archived_strategy_refuses_check_ins_and_moves(cli):
    cli("strategy", "archive", "talk")
    refused(cli, "done", "talk", words="archived")
    refused(cli, "skip", "talk", words="archived")
    refused(cli, "strategy", "move", "talk", "1", words="strategy restore talk")


def test_delete_needs_the_key_again_and_undo_brings_everything_back(cli):
    for day in ("-2", "yesterday", "today"):
        cli("done", "talk", "--date", day, "--note", "kept")
    cli("skip", "talk", "--date", "-5")
    before = streaks_json(cli)["talk"]
    refused(cli, "strategy", "delete", "talk", "--confirm", "tal", words="--confirm talk")
    code, out, _ = cli("strategy", "delete", "talk", "--confirm", "talk")
    assert code == 0 and "with its 3 check-ins" in out and "bondtui undo" in out
    assert "talk" not in keys(cli, "--all")
    refused(cli, "done", "talk", words="unknown strategy")
    assert cli("undo")[1] == "Undid the deletion of Talk with him like a grown-up, made on the command line at 20:00.\n"
    assert streaks_json(cli)["talk"] == before and keys(cli)[0] == "talk"
    assert cli("history", "talk")[1].count("kept") == 3


def test_delete_without_confirm_is_an_argparse_error(cli, capsys):
    cli("done", "talk")
    before = cli.path.read_bytes()
    assert run_argparse(cli, "strategy", "delete", "talk")[0] == 2
    assert "--confirm" in capsys.readouterr().err and cli.path.read_bytes() == before


@pytest.mark.parametrize("action", ["archive", "restore"])
def test_archive_and_restore_of_an_unknown_key(cli, action):
    cli("strategy", "archive", "date")
    refused(cli, "strategy", action, "nope", words="choose one of: talk, freedom, interest, affection, celebrate, "
                                                  "together (archived: date)")


# ---------------------------------------------------------------- away

def test_away_add_list_remove(cli):
    assert cli("away", "list")[1].startswith("No away periods yet")
    code, out, _ = cli("away", "add", "2026-11-10", "2026-11-14", "--reason", "camp [b]")
    assert code == 0 and out.startswith("Away Tue 10 Nov 2026 – Sat 14 Nov 2026 (5 days), camp [b], id ")
    code, out, _ = cli("away", "add", "-3", "2026-12-24", "--reason", "grandma's")  # ends ahead: planned
    assert code == 0 and "(29 days)" in out
    lines = cli("away", "list")[1].splitlines()
    assert [line.split(")  ")[1].split() for line in lines] == [["past", "camp", "[b]"], ["now", "grandma's"]]
    assert streaks_json(cli)["talk"]["period_target"] == 0  # today is away: nothing asked
    away_id = lines[1].split()[0]
    code, out, _ = cli("away", "remove", away_id)
    assert code == 0 and "Thu 26 Nov 2026 – Thu 24 Dec 2026" in out
    assert len(cli("away", "list")[1].splitlines()) == 1
    cli("undo")
    assert len(cli("away", "list")[1].splitlines()) == 2


def test_overlapping_away_periods_merge(cli):
    cli("away", "add", "2026-11-10", "2026-11-14", "--reason", "camp")
    code, out, _ = cli("away", "add", "2026-11-12", "2026-11-20", "--reason", "school trip")
    assert code == 0 and "Tue 10 Nov 2026 – Fri 20 Nov 2026 (11 days), camp; school trip" in out
    assert "overlapped 1 earlier period" in out
    assert len(cli("away", "list")[1].splitlines()) == 1
    cli("undo")
    assert len(cli("away", "list")[1].splitlines()) == 1  # back to the first period alone
    assert "camp" in cli("away", "list")[1] and "school" not in cli("away", "list")[1]


@pytest.mark.parametrize(("args", "words"), [
    (("add", "2026-12-10", "2026-12-01"), "before it starts"),
    (("add", "1899-12-31", "today"), "1900-01-01 to 2999-12-31"),
    (("add", "2999-12-01", "3000-01-01"), "1900-01-01 to 2999-12-31"),
    (("add", "soon", "today"), "not a date"),
    (("remove", "nope"), "no away period with id 'nope'"),
])
def test_away_refuses(cli, args, words):
    refused(cli, "away", *args, words=words)


def test_the_edges_of_time_are_accepted(cli):
    assert cli("away", "add", "1900-01-01", "1900-01-02")[0] == 0
    assert cli("away", "add", "2999-12-30", "2999-12-31")[0] == 0


def test_readers_write_nothing(cli):
    for args in (("settings",), ("strategy", "list", "--all"), ("away", "list"), ("streaks", "--all")):
        assert cli(*args)[0] == 0
    assert not cli.path.exists()
