"""Conflict copies: what a sync tool leaves beside the data when two machines changed it at once.

Each is another copy of the main file, named by the tool. The next writer merges it
with the merge laws (nothing held is lost, nothing deleted returns), as one change,
and moves it into backups/ under its own name, so she is told of it once. A name
that could be her own file (iCloud's `bond 2.json`) is reported, never merged.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from ..errors import BondError
from ..files.storage import backup_folder
from .target import Target

_DAY = r"\d{4}-\d{2}-\d{2}"
# tool -> the name of a conflict copy of `{stem}{suffix}`, as a pattern of what comes between them
_TOOLS = {
    "Syncthing": r"\.sync-conflict-\d{8}-\d{6}-[A-Za-z0-9]+",
    "Dropbox": rf" \((?:.+'s )?conflicted copy {_DAY}(?: \(\d+\))?\)",
    "Nextcloud": rf" \(conflicted copy .+ {_DAY} \d{{6}}\)",
    "ownCloud": rf" \(conflicted copy {_DAY} \d{{6}}\)",
}
_MAYBE_HERS = r" \d+"  # iCloud's "bond 2.json", and what a person might name a copy


class Found(NamedTuple):
    copies: list[tuple[Path, str]]  # (the copy, the tool that made it), oldest name first
    unsure: list[Path]  # names that could be hers: reported, never merged


def conflict_copies(path: Path) -> Found:
    """The conflict copies beside the main file `path`."""
    stem, suffix = re.escape(path.stem), re.escape(path.suffix)
    copies, unsure = [], []
    for file in sorted(path.parent.iterdir()) if path.parent.is_dir() else ():
        if not file.is_file() or file == path:
            continue
        tool = next((name for name, middle in _TOOLS.items() if re.fullmatch(stem + middle + suffix, file.name)), None)
        if tool:
            copies.append((file, tool))
        elif re.fullmatch(stem + _MAYBE_HERS + suffix, file.name):
            unsure.append(file)
    return Found(copies, unsure)


def merge_conflict_copies(store: Target, path: Path) -> list[str]:
    """Merge every conflict copy beside `path` into the store, one change each, and move it into backups/.

    Returns a line for each copy: merged, or not yet (it stays, and is tried again by the next writer).
    """
    found = conflict_copies(path)
    if not found.copies:
        return []
    from .merge import merge  # the everyday commands load it only when there is something to merge

    said = []
    for copy, tool in found.copies:
        try:
            summary = merge(store, copy, years_beside=path)  # its year files are in the data's year folder
        except BondError as error:  # unreadable, or its year files are not all here yet: left where it is
            said.append(f"A {tool} conflict copy, {copy.name}, could not be merged yet: {error}")
            continue
        what = "what it held that was new" if summary.changed else "nothing new (it held the same)"
        kept = backup_folder(path) / copy.name
        try:
            kept.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            copy.replace(kept)
        except OSError as error:  # merged: merging it again later changes nothing
            said.append(f"Merged a {tool} conflict copy, {copy.name}: {what}. It stays beside the data: "
                        f"it could not be moved into {kept.parent} ({error.strerror or error}).")
            continue
        said.append(f"Merged a {tool} conflict copy, {copy.name}: {what}. It is kept in {kept.parent}.")
    return said


def unsure_copies(path: Path) -> list[str]:
    """A line for each file beside `path` whose name could be a sync tool's copy or her own file."""
    return [f"{file.name} beside the data may be a copy of it; bondtui left it alone (if it is, "
            f"`bondtui merge \"{file}\"` unites the two)" for file in conflict_copies(path).unsure]
