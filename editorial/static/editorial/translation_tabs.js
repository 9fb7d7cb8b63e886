// Names the language tabs and the language switch that django-modeltranslation's script
// builds from language codes: each tab reads "be" but is labelled "Беларуская" (in the
// editor's language), and the switch gets an accessible name and named options. The names come from the
// server (the "translation-tabs" JSON element), so they follow Ura's catalogues.
(function () {
  "use strict";
  function label() {
    var data = document.getElementById("translation-tabs");
    if (!data) return;
    var tabs = JSON.parse(data.textContent);
    var names = tabs.names || {};
    document.querySelectorAll(".ui-tabs-nav a").forEach(function (link) {
      var code = link.textContent.trim().replace("-", "_");
      if (names[code]) {
        link.title = names[code];
        link.setAttribute("aria-label", names[code]);
        link.setAttribute("lang", document.documentElement.lang || "");
      }
    });
    var select = document.getElementById("modeltranslation-main-switch");
    if (select) {
      select.setAttribute("aria-label", tabs["switch"]);
      select.title = tabs["switch"];
      // The options keep their codes, as the tabs do (and scripts select them by code).
      Array.prototype.forEach.call(select.options, function (option) {
        var code = option.textContent.trim().replace("-", "_");
        if (names[code]) option.title = names[code];
      });
    }
  }
  // modeltranslation builds the tabs (and inline rows add more) after the document is ready:
  // label what is there, and again whenever the form changes.
  function start() {
    label();
    var pending = false;
    new MutationObserver(function () {
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(function () {
        pending = false;
        label();
      });
    }).observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
