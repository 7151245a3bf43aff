"""The package reads as the pipeline: each stage imports only the stages below it, no module
imports itself back through others, and the edges (app, evaluation) use the narrow interface."""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parent.parent / "assistant"
# stage -> its floor; a module may import modules on its own floor or below (never above)
FLOORS = {
    "settings": 0, "vocab": 0, "messages": 0, "dates": 0, "text": 0, "privacy": 0,
    "ingest": 1, "rules": 2, "answer": 3, "pipeline": 4, "app": 5, "evaluation": 5, "__main__": 6,
}  # fmt: skip
# what the edges may take from the answer stage: its public types only
PUBLIC_ANSWER = {"assistant.answer", "assistant.answer.model"}


def _modules() -> dict[str, Path]:
    out = {}
    for p in PKG.rglob("*.py"):
        parts = p.relative_to(PKG.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = p
    return out


def _imports(name: str, path: Path) -> set[str]:
    """Every assistant module ``name`` imports, at the top or inside a function."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for block in ast.walk(tree):  # imports for type checkers only are not imports at run time
        if isinstance(block, ast.If) and ast.unparse(block.test) == "TYPE_CHECKING":
            block.body = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            for alias in node.names:
                found.add(f"{mod}.{alias.name}")
            found.add(mod)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
    return {m for m in found if m.startswith("assistant")}


def _stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _graph() -> dict[str, set[str]]:
    mods = _modules()
    return {name: {m for m in _imports(name, path) if m in mods and m != name} for name, path in mods.items()}


def test_no_stage_imports_a_later_stage() -> None:
    bad = []
    for mod, deps in _graph().items():
        if _stage(mod) == "__init__":
            continue
        for dep in deps:
            if _stage(dep) != "__init__" and FLOORS[_stage(dep)] > FLOORS[_stage(mod)]:
                bad.append(f"{mod} -> {dep}")
    assert not bad, bad


def test_no_import_cycles() -> None:
    graph = _graph()
    state: dict[str, int] = {}
    cycles = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for dep in graph.get(node, ()):
            if dep.startswith(node + "."):  # a package importing its own submodule is not a cycle
                continue
            if state.get(dep) == 1:
                cycles.append(path[path.index(dep) :] + [dep] if dep in path else [node, dep])
            elif dep not in state:
                visit(dep, [*path, dep])
        state[node] = 2

    for node in graph:
        if node not in state:
            visit(node, [node])
    assert not cycles, cycles


def test_edges_use_the_narrow_interface() -> None:
    graph = _graph()
    for mod, deps in graph.items():
        if _stage(mod) in ("app", "evaluation"):
            inside = {d for d in deps if _stage(d) == "answer" and d not in PUBLIC_ANSWER}
            assert not inside, (mod, inside)
