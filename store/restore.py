"""Going back to a backup, even when the data itself cannot be read.

The file a restore replaces is kept first, under a name no other copy has: a
kept copy is never overwritten (it is created exclusively), and only the newest
BEFORE_RESTORE_KEPT of them are kept.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from .errors import DataError, UsageError, WriteError
from .layout import remove_unnamed
from .files import combined_bytes, resolve_path
from .storage import BEFORE_RESTORE_KEPT, WriteLock, backup_folder, backups, write_atomically

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
    """Make `backup` the database; the set it replaces is kept, in one file, beside the backups.

    Returns where the replaced set was kept (None if there was none). The backup
    is checked first: a file that is not bondtui data is refused and nothing moves.
    The backup becomes the main file, naming no year file; the next write moves its
    closed years out again.
    """
    path = resolve_path(path)
    content = combined_bytes(backup)  # raises DataError, naming the backup, if it is not ours
    lock = WriteLock(path)
    lock.acquire()
    try:
        kept = _keep(path) if path.exists() else None
        write_atomically(path, content)
        remove_unnamed(path, {})  # the old year files: the new main file names none
    except OSError as error:
        raise WriteError(f"Could not restore {path}: {error.strerror or error}. It was left as it was.") from None
    finally:
        lock.release()
    for old in before_restore_copies(path)[:-BEFORE_RESTORE_KEPT]:
        old.unlink(missing_ok=True)
    return kept


def _keep(path: Path) -> Path:
    """Copy the data file to a before-restore name no copy has had yet."""
    folder = backup_folder(path)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        content = combined_bytes(path)
    except DataError:  # a set that cannot be read: keep the main file as it is
        content = path.read_bytes()
    stamp = f"{path.stem}-before-restore-{datetime.now():%Y%m%d-%H%M%S-%f}"
    # After the copies with this stamp (pruning may have removed the first ones), so names keep their order.
    taken = [int(copy.stem[-3:]) for copy in folder.glob(f"{stamp}-[0-9][0-9][0-9]{path.suffix}")]
    for attempt in range(max(taken, default=-1) + 1, 1000):
        kept = folder / f"{stamp}-{attempt:03d}{path.suffix}"
        try:
            write_atomically(kept, content, overwrite=False)
            return kept
        except FileExistsError:
            continue
    raise FileExistsError(f"no free name for a copy of {path} in {folder}")
