"""The command line's grammar: every command, its arguments and its help, in argparse.

Only the chosen command's parser is built (see command_word), and the common
lines never come here at all (tui/cli/run.py reads them without argparse).
"""

from __future__ import annotations

import argparse
import sys

DATE_HELP = "YYYY-MM-DD, today, yesterday, or -N (N days ago); never in the future"


class _Parser(argparse.ArgumentParser):
    """argparse with its messages escaped: a hostile argument is shown, never obeyed."""

    def error(self, message: str):
        from ..text import printable

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
    parser.add_argument("--child", metavar="NAME", default=default,
                        help="whose board: a child's name (default: $BONDTUI_CHILD, else the one the board showed last)")
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
               "--db, --child and --version may come anywhere on the line.",
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

    Only `--db PATH`, `--db=PATH`, `--child NAME`, `--child=NAME`, `--version` and `-h`/`--help` may come before it
    (after `-h` the line is help, whatever follows): anything else (an abbreviated
    option, `--`) leaves the reading to the whole parser.
    """
    words = iter(argv)
    for word in words:
        if word in ("--db", "--child"):
            next(words, None)
        elif word in ("-h", "--help"):
            return ""
        elif word.startswith(("--db=", "--child=")) or word == "--version":
            continue
        else:
            return word if word in COMMANDS else None
    return ""


def _today(today, shared) -> None:
    today.add_argument("--all", action="store_true", help="with --json: every child's (a list, one per child)")
    shape = today.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="print JSON for scripts")
    shape.add_argument("--short", action="store_true", help="one line (action — strategy), for a prompt or status bar")
    today.add_argument("--next", type=int, default=0, metavar="N", help="show the N-th other suggestion instead (wraps)")


WENT_HELP = "how it went with him: great, ok or flat (guidance brings back what went great, rests what fell flat)"


def _did(did, shared) -> None:
    did.add_argument("--note", default="", help="a note to remember (what he said)")
    did.add_argument("--went", default="", metavar="great|ok|flat", help=WENT_HELP)


def _done(done, shared) -> None:
    done.add_argument("key", help="the strategy (see `bondtui streaks`)")
    done.add_argument("--action", default="", help="what you did (default: the strategy itself)")
    done.add_argument("--note", default="", help="a note to remember (what he said)")
    done.add_argument("--date", default="today", metavar="DATE", help=DATE_HELP)
    done.add_argument("--went", default="", metavar="great|ok|flat", help=WENT_HELP)


def _question(question, shared) -> None:
    question.add_argument("--json", action="store_true", help="print JSON for scripts")
    question.add_argument("--asked", action="store_true", help="you asked it: log it under Talk, with his answer")
    question.add_argument("--note", default="", help="with --asked: what he said")
    question.add_argument("--went", default="", metavar="great|ok|flat", help="with --asked: " + WENT_HELP)
    question.add_argument("--skip", action="store_true", help="not this one: move on to the next question")


def _plan(plan, shared) -> None:
    actions = plan.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", parents=[shared], help="set a day aside for a strategy")
    add.add_argument("key", help="the strategy")
    add.add_argument("day", metavar="DAY", help="today, tomorrow, a weekday (saturday) or YYYY-MM-DD")
    add.add_argument("--action", dest="action_text", default="", help="what you mean to do")
    listing = actions.add_parser("list", parents=[shared], help="the plans for today and the days ahead")
    listing.add_argument("--json", action="store_true", help="print JSON for scripts")
    actions.add_parser("remove", parents=[shared], help="remove a plan").add_argument("id", help="its id (plan list)")


def _review(review, shared) -> None:
    which = review.add_mutually_exclusive_group()
    which.add_argument("--week", metavar="YYYY-Www", help="the week holding that ISO week (default: this week)")
    which.add_argument("--last", action="store_true", help="last week")
    which.add_argument("--year", type=int, metavar="YYYY", help="the year to keep, as one page (with --html or --markdown)")
    shape = review.add_mutually_exclusive_group()
    shape.add_argument("--markdown", action="store_true", help="Markdown, for your own journal")
    shape.add_argument("--json", action="store_true", help="print JSON for scripts")
    shape.add_argument("--html", action="store_true", help="with --year: a page that stands alone, to keep or print")
    review.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically) instead of printing")


def _skip(skip, shared) -> None:
    skip.add_argument("key", help="the strategy")
    skip.add_argument("--date", default="today", metavar="DATE", help=DATE_HELP)


def _nothing(parser, shared) -> None:
    pass


def _history(history, shared) -> None:
    history.add_argument("key", help="the strategy")
    history.add_argument("--year", type=int, metavar="YYYY", help="the year to show (default: this year)")
    history.add_argument("--json", action="store_true", help="each day's state, the streak runs and strength, as JSON")


def _restore(restore, shared) -> None:
    restore.add_argument("backup", nargs="?", metavar="BACKUP", help="a backup's day (YYYY-MM-DD), 'newest', or a file")


def _streaks(streaks, shared) -> None:
    streaks.add_argument("--json", action="store_true", help="print JSON for scripts")
    streaks.add_argument("--all", action="store_true", help="include archived strategies, marked archived")


def _export(export, shared) -> None:
    export.add_argument("--format", choices=("json", "csv"), default="json", help="json (default) or csv")
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically) instead of printing")
    export.add_argument("--all", action="store_true", help="every child, each named (JSON: a list; CSV: a child column)")


def _import(import_, shared) -> None:
    import_.add_argument("path", metavar="PATH", help="the file or folder to import")
    import_.add_argument("--dry-run", action="store_true", help="write nothing; print what would come in")


def _merge(merge, shared) -> None:
    merge.add_argument("file", metavar="FILE", help="the other copy")
    merge.add_argument("--dry-run", action="store_true", help="write nothing; list what the merge would add and remove")


def _settings(settings, shared) -> None:
    """`settings`, `strategy …` and `away …` are run by tui/cli/manage.py."""
    settings.add_argument("--json", action="store_true", help="print JSON for scripts (with his age)")
    settings_actions = settings.add_subparsers(dest="action", metavar="set")
    setting = settings_actions.add_parser("set", parents=[shared], help="change a setting")
    setting.add_argument("name", choices=("name", "interests", "born", "day-start", "week-start", "theme", "column",
                                          "nudge"),
                         metavar="NAME", help="name (his name), interests (comma-separated), born (the month he was "
                                              "born, YYYY-MM), day-start (0-6), week-start (monday or sunday), theme, "
                                              "column (the board's last column: strength, period or month), "
                                              "nudge (HH:MM, the time from which `bondtui nudge` may speak, or off)")
    setting.add_argument("value", metavar="VALUE", help="the new value ('' clears name, interests, born and theme)")


def _child(child, shared) -> None:
    """`child …` is run by tui/cli/child.py."""
    actions = child.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("list", parents=[shared], help="the children: name, born, which board shows, archived"
                       ).add_argument("--json", action="store_true", help="print JSON for scripts")
    add = actions.add_parser("add", parents=[shared], help="a new child with his own strategies and history "
                                                           "(the board you are on stays)")
    add.add_argument("name", metavar="NAME", help="his (or her) name")
    add.add_argument("--born", default="", metavar="YYYY-MM", help="the month he was born, so ideas suit his age")
    add.add_argument("--interests", default="", metavar="LIST", help="what he loves, comma-separated")
    rename = actions.add_parser("rename", parents=[shared], help="give a child another name")
    rename.add_argument("old", metavar="OLD")
    rename.add_argument("new", metavar="NEW")
    for name, text in (("archive", "take a child off the boards and today; his history stays"),
                       ("restore", "bring an archived child back")):
        actions.add_parser(name, parents=[shared], help=text).add_argument("name", metavar="NAME")


def _serve(serve, shared) -> None:
    serve.add_argument("--port", type=int, default=8765, help="the port (default 8765)")
    serve.add_argument("--lan", action="store_true", help="every interface: your phone on the home network reaches it "
                                                          "(default: this computer only)")
    serve.add_argument("--new-key", action="store_true", help="make a new key: the old address stops working")


def _nudge(nudge, shared) -> None:
    nudge.add_argument("--notify", action="store_true", help="as a desktop notification where one can be shown")
    nudge.add_argument("--at", metavar="HH:MM", help="not before this time today (default: the nudge setting, 19:00)")
    nudge.add_argument("--install", action="store_true", help="print the lines that run it each evening "
                                                               "(crontab, systemd timer); writes nothing")


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
    delete = actions.add_parser("delete", parents=[shared],
                                help="delete a strategy and its check-ins (`bondtui undo` brings them back)")
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
    "question": ("the day's question for him; --asked logs it with his answer, --skip moves on", True, _question),
    "skip": ("mark a day as not expected (he is at camp); the streak is frozen", True, _skip),
    "undo": ("undo the last change", True, _nothing),
    "history": ("a strategy's year as a calendar, its streak runs, strength and journal", True, _history),
    "review": ("the week with him in words: each strategy against its goal, what he said, what went great",
               True, _review),
    "plan": ("plan a day for a strategy; that day the Today panel offers it first", False, _plan),
    "restore": ("without BACKUP, list the backups; with one, go back to it", True, _restore),
    "streaks": ("one row per strategy: cadence, current, best, strength", True, _streaks),
    "export": ("write everything out: JSON (all of it) or CSV (one row per check-in)", True, _export),
    "import": ("bring in a bondtui export, a Loop backup or CSV export, harsh, dijo "
               "or beaverhabits data (the format is found from the content)", True, _import),
    "merge": ("merge another copy (a bondtui database or export) into this one", True, _merge),
    "settings": ("print the settings, or change one: settings set NAME VALUE", False, _settings),
    "strategy": ("list, add, edit, move, archive, restore or delete strategies", False, _strategy),
    "away": ("away periods: every strategy rests (he is at camp)", False, _away),
    "child": ("several children, a board each: list, add, rename, archive or restore", False, _child),
    "serve": ("the board in a browser (your phone on the home network), guarded by a key", True, _serve),
    "nudge": ("one line with the day's suggestion, once a day, only if nothing is done yet (for cron)", True, _nudge),
}
