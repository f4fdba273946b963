"""The week in review and the year's page: opening the review screen against the history screen, and the page of a
whole year of a long database, its time and size.

    python bench/review.py DB [--opens 15]     # `make bench` runs it on the thirty-year database
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

NOW = datetime.fromisoformat("2026-11-29T20:00:00+00:00")


async def open_ms(app, pilot, screen) -> float:
    """Milliseconds from pushing `screen` to its first frame; it is popped again after."""
    start = time.perf_counter()
    await app.push_screen(screen)
    await pilot.pause()
    elapsed = (time.perf_counter() - start) * 1000
    app.pop_screen()
    await pilot.pause()
    return elapsed


def measure(db: Path, opens: int = 15) -> dict:
    from store import FixedClock, Store
    from tui.board.app import BondApp
    from tui.board.screens.history import HistoryScreen
    from tui.board.screens.review import ReviewScreen
    from tui.year_page import year_page

    store = Store.open(db, FixedClock(NOW))
    app = BondApp(store=store)
    figures: dict = {}

    async def run() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            largest = max(store.strategies(), key=lambda s: len(store.done_days(s.key)))

            reviews, histories = [], []
            for _ in range(opens):  # alternating, so that a noisy moment falls on both
                reviews.append(await open_ms(app, pilot, ReviewScreen(store)))
                histories.append(await open_ms(app, pilot, HistoryScreen(store, largest.key)))
            figures["review"], figures["history"] = statistics.median(reviews), statistics.median(histories)

    asyncio.run(run())
    year = NOW.year - 1
    times, page = [], ""
    for _ in range(5):
        start = time.perf_counter()
        page = year_page(store, year)
        times.append((time.perf_counter() - start) * 1000)
    figures.update(year=year, page_ms=statistics.median(times), page_kb=len(page.encode()) / 1024)
    store.close()
    return figures


def render(figures: dict, years: float | None = None) -> str:
    size = f" ({years:g} years)" if years is not None else ""
    return (f"The week in review{size}: the screen opens in {figures['review']:.1f} ms against "
            f"{figures['history']:.1f} ms for the history screen, {figures['review'] / figures['history']:.2f}× "
            f"(target ≤ 1.3×). The page of {figures['year']} (`review --year {figures['year']} --html`): "
            f"{figures['page_ms']:.0f} ms to make, {figures['page_kb']:.0f} KB (limit 2 MB).")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--opens", type=int, default=15)
    args = parser.parse_args()
    print(render(measure(args.db, args.opens)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
