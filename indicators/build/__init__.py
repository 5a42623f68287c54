"""Building the project's dataset (data/) from the raw public source files."""

from __future__ import annotations

from indicators.build.build import build_data
from indicators.build.coverage import CoverageReport
from indicators.build.errors import BuildError

__all__ = ["BuildError", "CoverageReport", "build_data"]
