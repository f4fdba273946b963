"""bondtui's headless core: strategies, cadences, streaks, strength, suggestions, storage.

Imports no Textual and no Rich, so the command line stays fast and the core is
easy to test.
"""

__version__ = "0.1.0"

from .cadence import Cadence, Period
from .days import FIRST_DAY, LAST_DAY, Clock, FixedClock, SystemClock, local_day, parse_date_arg
from .errors import BondError, CadenceError, DataError, LockedError, UsageError, WriteError
from .model import SIZES, Away, Change, CheckIn, Run, Settings, Skip, Strategy, Streak, Suggestion, parse_action
from .repository import Store, resolve_path

__all__ = [
    "FIRST_DAY", "LAST_DAY", "SIZES", "Away", "BondError", "Cadence", "CadenceError", "Change", "CheckIn", "Clock",
    "DataError", "FixedClock", "LockedError", "Period", "Run", "Settings", "Skip", "Store", "Strategy", "Streak", "Suggestion",
    "SystemClock", "UsageError", "WriteError", "local_day", "parse_action", "parse_date_arg", "resolve_path",
]
