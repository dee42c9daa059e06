"""The layering, enforced: import-linter's contracts (``[tool.importlinter]`` in
pyproject.toml), and what imports cannot show, read from the source."""

from __future__ import annotations

import ast
from pathlib import Path

from importlinter.cli import lint_imports

PACKAGE = Path(__file__).resolve().parents[1] / "exporter"
PYPROJECT = PACKAGE.parent / "pyproject.toml"
#: The application layer: the only modules that decide about processes.
APPLICATION = {"build.py", "check.py", "cli.py", "_parallel.py", "__main__.py", "batch.py",
               "cluster.py", "comparison_build.py", "_inputs.py", "_files.py", "settings.py",
               "theme_report.py", "_startup.py", "_program.py"}


def _modules(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.py"))


def _library() -> list[Path]:
    return [p for p in _modules(PACKAGE)
            if not (p.parent == PACKAGE and p.name in APPLICATION)]


def test_import_contracts_are_kept() -> None:
    assert lint_imports(config_filename=str(PYPROJECT), no_cache=True) == 0


def test_model_imports_nothing_of_the_project() -> None:
    tree = ast.parse((PACKAGE / "model.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            assert node.level == 0 and not (node.module or "").startswith("exporter"), \
                ast.unparse(node)
        elif isinstance(node, ast.Import):
            assert not any(a.name.startswith("exporter") for a in node.names), ast.unparse(node)


def test_library_never_forks_or_pauses_the_collector() -> None:
    """Forking and the cycle collector are the application layer's to decide (``os.fork``
    needs no import of its own, so the contracts cannot see it)."""
    for path in _library():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                call = f"{node.value.id}.{node.attr}"
                assert call not in {"os.fork", "os.forkpty", "gc.disable", "gc.freeze"}, \
                    f"{path.relative_to(PACKAGE)}:{node.lineno}: {call}"


def test_library_internals_are_used_only_in_the_compat_modules() -> None:
    """No renderer module but ``_compat`` imports a private module (of python-docx,
    openpyxl, reportlab or anything else) or reads a private attribute of anything but the
    object itself."""
    renderers = PACKAGE / "renderers"
    for path in _modules(renderers):
        if path.name == "_compat.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            where = f"{path.relative_to(PACKAGE)}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.ImportFrom) and node.level == 0:
                parts = (node.module or "").split(".")
                assert not any(p.startswith("_") for p in parts[1:]), where
            if isinstance(node, ast.Attribute) and node.attr.startswith("_") \
                    and not node.attr.startswith("__"):
                owner = node.value  # lxml's element type is public under this name
                assert isinstance(owner, ast.Name) and owner.id in {"self", "cls", "etree"}, \
                    f"{where}: {ast.unparse(node)}"


def test_the_public_names_are_listed_once_for_the_type_checker_too() -> None:
    """``exporter/__init__.py`` imports its public names lazily from ``_PUBLIC``; the
    imports it shows the type checker name the same names from the same modules."""
    import ast

    import exporter

    tree = ast.parse(Path(exporter.__file__).read_text(encoding="utf-8"))
    checked = next(node for node in tree.body if isinstance(node, ast.If)
                   and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING")
    shown = {alias.name: (node.module or "") for node in checked.body
             if isinstance(node, ast.ImportFrom) for alias in node.names}
    assert shown == exporter._PUBLIC
    assert set(exporter.__all__) == {*exporter._PUBLIC, "__version__"}
