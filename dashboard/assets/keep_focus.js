// Keep keyboard focus across page redraws: each control change rewrites the link, and the page
// is drawn again from it. When the focused control was replaced, focus its new copy (same id).
(function () {
  var last = null;
  document.addEventListener('focusin', function (event) {
    var host = event.target.closest ? event.target.closest('[id]') : null;
    if (host && host.id) {
      last = {el: event.target, id: host.id,
              role: event.target.getAttribute('role'), tag: event.target.tagName};
    }
  });
  new MutationObserver(function () {
    if (!last || last.el.isConnected) { return; }
    var host = document.getElementById(last.id);
    if (!host) { return; }
    var target = last.role ? host.querySelector('[role="' + last.role + '"]') :
      (host.tagName === last.tag ? host : host.querySelector(last.tag));
    target = target || host;
    if (target.focus) {
      target.focus({preventScroll: true});
      last.el = target;
    }
  }).observe(document.body, {childList: true, subtree: true});
})();
