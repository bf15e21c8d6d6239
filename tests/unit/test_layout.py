"""House rules that reading each file does not catch: the project is an installed package (nothing
edits sys.path), settings are read in one place (pipeline/settings.py), and no modules import each
other in a circle (not even through an import inside a function; TYPE_CHECKING imports aside)."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OWN_CODE = ("pipeline", "dashboard", "bench", "tests")


def _python_files():
    for top in OWN_CODE:
        yield from sorted((ROOT / top).rglob("*.py"))


def _attribute_chain(node: ast.AST) -> str:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    return ".".join(reversed(parts))


def _calls(path: Path):
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Call):
            yield node, _attribute_chain(node.func)


def test_the_checked_tree_has_code_in_it():
    files = list(_python_files())
    assert len(files) > 100
    assert ROOT / "pipeline" / "settings.py" in files


def test_no_code_edits_sys_path():
    edits = [f"{p.relative_to(ROOT)}:{node.lineno}" for p in _python_files() for node, name in _calls(p)
             if name.startswith("sys.path.")]
    assert edits == []


def test_only_the_settings_module_reads_the_environment():
    settings = ROOT / "pipeline" / "settings.py"
    reads = []
    for p in _python_files():
        if p == settings or p.is_relative_to(ROOT / "tests") or p.is_relative_to(ROOT / "bench"):
            continue
        for node, name in _calls(p):
            if name in ("os.getenv", "os.environ.get", "environ.get", "getenv"):
                reads.append(f"{p.relative_to(ROOT)}:{node.lineno}")
    assert reads == []


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _import_graph() -> dict[str, set[str]]:
    files = {_module_name(p): p for top in ("pipeline", "dashboard") for p in sorted((ROOT / top).rglob("*.py"))}
    graph: dict[str, set[str]] = {m: set() for m in files}
    for mod, path in files.items():
        tree = ast.parse(path.read_text("utf-8"), str(path))
        typing_only = {id(x) for n in ast.walk(tree) if isinstance(n, ast.If)
                       and getattr(n.test, "id", None) == "TYPE_CHECKING" for b in n.body for x in ast.walk(b)}
        for node in ast.walk(tree):
            if id(node) in typing_only:
                continue
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                targets = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            else:
                continue
            graph[mod] |= {t for t in targets if t in files and t != mod}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    comp = []
                    while True:
                        m = stack.pop()
                        on_stack.discard(m)
                        comp.append(m)
                        if m == node:
                            break
                    if len(comp) > 1:
                        out.append(sorted(comp))
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph[child]))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return out


def test_the_cycle_finder_finds_a_circle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_modules_import_each_other_in_a_circle():
    graph = _import_graph()
    assert "pipeline.store" in graph and "pipeline.dedupe" in graph["pipeline.store"]  # the graph is real
    assert _cycles(graph) == []
