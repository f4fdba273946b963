"""The `bondtui` command: argparse first, the store next, Textual only for the board.

`--help`, `--version` and the text commands never import Textual, so they answer
as fast as Python can start.
"""

from __future__ import annotations

import argparse
import os
import sys

VERSION = "0.1.0"
DATE_HELP = "YYYY-MM-DD, today, yesterday, or -N (N days ago); never in the future"
NOW_ENV = "BONDTUI_NOW"  # an ISO date-time that freezes the clock (tests, demos)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bondtui",
        description="Stay close to your son, one small action a day. Without a command, opens the board.",
        epilog=f"DATE: {DATE_HELP}. Data file: --db, else $BONDTUI_DB, else the user data folder.",
    )
    parser.add_argument("--db", metavar="PATH", help="the data file to use (default: $BONDTUI_DB or the user data folder)")
    parser.add_argument("--version", action="version", version=f"bondtui {VERSION}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    today = commands.add_parser("today", help="print today's suggestion, its reason, and today's progress")
    shape = today.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="print JSON for scripts")
    shape.add_argument("--short", action="store_true", help="one line (action — strategy), for a prompt or status bar")
    today.add_argument("--next", type=int, default=0, metavar="N", help="show the N-th other suggestion instead (wraps)")

    did = commands.add_parser("did", help="log today's suggestion as done (the board's d) and show the next one")
    did.add_argument("--note", default="", help="a note to remember (what he said)")

    done = commands.add_parser("done", help="log a check-in")
    done.add_argument("key", help="the strategy (see `bondtui streaks`)")
    done.add_argument("--action", default="", help="what you did (default: the strategy itself)")
    done.add_argument("--note", default="", help="a note to remember (what he said)")
    done.add_argument("--date", default="today", metavar="DATE", help=DATE_HELP)

    skip = commands.add_parser("skip", help="mark a day as not expected (he is at camp); the streak is frozen")
    skip.add_argument("key", help="the strategy")
    skip.add_argument("--date", default="today", metavar="DATE", help=DATE_HELP)

    commands.add_parser("undo", help="undo the last change")

    history = commands.add_parser("history", help="a strategy's year as a calendar, its streak runs, strength and journal")
    history.add_argument("key", help="the strategy")
    history.add_argument("--year", type=int, metavar="YYYY", help="the year to show (default: this year)")

    restore = commands.add_parser("restore", help="list the backups, or go back to one (the newest when no day is given)")
    restore.add_argument("backup", nargs="?", metavar="BACKUP", help="a backup's day (YYYY-MM-DD), 'newest', or a file")

    streaks = commands.add_parser("streaks", help="one row per strategy: cadence, current, best, strength")
    streaks.add_argument("--json", action="store_true", help="print JSON for scripts")

    export = commands.add_parser("export", help="write everything out: JSON (all of it) or CSV (one row per check-in)")
    export.add_argument("--format", choices=("json", "csv"), default="json", help="json (default) or csv")
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically) instead of printing")
    import_ = commands.add_parser("import", help="bring in a bondtui export, a Loop backup or CSV export, harsh, dijo "
                                                 "or beaverhabits data (the format is found from the content)")
    import_.add_argument("path", metavar="PATH", help="the file or folder to import")
    import_.add_argument("--dry-run", action="store_true", help="write nothing; print what would come in")
    merge = commands.add_parser("merge", help="merge another copy (a bondtui database or export) into this one")
    merge.add_argument("file", metavar="FILE", help="the other copy")
    streaks.add_argument("--all", action="store_true", help="include archived strategies, marked archived")
    _add_manage_parsers(commands)
    return parser


