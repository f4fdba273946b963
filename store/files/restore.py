"""Going back to a backup, even when the data itself cannot be read.

The set a restore replaces is kept first, in one file, under a name no other
copy has: a kept copy is never overwritten (it is created exclusively), and only
the newest BEFORE_RESTORE_KEPT of them are kept. The kept copy holds every year
file that reads whole. The year files stay where they are, named by nothing now,
for two weeks like any unnamed year file (another machine may still name them),
then a saved change sets them aside beside the backups: nothing a restore replaces is lost.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from ..errors import DataError, UsageError, WriteError
from .layout import retire
from .reading import combined_bytes, resolve_path, salvage
from .storage import BEFORE_RESTORE_KEPT, LOCK_WAIT_SECONDS, WriteLock, backup_folder, backups, write_atomically

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def find_backup(path: Path, which: str) -> Path:
    """The backup named by `which`: exactly a day YYYY-MM-DD, `newest`, or the path of a file."""
    found = backups(path)
    if which == "newest" and found:
        return found[-1]
    if _DAY.fullmatch(which):
        by_day = [backup for backup in found if backup.stem[-10:] == which]
        if by_day:
            return by_day[-1]
    elif which not in ("", "newest"):
        candidate = Path(which).expanduser()
        if candidate.is_file():
            return candidate
    days = ", ".join(backup.stem[-10:] for backup in reversed(found)) or "none yet"
    raise UsageError(f"no backup '{which}'; choose a day ({days}), newest, or the path of a file")


def before_restore_copies(path: Path) -> list[Path]:
    """The copies kept by earlier restores, oldest first."""
    return sorted(backup_folder(path).glob(f"{path.stem}-before-restore-*{path.suffix}"))


def restore(path: Path | str | None, backup: Path) -> Path | None:
    """Make `backup` the database; the set it replaces is kept beside the backups.

    Returns where the replaced set was kept (None if there was none). The backup
    is checked first: a file that is not bondtui data is refused and nothing moves.
    The backup becomes the main file, naming no year file; the next write moves its
    closed years out again.
    """
    path = resolve_path(path)
    content = combined_bytes(backup)  # raises DataError, naming the backup, if it is not ours
    lock = WriteLock(path)
    lock.acquire(wait=LOCK_WAIT_SECONDS)  # a board or command saving now: it takes milliseconds
    try:
        kept, held = _keep(path) if path.exists() else (None, [])
        write_atomically(path, content)
        retire(path, held, {})  # the new main file names no year file: the old ones wait as unnamed ones do
    except OSError as error:
        raise WriteError(f"Could not restore {path}: {error.strerror or error}. It was left as it was.") from None
    finally:
        lock.release()
    for old in before_restore_copies(path)[:-BEFORE_RESTORE_KEPT]:
        old.unlink(missing_ok=True)
    return kept


def _keep(path: Path) -> tuple[Path, list[Path]]:
    """Copy the set to a before-restore name no copy has had yet; and the year files the copy holds."""
    folder = backup_folder(path)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        content, held = salvage(path)
    except DataError:  # a main file that cannot be read: keep it as it is; every year file goes aside
        content, held = path.read_bytes(), []
    stamp = f"{path.stem}-before-restore-{datetime.now():%Y%m%d-%H%M%S-%f}"
    # After the copies with this stamp (pruning may have removed the first ones), so names keep their order.
    taken = [int(copy.stem[-3:]) for copy in folder.glob(f"{stamp}-[0-9][0-9][0-9]{path.suffix}")]
    for attempt in range(max(taken, default=-1) + 1, 1000):
        kept = folder / f"{stamp}-{attempt:03d}{path.suffix}"
        try:
            write_atomically(kept, content, overwrite=False)
            return kept, held
        except FileExistsError:
            continue
    raise FileExistsError(f"no free name for a copy of {path} in {folder}")
