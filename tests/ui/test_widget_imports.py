"""The widgets import one way: each widget module reaches `ui.slot`, only `ui.field_widgets` imports them all."""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "ui"
WIDGET_MODULES = ("ui.slot", "ui.widgets", "ui.lists", "ui.tables", "ui.grid", "ui.rows", "ui.field_widgets")


def _imports(module: str) -> set[str]:
    """Return the `ui.*` modules that `module` imports anywhere in it (inside functions too)."""
    tree = ast.parse((UI / f"{module.removeprefix('ui.')}.py").read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "ui":
                found |= {f"ui.{alias.name}" for alias in node.names}
            elif node.module.startswith("ui."):
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("ui.")}
    return found


def _reaches(start: str) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        for name in _imports(todo.pop()):
            if name not in seen and (UI / f"{name.removeprefix('ui.')}.py").exists():
                seen.add(name)
                todo.append(name)
    return seen


def test_no_widget_module_imports_itself_back() -> None:
    cycles = [module for module in WIDGET_MODULES if module in _reaches(module)]
    assert not cycles, f"import cycle through {cycles}"


def test_only_the_assembling_module_imports_the_widgets_of_lists_and_tables() -> None:
    importers = {module for module in WIDGET_MODULES if {"ui.lists", "ui.tables"} & _imports(module)}
    assert importers == {"ui.field_widgets"}
