"""The boundary between the core and the screen, checked from the source (an import contract).

`tui/` uses only the names `store/__init__.py` lists as public; `store/` imports
neither `tui/` nor a UI toolkit. tests/test_import_hygiene.py checks the second
one at run time too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import store

ROOT = Path(__file__).resolve().parent.parent
TUI = sorted((ROOT / "tui").rglob("*.py"))
STORE = sorted((ROOT / "store").rglob("*.py"))


def imports(path: Path) -> list[tuple[int, str, list[str]]]:
    """(line, module, names) for every import in a file, wherever it stands (functions too)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module, [alias.name for alias in node.names]))
    return found


def where(path: Path, line: int) -> str:
    return f"{path.relative_to(ROOT)}:{line}"


@pytest.mark.parametrize("path", TUI, ids=lambda p: str(p.relative_to(ROOT)))
def test_tui_uses_only_the_public_store_names(path):
    wrong = []
    for line, module, names in imports(path):
        if module.split(".")[0] != "store":
            continue
        if module != "store":
            wrong.append(f"{where(path, line)} imports {module}: use `from store import …`")
        else:
            wrong += [f"{where(path, line)} imports store.{name}, which is not public"
                      for name in names if name not in store.__all__ and name != "__version__"]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("path", STORE, ids=lambda p: str(p.relative_to(ROOT)))
def test_store_imports_neither_tui_nor_a_ui_toolkit(path):
    wrong = [f"{where(path, line)} imports {module}" for line, module, _ in imports(path)
             if module.split(".")[0] in ("tui", "textual", "rich")]
    assert not wrong, "\n".join(wrong)


def test_every_public_name_resolves_and_is_listed():
    for name in store.__all__:
        assert getattr(store, name) is not None, name
    assert set(store.__all__) <= set(dir(store))
    with pytest.raises(AttributeError):
        store.no_such_name  # noqa: B018


def test_the_type_checker_sees_the_same_public_names_the_package_loads():
    """store/__init__.py names each public name twice: for the lazy loader (_PUBLIC) and, under
    TYPE_CHECKING, for mypy. Both must say the same: the name, its module, and what it is there."""
    tree = ast.parse((ROOT / "store" / "__init__.py").read_text())
    block = next(node for node in tree.body if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING")
    seen = {}
    for node in block.body:
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                seen[alias.asname or alias.name] = (node.module, alias.name)
    for node in block.body:  # `restore_backup, merge_copy = restore, merge` and `ImportSummary: TypeAlias = Summary`
        if isinstance(node, ast.Assign):
            for target, value in zip(node.targets[0].elts, node.value.elts, strict=True):
                seen[target.id] = seen.pop(value.id)
        elif isinstance(node, ast.AnnAssign):
            seen[node.target.id] = seen.pop(node.value.id)
    assert seen == {name: tuple(place) for name, place in store._PUBLIC.items()}
