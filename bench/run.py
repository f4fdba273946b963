"""The benchmark: start-up, commands, check-in latency, refresh, history and memory.

    make bench                     # 1, 10 and 30 years; prints the table, writes bench/RESULTS.md
    python bench/run.py --quick    # fewer runs, for a first look

Whole-process figures run each command several times, alternating with the
figure it is compared to, and report the median and the spread (min–max).
In-process figures use the app itself with a frozen clock.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent))

from bench.generate import write as write_database  # noqa: E402

PYTHON = sys.executable
BONDTUI = str(Path(PYTHON).with_name("bondtui"))
NOW = "2026-11-29T20:00:00+00:00"
TARGETS = {
    "first frame": 1.3, "today": 1.5, "checkin median": 10.0, "checkin p95": 25.0,
    "refresh": 5.0, "history": 50.0, "memory": 1.5,
}


def timed(command: list[str], env: dict) -> tuple[float, int]:
    """Wall seconds and peak memory (KiB, as the process reports it; 0 if it does not) of one process."""
    with tempfile.NamedTemporaryFile("r", suffix=".kib") as memory:
        start = time.perf_counter()
        done = subprocess.run(command, env={**env, "BENCH_MEMORY_FILE": memory.name},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            raise SystemExit(f"failed: {' '.join(command)}")
        return elapsed, int(memory.read() or 0)


def compare(ours: list[str], floor: list[str], env: dict, runs: int) -> dict:
    """Run the pair alternately; medians, spreads and the ratio of medians."""
    mine, base, mine_mem, base_mem = [], [], [], []
    for _ in range(runs):
        seconds, memory = timed(ours, env)
        mine.append(seconds), mine_mem.append(memory)
        seconds, memory = timed(floor, env)
        base.append(seconds), base_mem.append(memory)
    return {
        "ours": statistics.median(mine), "ours_spread": (min(mine), max(mine)),
        "floor": statistics.median(base), "floor_spread": (min(base), max(base)),
        "ratio": statistics.median(mine) / statistics.median(base),
        "memory_ratio": statistics.median(mine_mem) / (statistics.median(base_mem) or 1),
        "memory": statistics.median(mine_mem), "floor_memory": statistics.median(base_mem),
    }


def used(db: Path) -> Path:
    """The database as a day of use leaves it: the board looked at, one check-in made and taken back.

    That saves the streak checkpoints in the file, as every real session does.
    """
    from store import FixedClock, Store

    with Store.open(db, FixedClock(datetime.fromisoformat(NOW))) as store:
        for strategy in store.strategies():
            store.streak(strategy.key), store.strength(strategy.key)
        store.toggle_check_in("talk"), store.undo()
    return db


def in_process(db: Path, checkins: int) -> dict:
    """Check-in latency, board refresh and history open, measured inside one app."""
    from store import FixedClock, Store
    from tui.app import BondApp
    from tui.screens.history import HistoryScreen

    clock = FixedClock(datetime.fromisoformat(NOW))
    store = Store.open(db, clock)
    app = BondApp(store=store, theme_dir=db.parent / "no-themes")
    figures: dict = {}

    async def measure() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            board = app.screen
            latencies = []
            for _ in range(checkins):  # space on today: check in, then take it back
                start = time.perf_counter()
                board.action_toggle_check_in()  # the key's action: written and fsynced when it returns
                latencies.append((time.perf_counter() - start) * 1000)
            latencies.sort()
            figures["checkin median"] = statistics.median(latencies)
            figures["checkin p95"] = latencies[int(len(latencies) * 0.95) - 1]

            def refresh_ms(prepare) -> float:
                """All streaks, strengths and the suggestion: what the board recomputes."""
                prepare()
                start = time.perf_counter()
                for strategy in store.strategies():
                    store.streak(strategy.key), store.strength(strategy.key)
                store.suggestions()
                return (time.perf_counter() - start) * 1000

            # After a key press, and from nothing (no checkpoint in memory or in the file).
            figures["refresh"] = statistics.median(refresh_ms(lambda: store.toggle_check_in("talk")) for _ in range(20))
            figures["refresh cold"] = statistics.median(
                refresh_ms(lambda: (store._memo.clear(), store._checkpoints.clear(), store._stored.clear()))
                for _ in range(5))

            largest = max(store.strategies(), key=lambda s: len(store.done_days(s.key)))
            opens = []
            for _ in range(5):
                start = time.perf_counter()
                await app.push_screen(HistoryScreen(store, largest.key))
                await pilot.pause()
                opens.append((time.perf_counter() - start) * 1000)
                app.pop_screen()
                await pilot.pause()
            figures["history"] = statistics.median(opens)

    asyncio.run(measure())
    store.close()
    return figures


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else platform.processor()
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=float, nargs="*", default=[1, 10, 30])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--quick", action="store_true", help="3 runs and 50 check-ins")
    args = parser.parse_args()
    runs, checkins = (3, 50) if args.quick else (args.runs, 200)

    work = Path(tempfile.mkdtemp(prefix="bondtui-bench-"))
    rows = {}
    try:
        for years in args.years:
            db = used(write_database(work / f"{years:g}y" / "bond.json", years))
            env = {**os.environ, "BONDTUI_NOW": NOW, "BONDTUI_DB": str(db)}
            row = {"check-ins": len(__import__("orjson").loads(db.read_bytes())["checkins"])}
            frame = compare([PYTHON, str(HERE / "first_frame.py"), "bondtui", str(db)],
                            [PYTHON, str(HERE / "first_frame.py"), "hello"], env, runs)
            today = compare([BONDTUI, "today"], [PYTHON, "-c", "import tinydb, dateutil"], env, runs)
            streaks = compare([BONDTUI, "streaks", "--json"], [PYTHON, "-c", "import tinydb, dateutil"], env, runs)
            row.update({"first frame": frame, "today": today, "streaks": streaks})
            row.update(in_process(db, checkins))
            rows[years] = row
            print(f"{years:g} years done", file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    table = render(rows, runs, checkins)
    print(table)
    from bench.guidance import report as guidance_report

    guidance = guidance_report(runs=runs)
    print(f"\n{guidance}")
    (HERE / "RESULTS.md").write_text(f"# Benchmark results\n\nMachine: {machine()}\n"
                                     f"Run: {datetime.now():%Y-%m-%d %H:%M}, `make bench`\n\n{table}\n\n"
                                     f"## Guidance\n\n{guidance}\n")
    return 0


def render(rows: dict, runs: int, checkins: int) -> str:
    def ms(seconds: float) -> str:
        return f"{seconds * 1000:.0f} ms"

    def pair(figure: dict) -> str:
        lo, hi = figure["ours_spread"]
        return f"{figure['ratio']:.2f}× ({ms(figure['ours'])} [{ms(lo)}–{ms(hi)}] vs {ms(figure['floor'])})"

    header = "| figure | target | " + " | ".join(f"{years:g} years ({row['check-ins']:,} check-ins)" for years, row in rows.items()) + " |"
    lines = [header, "|" + "---|" * (2 + len(rows))]
    lines.append("| first frame vs hello-world Textual | ≤ 1.3× | " + " | ".join(pair(r["first frame"]) for r in rows.values()) + " |")
    lines.append("| `bondtui today` vs `import tinydb, dateutil` | ≤ 1.5× | " + " | ".join(pair(r["today"]) for r in rows.values()) + " |")
    lines.append("| `bondtui streaks --json` vs the same | — | " + " | ".join(pair(r["streaks"]) for r in rows.values()) + " |")
    lines.append("| check-in latency, median | ≤ 10 ms | " + " | ".join(f"{r['checkin median']:.1f} ms" for r in rows.values()) + " |")
    lines.append("| check-in latency, p95 | ≤ 25 ms | " + " | ".join(f"{r['checkin p95']:.1f} ms" for r in rows.values()) + " |")
    lines.append("| board refresh after a change | ≤ 5 ms | " + " | ".join(f"{r['refresh']:.1f} ms" for r in rows.values()) + " |")
    lines.append("| board refresh from nothing | — | " + " | ".join(f"{r['refresh cold']:.1f} ms" for r in rows.values()) + " |")
    lines.append("| history screen open (largest strategy) | ≤ 50 ms | " + " | ".join(f"{r['history']:.0f} ms" for r in rows.values()) + " |")
    lines.append("| peak memory vs hello-world Textual | ≤ 1.5× | " + " | ".join(
        f"{r['first frame']['memory_ratio']:.2f}× ({r['first frame']['memory'] / 1024:.0f} vs {r['first frame']['floor_memory'] / 1024:.0f} MiB)"
        for r in rows.values()) + " |")
    lines.append(f"\nWhole processes: median of {runs} runs each, alternating with the floor, [min–max]. "
                 f"Check-in latency: {checkins} check-ins through the board's space action, each fsynced before it returns.")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
