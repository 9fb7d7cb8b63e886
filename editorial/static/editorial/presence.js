/* "Someone is editing this": tells the server every few seconds that this change form is open, and shows
 * the other editors who have the same item open (editorial.presence). Closing the page says so at once. */
(function () {
  "use strict";

  const box = document.getElementById("presence");
  const form = box && box.closest("form");
  const csrf = form && form.querySelector("input[name=csrfmiddlewaretoken]");
  if (!box || !csrf || !window.fetch) {
    return;
  }
  const names = box.querySelector(".presence-names");
  const interval = Math.max(5, parseInt(box.dataset.interval, 10) || 20) * 1000;

  function body(leaving) {
    const data = new FormData();
    data.append("csrfmiddlewaretoken", csrf.value);
    if (leaving) data.append("leaving", "1");
    return data;
  }

  function tell() {
    fetch(box.dataset.url, { method: "POST", body: body(false), credentials: "same-origin" })
      .then((response) => (response.ok ? response.json() : null))
      .then((answer) => {
        if (!answer) return;
        names.textContent = answer.others.join(", ");
        box.hidden = answer.others.length === 0;
      })
      .catch(() => {});
  }

  tell();
  window.setInterval(tell, interval);
  window.addEventListener("pagehide", () => {
    if (navigator.sendBeacon) navigator.sendBeacon(box.dataset.url, body(true));
  });
})();
