// A figure's download dialog shows its citation (dashboard/components/citation.py): when the
// dialog opens, its view-link spans take the address the reader sees, the one the CSV download
// cites. "toggle" does not bubble, so listen in the capture phase.
document.addEventListener('toggle', function (event) {
  var dialog = event.target;
  if (!dialog.open || !dialog.classList || !dialog.classList.contains('download-dialog')) {
    return;
  }
  dialog.querySelectorAll('.view-link').forEach(function (span) {
    span.textContent = window.location.href;
  });
}, true);
// "Copy the citation": put the citation's text on the clipboard (selecting it where the
// clipboard API is not offered, as on plain http off this machine) and say so on the button.
document.addEventListener('click', function (event) {
  var button = event.target.closest && event.target.closest('.copy-citation');
  if (!button) { return; }
  var text = button.closest('.citation-text').querySelector('[id$="-citation"]');
  var done = function () { button.textContent = 'Copied'; };
  var select = function () {
    var range = document.createRange();
    range.selectNodeContents(text);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    if (document.execCommand && document.execCommand('copy')) { done(); }
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text.innerText).then(done, select);
  } else {
    select();
  }
});
