"""Shaping the plan: settings, her own strategies, edits of past check-ins, away periods.

Every change is one undoable step and never loses a check-in.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from store import Cadence, CadenceError, Settings, Store, UsageError

TODAY = date(2026, 11, 29)  # the conftest clock: Sunday


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def board(store: Store) -> list[str]:
    return [s.key for s in store.strategies()]


def fill_talk(store: Store, days: int = 5) -> None:
    for n in range(days):
        store.check_in("talk", days_ago(n), "Asked his opinion", f"day {n}")


# ---------------------------------------------------------------- settings

def test_settings_change_is_saved_and_undoable(db_path, store, clock):
    store.update_settings(son_name="  Sam ", interests="football, Minecraft,, football ,drawing")
    assert store.settings.son_name == "Sam"
    assert store.settings.interests == ("football", "Minecraft", "drawing")
    with Store.open(db_path, clock) as again:
        assert again.settings == store.settings
    assert store.undo().label == "change of his name, what he loves"
    assert store.settings == Settings()
    store.redo()
    assert store.settings.son_name == "Sam"


def test_interests_as_a_list_and_case_insensitive_duplicates(store):
    store.update_settings(interests=["Minecraft", "minecraft", " chess "])
    assert store.settings.interests == ("Minecraft", "chess")


def test_day_start_and_week_start_move_the_day_and_the_week(store, clock):
    clock.moment = clock.moment.replace(hour=1, minute=30)  # Sunday 01:30
    store.update_settings(day_start_hour=3, week_start=6)
    assert store.today() == days_ago(1)
    assert store.settings.week_start == 6
    store.undo()
    assert store.today() == TODAY and store.settings.week_start == 0


@pytest.mark.parametrize(("changes", "words"), [
    ({"day_start_hour": 7}, "0 to 6"),
    ({"day_start_hour": True}, "0 to 6"),
    ({"week_start": "sunday"}, "6 (sunday)"),
    ({"son_name": "x" * 61}, "at most 60"),
    ({"interests": ["x" * 41]}, "at most 40"),
    ({"interests": [f"i{n}" for n in range(21)]}, "20 at most"),
])
def test_bad_settings_change_nothing(db_path, store, changes, words):
    store.update_settings(son_name="Sam")
    before = db_path.read_bytes()
    with pytest.raises(UsageError) as caught:
        store.update_settings(**changes)
    assert words in str(caught.value).lower()
    assert db_path.read_bytes() == before and store.settings.son_name == "Sam"


def test_an_unknown_setting_is_a_programming_error(store):
    with pytest.raises(TypeError):
        store.update_settings(colour="red")


def test_an_unchanged_setting_leaves_no_step_to_undo(store):
    store.check_in("talk")
    store.update_settings(son_name="")
    assert store.undo().label.startswith("check-in of")


# ---------------------------------------------------------------- keys

def test_new_key_is_a_short_unique_slug(store):
    assert store.new_key("Read together") == "read-together"
    assert store.new_key("Talk about his day") == "talk-about"
    assert store.new_key("Talk") == "talk-2"  # "talk" is taken
    assert store.new_key("Café crème au lait, tous les dimanches") == "cafe-creme"
    assert store.new_key("👩‍👦") == "strategy"
    assert store.new_key("A" * 40) == "a" * 16
    store.add_strategy(store.new_key("Talk"), "Talk", "daily")
    assert store.new_key("Talk") == "talk-3"


# ---------------------------------------------------------------- adding and editing

def test_add_strategy_goes_to_the_bottom_with_sizes(db_path, store, clock):
    made = store.add_strategy("Read", "  Read together ", "weekly on fri", "A book for two",
                              ["Pick a book", " ", "Read a chapter", "Pick a book"], {"Read a chapter": "evening"})
    assert made.key == "read" and made.title == "Read together" and made.since == TODAY
    assert made.actions == ("Pick a book", "Read a chapter")
    assert made.size_of("Read a chapter") == "evening" and made.size_of("Pick a book") == "moment"
    assert board(store)[-1] == "read"
    with Store.open(db_path, clock) as again:
        assert again.strategy("read") == made
    assert store.undo().label == "new strategy Read together"
    assert "read" not in board(store)


@pytest.mark.parametrize(("key", "title", "cadence", "error", "words"), [
    ("talk", "Talk again", "daily", UsageError, "already a strategy 'talk'"),
    ("new", "   ", "daily", UsageError, "needs a title"),
    ("new", "New", "hourly", CadenceError, "not a cadence"),
    ("new one", "New", "daily", UsageError, "cannot be a key"),
    ("-x", "New", "daily", UsageError, "cannot be a key"),
    ("x" * 25, "New", "daily", UsageError, "cannot be a key"),
])
def test_add_strategy_refuses_and_writes_nothing(db_path, store, key, title, cadence, error, words):
    store.check_in("talk")
    before = db_path.read_bytes()
    with pytest.raises(error) as caught:
        store.add_strategy(key, title, cadence)
    assert words in str(caught.value)
    assert db_path.read_bytes() == before and len(store.strategies()) == 7


def test_a_bad_size_is_refused(store):
    with pytest.raises(UsageError, match="moment, evening, outing"):
        store.add_strategy("new", "New", "daily", actions=["Go"], sizes={"Go": "weekend"})


def test_a_key_clash_with_an_archived_strategy_says_so(store):
    store.archive_strategy("date")
    with pytest.raises(UsageError, match="'date' \\(archived\\)"):
        store.add_strategy("date", "Another date", "daily")


def test_title_and_action_edits_keep_every_check_in(store):
    fill_talk(store)
    kept = store.check_ins("talk")
    streak, strength = store.streak("talk"), store.strength("talk")
    store.update_strategy("talk", title="Talk, really", summary=" Listen ", actions=["Ask about school"])
    talk = store.strategy("talk")
    assert (talk.title, talk.summary, talk.actions) == ("Talk, really", "Listen", ("Ask about school",))
    assert store.check_ins("talk") == kept  # "Asked his opinion" is still what she did
    assert store.streak("talk") == streak and store.strength("talk") == strength
    assert store.undo().label == "edit of Talk, really"
    assert store.strategy("talk").title == "Talk with him like a grown-up"


def test_sizes_follow_the_actions_that_remain(store):
    store.add_strategy("out", "Outings", "1 per week", actions=["Bowling", "Hike"],
                       sizes={"Bowling": "outing", "Hike": "outing"})
    store.update_strategy("out", actions=["Bowling", "Cinema"])
    assert store.strategy("out").sizes == {"Bowling": "outing"}
    store.update_strategy("out", sizes={"Cinema": "evening"})
    assert store.strategy("out").sizes == {"Cinema": "evening"}


def test_a_cadence_change_rereads_the_whole_history(store):
    for n in (0, 7, 14, 21):  # four Sundays in a row
        store.check_in("talk", days_ago(n))
    assert store.streak("talk").current == 1  # daily: only today
    store.update_strategy("talk", cadence="weekly on sun")
    streak = store.streak("talk")
    assert (streak.unit, streak.current, streak.best) == ("occurrences", 4, 4)
    assert len(store.check_ins("talk")) == 4
    store.update_strategy("talk", cadence="1 per week")
    assert store.streak("talk").current == 4
    store.undo()
    store.undo()
    assert str(store.strategy("talk").cadence) == "daily" and store.streak("talk").current == 1


def test_a_bad_edit_writes_nothing(db_path, store):
    fill_talk(store)
    before = db_path.read_bytes()
    with pytest.raises(CadenceError):
        store.update_strategy("talk", title="New", cadence="sometimes")
    with pytest.raises(UsageError):
        store.update_strategy("talk", title="")
    with pytest.raises(UsageError):
        store.update_strategy("nope", title="x")
    with pytest.raises(TypeError):
        store.update_strategy("talk", position=3)
    assert db_path.read_bytes() == before


def test_an_edit_that_changes_nothing_is_no_step(store):
    store.check_in("talk")
    store.update_strategy("talk", title=" Talk with him like a grown-up ")
    assert store.undo().label.startswith("check-in of")


# ---------------------------------------------------------------- order, archive, delete

def test_move_to_a_place_and_up_and_down(db_path, store, clock):
    store.move_strategy("together", 0)
    assert board(store)[:2] == ["together", "talk"]
    store.move_strategy("together", "down")
    assert board(store)[:2] == ["talk", "together"]
    store.move_strategy("talk", "up")  # already at the top: nothing to do
    store.move_strategy("talk", 6)
    assert board(store) == ["together", "freedom", "interest", "date", "affection", "celebrate", "talk"]
    with Store.open(db_path, clock) as again:
        assert board(again) == board(store)
    store.undo()
    assert board(store)[:2] == ["talk", "together"]


@pytest.mark.parametrize("to", [7, -1, "top", 1.5, True])
def test_move_refuses_a_place_off_the_board(store, to):
    with pytest.raises(UsageError, match="0 to 6"):
        store.move_strategy("talk", to)


def test_archive_and_restore_keep_history_and_place(store):
    fill_talk(store)
    store.skip("talk", days_ago(9))
    kept, streak = store.check_ins("talk"), store.streak("talk")
    store.archive_strategy("talk")
    assert "talk" not in board(store)
    assert [s.key for s in store.archived_strategies()] == ["talk"]
    assert all(s.strategy != "talk" for s in store.suggestions())
    store.move_strategy("affection", 0)  # the board changes while it is away
    assert board(store)[:2] == ["affection", "freedom"]
    store.restore_strategy("talk")
    assert board(store)[:3] == ["talk", "affection", "freedom"]  # back in the place it had
    assert store.check_ins("talk") == kept and store.streak("talk") == streak
    assert store.is_skipped("talk", days_ago(9))
    assert store.archived_strategies() == []


def test_an_archived_strategy_takes_no_check_in_and_cannot_move(db_path, store):
    store.archive_strategy("talk")
    before = db_path.read_bytes()
    for change in (lambda: store.check_in("talk"), lambda: store.skip("talk"), lambda: store.move_strategy("talk", 0)):
        with pytest.raises(UsageError, match="archived"):
            change()
    assert db_path.read_bytes() == before


def test_archive_undo(store):
    store.archive_strategy("date")
    assert store.undo().label == "archive of Mom & son date"
    assert "date" in board(store)
    store.archive_strategy("date")
    store.archive_strategy("date")  # already archived: no second step
    store.undo()
    assert "date" in board(store)


def test_delete_removes_everything_as_one_step_that_undo_brings_back(db_path, store, clock):
    fill_talk(store)
    store.skip("talk", days_ago(9))
    store.check_in("affection")
    kept, streak, strength = store.check_ins("talk"), store.streak("talk"), store.strength("talk")
    gone = store.delete_strategy("talk")
    assert gone.key == "talk" and "talk" not in board(store)
    with pytest.raises(UsageError):
        store.strategy("talk")
    assert store.check_ins("talk") == [] and not store.is_skipped("talk", days_ago(9))
    assert len(store.check_ins()) == 1  # the other strategy's check-in stays
    with Store.open(db_path, clock) as again:
        assert "talk" not in [s.key for s in again.strategies(archived=True)] and again.check_ins("talk") == []
    change = store.undo()
    assert change.label == "deletion of Talk with him like a grown-up"
    assert board(store)[0] == "talk"
    assert store.check_ins("talk") == kept and store.is_skipped("talk", days_ago(9))
    assert store.streak("talk") == streak and store.strength("talk") == strength
    with Store.open(db_path, clock) as again:
        assert again.check_ins("talk") == kept
    store.redo()
    assert "talk" not in board(store)


def test_a_deleted_key_can_be_used_again_from_scratch(store):
    fill_talk(store)
    store.delete_strategy("talk")
    store.add_strategy("talk", "Talk anew", "daily")
    assert store.check_ins("talk") == [] and store.streak("talk").current == 0


# ---------------------------------------------------------------- check-ins afterwards

def test_edit_check_in_action_and_note(store):
    made = store.check_in("talk", days_ago(2), "Asked his opinion", "about robots")
    edited = store.edit_check_in(made.id, note=" about robots and [b]AI[/b] ")
    assert edited.note == "about robots and [b]AI[/b]" and edited.action == "Asked his opinion"
    store.edit_check_in(made.id, action="Talked about the news")
    [now] = store.check_ins("talk")
    assert (now.id, now.day, now.created, now.action) == (made.id, made.day, made.created, "Talked about the news")
    assert store.undo().label == "edit of a check-in of Talk with him like a grown-up on Fri 27 Nov 2026"
    assert store.check_ins("talk")[0].action == "Asked his opinion"
    store.undo()
    assert store.check_ins("talk") == [made]


def test_edit_of_a_missing_check_in(store):
    with pytest.raises(UsageError, match="no check-in"):
        store.edit_check_in("0" * 32, note="x")


# ---------------------------------------------------------------- away periods

def test_away_may_end_in_the_future_and_pauses_the_board(store):
    away = store.add_away(days_ago(2), TODAY + timedelta(days=10), "  camp ")
    assert away.reason == "camp" and store.away_periods() == [away]
    assert store.day_states("talk", days_ago(3), days_ago(1))[days_ago(1)] == "away"


def test_overlapping_away_periods_merge_and_undo_separates_them(store):
    camp = store.add_away(days_ago(20), days_ago(10), "camp")
    gran = store.add_away(days_ago(5), days_ago(3), "grandma's")
    merged = store.add_away(days_ago(12), days_ago(4), "camp")
    assert (merged.start, merged.end, merged.reason) == (days_ago(20), days_ago(3), "camp; grandma's")
    assert store.away_periods() == [merged]
    store.undo()
    assert store.away_periods() == [camp, gran]


def test_touching_away_periods_stay_apart(store):
    first = store.add_away(days_ago(9), days_ago(5))
    second = store.add_away(days_ago(4), days_ago(1))
    assert store.away_periods() == [first, second]


@pytest.mark.parametrize(("start", "end", "words"), [
    (date(2026, 11, 20), date(2026, 11, 10), "before it starts"),
    (date(1899, 12, 31), date(1900, 1, 5), "1900-01-01"),
    (date(2999, 12, 1), date(3000, 1, 1), "2999-12-31"),
])
def test_bad_away_periods_write_nothing(db_path, store, start, end, words):
    store.check_in("talk")
    before = db_path.read_bytes()
    with pytest.raises(UsageError, match=words):
        store.add_away(start, end)
    assert db_path.read_bytes() == before and store.away_periods() == []


def test_remove_away_and_undo(store):
    away = store.add_away(days_ago(5), days_ago(1))
    store.remove_away(away.id)
    assert store.away_periods() == []
    store.undo()
    assert store.away_periods() == [away]
    with pytest.raises(UsageError, match=away.id):  # the message lists the ids there are
        store.remove_away("nope")


# ---------------------------------------------------------------- the cadence preview

@pytest.mark.parametrize(("spec", "kwargs", "expected"), [
    ("daily", {}, ["2026-11-30", "2026-12-01", "2026-12-02"]),
    ("weekly on fri", {}, ["2026-12-04", "2026-12-11", "2026-12-18"]),
    ("weekly on mon,thu", {}, ["2026-11-30", "2026-12-03", "2026-12-07"]),
    ("2 per week", {}, ["2026-11-30", "2026-12-07", "2026-12-14"]),
    ("2 per week", {"week_start": 6}, ["2026-12-06", "2026-12-13", "2026-12-20"]),
    ("every 3 days", {}, ["2026-11-30", "2026-12-03", "2026-12-06"]),
    ("every 3 days", {"since": date(2026, 11, 1)}, ["2026-12-01", "2026-12-04", "2026-12-07"]),
])
def test_upcoming_days(spec, kwargs, expected):
    days = Cadence.parse(spec).upcoming(TODAY, 3, **kwargs)
    assert [d.isoformat() for d in days] == expected


def test_weekly_alone_is_once_a_week():
    assert Cadence.parse("Weekly") == Cadence("per_week", 1)


def test_upcoming_none_and_near_the_end_of_time():
    assert Cadence.parse("daily").upcoming(TODAY, 0) == []
    assert Cadence.parse("daily").upcoming(date.max - timedelta(days=2), 5) == [date.max - timedelta(days=1), date.max]


@pytest.mark.parametrize("spec", ["hourly", "", "9 per week", "every 400 days", "weekly on fry", "weekly on \x1b[2J"])
def test_cadence_errors_are_one_clean_sentence(spec):
    with pytest.raises(CadenceError) as caught:
        Cadence.parse(spec)
    message = str(caught.value)
    assert "\n" not in message and "\x1b" not in message
    assert message.count(". ") == 0 and not message.endswith(".")
