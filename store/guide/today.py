"""The guide's side of the Store: today's suggestions, and the replay memory kept between sessions.

The guide replays the recent past day by day (store/guide/suggest.py). Where the replay
stands at the start of a day rides along with a write in the "derived" table, so
the next start replays only the days since; the closed years are read only when
the days read do not reach back as far as the replay looks.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from ..files.database import Database
from ..files.derived import reach_of
from ..files.loaded import LoadedRecords
from ..model.days import Clock
from ..model.memo import Memo, remembered
from ..model.records import Strategy, Suggestion
from .need import Periods
from .suggest import FLAT_REST, NOTE_DAYS, Memory, Recent, first_replayed, keeps, replay, suggest

GUIDE_ID = "~guide"  # the guide's saved replay in the "derived" table (no strategy key can hold "~")


def _planned_when(created: str, clock: Clock, today: date) -> str:
    """ "You planned this on Sunday." (or "earlier today"), from when the plan was made."""
    try:
        made = datetime.fromisoformat(created).astimezone(clock.now().tzinfo).date()
    except ValueError:
        return "You planned this."
    if made == today:
        return "You planned this earlier today."
    return f"You planned this on {made:%A}." if (today - made).days < 7 else f"You planned this on {made:%d %B}."


class Guide:
    """Suggestions from the records, memoised in the Store's `memo` like every derived value."""

    def __init__(self, records: LoadedRecords, database: Database, memo: Memo, clock: Clock, today: Callable[[], date],
                 stored: dict[str, Any]):
        self._records = records
        self._database = database
        self._memo = memo
        self._clock = clock
        self._today = today
        self.reset(stored)

    def reset(self, stored: dict[str, Any]) -> None:
        """Take up the replay that `stored` (the "derived" table) holds, if any."""
        self._saved = Memory.from_doc(stored.get(GUIDE_ID) or {})

    def suggestions(self) -> list[Suggestion]:
        """Today's suggestions at this hour, best first; the same list for the same data, day and hour."""
        now = self._clock.now()
        today = self._today()
        return remembered(self._memo, ("suggestions", today, now.hour),  # the Today panel asks several times per key
                          lambda: self._planned_first(suggest(*self._replayed(today), hour=now.hour, today=today),
                                                      today))

    def _planned_first(self, found: list[Suggestion], today: date) -> list[Suggestion]:
        """What she planned for today comes first, goal met or not, until it is done (nothing while he is away)."""
        day = today.toordinal()
        if day in self._records.away_days():
            return found
        firsts = []
        for plan in sorted(self._records.plans.values(), key=lambda p: (p.created, p.id)):
            strategy = self._records.strategies.get(plan.strategy)
            if plan.day != today or strategy is None or strategy.archived or day in self._records.done_ordinals[strategy.key]:
                continue
            own = next((s for s in found if s.strategy == strategy.key), None)
            action = plan.action or (own.action if own else strategy.title)
            firsts.append(Suggestion(strategy.key, action, _planned_when(plan.created, self._clock, today),
                                     strategy.size_of(action) if plan.action else own.size if own else "moment",
                                     "planned"))
        return firsts + [s for s in found if not any(f.strategy == s.strategy and f.action == s.action for f in firsts)]

    def _replayed(self, today: date) -> tuple[Recent, Memory]:
        """What the guide reads, and what its replay learned up to today (see store/guide/suggest.py)."""
        def replayed() -> tuple[Recent, Memory]:
            first = min(first_replayed(today, self._saved) - 7, today.toordinal() - max(NOTE_DAYS, FLAT_REST))
            while self._records.loaded_from and not self._fits(first):  # one more closed year until it fits
                self._records.need(self._records.loaded_from - 1)
            recent = self._recent(today, first)
            return recent, replay(recent, today.toordinal(), self._saved)

        return remembered(self._memo, ("guide", today), replayed)

    def _fits(self, first: int) -> bool:
        """Whether the guide, replaying from `first`, finds all it looks at in the days read.

        It looks a period and four weeks back from each day, back to the last
        check-in before the replay, and back along a run of done or paused days:
        each strategy needs a check-in and a day that breaks such a run in the days read.
        """
        for strategy in self._records.ordered():
            key = strategy.key
            if first - reach_of(strategy) < self._records.loaded_from:
                return False
            done, paused = self._records.done_ordinals[key], self._records.paused_days(key)
            days = range(first - 1, self._records.loaded_from - 1, -1)
            if not any(day in done for day in days) or all(day in done or day in paused for day in days):
                return False
        return True

    def kept_open(self) -> list[str]:
        """The strategies she keeps already (done on each of the last seven days) that today still waits for:
        shown with their streaks, never offered first (store/guide/suggest.py)."""
        today = self._today().toordinal()
        return [s.key for s in self._records.ordered()
                if keeps(self._records.done_ordinals[s.key], today) and today not in self._records.done_ordinals[s.key]
                and today not in self._records.paused_days(s.key)]

    def save(self) -> None:
        """Keep where the replay stands at the start of today, riding along with a write."""
        today = self._today()
        if self._records.strategies and (self._saved is None or self._saved.day != today.toordinal()):
            memory = self._replayed(today)[1]
            self._database.put("derived", GUIDE_ID, {"id": GUIDE_ID, **memory.to_doc()})
            self._saved = memory

    def _recent(self, today: date, first: int) -> Recent:
        """The done and paused days, and the check-ins from day `first` (an ordinal) to today."""
        days = [date.fromordinal(o) for o in range(first, today.toordinal() + 1)]
        strategies = tuple(self._records.ordered())
        entries = {}
        for strategy in strategies:
            by_day = self._records.done.get(strategy.key, {})
            entries[strategy.key] = {day.toordinal(): [self._records.check_ins[i] for i in by_day[day]]
                                     for day in days if day in by_day}
        week_start, last = self._records.settings.week_start, today.toordinal()
        return Recent(strategies, {s.key: Periods(s, first, last, week_start) for s in strategies},
                      {s.key: self._records.done_ordinals[s.key] for s in strategies},
                      {s.key: self._records.paused_days(s.key) for s in strategies},
                      self._records.away_days(), entries, self._records.settings, self._clock.now().tzinfo,
                      {s.key: self._started(s) for s in strategies})

    def _started(self, strategy: Strategy) -> int:
        """The strategy's first day: its start, or an earlier check-in (a closed year not read holds older ones)."""
        done = self._records.done_ordinals[strategy.key]
        first = min(strategy.since.toordinal(), min(done, default=strategy.since.toordinal()))
        return min(first, self._records.loaded_from - 1) if self._records.loaded_from else first
