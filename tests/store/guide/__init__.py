"""The guide's tests. `begun_earlier` opens a database she began weeks before the frozen moment, for the laws
of an established week: her first one is never counted down."""

from __future__ import annotations

from datetime import timedelta

from store import Store


def begun_earlier(db_path, clock, days: int = 21) -> Store:
    """The store at `db_path`, begun `days` days before the clock's moment (the first write made then)."""
    now = clock.moment
    clock.moment = now - timedelta(days=days)
    store = Store.open(db_path, clock)
    store.put_away_welcome()  # the first write: every default strategy is hers from that day
    clock.moment = now
    return store
