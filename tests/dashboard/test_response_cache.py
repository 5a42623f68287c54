"""Responses that carry a page, sent again from their stored bytes (dashboard/response_cache.py).

Every test compares what an app sends from its store with what the same app sends when it
draws and encodes the page (a fresh app with the store off, ``MAX_BYTES = 0``): the same body,
the same headers; and that a key part left out would serve another request's bytes.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from dashboard import response_cache
from dashboard.app import create_app

GZIP = {"Accept-Encoding": "gzip"}
#: Headers that may differ between two requests for the same thing (none do here but these).
VOLATILE = {"Date", "Server-Timing"}


def _router_body(path: str, search: str = "", changed: str = "pathname") -> dict[str, Any]:
    return {"output": ".._pages_content.children..._pages_store.data..",
            "outputs": [{"id": "_pages_content", "property": "children"},
                        {"id": "_pages_store", "property": "data"}],
            "inputs": [{"id": "_pages_location", "property": "pathname", "value": path},
                       {"id": "_pages_location", "property": "search", "value": search}],
            "changedPropIds": [f"_pages_location.{changed}"], "state": []}


class Client:
    """A browser session of one app: its cookies, its CSRF token, its base path."""

    def __init__(self, data_dir: Path, base_path: str | None = None) -> None:
        self.app = create_app(data_dir=data_dir, base_path=base_path)
        self.prefix = self.app.config.requests_pathname_prefix
        self.client = self.app.server.test_client()
        self.client.get(self.prefix)
        token = self.client.get_cookie("_csrf_token")
        self.token = token.value if token else ""

    def layout(self, address: str | None, headers: dict[str, str] | None = None):
        referer = {"Referer": f"http://localhost{address}"} if address is not None else {}
        return self.client.get(f"{self.prefix}_dash-layout", headers={**referer,
                                                                      **(headers or {})})

    def router(self, path: str, search: str = "", headers: dict[str, str] | None = None,
               changed: str = "pathname"):
        return self.client.post(f"{self.prefix}_dash-update-component",
                                json=_router_body(path, search, changed),
                                headers={"X-CSRFToken": self.token, **(headers or {})})

    @property
    def stored(self) -> int:
        return len(response_cache.store_of(self.app.server))


def _body(response) -> bytes:
    """Return the response's body as the browser reads it (decompressed)."""
    assert response.status_code == 200, response.data[:300]
    data = response.get_data()
    assert response.headers["Content-Length"] == str(len(data))
    if response.headers.get("Content-Encoding") == "gzip":
        return gzip.decompress(data)
    assert "Content-Encoding" not in response.headers
    return data


def _headers(response) -> dict[str, str]:
    return {k: v for k, v in response.headers.items() if k not in VOLATILE}


@pytest.fixture
def fresh(mini_dir, monkeypatch):
    """Return a function making a session of a new app with nothing stored (the reference)."""
    def make(base_path: str | None = None) -> Client:
        with monkeypatch.context() as patch:
            patch.setattr(response_cache, "MAX_BYTES", 0)
            client = Client(mini_dir, base_path)
            response_cache.store_of(client.app.server)  # created with the bound 0
        return client
    return make


ADDRESSES = [("/", ""), ("/", "?year=2023&region=North"), ("/compare", "?countries=AAA,BBB"),
             ("/country/BBB", ""), ("/country/BBB", "?tab=map"), ("/methodology", ""),
             ("/scenarios", ""), ("/audit", "?pillar=compute")]


@pytest.mark.parametrize("headers", [GZIP, {}], ids=["gzip", "plain"])
@pytest.mark.parametrize("base_path", [None, "/obs/"])
def test_stored_responses_are_the_responses_drawn(mini_dir, fresh, base_path, headers) -> None:
    served, reference = Client(mini_dir, base_path), fresh(base_path)
    prefix = served.prefix.rstrip("/")
    for path, search in ADDRESSES:
        address = prefix + path
        drawn = reference.layout(address + search, headers)
        first = served.layout(address + search, headers)
        again = served.layout(address + search, headers)
        assert _body(first) == _body(again) == _body(drawn), address + search
        assert _headers(first) == _headers(again) == _headers(drawn)
        drawn = reference.router(address, search, headers)
        first = served.router(address, search, headers)
        again = served.router(address, search, headers)
        assert _body(first) == _body(again) == _body(drawn), address + search
        assert _headers(first) == _headers(again) == _headers(drawn)
    assert served.stored == 2 * len(ADDRESSES)
    assert reference.stored == 0


