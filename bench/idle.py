"""What an open board costs while nobody touches it: processor time over 30 seconds in a real terminal.

    python bench/idle.py DB [SECONDS]   # bondtui and hello-world Textual, each left open in tmux
    python bench/idle.py hello          # the floor itself: Header, Static, Footer, open until killed

The board looks at the data file and its folder twice a second (what another
window, the command line or a sync tool saved shows within a second); the floor
is the same terminal with a Textual app that looks at nothing.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

SETTLE = 5.0  # start-up is not idle


def hello() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench.first_frame import hello_app

    hello_app()().run()
    return 0


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def idle_cpu(command: str, env: dict[str, str], seconds: float) -> float:
    """Processor seconds the command used over `seconds` of sitting open in a 100×30 tmux window."""
    socket = f"bondtui-idle-{uuid.uuid4().hex[:8]}"

    def tmux(*args: str) -> str:
        return subprocess.run(["tmux", "-L", socket, "-f", "/dev/null", *args], env=env, capture_output=True,
                              text=True, check=True).stdout

    tmux("new-session", "-d", "-x", "100", "-y", "30", f"exec {command}")
    try:
        pid = int(tmux("display-message", "-p", "#{pane_pid}").strip())
        time.sleep(SETTLE)
        start = _cpu_seconds(pid)
        time.sleep(seconds)
        return _cpu_seconds(pid) - start
    finally:
        subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True)


def measure(db: Path, seconds: float = 30.0) -> dict[str, float]:
    env = {**os.environ, "BONDTUI_DB": str(db), "BONDTUI_NOW": "2026-11-29T20:00:00+00:00", "LANG": "C.UTF-8"}
    env = {key: value for key, value in env.items() if not key.startswith("TMUX")}
    bondtui = Path(sys.executable).with_name("bondtui")
    return {"seconds": seconds, "board": idle_cpu(str(bondtui), env, seconds),
            "floor": idle_cpu(f"{sys.executable} {Path(__file__).resolve()} hello", env, seconds)}


if __name__ == "__main__":
    if sys.argv[1:] == ["hello"]:
        sys.exit(hello())
    figures = measure(Path(sys.argv[1]), float(sys.argv[2]) if len(sys.argv) > 2 else 30.0)
    print(f"over {figures['seconds']:.0f} s: board {figures['board']:.2f} s of CPU, floor {figures['floor']:.2f} s")
