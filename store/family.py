"""Several children, one set of files each: who they are, which one is shown, and what her day can hold.

The first child's set is the data file itself (`--db`, with its `bond.d/`), exactly
where it always was: a database from before children is the first child, and
nothing about it moves. Every other child has his own set beside it, in
`<stem>.children/<id>/bond.json` with its own year files and backups, so each keeps
every guarantee of one set (atomic writes, backups, restore, merge, undo).
A child exists once his set has its main file: a folder a killed `child add` left
empty is nobody.

One lock, the data file's, guards the writes of every child: each child's Store
here shares the one WriteLock, so a change that reaches two sets (a setting of hers
changed from his board) is one hold of it. Her own settings (day start, week start,
theme, the board's last column) live in the first child's set and are shared by
every board; his name, birth month and interests are his, in his set.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, NamedTuple

from .errors import DataError, UsageError
from .files.atomic import write_atomically
from .files.database import writer_lock
from .files.storage import WriteLock, backups
from .guide.ideas import template_index, template_of
from .model import rules
from .model.days import Clock
from .model.records import SHARED_SETTINGS, Suggestion

# A child's Store (store/repository.py), which imports this module: named, not imported.
Store = Any

FIRST = "first"  # the first child's id: his set is the data file itself
UNNAMED_FIRST = "My son"  # the first child's name while his settings name nobody
SHOWN_FILE = "shown"  # in the children's folder: the child a board showed last (her place, not her data)
FORGOTTEN_DAYS = 7  # this long without a check-in, and the family's guidance brings a child back in


def children_folder(path: Path) -> Path:
    """Where the children after the first keep their sets: `bond.children/` beside `bond.json`."""
    return path.with_name(f"{path.stem}.children")


def has_children(path: Path) -> bool:
    """Whether a child beyond the first exists (one stat when none was ever added: the single-child case pays
    nothing more); a folder a killed `child add` left empty is nobody."""
    folder = children_folder(path)
    try:
        return any((folder / entry.name / path.name).is_file() for entry in os.scandir(folder)
                   if entry.is_dir(follow_symlinks=False))
    except OSError:
        return False


class Child(NamedTuple):
    id: str  # FIRST, or his folder's name
    name: str
    born: str  # "YYYY-MM" or ""
    archived: bool
    path: Path  # his set's main file
    added: str = ""  # when he was added (UTC, ISO): the order after the first

    @property
    def active(self) -> bool:
        return not self.archived


def _name_kept(path: Path) -> str:
    """A child's name as his newest backup holds it: his own file cannot be read, yet he is named."""
    import orjson

    found = backups(path)
    try:
        name = orjson.loads(found[-1].read_bytes())["settings"]["settings"]["son_name"] if found else ""
    except (OSError, ValueError, KeyError, TypeError):
        return ""
    return name.strip() if isinstance(name, str) else ""


def same_name(a: str, b: str) -> bool:
    """Names match whatever the case: `--child leo` is Leo."""
    return a.strip().casefold() == b.strip().casefold()


