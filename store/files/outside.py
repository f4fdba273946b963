"""What another writer saved, as edits: the set this copy holds against the main file as it is now.

A board open all day follows the other windows, the command line and the sync tool
through these edits, so that taking in a change made elsewhere costs what showing
its own does: the model and the checkpoints move by the records that changed, and
the closed years already read stay as they are (their files did not change).
"""

from __future__ import annotations

from typing import Any

from .layout import YEAR_TABLES, Op


def edits_between(held: dict[str, Any], fresh: dict[str, Any], held_from: str) -> list[Op]:
    """The edits that turn `held` into `fresh` (a main file), every table; check-ins and skips of days
    before `held_from` (an ISO day, "" for none) live in the closed years' files and are left alone."""
    ops: list[Op] = []
    for table in sorted(held.keys() | fresh.keys()):
        mine, theirs = held.get(table, {}), fresh.get(table, {})
        for record_id, doc in theirs.items():
            old = mine.get(record_id)
            if old != doc:
                ops.append((table, record_id, old, doc))
        closed = held_from if table in YEAR_TABLES else ""
        for record_id, old in mine.items():
            if record_id not in theirs and not (closed and str(old.get("day", "")) < closed):
                ops.append((table, record_id, old, None))
    return ops