def _add_manage_parsers(commands) -> None:
    """`settings`, `strategy …` and `away …` (run by tui/manage.py)."""
    settings = commands.add_parser("settings", help="print the settings, or change one: settings set NAME VALUE")
    settings_actions = settings.add_subparsers(dest="action", metavar="set")
    setting = settings_actions.add_parser("set", help="change a setting")
    setting.add_argument("name", choices=("name", "interests", "day-start", "week-start", "theme"), metavar="NAME",
                         help="name (his name), interests (comma-separated), day-start (0-6), "
                              "week-start (monday or sunday), theme")
    setting.add_argument("value", metavar="VALUE", help="the new value ('' clears name, interests and theme)")

    strategy = commands.add_parser("strategy", help="list, add, edit, move, archive, restore or delete strategies")
    actions = strategy.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="the strategies in board order")
    listing.add_argument("--all", action="store_true", help="include archived strategies")
    listing.add_argument("--json", action="store_true", help="print JSON for scripts")
    add = actions.add_parser("add", help="a new strategy at the bottom of the board")
    add.add_argument("key", help="a short lowercase key: letters, digits, - and _")
    add.add_argument("--title", required=True, help="what the board shows")
    add.add_argument("--cadence", required=True, help="daily, N per week, weekly on DAYS or every N days")
    add.add_argument("--summary", default="", help="one line on what it is about")
    add.add_argument("--action", dest="action_texts", action="append", default=[], metavar="ACTION",
                     help="an idea (repeat for more); 'evening: …' or 'outing: …' sets its size")
    edit = actions.add_parser("edit", help="change a strategy; every check-in is kept")
    edit.add_argument("key", help="the strategy")
    edit.add_argument("--title")
    edit.add_argument("--summary")
    edit.add_argument("--cadence", help="a new cadence re-reads the whole history under the new rule")
    edit.add_argument("--add-action", action="append", default=[], metavar="ACTION",
                      help="add an idea (repeatable; 'outing: …' sets its size)")
    edit.add_argument("--remove-action", action="append", default=[], metavar="ACTION",
                      help="remove an idea (repeatable); past check-ins keep it")
    move = actions.add_parser("move", help="move a strategy on the board")
    move.add_argument("key", help="the strategy")
    move.add_argument("to", metavar="up|down|N", help="one place up or down, or place N (1 is the top)")
    for name, text in (("archive", "take it off the board; its history stays"),
                       ("restore", "bring an archived strategy back with every check-in")):
        actions.add_parser(name, help=text).add_argument("key", help="the strategy")
    delete = actions.add_parser("delete", help="delete a strategy and its check-ins (`bondtui undo` brings them back)")
    delete.add_argument("key", help="the strategy")
    delete.add_argument("--confirm", required=True, metavar="KEY", help="the same key again, to be sure")

    away = commands.add_parser("away", help="away periods: every strategy rests (he is at camp)")
    away_actions = away.add_subparsers(dest="action", metavar="ACTION", required=True)
    away_add = away_actions.add_parser("add", help="add an away period (overlapping ones merge into one)")
    away_add.add_argument("start", metavar="START", help="DATE: YYYY-MM-DD, today, yesterday or -N")
    away_add.add_argument("end", metavar="END", help="DATE, the last day away; may lie ahead")
    away_add.add_argument("--reason", default="", help="why (camp, grandma's)")
    away_actions.add_parser("list", help="the away periods with their ids")
    away_actions.add_parser("remove", help="remove an away period").add_argument("id", metavar="ID",
                                                                                 help="its id (see away list)")


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from store import BondError, DataError, LockedError, Store, UsageError, WriteError

    try:
        clock = _clock()
        if args.command is None:
            return _open_board(args.db, clock)
        from . import commands

        if args.command == "restore":  # works when the data file itself is broken
            return commands.restore(args, sys.stdout)
        if args.command in ("export", "import", "merge"):
            from . import transfer

            writes = args.command == "merge" or (args.command == "import" and not args.dry_run)
            with Store.open(args.db, clock, read_only_ok=not writes) as store:
                return getattr(transfer, args.command.replace("import", "import_"))(store, args, sys.stdout)
        if args.command in ("settings", "strategy", "away"):
            from . import manage

            with Store.open(args.db, clock, read_only_ok=not manage.writes(args)) as store:
                return manage.run(store, args, sys.stdout)
        writes = args.command in ("done", "did", "skip", "undo")
        with Store.open(args.db, clock, read_only_ok=not writes) as store:
            return getattr(commands, args.command)(store, args, sys.stdout)
    except UsageError as error:
        print(f"bondtui: {_one_line(error)}", file=sys.stderr)
        return 2
    except (DataError, LockedError, WriteError, BondError) as error:
        print(f"bondtui: {_one_line(error)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `bondtui streaks | head`: the reader left, nothing is wrong
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _one_line(error: Exception) -> str:
    """An error as one safe line: user text inside it (a title, a key) is shown, never obeyed."""
    from .text import printable

    return printable(str(error))


def _clock():
    from store import FixedClock, SystemClock, UsageError

    frozen = os.environ.get(NOW_ENV)
    if not frozen:
        return SystemClock()
    from datetime import datetime

    try:
        return FixedClock(datetime.fromisoformat(frozen).astimezone())
    except ValueError:
        raise UsageError(f"{NOW_ENV}={frozen!r} is not an ISO date-time such as 2026-11-29T20:00") from None


def _open_board(db: str | None, clock) -> int:
    from store import Store

    store = Store.open(db, clock)  # refuses before Textual loads if the file is bad or busy
    try:
        from .app import BondApp

        app = BondApp(store=store, clock=clock)
        app.run()
        _flush_or_forget()
        return app.return_code or 0
    finally:
        store.close()


def _flush_or_forget() -> None:
    """After a closed terminal, writing the last buffered bytes fails: drop them, not the exit code."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except OSError:
            os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())


if __name__ == "__main__":
    sys.exit(main())
