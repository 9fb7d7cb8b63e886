/* One language control for every translated field of a change form, side by side,
   and the slug of each language while its title is typed (editorial.languages).
   Without this script every language is shown, one under the other. */
(function () {
  "use strict";

  function start() {
    const bar = document.getElementById("lang-bar");
    if (!bar) return;
    const form = bar.closest("form");
    const codes = bar.dataset.languages.split(" ");
    const pattern = new RegExp("^(?:field|column)-(.+)_(" + codes.join("|") + ")$");

    // Every row, cell and column head of a translated field gets its language.
    form.querySelectorAll(".form-row, .fieldBox, td, th").forEach(function (element) {
      for (const name of element.classList) {
        const match = pattern.exec(name);
        if (match) {
          element.dataset.lang = match[2];
          element.dataset.field = match[1].replace(/^rendered__/, ""); // read-only rich text
          break;
        }
      }
    });
    // Rows of one field in the three languages are grouped, to stand in columns side by side.
    form.querySelectorAll(".form-row[data-lang]").forEach(function (row) {
      if (row.parentElement.classList.contains("lang-group")) return;
      const group = document.createElement("div");
      group.className = "lang-group";
      row.parentElement.insertBefore(group, row);
      let next = row;
      while (next && next.classList.contains("form-row") && next.dataset.field === row.dataset.field) {
        const following = next.nextElementSibling;
        group.appendChild(next);
        next = following;
      }
    });

    const radios = bar.querySelectorAll("input[name=_language_view]");
    const left = bar.querySelector("#lang-left");
    const right = bar.querySelector("#lang-right");

    // A language whose fields have errors says so on its button.
    codes.forEach(function (code) {
      if (form.querySelector("[data-lang='" + code + "'].errors, [data-lang='" + code + "'] .errorlist")) {
        const label = bar.querySelector("[data-lang-label='" + code + "']");
        const note = document.createElement("span");
        note.className = "lang-error";
        note.textContent = " (" + bar.dataset.textErrors + ")";
        label.appendChild(note);
      }
    });

    function apply() {
      const view = bar.querySelector("input[name=_language_view]:checked").value;
      const pair = view === "pair";
      const shown = pair ? [left.value, right.value] : [view];
      form.classList.toggle("lang-pair-view", pair && left.value !== right.value);
      bar.classList.toggle("lang-bar-paired", pair);
      form.querySelectorAll("[data-lang]").forEach(function (element) {
        const index = shown.indexOf(element.dataset.lang);
        element.classList.toggle("lang-off", index < 0);
        element.style.order = index < 0 ? "" : String(index);
      });
      try {
        localStorage.setItem("ura-admin-languages", JSON.stringify({ view: view, left: left.value, right: right.value }));
      } catch (error) {
        /* private mode: the choice lasts for this page only */
      }
    }
    radios.forEach(function (radio) {
      radio.addEventListener("change", apply);
    });
    left.addEventListener("change", apply);
    right.addEventListener("change", apply);
    bar.hidden = false;
    apply();
    setUpSlugs(form, bar, codes);
    labelWidgets(form);
  }

  // --- Slugs while typing: the server's own rule, through a small endpoint ----------

  function setUpSlugs(form, bar, codes) {
    const url = bar.dataset.slugUrl;
    if (!url) return;
    codes.forEach(function (code) {
      const title = form.querySelector("#id_" + bar.dataset.slugSource + "_" + code);
      const slug = form.querySelector("#id_slug_" + code);
      if (!title || !slug) return;
      const note = document.createElement("p");
      note.className = "help lang-slug-note";
      note.setAttribute("aria-live", "polite");
      note.id = "slug-note-" + code;
      slug.setAttribute("aria-describedby", ((slug.getAttribute("aria-describedby") || "") + " " + note.id).trim());
      (slug.closest(".flex-container") || slug).insertAdjacentElement("afterend", note);
      // The slug follows the title until the editor types one of their own.
      let automatic = slug.value === "";
      let timer = null;

      function ask(parameters, fill) {
        const query = new URLSearchParams(Object.assign({ language: code, object: bar.dataset.object }, parameters));
        fetch(url + "?" + query.toString(), { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then(function (response) {
            return response.ok ? response.json() : null;
          })
          .then(function (answer) {
            if (!answer) return;
            if (fill) slug.value = answer.free || answer.slug;
            if (answer.taken_by) {
              note.classList.add("lang-slug-taken");
              note.textContent = bar.dataset.textTaken + " " + answer.taken_by + "." +
                (answer.free && fill ? " " + bar.dataset.textFree + " " + answer.free : "");
            } else {
              note.classList.remove("lang-slug-taken");
              note.textContent = answer.slug ? bar.dataset.textAddress + " …/" + answer.slug + "/" : "";
            }
          })
          .catch(function () {
            /* offline: the slug is made on save, as without this script */
          });
      }
      function later(callback) {
        clearTimeout(timer);
        timer = setTimeout(callback, 250);
      }
      title.addEventListener("input", function () {
        if (automatic) later(function () { ask({ title: title.value }, true); });
      });
      slug.addEventListener("input", function () {
        automatic = slug.value === "";
        later(function () {
          if (slug.value) ask({ slug: slug.value }, false);
          else ask({ title: title.value }, true);
        });
      });
      if (slug.value) ask({ slug: slug.value }, false);
    });
  }

  // --- Names for third-party widgets that come without one --------------------------

  // The toolbar's titles in the editor's language (editorial.toolbar puts them in the catalogue).
  function translateToolbars(form) {
    const translate = window.gettext;
    if (!translate) return;
    form.querySelectorAll(".prose-menubar [title]:not([data-translated])").forEach(function (button) {
      const title = translate(button.getAttribute("title"));
      button.setAttribute("title", title);
      button.setAttribute("aria-label", title);
      button.dataset.translated = "1";
    });
    form.querySelectorAll(".prose-menubar__option > *:not([data-translated])").forEach(function (option) {
      option.textContent = translate(option.textContent);
      option.dataset.translated = "1";
    });
    // A drop-down's button that shows a word, not an icon ("Block style").
    form.querySelectorAll(".prose-menubar__button:not(.material-icons):not([data-text-translated])").forEach(function (button) {
      if (!button.children.length && button.textContent.trim()) {
        button.textContent = translate(button.textContent.trim());
        button.dataset.textTranslated = "1";
      }
    });
  }

  function labelWidgets(form) {
    // The rich-text editor's editable area takes the name of its field's label.
    function nameEditors() {
      form.querySelectorAll("[contenteditable=true]:not([aria-label])").forEach(function (area) {
        const row = area.closest(".form-row, td");
        const label = row && row.querySelector("label");
        if (label) {
          area.setAttribute("aria-label", label.textContent.replace(/:\s*$/, "").trim());
          area.setAttribute("role", "textbox");
          area.setAttribute("aria-multiline", "true");
        }
      });
    }
    // The search field that select2 opens for a choice of organisations, topics, ...
    function nameSearches() {
      document.querySelectorAll(".select2-search__field:not([aria-label])").forEach(function (input) {
        const container = input.closest(".select2-container");
        const select = container && container.previousElementSibling;
        const label = select && select.id && document.querySelector("label[for='" + select.id + "']");
        if (label) input.setAttribute("aria-label", label.textContent.replace(/:\s*$/, "").trim());
      });
    }
    // A single-choice select2 box is named by what it shows, which is nothing while no choice
    // is made: name it by its field's label as well.
    function nameSelections() {
      document.querySelectorAll(".select2-selection--single[aria-labelledby]").forEach(function (box) {
        const container = box.closest(".select2-container");
        const select = container && container.previousElementSibling;
        const label = select && select.id && document.querySelector("label[for='" + select.id + "']");
        if (!label) return;
        if (!label.id) label.id = select.id + "-label";
        const names = box.getAttribute("aria-labelledby").split(/\s+/);
        if (names.indexOf(label.id) === -1) box.setAttribute("aria-labelledby", [label.id].concat(names).join(" "));
        // The text inside (role "textbox") reads as the field's label followed by the choice.
        const shown = box.querySelector(".select2-selection__rendered[id]");
        if (shown && !shown.hasAttribute("aria-labelledby")) shown.setAttribute("aria-labelledby", label.id + " " + shown.id);
      });
    }
    // select2 puts its "remove all" button inside the list of choices; it belongs beside it.
    function tidySelections() {
      document.querySelectorAll("ul.select2-selection__rendered > .select2-selection__clear").forEach(function (button) {
        button.parentElement.insertAdjacentElement("afterend", button);
      });
    }
    // Inputs in the cells of a table of inline rows are named by their column and row.
    function nameCells() {
      form.querySelectorAll(".tabular td input:not([type=hidden]):not([aria-label]), .tabular td select:not([aria-label]), .tabular td textarea:not([aria-label])").forEach(function (input) {
        if (input.id && form.querySelector("label[for='" + input.id + "']")) return;
        const cell = input.closest("td");
        const table = cell.closest("table");
        const head = table && table.tHead && table.tHead.rows[0];
        let column = head && Array.prototype.find.call(head.cells, function (th) {
          return Array.prototype.some.call(cell.classList, function (name) {
            return name.indexOf("field-") === 0 && th.classList.contains("column-" + name.slice(6));
          });
        });
        // The "Delete?" box stands in the last column.
        if (!column && head && cell.classList.contains("delete")) column = head.cells[head.cells.length - 1];
        if (!column) return;
        const row = cell.closest("tr");
        const number = Array.prototype.indexOf.call(row.parentElement.querySelectorAll("tr.form-row:not(.empty-form)"), row) + 1;
        input.setAttribute("aria-label", column.textContent.trim() + (number > 0 ? " " + number : ""));
      });
    }
    let queued = false;
    function update() {
      if (queued) return;
      queued = true;
      window.requestAnimationFrame(function () {
        queued = false;
        nameEditors();
        translateToolbars(form);
        nameSearches();
        nameSelections();
        tidySelections();
        nameCells();
      });
    }
    update();
    new MutationObserver(update).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
