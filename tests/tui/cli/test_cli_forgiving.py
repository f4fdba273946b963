"""The command line forgives what she means and says what it did: doubles, case, week starts, one type per
field, and words that are true."""

from __future__ import annotations

import json

import pytest


def _files(path) -> dict:
    return {p.name: p.read_bytes() for p in path.parent.rglob("*") if p.is_file() and p.suffix != ".lock"}


def test_a_plain_done_twice_is_one_check_in_and_writes_nothing_the_second_time(cli):
    assert cli("done", "talk")[0] == 0
    before = _files(cli.path)
    code, out, err = cli("done", "talk")
    assert (code, err) == (0, "") and out.startswith("Already checked in: Talk with him like a grown-up, Sun 29 Nov 2026")
    assert _files(cli.path) == before
    assert cli("done", "talk", "--note", "")[1].startswith("Already checked in")  # an empty note is no note
    assert cli("undo")[1].startswith("Undid the check-in of Talk")  # one step: the first check-in
    assert "Nothing to undo" in cli("undo")[1]
    assert cli("done", "talk")[0] == 0
    assert cli("done", "talk", "--note", "he laughed")[1].startswith("✓")  # with words of its own: a second one
    assert cli("done", "talk", "--action", "Asked about school")[1].startswith("✓")
    assert len([line for line in cli("streaks", "--json")[1].splitlines() if '"done_today": true' in line]) == 1


@pytest.mark.parametrize("key", ["Talk", "TALK", " talk "])
def test_keys_are_read_whatever_their_case(cli, key):
    assert cli("done", key)[0] == 0
    assert cli("skip", key.upper() if key.strip() == "talk" else key, "--date", "yesterday")[0] == 0
    assert cli("history", key)[0] == 0
    assert cli("strategy", "edit", key, "--title", "Talk, really")[0] == 0


@pytest.mark.parametrize(("given", "shown"), [("sun", "sunday"), ("Sun", "sunday"), ("SUNDAY", "sunday"),
                                              ("Mon", "monday"), ("monday", "monday")])
def test_the_week_start_takes_short_and_full_names_in_any_case(cli, given, shown):
    cli("settings", "set", "week-start", "sunday" if shown == "monday" else "monday")
    code, out, _ = cli("settings", "set", "week-start", given)
    assert code == 0 and out == f"Saved week-start: {shown}.\n"


def test_a_week_start_that_is_no_day_is_refused_with_the_choices(cli):
    code, out, err = cli("settings", "set", "week-start", "tues")
    assert code == 2 and "monday, sunday" in err and not cli.path.exists()


def test_next_below_zero_is_a_usage_error(cli):
    code, out, err = cli("today", "--next", "-1")
    assert code == 2 and out == "" and "--next" in err
    assert cli("today", "--next", "1")[0] == 0


def test_period_done_is_a_count_in_every_json_shape(cli):
    cli("done", "talk")
    cli("done", "date")
    rows = json.loads(cli("streaks", "--json")[1])
    today = json.loads(cli("today", "--json")[1])["strategies"]
    for row in [*rows, *today]:
        assert type(row["period_done"]) is int and type(row["period_target"]) is int, row
    for row in rows:
        assert all(type(row[field]) is bool for field in ("done_today", "at_risk", "archived")), row
        assert type(row["strength"]) is float and type(row["current"]) is int and type(row["best"]) is int
    assert {row["key"]: row["period_done"] for row in rows}["talk"] == 1


def test_a_name_too_long_is_refused_in_plain_words(cli):
    code, _, err = cli("settings", "set", "name", "S" * 84)
    assert code == 2 and "his name is 84 characters long" in err and "the his" not in err
    from store import Store

    with Store.open(cli.path) as store, pytest.raises(Exception, match="^the theme is 84 characters long"):
        store.update_settings(theme="t" * 84)


def test_a_read_only_folder_is_named_as_such(cli, monkeypatch):
    import errno
    import os

    real_open = os.open

    def read_only(path, *args, **kwargs):
        if str(path).endswith(".lock"):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", read_only)
    code, out, err = cli("done", "talk")
    assert code == 1 and "read-only" in err and "remove" not in err and not cli.path.exists()
