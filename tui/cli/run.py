"""The `bondtui` command: the arguments first, the store next, Textual only for the board.

`--help`, `--version` and the text commands never import Textual, so they answer
as fast as Python can start. The plain lines of the everyday commands (`today
--short`, `done talk --note …`) are read without even argparse (see quick_args);
every other line, and every mistake, goes to the argparse grammar in tui/cli/parser.py.

The exit status tells the truth: 0 means the change is saved (or, for a reader,
that the answer was printed), non-zero means nothing was written. A command's
report is gathered first and printed after the save, so an unwritable or
ASCII-only stdout can never turn a saved change into a traceback or a failure
that a retrying script would repeat.
"""

from __future__ import annotations

import gc
import io
import os
import re
import sys
from collections.abc import Callable
from typing import Any

# Opens the board on an open store and a clock, returning the exit status.
Board = Callable[[Any, Any], int]
Serve = Callable[[Any], int]  # serves the board to a browser until stopped (tui/serve/)

NOW_ENV = "BONDTUI_NOW"  # an ISO date-time that freezes the clock (tests, demos)
CHILD_ENV = "BONDTUI_CHILD"  # whose board, when the line does not say (--child)
WRITERS = ("done", "did", "skip", "undo", "restore")

# The everyday commands as quick_args knows them: (their positionals, their options as
# option -> (name, default, how its value is read; None for a flag)). The same as
# tui/cli/parser.py says, which a test checks.
Option = tuple[str, object, Callable[[str], object] | None]
QUICK: dict[str, tuple[tuple[str, ...], dict[str, Option]]] = {
    "today": ((), {"--json": ("json", False, None), "--short": ("short", False, None), "--next": ("next", 0, int),
                   "--all": ("all", False, None)}),
    "did": ((), {"--note": ("note", "", str), "--went": ("went", "", str)}),
    "done": (("key",), {"--action": ("action", "", str), "--note": ("note", "", str), "--date": ("date", "today", str),
                        "--went": ("went", "", str)}),
    "skip": (("key",), {"--date": ("date", "today", str)}),
    "undo": ((), {}),
    "streaks": ((), {"--json": ("json", False, None), "--all": ("all", False, None)}),
}
ONE_OF = {"today": {"json", "short"}}  # flags argparse refuses together


def main(argv: list[str] | None = None, board: Board | None = None, serve: Serve | None = None) -> int:
    """Run one command line; `board` opens the board when it names no command, `serve` serves it to a browser
    (both from tui/main.py: this package never imports Textual)."""
    for stream in (sys.stdout, sys.stderr):  # an ASCII-only terminal gets \u2713, not a traceback
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    own_line = argv is None  # the process's own command line: it exits when main returns
    if argv is None:
        argv = sys.argv[1:]
    args = quick_args(argv)
    if args is None:
        from .parser import build_parser, command_word

        return _run(build_parser(command_word(argv)).parse_args(argv), board, serve)
    # An everyday command lives for milliseconds and leaves no garbage cycles that
    # matter: it runs without the cycle collector pausing it as its modules load and
    # its objects are built (1-4 ms). Run as the process itself, it then freezes what
    # it made, so that the collections of the interpreter's exit do not walk every
    # object only for the process to end (8-10 ms); `with` blocks have closed and
    # released everything already.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run(args, board)
    finally:
        if own_line:
            gc.freeze()
        if collecting:
            gc.enable()


def _run(args, board: Board | None = None, serve: Serve | None = None) -> int:
    from store import BondError, UsageError

    from ..text import printable

    path, before = None, None
    try:
        _check_text(args)
        clock = _clock()
        child = getattr(args, "child", None) or os.environ.get(CHILD_ENV) or None
        args.child = child
        if args.command is None:
            return _open_board(args.db, clock, board, child)
        if args.command == "serve":
            if serve is None:
                raise UsageError("`bondtui serve` runs from the bondtui command itself")
            return serve(args)
        from store import Store

        run, writes = _command(args)
        report = io.StringIO()
        if args.command == "restore":  # works when the data file itself is broken
            path = _child_path(args.db, clock, child)
            before = _identity(path)
            code = run(args, report, path)
        else:
            with Store.open(args.db, clock, read_only=not writes, child=child) as store:
                if writes:  # opening writes nothing: the file as it was before her change
                    path = store.path
                    before = _identity(path)
                code = run(store, args, report)
                if writes and code == 0:  # after her change is saved: what a sync tool left beside the data
                    _merge_conflict_copies(store)
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


def _child_path(db: str | None, clock, child: str | None):
    """The chosen child's data file: the one a change is written to (a broken file of his is found too)."""
    from store import child_path

    return child_path(db, clock, child)


