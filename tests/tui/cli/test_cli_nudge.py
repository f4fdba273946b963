"""`bondtui nudge`: at most once a day, only when nothing is done, he is not away, and it is past her time."""

from __future__ import annotations

import os
import stat

import pytest

from tui.cli.nudge import mark_path


def at(cli, moment: str) -> None:
    cli.monkeypatch.setenv("BONDTUI_NOW", moment)


def test_once_a_day_from_her_time_and_before_any_data(cli):
    at(cli, "2026-12-05T18:59:00+00:00")
    assert cli("nudge") == (0, "", "")  # before 19:00: nothing
    assert not cli.path.exists() and not mark_path(cli.path).exists()
    at(cli, "2026-12-05T19:01:00+00:00")
    code, out, _ = cli("nudge")
    assert code == 0 and out.startswith("Tonight: ") and out.count("\n") == 1  # one line, no data needed
    assert not cli.path.exists()  # the mark is not her data
    assert cli("nudge") == (0, "", "")  # the second call that day: nothing
    at(cli, "2026-12-06T19:30:00+00:00")
    assert cli("nudge")[1].startswith("Tonight: ")  # the next day, once again


def test_nothing_when_done_or_away(cli):
    at(cli, "2026-12-05T20:00:00+00:00")
    assert cli("done", "talk")[0] == 0
    before = cli.path.read_bytes()
    assert cli("nudge") == (0, "", "")
    assert cli.path.read_bytes() == before
    assert cli("away", "add", "2026-12-06", "2026-12-08")[0] == 0
    at(cli, "2026-12-07T20:00:00+00:00")
    assert cli("nudge") == (0, "", "")
    at(cli, "2026-12-09T20:00:00+00:00")
    assert cli("nudge")[1].startswith("Tonight: ")


def test_her_time_the_at_option_and_off(cli):
    assert cli("settings", "set", "nudge", "20:30")[0] == 0
    at(cli, "2026-12-05T20:00:00+00:00")
    assert cli("nudge") == (0, "", "")
    assert cli("nudge", "--at", "07:00")[1].startswith("Tonight: ")
    at(cli, "2026-12-06T08:00:00+00:00")
    assert cli("nudge", "--at", "7:30")[1].startswith("Today: ")  # a morning nudge says today
    assert cli("settings", "set", "nudge", "off")[0] == 0
    at(cli, "2026-12-07T22:00:00+00:00")
    assert cli("nudge") == (0, "", "")
    code, _, err = cli("nudge", "--at", "25:00")
    assert code == 2 and "HH:MM" in err
    code, _, err = cli("settings", "set", "nudge", "late")
    assert code == 2 and "HH:MM" in err


def test_after_midnight_before_the_day_starts_is_still_the_evening(cli):
    assert cli("settings", "set", "day-start", "3")[0] == 0
    at(cli, "2026-12-06T01:00:00+00:00")  # still Saturday the 5th for her
    assert cli("nudge")[1].startswith("Tonight: ")


def test_the_mark_is_no_step_of_her_history(cli):
    at(cli, "2026-12-04T20:00:00+00:00")
    assert cli("done", "talk")[0] == 0
    at(cli, "2026-12-05T20:00:00+00:00")
    assert cli("nudge")[1]
    code, out, _ = cli("undo")
    assert code == 0 and "check-in of Talk" in out  # undo reaches her check-in, not the nudge


def test_notify_sends_it_where_it_can(cli, tmp_path):
    at(cli, "2026-12-05T20:00:00+00:00")
    folder = tmp_path / "bin"
    folder.mkdir()
    sender = folder / "notify-send"
    sender.write_text(f"#!/bin/sh\nprintf '%s\\n' \"$@\" > {tmp_path / 'sent'}\n")
    sender.chmod(sender.stat().st_mode | stat.S_IXUSR)
    cli.monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    assert cli("nudge", "--notify") == (0, "", "")
    assert "Tonight: " in (tmp_path / "sent").read_text()
    cli.monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))  # no notify-send: printed instead
    at(cli, "2026-12-06T20:00:00+00:00")
    assert cli("nudge", "--notify")[1].startswith("Tonight: ")


def test_install_prints_and_writes_nothing(cli, tmp_path):
    code, out, _ = cli("nudge", "--install")
    assert code == 0 and "crontab -e" in out and "*/15 17-23 * * *" in out and "nudge --notify" in out
    assert "OnCalendar=" in out and "[Timer]" in out
    assert not cli.path.exists() and not mark_path(cli.path).exists()


@pytest.mark.parametrize("child", ["Leo", "Sam"])
def test_with_several_children_something_done_for_any_is_enough(cli, child):
    assert cli("settings", "set", "name", "Sam")[0] == 0
    assert cli("child", "add", "Leo")[0] == 0
    at(cli, "2026-12-05T20:00:00+00:00")
    assert cli("done", "talk", "--child", child)[0] == 0
    assert cli("nudge") == (0, "", "")