def test_a_stored_response_keeps_the_protective_headers_and_says_what_it_varies_on(
        mini_dir) -> None:
    served = Client(mini_dir)
    served.layout("/country/BBB", GZIP)
    again = served.layout("/country/BBB", GZIP)
    assert served.stored == 1
    assert again.headers["Content-Encoding"] == "gzip"
    assert {"Referer", "Accept-Encoding"} <= {v.strip() for v in again.headers["Vary"].split(",")}
    for header in ("Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options",
                   "Referrer-Policy", "Cross-Origin-Opener-Policy"):
        assert header in again.headers
    assert "Set-Cookie" not in again.headers  # the CSRF cookie comes with the HTML page only


def test_compressed_bytes_go_only_to_a_client_that_accepts_them(mini_dir) -> None:
    served = Client(mini_dir)
    zipped = served.router("/country/BBB", "", GZIP)
    plain = served.router("/country/BBB")
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in plain.headers
    assert gzip.decompress(zipped.get_data()) == plain.get_data()
    assert "Content-Encoding" not in served.router("/country/BBB").headers


def test_another_page_of_the_referrer_is_another_layout(mini_dir) -> None:
    served = Client(mini_dir)
    first = json.loads(_body(served.layout("/country/AAA")))
    second = json.loads(_body(served.layout("/country/BBB")))
    assert "Country B" in json.dumps(second) and first != second


def test_the_address_as_written_is_part_of_the_key(mini_dir) -> None:
    """Two searches naming one page (its cache key sorts the query) are two layouts: each
    writes its own search into ``_pages_location``."""
    served = Client(mini_dir)
    one = _body(served.layout("/?year=2023&region=North"))
    other = _body(served.layout("/?region=North&year=2023"))
    assert b'"search":"?region=North&year=2023"' in other.replace(b" ", b"")
    assert one != other


def test_a_stored_page_needs_the_csrf_token_still(mini_dir) -> None:
    served = Client(mini_dir)
    served.router("/methodology")
    refused = served.client.post(f"{served.prefix}_dash-update-component",
                                 json=_router_body("/methodology"))
    assert refused.status_code == 400


def test_the_data_page_is_never_stored(mini_dir) -> None:
    served = Client(mini_dir)
    for _ in range(2):
        assert _body(served.layout("/data"))
        assert _body(served.router("/data"))
    assert served.stored == 0


def test_changed_data_is_never_served_from_the_store(mini_copy) -> None:
    served = Client(mini_copy)
    assert b"Country A" in _body(served.layout("/"))
    assert b"Country A" in _body(served.router("/"))
    countries = mini_copy / "countries.csv"
    countries.write_text(countries.read_text().replace("Country A", "Country Z"))
    for response in (served.layout("/"), served.router("/")):
        body = _body(response)
        assert b"Country Z" in body and b"Country A" not in body


def test_invalid_data_shows_its_banner_not_the_stored_shell(mini_copy) -> None:
    served = Client(mini_copy)
    assert b"error(s)" not in _body(served.layout("/methodology"))
    (mini_copy / "countries.csv").write_text("not,a,valid\nfile\n")
    assert b"error(s)" in _body(served.layout("/methodology"))


def test_each_app_serves_its_own_base_path(mini_dir) -> None:
    plain, prefixed = Client(mini_dir), Client(mini_dir, "/obs/")
    link = rb'"\u002fobs\u002fcompare'  # the links carry the base path (JSON escapes "/")
    assert link not in _body(plain.router("/country/BBB"))
    assert link in _body(prefixed.router("/obs/country/BBB"))
    assert link not in _body(plain.layout("/country/BBB"))
    assert link in _body(prefixed.layout("/obs/country/BBB"))


def test_the_store_is_bounded_by_bytes_least_recently_used_dropped() -> None:
    store = response_cache.Store(max_bytes=10)
    for key in ("a", "b", "c"):
        store.put(key, response_cache.Stored(b"1234", "application/json", None))
    assert store.get("a") is None and store.size == 8  # 12 bytes > 10: the oldest went
    store.get("b")  # now the most recent
    store.put("d", response_cache.Stored(b"1234", "application/json", None))
    assert store.get("c") is None and store.get("b") is not None and store.size == 8
    store.put("e", response_cache.Stored(b"x" * 11, "application/json", None))
    assert store.get("e") is None and store.size == 8  # larger than the bound: not kept
