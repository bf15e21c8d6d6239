"""House rules that reading each file does not catch: the project is an installed package (nothing
edits sys.path), and settings are read in one place (pipeline/settings.py)."""
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
