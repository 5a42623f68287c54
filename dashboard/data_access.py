"""The dashboard's one door to the data: the last valid bundle and its results, reloaded on change.

Pages never read CSVs: they ask this module, which validates the data directory with the library
and keeps serving the last valid bundle when an edit breaks a file (and says so). The directory
is the app's ``SOVAI_DATA_DIR`` config inside a request (so several apps can live in one
process, as in tests), else ``$SOVAI_DATA_DIR``, else the shipped data/.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import hashlib
import importlib.metadata
import json
import logging
import os
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import flask
from dash.development.base_component import Component
from plotly.io.json import to_json_plotly
from pydantic import BaseModel

from dashboard import offload
from dashboard.components.links import BASE_KEY
from dashboard.shared_cache import fetch_or_compute
from indicators import Bundle, Result, ScoringSpec, bundle_cache, score
from indicators.code_version import code_version
from indicators.paths import default_data_dir
from indicators.problems import DataError, Problem
from indicators.validate import contract_files

#: Key of the worker-shared result cache in ``app.server.extensions`` (see dashboard.serve).
SHARED_CACHE_KEY = "sovai_cache"
log = logging.getLogger("sovai.scoring")
#: Results kept per process, newest last (a what-if session creates a few dozen at most).
MAX_CACHED_RESULTS = 128
#: Answers ``memo`` keeps per process, least recently used dropped first.
MAX_MEMOISED = 256

T = TypeVar("T")


@dataclass
class DataState:
    """The bundle being served and the problems of the files on disk, if they are invalid."""

    bundle: Bundle | None = None
    problems: list[Problem] = field(default_factory=list)
    stamp: tuple[tuple[str, float, int], ...] = ()


_lock = offload.native_lock()
_states: dict[Path, DataState] = {}
_results: dict[tuple[str, str], Result] = {}


def data_dir() -> Path:
    """Return the data directory of the current app (or the process default)."""
    if flask.has_app_context():
        configured = flask.current_app.config.get("SOVAI_DATA_DIR")
        if configured:
            return Path(configured)
    return default_data_dir()


def _stamp(directory: Path) -> tuple[tuple[str, float, int], ...]:
    """Return (name, mtime_ns, size) of every contract file: cheap to compare on each request."""
    out = []
    for path in contract_files(directory):
        try:
            st = path.stat()
        except FileNotFoundError:  # removed since it was listed (a rollback): not data any more
            continue
        out.append((str(path), float(st.st_mtime_ns), st.st_size))
    return tuple(out)


def current(directory: Path | None = None) -> DataState:
    """Return the state of the data directory, re-validating it when any file changed on disk.

    Within one request the files are looked at once (a request sees one version of the data;
    listing and stating them cost ≈ 0.5 ms, and a page asks several times).
    """
    asked = directory or data_dir()
    seen: dict[Path, DataState] | None = None
    if flask.has_request_context():
        seen = flask.g.setdefault("sovai_data_states", {})
        if asked in seen:
            known = seen[asked]
            return DataState(known.bundle, list(known.problems), known.stamp)
    state = _current(asked.resolve())
    if seen is not None:
        seen[asked] = state
    return DataState(state.bundle, list(state.problems), state.stamp)


def _current(directory: Path) -> DataState:
    """Return the state of ``directory`` (resolved), re-validating it when any file changed."""
    stamp = _stamp(directory)
    with _lock:
        state = _states.setdefault(directory, DataState())
        if stamp != state.stamp:
            try:  # bytes validated before by this code come from the bundle cache
                state.bundle = bundle_cache.load(directory, bundle_cache.cache_dir())
                state.problems = []
                if flask.has_app_context() and flask.current_app.config.get(FREEZE_KEY):
                    settle_long_lived()
            except DataError as err:  # invalid: keep serving the last valid bundle
                state.problems = list(err.problems)
            state.stamp = stamp
        return DataState(state.bundle, list(state.problems), state.stamp)


#: App config key: set by the production app (``serve.build_app``), each bundle loaded is
#: frozen out of the garbage collector's full scans with everything alive at that moment.
FREEZE_KEY = "SOVAI_FREEZE_AFTER_LOAD"


def settle_long_lived() -> None:
    """Collect garbage once, then freeze every object alive (``gc.freeze``): the modules, the
    app and the bundle just loaded live as long as the process, yet a full collection walked
    them all — 85 ms with the shipped data, falling inside whichever request triggered it.
    Objects frozen before (a bundle this one replaced) are unfrozen first, so they can go."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def bundle() -> Bundle:
    """Return the last valid bundle; raise RuntimeError if the data has never been valid."""
    state = current()
    if state.bundle is None:
        raise RuntimeError("the data directory is invalid: " + "; ".join(map(str, state.problems)))
    return state.bundle


