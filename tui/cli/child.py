"""`bondtui child …`: several children, a board each (store/family.py keeps them)."""

from __future__ import annotations

from typing import TextIO

from store import Store

from ..text import printable
from .commands import print_json


def writes(args) -> bool:
    return args.action != "list"


def child(store: Store, args, out: TextIO) -> int:
    family = store.family
    if args.action == "list":
        shown = family.child_of(store)
        everyone = family.children()
        if args.json:
            print_json([{"name": c.name, "born": c.born or None, "active": c.id == shown.id, "archived": c.archived}
                        for c in everyone], out)
            return 0
        for each in everyone:
            mark = "→" if each.id == shown.id else " "
            born = f"  born {each.born}" if each.born else ""
            archived = "  (archived)" if each.archived else ""
            print(f"{mark} {printable(each.name)}{born}{archived}", file=out)
        if len(everyone) == 1:
            print("Add another child with: bondtui child add NAME [--born YYYY-MM]", file=out)
        return 0
    if args.action == "add":
        added = family.add(args.name, born=args.born, interests=args.interests)
        print(f"Added {printable(added.name)}, with the seven strategies to begin with. "
              f"The board you are on stays; to see {printable(added.name)}'s: "
              f"bondtui --child {printable(_quoted(added.name))}, or c on the board.", file=out)
        return 0
    if args.action == "rename":
        old = family.find(args.old)
        renamed = family.rename(args.old, args.new)
        print(f"{printable(old.name)} is now {printable(renamed.name)}.", file=out)
        return 0
    if args.action == "archive":
        gone = family.archive(args.name)
        print(f"Archived {printable(gone.name)}: the history stays; "
              f"`bondtui child restore {printable(_quoted(gone.name))}` brings it back.", file=out)
        return 0
    back = family.restore(args.name)
    print(f"{printable(back.name)} is back on the boards.", file=out)
    return 0


def _quoted(name: str) -> str:
    return f"'{name}'" if any(ch.isspace() for ch in name) else name
