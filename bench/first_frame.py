"""Run an app headless until its first frame is on screen, then exit.

    python bench/first_frame.py bondtui DB    # the real entry point, `bondtui --db DB`
    python bench/first_frame.py hello         # Header, Static, Footer: Textual's floor

The parent times the whole process, so imports and start-up all count.
"""

from __future__ import annotations

import os
import sys
from functools import partialmethod


def _exit_on_first_frame(app_class) -> None:
    from textual.app import App

    app_class.on_ready = lambda self: self.exit()  # Ready: the first frame was displayed
    app_class.run = partialmethod(App.run, headless=True)


def hello_app():
    """Textual's floor: a Header, a Static and a Footer (also bench/idle.py's)."""
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Static

    class Hello(App):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("Hello, world")
            yield Footer()

    return Hello


def hello() -> int:
    app_class = hello_app()
    _exit_on_first_frame(app_class)
    app_class().run()
    return 0


def bondtui(db: str) -> int:
    from tui import main as cli
    from tui.board import app

    _exit_on_first_frame(app.BondApp)
    for stream in (sys.stdin, sys.stdout):  # headless, the board still takes the terminal it is refused without
        stream.isatty = lambda: True
    return cli.main(["--db", db])


def peak_memory_kib() -> int:
    """This process's own high-water mark (a forked child's ru_maxrss can start from its parent's)."""
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


if __name__ == "__main__":
    code = hello() if sys.argv[1] == "hello" else bondtui(sys.argv[2])
    if report := os.environ.get("BENCH_MEMORY_FILE"):  # where the benchmark collects peak memory
        with open(report, "w") as out:
            out.write(str(peak_memory_kib()))
    sys.exit(code)
