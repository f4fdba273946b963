"""Ending for sure: a board asked to stop (SIGTERM) or left without a terminal (SIGHUP) ends within
seconds and lets go of the data, even when the shutdown of the terminal itself hangs.

Textual's shutdown restores the terminal through a writer thread; a terminal that goes away as the
board starts can leave that thread and the main thread waiting on each other for good. Every change
is on disk before it is shown, so nothing is lost by ending without the rest of the shutdown.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable

GRACE_SECONDS = 3.0
SIGNALS = (signal.SIGTERM, signal.SIGHUP)


def on_stop_signals(stop: Callable[[], object], release: Callable[[], None],
                    seconds: float = GRACE_SECONDS) -> Callable[[], None]:
    """Handle SIGTERM and SIGHUP: ask for `stop`; if the process still runs `seconds` later, `release`
    and end it (status 0). Returns what puts the earlier handlers back.

    The handler takes no lock (both signals often come at once, and a handler can interrupt
    itself): it writes a byte to a pipe that a waiting thread reads. The thread costs nothing
    while it waits.
    """
    read_end, write_end = os.pipe()

    def watch() -> None:
        if os.read(read_end, 1):  # empty: the board ended and closed the pipe
            time.sleep(seconds)
            try:
                release()
            finally:
                os._exit(0)

    threading.Thread(target=watch, name="bondtui-ending", daemon=True).start()

    def handler(signum, frame) -> None:
        try:
            os.write(write_end, b"!")
        except OSError:
            pass
        stop()

    earlier = {sig: signal.signal(sig, handler) for sig in SIGNALS}

    def put_back() -> None:
        for sig, old in earlier.items():
            signal.signal(sig, old)
        os.close(write_end)

    return put_back
