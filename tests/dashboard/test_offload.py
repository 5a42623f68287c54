"""A long computation under gevent leaves the worker's event loop serving other greenlets."""

from __future__ import annotations

import subprocess
import sys

import pytest

from dashboard import offload

#: A gevent-patched process: one greenlet computes ~0.6 s of pure Python (holding the GIL as a
#: scoring's pandas code mostly does) while another ticks every 10 ms; prints the longest gap
#: between ticks, the computation's duration and the number of ticks, called in place and
#: through ``offload.run``.
PROGRAM = """
from gevent import monkey
monkey.patch_all()
import time, gevent
from dashboard import offload

def busy(n):
    total = 0
    for i in range(n):
        total += i * i
    return total

n = 1
while True:  # size the job to ~0.6 s on this machine
    start = time.perf_counter(); busy(n); took = time.perf_counter() - start
    if took > 0.05:
        n = int(n * 0.6 / took); break
    n *= 4

def longest_gap(call):
    gaps, done = [], []
    def ticker():
        last = time.perf_counter()
        while not done:
            gevent.sleep(0.01)
            now = time.perf_counter(); gaps.append(now - last); last = now
    took = []
    def job():
        start = time.perf_counter()
        call(busy, n)
        took.append(time.perf_counter() - start)
        done.append(1)
    gevent.joinall([gevent.spawn(ticker), gevent.spawn(job)])
    return max(gaps), took[0], len(gaps)

print(*longest_gap(lambda fn, *a: fn(*a)), *longest_gap(offload.run))
"""


def test_the_event_loop_keeps_running_during_an_offloaded_computation() -> None:
    out = subprocess.run([sys.executable, "-c", PROGRAM], capture_output=True, text=True,
                         check=True, timeout=60)
    in_place, took_in_place, ticks_in_place, offloaded, took, ticks = map(
        float, out.stdout.split())
    # in place the loop stands still for the whole computation: the test can fail
    assert in_place > 0.9 * took_in_place and ticks_in_place <= 2
    # offloaded, the loop keeps ticking. Counted rather than timed, so a busy machine (which
    # stretches every gap) does not fail it: ~60 ticks of 10 ms fit in 0.6 s, in place one.
    assert ticks >= 10, f"the loop ticked {ticks:.0f} times in {took:.2f} s (longest gap " \
        f"{offloaded:.2f} s)"


def test_outside_gevent_it_calls_in_place() -> None:
    assert not offload._gevent_patched()
    assert offload.run(divmod, 7, 2) == (3, 1)


def test_the_answer_and_errors_come_back() -> None:
    program = ("from gevent import monkey; monkey.patch_all()\n"
               "from dashboard import offload\n"
               "print(offload.run(divmod, 7, 2))\n"
               "try:\n    offload.run(divmod, 1, 0)\nexcept ZeroDivisionError:\n"
               "    print('raised')\n"
               "print(offload.run(offload.run, divmod, 9, 4))\n"  # nested: runs in place
               "import threading\n"
               "native = monkey.get_original('_thread', 'LockType')\n"
               "print(type(threading.Lock()) is native, type(offload.native_lock()) is native)\n")
    out = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                         check=True, timeout=30)
    # gevent's Lock replaces threading's; the caches' locks stay the operating system's
    assert out.stdout.split("\n")[:4] == ["(3, 1)", "raised", "(2, 1)", "False True"]


@pytest.mark.parametrize("name", ["score", "memo"])
def test_data_access_sends_its_computations(name: str, monkeypatch: pytest.MonkeyPatch,
                                            mini) -> None:
    from dashboard import data_access

    sent: list[str] = []
    real = offload.run

    def spy(fn, *args):
        sent.append(fn.__name__)
        return real(fn, *args)

    monkeypatch.setattr(offload, "run", spy)
    if name == "score":
        monkeypatch.setattr(data_access, "bundle", lambda: mini)
        data_access._results.clear()
        data_access.result()
        assert sent == ["score"]
    else:
        def pure(bundle, k):
            return (bundle.version, k)

        assert data_access.memo(pure, mini, 3) == (mini.version, 3)
        assert sent == ["pure"]
