"""The partial plotly.js bundle: it holds every trace type the code draws, and the app serves it."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import plotly.graph_objects as go
import pytest
from plotly.basedatatypes import BaseTraceType

from dashboard import plotly_bundle
from dashboard.app import create_app

DASHBOARD = Path(plotly_bundle.__file__).resolve().parent
#: Every trace type plotly knows, by constructor name (go.Bar) and by type name ("bar").
TRACE_CLASSES = {name: getattr(go, name) for name in dir(go)  # go's names load lazily
                 if isinstance(getattr(go, name), type)
                 and issubclass(getattr(go, name), BaseTraceType)}
TRACE_TYPES = {cls().type for cls in TRACE_CLASSES.values()}


def traces_in_source() -> dict[str, set[str]]:
    """Return {trace type: files} for every go.<Trace>(, fig.add_<trace>( and type="<trace>"."""
    found: dict[str, set[str]] = {}
    for path in DASHBOARD.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        names = {TRACE_CLASSES[n]().type for n in re.findall(r"\bgo\.([A-Z]\w*)\(", text)
                 if n in TRACE_CLASSES}
        names |= {n for n in re.findall(r"\.add_([a-z0-9]+)\(", text) if n in TRACE_TYPES}
        names |= {n for n in re.findall(r"""["']type["']\s*[:=]\s*["']([a-z0-9]+)["']""", text)
                  if n in TRACE_TYPES}
        for name in names:
            found.setdefault(name, set()).add(str(path.relative_to(DASHBOARD)))
    return found


def test_source_scan_finds_the_known_traces() -> None:
    """The scan is not blind: it finds the map, the bars and the scatter plots the pages draw."""
    found = traces_in_source()
    assert "views/figures.py" in found["choropleth"]
    assert "views/figures.py" in found["bar"]  # fig.add_bar
    assert "views/figures.py" in found["scatter"]  # fig.add_scatter


def test_every_trace_the_code_draws_is_in_the_bundle() -> None:
    """A figure of a type the bundle lacks would silently draw nothing: add it to the bundle."""
    missing = {t: sorted(files) for t, files in traces_in_source().items()
               if t not in plotly_bundle.TRACES}
    assert not missing, (f"trace types not in the partial plotly.js bundle: {missing}; add them "
                         "to tools/plotly-bundle/index-sovai.cjs, rebuild, and to TRACES")


def test_bundle_registers_the_traces_it_claims() -> None:
    """The built file registers bar, heatmap and choropleth (scatter comes with the core)."""
    text = plotly_bundle.BUNDLE.read_text(encoding="utf-8")
    assert text.startswith("/**\n* plotly.js v")
    for trace in plotly_bundle.TRACES - {"scatter"}:
        assert f'name:"{trace}"' in text, trace
    assert 'name:"scattergeo"' not in text and 'name:"pie"' not in text  # partial indeed


def test_licence_ships_beside_it() -> None:
    licence = plotly_bundle.BUNDLE.with_name("plotly-sovai.LICENSE.txt").read_text()
    assert "plotly.js 4.1.1: MIT" in licence and "Permission is hereby granted" in licence


def test_dash_renderer_still_loads_plotly_from_the_answered_address() -> None:
    """dash-renderer hard-codes where it loads plotly.js; a Dash upgrade moving it fails here."""
    import dash

    renderer = Path(dash.__file__).parent / "dash-renderer" / "build" / "dash_renderer.min.js"
    assert plotly_bundle.FULL_BUNDLE_PATH in renderer.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def client():
    return create_app(base_path="/sub/").server.test_client()


def test_app_answers_with_the_partial_bundle_gzipped(client) -> None:
    """Under a base path too: gzipped once, an ETag, and 304 when the browser has it."""
    url = "/sub/" + plotly_bundle.FULL_BUNDLE_PATH
    first = client.get(url, headers={"Accept-Encoding": "gzip, br"})
    assert first.status_code == 200 and first.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(first.data) == plotly_bundle.BUNDLE.read_bytes()
    again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and not again.data
    plain = client.get(url)
    assert plain.data == plotly_bundle.BUNDLE.read_bytes()


def test_bundle_is_not_an_eager_script(client) -> None:
    """Not in the first page's scripts: it loads when a chart first draws, as plotly.js did."""
    page = client.get("/sub/").data.decode()
    assert "plotly-sovai" not in page
