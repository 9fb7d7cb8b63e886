/* The focal point of a library image: click on the image to set it.
 *
 * The numbers stay in their inputs (focal_x, focal_y, 0 to 1), which work
 * without this script; the script moves a marker over the image and writes
 * the clicked spot into them. No inline script (Content-Security-Policy).
 */
(function () {
  "use strict";

  function setUp(root) {
    const image = root.querySelector("img");
    const marker = root.querySelector(".focal-point-marker");
    const inputX = document.getElementById(root.dataset.focalX);
    const inputY = document.getElementById(root.dataset.focalY);
    if (!image || !marker || !inputX || !inputY) {
      return;
    }
    function clamp(value) {
      const number = parseFloat(value);
      return isNaN(number) ? 0.5 : Math.min(1, Math.max(0, number));
    }
    function place() {
      marker.style.left = (clamp(inputX.value) * 100) + "%";
      marker.style.top = (clamp(inputY.value) * 100) + "%";
      marker.hidden = false;
    }
    image.addEventListener("click", function (event) {
      const box = image.getBoundingClientRect();
      inputX.value = clamp((event.clientX - box.left) / box.width).toFixed(3);
      inputY.value = clamp((event.clientY - box.top) / box.height).toFixed(3);
      inputX.dispatchEvent(new Event("change", { bubbles: true }));
      inputY.dispatchEvent(new Event("change", { bubbles: true }));
      place();
    });
    inputX.addEventListener("input", place);
    inputY.addEventListener("input", place);
    root.classList.add("is-active");
    place();
  }

  function start() {
    document.querySelectorAll(".focal-point").forEach(setUp);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
