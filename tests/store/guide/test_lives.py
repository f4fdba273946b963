"""Where she is not going: the lives of bench/lives.py, played for six weeks, keep their laws.

A habit she keeps does not take the day's first suggestion; her own strategy gets its share; a check-in
without words after midnight counts as what was offered then; the week she started in is never counted
down; nothing names a part of the day that is over; no deadline the week cannot keep.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from bench import guidance, lives
from store import Store
from store.guide.ideas import is_past
from tests.tui_helpers import panel_text
from tui.board.app import BondApp

DAYS = 42


@pytest.fixture(scope="module")
def logs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lives")
    return {life: lives.play(life, DAYS, folder) for life in lives.LIVES}


def test_the_habits_she_keeps_take_the_first_suggestion_on_at_most_one_day_in_five(logs):
    for life in ("habit pair", "habit pair, away ten days"):
        assert lives.kept_share(logs[life]) <= 0.2, lives.firsts(logs[life])
        assert len(lives.firsts(logs[life])) >= 5  # the rest go round what she is not doing


def test_her_own_strategy_never_done_gets_its_fair_share(logs):
    assert lives.firsts(logs["her own strategy, never done"]).get(lives.OWN, 0) >= 0.75 * DAYS / 8


def test_a_check_in_without_words_after_midnight_counts_as_what_was_offered_then(logs):
    owl = logs["a night owl (day starts at 3:00)"]
    assert lives.next_night_repeats(owl) == 0
    assert guidance.repeats(owl) <= DAYS // 20  # counted as the 18:00 action instead: 14 in 42 nights


def test_the_week_she_started_in_is_never_counted_down(logs):
    saturday = logs["starts on a Saturday evening"]
    assert lives.first_week_deadlines(saturday) == 0
    assert all("left" not in s.reason for s in saturday[0].shown + saturday[0].late)


@pytest.mark.parametrize("life", list(lives.LIVES))
def test_no_words_for_a_part_of_the_day_that_is_over_and_no_promise_the_week_cannot_keep(logs, life):
    assert lives.past_words(logs[life], lives.LIVES[life][1]) == []
    assert lives.broken_promises(logs[life]) == []


@pytest.mark.parametrize(("text", "weekday", "hour", "over"), [
    ("Let him plan his own afternoon", 5, 19, True),
    ("Let him plan his own afternoon", 5, 16, False),
    ("Let Sam decide how to spend his Saturday morning", 5, 19, True),  # Saturday, evening
    ("Let Sam decide how to spend his Saturday morning", 4, 19, False),  # Friday: a later day
    ("Make his favourite breakfast without being asked", 2, 13, True),
    ("Make his favourite breakfast without being asked", 2, 1, False),  # after midnight: the morning is ahead
    ("Plan tomorrow morning together", 2, 20, False),
])
def test_a_part_of_the_day_is_over_only_at_its_hour(text, weekday, hour, over):
    assert is_past(text, weekday, hour) is over


async def test_the_panel_shows_a_habit_she_keeps_instead_of_offering_it(db_path, clock, tmp_path):
    with Store.open(db_path, clock) as store:
        for days_ago in range(1, 15):
            store.check_in("talk", store.today() - timedelta(days=days_ago))
        assert store.habits_open() == ["talk"]
        app = BondApp(store=store, clock=clock, theme_dir=tmp_path / "themes")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            shown = panel_text(app.screen)
            assert "Still open today: Talk with him like a grown-up (14 days)" in shown
            assert store.suggestions()[0].strategy != "talk"
            await pilot.press("space")  # the cursor starts on Talk, today
            await pilot.pause()
            assert "Still open today" not in panel_text(app.screen)
        assert store.habits_open() == []
