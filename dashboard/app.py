"""The Dash application: a Dash Pages shell (nav, data banner, footer) built by ``create_app``."""

from __future__ import annotations

import functools
import importlib
import pkgutil
from pathlib import Path
from types import ModuleType

import dash
from dash import ALL, Dash, Input, Output, dcc, html

from dashboard import (
    data_access,
    first_render,
    ids,
    page_cache,
    plotly_bundle,
    response_cache,
    security,
)
from dashboard.components import chart, map_click, weights_panel
from dashboard.components.links import BASE_KEY, href
from dashboard.settings import Settings
from indicators.code_version import method_version

TITLE = "Sovereign-AI readiness"
#: Problems listed in the banner; the rest are counted.
BANNER_PROBLEMS = 20
#: Dash 4 draws checklists and radio items as ``role=listbox``, slider thumbs as ``role=slider``
#: and an upload as a hidden file input, none of which accepts an ``aria-label`` prop, and an
#: HTML ``<label>`` or ``<legend>`` names native inputs only. This gives each such control the
#: visible text that labels it: the text of its ``<label>``, the legend of its fieldset, else its
#: own text (a one-option checklist, the upload's "Drop a CSV here…").
ACCESSIBLE_NAMES_JS = """
(function () {
  var UNNAMED = ':not([aria-label]):not([aria-labelledby])';
  var SELECTOR = ['.dash-options-list[role="listbox"]', '[role="slider"]',
                  'input[type="file"]'].map(function (s) { return s + UNNAMED; }).join(',');
  function ownText(el) {
    for (var i = 0; i < el.childNodes.length; i++) {
      var node = el.childNodes[i];
      var text = (node.nodeType === 3 ? node.textContent :
                  node.tagName === 'SPAN' ? node.textContent : '').trim();
      if (text) { return text; }
    }
    return '';
  }
  function nameOf(el) {
    var label = el.closest('label:not([role])');
    var legend = el.closest('fieldset') && el.closest('fieldset').querySelector('legend');
    var host = el.type === 'file' ? el.closest('[id]') : el;
    return (label && ownText(label)) || (legend && legend.textContent.trim()) ||
      (host && host.textContent.trim()) || '';
  }
  function name() {
    document.querySelectorAll(SELECTOR).forEach(function (el) {
      if (el.labels && el.labels.length) { return; }
      var text = nameOf(el);
      if (text) { el.setAttribute('aria-label', text); }
    });
  }
  new MutationObserver(name).observe(document.documentElement, {childList: true, subtree: true});
})();
"""


def nav_links() -> list[dcc.Link]:
    """Return a link per registered page with ``nav`` not False, in page order.

    Each link carries the scoring method of the current address (``KEEP_METHOD_JS``), so moving
    between pages keeps the what-if settings.
    """
    pages = sorted(dash.page_registry.values(), key=lambda p: (p.get("order") or 0, p["name"]))
    return [dcc.Link(page["name"], href=href(page["path"]), className="nav-link",
                     id=ids.nav(page["path"]))
            for page in pages if page.get("nav", True)]


#: Client side: give every navigation link the scoring parameters of the current address
#: (``assets/method_link.js``), not the page's own, so the what-if method travels.
KEEP_METHOD_JS = """
function(search) {
    var query = window.sovai.methodSearch(search);
    return window.dash_clientside.callback_context.outputs_list.map(function (out) {
        return window.sovai.basePath() + out.id.path + query;
    });
}
"""


def data_banner() -> list[html.Div]:
    """Return the alert naming the errors of the files on disk, or nothing when they are valid."""
    state = data_access.current()
    if not state.problems:
        return []
    shown = state.problems[:BANNER_PROBLEMS]
    more = len(state.problems) - len(shown)
    items = [html.Li(str(p)) for p in shown] + ([html.Li(f"… and {more} more")] if more else [])
    kept = "showing the last valid data" if state.bundle is not None else "no valid data yet"
    return [html.Div([
        html.Strong(f"The data files on disk have {len(state.problems)} error(s); {kept}. "
                    "Fix them (or use the Data page) and reload."),
        html.Ul(items)], className="banner", role="alert")]


def footer() -> html.Footer:
    """Return the footer: data version, citation and where the numbers come from."""
    state = data_access.current()
    version = state.bundle.version[:12] if state.bundle is not None else "none"
    method = method_version()
    return html.Footer([
        html.P([f"Data version {version}, method version {method}. Every number names its "
                "source and year; see ", dcc.Link("Methodology", href=href("/methodology")),
                "."]),
        html.P("Cite as: sovai — Sovereign-AI readiness observatory (data version "
               f"{version}, method version {method}), with the link of the view you used.",
               className="citation"),
    ], className="site-footer")


