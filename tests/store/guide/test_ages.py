"""His age: the month he was born, his age in whole years, and the catalog's actions fitted to it."""

from __future__ import annotations

import json
import re
import tomllib
from datetime import date, timedelta

import orjson
import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given, strategies as st

from bench.guidance import at
from store import FixedClock, Settings, Store
from store.guide.ideas import fill
from store.model.catalog import CATALOG_PATH, default_strategies
from store.model.records import parse_action

NINE = "2017-06"  # nine years old through the autumn of 2026
SEVENTEEN = "2009-03"


@given(st.dates(date(1950, 1, 1), date(2030, 12, 31)), st.dates(date(1950, 1, 1), date(2030, 12, 31)))
def test_his_age_is_whole_years_with_the_month_he_was_born_counted_as_passed(born, day):
    settings = Settings(born=f"{born.year:04d}-{born.month:02d}")
    expected = max(0, relativedelta(day, date(born.year, born.month, 1)).years)  # his birthday: the 1st of the month
    assert settings.age_on(day) == expected


def test_an_unknown_age_is_none():
    assert Settings().age_on(date(2026, 12, 5)) is None


def test_the_catalog_gives_at_least_fifteen_actions_an_age_and_every_age_enough_to_do():
    records = default_strategies()
    aged = [(r["key"], a) for r in records for a in r["ages"]]
    assert len(aged) >= 15
    for record in records:
        assert set(record["ages"]) <= set(record["actions"])  # each range names an action of its strategy
        for age in range(4, 30):
            fitting = [a for a in record["actions"] if not (s := record["ages"].get(a)) or s[0] <= age <= s[1]]
            assert len(fitting) >= 5, (record["key"], age)


def _offered(store: Store, clock: FixedClock, born: str, days: int = 42) -> set[tuple[str, str]]:
    """Every action offered (the whole list, morning and evening) over `days` days in which she follows one a day."""
    store.update_settings(born=born)
    offered = set()
    start = clock.moment.date()
    for index in range(days):
        for hour in (9, 18, 21):
            clock.moment = at(start + timedelta(days=index), hour)
            shown = store.suggestions()
            offered |= {(s.strategy, s.action) for s in shown}
        if shown:
            store.check_in(shown[0].strategy, action=shown[0].action)
    return offered


@pytest.mark.parametrize("born", [NINE, SEVENTEEN])
def test_he_is_offered_only_what_suits_his_age(db_path, clock, born):
    with Store.open(db_path, clock) as store:
        offered = _offered(store, clock, born)
        age = store.settings.age_on(store.today())
        templates = {s.key: {fill(a, store.settings): a for a in s.actions} for s in store.strategies()}
        unsuitable = [(key, text) for key, text in offered
                      if (span := store.strategy(key).ages.get(templates[key][re.sub(r"^Plan (next )?Saturday: ", "", text)]))
                      and not span[0] <= age <= span[1]]
        assert unsuitable == []
        assert len(offered) >= 40
        texts = " ".join(text for _, text in offered)
    if born == NINE:
        assert "drive you somewhere" not in texts and "bedtime story" in texts
    else:
        assert "bedtime story" not in texts and "drive you somewhere" in texts


def test_without_his_age_every_action_qualifies_and_hers_always_do(db_path, clock):
    with Store.open(db_path, clock) as store:
        every = {text for s in store.strategies() for text in store.actions(s.key)}
        assert any("bedtime story" in t for t in every) and any("drive you somewhere" in t for t in every)
        store.add_strategy("walks", "Walks", "daily", actions=["Walk to the shop with him"])
        store.update_settings(born="2020-01")
        assert store.actions("walks") == ["Walk to the shop with him"]  # hers: any age
        assert not any("drive you somewhere" in t for t in store.actions("freedom"))


