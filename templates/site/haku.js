// The search page: Pagefind's interface, started with the query of the
// address (?q=...) so the search form on every page leads here.
(function () {
  var root = document.getElementById("haku");
  var ui = new PagefindUI({
    element: "#haku",
    // an absolute path: Pagefind puts the folder above the bundle (the site's root, at
    // whatever prefix the site is served from) before the pages' paths
    bundlePath: new URL(root.getAttribute("data-bundle"), window.location.href).pathname,
    showSubResults: false,
    showImages: false,
    resetStyles: false
  });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) { ui.triggerSearch(query); }
})();
