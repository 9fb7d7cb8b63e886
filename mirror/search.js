// The snapshot's search page: Pagefind's interface on the index next to the pages, started
// with the words of ?q= (the site's search forms send readers here).
window.addEventListener("DOMContentLoaded", function () {
  // The interface's words in the page's language, from the search element's data-* attributes.
  var words = document.getElementById("search").dataset;
  var translations = {};
  Object.keys(words).forEach(function (key) {
    translations[key.replace(/[A-Z]/g, function (letter) { return "_" + letter.toLowerCase(); })] = words[key];
  });
  var ui = new PagefindUI({
    element: "#search",
    showSubResults: true,
    showImages: false,
    resetStyles: false,
    translations: translations,
  });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    ui.triggerSearch(query);
  }
});
