"""The library stands alone: importing all of indicators/ loads no dash, plotly or flask."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

INDICATORS = Path(__file__).resolve().parent.parent / "indicators"


def test_indicators_never_import_the_web_stack():
    modules = sorted(
        ".".join(path.relative_to(INDICATORS.parent).with_suffix("").parts)
        for path in INDICATORS.rglob("*.py") if path.name != "__main__.py"
    )
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name.removesuffix('.__init__'))\n"
        "web = ('dash', 'plotly', 'flask')\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in web)\n"
        "print(','.join(loaded))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "", f"indicators/ imported {proc.stdout.strip()}"
    assert len(modules) > 30  # every module was really imported


#: Packages of the web side: the library imports none of them, at the top or inside a function.
WEB_PACKAGES = {"dash", "dash_ag_grid", "plotly", "flask", "flask_caching", "flask_compress",
                "flask_wtf", "werkzeug", "gunicorn", "redis", "dashboard"}


def imported_modules(source: str) -> list[tuple[int, str]]:
    """Return (line, module) of every import in ``source``: top level, in functions, by name.

    ``importlib.import_module("x")`` and ``__import__("x")`` with a literal name count too.
    """
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Call) and node.args \
                and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else \
                getattr(node.func, "id", "")
            if name in ("import_module", "__import__"):
                found.append((node.lineno, node.args[0].value))
    return found


def test_no_web_import_anywhere_in_the_library():
    offenders = [
        f"{path.relative_to(INDICATORS.parent)}:{line} imports {module}"
        for path in sorted(INDICATORS.rglob("*.py"))
        for line, module in imported_modules(path.read_text(encoding="utf-8"))
        if module.split(".")[0] in WEB_PACKAGES
    ]
    assert offenders == []


def test_the_walk_sees_imports_inside_functions():
    source = ("def serve():\n    from dashboard.serve import serve\n"
              "def f():\n    import importlib\n    importlib.import_module('plotly.io')\n")
    assert [m for _, m in imported_modules(source)] == ["dashboard.serve", "importlib",
                                                        "plotly.io"]
