"""The command line builds only the chosen command's parser, reads the everyday lines without one, and reads
every line exactly as the whole parser does."""

from __future__ import annotations

import contextlib
import io

import pytest
from hypothesis import given, settings, strategies as st

from tui.cli.parser import COMMANDS, build_parser, command_word
from tui.cli.run import ONE_OF, QUICK, quick_args

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


# ------------------------------------------------- the everyday lines, read without argparse

PLAIN = [["today"], ["today", "--short"], ["today", "--json"], ["today", "--next", "2"], ["streaks", "--json"],
         ["streaks", "--all", "--json"], ["did"], ["did", "--note", "he laughed"], ["done", "talk"],
         ["done", "talk", "--action", "Ask about his day", "--note", "", "--date", "yesterday"],
         ["--db", "x.json", "done", "--date", "2026-01-02", "talk"], ["skip", "talk", "--date", "today"], ["undo"],
         ["today", "--db", "x.json", "--short"], ["--db", "today", "today"], ["done", "today"]]


@pytest.mark.parametrize("argv", PLAIN, ids=" ".join)
def test_plain_everyday_lines_are_read_without_argparse_as_argparse_reads_them(argv):
    quick = quick_args(argv)
    assert quick is not None
    assert (vars(quick), None, "", "") == parsed(build_parser(), argv)


WORDS = [*QUICK, "history", "talk", "x.json", "", "3", "-1", "-", "--", "-h", "--help", "--version", "--db", "--db=x",
         "--sh", "--short", "--json", "--all", "--next", "--note", "--note=x", "--action", "--date", "today", "-x y", "٣"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=7))
def test_any_line_the_quick_reader_takes_reads_as_argparse_reads_it(argv):
    quick = quick_args(argv)
    if quick is not None:
        assert (vars(quick), None, "", "") == parsed(build_parser(), argv)


@pytest.mark.parametrize("name", QUICK)
def test_the_quick_readers_table_is_the_grammar(name):
    sub = build_parser(name)._subparsers._group_actions[0].choices[name]  # noqa: SLF001
    positionals = tuple(a.dest for a in sub._actions if not a.option_strings)
    options = {a.option_strings[-1]: (a.dest, a.default, None if a.nargs == 0 else a.type or str)
               for a in sub._actions if a.option_strings and a.dest not in ("help", "db", "child", "version")}
    assert (positionals, options) == QUICK[name]
    assert all(len(a.option_strings) == 1 for a in sub._actions if a.dest in {d for d, _, _ in options.values()})
    groups = [{a.dest for a in group._group_actions} for group in sub._mutually_exclusive_groups]
    assert groups == ([ONE_OF[name]] if name in ONE_OF else [])


@pytest.mark.parametrize("argv", [
    [], ["-h", "today"], ["done", "-h"], ["today", "--sh"], ["done", "talk", "--date", "-1"], ["did", "--note=x"],
    ["today", "--json", "--short"], ["--", "today"], ["done", "-x y"], ["today", "--next", "two"], ["done"],
    ["undo", "extra"], ["history", "talk"], ["today", "--version"], ["streaks", "--db"],
], ids=" ".join)
def test_every_other_line_goes_to_argparse(argv):
    assert quick_args(argv) is None
