"""`bondtui merge`: two copies that went their own ways made one, by id, with tombstones.

The laws, checked on random histories: merging A into B gives the data B into A
gives; merging the same copy twice changes nothing; nothing either side holds is
lost unless the other side deleted it later; nothing deleted comes back.
"""

from __future__ import annotations

import json
import shutil
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from store import BondError, FixedClock, Store
from store.transfer.export import RECORD_TABLES, copy_of, export_json
from store.transfer.merge import merge
from tui.main import main

START = datetime(2026, 11, 29, 20, 0, tzinfo=UTC)
KEYS = ("talk", "date", "affection")
DAYS = [date(2026, 11, 29) - timedelta(days=n) for n in range(4)]


class Ticking(FixedClock):
    """Each reading a second later, so two copies' edits interleave in time as on two machines."""

    def now(self) -> datetime:
        self.moment += timedelta(seconds=1)
        return self.moment


def act(store: Store, action: tuple) -> None:
    name, key, day, text = action
    try:
        if name == "toggle":
            store.toggle_check_in(key, day)
        elif name == "check":
            store.check_in(key, day, note=text)
        elif name == "note" and store.check_ins(key):
            store.edit_note(store.check_ins(key)[-1].id, text)
        elif name == "skip":
            store.toggle_skip(key, day)
        elif name == "undo":
            store.undo()
        elif name == "redo":
            store.redo()
        elif name == "title":
            store.update_strategy(key, title=text or key)
        elif name == "name":
            store.update_settings(son_name=text)
        elif name == "away":
            store.add_away(day, day + timedelta(days=1), text)
        elif name == "unaway" and store.away_periods():
            store.remove_away(store.away_periods()[0].id)
    except BondError:
        pass


actions = st.lists(st.tuples(
    st.sampled_from(["toggle", "check", "note", "skip", "undo", "redo", "title", "name", "away", "unaway"]),
    st.sampled_from(KEYS), st.sampled_from(DAYS), st.sampled_from(["", "a", "[b]x[/]", "z"])), max_size=12)


def data_of(path) -> dict:
    with Store.open(path, FixedClock(START)) as store:
        return copy_of(store)


def merged(into, other, tmp_path, name, clock):
    target = tmp_path / name
    shutil.copy(into, target)
    with Store.open(target, clock) as store:
        merge(store, other)
    return target


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(common=actions, mine=actions, theirs=actions)
def test_merge_laws(tmp_path_factory, common, mine, theirs):
    tmp_path = tmp_path_factory.mktemp("merge")
    clock = Ticking(START)
    base = tmp_path / "base.json"
    with Store.open(base, clock) as store:
        store.check_in("talk", DAYS[1], note="shared")
        for action in common:
            act(store, action)
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    shutil.copy(base, a)
    shutil.copy(base, b)
    for path, history in ((a, mine), (b, theirs)):
        with Store.open(path, clock) as store:
            for action in history:
                act(store, action)
    a_data, b_data = data_of(a), data_of(b)

    ab, ba = merged(b, a, tmp_path, "ab.json", clock), merged(a, b, tmp_path, "ba.json", clock)
    result, other_way = data_of(ab), data_of(ba)
    assert {t: result[t] for t in RECORD_TABLES} == {t: other_way[t] for t in RECORD_TABLES}  # A into B is B into A
    for key, stamp in result["stamps"].items():  # each stamp is one side's (where both hold the same, either's)
        assert stamp in (a_data["stamps"].get(key), b_data["stamps"].get(key)) or not stamp["gone"], key

    saved = ab.read_bytes()
    with Store.open(ab, clock) as store:
        assert not merge(store, a).changed and not merge(store, b).changed  # twice changes nothing
    assert ab.read_bytes() == saved

    for table in ("checkins", "skips", "away", "strategies"):
        for side, other in ((a_data, b_data), (b_data, a_data)):
            for record_id in side[table]:  # nothing held is lost, unless the other side deleted it later
                stamp = other["stamps"].get(f"{table}/{record_id}")
                mine_stamp = side["stamps"].get(f"{table}/{record_id}", {"at": ""})
                deleted_later = stamp and stamp["gone"] and stamp["at"] >= mine_stamp["at"]
                assert record_id in result[table] or deleted_later
            for key, stamp in side["stamps"].items():  # nothing deleted comes back, unless revived later
                if stamp["gone"] and key.startswith(f"{table}/"):
                    record_id = key.split("/", 1)[1]
                    revived = other["stamps"].get(key, {"at": "", "gone": True})
                    assert record_id not in result[table] or (not revived["gone"] and revived["at"] > stamp["at"])
        assert set(result[table]) <= set(a_data[table]) | set(b_data[table])


