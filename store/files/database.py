"""The set as one TinyDB database: the write lock for each change, atomic storage, the backups kept before a write.

Documents are keyed by our own stable string ids. Every write goes through
AtomicStorage (store/files/storage.py), which rewrites only the files it touched; just
before the first write of a day, the set as it was is kept as that day's backup.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, cast

from tinydb import TinyDB
from tinydb.table import Document, Table

from ..errors import DataError
from .atomic import Identity
from .layout import main_from, missing_years
from .reading import SCHEMA_VERSION, combined_bytes, reload
from .storage import LOCK_WAIT_SECONDS, AtomicStorage, WriteLock, backup_folder, write_atomically, write_backup


class _Table(Table):
    document_id_class = str  # type: ignore[assignment]  # documents are keyed by our own stable ids

    def _update_table(self, updater: Callable[[dict[Any, Any]], None]) -> None:
        # TinyDB copies the whole table twice per edit to convert int ids; ours are
        # strings already, so edit in place (a failed write restores the storage).
        tables = cast(dict[str, dict[str, Any]], self._storage.read())  # AtomicStorage always holds the tables
        updater(tables.setdefault(self.name, {}))
        self._storage.write(tables)
        self.clear_cache()


class _TinyDB(TinyDB):
    table_class = _Table


def writer_lock(path: Path) -> WriteLock:
    """Make the data file's folder; the lock a writer takes for each change (not taken yet)."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise DataError(f"cannot create the folder {path.parent}: {error.strerror or error}") from None
    return WriteLock(path)


class Database:
    """The TinyDB database over the set at `path`; a writer (one with a lock) writes while it holds it, change by change."""

    def __init__(self, path: Path, data: dict[str, Any], lock: WriteLock | None, exists: bool,
                 manifest: dict[str, dict[str, Any]] | None, version: int, today: Callable[[], date], *, lazy: bool,
                 seen: Identity | None = None):
        self.path = path
        self._lock = lock
        self._today = today
        self._backed_up: date | None = None
        self._version_on_disk = version  # older: the first write keeps the old file before migrating it
        self._open(data, exists, manifest, lazy, seen)

    def _open(self, data: dict[str, Any], exists: bool, manifest: dict[str, dict[str, Any]] | None, lazy: bool,
              seen: Identity | None) -> None:
        path = self.path
        self.tinydb = _TinyDB(path, data, lambda years: reload(path, years), self._before_write, exists, manifest,
                              lambda: main_from(self._today()), read_all=not lazy, seen=seen, storage=AtomicStorage)
        self.storage: AtomicStorage = self.tinydb.storage  # type: ignore[assignment]
        self.storage.read_only = self._lock is None

    def reopen(self, data: dict[str, Any], manifest: dict[str, dict[str, Any]], *, lazy: bool = False,
               version: int = SCHEMA_VERSION, seen: Identity | None = None) -> None:
        """Hold the set as it is now: for a reader, whole (a writer replaced it since it was read); for a writer,
        as a start reads it (another program replaced the main file; `seen` is the one read)."""
        self._backed_up, self._version_on_disk = None, version
        self._open(data, True, manifest, lazy, seen)

    def table(self, name: str) -> Table:
        return self.tinydb.table(name)

    # Our tables key their documents by string ids (_Table.document_id_class); TinyDB's hints say int.
    def get(self, table: str, doc_id: str) -> dict[str, Any] | None:
        """The document `doc_id` of `table`, or None."""
        found: dict[str, Any] | None = self.table(table).get(doc_id=doc_id)  # type: ignore[call-overload]  # a str id
        return found

    def put(self, table: str, doc_id: str, fields: dict[str, Any]) -> None:
        """Write the document `doc_id` of `table` whole (made, or replaced)."""
        self.table(table).upsert(Document(fields, doc_id=doc_id))  # type: ignore[arg-type]  # a str id, as above

    @property
    def read_only(self) -> bool:
        return self._lock is None

    @property
    def lock(self) -> WriteLock | None:
        """The lock this copy writes under (one for every child of a data file); None when it only reads."""
        return self._lock

    @property
    def exists(self) -> bool:
        """Whether the set this copy holds is on disk."""
        return self.storage.written

    @property
    def holding(self) -> bool:
        """Whether this copy is in the middle of a change, holding the write lock."""
        return self._lock is not None and self._lock.held

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the write lock for one change: taken (waiting a few seconds if another writer is saving) and let go."""
        assert self._lock is not None and not self._lock.held
        self._lock.acquire(wait=LOCK_WAIT_SECONDS)
        try:
            yield
        finally:
            self._lock.release()

    def close(self) -> None:
        """From now on this copy only reads."""
        if self._lock:
            self._lock.release()
            self._lock = None
            self.storage.read_only = True

    def _before_write(self) -> None:
        if not self.holding:  # every write is one change, decided and written under the lock (store/base.py)
            raise RuntimeError("a write without the write lock")
        # The first write of each day keeps the set as it was, in one file, as that day's backup;
        # the first write of a newer bondtui keeps the old file as it was before migrating it.
        today = self._today()
        if self._backed_up != today and self.path.exists() and not missing_years(self.path, self.storage.manifest):
            write_backup(self.path, lambda: combined_bytes(self.path), today)  # whole: with a year not here yet, later
            self._backed_up = today
        if self._version_on_disk < SCHEMA_VERSION and self.path.exists():
            kept = backup_folder(self.path) / f"{self.path.stem}-schema-{self._version_on_disk}{self.path.suffix}"
            if not kept.exists():
                kept.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                write_atomically(kept, combined_bytes(self.path))  # the whole set, in one file
            self._version_on_disk = SCHEMA_VERSION
