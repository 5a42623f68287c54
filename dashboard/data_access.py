"""The dashboard's one door to the data: the last valid bundle and its results, reloaded on change.

Pages never read CSVs: they ask this module, which validates data/ with the library and keeps
serving the last valid bundle when an edit breaks a file (and says so).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from indicators import Bundle, Result, ScoringSpec, score
from indicators.bundle import bundle_from_checked
from indicators.paths import default_data_dir
from indicators.problems import Problem
from indicators.validate import check_data_dir, contract_files


@dataclass
class DataState:
    """The bundle being served and the problems of the files on disk, if they are invalid."""

    bundle: Bundle | None = None
    problems: list[Problem] = field(default_factory=list)
    stamp: tuple[tuple[str, float, int], ...] = ()


_lock = threading.Lock()
_state = DataState()


def _stamp(data_dir: Path) -> tuple[tuple[str, float, int], ...]:
    """Return (name, mtime, size) of every contract file: cheap to compare on each request."""
    out = []
    for path in contract_files(data_dir):
        st = path.stat()
        out.append((str(path), st.st_mtime, st.st_size))
    return tuple(out)


def current(data_dir: Path | None = None) -> DataState:
    """Return the state for ``data_dir``, re-validating it when any file changed on disk."""
    data_dir = data_dir or default_data_dir()
    stamp = _stamp(data_dir)
    with _lock:
        if stamp != _state.stamp or (_state.bundle is None and not _state.problems):
            checked = check_data_dir(data_dir)
            if checked.errors:
                _state.problems = checked.errors
            else:
                _state.bundle = bundle_from_checked(checked, data_dir)
                _state.problems = []
            _state.stamp = stamp
        return DataState(_state.bundle, list(_state.problems), _state.stamp)


def bundle() -> Bundle:
    """Return the last valid bundle; raise RuntimeError if the data has never been valid."""
    state = current()
    if state.bundle is None:
        raise RuntimeError("the data directory is invalid: " + "; ".join(map(str, state.problems)))
    return state.bundle


def result(spec: ScoringSpec | None = None) -> Result:
    """Return the result of the current bundle under ``spec`` (cached per data version)."""
    b = bundle()
    spec = spec or ScoringSpec()
    key = (b.version, spec.model_dump_json())
    with _lock:
        cached = _results.get(key)
    if cached is None:
        cached = score(b, spec)
        with _lock:
            if len(_results) >= _MAX_RESULTS:
                _results.pop(next(iter(_results)))
            _results[key] = cached
    return cached


_MAX_RESULTS = 64
_results: dict[tuple[str, str], Result] = {}
