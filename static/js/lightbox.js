// Gallery photos open full size at their own address (#photo-N, shown by CSS :target),
// so the lightbox works without this script. With it, while a photo is open:
// - the rest of the page is inert (no focus, no clicks, hidden from screen readers)
//   and does not scroll; focus moves into the photo and Tab stays inside it;
// - Escape closes it, the arrow keys go to the previous and next photo,
//   and so does a swipe to the left or right on a touch screen;
// - on closing, focus returns to the gallery's link of the photo last shown.
// No inline code or styles: it runs under the site's Content Security Policy.
(function () {
  "use strict";
  var SWIPE = 50; // pixels of horizontal travel that make a swipe
  var made = []; // the elements this script made inert
  var shown = null; // the open lightbox, as this script last saw it

  function current() {
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
  function makeInert(box) {
    // Every sibling of the box and of each of its ancestors, up to <body>.
    for (var node = box; node && node !== document.body; node = node.parentElement) {
      var siblings = node.parentElement ? node.parentElement.children : [];
      for (var i = 0; i < siblings.length; i++) {
        var other = siblings[i];
        if (other !== node && !other.inert && !other.classList.contains("lightbox")) {
          other.inert = true;
          made.push(other);
        }
      }
    }
  }
  function release() {
    made.forEach(function (node) {
      node.inert = false;
    });
    made = [];
  }
  function update() {
    var box = current();
    if (box) {
      if (!shown) {
        document.documentElement.classList.add("lightbox-open");
      }
      release();
      makeInert(box);
      box.focus();
    } else if (shown) {
      release();
      document.documentElement.classList.remove("lightbox-open");
      var opener = document.querySelector('a.gallery-open[href="#' + shown.id + '"]');
      if (opener) {
        opener.focus();
      }
    }
    shown = box;
  }
  function trapTab(event, box) {
    var links = box.querySelectorAll("a[href]");
    if (!links.length) {
      return;
    }
    var first = links[0];
    var last = links[links.length - 1];
    var active = document.activeElement;
    if (event.shiftKey && (active === first || active === box)) {
      last.focus();
      event.preventDefault();
    } else if (!event.shiftKey && active === last) {
      first.focus();
      event.preventDefault();
    }
  }

  window.addEventListener("hashchange", update);
  document.addEventListener("DOMContentLoaded", update);
  document.addEventListener("keydown", function (event) {
    var box = current();
    if (!box) {
      return;
    }
    if (event.key === "Tab") {
      trapTab(event, box);
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

  var startX = null;
  var startY = null;
  document.addEventListener(
    "touchstart",
    function (event) {
      if (current() && event.touches.length === 1) {
        startX = event.touches[0].clientX;
        startY = event.touches[0].clientY;
      } else {
        startX = null;
      }
    },
    { passive: true }
  );
  document.addEventListener(
    "touchend",
    function (event) {
      var box = current();
      if (!box || startX === null || !event.changedTouches.length) {
        return;
      }
      var dx = event.changedTouches[0].clientX - startX;
      var dy = event.changedTouches[0].clientY - startY;
      startX = null;
      if (Math.abs(dx) >= SWIPE && Math.abs(dx) > 2 * Math.abs(dy)) {
        // A swipe to the left brings the next photo, as turning a page does.
        follow(box, dx < 0 ? ".lightbox-next" : ".lightbox-previous");
      }
    },
    { passive: true }
  );
})();
