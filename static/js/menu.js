// The main menu and the news filters fold behind a toggle on phones only
// (<details data-open-from="48rem">). Browsers that cannot keep a closed <details>
// open with CSS (::details-content) get them opened here on wide screens.
// Without this script they still open and close.
(function () {
  "use strict";
  if (!window.matchMedia) {
    return;
  }
  document.addEventListener("DOMContentLoaded", function () {
    var folds = document.querySelectorAll("details[data-open-from]");
    Array.prototype.forEach.call(folds, function (fold) {
      var wide = window.matchMedia("(min-width: " + fold.getAttribute("data-open-from") + ")");
      function follow() {
        if (wide.matches) {
          fold.open = true;
        }
      }
      follow();
      if (wide.addEventListener) {
        wide.addEventListener("change", follow);
      }
    });
  });
})();
