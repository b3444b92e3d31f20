// The dossier's few behaviours in the reader's browser. Nothing here talks to another host.
(function () {
  "use strict";

  function absolute(relative) {
    return new URL(relative, window.location.href).href;
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // Plain http (a local preview) has no clipboard API: fall back to a selected textarea.
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var copied = document.execCommand("copy");
    document.body.removeChild(area);
    return copied ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  // "Copy link" buttons copy the fact's permalink (its own page), not the anchor on this page.
  // Without this script the buttons would do nothing: they are hidden until it runs.
  function setUpCopyButtons() {
    document.querySelectorAll("button.dossier-copy-link").forEach(function (button) {
      button.hidden = false;
      var label = button.textContent;
      button.setAttribute("aria-live", "polite");
      button.addEventListener("click", function () {
        copyText(absolute(button.dataset.permalink)).then(function () {
          button.textContent = "✓ " + button.dataset.copied;
          button.classList.add("dossier-copy-link--done");
          window.setTimeout(function () {
            button.textContent = label;
            button.classList.remove("dossier-copy-link--done");
          }, 2500);
        });
      });
    });
  }

  // Citations carry the reader's access date and the full permalink, known only in the browser.
  function fillCitations() {
    var today = new Date().toISOString().slice(0, 10);
    document.querySelectorAll(".dossier-cite").forEach(function (cite) {
      var permalink = absolute(cite.dataset.permalink);
      cite.querySelectorAll("code").forEach(function (code) {
        code.childNodes.forEach(function walk(node) {
          if (node.nodeType === Node.TEXT_NODE) {
            node.textContent = node.textContent.replace(/ACCESS_DATE/g, today).replace(/\bPERMALINK\b/g, permalink);
          } else {
            node.childNodes.forEach(walk);
          }
        });
      });
    });
  }

  // Filters on topic pages and the timeline: show only the facts of one status or one person.
  function setUpFilters() {
    document.querySelectorAll("form.dossier-filters").forEach(function (form) {
      var content = form.closest("article") || document;
      var facts = Array.prototype.slice.call(content.querySelectorAll(".dossier-fact"));
      var count = form.querySelector(".dossier-filters__count");
      function apply() {
        var status = form.elements.status.value;
        var entity = form.elements.entity.value;
        var shown = 0;
        facts.forEach(function (fact) {
          var visible = (!status || fact.dataset.status === status) &&
            (!entity || fact.dataset.entities.split(" ").indexOf(entity) >= 0);
          fact.hidden = !visible;
          shown += visible ? 1 : 0;
        });
        // A heading whose facts are all hidden is hidden with them.
        content.querySelectorAll("h2").forEach(function (heading) {
          var own = [];
          for (var node = heading.nextElementSibling; node && node.tagName !== "H2"; node = node.nextElementSibling) {
            if (node.classList.contains("dossier-fact")) {
              own.push(node);
            }
          }
          if (own.length) {
            heading.hidden = own.every(function (fact) { return fact.hidden; });
          }
        });
        count.textContent = count.dataset.template.replace("{shown}", shown).replace("{total}", facts.length);
        followedByTheTableOfContents();
        rememberedInTheAddress(form);
      }
      // A shared address keeps the filter: ?status=alleged&entity=jane-roe.
      var wanted = new URLSearchParams(window.location.search);
      ["status", "entity"].forEach(function (name) {
        var value = wanted.get(name);
        var select = form.elements[name];
        if (value && Array.prototype.some.call(select.options, function (option) { return option.value === value; })) {
          select.value = value;
        }
      });
      form.addEventListener("change", apply);
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      form.hidden = false;
      apply();
    });
  }

  // The table of contents lists only what the filter shows.
  function followedByTheTableOfContents() {
    document.querySelectorAll(".md-sidebar--secondary a.md-nav__link[href^='#']").forEach(function (link) {
      var target = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
      var hidden = target && (target.hidden || Boolean(target.closest("[hidden]")));
      link.parentElement.hidden = Boolean(hidden);
    });
  }

  function rememberedInTheAddress(form) {
    var address = new URL(window.location.href);
    ["status", "entity"].forEach(function (name) {
      if (form.elements[name].value) {
        address.searchParams.set(name, form.elements[name].value);
      } else {
        address.searchParams.delete(name);
      }
    });
    window.history.replaceState(window.history.state, "", address.toString());
  }

  // Printing (or saving as PDF) shows every source quote, not just their summaries.
  function openSourcesForPrint() {
    var opened = [];
    window.addEventListener("beforeprint", function () {
      document.querySelectorAll("details:not([open])").forEach(function (details) {
        details.open = true;
        opened.push(details);
      });
    });
    window.addEventListener("afterprint", function () {
      opened.splice(0).forEach(function (details) { details.open = false; });
    });
  }

  // The language selector leads to the same place in the other language's page: the same fact
  // (the anchor, a fact's id in both) and the same filter.
  function keepThePlaceAcrossLanguages() {
    document.querySelectorAll("a.md-select__link[hreflang]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        link.href = link.href.split(/[?#]/)[0] + window.location.search + window.location.hash;
        // Material's own handler would send the reader to the page's top, by the sitemap it reads
        // for each alternate: the link is followed as it is now.
        event.stopPropagation();
      });
    });
  }

  function start() {
    keepThePlaceAcrossLanguages();
    setUpCopyButtons();
    fillCitations();
    setUpFilters();
    openSourcesForPrint();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

// On the 404 page: suggest the facts whose ids are closest to the address the reader followed.
(function () {
  "use strict";
  var box = document.getElementById("dossier-suggestions");
  var script = document.querySelector('script[src*="assets/dossier.js"]');
  var listed = document.getElementById("dossier-languages");
  if (!box || !script || !listed) {
    return;
  }
  // The site's languages (mkdocs.yml extra): the first at the root, each other under its prefix.
  var languages = JSON.parse(listed.textContent);
  var root = script.src.replace(/assets\/dossier\.js.*$/, "");
  var path = window.location.pathname.replace(new URL(root).pathname, "");
  var reader = languages.filter(function (language) {
    return language.prefix && path.indexOf(language.prefix) === 0;
  })[0] || languages[0];
  // The home page of each paragraph's language, wherever the site is hosted.
  document.querySelectorAll(".dossier-home-link").forEach(function (link) {
    var owner = link.closest("[lang]");
    var language = languages.filter(function (each) { return owner && each.code === owner.lang; })[0] || languages[0];
    link.href = root + language.prefix;
  });
  var wanted = path.slice(reader.prefix.length).replace(/^facts\//, "").replace(/\/$/, "").split(/[-\/_]+/).filter(Boolean);
  if (!wanted.length) {
    return;
  }
  fetch(root + "data/dossier.json").then(function (response) {
    return response.json();
  }).then(function (data) {
    var scored = data.facts.map(function (fact) {
      var words = [fact.id].concat(fact.aliases || []).join("-").split("-");
      var score = wanted.filter(function (word) { return words.indexOf(word) >= 0; }).length;
      return { fact: fact, score: score };
    }).filter(function (item) { return item.score > 0; });
    scored.sort(function (a, b) { return b.score - a.score; });
    if (!scored.length) {
      return;
    }
    var list = document.createElement("ul");
    scored.slice(0, 8).forEach(function (item) {
      var entry = document.createElement("li");
      var link = document.createElement("a");
      link.href = root + reader.prefix + item.fact.url;
      link.textContent = item.fact.title[reader.code];
      entry.appendChild(link);
      list.appendChild(entry);
    });
    var heading = document.createElement("h2");
    heading.textContent = reader.closest_facts;
    box.lang = reader.code;
    box.appendChild(heading);
    box.appendChild(list);
  });
})();