class Family:
    """The children of one data file, each child's Store opened when first asked for, all sharing one lock."""

    def __init__(self, path: Path, clock: Clock, *, read_only: bool, origin: str, kind: Any,
                 lock: WriteLock | None = None, first: Store | None = None):
        self.path = path
        self.kind = kind  # the Store class each child's set opens as
        self.clock = clock
        self.read_only = read_only
        self.origin = origin
        self.lock = None if read_only else lock or writer_lock(path)
        self._stores: dict[str, Store] = {FIRST: first} if first is not None else {}

    @property
    def several(self) -> bool:
        return has_children(self.path)

    # -- who they are --------------------------------------------------------

    def _folders(self) -> list[str]:
        folder = children_folder(self.path)
        try:
            names = sorted(entry.name for entry in os.scandir(folder) if entry.is_dir(follow_symlinks=False))
        except OSError:  # no children folder yet (or it cannot be read: the first child still works)
            return []
        return [name for name in names if (folder / name / self.path.name).is_file()]

    def children(self, *, archived: bool = True) -> list[Child]:
        """Every child, the first first, then in the order she added them; archived ones unless told not to."""
        found = []
        for child_id in [FIRST, *self._folders()]:
            try:
                found.append(self._describe(child_id))
            except DataError:  # one child's broken file never hides the others: his board says what is wrong
                found.append(Child(child_id, _name_kept(self._path_of(child_id)) or f"({child_id})", "", False,
                                   self._path_of(child_id), "~"))
        first, rest = found[0], sorted(found[1:], key=lambda c: (c.added, c.id))
        return [c for c in [first, *rest] if archived or c.active]

    def _path_of(self, child_id: str) -> Path:
        return self.path if child_id == FIRST else children_folder(self.path) / child_id / self.path.name

    def _describe(self, child_id: str) -> Child:
        store = self.store_of(child_id)
        settings = store.own_settings
        meta = store.child_meta()
        name = settings.son_name.strip() or (UNNAMED_FIRST if child_id == FIRST else f"Child {child_id}")
        return Child(child_id, name, settings.born, bool(meta.get("archived")), self._path_of(child_id),
                     str(meta.get("added", "")))

    def find(self, name: str) -> Child:
        """The child of that name, whatever its case; UsageError naming the children."""
        everyone = self.children()
        for child in everyone:
            if same_name(child.name, name) or child.id == name.strip():
                return child
        raise UsageError(f"no child named '{name}'; the children are: {', '.join(c.name for c in everyone)}")

    def chosen(self, name: str | None = None) -> Child:
        """The child named, else the one a board showed last, else the first one on the board."""
        if name:
            return self.find(name)
        everyone = self.children()
        shown = self._shown_id()
        for child in everyone:
            if child.id == shown and child.active:
                return child
        return next((c for c in everyone if c.active), everyone[0])

    def _shown_id(self) -> str:
        try:
            return (children_folder(self.path) / SHOWN_FILE).read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError):
            return FIRST

    def show(self, child: Child) -> None:
        """A board shows him now: the next `bondtui` without --child speaks of him. Her place, not her data:
        no undo step, nothing written while only the first child exists."""
        if self.read_only or not has_children(self.path) or self._shown_id() == child.id:
            return
        try:
            write_atomically(children_folder(self.path) / SHOWN_FILE, child.id.encode())
        except OSError:  # a place not remembered costs nothing saved
            pass

    # -- each child's Store --------------------------------------------------

    def store_of(self, child_id: str) -> Store:
        """His Store, opened once and kept; every child's shares the first child's settings and the one lock."""
        if child_id not in self._stores:
            house = None
            if child_id != FIRST:
                try:
                    house = self.store_of(FIRST)
                except DataError:  # the first child's file is broken: his board says so; this one keeps going
                    house = None
            self._stores[child_id] = self.kind.open_set(self._path_of(child_id), self.clock, self.lock, origin=self.origin,
                                                    house=house, family=self)
        return self._stores[child_id]

    def store(self, child: Child | str | None = None) -> Store:
        """The Store of a child (his Child or his name), or of the chosen one."""
        if not isinstance(child, Child):
            child = self.chosen(child)
        return self.store_of(child.id)

    def others(self, store: Store) -> list[Child]:
        """The other children on the board, in family order."""
        mine = self._id_of(store)
        return [child for child in self.children(archived=False) if child.id != mine]

    def child_of(self, store: Store) -> Child:
        return self._describe(self._id_of(store))

    def _id_of(self, store: Store) -> str:
        for child_id, held in self._stores.items():
            if held is store:
                return child_id
        raise ValueError("not a store of this family")

    def follow(self) -> bool:
        """Take in what other writers saved in any child's set opened here; True when something changed."""
        return any([held.follow_own() for held in list(self._stores.values())])

    def close(self) -> None:
        for held in list(self._stores.values()):
            held.close_own()
        if self.lock:
            self.lock.release()

    # -- adding, naming, archiving ---------------------------------------------

    def check_name(self, name: str, child: Child | None = None) -> str:
        """A name a child may take: not empty, not too long, and no other child's (whatever the case)."""
        name = str(rules.valid_setting("son_name", name))
        if not name:
            raise UsageError("a child needs a name; give one")
        for other in self.children():
            if same_name(other.name, name) and (child is None or other.id != child.id):
                raise UsageError(f"there is already a child named {other.name}; choose another name")
        return name

    def add(self, name: str, born: str = "", interests: Iterable[str] | str = ()) -> Child:
        """A new child with the default strategies, his own history and undo. The shown child stays shown."""
        if self.read_only or self.lock is None:
            raise UsageError("this copy of bondtui was opened to read only; nothing was changed")
        with self._locked():
            name = self.check_name(name)
            settings = {"son_name": name, "born": rules.valid_setting("born", born),
                        "interests": rules.valid_setting("interests", interests)}
            if str(settings["born"]) > self.store_of(FIRST).today().isoformat()[:7]:
                raise UsageError(f"{settings['born']} is still to come; give the month he was born")
            child_id = uuid.uuid4().hex[:8]
            folder = children_folder(self.path) / child_id
            try:
                folder.mkdir(mode=0o700, parents=True)
            except OSError as error:
                raise DataError(f"cannot create {folder}: {error.strerror or error}") from None
            added = self.clock.now().astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds")
            latest = max((c.added for c in self.children() if c.added and c.added != "~"), default="")
            if latest >= added:  # after every child already here, whatever the clocks say: the order she added them
                added = (datetime.fromisoformat(latest) + timedelta(microseconds=1)).isoformat(timespec="microseconds")
            self.store_of(child_id).begin_child(settings, added)
        return self.find(child_id)

    def rename(self, old: str, new: str) -> Child:
        child = self.find(old)
        self.store_of(child.id).update_settings(son_name=new)
        return self.find(child.id)

    def archive(self, name: str) -> Child:
        child = self.find(name)
        if child.active and not [c for c in self.children(archived=False) if c.id != child.id]:
            raise UsageError(f"{child.name} is the only child on the board; add another before archiving him")
        self.store_of(child.id).set_child_meta(archived=True)
        return self.find(child.id)

    def restore(self, name: str) -> Child:
        child = self.find(name)
        self.store_of(child.id).set_child_meta(archived=False)
        return self.find(child.id)

    def _locked(self) -> Any:
        from contextlib import nullcontext

        first = self.store_of(FIRST)
        return nullcontext() if first._database.holding else first.changing()

    # -- her day across the children ---------------------------------------------

    def fair(self, store: Store, found: list[Suggestion]) -> list[Suggestion]:
        """His suggestions as her day across the children allows: no second outing on a day that has one for
        another child (proposed to an earlier one, or done), and a child with nothing for a week comes back."""
        if not found:
            return found
        children, mine_id = self.children(archived=False), self._id_of(store)
        mine = next((i for i, c in enumerate(children) if c.id == mine_id), None)
        if mine is None:  # archived, yet shown (--child): her day is the others'
            return found
        taken = any(self._outing_for(child, before=index < mine) for index, child in enumerate(children)
                    if index != mine)
        if taken and found[0].size == "outing" and found[0].kind != "planned":
            smaller = [s for s in found if s.size != "outing"]
            found = smaller + [s for s in found if s.size == "outing"] if smaller else found
        if self.forgotten(store) and found[0].kind != "planned":
            name = store.own_settings.son_name.strip() or "him"
            first = found[0]
            found = [first._replace(reason=f"Nothing with {name} for a week: one small thing brings you back to him.",
                                     kind="forgotten"), *found[1:]]
        return found

    def _outing_for(self, child: Child, *, before: bool) -> bool:
        """Whether her day holds an outing with this child: one done today, or (an earlier child) proposed first."""
        try:
            other = self.store_of(child.id)
        except DataError:  # his file cannot be read: his board says so, and her day here goes on
            return False
        today = other.today()
        for strategy in other.strategies(archived=True):
            logged = other.check_ins(strategy.key, today)
            index = template_index(strategy, other.settings) if logged else {}
            if any(strategy.size_of(template_of(c.action, index)) == "outing" for c in logged):  # as it read then
                return True
        if before:
            first = next(iter(other.suggestions()), None)
            return first is not None and first.size == "outing"
        return False

    def forgotten(self, store: Store) -> bool:
        """No check-in for FORGOTTEN_DAYS days, while he is not away, and known to bondtui that long."""
        today = store.today()
        first = today - timedelta(days=FORGOTTEN_DAYS - 1)
        if store.is_away(today) or not store.strategies() or store.first_day() > first - timedelta(days=1):
            return False
        return not any(store.count_since(s.key, first) for s in store.strategies())


def hers_first(theirs: dict[str, Any] | None, mine: dict[str, Any] | None) -> bool:
    """Whether the first child's next undo (or redo) step, `theirs`, is a change of her settings made after
    `mine`, the later child's: from his board, `u` takes it back (her settings live in the first child's set)."""
    if theirs is None or not all(op[0] == "settings" and _only_hers(op[2], op[3]) for op in theirs["ops"]):
        return False
    return mine is None or made_order(theirs) > made_order(mine)


def _only_hers(before: dict[str, Any] | None, after: dict[str, Any] | None) -> bool:
    """Whether a settings edit changed her settings only (those every child's board shares)."""
    before, after = before or {}, after or {}
    return all(name in SHARED_SETTINGS for name in {*before, *after} if before.get(name) != after.get(name))


def made_order(entry: dict[str, Any]) -> tuple[str, int]:
    """When a step came onto its undo (or redo) stack, comparable across the sets of one machine: the time,
    then the machine's monotonic clock (a frozen clock, two steps in one second)."""
    moved: dict[str, Any] = entry["moved"] if isinstance(entry.get("moved"), dict) else {}
    mono = moved.get("mono", 0)
    return str(moved.get("at", "")), mono if isinstance(mono, int) else 0
