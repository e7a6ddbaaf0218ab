"""Who may import whom, read from the source with ``ast`` (imports inside functions count too;
imports under ``if TYPE_CHECKING:`` do not, they never run).

- ``store/`` is everything below the screen: it never imports ``tui/`` or Textual;
- nothing imports Textual's private modules (``textual._*``): they change in any release;
- a widget or a screen never imports the command line (``tui.cli``);
- no two of our modules import each other, directly or round a longer circle.
"""
from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("store", "tui")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES: dict[str, Path] = {_module_name(p): p for pkg in PACKAGES for p in (REPO / pkg).rglob("*.py")}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or \
        (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _runtime_imports(tree: ast.AST) -> list[tuple[str, list[str]]]:
    """(module, names) of every import that can run, skipping ``if TYPE_CHECKING:`` bodies."""
    found: list[tuple[str, list[str]]] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for statement in node.orelse:
                visit(statement)
            return
        if isinstance(node, ast.Import):
            found.extend((alias.name, []) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append((node.module, [alias.name for alias in node.names]))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def _imports_of(module: str) -> list[str]:
    """Every module name ``module`` imports at run time (``from a import b`` is ``a.b`` when that
    is a module of ours, else ``a``)."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    out: list[str] = []
    for name, names in _runtime_imports(tree):
        subs = [f"{name}.{n}" for n in names if f"{name}.{n}" in MODULES]
        out.extend(subs or [name])
    return out


GRAPH: dict[str, set[str]] = {m: {i for i in _imports_of(m) if i in MODULES and i != m} for m in MODULES}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def connect(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            connect(v)
    return found


def test_the_graph_is_read() -> None:
    assert "tui.app_main" in GRAPH["tui.cli.cmd_plans"]  # an import inside a function counts
    assert "tui.cli" not in GRAPH["tui.app_main"]  # one under TYPE_CHECKING does not
    assert {"store.queries", "store.status"} <= GRAPH["store.tree"]


# Circles known and not yet broken: a circle not listed here fails, and so does a listed one that
# is gone (then delete its line). store.report / store.report_progress is gone: the progress part
# reads the report package's rows and model, not the module that builds it. store.loader /
# store.loader_progress is gone: both import the plan's data from store.plan_data, and the
# progress keys see the reader only under TYPE_CHECKING.
KNOWN_CYCLES: list[list[str]] = []


def test_no_import_circles() -> None:
    assert _cycles(GRAPH) == KNOWN_CYCLES


def test_the_cycle_finder_finds_one() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_store_imports_neither_tui_nor_textual() -> None:
    bad = {m: [i for i in _imports_of(m) if i.split(".")[0] in ("tui", "textual")]
           for m in MODULES if m.split(".")[0] == "store"}
    assert {m: i for m, i in bad.items() if i} == {}


def test_nothing_imports_textuals_private_modules() -> None:
    everything = {**MODULES, **{_module_name(p): p for p in (REPO / "tests").rglob("*.py")},
                  **{_module_name(p): p for p in (REPO / "benchmarks").rglob("*.py")}}
    bad = {}
    for module, path in everything.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module] + \
            [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        private = [n for n in names if n.startswith("textual.") and any(p.startswith("_") for p in n.split(".")[1:])]
        if private:
            bad[module] = private
    assert bad == {}


def test_widgets_and_screens_never_import_the_command_line() -> None:
    ui = [m for m in MODULES if m.startswith(("tui.widgets", "tui.screens", "tui.controllers"))]
    assert ui
    bad = {m: [i for i in _imports_of(m) if i == "tui.cli" or i.startswith("tui.cli.")] for m in ui}
    assert {m: i for m, i in bad.items() if i} == {}
