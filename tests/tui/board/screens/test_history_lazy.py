"""The history of this year on thirty years of data: it opens without reading a closed year,
and shows what a count over every year shows."""

from __future__ import annotations

import builtins
import io
import os
from argparse import Namespace
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import OptionList, Static

from bench.generate import build
from store import Store
from store.files.layout import year_folder
from store.files.storage import serialise, write_atomically
from tests.kill_child import new_clock
from tui.board.app import BondApp
from tui.board.screens.history import HistoryScreen
from tui.board.widgets.heatmap import Heatmap
from tui.cli.commands import history as history_command

pytestmark = pytest.mark.slow  # `make check` leaves it to `make test`

PARTS = ("title", "summary", "legend", "strength", "months", "runs", "journal-heading")


@pytest.fixture(scope="module")
def thirty_years(tmp_path_factory) -> Path:
    """Thirty years in the year-file layout, and the checkpoints a write leaves beside them."""
    path = tmp_path_factory.mktemp("thirty") / "bond.json"
    data = build(30, seed=11)
    data["meta"]["meta"]["schema_version"] = 1  # as bondtui wrote it before the layout: the write migrates it
    write_atomically(path, serialise(data))
    with Store.open(path, new_clock()) as store:
        store.archive_strategy("letter")  # an archived strategy keeps its history in the overview
    return path


@pytest.fixture
def opened(monkeypatch) -> list[str]:
    """Every file opened from now on, by path."""
    found: list[str] = []
    real_os_open, real_open = os.open, builtins.open

    def watch_os_open(file, *args, **kwargs):
        found.append(os.fspath(file))
        return real_os_open(file, *args, **kwargs)

    def watch_open(file, *args, **kwargs):
        if isinstance(file, (str, os.PathLike)):
            found.append(os.fspath(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", watch_os_open)
    monkeypatch.setattr(builtins, "open", watch_open)
    return found


def closed_years_opened(opened: list[str], path: Path) -> list[str]:
    """The files of years before this one among those opened (this year's own file holds its older days)."""
    folder, this_year = str(year_folder(path)), new_clock().now().year
    return [file for file in opened if folder in file and int(Path(file).name[:4]) < this_year]


def counted_from_nothing(path: Path) -> Store:
    """A store holding every year, with no checkpoint: every number counted from the first check-in."""
    store = Store.open(path, new_clock(), read_only=True)
    store._records.load_past()
    store._derived.checkpoints.clear(), store._derived.stored.clear(), store._memo.clear()
    return store


async def shown(store: Store, tmp_path: Path) -> list[dict]:
    """What the history shows of talk, then of every strategy: each part's text, the calendar, the journal."""
    app = BondApp(store=store, theme_dir=tmp_path / "themes")
    views = []
    async with app.run_test(size=(120, 40)) as pilot:
        await app.push_screen(HistoryScreen(store, "talk"))
        await pilot.pause()
        for _ in range(2):
            screen = app.screen
            heatmap = screen.query_one(Heatmap)
            views.append({**{part: str(screen.query_one(f"#{part}", Static).render()) for part in PARTS},
                          "calendar": (heatmap.year, heatmap.states, heatmap.shares),
                          "journal": [str(o.prompt) for o in screen.query_one("#journal", OptionList).options]})
            await pilot.press("tab")
            await pilot.pause()
    return views


async def test_the_history_of_this_year_reads_no_closed_year(thirty_years, opened, tmp_path):
    with Store.open(thirty_years, new_clock(), read_only=True) as lazy:
        views = await shown(lazy, tmp_path)
        assert str(thirty_years) in opened  # the watch sees the main file read
        assert closed_years_opened(opened, thirty_years) == []
        assert lazy._records.loaded_from >= date(2026, 1, 1).toordinal()  # nothing of the closed years in memory either
    talk, everything = views
    assert talk["title"].endswith("· 2026") and everything["title"] == "All strategies · 2026"
    assert talk["journal-heading"].startswith("Journal of 2026: ") and talk["journal"]
    assert "A letter for later (arc…" in everything["strength"]
    with counted_from_nothing(thirty_years) as full:
        assert await shown(full, tmp_path) == views


def test_bondtui_history_of_this_year_reads_no_closed_year(thirty_years, opened):
    out = io.StringIO()
    with Store.open(thirty_years, new_clock(), read_only=True) as lazy:
        assert history_command(lazy, Namespace(key="talk", year=None, json=False), out) == 0
    assert closed_years_opened(opened, thirty_years) == []
    expected = io.StringIO()
    with counted_from_nothing(thirty_years) as full:
        history_command(full, Namespace(key="talk", year=None, json=False), expected)
    assert out.getvalue() == expected.getvalue()
    assert "Streak runs in 2026, longest first" in out.getvalue()


@pytest.mark.parametrize("year", [1997, 2013, 2025])
def test_bondtui_history_of_a_closed_year_counts_as_a_full_count(thirty_years, year):
    out, expected = io.StringIO(), io.StringIO()
    with Store.open(thirty_years, new_clock(), read_only=True) as lazy:
        history_command(lazy, Namespace(key="talk", year=year, json=False), out)
    with counted_from_nothing(thirty_years) as full:
        history_command(full, Namespace(key="talk", year=year, json=False), expected)
    assert out.getvalue() == expected.getvalue() and f"Journal of {year}" in out.getvalue()


def test_this_years_numbers_from_its_saved_start_equal_a_full_count(thirty_years, opened):
    """Exactly: each day's strength, each day's look, the runs and the first day, for every strategy."""
    from datetime import date

    def numbers(store: Store) -> dict:
        today = store.today()
        return {s.key: (store.strength_series(s.key, date(today.year, 1, 1), today),
                        store.day_states(s.key, date(today.year, 1, 1), date(today.year, 12, 31)),
                        store.runs(s.key, today.year), store.first_day(s.key), store.streak(s.key))
                for s in store.strategies(archived=True)}

    with Store.open(thirty_years, new_clock(), read_only=True) as lazy:
        found = numbers(lazy)
        assert lazy._records.loaded_from >= date(2026, 1, 1).toordinal() and not closed_years_opened(opened, thirty_years)
    with counted_from_nothing(thirty_years) as full:
        assert numbers(full) == found


def test_the_saved_checkpoints_hold_a_bounded_part_of_thirty_years(thirty_years):
    """Of the runs before the cut, the longest by each measure and this year's: not all of them."""
    import orjson

    from store import RUNS_KEPT

    derived = orjson.loads(thirty_years.read_bytes())["derived"]
    with counted_from_nothing(thirty_years) as full:
        year_start = full.today().replace(month=1, day=1).toordinal()
        for strategy in full.strategies(archived=True):
            saved = derived[strategy.key]["streak"]
            this_year = sum(run[1] >= year_start for run in saved["runs"])
            assert len(saved["runs"]) <= 2 * RUNS_KEPT + this_year
            assert saved["count"] <= full.streak(strategy.key).run_count
            assert set(derived[strategy.key]) == {"id", "streak", "strength", "year"}
        assert sum(full.streak(s.key).run_count for s in full.strategies()) > 4 * RUNS_KEPT  # many more were counted
    assert len(orjson.dumps(derived)) < 25_000
