// Search: a button in the header opens a dialog with Pagefind's search box (dossier/search.py
// writes the index into the site's pagefind/ folder).
//
// Nothing of the search is fetched until the reader opens it: a page opened from a shared link
// loads no index. Pagefind then fetches the index of the page's language (<html lang>) in small
// pieces, as the query needs them. Without JavaScript there is no search, and no button either.
(function () {
  "use strict";
  var listed = document.getElementById("dossier-languages");
  var header = document.querySelector(".md-header__inner");
  if (!listed || !header || !window.HTMLDialogElement) {
    return;
  }
  var language = document.documentElement.lang;
  var words = JSON.parse(listed.textContent).filter(function (each) { return each.code === language; })[0];
  if (!words) {
    return;
  }
  // The site's root is where this script's assets/ folder is: the site may be hosted below a path.
  var bundle = document.currentScript.src.replace(/assets\/search\.js.*$/, "pagefind/");
  var MAGNIFIER = "M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5Z";

  var button = document.createElement("button");
  button.type = "button";
  button.className = "md-header__button md-icon dossier-search-button";
  button.title = words.search;
  button.setAttribute("aria-label", words.search);
  button.setAttribute("aria-haspopup", "dialog");
  button.innerHTML = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true"><path d="' + MAGNIFIER + '"/></svg>';
  header.insertBefore(button, header.querySelector(".md-header__source"));

  var dialog = document.createElement("dialog");
  dialog.className = "dossier-search";
  dialog.setAttribute("aria-label", words.search);
  var close = document.createElement("button");
  close.type = "button";
  close.className = "dossier-search__close";
  close.textContent = "×";
  close.title = words.close_search;
  close.setAttribute("aria-label", words.close_search);
  var box = document.createElement("div");
  box.className = "dossier-search__box";
  dialog.append(close, box);
  document.body.append(dialog);

  // Chinese is often typed with no space between its characters and digits or Latin letters
  // ("800万美元", "CEO辞职"), while the pages write a space there ("800 万美元"): the query is
  // spaced as the pages are, so that both split into the same words.
  var HAN_THEN_OTHER = /([\u3400-\u9fff\uf900-\ufaff])([A-Za-z0-9$])/g;
  var OTHER_THEN_HAN = /([A-Za-z0-9%])([\u3400-\u9fff\uf900-\ufaff])/g;
  function spacedAsThePages(query) {
    return query.replace(HAN_THEN_OTHER, "$1 $2").replace(OTHER_THEN_HAN, "$1 $2");
  }

  // A fact page carries its own words, split as a query is, in a metadata field (dossier/search.py):
  // "key_words" for the dossier's key events (those its timeline labels), "words" for the others.
  // Matching them adds to a page's score; a key event comes first among facts that match as well.
  // A title's own field counts for nothing: Pagefind leaves Chinese unsplit in metadata, so a
  // query word would match a title's whole run of characters as its beginning, once per form of
  // it, and a fact's title is among its words anyway.
  var OWN_WORDS = ["words", "key_words"];
  var RANKING = { metaWeights: { title: 0, words: 1, key_words: 3 } };
  function withoutOwnWords(result) {
    OWN_WORDS.forEach(function (field) { delete result.meta[field]; });
    return result;
  }

  var loading = null;
  function loadSearch() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var style = document.createElement("link");
        style.rel = "stylesheet";
        style.href = bundle + "pagefind-ui.css";
        var script = document.createElement("script");
        script.src = bundle + "pagefind-ui.js";
        script.onload = resolve;
        script.onerror = reject;
        document.head.append(style, script);
      }).then(function () {
        // eslint-disable-next-line no-undef
        new PagefindUI({
          element: box,
          bundlePath: bundle,
          showImages: false,
          showSubResults: false,
          resetStyles: false,
          autofocus: true,
          processTerm: spacedAsThePages,
          processResult: withoutOwnWords,
          ranking: RANKING,
        });
      });
    }
    return loading;
  }

  function open() {
    dialog.showModal();
    loadSearch().then(function () {
      var input = box.querySelector("input");
      if (input) {
        input.focus();
      }
    });
  }

  button.addEventListener("click", open);
  close.addEventListener("click", function () { dialog.close(); button.focus(); });
  // A click on the backdrop (outside the dialog's box) closes it, as Escape does.
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog) {
      dialog.close();
    }
  });
  // "/" or "s" opens the search from anywhere but a text field, as in Material's own search.
  document.addEventListener("keydown", function (event) {
    var typing = event.target.closest && event.target.closest("input, textarea, select, [contenteditable]");
    if (!typing && !dialog.open && !event.ctrlKey && !event.metaKey && !event.altKey && (event.key === "/" || event.key === "s")) {
      event.preventDefault();
      open();
    }
  });
})();
