"""Long computations off a gevent worker's event loop, on a native thread of gevent's pool.

A gevent worker serves all its connections from one thread: a scoring or a Monte Carlo that
runs for a second in a request's greenlet stops every other request of that worker (even the
health check) for that second. :func:`run` hands such a computation to gevent's thread pool and
waits for it cooperatively, so the event loop keeps serving meanwhile (the computation and the
loop share the GIL, which Python passes between threads every few milliseconds, and numpy lets
go of it inside its own loops). Outside gevent (the built-in server, tests, the CLI) it simply
calls the function.

What goes there must not use flask's request state (a pool thread has no request) nor gevent's
objects, which must not be shared between native threads: ``data_access`` sends the scorings and
its memoised functions, and guards its caches with :func:`native_lock` — a real thread lock even
under gevent, held only around a few dict operations, never across a switch. A computation that
asks data_access for another result from a pool thread gets it computed in place (no app context
there: that one skips the shared cache).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any, TypeVar

T = TypeVar("T")

#: True inside a pool thread: a computation asking for another runs it in place.
_in_pool: ContextVar[bool] = ContextVar("sovai_in_pool", default=False)


def run(fn: Callable[..., T], *args: Any) -> T:
    """Return ``fn(*args)``, computed on gevent's thread pool when gevent serves this process."""
    if _in_pool.get() or not _gevent_patched():
        return fn(*args)
    import gevent

    return gevent.get_hub().threadpool.apply(_pooled, (fn, args))


def native_lock() -> Any:
    """Return a lock of the operating system's threads, even when gevent has patched threading.

    Its holder must not yield to other greenlets (under gevent, a second greenlet waiting for it
    would block the whole thread); ``data_access`` holds its locks over dict operations only.
    """
    monkey = sys.modules.get("gevent.monkey")
    if monkey is not None and monkey.is_module_patched("threading"):
        return monkey.get_original("_thread", "allocate_lock")()
    import threading

    return threading.Lock()


def _pooled(fn: Callable[..., T], args: tuple[Any, ...]) -> T:
    _in_pool.set(True)
    return fn(*args)


def _gevent_patched() -> bool:
    """Return whether gevent has patched ``threading`` (as gunicorn's gevent worker does)."""
    monkey = sys.modules.get("gevent.monkey")
    return monkey is not None and bool(monkey.is_module_patched("threading"))
