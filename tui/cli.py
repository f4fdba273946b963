"""The `bondtui` command: argparse first, the store next, Textual only for the board.

`--help`, `--version` and the text commands never import Textual, so they answer
as fast as Python can start.

The exit status tells the truth: 0 means the change is saved (or, for a reader,
that the answer was printed), non-zero means nothing was written. A command's
report is gathered first and printed after the save, so an unwritable or
ASCII-only stdout can never turn a saved change into a traceback or a failure
that a retrying script would repeat.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import sys

DATE_HELP = "YYYY-MM-DD, today, yesterday, or -N (N days ago); never in the future"
NOW_ENV = "BONDTUI_NOW"  # an ISO date-time that freezes the clock (tests, demos)
WRITERS = ("done", "did", "skip", "undo", "restore")


class _Parser(argparse.ArgumentParser):
    """argparse with its messages escaped: a hostile argument is shown, never obeyed."""

    def error(self, message: str):
        from .text import printable

        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {printable(message)}\n")


class _Version(argparse.Action):
    """--version, reading the package's one version string only when asked."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None):
        super().__init__(option_strings, dest, nargs=0, default=default, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        from store import __version__

        print(f"bondtui {__version__}")
        parser.exit()


def _global_options(parser: argparse.ArgumentParser, default) -> None:
    parser.add_argument("--db", metavar="PATH", default=default,
                        help="the data file to use (default: $BONDTUI_DB or the user data folder)")
    parser.add_argument("--version", action=_Version, help="show the version and exit")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; with `only`, just what reading that one command needs.

    `only` comes from command_word: a known command gets its own parser and no
    other (no other is parsed with, and its line never lists them), "" (no command:
    the board or `--help`) gets every command's name for the list and no
    arguments, and None the whole parser, so an unknown command's error reads the same.
    """
    parser = _Parser(
        prog="bondtui",
        description="Stay close to your son, one small action a day. Without a command, opens the board.",
        epilog=f"DATE: {DATE_HELP}. Data file: --db, else $BONDTUI_DB, else the user data folder. "
               "--db and --version may come anywhere on the line.",
    )
    _global_options(parser, None)
    # The same options after the command; SUPPRESS keeps a --db given before it.
    shared = _Parser(add_help=False)
    _global_options(shared, argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", prog=parser.prog)
    for name, (help, described, fill) in COMMANDS.items():
        if only and name != only:
            continue
        if only == "":
            commands.add_parser(name, help=help)  # named in the list, never parsed with
            continue
        description = help[0].upper() + help[1:] + "." if described else None
        fill(commands.add_parser(name, help=help, description=description, parents=[shared]), shared)
    return parser


def command_word(argv: list[str]) -> str | None:
    """The command on the line, "" when there is none (the board), None when argparse must decide.

    Only `--db PATH`, `--db=PATH`, `--version` and `-h`/`--help` may come before it
    (after `-h` the line is help, whatever follows): anything else (an abbreviated
    option, `--`) leaves the reading to the whole parser.
    """
    words = iter(argv)
    for word in words:
        if word == "--db":
            next(words, None)
        elif word in ("-h", "--help"):
            return ""
        elif word.startswith("--db=") or word == "--version":
            continue
        else:
            return word if word in COMMANDS else None
    return ""


def _today(today, shared) -> None:
    shape = today.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="print JSON for scripts")
    shape.add_argument("--short", action="store_true", help="one line (action — strategy), for a prompt or status bar")
    today.add_argument("--next", type=int, default=0, metavar="N", help="show the N-th other suggestion instead (wraps)")


def _did(did, shared) -> None:
    did.add_argument("--note", default="", help="a note to remember (what he said)")


def _done(done, shared) -> None:
    done.add_argument("key", help="the strategy (see `bondtui streaks`)")
    done.add_argument("--action", default="", help="what you did (default: the strategy itself)")
    done.add_argument("--note", default="", help="a note to remember (what he said)")
    done.add_argument("--date", default="today", metavar="DATE", help=DATE_HELP)


def _skip(skip, shared) -> None:
    skip.add_argument("key", help="the strategy")
    skip.add_argument("--date", default="today", metavar="DATE", help=DATE_HELP)


def _nothing(parser, shared) -> None:
    pass


def _history(history, shared) -> None:
    history.add_argument("key", help="the strategy")
    history.add_argument("--year", type=int, metavar="YYYY", help="the year to show (default: this year)")


def _restore(restore, shared) -> None:
    restore.add_argument("backup", nargs="?", metavar="BACKUP", help="a backup's day (YYYY-MM-DD), 'newest', or a file")


def _streaks(streaks, shared) -> None:
    streaks.add_argument("--json", action="store_true", help="print JSON for scripts")
    streaks.add_argument("--all", action="store_true", help="include archived strategies, marked archived")


def _export(export, shared) -> None:
    export.add_argument("--format", choices=("json", "csv"), default="json", help="json (default) or csv")
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically) instead of printing")


def _import(import_, shared) -> None:
    import_.add_argument("path", metavar="PATH", help="the file or folder to import")
    import_.add_argument("--dry-run", action="store_true", help="write nothing; print what would come in")


def _merge(merge, shared) -> None:
    merge.add_argument("file", metavar="FILE", help="the other copy")


def _settings(settings, shared) -> None:
    """`settings`, `strategy …` and `away …` are run by tui/manage.py."""
    settings_actions = settings.add_subparsers(dest="action", metavar="set")
    setting = settings_actions.add_parser("set", parents=[shared], help="change a setting")
    setting.add_argument("name", choices=("name", "interests", "day-start", "week-start", "theme"), metavar="NAME",
                         help="name (his name), interests (comma-separated), day-start (0-6), "
                              "week-start (monday or sunday), theme")
    setting.add_argument("value", metavar="VALUE", help="the new value ('' clears name, interests and theme)")


def _strategy(strategy, shared) -> None:
    actions = strategy.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", parents=[shared], help="the strategies in board order")
    listing.add_argument("--all", action="store_true", help="include archived strategies")
    listing.add_argument("--json", action="store_true", help="print JSON for scripts")
    add = actions.add_parser("add", parents=[shared], help="a new strategy at the bottom of the board")
    add.add_argument("key", help="a short lowercase key: letters, digits, - and _")
    add.add_argument("--title", required=True, help="what the board shows")
    add.add_argument("--cadence", required=True, help="daily, N per week, weekly on DAYS or every N days")
    add.add_argument("--summary", default="", help="one line on what it is about")
    add.add_argument("--action", dest="action_texts", action="append", default=[], metavar="ACTION",
                     help="an idea (repeat for more); 'evening: …' or 'outing: …' sets its size")
    edit = actions.add_parser("edit", parents=[shared], help="change a strategy; every check-in is kept")
    edit.add_argument("key", help="the strategy")
    edit.add_argument("--title")
    edit.add_argument("--summary")
    edit.add_argument("--cadence", help="a new cadence re-reads the whole history under the new rule")
    edit.add_argument("--add-action", action="append", default=[], metavar="ACTION",
                      help="add an idea (repeatable; 'outing: …' sets its size)")
    edit.add_argument("--remove-action", action="append", default=[], metavar="ACTION",
                      help="remove an idea (repeatable); past check-ins keep it")
    move = actions.add_parser("move", parents=[shared], help="move a strategy on the board")
    move.add_argument("key", help="the strategy")
    move.add_argument("to", metavar="up|down|N", help="one place up or down, or place N (1 is the top)")
    for name, text in (("archive", "take it off the board; its history stays"),
                       ("restore", "bring an archived strategy back with every check-in")):
        actions.add_parser(name, parents=[shared], help=text).add_argument("key", help="the strategy")
    delete = actions.add_parser("delete", parents=[shared], help="delete a strategy and its check-ins (`bondtui undo` brings them back)")
    delete.add_argument("key", help="the strategy")
    delete.add_argument("--confirm", required=True, metavar="KEY", help="the same key again, to be sure")


def _away(away, shared) -> None:
    away_actions = away.add_subparsers(dest="action", metavar="ACTION", required=True)
    away_add = away_actions.add_parser("add", parents=[shared], help="add an away period (overlapping ones merge into one)")
    away_add.add_argument("start", metavar="START", help="DATE: YYYY-MM-DD, today, yesterday or -N")
    away_add.add_argument("end", metavar="END", help="DATE, the last day away; may lie ahead")
    away_add.add_argument("--reason", default="", help="why (camp, grandma's)")
    away_actions.add_parser("list", parents=[shared], help="the away periods with their ids")
    away_actions.add_parser("remove", parents=[shared], help="remove an away period").add_argument("id", metavar="ID",
                                                                                 help="its id (see away list)")


# command -> (its help, whether --help repeats it as a description, what adds its arguments), in --help order
COMMANDS = {
    "today": ("print today's suggestion, its reason, and today's progress", True, _today),
    "did": ("log today's suggestion as done (the board's d) and show the next one", True, _did),
    "done": ("log a check-in", True, _done),
    "skip": ("mark a day as not expected (he is at camp); the streak is frozen", True, _skip),
    "undo": ("undo the last change", True, _nothing),
    "history": ("a strategy's year as a calendar, its streak runs, strength and journal", True, _history),
    "restore": ("without BACKUP, list the backups; with one, go back to it", True, _restore),
    "streaks": ("one row per strategy: cadence, current, best, strength", True, _streaks),
    "export": ("write everything out: JSON (all of it) or CSV (one row per check-in)", True, _export),
    "import": ("bring in a bondtui export, a Loop backup or CSV export, harsh, dijo "
               "or beaverhabits data (the format is found from the content)", True, _import),
    "merge": ("merge another copy (a bondtui database or export) into this one", True, _merge),
    "settings": ("print the settings, or change one: settings set NAME VALUE", False, _settings),
    "strategy": ("list, add, edit, move, archive, restore or delete strategies", False, _strategy),
    "away": ("away periods: every strategy rests (he is at camp)", False, _away),
}


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # an ASCII-only terminal gets \u2713, not a traceback
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser(command_word(argv)).parse_args(argv)
    from store import BondError, UsageError

    from .text import printable

    path, before = None, None
    try:
        _check_text(args)
        clock = _clock()
        if args.command is None:
            return _open_board(args.db, clock)
        from store import Store, resolve_path

        from . import commands

        run, writes = _command(args)
        report = io.StringIO()
        if writes:
            path = resolve_path(args.db)
            before = _identity(path)
        if args.command == "restore":  # works when the data file itself is broken
            code = commands.restore(args, report)
        else:
            with Store.open(args.db, clock, read_only=not writes) as store:
                code = run(store, args, report)
        return _emit(report.getvalue(), code, saved=path is not None and _identity(path) != before)
    except UsageError as error:
        print(f"bondtui: {printable(str(error))}", file=sys.stderr)
        return 2
    except BondError as error:
        print(f"bondtui: {printable(str(error))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        if path is None or _identity(path) == before:
            raise  # nothing was written: a bug shows itself, and the exit status is not 0
        # The change is on disk: say so, and let a script know not to do it again.
        _say(f"bondtui: the change is saved, but reporting it failed: {printable(repr(error))}")
        return 0


def _command(args):
    """The function that runs the command, and whether it may write."""
    if args.command in ("export", "import", "merge"):
        from . import transfer

        writes = args.command == "merge" or (args.command == "import" and not args.dry_run)
        return getattr(transfer, "import_" if args.command == "import" else args.command), writes
    if args.command in ("settings", "strategy", "away"):
        from . import manage

        return manage.run, manage.writes(args)
    from . import commands

    return getattr(commands, args.command), args.command in WRITERS


def _check_text(args) -> None:
    """Arguments must be text that can be saved: undecodable bytes are refused, not written."""
    from store import UsageError

    for name, value in vars(args).items():
        if isinstance(value, str) and name != "db":
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise UsageError(f"the {name} holds bytes that are not UTF-8 text; type it again") from None


def _identity(path) -> tuple | None:
    """What changes when a save replaces the file (a new inode each time)."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_ino, found.st_mtime_ns, found.st_size


def _emit(text: str, code: int, *, saved: bool) -> int:
    """Print a command's report; a failed print never hides a save nor fakes one."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:  # `bondtui streaks | head`: the reader left, nothing is wrong
        _forget(sys.stdout)
    except OSError as error:
        _forget(sys.stdout)
        if saved:
            _say(f"bondtui: the change is saved, but its report could not be printed: {error.strerror or error}")
            return code
        _say(f"bondtui: could not print the answer: {error.strerror or error}")
        return 1
    return code


def _say(line: str) -> None:
    try:
        print(line, file=sys.stderr, flush=True)
    except OSError:
        _forget(sys.stderr)


def _forget(stream) -> None:
    """Point a stream that cannot be written at /dev/null, so exit does not fail on its buffer."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass


_POSIX_TZ = re.compile(r"(?:[A-Za-z]{3,}|<[^>]+>)[+-]?\d.*")  # e.g. EST5EDT, UTC+3, <+0330>-3:30


def _clock():
    from datetime import datetime

    from store import FIRST_DAY, LAST_DAY, FixedClock, SystemClock, UsageError

    zone = os.environ.get("TZ")
    try:
        now = datetime.now().astimezone()
    except (ValueError, OverflowError, OSError):
        raise UsageError(f"TZ={zone!r} is not a time zone bondtui can use; use a zone name such as Europe/Paris") from None
    if zone and not _known_zone(zone):
        from .text import printable

        _say(f"bondtui: TZ={printable(repr(zone))} is not a known time zone; times are in UTC")
    frozen = os.environ.get(NOW_ENV)
    if not frozen:
        return SystemClock()
    try:
        now = datetime.fromisoformat(frozen).astimezone()
    except (ValueError, OverflowError, OSError):
        raise UsageError(f"{NOW_ENV}={frozen!r} is not an ISO date-time such as 2026-11-29T20:00") from None
    if not FIRST_DAY <= now.date() <= LAST_DAY:
        raise UsageError(f"{NOW_ENV}={frozen!r} is outside {FIRST_DAY}..{LAST_DAY}")
    return FixedClock(now)


def _known_zone(zone: str) -> bool:
    name = zone.removeprefix(":")
    if not name or name.startswith("/") or _POSIX_TZ.fullmatch(name):
        return True  # a file or a POSIX rule: the C library reads it as given
    from zoneinfo import ZoneInfo

    try:
        ZoneInfo(name)
    except (KeyError, ValueError, OSError):  # ZoneInfoNotFoundError is a KeyError
        return False
    return True


def _open_board(db: str | None, clock) -> int:
    from store import Store, UsageError

    store = Store.open(db, clock)  # refuses before Textual loads if the file is bad or busy
    try:
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            raise UsageError("the board needs a terminal; for scripts use today, done, skip, undo or streaks")
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
            _forget(stream)


if __name__ == "__main__":
    sys.exit(main())
