"""The core never imports Textual or Rich; the command line imports them only for the board."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import store

MODULES = sorted(f"store.{m.name}" for m in pkgutil.iter_modules(store.__path__)) + ["store", "tui.cli", "tui.commands", "tui.text", "themes"]


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
    loaded = _loaded_after("import tui.app")
    assert not loaded & {"tui.transfer", "store.export", "store.importers", "store.merge"}


def test_version_and_plain_errors_load_no_repository():
    loaded = _loaded_after("import store, tui.cli\nfrom store import UsageError, __version__")
    assert "store.errors" in loaded and not loaded & {"store.repository", "tinydb", "store.history"}
