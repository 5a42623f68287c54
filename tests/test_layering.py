"""The library stands alone: importing all of indicators/ loads no dash, plotly or flask."""

from __future__ import annotations

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
