"""Several children: a set of files each, her settings shared, undo per child, and her day fair across them."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from store import DataError, FixedClock, Store, UsageError
from store.family import FIRST, children_folder

SATURDAY = FixedClock(datetime(2026, 12, 5, 10, 0, tzinfo=UTC))


def _family(path, clock=SATURDAY, *names: str) -> Store:
    store = Store.open(path, clock)
    store.update_settings(son_name="Sam")
    for name in names:
        store.family.add(name)
    return store


def test_one_child_is_the_data_file_as_it_always_was(db_path, clock):
    with Store.open(db_path, clock) as store:
        store.check_in("talk")
        assert store.family.children()[0].name == "My son"  # unnamed: the first child is "My son"
        assert not store.several
    assert not children_folder(db_path).exists()  # nothing beside it until a second child comes
    with Store.open(db_path, clock) as store:
        store.update_settings(son_name="Sam")
        assert [c.name for c in store.family.children()] == ["Sam"]


def test_adding_a_child_moves_nothing_of_the_first(db_path):
    with _family(db_path) as store:
        store.check_in("talk")
        before = db_path.read_bytes()
        leo = store.family.add("Leo", born="2015-03", interests="chess, lego")
        assert db_path.read_bytes() == before  # the first child's set is exactly where and what it was
        assert leo.path == children_folder(db_path) / leo.id / "bond.json" and leo.path.is_file()
        assert store.settings.son_name == "Sam"  # the board she is on stays
        leo_store = store.family.store_of(leo.id)
        assert leo_store.settings.interests == ("chess", "lego") and leo_store.settings.born == "2015-03"
        assert [s.key for s in leo_store.strategies()] == [s.key for s in store.strategies()]  # the defaults, copied
        assert leo_store.check_ins() == []  # his own history
        assert leo_store.undo() is None  # his undo starts with him: his name cannot be undone away


def test_each_child_opens_by_name_whatever_the_case(db_path):
    with _family(db_path, SATURDAY, "Leo", "Mia"):
        pass
    for name in ("leo", "LEO", " Leo "):
        with Store.open(db_path, SATURDAY, child=name) as leo:
            assert leo.settings.son_name == "Leo"
    with pytest.raises(UsageError, match="no child named 'Zed'; the children are: Sam, Leo, Mia"):
        Store.open(db_path, SATURDAY, child="Zed")


def test_names_are_one_of_each(db_path):
    with _family(db_path, SATURDAY, "Leo") as store:
        family = store.family
        for name in ("leo", "SAM", ""):
            with pytest.raises(UsageError):
                family.add(name)
        with pytest.raises(UsageError, match="already a child named Sam"):
            family.rename("Leo", "sam")
        with pytest.raises(UsageError, match="already a child named Leo"):
            store.update_settings(son_name="LEO")
        with pytest.raises(UsageError, match="needs a name"):
            family.store_of(family.find("Leo").id).update_settings(son_name="")
        assert family.rename("leo", "Leon").name == "Leon"
        assert [c.name for c in family.children()] == ["Sam", "Leon"]


def test_her_settings_are_shared_and_kept_in_the_first_childs_set(db_path):
    with _family(db_path, SATURDAY, "Leo") as sam:
        leo = sam.family.store("Leo")
        leo_file = leo.path.read_bytes()
        leo.update_settings(week_start=6)
        assert leo.path.read_bytes() == leo_file  # written in the first child's set, not his
        assert sam.settings.week_start == 6 and leo.settings.week_start == 6
        sam.update_settings(day_start_hour=4, theme="night")
        assert (leo.settings.day_start_hour, leo.settings.theme) == (4, "night")
        assert leo.settings.son_name == "Leo"  # his own name stays his
        with pytest.raises(UsageError, match="on its own"):
            leo.update_settings(born="2015-01", theme="paper")
    with Store.open(db_path, SATURDAY, child="leo", read_only=True) as leo:
        assert (leo.settings.week_start, leo.settings.day_start_hour) == (6, 4)


def test_undo_is_per_child_and_her_setting_is_undone_from_the_board_she_is_on(db_path):
    with _family(db_path, SATURDAY, "Leo") as sam:
        leo = sam.family.store("Leo")
        sam.check_in("talk")
        leo.check_in("affection")
        leo.update_settings(week_start=6)
        assert leo.undo().label == "change of week start"  # made from his board: his u takes it back
        assert sam.settings.week_start == 0
        assert leo.undo().label.startswith("check-in of Show affection")
        assert leo.undo() is None  # never Sam's check-in
        assert sam.is_done("talk", sam.today())
        assert leo.redo().label.startswith("check-in of Show affection")
        assert leo.redo().label == "change of week start" and leo.settings.week_start == 6
        leo.check_in("talk")
        assert leo.undo().label.startswith("check-in of Talk")  # his newer change goes first


def test_the_shown_child_is_the_next_ones_without_a_name(db_path):
    with _family(db_path, SATURDAY, "Leo") as store:
        family = store.family
        assert family.chosen().id == FIRST
        family.add("Mia")
        assert family.chosen().id == FIRST  # adding does not switch
        family.show(family.find("Mia"))
    with Store.open(db_path, SATURDAY) as store:
        assert store.settings.son_name == "Mia"
        store.family.archive("Mia")
    with Store.open(db_path, SATURDAY) as store:  # an archived child is not shown: the first on the board is
        assert store.settings.son_name == "Sam"


def test_archive_and_restore(db_path):
    with _family(db_path, SATURDAY, "Leo") as store:
        family = store.family
        assert family.archive("leo").archived
        assert [c.name for c in family.children(archived=False)] == ["Sam"]
        with pytest.raises(UsageError, match="only child on the board"):
            family.archive("Sam")
        assert not family.restore("Leo").archived
        assert family.store("Leo").undo() is None  # archiving is not a step of his history


def _leo_only_dates(leo: Store) -> None:
    for strategy in leo.strategies():
        if strategy.key != "date":
            leo.archive_strategy(strategy.key)


def test_one_outing_a_day_across_the_children(db_path):
    with _family(db_path, SATURDAY, "Leo") as sam:
        leo = sam.family.store("Leo")
        _leo_only_dates(leo)
        assert leo.suggestions()[0].size == "outing"  # on his own, a Saturday offers him an outing first
        sam.add_plan("date", sam.today(), "Go bowling or play mini golf")
        assert sam.suggestions()[0].size == "outing"
        assert leo.suggestions()[0].size != "outing"  # her Saturday has one outing already
        sam.remove_plan(sam.plans()[0].id)
        assert leo.suggestions()[0].size == "outing"
        sam.update_settings(interests="football")
        sam.check_in("date", action="Go to a football event together, just the two of you")  # an outing, as she read it
        assert leo.suggestions()[0].size != "outing"  # done with Sam today: Leo's waits too
        leo.add_plan("date", leo.today(), "See a movie he picks")  # what she planned herself stays first
        assert leo.suggestions()[0].kind == "planned" and leo.suggestions()[0].size == "outing"


def test_a_child_left_a_week_comes_back_in(db_path):
    start = FixedClock(datetime(2026, 11, 20, 10, 0, tzinfo=UTC))
    with _family(db_path, start, "Leo"):
        pass
    later = FixedClock(datetime(2026, 11, 30, 10, 0, tzinfo=UTC))
    with Store.open(db_path, later, child="Leo") as leo:
        first = leo.suggestions()[0]
        assert first.kind == "forgotten" and "Nothing with Leo for a week" in first.reason
        leo.check_in("talk", date(2026, 11, 27))
        assert leo.suggestions()[0].kind != "forgotten"
        leo.add_away(leo.today(), leo.today() + timedelta(days=2))
        assert leo.suggestions() == []  # away: nothing, and nothing to forget


def test_one_broken_child_never_stops_the_others(db_path):
    with _family(db_path, SATURDAY, "Leo", "Mia") as store:
        leo = store.family.find("Leo")
        store.family.store_of(leo.id).check_in("talk")  # his second write keeps the day's backup, his name in it
    leo.path.write_text("{ not json")
    with Store.open(db_path, SATURDAY) as sam:
        assert sam.suggestions()  # her day across the children skips the one it cannot read
        names = [c.name for c in sam.family.children()]
        assert names == ["Sam", "Mia", "Leo"]  # named from his newest backup, listed last
        sam.check_in("talk")
    with pytest.raises(DataError, match=f"not usable bondtui data.*newest backup.*`bondtui restore --child {leo.id}`"):
        Store.open(db_path, SATURDAY, child="Leo")
    db_path.write_text("[]")  # the first child's file broken: Mia's board goes on, with her own settings
    with Store.open(db_path, SATURDAY, child="Mia") as mia:
        mia.check_in("talk")
        assert mia.is_done("talk", mia.today())


def test_a_folder_a_killed_add_left_is_nobody(db_path, clock):
    with Store.open(db_path, clock) as store:
        store.check_in("talk")
    (children_folder(db_path) / "0badc0de").mkdir(parents=True)  # mkdir done, his file never written
    with Store.open(db_path, clock) as store:
        assert not store.several and [c.name for c in store.family.children()] == ["My son"]
        assert store.suggestions()[0].kind != "forgotten"
        leo = store.family.add("Leo")
        assert store.several and leo.id != "0badc0de"
    assert (children_folder(db_path) / "0badc0de").is_dir()  # never deleted: it may be another machine's, arriving
