"""`bondtui export`, `bondtui import` and `bondtui merge`: data in and out, and two copies made one."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from store import (
    ImportSummary,
    UsageError,
    WriteError,
    export_csv,
    export_json,
    import_file,
    merge_copy,
    write_atomically,
)

from .text import for_terminal, plural, printable

BAR_FROM = 20_000  # records: smaller imports finish before a bar would be worth drawing


def export(store, args, out: TextIO) -> int:
    path = Path(args.output).expanduser() if args.output else None
    if path and path.resolve() == store.path.resolve():
        raise UsageError(f"{path} is the database itself; choose another file for the export")
    if getattr(args, "all", False):
        content = _every_child(store, args.format)
    else:
        content = export_csv(store).encode() if args.format == "csv" else export_json(store)
    if path is None:  # to a terminal, text is shown, never obeyed; to a file or a pipe, the data as it is
        out.write(for_terminal(content.decode()) if sys.stdout.isatty() else content.decode())
        return 0
    try:
        write_atomically(path, content)
    except OSError as error:
        raise WriteError(f"could not write {path}: {error.strerror or error}; nothing was written") from None
    what = count(len(store.check_ins()), "checkins")
    if getattr(args, "all", False):
        what = plural(len(store.family.children()), "children")
    print(f"Exported {what} as {args.format.upper()} to {printable(str(path))}.", file=out)
    return 0


def _every_child(store, form: str) -> bytes:
    """`export --all`: every child's export, each named. JSON: a list of {child, born, archived, export};
    CSV: one table, its first column the child's name."""
    family = store.family
    children = [(child, family.store_of(child.id)) for child in family.children()]
    if form == "csv":
        import csv
        import io

        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        for number, (child, each) in enumerate(children):
            rows = list(csv.reader(io.StringIO(export_csv(each))))
            for row in rows[0 if number == 0 else 1:]:
                writer.writerow(["child" if row is rows[0] else child.name, *row])
        return out.getvalue().encode()
    import orjson

    return orjson.dumps([{"child": child.name, "born": child.born or None, "archived": child.archived,
                          "export": orjson.loads(export_json(each))} for child, each in children],
                        option=orjson.OPT_INDENT_2) + b"\n"


def export_beside(app) -> Path | None:
    """The palette's "Export…": the JSON export beside the database, and a word saying where."""
    store = app.store
    path = store.path.with_name(f"{store.path.stem}-export-{store.today().isoformat()}.json")
    try:
        write_atomically(path, export_json(store))
    except OSError as error:
        app.notify(f"Could not export to {path}: {error.strerror or error}", severity="error", markup=False)
        return None
    app.notify(f"Exported everything to {path}", markup=False, timeout=10)
    return path


def save_year_beside(app) -> Path | None:
    """The palette's "Save the year as a page…": this year's page beside the database, and where it went."""
    from .year_page import year_page

    store = app.store
    year = store.today().year
    path = store.path.with_name(f"{store.path.stem}-year-{year}.html")
    try:
        page = app.look(lambda: year_page(store, year))
        if page is None:  # a year file it needs cannot be read: told
            return None
        write_atomically(path, page.encode())
    except OSError as error:
        app.notify(f"Could not save the page to {path}: {error.strerror or error}", severity="error", markup=False)
        return None
    app.notify(f"Saved {year} as a page to keep or print: {path}", markup=False, timeout=10)
    return path


def import_(store, args, out: TextIO) -> int:
    with _progress_bar() as progress:
        summary = import_file(store, args.path, dry_run=args.dry_run, progress=progress)
    print(import_report(summary, args.path, args.dry_run), file=out)
    return 0


def merge(store, args, out: TextIO) -> int:
    summary = merge_copy(store, Path(args.file), dry_run=args.dry_run)
    name = printable(str(args.file))
    if not summary.changed:
        print(f"Nothing to merge: {name} holds nothing this copy lacks.", file=out)
        return 0
    print(f"{'Dry run — nothing written. A merge of' if args.dry_run else 'Merged'} {name}:", file=out)
    for label, counts in (("came in", summary.added), ("updated", summary.updated), ("removed", summary.removed)):
        parts = [count(n, table) for table, n in counts.items() if n]
        if parts:
            print(f"  {'would ' + ('come in' if label == 'came in' else label[:-1]) if args.dry_run else label}: "
                  f"{', '.join(parts)}", file=out)
    if args.dry_run:
        for verb, table, what in summary.changes:
            print(f"    {verb:<6} {_NAMES[table][0]:<12} {printable(what)}", file=out)
    else:
        print("`bondtui undo` takes it back.", file=out)
    return 0


_NAMES = {"checkins": ("check-in", "check-ins"), "skips": ("skip", "skips"), "away": ("away period", "away periods"),
          "strategies": ("strategy", "strategies"), "settings": ("settings", "settings")}


def count(n: int, table: str) -> str:
    """ "1 check-in", "12,000 check-ins", "1 strategy" (plural() would say "strategie")."""
    one, many = _NAMES[table]
    return f"{n:,} {one if n == 1 else many}"


def import_report(summary: ImportSummary, path, dry_run: bool) -> str:
    """The summary she reads: what the file was, what was created, matched, added, ignored."""
    name = printable(str(path))
    lines = [f"{'Dry run — nothing written. ' if dry_run else ''}{summary.label}: {name}"]
    strategies = [count(len(summary.created), "strategies") + " created",
                  count(len(summary.matched), "strategies") + " matched"]
    if summary.updated:
        strategies.append(count(len(summary.updated), "strategies") + " updated")
    lines.append("  " + ", ".join(strategies))
    lines += [f"    + {printable(title)}" for title in summary.created]
    lines += [f"    = {printable(title)}" for title in summary.matched]
    for table in ("checkins", "skips", "away"):
        added, present = summary.added[table], summary.present[table]
        if added or present or table == "checkins":
            lines.append(f"  {count(added, table)} added, {present:,} already there")
    for reason, n in sorted(summary.ignored.items()):
        lines.append(f"  {plural(n, 'records')} ignored: {printable(reason)}")
    for notice in summary.notices:
        lines.append(f"  note: {printable(notice)}")
    if summary.written:
        lines.append("`bondtui undo` takes the whole import back.")
    elif not dry_run:
        lines.append("Nothing new: everything in it is here already.")
    return "\n".join(lines)


@contextmanager
def _progress_bar():
    """A Rich progress bar on a terminal for a large import; nothing at all when piped."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn

    with Progress(TextColumn("Importing"), BarColumn(), TextColumn("{task.completed:,} of {task.total:,}"),
                  transient=True, console=Console(stderr=True)) as bar:
        task = None

        def progress(done: int, total: int) -> None:
            nonlocal task
            if total < BAR_FROM:
                return
            if task is None:
                task = bar.add_task("import", total=total)
            bar.update(task, completed=done)

        yield progress
