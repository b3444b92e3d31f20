// Search results in the reader's language first, the other language's after.
//
// Material's search has one index for both languages and ranks pages without regard to the
// page's language, so a name written alike in both (a person's, say) would list the same
// pages first on either side. Material searches in a Web Worker and renders what the worker
// posts back; this script, loaded before Material's bundle, listens to that worker first and
// reorders the results it posts (the data, not the list on screen, which Material redraws at
// every key press). Material then counts, renders and links them as usual.
(function () {
  "use strict";
  var NativeWorker = window.Worker;
  if (!NativeWorker) {
    return;
  }
  // The first language's pages live at the site's root, each other's under its prefix ("en/"),
  // the site's root being where this script's assets/ folder is (the site may be hosted below a
  // path). Results name their page the same way. Read once: without Material's instant
  // navigation (mkdocs.yml), every page loads this anew.
  var listed = document.getElementById("dossier-languages");
  if (!listed) {
    return;
  }
  var prefixes = JSON.parse(listed.textContent).map(function (language) { return language.prefix; }).filter(Boolean);
  var root = new URL(document.currentScript.src.replace(/assets\/search-language\.js.*$/, ""));

  function languageOf(path) {
    return prefixes.filter(function (prefix) { return path.indexOf(prefix) === 0; })[0] || "";
  }

  var readers = languageOf(window.location.pathname.slice(root.pathname.length));

  function inReadersLanguage(group) {
    return languageOf(group[0].location) === readers;
  }

  // Each item of a result is the group of matches on one page, best match first, best page
  // first. A stable partition keeps Material's ranking within each language.
  function readersLanguageFirst(event) {
    var items = event.data && event.data.data && event.data.data.items;
    if (!Array.isArray(items)) {
      return;
    }
    var mine = items.filter(inReadersLanguage);
    var others = items.filter(function (group) { return !inReadersLanguage(group); });
    // In place: every listener of this message (Material's comes next) sees the same object.
    mine.concat(others).forEach(function (group, index) { items[index] = group; });

    // Enter opens the listed match with the highest score, wherever it is listed: with few
    // matches in each language, that could be the other language's. Scaling the other language's
    // scores below the reader's best keeps Enter on the first result; one factor for all keeps
    // their order, and how Material splits each page's matches (relative to its best one).
    var best = mine.length ? mine[0][0].score : 0;
    var theirs = others.length ? others[0][0].score : 0;
    if (best > 0 && theirs >= best) {
      others.forEach(function (group) {
        group.forEach(function (match) { match.score *= best / theirs / 2; });
      });
    }
  }

  window.Worker = class extends NativeWorker {
    constructor(url, options) {
      super(url, options);
      // Registered in the constructor, this listener runs before the ones Material adds next.
      if (/\/workers\/search\.[^\/]*\.js/.test(String(url))) {
        this.addEventListener("message", readersLanguageFirst);
      }
    }
  };
})();
