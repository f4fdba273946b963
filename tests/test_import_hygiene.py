"""The core never imports Textual or Rich; the command line imports them only for the board."""

from __future__ import annotations

import os
import pkgutil
import subprocess
import sys

import pytest

import store

MODULES = sorted(m.name for m in pkgutil.walk_packages(store.__path__, "store.")) + [
    "store", "tui.cli.run", "tui.cli.commands", "tui.cli.manage", "tui.cli.parser", "tui.text", "themes"]


@pytest.mark.parametrize("module", MODULES)
def test_module_imports_no_ui_toolkit(module):
    code = (f"import sys, {module}; "
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')); print(bad)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def _loaded_after(code: str) -> set[str]:
    result = subprocess.run([sys.executable, "-c", f"{code}\nimport sys; print(' '.join(sys.modules))"],
                            capture_output=True, text=True, check=True)
    return set(result.stdout.split())


def test_the_board_loads_export_import_and_merge_only_when_used():
    loaded = _loaded_after("import tui.board.app")
    assert not loaded & {"tui.transfer", "store.transfer.export", "store.transfer.importers", "store.transfer.merge"}


def test_version_and_plain_errors_load_no_repository():
    loaded = _loaded_after("import store, tui.cli.run\nfrom store import UsageError, __version__")
    assert "store.errors" in loaded and not loaded & {"store.repository", "tinydb", "store.model.history"}


# What the everyday commands must not load: the argparse grammar (their lines are read
# without it), other commands' modules, and what only the board, an import or a year view needs.
NOT_FOR_EVERYDAY = {"argparse", "gettext", "shutil", "tui.cli.parser", "tui.cli.manage", "tui.transfer", "tui.board.app",
                    "store.transfer.export", "store.transfer.importers", "store.transfer.merge", "store.files.restore",
                    "store.model.history",
                    "dateutil.rrule", "dateutil.relativedelta", "calendar", "zoneinfo", "textual", "rich"}
NOT_FOR_READING = {"hashlib"}  # naming a year file: a writer's work


@pytest.mark.parametrize("argv", [["today"], ["today", "--short"], ["today", "--json"], ["streaks", "--json"],
                                  ["done", "talk", "--note", "he laughed"], ["did"], ["undo"]], ids=" ".join)
def test_everyday_commands_load_only_what_they_use(tmp_path, argv):
    from store import FixedClock, Store
    from tests.conftest import NOW
    from tests.sample import fill

    db = tmp_path / "bond.json"
    with Store.open(db, FixedClock(NOW)) as opened:
        fill(opened)
        opened.add_strategy("dinner", "Friday dinner", "weekly on fri")  # a weekday cadence: its periods too
    code = (f"import contextlib, io, sys\nfrom tui.main import main\n"
            f"with contextlib.redirect_stdout(io.StringIO()):\n    code = main({argv!r})\n"
            "print(code, ' '.join(sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            env={**os.environ, "BONDTUI_DB": str(db), "BONDTUI_NOW": NOW.isoformat()})
    status, *loaded = result.stdout.split()
    assert status == "0", result.stderr
    assert {"store.repository", "tui.cli.commands"} <= set(loaded)  # it did run the command
    banned = NOT_FOR_EVERYDAY | (NOT_FOR_READING if argv[0] in ("today", "streaks") else set())
    assert not {name for name in loaded if name in banned or name.split(".")[0] in banned}
