"""The package map in README.md, enforced: imports point down the layers, and no module imports
itself back through others (function-level imports included, so no cycle can hide in one)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "humaskit"

# What each layer may import (besides the standard library and third-party packages).
ALLOWED = {
    "core": {"core"},
    "data": {"core", "data"},
    "importers": {"core", "data", "importers"},
    "coding": {"core", "data", "coding"},
    "response": {"core", "data", "response"},
    "maturity": {"core", "data", "coding", "maturity"},
    "course": {"core", "data", "coding", "response", "maturity", "course"},
    "ui": {"core", "data", "importers", "coding", "response", "maturity", "course", "ui"},
    "trainer": {"core", "data", "coding", "response", "maturity", "course", "trainer"},
    "workshop": {"core", "data", "importers", "coding", "response", "maturity", "course", "ui", "workshop"},
    "cli": {"core", "data", "importers", "coding", "response", "maturity", "course", "ui", "trainer",
            "workshop"},
}


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> str:
    parts = module.split(".")
    return "cli" if parts[1:] == ["cli"] else (parts[1] if len(parts) > 1 else "")


def imports(path: Path) -> set[str]:
    """Every humaskit module this file imports, wherever the import statement stands."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("humaskit.")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("humaskit"):
            for alias in node.names:  # "from humaskit.data import corpus" imports a module
                candidate = f"{node.module}.{alias.name}"
                is_module = (SRC.parent / Path(*candidate.split("."))).with_suffix(".py").exists() or \
                    (SRC.parent / Path(*candidate.split("."))).is_dir()
                found.add(candidate if is_module else node.module)
    return {m for m in found if m != "humaskit"}


MODULES = {module_name(p): p for p in sorted(SRC.rglob("*.py"))}
GRAPH = {name: imports(path) for name, path in MODULES.items()}


def test_every_module_is_in_a_known_layer():
    unknown = [m for m in MODULES if m != "humaskit" and layer(m) not in ALLOWED]
    assert unknown == [], "add the new folder to ALLOWED and to the README's package map"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m != "humaskit"))
def test_imports_point_down(module):
    own = layer(module)
    wrong = sorted(m for m in GRAPH[module] if layer(m) not in ALLOWED[own])
    assert wrong == [], f"{module} ({own}) may not import {wrong}"


def test_no_import_cycles():
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(GRAPH.get(node, ())):
            nxt = nxt if nxt in GRAPH else nxt.rsplit(".", 1)[0]
            if state.get(nxt) == 1:
                cycle = path[path.index(nxt):] + [nxt]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if nxt in GRAPH and not state.get(nxt):
                visit(nxt)
        path.pop()
        state[node] = 2

    for module in sorted(GRAPH):
        if not state.get(module):
            visit(module)


def test_privacy_is_a_leaf():
    assert GRAPH["humaskit.core.privacy"] == set()


def test_the_check_sees_a_violation(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from humaskit.ui import plots\n")
    assert "humaskit.ui.plots" in imports(bad)
