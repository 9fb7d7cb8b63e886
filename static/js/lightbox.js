// Gallery photos open full size at their own address (#photo-N, shown by CSS :target),
// so the lightbox works without this script. With it: focus moves into the open photo,
// Escape closes it, the arrow keys go to the previous and next photo.
(function () {
  "use strict";
  function open() {
    var id = window.location.hash.slice(1);
    var box = id ? document.getElementById(id) : null;
    return box && box.classList.contains("lightbox") ? box : null;
  }
  function follow(box, selector) {
    var link = box.querySelector(selector);
    if (link) {
      window.location.hash = link.getAttribute("href");
    }
  }
  function focusOpen() {
    var box = open();
    if (box) {
      box.focus();
    }
  }
  window.addEventListener("hashchange", focusOpen);
  document.addEventListener("DOMContentLoaded", focusOpen);
  document.addEventListener("keydown", function (event) {
    var box = open();
    if (!box) {
      return;
    }
    if (event.key === "Escape") {
      follow(box, ".lightbox-close");
    } else if (event.key === "ArrowLeft") {
      follow(box, ".lightbox-previous");
    } else if (event.key === "ArrowRight") {
      follow(box, ".lightbox-next");
    } else {
      return;
    }
    event.preventDefault();
  });
})();