def shell(app: Dash | None = None) -> html.Div:
    """Return the frame around every page: skip link, header with nav, banner, main, footer.

    Given the ``app``, its page container already holds the page the browser asked for
    (``first_render``): the first view needs no router request.
    """
    return html.Div([
        html.A("Skip to main content", href=f"#{ids.MAIN}", className="skip-link"),
        dcc.Location(id=ids.URL, refresh="callback-nav"),
        *[dcc.Store(id=store) for store in ids.CHANGE_STORES],
        *[dcc.Store(id=store) for store in ids.PLAYER_STORES],
        dcc.Store(id=ids.FIRST_PAGE_CHECK),
        html.Header([
            dcc.Link(TITLE, href=href("/"), className="brand"),
            # dash's typed signature has no aria-* keywords; the component accepts them
            html.Nav(nav_links(), className="site-nav",
                     **{"aria-label": "Pages",  # type: ignore[arg-type]
                        "data-prefix": href("").rstrip("/")}),
        ], className="site-header"),
        html.Div(data_banner(), id=ids.BANNER),
        html.Main(first_render.page_container(app) if app else dash.page_container,
                  id=ids.MAIN, tabIndex="-1"),
        footer(),
    ], className="shell")


#: Where the page modules live: each is ``pages/<page>.py`` (see docs/dashboard.md).
PAGES_PACKAGE = "dashboard.pages"


def page_modules() -> list[ModuleType]:
    """Return every module of ``dashboard/pages`` (imported normally, once per process)."""
    folder = Path(__file__).resolve().parent / "pages"
    return [importlib.import_module(f"{PAGES_PACKAGE}.{info.name}")
            for info in sorted(pkgutil.iter_modules([str(folder)]), key=lambda i: i.name)
            if not info.name.startswith("_")]


def install_pages(app: Dash) -> None:
    """Register each page's route and attach its callbacks to ``app`` (and to no other app).

    A page module declares ``ROUTE`` (the keywords of ``dash.register_page``), a ``layout``
    function and ``register_callbacks(app)``; importing it has no side effect, so several apps
    can be built in one process (each test builds its own). Each layout is drawn once per data
    version and link (``page_cache``).
    """
    for module in page_modules():
        page = getattr(module, "ROUTE", None)
        if page is not None:
            dash.register_page(module.__name__,
                               layout=page_cache.cached(module.__name__, module.layout), **page)
        register = getattr(module, "register_callbacks", None)
        if register is not None:
            register(app)


def accessible_index(index_string: str) -> str:
    """Return Dash's page template with the language declared and the control-naming script.

    Dash wraps its scripts in a ``<footer>``, a second "contentinfo" landmark beside the page's
    own footer; a plain ``<div>`` holds them just as well.
    """
    return (index_string.replace("<html>", '<html lang="en">', 1)
            .replace("<footer>", "<div hidden>", 1).replace("</footer>", "</div>", 1)
            .replace("</body>", f"<script>{ACCESSIBLE_NAMES_JS}</script>\n</body>", 1))


def create_app(settings: Settings | None = None, *, base_path: str | None = None,
               data_dir: Path | None = None) -> Dash:
    """Return a new Dash app configured by ``settings`` (default: from the environment).

    ``base_path`` and ``data_dir`` are a shorthand that replaces those two settings.
    """
    settings = settings or Settings.from_environ()
    if base_path is not None or data_dir is not None:
        settings = settings.with_changes(base_path=base_path or settings.base_path,
                                         data_dir=data_dir or settings.data_dir)
    here = Path(__file__).resolve().parent
    app = Dash(__name__, title=TITLE, url_base_pathname=settings.base_path, serve_locally=True,
               use_pages=True, pages_folder="",
               assets_folder=str(here / "assets"), health_endpoint="healthz",
               assets_ignore=plotly_bundle.ASSETS_IGNORE,  # loaded when a chart draws
               compress=True,  # scripts and the map shapes shrink about 3-fold
               # a fresh server builds no page before one is asked for (Dash would render
               # every page on the first request to validate callbacks in the browser);
               # tests/dashboard/test_callback_ids.py makes that check instead
               suppress_callback_exceptions=True,
               meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}])
    install_pages(app)
    app.server.config["SOVAI_DATA_DIR"] = str(settings.data_dir)
    app.server.config[BASE_KEY] = app.config.requests_pathname_prefix
    app.layout = functools.partial(shell, app)
    app.index_string = accessible_index(app.index_string)
    chart.install(app)
    weights_panel.install(app)
    map_click.install(app)
    first_render.install(app)
    app.clientside_callback(KEEP_METHOD_JS, Output(ids.nav(ALL), "href"),
                            Input(ids.URL, "search"))
    plotly_bundle.install(app)  # the partial plotly.js bundle instead of the full one
    security.install(app, settings)
    response_cache.install(app)  # after the host and CSRF checks: it answers before Dash
    return app
