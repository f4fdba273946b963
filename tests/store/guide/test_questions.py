"""A question for every day: the deck, its rotation (no repeat within 90 days), and `bondtui question`."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings as hypothesis_settings, strategies as st

from bench.guidance import at
from store import FixedClock, Store
from store.guide.questions import QUESTION_REST, deck

TOPICS = {"day", "friends", "school", "news", "future", "family", "you"}


def test_the_deck_holds_a_hundred_questions_across_topics_and_ages():
    questions = deck()
    assert len(questions) >= 100 and len({q.id for q in questions}) == len(questions)
    assert {q.topic for q in questions} == TOPICS
    for age in range(8, 19):
        assert sum(q.ages[0] <= age <= q.ages[1] for q in questions) >= 60, age
    for q in questions:
        assert set(re.findall(r"\{\w*\}", q.template)) <= {"{name}", "{interest}"}, q.id


def _play(store: Store, clock: FixedClock, days: int, choices: list[str]) -> list[tuple[int, str, str]]:
    """Each day she asks, skips (then asks the next) or does nothing; returns (day, question id, what she did)."""
    start = clock.moment.date()
    used = []
    for index in range(days):
        clock.moment = at(start + timedelta(days=index), 19)
        what = choices[index % len(choices)]
        if what == "skip":
            used.append((index, store.skip_question().id, "skip"))
        if what in ("ask", "skip"):
            used.append((index, store.ask_question()[0].id, "ask"))
    return used


@hypothesis_settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(born=st.sampled_from(["", "2017-06", "2012-01", "2008-11", "1999-03"]),
       choices=st.lists(st.sampled_from(["ask", "skip", "none"]), min_size=1, max_size=7),
       interests=st.sampled_from([(), ("chess",), ("football", "drawing")]))
def test_no_question_comes_back_within_ninety_days_while_others_wait(tmp_path_factory, born, choices, interests):
    clock = FixedClock(at(date(2026, 1, 5), 19))
    with Store.open(tmp_path_factory.mktemp("q") / "bond.json", clock) as store:
        store.update_settings(born=born, interests=interests)
        used = _play(store, clock, 130, choices)
        him = store.settings

    def for_him(day: int) -> set[str]:
        age = him.age_on(date(2026, 1, 5) + timedelta(days=day))
        return {q.id for q in deck() if (age is None or q.ages[0] <= age <= q.ages[1])
                and (interests or "{interest}" not in q.template)}

    last: dict[str, int] = {}
    for day, question, _ in used:
        assert question in for_him(day)
        if question in last and day - last[question] < QUESTION_REST:
            fresh = for_him(day) - {k for k, d in last.items() if day - d < QUESTION_REST}
            assert not fresh, (question, day, last[question])
        last[question] = day
    named = {q.id for q in deck() if "{interest}" in q.template}
    assert interests or not named & {q for _, q, _ in used}


def test_the_day_decides_not_the_hour_until_she_asks_or_skips(db_path, clock):
    with Store.open(db_path, clock) as store:
        clock.moment = at(date(2026, 11, 30), 7)
        morning = store.question()
        clock.moment = at(date(2026, 11, 30), 23, 30)
        assert store.question() == morning
        skipped = store.skip_question()
        assert skipped == morning and store.question() != morning
        store.undo()
        assert store.question() == morning
        asked, check_in = store.ask_question(note="he said the robot club")
        assert asked == morning and check_in.action == morning.text and check_in.strategy == "talk"
        assert check_in.note == "he said the robot club"
        after = store.question()
        assert after is not None and after.id != morning.id
        clock.moment = at(date(2026, 12, 1), 8)
        assert store.question().id != morning.id  # asked yesterday: it rests


def test_topics_take_turns(db_path, clock):
    with Store.open(db_path, clock) as store:
        store.update_settings(born="2012-05")
        used = _play(store, clock, 21, ["ask"])
    topics = [next(q.topic for q in deck() if q.id == question) for _, question, _ in used]
    for week in range(3):
        assert len(set(topics[week * 7:week * 7 + 7])) == 7, topics


def test_a_question_logged_by_hand_counts_as_asked(db_path, clock):
    with Store.open(db_path, clock) as store:
        question = store.question()
        store.check_in("talk", action=question.text)
        assert store.question().id != question.id


def test_his_name_and_what_he_loves_fill_the_question(db_path, clock):
    with Store.open(db_path, clock) as store:
        seen = set()
        for index in range(120):
            clock.moment = at(date(2026, 1, 1) + timedelta(days=index), 19)
            seen.add(store.ask_question()[0].text)
            if index == 59:
                store.update_settings(son_name="Sam", interests=("chess",))
    assert not any("{" in text or "}" in text for text in seen)
    assert all(text[0].isupper() for text in seen)
    assert any("chess" in text for text in seen) and any(text.startswith("Sam, ") for text in seen)


@pytest.fixture
def q(cli):
    def run(*args: str):
        return cli("question", *args)
    run.path = cli.path
    run.cli = cli
    return run


def test_the_command_line_gives_asks_and_skips(q):
    code, out, _ = q("--json")
    shown = json.loads(out)
    assert code == 0 and set(shown) == {"id", "question", "topic", "ages"} and shown["topic"] in TOPICS
    assert len(shown["ages"]) == 2
    code, out, _ = q()
    assert code == 0 and out.startswith(f"Ask him: {shown['question']}\n")
    code, out, _ = q("--asked", "--note", "he wants to build a treehouse", "--went", "great")
    assert code == 0 and shown["question"] in out and "treehouse" in out
    journal = q.cli("export")[1]
    check_in = next(c for c in json.loads(journal)["checkins"] if c["action"] == shown["question"])
    assert check_in["note"] == "he wants to build a treehouse" and check_in["went"] == "great"
    assert check_in["strategy"] == "talk"
    following = json.loads(q("--json")[1])
    assert following["id"] != shown["id"]
    code, out, _ = q("--skip")
    assert code == 0 and out.startswith(f"Skipped: {following['question']}\nNext: ")
    assert q.cli("undo")[1].startswith("Undid the skip of the day's question")
    assert json.loads(q("--json")[1]) == following


@pytest.mark.parametrize("args", [("--skip", "--asked"), ("--note", "hi"), ("--skip", "--note", "x"),
                                  ("--went", "great")])
def test_a_line_that_cannot_be_done_writes_nothing(q, args):
    q.cli("settings", "set", "name", "Sam")
    before = q.path.read_bytes()
    code, out, err = q(*args)
    assert code == 2 and out == "" and err.startswith("bondtui: "), err
    assert q.path.read_bytes() == before


def test_without_talk_a_question_is_not_lost_silently(q):
    q.cli("strategy", "delete", "talk", "--confirm", "talk")
    before = q.path.read_bytes()
    code, _, err = q("--asked", "--note", "his answer")
    assert code == 2 and "talk" in err
    assert q.path.read_bytes() == before
    assert q()[0] == 0  # the question itself is still there to read


def test_the_deck_is_spread_for_a_nine_year_old_over_sixty_days(db_path, clock):
    with Store.open(db_path, clock) as store:
        store.update_settings(born="2017-06")
        used = _play(store, clock, 60, ["ask"])
        age = store.settings.age_on(clock.moment.date())
    by_id = {q.id: q for q in deck()}
    assert all(by_id[question].ages[0] <= age <= by_id[question].ages[1] for _, question, _ in used)
    assert len({question for _, question, _ in used}) == 60
    assert min(Counter(by_id[question].topic for _, question, _ in used).values()) >= 7


async def test_the_panel_shows_the_question_beside_talk_and_only_there(db_path, clock, tmp_path):
    from tests.tui_helpers import widget_text
    from tui.board.app import BondApp
    from tui.board.widgets.today import TodayPanel

    with Store.open(db_path, clock) as store:
        store.update_settings(son_name="Sam")
        app = BondApp(store=store, clock=clock, theme_dir=tmp_path / "themes")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            every = store.suggestions()
            talk = next(i for i, s in enumerate(every) if s.strategy == "talk")
            other = next(i for i, s in enumerate(every) if s.strategy != "talk")
            question = store.question()
            seen = {}
            for index in (talk, other):
                app.screen.query_one(TodayPanel).index = index
                await pilot.pause()
                seen[index] = " ".join(widget_text(app, app.screen.query_one(TodayPanel)).split())
            assert f"Or ask Sam: {question.text}" in seen[talk]
            assert "Or ask" not in seen[other]


def test_a_boy_younger_than_the_deck_gets_its_youngest_questions(db_path, clock):
    with Store.open(db_path, clock) as store:
        store.update_settings(born="2022-01")  # four
        youngest = min(q.ages[0] for q in deck())
        asked = [store.ask_question()[0] for _ in range(3)]
    assert all(q.ages[0] == youngest for q in asked) and len({q.id for q in asked}) == 3
