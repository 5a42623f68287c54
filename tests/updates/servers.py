"""Real servers for the serving tests: ``sovai serve`` and ``redis-server`` on free loopback ports.

Each is started in its own process group and stopped by its own id when the ``with`` ends.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any

import pytest


def free_port() -> int:
    """Return a free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def stop_group(process: subprocess.Popen[bytes]) -> None:
    """Stop the process group this test started (a server and its workers)."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(20)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)


@dataclass
class Server:
    """One running ``sovai serve``: its base URL and the file its output goes to."""

    url: str
    log: Path
    process: subprocess.Popen[bytes]

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def scorings(self) -> list[str]:
        """Return the 'scored …' lines this server logged (one per result it computed)."""
        return [line for line in self.output().splitlines() if "sovai.scoring" in line
                and " scored " in line]


@contextmanager
def sovai_serve(data_dir: Path, log: Path, *args: str,
                env: dict[str, str] | None = None) -> Iterator[Server]:
    """Run ``sovai serve --data-dir DATA_DIR ARGS`` until the block ends; wait for health."""
    port = free_port()
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "dashboard.cli", "serve", "--port", str(port),
             "--data-dir", str(data_dir), *args],
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
            env={**os.environ, "OPENBLAS_NUM_THREADS": "1", **(env or {})})
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(url + "/healthz", timeout=2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("sovai serve did not start:\n"
                                       + log.read_text(errors="replace")) from None
                time.sleep(0.3)
        yield Server(url, log, process)
    finally:
        stop_group(process)


@contextmanager
def redis_server(tmp: Path, maxmemory: str = "64mb") -> Iterator[str]:
    """Run a throw-away redis-server on a free port; yield its URL (database 0)."""
    binary = shutil.which("redis-server")
    if binary is None:
        if os.environ.get("CI") == "true":
            pytest.fail("redis-server is missing: `make test` installs Debian's redis-server")
        pytest.skip("redis-server is not installed (`make redis` installs it)")
    port = free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--maxmemory", maxmemory, "--maxmemory-policy", "allkeys-lru", "--dir", str(tmp)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"redis://127.0.0.1:{port}/0"
    try:
        import redis

        client = redis.Redis.from_url(url)
        deadline = time.monotonic() + 20
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        yield url
    finally:
        stop_group(process)


class Browser:
    """A cookie-keeping HTTP client that talks to Dash as the front end does (CSRF header)."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(jar := CookieJar()))
        self.jar = jar
        self.get("/")  # hands out the CSRF cookie
        self.deps = json.loads(self.get("/_dash-dependencies"))

    def get(self, path: str) -> bytes:
        with self.opener.open(self.base + path, timeout=60) as response:
            data: bytes = response.read()
        return data

    def token(self) -> str:
        return next(c.value for c in self.jar if c.name == "_csrf_token") or ""

    def callback(self, first_input: str, values: dict[str, Any]) -> dict[str, Any]:
        """POST the callback whose first input is ``id.property``; ids not in ``values``: None."""
        dep = next(d for d in self.deps
                   if f"{d['inputs'][0]['id']}.{d['inputs'][0]['property']}" == first_input)

        def filled(items: list[dict[str, str]]) -> list[dict[str, Any]]:
            return [{**item, "value": values.get(f"{item['id']}.{item['property']}")}
                    for item in items]

        outputs = [{"id": part.split("@")[0].rsplit(".", 1)[0],
                    "property": part.split("@")[0].rsplit(".", 1)[1]}
                   for part in dep["output"].strip(".").split("...")]
        body = {"output": dep["output"], "outputs": outputs, "inputs": filled(dep["inputs"]),
                "state": filled(dep["state"]), "changedPropIds": [first_input]}
        request = urllib.request.Request(
            self.base + "/_dash-update-component", data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json", "X-CSRFToken": self.token()})
        with self.opener.open(request, timeout=120) as response:
            answer: dict[str, Any] = json.loads(response.read())
        return answer

    def page(self, pathname: str, search: str = "") -> dict[str, Any]:
        """Return the page container's content for ``pathname?search`` (what a visit renders)."""
        return self.callback("_pages_location.pathname", {
            "_pages_location.pathname": pathname, "_pages_location.search": search})

    def health(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.get("/healthz"))
        return data
