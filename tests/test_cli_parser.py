"""The command line builds only the chosen command's parser, and reads exactly as the whole one does."""

from __future__ import annotations

import contextlib
import io

import pytest

from tui.cli import COMMANDS, build_parser, command_word

LINES = [[]] + [[name, "--help"] for name in COMMANDS] + [
    ["--help"], ["-h", "today"], ["strategy", "add", "--help"], ["away", "add", "-h"], ["settings", "set", "-h"],
    ["today", "--bogus"], ["bogus"], ["done"], ["strategy"], ["strategy", "edit", "talk", "--title", "T"],
    ["--db", "x.json", "today", "--short"], ["--db=x.json", "streaks", "--json"], ["today", "--json", "--short"],
    ["export", "--format", "xml"], ["settings", "set", "nope", "v"], ["undo", "extra"], ["--d", "today", "streaks"],
    ["--", "today"], ["merge"], ["away", "add", "2026-01-01", "2026-01-02", "--reason", "camp", "--db", "y.json"],
    ["done", "talk", "--note", "today", "--date", "-1"], ["--db", "streaks", "today", "--next", "2"],
    ["--db", "x.json"], ["--db=x.json", "--version"], ["--db"], ["--help", "today", "--short"], ["done", "-h", "talk"],
    ["today", "today"], ["--version", "today"], ["streaks", "--db"], ["did", "--note"],
]


def parsed(parser, argv: list[str]):
    """What a parser makes of a line: the arguments, or its exit code and every word it printed."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            return vars(parser.parse_args(argv)), None, out.getvalue(), err.getvalue()
        except SystemExit as exited:
            return None, exited.code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("argv", LINES, ids=" ".join)
def test_the_chosen_commands_parser_reads_the_line_as_the_whole_one(argv):
    assert parsed(build_parser(command_word(argv)), argv) == parsed(build_parser(), argv)


@pytest.mark.parametrize(("argv", "word"), [
    (["today"], "today"), (["--db", "today", "streaks"], "streaks"), (["--db=a", "--version", "done", "x"], "done"),
    (["--d", "today", "streaks"], None),  # an abbreviation: argparse decides what it takes
    (["--", "today"], None), (["nope"], None), ([], ""), (["-h"], ""), (["--db", "x.json"], ""),
    (["--help", "today"], ""), (["--db", "x", "-h", "done", "talk"], ""),
])
def test_command_word(argv, word):
    assert command_word(argv) == word


@pytest.mark.parametrize(("only", "named", "built"), [
    ("today", {"today"}, {"today"}), ("strategy", {"strategy"}, {"strategy"}),
    ("", set(COMMANDS), set()), (None, set(COMMANDS), set(COMMANDS)),
])
def test_only_the_chosen_commands_parser_is_built(only, named, built):
    parser = build_parser(only)
    chosen = parser._subparsers._group_actions[0].choices  # noqa: SLF001 (argparse keeps them only here)
    assert set(chosen) == named
    assert {name for name, sub in chosen.items() if len(sub._actions) > 1} == built
