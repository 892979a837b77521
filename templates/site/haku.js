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
  // Pagefind's field has only a placeholder: give it a visible label (WCAG 3.3.2)
  function label() {
    var input = root.querySelector("input.pagefind-ui__search-input");
    if (!input || input.id) { return Boolean(input); }
    input.id = "haku-kentta";
    var text = document.createElement("label");
    text.htmlFor = input.id;
    text.className = "search-label";
    text.textContent = root.getAttribute("data-label");
    var form = input.closest("form") || input;
    form.parentNode.insertBefore(text, form);
    return true;
  }
  if (!label()) {
    new MutationObserver(function (changes, observer) {
      if (label()) { observer.disconnect(); }
    }).observe(root, {childList: true, subtree: true});
  }
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) { ui.triggerSearch(query); }
})();
