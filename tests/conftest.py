"""Shared fixtures: a frozen clock and stores on temporary files."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from store import FixedClock, Store

# A Sunday evening; the week (Monday start) is Mon 23 – Sun 29 Nov 2026.
NOW = datetime(2026, 11, 29, 20, 0, tzinfo=UTC)


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


@pytest.fixture
def cli(tmp_path, monkeypatch, capsys):
    """Run `bondtui ARGS` in process on a temporary file; returns (exit code, stdout, stderr)."""
    from tui.main import main

    monkeypatch.setenv("BONDTUI_DB", str(tmp_path / "bond.json"))
    monkeypatch.setenv("BONDTUI_NOW", NOW.isoformat())

    def run(*args: str):
        code = main(list(args))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    run.path = tmp_path / "bond.json"
    run.monkeypatch = monkeypatch
    return run


@pytest.fixture
def run(cli):
    """The same in-process command line, by the name the file tests use."""
    return cli
