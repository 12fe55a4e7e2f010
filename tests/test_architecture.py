"""The import graph of the package: no cycle between docparse's top-level packages, and the
layers point one way (regions never import readers; pages never import regions or readers).

Every ``import`` statement counts, including the deferred ones inside functions (a deferred
import is still a dependency); only ``if TYPE_CHECKING:`` blocks are left out, as they never run.
The one exception is listed in :data:`FACADE_IMPORTS`.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import docparse

ROOT = Path(docparse.__file__).resolve().parent

# Deferred imports (inside a method) that are allowed to point up a layer: the data model's
# convenience methods (``Table.to_html()``, ``Document.to_markdown()``) hand the object to its
# renderer. They run only when called, never at import time.
FACADE_IMPORTS = frozenset({
    ("docparse.document", "docparse.renderers.images"),
    ("docparse.document", "docparse.renderers.markdown"),
    ("docparse.document", "docparse.renderers.tables"),
    ("docparse.document", "docparse.chunking"),  # Document.chunks() hands the document to the chunker
})


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(tree: ast.AST, module: str, is_package: bool) -> list[str]:
    """Absolute names of the docparse modules that ``module`` imports (outside TYPE_CHECKING)."""
    found: list[str] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".") if is_package else module.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                found.append(".".join(base + ([node.module] if node.module else [])))
            elif node.module:
                found.append(node.module)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return [name for name in found if name == "docparse" or name.startswith("docparse.")]


def import_graph() -> dict[str, set[str]]:
    """Module → the docparse modules it imports."""
    graph: dict[str, set[str]] = {}
    for path in sorted(ROOT.rglob("*.py")):
        module = _module_name(path)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        graph[module] = {name for name in _imports(tree, module, path.name == "__init__.py")
                          if (module, name) not in FACADE_IMPORTS}
    return graph


def _top(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "docparse"


def package_graph(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """Top-level package (or module) of docparse → those it imports; the package root's own
    ``__init__`` (the public API facade) is left out, as every layer may sit below it."""
    packages: dict[str, set[str]] = defaultdict(set)
    for module, imported in graph.items():
        for name in imported:
            a, b = _top(module), _top(name)
            if a != b and "docparse" not in (a, b):
                packages[a].add(b)
    return packages


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of ``graph`` (its nodes in order, the first repeated at the end), or None."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def _imports_between(graph: dict[str, set[str]], a: str, b: str) -> list[str]:
    return sorted(f"{m} -> {n}" for m, names in graph.items() for n in names if _top(m) == a and _top(n) == b)


def test_find_cycle_finds_a_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None


def test_facade_imports_are_deferred() -> None:
    """The allowed upward imports sit inside functions, so importing the model loads no renderer."""
    for module, name in FACADE_IMPORTS:
        path = ROOT.parent / (module.replace(".", "/") + ".py")
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top_level = [n for n in tree.body if isinstance(n, ast.ImportFrom) and n.module == name]
        assert not top_level, f"{module} imports {name} at module level"


def test_no_cycle_between_top_level_packages() -> None:
    graph = import_graph()
    packages = package_graph(graph)
    cycle = find_cycle(packages)
    detail = [_imports_between(graph, a, b) for a, b in zip(cycle, cycle[1:])] if cycle else []
    assert cycle is None, f"import cycle between packages: {' -> '.join(cycle or [])}; {detail}"


def test_regions_import_nothing_from_readers() -> None:
    graph = import_graph()
    assert _imports_between(graph, "regions", "readers") == []


def test_pages_import_neither_regions_nor_readers() -> None:
    graph = import_graph()
    assert _imports_between(graph, "pages", "regions") == []
    assert _imports_between(graph, "pages", "readers") == []