def result(spec: ScoringSpec | None = None) -> Result:
    """Return the result of the current bundle under ``spec`` (cached per data version and spec)."""
    b = bundle()
    spec = spec or ScoringSpec()
    key = (b.version, spec.model_dump_json())
    with _lock:
        cached = _results.get(key)
    if cached is not None:
        return cached
    shared = _shared_cache()
    shared_key = shared_result_key(b.version, key[1])
    if shared is not None:  # scored once by all the workers and machines sharing the cache
        cached = fetch_or_compute(shared, shared_key, lambda: _scored(b, spec, shared_key))
    else:
        cached = _scored(b, spec, shared_key)
    with _lock:
        if len(_results) >= MAX_CACHED_RESULTS:
            _results.pop(next(iter(_results)))
        _results[key] = cached
    return cached


def shared_result_key(version: str, spec_json: str) -> str:
    """Return the shared cache's key of a result: the code's version, the data's, the spec's.

    The cache outlives the workers (a folder, or Redis shared by machines), so a result stored
    by an older release — without a field the new code reads, or scored by an older method —
    must not come back after an upgrade: the key starts with the package version and a hash of
    every module of the library (``indicators.code_version``), which any change to ``Result``
    or to how it is computed changes.
    """
    spec_hash = hashlib.sha256(spec_json.encode()).hexdigest()[:16]
    return f"result:{_release()}:{version}:{spec_hash}"


@functools.lru_cache(maxsize=1)
def _release() -> str:
    """Return ``PACKAGE_VERSION+CODE_HASH``, e.g. ``0.1.0+3f2a…``."""
    try:
        package = importlib.metadata.version("sovai")
    except importlib.metadata.PackageNotFoundError:  # run from a checkout without installing
        package = "0"
    return f"{package}+{code_version()}"


def _scored(b: Bundle, spec: ScoringSpec, key: str) -> Result:
    """Return ``score(b, spec)``, logged (a deployment can count scorings per data version)."""
    start = time.perf_counter()
    out = offload.run(score, b, spec)  # off a gevent worker's event loop
    log.info("scored %s in %.2f s (pid %d)", key, time.perf_counter() - start, os.getpid())
    return out


def _shared_cache() -> Any:
    """Return the cache shared by every worker (installed by ``dashboard.serve``), if any."""
    if not flask.has_app_context():
        return None
    return flask.current_app.extensions.get(SHARED_CACHE_KEY)


_memo_lock = offload.native_lock()
_memo: OrderedDict[tuple[Hashable, ...], Any] = OrderedDict()


def memo(fn: Callable[..., T], bundle: Bundle, *args: Any) -> T:
    """Return ``fn(bundle, *args)``, computed once per data version and arguments.

    For pure functions of the data — ledger_as_of (year, window), a Monte Carlo of a spec, a
    scenario's scores — that every request would otherwise recompute. Under gevent ``fn`` runs
    on a native thread (``dashboard.offload``): it must not read flask's request state.
    The key is the function,
    ``bundle.version`` (a hash of every byte of the data, edits and previews included) and the
    arguments: pydantic models by their JSON, anything else must be hashable (TypeError if not).
    Callers share the answer: they must not change it in place.
    """
    key = (fn.__module__, fn.__qualname__, bundle.version, *map(_key_part, args))
    found, value = _recall(_memo, _memo_lock, key)
    if found:
        return value
    # outside the lock, and off a gevent worker's event loop: a slow answer blocks no one else
    return _keep(_memo, _memo_lock, key, offload.run(fn, bundle, *args), MAX_MEMOISED)


