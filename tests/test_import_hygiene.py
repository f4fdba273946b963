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
