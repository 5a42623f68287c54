"""The app as ``sovai serve`` runs it, in real processes on loopback.

Issue 15 defects 1, 7 and 8 on the served app (request limit, version banner, slow clients), and
serving past one machine: two servers sharing one data directory and one Redis see each other's
applies on their next request and score each data version once between them.
"""

from __future__ import annotations

import socket
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import redis
from servers import Browser, redis_server, sovai_serve

from dashboard.serve import REDIS_TIMEOUT
from dashboard.views import upload
from indicators.updates.apply import MAX_UPLOAD_BYTES, preview

MAIN = "values/main.csv"


def changed_main(data_dir: Path) -> bytes:
    return (data_dir / MAIN).read_bytes().replace(b"AAA,d1,2024,10,", b"AAA,d1,2024,60,")


def server_header(url: str) -> str:
    with urllib.request.urlopen(url + "/healthz", timeout=10) as response:
        return str(response.headers.get("Server", ""))


class TestServed:
    """The built-in server and gunicorn, as `sovai serve` starts them."""

    def test_builtin_server_limits_and_banner(self, mini_copy: Path, tmp_path: Path) -> None:
        with sovai_serve(mini_copy, tmp_path / "serve.log") as server:
            banner = server_header(server.url)
            assert "Werkzeug" not in banner and "Python" not in banner, banner
            client = Browser(server.url)
            request = urllib.request.Request(
                server.url + "/_dash-update-component", data=b"x" * (2 * MAX_UPLOAD_BYTES + 1),
                headers={"Content-Type": "application/json", "X-CSRFToken": client.token()})
            with pytest.raises(urllib.error.HTTPError) as refused:
                client.opener.open(request, timeout=60)
            assert refused.value.code == 413

    def test_slow_clients_do_not_starve_one_worker(self, mini_copy: Path,
                                                   tmp_path: Path) -> None:
        """Slowloris: connections sending a header byte every second; health still answers."""
        with sovai_serve(mini_copy, tmp_path / "serve.log", "--workers", "1") as server:
            banner = server_header(server.url)
            assert not any(ch.isdigit() for ch in banner), banner  # no version in the banner
            port = int(server.url.rsplit(":", 1)[1])
            stop = threading.Event()

            def slow_client() -> None:
                with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
                    sock.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
                    while not stop.is_set():
                        try:
                            sock.sendall(b"a")
                        except OSError:
                            return  # the server hung up on the slow client: fine
                        stop.wait(1.0)

            slow = [threading.Thread(target=slow_client, daemon=True) for _ in range(8)]
            for thread in slow:
                thread.start()
            time.sleep(2.0)  # every slow connection is in, each holding its request open
            try:
                for _ in range(5):
                    start = time.monotonic()
                    with urllib.request.urlopen(server.url + "/healthz", timeout=5) as response:
                        assert response.status == 200
                    assert time.monotonic() - start < 5
                    time.sleep(0.5)
            finally:
                stop.set()


def test_two_servers_share_one_redis(mini_copy: Path, tmp_path: Path) -> None:
    """An apply through A is seen by B on its next request; each version is scored once."""
    with redis_server(tmp_path) as url, \
            sovai_serve(mini_copy, tmp_path / "a.log", "--workers", "1", "--cache", url) as a, \
            sovai_serve(mini_copy, tmp_path / "b.log", "--workers", "1", "--cache", url) as b:
        first, second = Browser(a.url), Browser(b.url)
        version = first.health()["data_version"]
        assert second.health()["data_version"] == version
        first.page("/")
        assert a.scorings() and all(version in line for line in a.scorings())
        second.page("/")
        assert b.scorings() == []  # B read every result of A's from Redis
        store = redis.Redis.from_url(url)
        keys = [key for key in store.keys("sovai:*") if version.encode() in key]
        assert keys and all(0 < store.ttl(key) <= REDIS_TIMEOUT for key in keys)  # they expire

        # apply through A's Data page, as the browser does after a preview
        pending = upload.encode_pending(preview(mini_copy, MAIN, changed_main(mini_copy)))
        answer = first.callback("data-apply.n_clicks", {"data-apply.n_clicks": 1,
                                                        "data-pending.data": pending})
        assert "Applied values/main.csv" in str(answer["response"]["data-message"])
        new = second.health()["data_version"]  # B's very next request
        assert new != version and new == first.health()["data_version"]
        second.page("/")
        first.page("/")
        scored = [scored_key(line) for line in a.scorings() + b.scorings() if new in line]
        assert scored and len(scored) == len(set(scored)), scored  # once between the two
        assert all(new in line for line in b.scorings())  # B scored only the new version


def scored_key(line: str) -> str:
    """Return the cache key (data version and spec) of a 'scored …' log line."""
    return line.split(" scored ", 1)[1].split()[0]
