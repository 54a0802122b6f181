"""The package's layers: lower layers never import higher ones, and no import circle.

The layer table below is the one in ``docs/architecture.md``; a test keeps both in agreement.
Every import counts: module level, inside functions (lazy imports) and under
``TYPE_CHECKING``, since a back-arrow that is only lazy is still a back-arrow.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import arbeit_gesundheit

PACKAGE = "arbeit_gesundheit"
SRC = Path(arbeit_gesundheit.__file__).parent
DOCS = Path(__file__).resolve().parents[1] / "docs" / "architecture.md"

#: Lowest first. A module may import its own layer's package and the layers below it, never a
#: higher layer; packages that share a layer do not import each other.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("exceptions",),
    ("files", "pseudonym"),
    ("model",),
    ("converter",),
    ("jsonl",),
    ("eligibility", "participation", "instruments", "disclosure"),
    ("metrics",),
    ("report", "fhir"),
    ("exporters", "synthetic", "store"),
    ("importers",),
    ("plugins",),
    ("cli",),
    ("testing",),
)
#: The package face and ``python -m``: above every layer.
TOP = ("__init__", "__main__")

LAYER_OF = {part: index for index, parts in enumerate(LAYERS) for part in parts}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join([PACKAGE, *parts])


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(SRC.rglob("*.py"))}


MODULES = _modules()


def _imports(name: str, path: Path) -> Iterator[tuple[int, str]]:
    """(line, imported module) for every import of this package in the module."""
    is_package = path.name == "__init__.py"
    base = name.split(".") if is_package else name.split(".")[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == PACKAGE or alias.name.startswith(PACKAGE + "."):
                    yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                anchor = base[: len(base) - node.level + 1]
                target = ".".join(anchor + ([node.module] if node.module else []))
            elif node.module and (node.module == PACKAGE or node.module.startswith(PACKAGE + ".")):
                target = node.module
            else:
                continue
            for alias in node.names:
                submodule = f"{target}.{alias.name}"
                yield node.lineno, submodule if submodule in MODULES else target


def _part(module: str) -> str:
    """The top-level part of the package a module belongs to (``metrics``, ``model`` …)."""
    rest = module.removeprefix(PACKAGE).lstrip(".")
    return rest.split(".")[0] if rest else "__init__"


def test_every_part_of_the_package_has_a_layer() -> None:
    parts = {_part(module) for module in MODULES}
    assert parts - set(LAYER_OF) - set(TOP) == set()


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_imports_a_higher_layer(module: str) -> None:
    part = _part(module)
    if part in TOP:
        return
    wrong = []
    for line, target in _imports(module, MODULES[module]):
        other = _part(target)
        if other == part:
            continue
        if other in TOP:
            wrong.append(f"line {line}: imports the package face {target} (import the layer)")
        elif LAYER_OF[other] > LAYER_OF[part]:
            wrong.append(f"line {line}: {target} is a higher layer than {part}")
        elif LAYER_OF[other] == LAYER_OF[part]:
            wrong.append(f"line {line}: {target} is a peer of {part} in the same layer")
    assert wrong == [], f"{module}: " + "; ".join(wrong)


def test_no_import_circle() -> None:
    graph = {module: {t for _, t in _imports(module, path)} for module, path in MODULES.items()}
    # A package's face importing its own modules, and modules importing siblings, is the
    # normal direction; a circle is any strongly connected set of more than one module.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []
    counter = 0

    def visit(node: str) -> None:
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for succ in sorted(graph.get(node, ())):
            if succ not in graph:
                continue
            if succ not in index:
                visit(succ)
                low[node] = min(low[node], low[succ])
            elif succ in on_stack:
                low[node] = min(low[node], index[succ])
        if low[node] == index[node]:
            component = []
            while True:
                item = stack.pop()
                on_stack.discard(item)
                component.append(item)
                if item == node:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    assert circles == []


def test_no_module_is_a_pure_re_export_of_a_private_twin() -> None:
    """A public module is an implementation or a package face, never a shim over ``_x.py``."""
    shims = []
    for module, path in MODULES.items():
        if path.name == "__init__.py" or path.stem.startswith("_"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        defines = [
            node
            for node in tree.body
            if isinstance(node, ast.FunctionDef | ast.ClassDef | ast.AsyncFunctionDef)
        ]
        if not defines and (path.parent / f"_{path.stem}.py").exists():
            shims.append(module)
    assert shims == []


def test_no_module_over_about_500_lines() -> None:
    limit = 560
    long = {
        module: n
        for module, path in MODULES.items()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > limit
    }
    assert long == {}


def test_the_architecture_page_shows_the_same_layers() -> None:
    text = DOCS.read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\d+) \| ([^|]+) \|", text, flags=re.M)
    documented = tuple(
        tuple(re.findall(r"`([a-z_]+)/?`", parts))
        for _, parts in sorted(rows, key=lambda r: int(r[0]))
    )
    assert documented == LAYERS
