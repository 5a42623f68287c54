"""No module of the library shadows a standard-library module (as indicators/warnings.py did)."""

from __future__ import annotations

import sys
from pathlib import Path

INDICATORS = Path(__file__).resolve().parent.parent / "indicators"


def test_no_module_is_named_like_the_standard_library():
    clashes = sorted(str(p.relative_to(INDICATORS.parent)) for p in INDICATORS.rglob("*.py")
                     if p.stem in sys.stdlib_module_names)
    assert not clashes, f"rename {clashes}: each shadows a standard-library module"
