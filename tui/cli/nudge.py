"""`bondtui nudge`: one gentle line a day, for cron or a timer; silent unless she would want it.

It speaks at most once a day, only when nothing is done yet today (with several
children: for any of them), he is not away, and it is past the time she chose
(`settings set nudge 19:30`, or off). Otherwise it prints nothing and exits 0, so a
timer may run it every quarter of an hour. The once-a-day mark is a small file
beside the data, not an undo step; a nudge before any data exists still nudges.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import TextIO

from store import NUDGE_DEFAULT, Store, UsageError, valid_nudge, write_atomically

from ..text import printable

EVENING_HOUR = 17  # from here the line says "Tonight", before it "Today"


def nudge(store: Store, args, out: TextIO) -> int:
    if args.install:
        print(install_lines(), file=out)
        return 0
    line = due_line(store, args.at)
    if line is None:
        return 0
    mark = mark_path(store.path)
    try:
        mark.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_atomically(mark, store.today().isoformat().encode())
    except OSError as error:  # said, and said anyway: a nudge too many beats a silent one
        print(f"bondtui: could not keep today's nudge mark in {mark}: {error.strerror or error}", file=sys.stderr)
    if not (args.notify and notify(line)):
        print(printable(line), file=out)
    return 0


def due_line(store: Store, at: str | None) -> str | None:
    """Today's one line, or None when it is not the time (too early, done already, away, nudged today, off)."""
    chosen = valid_nudge(at) if at is not None else store.settings.nudge or NUDGE_DEFAULT
    if not chosen or chosen == "off":
        if at is not None:
            raise UsageError("--at takes a time of day, HH:MM")
        return None
    now, today = store.clock.now().astimezone(), store.today()
    if now.date() == today and now.strftime("%H:%M") < chosen:  # after midnight, before the day starts: still evening
        return None
    if _nudged_on(store.path) == today or store.is_away(today):
        return None
    children = [store.family.store_of(c.id) for c in store.family.children(archived=False)] if store.several else [store]
    if any(each.is_done(s.key, each.today()) for each in children for s in each.strategies()):
        return None
    suggestion = next(iter(store.suggestions()), None)
    if suggestion is None:
        return None
    action = suggestion.action
    if action[:1].isupper() and action[1:2].islower():  # "Ask Sam…" -> "ask Sam…", never "TV" -> "tV"
        action = action[0].lower() + action[1:]
    when = "Tonight" if now.hour >= EVENING_HOUR or now.date() != today else "Today"
    whose = f"{store.family.child_of(store).name} · " if store.several else ""
    return f"{whose}{when}: {action}"


def mark_path(data: Path) -> Path:
    """The once-a-day mark: beside the data file, hidden, one day's date."""
    return data.with_name(f".{data.stem}.nudged")


def _nudged_on(data: Path) -> date | None:
    try:
        return date.fromisoformat(mark_path(data).read_text(encoding="ascii").strip())
    except (OSError, ValueError, UnicodeDecodeError):
        return None


def notify(line: str) -> bool:
    """A desktop notification where one can be shown (notify-send); False where none can."""
    sender = shutil.which("notify-send")
    if sender is None:
        return False
    try:
        done = subprocess.run([sender, "--app-name=bondtui", "bondtui", line], capture_output=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def install_lines() -> str:
    """The lines that run `bondtui nudge --notify` each evening: printed, never written."""
    command = shutil.which("bondtui") or f"{sys.executable} -m tui.main"
    data = f"BONDTUI_DB={os.environ['BONDTUI_DB']} " if os.environ.get("BONDTUI_DB") else ""
    bus = f"DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/{os.getuid()}/bus " if hasattr(os, "getuid") else ""
    return f"""# With cron: run `crontab -e` and add this one line (every quarter of an hour, 17:00 to 23:45;
# bondtui nudge speaks at most once a day, and only when nothing is done yet):
*/15 17-23 * * * {bus}{data}{command} nudge --notify

# Or with a systemd user timer: save these two files, then run
#   systemctl --user daemon-reload && systemctl --user enable --now bondtui-nudge.timer
# ~/.config/systemd/user/bondtui-nudge.service
[Unit]
Description=bondtui: one gentle nudge a day

[Service]
Type=oneshot
{"Environment=" + data.strip() if data else "# Environment=BONDTUI_DB=/path/to/bond.json"}
ExecStart={command} nudge --notify

# ~/.config/systemd/user/bondtui-nudge.timer
[Unit]
Description=bondtui: look every quarter of an hour in the evening

[Timer]
OnCalendar=*-*-* 17..23:00,15,30,45
Persistent=false

[Install]
WantedBy=timers.target"""
