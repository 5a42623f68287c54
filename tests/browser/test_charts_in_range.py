"""No chart the app draws shows a value outside its stated range (issue 11, "Done when").

For every chart drawn on the pages below — the reference method and a z-score method, ranked
and unranked countries, steady and moving ranks — each value plotted against an axis whose
range the figure states (``layout.<axis>.range``) lies inside it, and each map or heatmap's
colour scale spans every value it colours. Before issue 11 a "share of rank variance" of 2.75
was drawn on a 0–1 axis and z-scores of 110.8 under "Scores are 0–100"; the unit tests in
tests/dashboard/test_figures_in_range.py check the builders, this checks what the browser draws.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

PAGES = ["/?tab=map", "/?tab=chart", "/?tab=map&norm=zscore", "/?tab=chart&norm=zscore",
         "/?tab=chart&measure=compute", "/compare?countries=KOR,JPN,FRA",
         "/compare?countries=KOR,JPN&norm=zscore", "/compare?countries=KOR,PRK",
         "/country/KOR", "/country/KOR?norm=zscore", "/country/KOR?tab=map", "/country/TWN",
         "/robustness", "/robustness?country=IND", "/scenarios", "/scenarios?preset=seed-event",
         "/audit"]

#: Per chart: every value outside the range its figure states.
OUT_OF_RANGE_JS = """
() => {
  var bad = [], charts = 0;
  var finite = function (v) { return typeof v === 'number' && isFinite(v); };
  var flat = function (z) { return [].concat.apply([], (z || []).map(function (row) {
      return Array.isArray(row) ? row : [row]; })); };
  document.querySelectorAll('.js-plotly-plot').forEach(function (gd) {
    var id = (gd.closest('[id]') || {}).id;
    var stated = gd.layout || {};
    charts++;
    (gd._fullData || []).forEach(function (t) {
      if (t.visible === false) { return; }
      if (t.type === 'choropleth' || t.type === 'heatmap') {
        var z = flat(t.z).filter(finite);
        if (z.length && (Math.min.apply(null, z) < t.zmin - 1e-9 ||
                         Math.max.apply(null, z) > t.zmax + 1e-9)) {
          bad.push(id + ': ' + t.type + ' values ' + Math.min.apply(null, z) + '..' +
                   Math.max.apply(null, z) + ' outside its colour scale ' + t.zmin + '..' + t.zmax);
        }
        return;
      }
      ['x', 'y'].forEach(function (letter) {
        var name = (t[letter + 'axis'] || letter).replace(letter, letter + 'axis');
        var axis = stated[name];
        if (!axis || !axis.range || axis.type === 'category') { return; }
        var low = Math.min(axis.range[0], axis.range[1]);
        var high = Math.max(axis.range[0], axis.range[1]);
        (t[letter] || []).filter(finite).forEach(function (v) {
          if (v < low - 1e-9 || v > high + 1e-9) {
            bad.push(id + ': ' + v + ' outside ' + name + ' ' + low + '..' + high);
          }
        });
      });
    });
  });
  return {charts: charts, bad: bad};
}
"""


@pytest.mark.parametrize("path", PAGES)
def test_no_chart_shows_a_value_outside_its_range(page: Page, live_server: str, console_errors,
                                                  path: str) -> None:
    page.goto(live_server + path)
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .main-svg')"
                           ".length > 0", timeout=60_000)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    found = page.evaluate(OUT_OF_RANGE_JS)
    assert found["charts"] > 0
    assert found["bad"] == []
    assert console_errors == []


def test_the_check_sees_a_value_outside_a_stated_range(page: Page, live_server: str) -> None:
    """The check above can fail: squeeze a drawn chart's axis and it reports the values."""
    page.goto(live_server + "/country/KOR")
    page.wait_for_function("() => document.querySelector('#cty-distribution .main-svg')",
                           timeout=60_000)
    page.wait_for_load_state("networkidle")
    assert page.evaluate(OUT_OF_RANGE_JS)["bad"] == []
    page.evaluate("""() => { var gd = document.querySelector('#cty-distribution .js-plotly-plot')
        || document.querySelector('#cty-distribution');
        return window.Plotly.relayout(gd, {'xaxis.range': [0, 1]}); }""")
    assert page.evaluate(OUT_OF_RANGE_JS)["bad"] != []
