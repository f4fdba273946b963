"""How it went with him: said on a check-in (`--went great|ok|flat`), kept through export, import and merge,
and learned from: an action that fell flat rests 60 days, one that went great comes back within four weeks."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from bench.guidance import at
from store import FixedClock, Store
from tests.conftest import NOW


def _talk_first(store: Store) -> str:
    return next(s.action for s in store.suggestions() if s.strategy == "talk")


@pytest.mark.parametrize("how", ["flat", "great", "ok"])
def test_what_fell_flat_rests_sixty_days_and_what_went_great_comes_back_within_four_weeks(tmp_path, how):
    clock = FixedClock(at(NOW.date() - timedelta(days=120), 18))
    with Store.open(tmp_path / "bond.json", clock) as store:
        action = _talk_first(store)
        store.check_in("talk", action=action, went=how)
        offered = []  # the days (after the first) on which talk's first idea was that action again
        for day in range(1, 75):
            clock.moment = at(NOW.date() - timedelta(days=120 - day), 18)
            if _talk_first(store) == action:
                offered.append(day)
            shown = store.suggestions()[0]
            store.check_in(shown.strategy, action=shown.action)  # she follows the first suggestion
    if how == "flat":
        assert offered and min(offered) >= 60, offered
    elif how == "great":  # back as soon as its week of rest is over, and well within four weeks
        assert offered and min(offered) == 7, offered
    else:  # ok: its turn in the rotation, after the other actions of Talk
        assert offered and min(offered) > 28, offered


def test_what_fell_flat_rests_even_where_its_turn_would_come_soon(tmp_path):
    clock = FixedClock(at(NOW.date() - timedelta(days=120), 18))
    with Store.open(tmp_path / "bond.json", clock) as store:
        store.add_strategy("walks", "Walks", "daily", actions=["Walk the dog with him", "Walk to the shop together"])
        store.check_in("walks", action="Walk the dog with him", went="flat")
        firsts = []  # walks' first idea on each later day
        for day in range(1, 70):
            clock.moment = at(NOW.date() - timedelta(days=120 - day), 18)
            firsts.append(next(s.action for s in store.suggestions() if s.strategy == "walks"))
            shown = store.suggestions()[0]
            store.check_in(shown.strategy, action=shown.action)
    assert "Walk the dog with him" not in firsts[:58]  # two actions: its turn would come within days
    assert "Walk the dog with him" in firsts[59:]


def test_the_command_line_says_it_and_every_copy_keeps_it(cli, tmp_path):
    assert cli("done", "talk", "--went", "Great")[1].endswith("It went great.\n")
    code, out, _ = cli("done", "talk", "--went", "flat")  # only how it went: said of the day's check-in
    assert code == 0 and "it went flat" in out
    before = cli.path.read_bytes()
    code, _, err = cli("done", "talk", "--went", "meh")
    assert code == 2 and "great, ok, flat" in err and cli.path.read_bytes() == before
    assert cli("did", "--went", "ok")[0] == 0
    exported = json.loads(cli("export")[1])
    assert sorted(c.get("went", "") for c in exported["checkins"]) == ["flat", "ok"]
    csv = cli("export", "--format", "csv")[1].splitlines()
    assert csv[0] == "date,key,strategy,action,note,went" and {row.rsplit(",", 1)[1] for row in csv[1:]} == {"flat", "ok"}
    copy = tmp_path / "copy.json"
    copy.write_text(cli("export")[1])
    other = tmp_path / "other" / "bond.json"
    other.parent.mkdir()
    for command in (["import", str(copy)], ["merge", str(cli.path)]):
        assert cli("--db", str(other), *command)[0] == 0
    with Store.open(other, read_only=True) as store:
        assert sorted(c.went for c in store.check_ins()) == ["flat", "ok"]


def test_the_journal_marks_what_went_great(cli):
    cli("done", "talk", "--note", "he told me about the match", "--went", "great")
    cli("done", "freedom", "--note", "he planned the afternoon", "--went", "ok")
    out = cli("history", "talk")[1] + cli("history", "freedom")[1]
    assert "★ he told me about the match" in out and "★ he planned" not in out and "he planned the afternoon" in out
