"""Run the build: ``python -m indicators.build SOURCES [OUT] [COVERAGE_MD] [QUALITY_MD]``."""

from __future__ import annotations

import sys
from pathlib import Path

from indicators.build import BuildError, build_data
from indicators.build.quality import write_quality_report


def main(argv: list[str]) -> int:
    """Return the exit status after building data/ and writing the coverage report."""
    sources = Path(argv[0]) if argv else Path("/work/shared/sources")
    out = Path(argv[1]) if len(argv) > 1 else Path("data")
    report_path = Path(argv[2]) if len(argv) > 2 else Path("docs/coverage.md")
    quality_path = Path(argv[3]) if len(argv) > 3 else Path("docs/data-quality.md")
    try:
        report = build_data(sources, out)
    except BuildError as err:
        print(str(err), file=sys.stderr)
        return 1
    text = report.to_text()
    report_path.parent.mkdir(parents=True, exist_ok=True)
    report_path.write_bytes(text.encode("utf-8"))
    print(text)
    print(write_quality_report(out, quality_path).summary())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
