"""`bondtui serve` as she runs it: the address and its QR code, where it listens, two pages at once, and the end.

Every connection is to 127.0.0.1, also when --lan listens on every interface.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import aiohttp
import pytest
import segno

from store import FixedClock, Store
from tests.browser import free_port
from tests.conftest import NOW
from tui.serve.qr import half_blocks

pytestmark = [pytest.mark.slow, pytest.mark.serial]  # real servers and boards, timed in seconds

BONDTUI = Path(sys.executable).parent / "bondtui"


class Served:
    """`bondtui serve` running in a process of its own, on a free port, with her data and config in tmp_path."""

    def __init__(self, tmp_path: Path, *args: str) -> None:
        self.port = free_port()
        self.db = tmp_path / "bond.json"
        self.env = {**{k: v for k, v in os.environ.items() if not k.startswith(("BONDTUI", "TEXTUAL"))},
                    "BONDTUI_DB": str(self.db), "BONDTUI_CONFIG": str(tmp_path / "config" / "config.toml"),
                    "BONDTUI_NOW": NOW.isoformat(), "TZ": "UTC", "HOME": str(tmp_path)}
        self.process = subprocess.Popen([str(BONDTUI), "serve", "--port", str(self.port), *args], env=self.env,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.printed = ""
        deadline = time.monotonic() + 30
        while "ctrl+c" not in self.printed:
            line = self.process.stdout.readline()
            if not line or time.monotonic() > deadline:
                raise AssertionError(f"bondtui serve printed:\n{self.printed}\n{self.process.stderr.read()}")
            self.printed += line
        self.address = next(word for word in self.printed.split() if "?key=" in word)
        self.key = self.address.split("?key=", 1)[1]
        self.local = f"http://127.0.0.1:{self.port}"
        self._wait_until_listening()

    def _wait_until_listening(self) -> None:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if listening(self.port):
                return
            time.sleep(0.05)
        raise AssertionError("the server never listened")

    def boards(self) -> list[int]:
        """The board processes started for pages (children of the server, through the shell's exec)."""
        found = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                except OSError:
                    continue
                if int(stat.rsplit(")", 1)[1].split()[1]) == self.process.pid:
                    found.append(int(entry.name))
        return found

    def stop(self, how: int = signal.SIGTERM) -> int:
        self.process.send_signal(how)
        try:
            return self.process.wait(timeout=20)
        finally:
            if self.process.poll() is None:
                self.process.kill()


def listening(port: int) -> list[str]:
    """The local addresses (hex, as /proc/net/tcp says them) listening on `port`."""
    found = []
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        if state == "0A" and int(local.split(":")[1], 16) == port:
            found.append(local.split(":")[0])
    return found


@pytest.fixture
def served(tmp_path):
    running: list[Served] = []

    def start(*args: str) -> Served:
        running.append(Served(tmp_path, *args))
        return running[-1]

    yield start
    for each in running:
        if each.process.poll() is None:
            each.process.kill()
            each.process.wait()


def test_this_machine_only_unless_lan(served):
    local = served()
    assert listening(local.port) == ["0100007F"]  # 127.0.0.1
    assert local.address.startswith(f"http://127.0.0.1:{local.port}/?key=")
    assert local.stop() == 0
    lan = served("--lan")
    assert listening(lan.port) == ["00000000"]  # every interface
    assert "home network" in lan.printed
    assert lan.stop() == 0


def test_the_address_and_its_qr_code_are_printed_even_into_a_pipe(served):
    running = served()
    assert running.printed.count("?key=") == 1  # one address, the one with the key
    code = [line for line in running.printed.splitlines() if set(line) <= set("█▀▄ ") and line.strip()]
    assert len(code) >= 15 and "█" in code[0]
    assert running.stop(signal.SIGINT) == 0  # ctrl+c


def test_the_qr_code_is_the_address():
    address = "http://192.168.1.23:8765/?key=" + "k" * 32
    lines = half_blocks(address).splitlines()
    rows = []
    for line in lines:  # two rows of modules a line; a block is a light module
        rows.append([ch in "█▀" for ch in line])
        rows.append([ch in "█▄" for ch in line])
    dark = [[not light for light in row] for row in rows]
    expected = [list(map(bool, row)) for row in segno.make(address, error="m").matrix_iter(scale=1, border=2)]
    assert dark[:len(expected)] == expected


async def _page(session: aiohttp.ClientSession, served: Served) -> aiohttp.ClientWebSocketResponse:
    socket = await session.ws_connect(f"ws://127.0.0.1:{served.port}/ws?width=100&height=30",
                                      headers={"Cookie": f"bondtui_key={served.key}"})
    await socket.send_str(json.dumps(["resize", {"width": 100, "height": 30}]))
    return socket


async def _read_until(socket: aiohttp.ClientWebSocketResponse, needle: bytes, timeout: float = 20) -> bytes:
    seen = b""
    deadline = time.monotonic() + timeout
    while needle not in seen:
        message = await asyncio.wait_for(socket.receive(), max(0.1, deadline - time.monotonic()))
        if message.type == aiohttp.WSMsgType.BINARY:
            seen += message.data
        elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
            raise AssertionError(f"the page's board ended; it showed {seen[-400:]!r}")
    return seen


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "ctrl+c"])
async def test_stopping_ends_every_pages_board_saved(served, how):
    running = served()
    async with aiohttp.ClientSession() as session:
        pages = [await _page(session, running), await _page(session, running)]
        for page in pages:
            await _read_until(page, b"Today")
        boards = running.boards()
        assert len(boards) == 2  # each page its own board
        await pages[0].send_str(json.dumps(["stdin", " "]))  # space: Talk checked in on the first page
        await _read_until(pages[1], b"1 of 7", timeout=5)  # and the second page shows it within a second
        code = await asyncio.to_thread(running.stop, how)
    assert code == 0
    for pid in boards:
        assert not Path(f"/proc/{pid}").exists() or "Z" in Path(f"/proc/{pid}/stat").read_text().split()[2]
    with Store.open(running.db, FixedClock(NOW)) as store:  # the lock is free, and the check-in saved
        assert store.is_done("talk", store.today())


async def test_a_board_that_cannot_open_ends_its_page_and_says_why_where_she_served_it(served):
    running = served()
    running.db.write_text("{ not bondtui")  # her data broken after the server started
    async with aiohttp.ClientSession() as session:
        page = await _page(session, running)
        message = await asyncio.wait_for(page.receive(), 20)
        while message.type == aiohttp.WSMsgType.BINARY:
            message = await asyncio.wait_for(page.receive(), 20)
        assert message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)  # the page ends, not hangs
    assert running.stop() == 0
    assert "not usable bondtui data" in running.process.stdout.read()  # told in her terminal
    assert running.db.read_text() == "{ not bondtui"
