"""Writing a file atomically: readers see the old file or the new one, whole.

The new content goes to a temp file in the same folder, is fsynced, and replaces
the old file with `os.replace`; then the folder is fsynced so the rename itself
survives a power cut.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import orjson

FILE_MODE = 0o600

# What changes when a file is replaced: (inode, size, modification time in ns). A writer keeps the main
# file's as it read or wrote it, to see another program (a sync tool) replace it meanwhile.
Identity = tuple[int, int, int]


def identity(path: Path) -> Identity | None:
    """The file's identity now; None when there is no file."""
    try:
        found = os.stat(path)
    except FileNotFoundError:
        return None
    return found.st_ino, found.st_size, found.st_mtime_ns


def serialise(data: dict[str, Any]) -> bytes:
    return orjson.dumps(data)  # compact: ten years of notes stay small and quick to write


def write_atomically(path: Path, content: bytes, *, overwrite: bool = True) -> Identity:
    """Replace `path` with `content` so that readers see the old file or the new one, whole; the identity
    of what was written (taken from the file itself, so nothing that replaces it after can pass for it).

    With `overwrite=False` an existing `path` is never replaced: FileExistsError instead.
    """
    folder = path.parent
    temp = folder / f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(content)
            file.flush()
            os.fsync(file.fileno())
            written = os.fstat(file.fileno())
        if overwrite:
            os.replace(temp, path)
        else:
            os.link(temp, path)  # fails if path exists, like O_EXCL, and is atomic
            temp.unlink()
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _fsync_folder(folder)
    return written.st_ino, written.st_size, written.st_mtime_ns


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # some platforms cannot open a folder; the rename is still atomic
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
