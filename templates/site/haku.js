// The search page: Pagefind's interface, started with the query of the
// address (?q=...) so the search form on every page leads here.
(function () {
  var root = document.getElementById("haku");
  var ui = new PagefindUI({
    element: "#haku",
    bundlePath: root.getAttribute("data-bundle"),
    showSubResults: false,
    showImages: false,
    resetStyles: false
  });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) { ui.triggerSearch(query); }
})();
