"""The layers point one way (docs: design notes, "Layers").

ui, cli and the launcher on top; batch beside them; documents render; filing, rules,
model, questions, register and i18n hold content and data below. Read from
the source with ast, so an import inside a function counts too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "signdesk"

#: The layers that hold content and data: they never draw or ask.
BELOW_DOCUMENTS = ("filing", "rules", "model", "questions", "i18n", "register")
#: The entry points: the window, the command line, and the launcher that picks one.
TOP = ("ui", "cli", "launcher")


def _layer(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return parts[0]


def imports(path: Path, source: str | None = None) -> set[str]:
    """Every module ``path`` imports, absolute (relative imports resolved)."""
    tree = ast.parse(path.read_text("utf-8") if source is None else source, str(path))
    package = ".".join(("signdesk", *path.relative_to(PACKAGE).parent.parts))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


SOURCES = sorted(PACKAGE.rglob("*.py"))


def forbidden_imports(path: Path, forbidden: tuple[str, ...], source: str | None = None) -> list[str]:
    """The imports of ``path`` that reach a module or layer in ``forbidden``."""
    out = []
    for module in sorted(imports(path, source)):
        top, _, rest = module.partition(".")
        if top in forbidden or (top == "signdesk" and rest.split(".")[0] in forbidden):
            out.append(f"{path.relative_to(PACKAGE.parent)} imports {module}")
    return out


def _offences(layers: tuple[str, ...], forbidden: tuple[str, ...]) -> list[str]:
    return [o for path in SOURCES if _layer(path) in layers for o in forbidden_imports(path, forbidden)]


def test_no_qt_below_ui():
    below_ui = tuple({_layer(p) for p in SOURCES} - set(TOP))
    assert not _offences(below_ui, ("PySide6", "shiboken6"))


def test_content_layers_never_import_documents_or_anything_above():
    assert not _offences(BELOW_DOCUMENTS, ("documents", "batch", *TOP))


def test_documents_never_import_the_ui_or_the_command_line():
    assert not _offences(("documents",), ("batch", *TOP))


@pytest.mark.parametrize("source", [
    "import PySide6.QtCore\n",
    "def f():\n    from signdesk.documents.sign import render_sign\n",
    "from ..documents import pages\n",
    "from . import pack\nfrom signdesk import documents\n",
])
def test_the_check_sees_every_kind_of_import(source):
    probe = PACKAGE / "filing" / "probe.py"   # not on disk: the source is given
    assert forbidden_imports(probe, ("documents", "PySide6"), source)
    assert not forbidden_imports(probe, ("documents", "PySide6"), "from signdesk.model import load\n")
