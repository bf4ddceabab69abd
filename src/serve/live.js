// herold serve: live reload. Added to HTML answers by src/serve/http.rs while serving (never
// to built files). Long-polls /__herold/reload?since=N: "reload" reloads the page and keeps
// the scroll position, "css" swaps the stylesheets, and "overlay" shows or removes the error
// overlay (escaped HTML made by the server).
(function () {
  "use strict";
  var since = __HEROLD_GENERATION__;
  var key = "herold-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved) {
    sessionStorage.removeItem(key);
    var xy = saved.split(",");
    var restore = function () { window.scrollTo(+xy[0], +xy[1]); };
    restore();
    window.addEventListener("load", restore);
  }
  function overlay(html) {
    var old = document.getElementById("__herold-overlay");
    if (old) old.remove();
    if (html) document.body.insertAdjacentHTML("beforeend", html);
  }
  function swapStylesheets(generation) {
    var links = document.querySelectorAll('link[rel~="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var url = new URL(links[i].href);
      url.searchParams.set("herold", generation);
      links[i].href = url.href;
    }
  }
  function poll() {
    fetch("/__herold/reload?since=" + since, { cache: "no-store" })
      .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
      .then(function (s) {
        if (s.action === "reload") {
          sessionStorage.setItem(key, window.scrollX + "," + window.scrollY);
          location.reload();
          return;
        }
        if (s.action === "css") swapStylesheets(s.generation);
        overlay(s.overlay);
        since = s.generation;
        poll();
      })
      .catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