def test_an_undone_check_in_does_not_come_back(tmp_path):
    clock = Ticking(START)
    home, laptop = tmp_path / "home.json", tmp_path / "laptop.json"
    with Store.open(home, clock) as store:
        kept = store.check_in("talk", DAYS[1], note="kept")
        gone = store.check_in("date", DAYS[1])
    shutil.copy(home, laptop)
    with Store.open(laptop, clock) as store:
        store.undo()  # the date check-in, on the laptop
        store.check_in("affection", note="from the laptop")
    with Store.open(home, clock) as store:
        store.check_in("celebrate", note="from home")
        summary = merge(store, laptop)
        assert summary.added == {"checkins": 1} and summary.removed == {"checkins": 1}
        assert {c.note for c in store.check_ins()} == {"kept", "from the laptop", "from home"}
        assert gone.id not in {c.id for c in store.check_ins()} and kept in store.check_ins()
        assert store.undo().label == "merge of laptop.json"  # one undoable change
        assert {c.note for c in store.check_ins()} == {"kept", "", "from home"}


def test_newer_edit_of_a_strategy_wins_and_an_export_merges_too(tmp_path):
    clock = Ticking(START)
    home, laptop = tmp_path / "home.json", tmp_path / "laptop.json"
    with Store.open(home, clock) as store:
        store.check_in("talk")
    shutil.copy(home, laptop)
    with Store.open(home, clock) as store:
        store.update_strategy("talk", title="Older title")
    with Store.open(laptop, clock) as store:
        store.update_strategy("talk", title="Newer title")
        (tmp_path / "laptop-export.json").write_bytes(export_json(store))
    with Store.open(home, clock) as store:
        assert merge(store, tmp_path / "laptop-export.json").updated == {"strategies": 1}
        assert store.strategy("talk").title == "Newer title"


