"""The served board: how long a page waits for its board, and the memory of one page and of five at once.

    python bench/serve.py DB     # `make bench` runs it on the thirty-year database

A page is a websocket, as the browser opens it; the board is drawn when "Today ·"
comes through. Memory is the resident size of the server and every board process.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

BONDTUI = Path(sys.executable).parent / "bondtui"
NOW = "2026-11-29T20:00:00+00:00"


def _port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _rss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


async def _open_pages(port: int, key: str, count: int) -> tuple[list[float], list]:
    """Open `count` pages at once; the seconds until each shows its board."""
    session = aiohttp.ClientSession()
    start = time.perf_counter()

    async def page() -> tuple[float, object]:
        socket_ = await session.ws_connect(f"ws://127.0.0.1:{port}/ws?width=100&height=30",
                                           headers={"Cookie": f"bondtui_key={key}"})
        await socket_.send_str(json.dumps(["resize", {"width": 100, "height": 30}]))
        seen = b""
        while "Today ·".encode() not in seen:
            message = await socket_.receive()
            if message.type != aiohttp.WSMsgType.BINARY:
                raise RuntimeError("the page's board ended before it was drawn")
            seen += message.data
        return time.perf_counter() - start, socket_

    opened = await asyncio.gather(*(page() for _ in range(count)))
    return [seconds for seconds, _ in opened], [session, *[s for _, s in opened]]


def measure(db: Path) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(shutil.copytree(db.parent, Path(folder) / "set")) / db.name
        env = {**os.environ, "BONDTUI_DB": str(copy), "BONDTUI_NOW": NOW,
               "BONDTUI_CONFIG": str(Path(folder) / "config" / "config.toml")}
        port = _port()
        server = subprocess.Popen([str(BONDTUI), "serve", "--port", str(port)], env=env, stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL, text=True)
        try:
            printed = ""
            while "ctrl+c" not in printed:
                printed += server.stdout.readline()
            key = next(word for word in printed.split() if "?key=" in word).split("?key=", 1)[1]
            time.sleep(0.5)
            figures = {"server_mb": _rss_mb([server.pid])}

            async def run() -> None:
                for count in (1, 5):
                    seconds, held = await _open_pages(port, key, count)
                    await asyncio.sleep(1.0)  # settled
                    figures[f"{count}_start"] = statistics.median(seconds) if count == 1 else max(seconds)
                    figures[f"{count}_mb"] = _rss_mb([server.pid, *_children(server.pid)])
                    for socket_ in held[1:]:
                        await socket_.close()
                    await held[0].close()
                    await asyncio.sleep(1.5)  # the boards of the closed pages end

            asyncio.run(run())
        finally:
            server.terminate()
            server.wait(timeout=20)
    return figures


def render(figures: dict, years: float | None = None) -> str:
    size = f" ({years:g} years)" if years is not None else ""
    one, five, alone = figures["1_mb"], figures["5_mb"], figures["server_mb"]
    each = (five - alone) / max(one - alone, 1)
    return (f"The served board{size}: one page shows its board {figures['1_start']:.2f} s after it connects, and "
            f"five opened at once all show theirs within {figures['5_start']:.2f} s "
            f"({figures['5_start'] / figures['1_start']:.1f}×). Memory: the server alone {alone:.0f} MB, "
            f"with one page {one:.0f} MB, with five {five:.0f} MB (the boards: {each:.1f}× one page's).")


def main() -> int:
    db = Path(sys.argv[1])
    print(render(measure(db)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