def test_an_old_database_receives_the_ranges_without_touching_her_edits(db_path, clock):
    from store.files.reading import new_data

    data = new_data(clock.moment.date())
    data["meta"]["meta"]["catalog"] = 2
    with CATALOG_PATH.open("rb") as file:
        shipped = {r["key"]: [parse_action(a)[0] for a in r["actions"] + r["added_in_2"]]
                   for r in tomllib.load(file)["strategy"]}
    for key, doc in data["strategies"].items():
        doc["actions"] = list(shipped[key])
        doc.pop("ages", None)
    affection = data["strategies"]["affection"]["actions"]
    affection[affection.index("Kiss him on the forehead when you say good night")] = "Kiss him good night"  # hers
    db_path.write_bytes(orjson.dumps(data))
    before = db_path.read_bytes()
    with Store.open(db_path, clock) as store:
        ages = store.strategy("affection").ages
        assert "Kiss him good night" not in ages and "Kiss him on the forehead when you say good night" not in ages
        assert ages["Send him a message during the day: thinking of you"] == (11, 99)  # untouched: it has its range
        assert ages["Read {name} a bedtime story, even the one he knows by heart"] == (3, 10)  # new in 3, with its range
        assert store.strategy("freedom").ages["Let him manage a small budget for something he wants"] == (9, 99)
    assert db_path.read_bytes() == before  # reading wrote nothing
    with Store.open(db_path, clock) as store:
        store.check_in("talk")
    written = orjson.loads(db_path.read_bytes())
    assert written["strategies"]["freedom"]["ages"]["Let him manage a small budget for something he wants"] == [9, 99]
    assert written["meta"]["meta"]["catalog"] == 3


def test_editing_a_strategy_keeps_the_ranges_of_the_actions_that_remain(db_path, clock):
    with Store.open(db_path, clock) as store:
        old = store.strategy("freedom")
        kept = [a for a in old.actions if a != "Let him manage a small budget for something he wants"]
        store.update_strategy("freedom", actions=[*kept, "Let him pick the route home"])
        new = store.strategy("freedom")
        assert new.ages == {a: span for a, span in old.ages.items() if a in kept}
        assert "Let him pick the route home" not in new.ages


def test_the_command_line_sets_his_birth_month_and_shows_age_and_ranges(cli):
    code, out, _ = cli("settings", "set", "born", "2017-06")
    assert code == 0 and "Saved born: 2017-06 (9 years old)." in out
    settings = json.loads(cli("settings", "--json")[1])
    assert settings["born"] == "2017-06" and settings["age"] == 9
    strategies = json.loads(cli("strategy", "list", "--json")[1])
    freedom = next(s for s in strategies if s["key"] == "freedom")
    assert freedom["ages"]["Let {name} drive you somewhere, and keep your advice to yourself"] == [17, 99]
    assert all(action in s["actions"] for s in strategies for action in s["ages"])
    assert cli("settings", "set", "born", "")[0] == 0
    assert json.loads(cli("settings", "--json")[1])["age"] is None


@pytest.mark.parametrize("bad", ["2017-13", "17-06", "2017", "June 2017", "2027-01", "1850-01"])
def test_a_birth_month_that_cannot_be_is_refused_and_nothing_is_written(cli, bad):
    assert cli("settings", "set", "name", "Sam")[0] == 0
    before = cli.path.read_bytes()
    code, out, err = cli("settings", "set", "born", bad)
    assert code == 2 and out == "" and "born" in err or "to come" in err, err
    assert cli.path.read_bytes() == before


def test_the_ranges_travel_through_export_and_import(cli, tmp_path):
    cli("strategy", "edit", "freedom", "--add-action", "Let him pick the route home")
    assert cli("export", "-o", str(tmp_path / "out.json"))[0] == 0
    exported = json.loads((tmp_path / "out.json").read_text())
    freedom = next(s for s in exported["strategies"] if s["key"] == "freedom")
    assert freedom["ages"]["Let him manage a small budget for something he wants"] == [9, 99]
    cli.monkeypatch.setenv("BONDTUI_DB", str(tmp_path / "other.json"))
    cli("strategy", "delete", "freedom", "--confirm", "freedom")
    assert cli("import", str(tmp_path / "out.json"))[0] == 0
    strategies = json.loads(cli("strategy", "list", "--json")[1])
    assert next(s for s in strategies if s["key"] == "freedom")["ages"] == freedom["ages"]
