"""The Store's forward-looking side: the day's question for him (asked or skipped) and the days she plans.

Both are changes like any other (one undoable step each, written inside `changing`).
A plan for a day that passed is never counted against her: only today's and
later ones are shown, and the guide offers today's first (store/guide/today.py).
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, timedelta

from .base import OpenStore, catching_up
from .errors import UsageError
from .files import converters as conv
from .files.loaded import Op
from .guide.questions import QUESTION_REST, TALK, Question, asked_in, todays_question
from .model import rules
from .model.days import check_bounds
from .model.memo import remembered
from .model.records import CheckIn, Plan, Strategy


class Planning(OpenStore):
    def _active(self, key: str) -> Strategy:
        strategy = self.strategy(key)
        if strategy.archived:
            raise UsageError(f"'{key}' is archived; restore it to the board first")
        return strategy

    def _new_check_in(self, key: str, day: date, action: str, note: str, went: str) -> CheckIn:
        created = self.clock.now().astimezone(UTC).isoformat(timespec="seconds")
        return CheckIn(uuid.uuid4().hex, key, day, action.strip(), note.strip(), created, rules.valid_went(went))

    # -- the days she plans ----------------------------------------------------

    def plans(self) -> list[Plan]:
        """Her plans for today and the days ahead, soonest first."""
        today = self.today()
        return sorted((p for p in self._records.plans.values() if p.day >= today and p.strategy in self._records.strategies),
                      key=lambda p: (p.day, p.created, p.id))

    @catching_up
    def add_plan(self, key: str, day: date, action: str = "") -> Plan:
        """Set a day aside for a strategy (today or later), with an action if she names one."""
        strategy = self._active(key)
        if day < self.today():
            raise UsageError(f"{day:%a %d %b %Y} has passed; plan today or a day ahead")
        check_bounds(day)
        created = self.clock.now().astimezone(UTC).isoformat(timespec="seconds")
        plan = Plan(uuid.uuid4().hex[:8], key, day, action.strip(), created)
        self._commit(f"plan of {strategy.title} for {short(day)}", [("plans", plan.id, None, conv.plan_to_doc(plan))])
        return plan

    @catching_up
    def remove_plan(self, plan_id: str) -> Plan:
        plan = self._records.plans.get(plan_id.strip())
        if plan is None:
            raise UsageError(f"no plan with id '{plan_id}'; `bondtui plan list` shows them")
        self._commit(f"removal of the plan for {short(plan.day)}", [("plans", plan.id, conv.plan_to_doc(plan), None)])
        return plan

    # -- the day's question ----------------------------------------------------

    def question(self) -> Question | None:
        """Today's question for him (see store/guide/questions.py)."""
        today = self.today()  # the Today panel asks on every redraw: made once per change and day
        return remembered(self._memo, ("question", today),
                          lambda: todays_question(self.settings, today.toordinal(), self._questions_used(today)))

    def _questions_used(self, today: date) -> dict[str, int]:
        """Question id -> the last day it was asked or skipped: as the store kept it, or as a Talk check-in says."""
        used = {key: _ordinal(day) for key, day in self._questions_kept().items()}
        since = today - timedelta(days=QUESTION_REST)
        self._records.need(since.toordinal())
        by_day = self._records.done.get(TALK, {})
        days = (since + timedelta(days=n) for n in range(QUESTION_REST + 1))  # those days only, not every year's
        logged = [(day.toordinal(), self._records.check_ins[i].action) for day in days if day in by_day
                  for i in by_day[day]]
        for key, day in asked_in(logged, self.settings).items():
            used[key] = max(used.get(key, day), day)
        return used

    def _question_used(self, question: Question) -> Op:
        kept = self._questions_kept()
        before = {"id": "questions", "used": kept} if self._database.get("meta", "questions") else None
        used = {**kept, question.id: self.today().isoformat()}
        return ("meta", "questions", before, {"id": "questions", "used": used})

    def _questions_kept(self) -> dict[str, str]:
        try:
            return conv.questions_from_doc(self._database.get("meta", "questions") or {"id": "questions", "used": {}})
        except ValueError:  # a hand-edited record: it only makes questions come back sooner
            return {}

    @catching_up
    def ask_question(self, note: str = "", went: str = "") -> tuple[Question, CheckIn]:
        """Log today's question as asked: a Talk check-in with the question as its action and his answer as the note."""
        question = self._todays_question()
        if TALK not in self._records.strategies:
            raise UsageError(f"a question asked is logged under '{TALK}' (talking with him), which is not here; "
                             f"add a strategy with the key '{TALK}' to log questions")
        strategy = self._active(TALK)
        check_in = self._new_check_in(TALK, self.today(), question.text, note, went)
        self._commit(f"question asked: {strategy.title} on {short(check_in.day)}",
                     [("checkins", check_in.id, None, conv.check_in_to_doc(check_in)),
                      self._question_used(question)])
        return question, check_in

    @catching_up
    def skip_question(self) -> Question:
        """Move on from today's question; it rests like one asked. Returns the one skipped."""
        question = self._todays_question()
        self._commit("skip of the day's question", [self._question_used(question)])
        return question

    def _todays_question(self) -> Question:
        question = self.question()
        if question is None:
            raise UsageError("the deck has no question for him")
        return question


def _ordinal(day: object) -> int:
    """A day the store kept, as an ordinal; a hand-edited one that is not a day counts as long ago."""
    try:
        return date.fromisoformat(str(day)).toordinal()
    except ValueError:
        return -QUESTION_REST


def short(day: date) -> str:
    return day.strftime("%a %d %b %Y")
