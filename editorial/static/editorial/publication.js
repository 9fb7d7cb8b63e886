/* The publish button of the change form reads "Schedule" while the publish time is
   in the future (WorkflowAdminMixin.publication_buttons chooses the first label;
   the server decides the status either way). Dates are read as the admin's input
   formats write them: day first (16.04.2025, 16/04/2025) or ISO (2025-04-16),
   in the editor's own time zone (editorial/timezone.js). */
(function () {
  "use strict";

  function parseDate(text) {
    let match = text.match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/);
    if (match) return [+match[1], +match[2], +match[3]];
    match = text.match(/^(\d{1,2})[./](\d{1,2})[./](\d{2}|\d{4})$/);
    if (match) return [match[3].length === 2 ? 2000 + +match[3] : +match[3], +match[2], +match[1]];
    return null;
  }

  function publishTime() {
    const day = document.getElementById("id_publish_at_0");
    const time = document.getElementById("id_publish_at_1");
    if (!day || !day.value.trim()) return null;
    const date = parseDate(day.value.trim());
    if (!date) return null;
    const clock = (time && time.value.trim().match(/^(\d{1,2}):(\d{2})(?::(\d{2}))?$/)) || [null, 0, 0, 0];
    return new Date(date[0], date[1] - 1, date[2], +clock[1], +clock[2], +(clock[3] || 0));
  }

  function relabel() {
    const when = publishTime();
    const future = when !== null && !isNaN(when) && when.getTime() > Date.now();
    document.querySelectorAll("button.workflow-publish").forEach(function (button) {
      button.textContent = future ? button.dataset.scheduleLabel : button.dataset.publishLabel;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!document.querySelector("button.workflow-publish")) return;
    ["id_publish_at_0", "id_publish_at_1"].forEach(function (id) {
      const input = document.getElementById(id);
      if (input) {
        input.addEventListener("input", relabel);
        input.addEventListener("change", relabel);
      }
    });
    // Django's calendar and clock shortcuts ("Today", "Now") set the value without an input event.
    document.addEventListener("click", function (event) {
      if (event.target.closest(".datetimeshortcuts, .calendarbox, .clockbox")) setTimeout(relabel, 0);
    });
  });
})();
