"""The shape of the house: small modules, small folders, no import circles, no module importing its own package.

Every import counts: at the top, inside a function, under `if TYPE_CHECKING:`.
The checks read the source with `ast`, so they hold for code that never runs in
a test. `make check` runs them with the fast tests; import-linter's contracts
(pyproject.toml) say which layer may use which.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("store", "tui", "themes")
MOST_LINES = 400
MOST_MODULES = 12


def _sources() -> dict[str, Path]:
    """Every module of the project by dotted name; a package by its own name."""
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


SOURCES = _sources()


def _is_package(name: str, sources: dict[str, Path]) -> bool:
    return sources[name].name == "__init__.py"


def _imports(name: str, sources: dict[str, Path]) -> list[tuple[str, int]]:
    """The project modules `name` imports, each with the line that does."""
    path = sources[name]
    here = name if _is_package(name, sources) else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = here.split(".")[: len(here.split(".")) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                found.append((submodule if submodule in sources else base, node.lineno))
    return [(target, line) for target, line in found if target in sources]


def _graph(sources: dict[str, Path]) -> dict[str, list[tuple[str, int]]]:
    return {name: _imports(name, sources) for name in sources}


GRAPH = _graph(SOURCES)


def _circles(graph: dict[str, list[tuple[str, int]]]) -> list[list[str]]:
    """Strongly connected groups of more than one module, or a module importing itself (Tarjan)."""
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target, _ in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1 or any(target == node for target, _ in graph[node]):
                groups.append(sorted(group))

    for name in graph:
        if name not in index:
            visit(name)
    return groups


def test_no_module_is_over_400_lines():
    long = {name: n for name, path in SOURCES.items() if (n := len(path.read_text().splitlines())) > MOST_LINES}
    assert not long, f"modules over {MOST_LINES} lines: {long}"


def test_no_folder_holds_more_than_a_dozen_modules():
    """The code's folders, and the tests' that mirror them."""
    folders: dict[Path, int] = {}
    for path in [*SOURCES.values(), *(ROOT / "tests").rglob("*.py")]:
        if path.name != "__init__.py":
            folders[path.parent] = folders.get(path.parent, 0) + 1
    crowded = {str(folder.relative_to(ROOT)): n for folder, n in folders.items() if n > MOST_MODULES}
    assert not crowded, f"folders of more than {MOST_MODULES} modules: {crowded}"


def test_no_import_circles():
    circles = _circles(GRAPH)
    assert not circles, f"modules that import each other, directly or around a circle: {circles}"


def test_no_module_imports_its_own_package():
    """`from . import x` or `from store import name` inside store/: import the sibling module itself."""
    found = []
    for name, imports in GRAPH.items():
        ancestors = {".".join(name.split(".")[:k]) for k in range(1, name.count(".") + 1)}
        if _is_package(name, SOURCES):
            ancestors.add(name)
        found += [f"{SOURCES[name].relative_to(ROOT)}:{line} imports {target}"
                  for target, line in imports if target in ancestors]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("source", [
    "import pkg.a\n",
    "def f():\n    from .a import x\n",
    "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .a import x\n",
])
def test_every_kind_of_import_is_seen(source, tmp_path):
    """The circle check sees an import at the top, inside a function and under TYPE_CHECKING."""
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from .b import y\n")
    (package / "b.py").write_text(source)
    sources = {"pkg": package / "__init__.py", "pkg.a": package / "a.py", "pkg.b": package / "b.py"}
    assert _circles(_graph(sources)) == [["pkg.a", "pkg.b"]]
