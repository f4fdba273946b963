"""Shared fixtures: a frozen clock and stores on temporary files."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from store import FixedClock, Store

# A Sunday evening; the week (Monday start) is Mon 23 – Sun 29 Nov 2026.
NOW = datetime(2026, 11, 29, 20, 0, tzinfo=timezone.utc)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "bond.json"


@pytest.fixture
def store(db_path, clock):
    with Store.open(db_path, clock) as opened:
        yield opened
