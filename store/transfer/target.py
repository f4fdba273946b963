"""The Store as transfer sees it: the few methods an export, a merge and an import use.

A Protocol, so that transfer never imports the Store (it sits above transfer:
store/repository.py); the Store is what is always handed in.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date
from typing import Any, Protocol

from ..files.loaded import Op
from ..model.days import Clock
from ..model.records import Change, CheckIn, Settings, Strategy

Progress = Callable[[int, int], None]  # (done, total), now and then while a long read or plan goes on


class Target(Protocol):
    clock: Clock

    @property
    def settings(self) -> Settings: ...

    def today(self) -> date: ...

    def strategies(self, *, archived: bool = False) -> list[Strategy]: ...

    def check_ins(self, key: str | None = None, day: date | None = None, *, year: int | None = None) -> list[CheckIn]: ...

    def is_done(self, key: str, day: date) -> bool: ...

    def is_skipped(self, key: str, day: date) -> bool: ...

    def changing(self) -> AbstractContextManager[None]: ...

    def name_taken(self, name: str) -> bool: ...

    def _tables(self) -> dict[str, dict[str, Any]]: ...

    def _commit(self, label: str, ops: list[Op], *, undoable: bool = True, stamped: bool = True) -> Change: ...
