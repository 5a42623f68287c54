// The scoring method of an address, for links that keep it (navigation, map clicks):
// dashboard.urlstate's parameters year, view, norm, agg, outliers, imp, pw_*, iw_*.
window.sovai = window.sovai || {};
window.sovai.methodSearch = function (search) {
  var kept = new URLSearchParams();
  new URLSearchParams(search || '').forEach(function (value, key) {
    if (/^(year|view|norm|agg|outliers|imp|pw_.+|iw_.+)$/.test(key)) { kept.append(key, value); }
  });
  var query = kept.toString();
  return query ? '?' + query : '';
};
// The app's base path (served under /sub/ or at the root), as the shell's navigation states it.
window.sovai.basePath = function () {
  var nav = document.querySelector('.site-nav');
  return (nav && nav.dataset.prefix) || '';
};