def test_merge_command_and_its_errors(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("BONDTUI_NOW", "2026-11-29T20:00:00+00:00")
    other = tmp_path / "other.json"
    assert main(["--db", str(other), "done", "talk", "--note", "[b]elsewhere"]) == 0
    db = tmp_path / "bond.json"
    assert main(["--db", str(db), "done", "date"]) == 0
    capsys.readouterr()
    assert main(["--db", str(db), "merge", str(other)]) == 0
    out = capsys.readouterr().out
    assert f"Merged {other}:" in out and "came in: 1 check-in" in out
    assert main(["--db", str(db), "merge", str(other)]) == 0
    assert "Nothing to merge" in capsys.readouterr().out
    saved = db.read_bytes()
    for content in (b"not json", b'{"meta": {}}', b'{"format": "bondtui-export", "version": 1, "checkins": [{"id": 1}]}'):
        (tmp_path / "bad.json").write_bytes(content)
        assert main(["--db", str(db), "merge", str(tmp_path / "bad.json")]) == 1
        assert capsys.readouterr().err.count("\n") == 1
    assert main(["--db", str(db), "merge", str(tmp_path)]) == 1
    assert db.read_bytes() == saved


def test_stamps_from_elsewhere_are_checked_and_read_in_utc(tmp_path, store):
    check_in = store.check_in("talk")
    document = json.loads(export_json(store))
    document["checkins"][0]["note"] = "edited later, elsewhere"
    document["stamps"] = {f"checkins/{check_in.id}": {"at": "2030-01-01T02:00:00+02:00", "gone": False}}
    (tmp_path / "ok.json").write_text(json.dumps(document))
    assert merge(store, tmp_path / "ok.json").updated == {"checkins": 1}
    assert copy_of(store)["stamps"][f"checkins/{check_in.id}"] == {"at": "2030-01-01T00:00:00.000000", "gone": False}
    store.check_in("date")  # a later change still gets a later stamp
    store.undo()
    assert max(stamp["at"] for stamp in copy_of(store)["stamps"].values()) == "2030-01-01T00:00:00.000001"
    from store import DataError

    for bad in ({"at": "soon", "gone": True}, {"at": "2030-01-01", "gone": "yes"}, ["x"], {"gone": True}):
        document["stamps"] = {"checkins/x": bad}
        (tmp_path / "bad.json").write_text(json.dumps(document))
        with pytest.raises(DataError, match="stamps"):
            merge(store, tmp_path / "bad.json")


def _files(folder) -> dict:
    return {p.name: p.read_bytes() for p in folder.rglob("*") if p.is_file() and p.suffix != ".lock"}


def test_old_tombstones_take_nothing_made_after_them(tmp_path, monkeypatch, capsys):
    """An export holding only deletions stamped 1900 removes nothing: every record was made after."""
    monkeypatch.setenv("BONDTUI_NOW", "2026-11-29T20:00:00+00:00")
    db = tmp_path / "home" / "bond.json"
    assert main(["--db", str(db), "done", "talk", "--note", "made on the command line"]) == 0
    assert main(["--db", str(db), "strategy", "add", "walk", "--title", "Walk the dog", "--cadence", "daily"]) == 0
    assert main(["--db", str(db), "skip", "date"]) == 0
    assert main(["--db", str(db), "away", "add", "2026-12-20", "2026-12-27"]) == 0
    assert main(["--db", str(db), "settings", "set", "name", "Sam"]) == 0
    with Store.open(db, FixedClock(START)) as store:
        mine = copy_of(store)
    attack = {"format": "bondtui-export", "version": 1, "settings": mine["settings"]["settings"],
              "stamps": {f"{table}/{record_id}": {"at": "1900-01-01T00:00:00", "gone": True}
                         for table in RECORD_TABLES if table != "settings" for record_id in mine[table]}}
    (tmp_path / "attack.json").write_text(json.dumps(attack))
    capsys.readouterr()
    before = _files(db.parent)
    assert main(["--db", str(db), "merge", str(tmp_path / "attack.json"), "--dry-run"]) == 0
    assert "Nothing to merge" in capsys.readouterr().out
    assert main(["--db", str(db), "merge", str(tmp_path / "attack.json")]) == 0
    assert "Nothing to merge" in capsys.readouterr().out
    assert _files(db.parent) == before  # nothing written: no undo step either


def test_a_deletion_newer_than_a_record_takes_it_away_and_dry_run_lists_it(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("BONDTUI_NOW", "2026-11-29T20:00:00+00:00")
    home, laptop = tmp_path / "home" / "bond.json", tmp_path / "laptop.json"
    assert main(["--db", str(home), "done", "talk"]) == 0
    assert main(["--db", str(home), "strategy", "add", "walk", "--title", "Walk the dog", "--cadence", "daily"]) == 0
    shutil.copy(home, laptop)
    monkeypatch.setenv("BONDTUI_NOW", "2026-11-29T21:00:00+00:00")
    assert main(["--db", str(laptop), "strategy", "delete", "walk", "--confirm", "walk"]) == 0
    assert main(["--db", str(laptop), "done", "affection", "--action", "[b]Hug[/b]"]) == 0
    capsys.readouterr()
    before = _files(home.parent)
    assert main(["--db", str(home), "merge", str(laptop), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "nothing written" in out and "remove strategy     walk: Walk the dog" in out
    assert "add    check-in     2026-11-29 affection [b]Hug[/b]" in out
    assert _files(home.parent) == before
    assert main(["--db", str(home), "merge", str(laptop)]) == 0
    with Store.open(home, FixedClock(START)) as store:
        assert "walk" not in {s.key for s in store.strategies(archived=True)}


def test_on_equal_stamps_a_deletion_wins(tmp_path, store):
    check_in = store.check_in("talk", note="edited")
    store.edit_note(check_in.id, "edited again")  # the check-in now has a stamp of its own
    stamp = copy_of(store)["stamps"][f"checkins/{check_in.id}"]
    document = json.loads(export_json(store))
    document["checkins"] = []
    document["stamps"] = {f"checkins/{check_in.id}": {"at": stamp["at"], "gone": True}}
    (tmp_path / "gone.json").write_text(json.dumps(document))
    assert merge(store, tmp_path / "gone.json").removed == {"checkins": 1}
    assert store.check_ins("talk") == []


def test_two_changes_under_a_frozen_clock_get_ordered_stamps(tmp_path):
    with Store.open(tmp_path / "bond.json", FixedClock(START)) as store:
        for title in ("One", "Two", "Three"):
            store.update_strategy("talk", title=title)
            store.update_strategy("date", title=title)
        stamps = copy_of(store)["stamps"]
    assert stamps["strategies/date"]["at"] > stamps["strategies/talk"]["at"]
    assert len({stamp["at"] for stamp in stamps.values()}) == len(stamps)


def test_importing_an_export_keeps_the_newer_of_two_deletion_stamps(tmp_path):
    from store import import_file

    with Store.open(tmp_path / "bond.json", FixedClock(START)) as store:
        check_in = store.check_in("talk")
        store.undo()  # a tombstone, stamped now
        mine = copy_of(store)["stamps"][f"checkins/{check_in.id}"]
        for at, kept in (("2020-01-01T00:00:00", mine["at"]), ("2031-01-01T00:00:00", "2031-01-01T00:00:00.000000")):
            document = json.loads(export_json(store))
            document["stamps"] = {f"checkins/{check_in.id}": {"at": at, "gone": True}}
            (tmp_path / "export.json").write_text(json.dumps(document))
            import_file(store, tmp_path / "export.json")
            assert copy_of(store)["stamps"][f"checkins/{check_in.id}"] == {"at": kept, "gone": True}


def test_a_copy_that_differs_only_in_stamps_is_nothing_to_merge(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("BONDTUI_NOW", "2026-11-29T20:00:00+00:00")
    db = tmp_path / "home" / "bond.json"
    assert main(["--db", str(db), "done", "talk"]) == 0
    assert main(["--db", str(db), "settings", "set", "name", "Sam"]) == 0
    assert main(["--db", str(db), "export", "-o", str(tmp_path / "same.json")]) == 0
    document = json.loads((tmp_path / "same.json").read_text())
    document["stamps"] = {key: {"at": "2031-01-01T00:00:00", "gone": False} for key in document["stamps"]}
    document["stamps"]["checkins/never-here"] = {"at": "2031-01-01T00:00:00", "gone": True}
    (tmp_path / "same.json").write_text(json.dumps(document))
    capsys.readouterr()
    before = _files(db.parent)
    assert main(["--db", str(db), "merge", str(tmp_path / "same.json")]) == 0
    assert "Nothing to merge" in capsys.readouterr().out
    assert _files(db.parent) == before
    assert main(["--db", str(db), "undo"]) == 0
    assert "Sam" not in json.dumps(json.loads(db.read_text())["settings"])  # the undo took the name back, not a merge
