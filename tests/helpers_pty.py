"""Run a command in a pseudo-terminal and talk to it like a person at a keyboard."""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

VENV_BIN = Path(sys.executable).parent
BONDTUI = VENV_BIN / "bondtui"
PYTHON = VENV_BIN / "python"


def pty_env(tmp_path: Path, now: str = "2026-11-29T20:00:00", columns: int = 100, lines: int = 30) -> dict[str, str]:
    """A clean environment: our data file, a frozen clock, nothing from the user's home."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("TEXTUAL", "BONDTUI"))}
    env.pop("PYTHONUNBUFFERED", None)  # a user's shell buffers stderr; that is what has to be flushed at exit
    env.update({
        "HOME": str(tmp_path / "home"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "TERM": "xterm-256color",
        "COLUMNS": str(columns),
        "LINES": str(lines),
        "BONDTUI_DB": str(tmp_path / "bond.json"),
        "BONDTUI_NOW": now,
    })
    return env


def _become_terminal_owner() -> None:
    # In the child: a new session whose controlling terminal is the pty, as in a real terminal window.
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class PtyProcess:
    """A child process on the slave side of a pty; the test holds the master side."""

    def __init__(self, argv: list[str], env: dict[str, str], size: tuple[int, int] = (100, 30)) -> None:
        columns, lines = size
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
        try:
            self.process = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env,
                                            preexec_fn=_become_terminal_owner, close_fds=True)
        finally:
            os.close(slave)
        self.output = b""
        self._master_open = True

    def __enter__(self) -> PtyProcess:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _pump(self, timeout: float) -> bool:
        """Read what is waiting (up to `timeout` seconds); False once the pty has nothing more to give."""
        if not self._master_open:
            return False
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return True
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # EIO: every slave descriptor is closed, the child has gone
            return False
        self.output += chunk
        return bool(chunk)

    def read_until(self, needle: bytes, timeout: float = 10.0, since: int = 0) -> bool:
        """Read until `needle` shows up in the output after offset `since`."""
        deadline = time.monotonic() + timeout
        while needle not in self.output[since:]:
            if time.monotonic() > deadline or not self._pump(0.05):
                return needle in self.output[since:]
        return True

    def drain(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and self._pump(0.05):
            pass

    def send(self, data: bytes) -> None:
        os.write(self.master, data)

    def kill(self, sig: int) -> None:
        self.process.send_signal(sig)

    def hang_up(self) -> None:
        """Close the terminal window: the master goes away and the kernel hangs up the session."""
        if self._master_open:
            os.close(self.master)
            self._master_open = False

    def wait(self, timeout: float) -> int | None:
        """The exit code, reading the output meanwhile so the child never blocks on a full pty."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            code = self.process.poll()
            if code is not None:
                self.drain(0.3)
                return code
            if not self._pump(0.05):
                time.sleep(0.05)
        return self.process.poll()

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(5)
        self.hang_up()
