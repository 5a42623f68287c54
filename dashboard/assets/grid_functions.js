// Functions AG Grid's column definitions call by name (dash-ag-grid's dashAgGridFunctions).
var dagfuncs = (window.dashAgGridFunctions = window.dashAgGridFunctions || {});

// A number as people read it, as dashboard.views.fmt.number writes it on the server:
// 13.9 bn, 4.2 m, 11,902, 0.792, 2.69 × 10²⁴; ``missing`` for an empty cell.
dagfuncs.humanNumber = function (x, missing) {
  if (x === null || x === undefined || x !== x) { return missing; }
  var a = Math.abs(x);
  var sig = function (v) { return String(Number(v.toPrecision(3))); };
  var whole = new Intl.NumberFormat('en-GB', {maximumFractionDigits: 0});
  if (a >= 1e15) {
    var e = Math.floor(Math.log10(a));
    var sup = String(e).split('').map(function (d) { return '⁰¹²³⁴⁵⁶⁷⁸⁹'[+d]; }).join('');
    return sig(x / Math.pow(10, e)) + ' × 10' + sup;
  }
  if (a >= 1e12) { return sig(x / 1e12) + ' tn'; }
  if (a >= 1e9) { return sig(x / 1e9) + ' bn'; }
  if (a >= 1e6) { return sig(x / 1e6) + ' m'; }
  if (a >= 1000) { return whole.format(x); }
  if (a > 0 && a < 1e-3) { return x.toExponential(2); }
  return sig(x);
};

// Country search in a ranking (dashboard/views/search.py says the rule): the quick filter's
// text becomes one part per word, "=kor" for a word that is an ISO-3 code (the code, or a whole
// word of a name) and "^kor" for any other (the start of the code or of a word of a name).
var COUNTRY_WORD = /[\p{L}\p{N}]+/gu;
dagfuncs.countryQueryParts = function (text, codes) {
  var known = new Set(String(codes || '').split(' '));
  return (String(text || '').toLowerCase().match(COUNTRY_WORD) || []).map(function (word) {
    return (known.has(word) ? '=' : '^') + word;
  });
};
// Whether a row's text (QUICK_FILTER_TEXT: ␟code␟names␟) matches every part.
dagfuncs.countryQueryMatch = function (parts, rowText) {
  var found = /\u241f([^\u241f]*)\u241f([^\u241f]*)\u241f/.exec(rowText || '');
  if (!found) { return false; }
  var code = found[1].toLowerCase();
  var names = found[2].toLowerCase().match(COUNTRY_WORD) || [];
  return parts.every(function (part) {
    var word = part.slice(1);
    if (part[0] === '=') { return word === code || names.indexOf(word) >= 0; }
    return code.indexOf(word) === 0 || names.some(function (n) { return n.indexOf(word) === 0; });
  });
};