def _recall(store: OrderedDict[tuple[Hashable, ...], Any], lock: Any,
            key: tuple[Hashable, ...]) -> tuple[bool, Any]:
    """Return (True, the answer) kept under ``key`` in ``store`` (now its most recent), or
    (False, None)."""
    with lock:
        if key in store:
            store.move_to_end(key)
            return True, store[key]
    return False, None


def _keep(store: OrderedDict[tuple[Hashable, ...], Any], lock: Any, key: tuple[Hashable, ...],
          value: T, limit: int) -> T:
    """Keep ``value`` under ``key``, dropping the least recently used beyond ``limit``; return
    it."""
    with lock:
        store[key] = value
        while len(store) > limit:
            store.popitem(last=False)
    return value


def _key_part(value: Any) -> Hashable:
    """Return ``value`` as part of a memo key: a model as (its type, its JSON), else itself."""
    if isinstance(value, BaseModel):
        return (type(value).__qualname__, value.model_dump_json())
    hash(value)  # raises TypeError for an unhashable argument, rather than a wrong answer
    return value


#: Parts of pages ``part`` keeps per process, least recently used dropped first (a part is a
#: sentence to ~100 kB of JSON: a table's rows, a country's ledger, a scenario's grid), apart
#: from ``memo``'s answers so that drawing pages never pushes out a Monte Carlo.
MAX_PARTS = 512
_parts_lock = offload.native_lock()
_parts: OrderedDict[tuple[Hashable, ...], Any] = OrderedDict()


def part(fn: Callable[..., T], bundle: Bundle, *args: Any) -> T:
    """Return ``fn(bundle, *args)`` — a part of a page — drawn once per data version, app base
    path, today's date and arguments; components come back in their JSON form.

    A page is drawn anew for each link (docs/dashboard.md, "How state flows"); its parts that
    depend on only some of the link's parameters (a compared country's column, the ranking's
    rows, a scenario's tables, an audit pillar's heatmap) are memoised by those alone, so one
    control's change draws only the parts that read it. ``args`` are the part's inputs, all of
    them: a ``Result`` counts by its data version and spec, a pydantic model by its JSON,
    anything else must be hashable (TypeError otherwise, rather than a wrong answer). Unlike
    ``memo``, ``fn`` runs in place, in the request: it may read the app (links carry its base
    path, charts today's date: both are in the key) and ask ``result`` for scores, but nothing
    else of the request. A value holding Dash components (a component, or a list, tuple or
    dict holding one) is kept as the JSON Dash sends of it, in dicts and lists (as
    ``page_cache`` keeps pages: they encode without a call per component, and components
    themselves are mutable); anything else as it is. Callers share the answer: they must not
    change it in place.
    """
    base = flask.current_app.config.get(BASE_KEY, "") if flask.has_app_context() else ""
    key = (fn.__module__, fn.__qualname__, bundle.version, base, dt.date.today().isoformat(),
           *map(_part_key, args))
    found, kept = _recall(_parts, _parts_lock, key)
    if found:
        return kept
    value = fn(bundle, *args)
    if _holds_component(value):
        value = json.loads(to_json_plotly(value))
    return _keep(_parts, _parts_lock, key, value, MAX_PARTS)


def _part_key(value: Any) -> Hashable:
    """Return ``value`` as part of a ``part`` key (a result by its version and spec)."""
    if isinstance(value, Result):
        return ("Result", value.version, value.spec.model_dump_json())
    return _key_part(value)


#: Values that hold nothing: ``_holds_component`` does not look into them.
_SCALARS = (str, int, float, bool, type(None))


def _holds_component(value: Any) -> bool:
    """Return True when ``value`` is a Dash component or a list, tuple or dict holding one.

    Scalars are skipped without a call: a ranking's rows are 3,000 of them, and one call each
    was 1-4 ms of a control change.
    """
    if isinstance(value, Component):
        return True
    if isinstance(value, list | tuple):
        return any(_holds_component(v) for v in value if not isinstance(v, _SCALARS))
    if isinstance(value, dict):
        return any(_holds_component(v) for v in value.values() if not isinstance(v, _SCALARS))
    return False
