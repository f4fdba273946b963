"""Every action and every reason reads right with his name and without it, and nothing raw reaches her:
no `{name}` in the dialog, the notice, the journal or the export."""

from __future__ import annotations

import itertools
import json
import re

import pytest

from store import Store
from store.guide.ideas import ideas
from store.guide.need import Need
from store.guide.reasons import Context, reason
from store.model.records import Settings

# "him" where the sentence needs "he", "he" where it needs "him", or a placeholder left over.
WRONG = re.compile(r"\bhim (will|has|does|can|loves|was|would|did|wants|likes|needs|says|gets|knows)\b|(?<!with )\bhim is\b"
                   r"|(^|[.!?—:] )Him\b|\b(let|with|for|to|ask|tell|and|about|show|give) he\b|[{}]")
SETTINGS = [Settings(), Settings(son_name="Sam"), Settings(interests=("chess",)), Settings("Sam", ("chess", "football"))]


def _needs(store: Store):
    for strategy in store.strategies():
        for done, target, left, streak, last in itertools.product((0, 1), (1, 2), (1, 3, 6), (0, 4), (None, 10, 17)):
            yield Need(strategy, 1.0, False, False, done, target, left, streak, last)


@pytest.mark.parametrize("settings", SETTINGS, ids=["no name", "Sam", "chess, no name", "Sam and two interests"])
def test_every_action_and_reason_reads_right(store, settings):
    seen = set()
    for need in _needs(store):
        for day, hour in ((store.today().toordinal(), 20), (store.today().toordinal() - 2, 10)):
            for idea in ideas(need.strategy, day, hour, settings):
                seen.add(idea.text)
                for welcome, extra, note in ((False, False, ""), (True, False, ""), (False, True, ""),
                                             (False, False, "he smiled")):
                    kind, sentence = reason(need, idea, Context(day, hour, settings, welcome, extra, 0, note))
                    seen.add(sentence)
    wrong = sorted(text for text in seen if WRONG.search(text))
    assert wrong == [] and len(seen) > 100


async def test_the_check_in_dialog_offers_filled_actions_and_logs_them(named, tmp_path):
    from textual.widgets import OptionList

    from tests.tui_helpers import Told, screen_text
    from tui.board.app import BondApp
    from tui.board.screens.checkin import CheckInScreen

    app = BondApp(store=named, theme_dir=tmp_path / "themes")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        told = Told(app)
        await pilot.press("enter")  # Talk, today
        assert isinstance(app.screen, CheckInScreen)
        listed = [str(option.prompt) for option in app.screen.query_one("#actions", OptionList).options]
        assert listed == named.actions("talk") and not any("{" in text for text in listed)
        assert any("Sam" in text for text in listed) and "{name}" not in screen_text(app)
        index = next(i for i, text in enumerate(listed) if "what is new in" in text)
        await pilot.press(*["down"] * index, "enter", "enter")
        [check_in] = named.check_ins("talk")
        assert check_in.action == listed[index] and "Sam" in check_in.action and "{" not in check_in.action
        assert f"Logged: {listed[index]}" in told


@pytest.fixture
def named(store):
    store.update_settings(son_name="Sam", interests=("chess", "football"))
    return store


def test_actions_are_filled_and_those_needing_an_interest_wait(store):
    assert not any("{" in action for action in store.actions("interest"))
    assert not any("interest" in action.lower() and "{" in action for action in store.actions("talk"))
    without = store.actions("talk")
    assert "Ask him what is new in {interest} lately, and really listen" not in without
    assert not any("what is new in" in action for action in without)  # it needs an interest she has not named
    store.update_settings(son_name="Sam", interests=("chess",))
    assert "Ask Sam what is new in chess lately, and really listen" in store.actions("talk")


def test_one_action_names_a_different_interest_on_consecutive_days(named):
    day = named.today()
    texts = [a for a in named.actions("interest", day.replace(day=day.day - 1)) if "to show you the best thing" in a]
    today = [a for a in named.actions("interest", day) if "to show you the best thing" in a]
    assert texts and today and texts != today


def test_a_raw_template_saved_by_an_older_bondtui_reads_filled_everywhere(named, tmp_path):
    from store import export_csv, export_json, journal

    named.check_in("talk", action="Ask {name} for advice on something real from your own week", note="he laughed")
    named.check_in("talk", action="{name} typed by hand", note="her own words")  # not a template: as typed
    shown = {c.action for c in named.check_ins("talk")}
    assert shown == {"Ask Sam for advice on something real from your own week", "{name} typed by hand"}
    assert [c.action for c in journal(named.check_ins("talk"), "Sam advice")] == [
        "Ask Sam for advice on something real from your own week"]
    document = json.loads(export_json(named))
    assert {c["action"] for c in document["checkins"]} == shown
    assert "Ask Sam for advice" in export_csv(named) and "{name} typed by hand" in export_csv(named)
