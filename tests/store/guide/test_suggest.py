"""Today's suggestion: deterministic, in the promised order, never repeating."""

from __future__ import annotations

from datetime import timedelta

import pytest

from store import Store
from store.guide.ideas import is_past
from tests.store.guide import begun_earlier


def keys(suggestions):
    return [s.strategy for s in suggestions]


def test_same_day_and_data_give_the_same_list(db_path, clock):
    with Store.open(db_path, clock) as store:
        store.check_in("talk", store.today() - timedelta(days=1))
        first = store.suggestions()
    with Store.open(db_path, clock) as store:
        assert store.suggestions() == first


def test_next_never_repeats_until_the_list_is_exhausted(store, clock):
    clock.moment = clock.moment.replace(day=28, hour=18)  # a Saturday evening: every size fits
    store.update_settings(interests=("chess",))  # so the actions that name an interest are offered too
    every = store.suggestions()
    pairs = [(s.strategy, s.action) for s in every]
    assert len(pairs) == len(set(pairs))
    # One of each strategy comes before the second action of any.
    assert len(set(keys(every[:7]))) == 7
    # Every action but those that speak of a part of today already over (outings of it are planned instead).
    over = sum(1 for s in store.strategies() for a in s.actions if s.size_of(a) != "outing" and is_past(a, 5, 18))
    assert over and len(every) == sum(len(s.actions) for s in store.strategies()) - over


def test_late_in_the_evening_the_list_holds_each_moment_once(store):
    every = store.suggestions()  # Sunday 20:00, no interests named
    assert {s.size for s in every} == {"moment"}
    fitting = sum(1 for s in store.strategies() for a in s.actions
                  if s.size_of(a) != "evening" and "{interest}" not in a and (s.size_of(a) == "outing" or not is_past(a, 6, 20)))
    assert len(every) == len({(s.strategy, s.action) for s in every}) == fitting
    assert len(set(keys(every[:7]))) == 7


def test_a_daily_streak_at_risk_comes_first(store, clock):
    clock.moment = clock.moment.replace(day=25)  # a Wednesday: no weekly target is urgent yet
    yesterday = store.today() - timedelta(days=1)
    store.check_in("affection", yesterday)
    store.check_in("affection", yesterday - timedelta(days=1))
    store.check_in("talk", yesterday)  # at risk too, but a shorter streak
    for key in ("freedom", "interest", "together"):  # one more this week, with five days left
        store.check_in(key, yesterday)
    for key in ("date", "celebrate"):  # this week's goal met
        store.check_in(key, yesterday)
    order = keys(store.suggestions())
    top = store.suggestions()[0]
    assert top.strategy == "affection"
    assert top.reason.startswith("2 days in a row")
    assert order[1] == "talk" and not {"date", "celebrate"} & set(order)


def test_a_habit_she_keeps_gives_the_first_place_and_takes_the_second(store, clock):
    clock.moment = clock.moment.replace(day=25, hour=18)
    today = store.today()
    for days_ago in range(1, 29):
        store.check_in("talk", today - timedelta(days=days_ago))
    first, second = store.suggestions()[:2]
    assert first.strategy != "talk"  # done each of the last seven days: the first goes where she is not going
    assert (second.strategy, second.kind) == ("talk", "streak") and second.reason.startswith("28 days in a row")
    store.check_in(first.strategy, action=first.action)
    top = store.suggestions()[0]  # once she did one today, the long streak outranks what was never tried
    assert (top.strategy, top.kind) == ("talk", "streak")


def test_a_weekly_target_with_no_room_left_comes_first(db_path, clock):
    clock.moment = clock.moment.replace(day=28)  # Saturday: two days left in the week
    store = begun_earlier(db_path, clock, days=7)  # her first week is behind her
    store.check_in("talk", store.today() - timedelta(days=1))  # talk is at risk
    every = store.suggestions()
    order = keys(every)
    # freedom, interest and together ask for 2 a week with 2 days left; date and celebrate have room.
    pressed = {"freedom", "interest", "together"}
    assert order[0] in pressed
    firsts = {key: next(s for s in every if s.strategy == key) for key in pressed}
    assert all("2 more this week and only 2 days left" in s.reason for s in firsts.values())


def test_then_the_strategy_neglected_longest(store, clock):
    clock.moment = clock.moment.replace(day=23)  # Monday: nothing weekly is urgent
    today = store.today()
    for key, days_ago in [("talk", 0), ("affection", 0), ("freedom", 9), ("interest", 2), ("date", 30), ("together", 5)]:
        store.check_in(key, today - timedelta(days=days_ago))
    order = keys(store.suggestions())[:5]
    assert order == ["celebrate", "date", "freedom", "together", "interest"]  # never, 30, 9, 5, 2 days


def test_satisfied_strategies_step_aside_unless_all_are(store):
    store.check_in("talk")
    store.check_in("date")
    assert not {"talk", "date"} & set(keys(store.suggestions()))
    store.check_in("affection")
    today = store.today()
    for strategy in store.strategies():
        for days_ago in range(1, strategy.cadence.frequency[0] + 1):
            store.check_in(strategy.key, today - timedelta(days=days_ago))
    # Every goal is met: what is not done today is offered as an extra, never a second check-in today.
    extras = store.suggestions()
    assert set(keys(extras)) == {s.key for s in store.strategies()} - {"talk", "date", "affection"}
    assert all("on track" in s.reason for s in extras)
    for key in set(keys(extras)):
        store.check_in(key)
    assert store.suggestions() == []


def affection_actions(store) -> list[str]:
    return [s.action for s in store.suggestions() if s.strategy == "affection"]


def test_recent_actions_wait_their_turn(store):
    rotation = affection_actions(store)  # today's order, before anything was done
    first = rotation[0]
    store.check_in("affection", store.today() - timedelta(days=1), action=first)
    mine = affection_actions(store)
    assert mine[0] == rotation[1] and mine[-1] == first  # the one done yesterday waits at the end
    assert sorted(mine) == sorted(rotation)


@pytest.mark.parametrize("days_ago", range(1, 7))
def test_an_action_done_in_the_last_six_days_waits_while_others_exist(store, days_ago):
    first = affection_actions(store)[0]
    store.check_in("affection", store.today() - timedelta(days=days_ago), action=first)
    assert affection_actions(store)[0] != first


def test_the_only_action_is_offered_even_when_done_yesterday(store):
    store.update_strategy("affection", actions=["Give him a hug"])
    store.check_in("affection", store.today() - timedelta(days=1), action="Give him a hug")
    assert affection_actions(store) == ["Give him a hug"]


def test_it_uses_his_name(store):
    store.update_settings(son_name="Sam")
    every = store.suggestions()
    reasons = {s.reason for s in every}
    assert "You have not tried this with Sam yet — today is a good day to start." in reasons
    assert not any("him" in reason.split() for reason in reasons)
    named = [s.action for s in every if "Sam" in s.action]
    assert named and not any("{" in s.action for s in every)
