"""The modules of macros/ import each other without a circle, and none of them drives MkDocs (the one
adapter is hooks/adapter.py; render/links.py only borrows MkDocs' URL functions). Read from the source,
so an import inside a function counts too."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "macros"


def modules() -> dict[str, Path]:
    """'macros.render.renderer' -> its file, for every module and package of macros/."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imported(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The package's modules that importing `name` runs: each module named in an import statement, and
    the packages above it that `name` is not already inside (their __init__ runs first)."""
    is_package = path.name == "__init__.py"
    targets: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_package else name.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            targets.add(module)
            targets |= {f"{module}.{alias.name}" for alias in node.names if f"{module}.{alias.name}" in known}
    edges = set()
    for target in targets:
        parts = target.split(".")
        for end in range(1, len(parts) + 1):
            ancestor = ".".join(parts[:end])
            if ancestor in known and ancestor != name and not name.startswith(ancestor + "."):
                edges.add(ancestor)
    return edges


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (or a module importing itself)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1 or node in graph[node]:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imported(name, path, known) for name, path in known.items()}


def test_no_import_circle_in_macros():
    assert cycles(graph()) == []


def test_the_circle_finder_finds_a_circle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_renderers_sit_above_the_template_environment():
    edges = graph()
    assert "macros.render.templates" in edges["macros.render.charts"]
    assert "macros.render.charts" in edges["macros.render.renderer"]
    assert "macros.render.renderer" not in edges["macros.render.charts"] | edges["macros.render.locator_map"]


# The MkDocs code the package may use: functions that compute URLs exactly as MkDocs does.
URL_HELPERS = {("macros.render.links", "mkdocs.structure.files"), ("macros.render.links", "mkdocs.utils")}


def test_no_module_of_the_package_imports_mkdocs_but_its_url_helpers():
    offenders = []
    for name, path in modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom) and not node.level
                else []
            )
            offenders += [
                f"{name}: {n}"
                for n in names
                if n.split(".")[0] in ("mkdocs", "mkdocs_macros", "material") and (name, n) not in URL_HELPERS
            ]
    assert offenders == []
