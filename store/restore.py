"""Going back to a backup, even when the data file itself cannot be read."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from .errors import UsageError
from .repository import _read, resolve_path
from .storage import WriteLock, backup_folder, backups, write_atomically


def find_backup(path: Path, which: str | None) -> Path:
    """The newest backup, the one of a YYYY-MM-DD day, or a file named by path."""
    found = backups(path)
    if not which:
        if not found:
            raise UsageError(f"there are no backups of {path} yet")
        return found[-1]
    by_day = [backup for backup in found if backup.stem.endswith(which)]
    if by_day:
        return by_day[-1]
    candidate = Path(which).expanduser()
    if candidate.is_file():
        return candidate
    days = ", ".join(backup.stem[-10:] for backup in found) or "none yet"
    raise UsageError(f"no backup '{which}'; choose a day ({days}) or a file")


def restore(path: Path | str | None, backup: Path) -> Path | None:
    """Make `backup` the data file; the file it replaces is kept beside the backups.

    Returns where the replaced file was kept (None if there was none). The backup
    is checked first: a file that is not bondtui data is refused and nothing moves.
    """
    path = resolve_path(path)
    _read(backup)  # raises DataError, naming the backup, if it is not ours
    content = backup.read_bytes()
    lock = WriteLock(path)
    lock.acquire()
    try:
        kept = None
        if path.exists():
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            kept = backup_folder(path) / f"{path.stem}-before-restore-{stamp}{path.suffix}"
            kept.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            write_atomically(kept, path.read_bytes())
        write_atomically(path, content)
        return kept
    finally:
        lock.release()
