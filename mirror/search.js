// The snapshot's search page: Pagefind's interface on the index next to the pages, started
// with the words of ?q= (the site's search forms send readers here).
window.addEventListener("DOMContentLoaded", function () {
  var ui = new PagefindUI({ element: "#search", showSubResults: true, showImages: false, resetStyles: false });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    ui.triggerSearch(query);
  }
});