def quick_args(argv: list[str]):
    """A plain line of an everyday command read without argparse, as argparse reads it; else None.

    Plain: the command, its positionals and its options spelled out in full, each
    value in the word after its option and not starting with "-". Anything else
    (help, an abbreviation, `--note=x`, `--date -1`, a mistake) is None, and argparse
    reads it, with its own help and messages. Importing and building argparse costs
    more than the rest of `bondtui today --short`.
    """
    command: str | None = None
    positionals: list[str] = []
    given: dict[str, object] = {"db": None, "child": None}
    words = iter(argv)
    for word in words:
        options = QUICK[command][1] if command else {}
        if word in ("--db", "--child") or word in options:
            name, _, read = (word[2:], None, str) if word in ("--db", "--child") else options[word]
            if read is None:
                given[name] = True
                continue
            value = next(words, None)
            if value is None or value.startswith("-"):
                return None
            try:
                given[name] = read(value)
            except ValueError:
                return None
        elif word.startswith("-"):
            return None
        elif command is None:
            if word not in QUICK:
                return None
            command = word
        else:
            positionals.append(word)
    if command is None:
        return None
    names, chosen = QUICK[command]
    if len(positionals) != len(names) or len(ONE_OF.get(command, set()) & {n for n, v in given.items() if v is True}) > 1:
        return None
    from types import SimpleNamespace

    defaults = {name: default for name, default, _ in chosen.values()}
    return SimpleNamespace(command=command, **{**defaults, **dict(zip(names, positionals, strict=False)), **given})


def _command(args):
    """The function that runs the command, and whether it may write."""
    if args.command in ("export", "import", "merge"):
        from ..transfer import export, import_, merge

        writes = args.command in ("merge", "import") and not args.dry_run
        return {"export": export, "import": import_, "merge": merge}[args.command], writes
    if args.command == "child":
        from .child import child, writes as child_writes

        return child, child_writes(args)
    if args.command in ("settings", "strategy", "away"):
        from .manage import run, writes

        return run, writes(args)
    if args.command == "plan":
        from .plan import plan, writes as plan_writes

        return plan, plan_writes(args)
    if args.command == "review":
        from .review import review

        return review, False
    if args.command == "nudge":
        from .nudge import nudge

        return nudge, False  # its once-a-day mark is no change to her data
    if args.command == "question":
        from .question import question, writes as question_writes

        return question, question_writes(args)
    from .commands import COMMANDS

    return COMMANDS[args.command], args.command in WRITERS


def _check_text(args) -> None:
    """Arguments must be text that can be saved: undecodable bytes are refused, not written."""
    from store import UsageError

    for name, value in vars(args).items():
        if isinstance(value, str) and name != "db":
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise UsageError(f"the {name} holds bytes that are not UTF-8 text; type it again") from None
    if isinstance(getattr(args, "key", None), str):  # keys are lowercase: `done Talk` means talk
        args.key = args.key.strip().lower()


def _merge_conflict_copies(store) -> None:
    from store import merge_conflict_copies

    from ..text import printable

    for line in merge_conflict_copies(store, store.path):
        _say(f"bondtui: {printable(line)}")


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


def _clock():
    from datetime import datetime

    from store import FIRST_DAY, LAST_DAY, FixedClock, SystemClock, UsageError

    zone = os.environ.get("TZ")
    try:
        now = datetime.now().astimezone()
    except (ValueError, OverflowError, OSError):
        raise UsageError(f"TZ={zone!r} is not a time zone bondtui can use; use a zone name such as Europe/Paris") from None
    if zone and not _known_zone(zone):
        from ..text import printable

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
    posix_rule = r"(?:[A-Za-z]{3,}|<[^>]+>)[+-]?\d.*"  # e.g. EST5EDT, UTC+3, <+0330>-3:30: compiled only when TZ is set
    if not name or name.startswith("/") or re.fullmatch(posix_rule, name):
        return True  # a file or a POSIX rule: the C library reads it as given
    from zoneinfo import ZoneInfo

    try:
        ZoneInfo(name)
    except (KeyError, ValueError, OSError):  # ZoneInfoNotFoundError is a KeyError
        return False
    return True


def _open_board(db: str | None, clock, board: Board | None, child: str | None = None) -> int:
    from store import BOARD, Store, UsageError

    if board is None:
        raise UsageError("name a command; the board opens from `bondtui` itself")
    store = Store.open(db, clock, origin=BOARD, child=child)  # refuses before Textual loads if the file is bad
    try:
        if not (sys.stdin.isatty() and sys.stdout.isatty()) and not _served():
            raise UsageError("the board needs a terminal; for scripts use today, done, skip, undo or streaks")
        code = board(store, clock)
        _flush_or_forget()
        return code
    finally:
        store.close()


def _served() -> bool:
    """A board `bondtui serve` started for a page: its screen is the page, through Textual's web driver."""
    from ..text import served

    return served() and "web_driver" in os.environ.get("TEXTUAL_DRIVER", "")


def _flush_or_forget() -> None:
    """After a closed terminal, writing the last buffered bytes fails: drop them, not the exit code."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except OSError:
            _forget(stream)

