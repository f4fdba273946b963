"""The files under TinyDB: atomic writes, one writer at a time, daily backups.

A write never touches a data file in place: new content goes to a temp file in
the same folder, is fsynced, and replaces the old file with `os.replace`; then
the folder is fsynced so the rename itself survives a power cut (store/files/atomic.py).
A change spanning the main file and closed years' files commits with the main
file's rename (store/files/layout.py). A crash at any moment leaves either the old set
or the new one, never a mix.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from ..errors import DataError, LockedError, WriteError
from .atomic import (
    FILE_MODE as FILE_MODE,
    Identity,
    identity,
    serialise as serialise,  # also used from here by the tui and bench
    write_atomically as write_atomically,
)
from .layout import (
    YEAR_TABLES,
    Op,
    YearIndex,
    commit,
    held_from,
    main_from as layout_main_from,
    plan,
    remove_empty_folder,
    set_aside,
    settled_unnamed,
)
from .outside import edits_between

BACKUPS_KEPT = 7
LOCK_WAIT_SECONDS = 5.0  # another writer's change takes milliseconds; a big import, a few seconds
BEFORE_RESTORE_KEPT = 10


def _held_from_day(manifest: dict[str, dict[str, Any]]) -> str:
    """The first day the main file holds by this manifest, as an ISO day; "" when it names no year file."""
    first = held_from(manifest)
    return date.fromordinal(first).isoformat() if first else ""


def remove_stale_temp_files(path: Path) -> int:
    """Remove temp files a killed writer left beside `path` or its backups. Only call with the lock held."""
    leftovers = [*path.parent.glob(f".{path.name}.*.tmp"),
                 *backup_folder(path).glob(f".{path.stem}-*{path.suffix}.*.tmp")]  # day backups, before-restore copies
    for temp in leftovers:
        temp.unlink(missing_ok=True)
    return len(leftovers)


class AtomicStorage(Storage):
    """A TinyDB storage that holds the data in memory and writes it atomically.

    Reads come from the cache. A write goes to disk first; only when it succeeded
    does the cache become the new data. A failed write puts the cache back to the
    last data that reached the disk, read again from the untouched file (TinyDB
    edits documents in place before it calls `write`), and raises `WriteError`.

    Inside `batch()` writes are gathered and reach the disk as one atomic write
    when the block ends, so a change that touches several tables is all or nothing.
    """

    def __init__(self, path: Path, data: dict[str, Any],
                 reload: Callable[[set[str]], tuple[dict[str, Any], dict[str, dict[str, Any]]]],
                 before_write: Callable[[], None] | None = None, exists: bool = True,
                 manifest: dict[str, dict[str, Any]] | None = None,
                 main_from: Callable[[], date] = lambda: layout_main_from(date.today()), *, read_all: bool = False,
                 seen: Identity | None = None):
        self.path = path
        self.seen = seen  # the main file as this copy last read or wrote it
        self._cache = data
        self._reload = reload  # reads the main file and the given years' files, checked: (data, manifest)
        # year -> the file on disk that holds its days before the main file's, and their sums
        self._manifest = dict(manifest or {})
        self._read_years: set[str] = set(self._manifest) if read_all else set()  # closed years in the cache
        self._index = YearIndex(data)
        self._touched: set[str] = set()  # the days of the check-ins and skips edited since the last write
        self._main_from = main_from  # the first day the main file holds, from today
        self._unwritten = None if exists else serialise(data)  # a new file's first content, until it is on disk
        self._batching = 0
        self._dirty = False
        self._before_write = before_write
        self.read_only = False

    def read(self) -> dict[str, Any]:
        return self._cache

    def write(self, data: dict[str, Any]) -> None:
        self._cache = data
        if self._batching:
            self._dirty = True
        else:
            self._flush()

    def close(self) -> None:
        pass

    def touch(self, table: str, record_id: str, before: dict[str, Any] | None, after: dict[str, Any] | None) -> None:
        """Note a check-in or skip edit, so that the write rewrites the years it touched and no other."""
        self._index.move(table, record_id, before, after)
        self._touched.update(str(doc.get("day", "")) for doc in (before, after) if doc is not None)

    @property
    def manifest(self) -> dict[str, dict[str, Any]]:
        return self._manifest

    @property
    def written(self) -> bool:
        """Whether the set this copy holds is on disk (a new one is written by its first change)."""
        return self._unwritten is None

    @property
    def read_years(self) -> set[str]:
        """The years named in the manifest whose records are all in memory."""
        return self._read_years

    def add_past(self, tables: dict[str, dict[str, Any]], years: set[str]) -> None:
        """Take in the records of the year files read now (until then only the main file and later years were)."""
        self._read_years |= years
        for table, records in tables.items():
            self._cache.setdefault(table, {}).update(records)
            for record_id, doc in records.items():
                self._index.move(table, record_id, None, doc)

    @contextmanager
    def batch(self) -> Iterator[None]:
        self._batching += 1
        try:
            yield
        except BaseException:
            self._batching -= 1
            if not self._batching:
                self._rollback()
            raise
        self._batching -= 1
        if not self._batching and self._dirty:
            self._flush()

    def _flush(self) -> None:
        self._dirty = False
        if self.read_only:
            self._rollback()
            raise WriteError("this copy of bondtui was opened to read only; nothing was changed")
        try:
            ready = plan(self._cache, self._index, self._manifest, self._read_years, self._touched,
                                self._main_from())
        except orjson.JSONEncodeError as error:  # text that is not UTF-8; nothing reached the disk
            self._rollback()
            raise WriteError(f"Could not save to {self.path}: {error}. Nothing was changed.") from error
        except RuntimeError:  # a year file to rewrite was not read: nothing reached the disk
            self._rollback()
            raise
        if self.replaced():  # the last look before the rename: never write over what another program put there
            self._rollback()
            raise WriteError(f"Nothing was changed: another program (a sync?) replaced {self.path} just now. "
                             "bondtui reads it again at your next change; do it again.")
        try:
            if self._before_write:
                self._before_write()
            self._manifest, self.seen = commit(self.path, ready, self._manifest)
        except OSError as error:
            self._rollback()
            reason = error.strerror or str(error)
            raise WriteError(f"Could not save to {self.path}: {reason}. Nothing was changed.") from error
        self._tidy()
        self._unwritten = None
        self._read_years = ready.read
        self._touched = set()

    def take_in(self, fresh: dict[str, Any], seen: Identity | None) -> list[Op]:
        """Hold what another writer saved: the main file's tables `fresh`, read at `seen`, whose manifest names
        the same year files; the closed years already read stay. Returns the edits that made the difference."""
        ops = edits_between(self._cache, fresh, _held_from_day(self._manifest))
        for table, record_id, before, after in ops:
            records = self._cache.setdefault(table, {})
            if table in YEAR_TABLES:
                self._index.move(table, record_id, before, after)
            if after is None:
                records.pop(record_id, None)
            else:
                records[record_id] = after
        self.seen = seen
        return ops

    def replaced(self) -> bool:
        """Whether the main file is not the one this copy last read or wrote (a sync tool put another there)."""
        return identity(self.path) != self.seen

    def _tidy(self) -> None:
        """After a saved change, and only then: year files the new manifest does not name, once they have been
        here two weeks (another machine's may come before the main file naming it), go beside the backups."""
        try:
            set_aside(settled_unnamed(self.path, self._manifest), aside_folder(self.path))
            if not self._manifest:
                remove_empty_folder(self.path)
        except OSError:  # the change is saved; what could not be moved is moved by a later one
            pass

    def _rollback(self) -> None:
        self._dirty = False
        if self._unwritten is not None:
            self._cache, self._manifest, self._read_years = orjson.loads(self._unwritten), {}, set()
        else:
            self._read_years &= set(self._manifest)
            self._cache, self._manifest = self._reload(self._read_years)
        self._index = YearIndex(self._cache)
        self._touched = set()


class WriteLock:
    """One writer at a time, for as long as a change takes: an exclusive lock on `<file>.lock`.

    Every writer (a board, a command) takes it only to decide and write one change,
    milliseconds; a writer that finds it taken waits up to `wait` seconds for it.
    The lock file is never written: a sync tool sees nothing change in it, so it
    never replaces it under a holder. The operating system names the holder
    (/proc/locks) and drops the lock when the process dies, even by SIGKILL.
    """

    def __init__(self, path: Path):
        self.path = path.with_name(path.name + ".lock")
        self._fd: int | None = None

    def acquire(self, wait: float = 0.0) -> None:
        """Take the lock, trying again for up to `wait` seconds; LockedError naming the holder if it stays taken."""
        deadline = time.monotonic() + wait
        delay = 0.001
        while True:
            fd = self._open()
            try:
                _lock(fd)
            except OSError:
                holder = _holder(fd) if time.monotonic() >= deadline else None
                os.close(fd)
                if holder is not None:
                    who = f"another bondtui (pid {holder})" if holder else "another bondtui"
                    waited = f" for {wait:.0f} seconds" if wait >= 1 else ""
                    raise LockedError(f"{who} has been saving to {self.path.with_suffix('')}{waited}; "
                                      "nothing was changed: try again in a moment") from None
                time.sleep(delay)
                delay = min(delay * 2, 0.01)  # another's change takes milliseconds: look again soon
                continue
            if _same_file(fd, self.path):
                self._fd = fd
                return
            os.close(fd)  # replaced between the open and the lock (a sync tool): lock the file that is there now

    def try_acquire(self) -> bool:
        """Take the lock if it is free now; False if another writer is saving."""
        try:
            self.acquire()
        except LockedError:
            return False
        return True

    def _open(self) -> int:
        # Never through a symlink (it would truncate its target), never a FIFO or device.
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        try:
            fd = os.open(self.path, flags, FILE_MODE)
        except OSError as error:
            if not os.path.lexists(self.path) and error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
                # Nothing to remove: the folder itself cannot be written (a read-only disk, a folder she cannot write).
                raise DataError(f"cannot write in {self.path.parent}: the folder is read-only "
                                f"({error.strerror or error}); nothing was changed") from None
            reason = "it is a symbolic link" if os.path.islink(self.path) else error.strerror or str(error)
            raise DataError(f"cannot use the lock file {self.path} ({reason}); remove it and try again") from None
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise DataError(f"cannot use the lock file {self.path} (it is not a regular file); remove it and try again")
        return fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing drops the lock
            self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None


def _same_file(fd: int, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except OSError:
        return False


def _holder(fd: int) -> str | None:
    """The pid holding the lock on fd's file ("" where the system does not say); None if nobody holds it now."""
    try:
        locks = Path("/proc/locks").read_text()
    except OSError:
        return ""
    found = os.fstat(fd)
    where = f"{os.major(found.st_dev):02x}:{os.minor(found.st_dev):02x}:{found.st_ino}"
    for line in locks.splitlines():
        fields = line.split()
        if "->" not in fields and len(fields) >= 6 and fields[1] == "FLOCK" and fields[5] == where:
            return fields[4]
    return None


def _lock(fd: int) -> None:
    """Take an exclusive, non-blocking lock on fd; OSError if someone else has it."""
    if sys.platform == "win32":
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


# Backups: <folder>/backups/<stem>-YYYY-MM-DD.json, one per day, the newest seven kept.


def backup_folder(path: Path) -> Path:
    return path.parent / "backups"


def aside_folder(path: Path) -> Path:
    """Where year files that no manifest names are kept (see store/files/layout.py)."""
    return backup_folder(path) / "set-aside"


def backups(path: Path) -> list[Path]:
    """The backups of this data file, oldest first."""
    folder = backup_folder(path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{path.stem}-????-??-??{path.suffix}"))


def newest_backup(path: Path) -> Path | None:
    found = backups(path)
    return found[-1] if found else None


def write_backup(path: Path, read: Callable[[], bytes], day: date) -> Path | None:
    """Keep what `read` returns as the backup of `day` unless one exists (then it is not called); prune to seven."""
    folder = backup_folder(path)
    target = folder / f"{path.stem}-{day.isoformat()}{path.suffix}"
    if target.exists():
        return None
    content = read()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    write_atomically(target, content)
    for old in backups(path)[:-BACKUPS_KEPT]:
        old.unlink(missing_ok=True)
    return target
