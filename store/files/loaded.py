"""The set in memory: every record as a domain object, indexed by strategy and day.

Built once at open from the main file. It holds every day from `loaded_from` on;
the closed years before that are read a year at a time, only when something looks
at them (the history of an old year, export, a change that reaches back).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import DataError
from ..model.memo import Memo, remembered
from ..model.paused import Paused
from ..model.records import SHARED_SETTINGS, Away, CheckIn, Plan, Settings, Skip, Strategy
from .converters import (
    away_from_doc,
    check_in_from_doc,
    plan_from_doc,
    settings_from_doc,
    skip_from_doc,
    strategy_from_doc,
)
from .database import Database
from .layout import YEAR_TABLES, Op as Op, main_from, read_years, stale as layout_stale
from .reading import MODEL_TABLES, not_bondtui, read_regular, year_problem


class LoadedRecords:
    """What the Store knows, read from the set; `reopen` is called when a closed year read late was replaced meanwhile."""

    def __init__(self, path: Path, data: dict[str, Any], database: Database, memo: Memo, loaded_from: int,
                 reopen: Callable[[], None]):
        self.path = path
        self._database = database
        self._memo = memo  # derived values of today's data, shared with the Store: cleared when more is read
        self._reopen = reopen
        self.house: Callable[[], Settings] | None = None  # a later child's: her settings, from the first child's set
        self._merged: tuple[Settings, Settings, Settings] | None = None
        self.load(data, loaded_from)

    @property
    def settings(self) -> Settings:
        """His settings (store/family.py): his own, and hers from the first child's set when he is a later child."""
        if self.house is None:
            return self.own_settings
        own, hers = self.own_settings, self.house()
        if self._merged is None or self._merged[0] is not own or self._merged[1] is not hers:
            self._merged = (own, hers, own._replace(**{name: getattr(hers, name) for name in SHARED_SETTINGS}))
        return self._merged[2]

    def load(self, data: dict[str, Any], loaded_from: int) -> None:
        """Hold `data`, which has every day from `loaded_from` (an ordinal) on."""
        self.strategies: dict[str, Strategy] = {}
        self.check_ins: dict[str, CheckIn] = {}
        self.done: dict[str, dict[date, list[str]]] = defaultdict(lambda: defaultdict(list))
        self.done_ordinals: dict[str, set[int]] = defaultdict(set)  # the same days, for the streak engine
        self.skips: dict[str, Skip] = {}
        self.skipped: dict[str, dict[date, str]] = defaultdict(dict)
        self.away: dict[str, Away] = {}
        self.plans: dict[str, Plan] = {}
        self.own_settings = Settings()
        shared: dict[str, Any] = {}
        for table in MODEL_TABLES:
            for record_id, doc in data.get(table, {}).items():
                try:
                    if table == "checkins":  # the many: indexed here without the general path
                        for field in ("strategy", "day", "action"):  # one copy of each repeated text
                            if field in doc:
                                doc[field] = shared.setdefault(doc[field], doc[field])
                        check_in = check_in_from_doc(doc)
                        self._add_check_in(check_in)
                    else:
                        self.apply(table, None, doc)
                except (ValueError, TypeError, KeyError, AttributeError) as error:
                    raise DataError(not_bondtui(self.path, f"{table} record {record_id}: {error}")) from None
        # The year files are read only when something looks before this day (an ordinal), a year at a time.
        self.loaded_from = loaded_from

    def apply(self, table: str, before: dict[str, Any] | None, after: dict[str, Any] | None) -> list[tuple[str, date]]:
        """Bring the model in line with one record edit that is already on disk; the (strategy, day) it changed."""
        changed = []
        if table == "strategies":
            if before:
                self.strategies.pop(before["key"], None)
            if after:
                strategy = strategy_from_doc(after)
                self.strategies[strategy.key] = strategy
        elif table == "checkins":
            if before:
                old = self.check_ins.pop(before["id"])
                ids = self.done[old.strategy][old.day]
                ids.remove(old.id)
                if not ids:
                    del self.done[old.strategy][old.day]
                    self.done_ordinals[old.strategy].discard(old.day.toordinal())
                changed.append((old.strategy, old.day))
            if after:
                check_in = check_in_from_doc(after)
                self._add_check_in(check_in)
                changed.append((check_in.strategy, check_in.day))
        elif table == "skips":
            if before:
                gone = self.skips.pop(before["id"])
                self.skipped[gone.strategy].pop(gone.day, None)
                changed.append((gone.strategy, gone.day))
            if after:
                skip = skip_from_doc(after)
                self._add_skip(skip)
                changed.append((skip.strategy, skip.day))
        elif table == "away":
            if before:
                self.away.pop(before["id"], None)
            if after:
                away = away_from_doc(after)
                self.away[away.id] = away
        elif table == "plans":
            if before:
                self.plans.pop(before["id"], None)
            if after:
                plan = plan_from_doc(after)
                self.plans[plan.id] = plan
        elif table == "settings":
            self.own_settings = settings_from_doc(after or {})
        return changed

    def _add_check_in(self, check_in: CheckIn) -> None:
        self.check_ins[check_in.id] = check_in
        self.done[check_in.strategy][check_in.day].append(check_in.id)
        self.done_ordinals[check_in.strategy].add(check_in.day.toordinal())

    def _add_skip(self, skip: Skip) -> None:
        self.skips[skip.id] = skip
        self.skipped[skip.strategy][skip.day] = skip.id

    # -- the closed years, read when looked at ---------------------------------

    def need(self, day: int) -> None:
        """Make sure the model holds every day from `day` (an ordinal) on: reads the closed years from day's year on.

        All or nothing: a year file that is missing or broken raises DataError (for a
        writer) and leaves the model as it was; nothing has been written.
        """
        if day >= self.loaded_from:
            return
        first = date.fromordinal(max(day, 1)).year
        storage = self._database.storage
        wanted = {year: entry for year, entry in storage.manifest.items()
                  if int(year) >= first and year not in storage.read_years}
        try:
            tables = read_years(self.path, wanted, read_regular)
        except ValueError as error:
            if not storage.replaced():
                raise DataError(year_problem(self.path, error)) from None
            # Another writer replaced the set since this copy read the main file: read the whole set as it is now.
            self._reopen()
            return
        check_ins: list[CheckIn] = []
        skips: list[Skip] = []
        for table, records in tables.items():  # every record converted before the model takes any
            for record_id, doc in records.items():
                try:
                    if table == "checkins":
                        check_ins.append(check_in_from_doc(doc))
                    else:
                        skips.append(skip_from_doc(doc))
                except (ValueError, TypeError, KeyError, AttributeError) as error:
                    raise DataError(not_bondtui(self.path, f"{table} record {record_id}: {error}")) from None
        for check_in in check_ins:
            self._add_check_in(check_in)
        for skip in skips:
            self._add_skip(skip)
        storage.add_past(tables, set(wanted))
        earlier = any(year not in storage.read_years for year in storage.manifest)
        self.loaded_from = date(first, 1, 1).toordinal() if earlier else 0
        self._memo.clear()

    def load_past(self) -> None:
        """Read every closed year's file into the model; the checkpoints stay right (they never saw a difference)."""
        self.need(0)

    def tables(self) -> dict[str, Any]:
        """Every table, the closed years included (for export, merge and import)."""
        self.load_past()
        return self._database.storage.read()

    def need_for_ops(self, ops: Iterable[Op], today: date) -> None:
        """Before a write, read the year files it rewrites: a closed year it changes is written whole,
        and so is a year whose days the main file lets go as its start moves on (or takes back, if the clock went back)."""
        days = [_day_ordinal(before or after or {}) for table, _, before, after in ops if table in YEAR_TABLES]
        if days:
            self.need(min(days))
        storage = self._database.storage
        if stale := layout_stale(storage.manifest, storage.read_years, main_from(today)):
            self.need(date(int(min(stale)), 1, 1).toordinal())

    # -- views -------------------------------------------------------------------

    def ordered(self, *, archived: bool = False) -> list[Strategy]:
        """Strategies in board order; archived ones only when asked."""
        found = [s for s in self.strategies.values() if archived or not s.archived]
        return sorted(found, key=lambda s: (s.position, s.key))

    def away_ranges(self) -> list[tuple[int, int]]:
        return [(away.start.toordinal(), away.end.toordinal()) for away in self.away.values()]

    def away_days(self) -> Paused:
        return remembered(self._memo, "away", lambda: Paused.make((), self.away_ranges()))

    def paused_days(self, key: str) -> Paused:
        """Days the strategy is not expected: its skips and every away period, as ranges."""
        return remembered(self._memo, ("paused", key),
                          lambda: Paused.make((day.toordinal() for day in self.skipped.get(key, {})), self.away_ranges()))


def _day_ordinal(doc: dict[str, Any]) -> int:
    try:
        return date.fromisoformat(doc["day"]).toordinal()
    except (KeyError, TypeError, ValueError):
        return 0  # not a day: read everything, and let the change be refused as before
