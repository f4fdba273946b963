"""bondtui's headless core: strategies, cadences, streaks, strength, suggestions, storage.

Imports no Textual and no Rich, so the command line stays fast and the core is
easy to test.

The names below are the package's public surface, the only ones `tui/` uses (a
test says so). Each is loaded from its module on first use, so `from store import
UsageError` does not pay for the repository, and `bondtui --version` for nothing.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:  # the same names, for the type checker: at run time each loads on first use
    from .errors import (
        BondError as BondError,
        CadenceError as CadenceError,
        DataError as DataError,
        LockedError as LockedError,
        UsageError as UsageError,
        WriteError as WriteError,
    )
    from .files.changelog import BOARD as BOARD
    from .files.reading import resolve_path as resolve_path
    from .files.restore import find_backup as find_backup, restore
    from .files.storage import backups as backups, write_atomically as write_atomically
    from .guide.questions import TALK as TALK, Question as Question
    from .model.cadence import Cadence as Cadence, Period as Period
    from .model.days import (
        FIRST_DAY as FIRST_DAY,
        LAST_DAY as LAST_DAY,
        WEEKDAY_NAMES as WEEKDAY_NAMES,
        Clock as Clock,
        FixedClock as FixedClock,
        SystemClock as SystemClock,
        local_day as local_day,
        parse_date_arg as parse_date_arg,
        parse_day_ahead as parse_day_ahead,
        week_start_of as week_start_of,
    )
    from .model.history import YearGrid as YearGrid, journal as journal, monthly_counts as monthly_counts
    from .model.records import (
        NUDGE_DEFAULT as NUDGE_DEFAULT,
        SIZE_WORDS as SIZE_WORDS,
        SIZES as SIZES,
        Away as Away,
        Change as Change,
        CheckIn as CheckIn,
        Run as Run,
        Settings as Settings,
        Skip as Skip,
        Strategy as Strategy,
        Streak as Streak,
        Suggestion as Suggestion,
        parse_action as parse_action,
    )
    from .model.rules import valid_nudge as valid_nudge
    from .model.streaks import RUNS_KEPT as RUNS_KEPT
    from .model.strength import miss_cost as miss_cost
    from .repository import Store as Store, child_path as child_path
    from .transfer.conflicts import merge_conflict_copies as merge_conflict_copies, unsure_copies as unsure_copies
    from .transfer.export import export_csv as export_csv, export_json as export_json
    from .transfer.importers import Summary, import_file as import_file
    from .transfer.merge import merge

    # Names of their own here (an import renamed is not a re-export for the type checker).
    restore_backup, merge_copy = restore, merge
    ImportSummary: TypeAlias = Summary


__version__ = "0.1.0"

# public name -> (module, its name there)
_PUBLIC = {
    **{name: ("model.cadence", name) for name in ("Cadence", "Period")},
    **{name: ("model.days", name) for name in (
        "FIRST_DAY", "LAST_DAY", "WEEKDAY_NAMES", "Clock", "FixedClock", "SystemClock", "local_day", "parse_date_arg",
        "parse_day_ahead", "week_start_of")},
    **{name: ("errors", name) for name in (
        "BondError", "CadenceError", "DataError", "LockedError", "UsageError", "WriteError")},
    **{name: ("model.records", name) for name in (
        "SIZES", "SIZE_WORDS", "NUDGE_DEFAULT", "Away", "Change", "CheckIn", "Run", "Settings", "Skip", "Strategy", "Streak",
        "Suggestion", "parse_action")},
    "Store": ("repository", "Store"),
    **{name: ("guide.questions", name) for name in ("Question", "TALK")},  # the day's question, asked under TALK
    "BOARD": ("files.changelog", "BOARD"),  # a board's `origin`: undo tells where each change was made
    "resolve_path": ("files.reading", "resolve_path"),
    # Several children, a set of files each (store/family.py).
    "child_path": ("repository", "child_path"),
    # Reading a year: the calendar grid, month counts, the journal, what a miss costs.
    **{name: ("model.history", name) for name in ("YearGrid", "journal", "monthly_counts")},
    "miss_cost": ("model.strength", "miss_cost"),
    "valid_nudge": ("model.rules", "valid_nudge"),  # the nudge time as the setting and `nudge --at` take it
    "RUNS_KEPT": ("model.streaks", "RUNS_KEPT"),  # a streak's runs hold at least this many longest ones
    # The files: backups of the data file and going back to one (works when the file is broken).
    "backups": ("files.storage", "backups"),
    "write_atomically": ("files.storage", "write_atomically"),
    "find_backup": ("files.restore", "find_backup"),
    "restore_backup": ("files.restore", "restore"),
    # Moving data in and out.
    "export_json": ("transfer.export", "export_json"),
    "export_csv": ("transfer.export", "export_csv"),
    "import_file": ("transfer.importers", "import_file"),
    "ImportSummary": ("transfer.importers", "Summary"),
    "merge_copy": ("transfer.merge", "merge"),
    # A sync tool's conflict copies beside the data: merged by the next writer.
    "merge_conflict_copies": ("transfer.conflicts", "merge_conflict_copies"),
    "unsure_copies": ("transfer.conflicts", "unsure_copies"),
}

__all__ = sorted(_PUBLIC)


def __getattr__(name: str) -> Any:
    try:
        module, attribute = _PUBLIC[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(importlib.import_module(f".{module}", __name__), attribute)
    globals()[name] = value  # the next use is a plain lookup
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_PUBLIC})
