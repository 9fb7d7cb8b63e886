/* The editor's time zone, from the browser, for the admin (editorial.sites.editor_time_zone):
   dates and times in forms and lists are then the editor's own, and Django's
   "You are N hours behind server time" note has nothing to say. */
(function () {
  "use strict";
  let zone = "";
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (error) {
    return;
  }
  // IANA names ("Europe/Vilnius") need no escaping in a cookie; anything else is left out.
  if (!/^[A-Za-z][A-Za-z0-9_+\-]*(\/[A-Za-z0-9_+\-]+){0,2}$/.test(zone)) return;
  const match = document.cookie.match(/(?:^|; )ura_tz=([^;]*)/);
  const current = match ? match[1] : "";
  if (current === zone) return;
  document.cookie = "ura_tz=" + zone + "; path=/; max-age=31536000; samesite=lax" +
    (location.protocol === "https:" ? "; secure" : "");
  // A form shown in another zone (the first page after the browser moved zone) is shown
  // again in the new one, unless it carries input that a reload would lose.
  document.addEventListener("DOMContentLoaded", function () {
    const served = document.body.dataset.adminUtcOffset;
    const here = String(-new Date().getTimezoneOffset() * 60);
    if (served !== undefined && served !== here && !document.querySelector(".errornote, .errorlist") &&
        document.querySelector(".vDateField, .vTimeField")) {
      location.reload();
    }
  });
})();
