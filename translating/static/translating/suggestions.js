/* Side by side: the translation memory's matches for each segment of the source and the glossary's terms,
   beside each field of the translation (translating.admin, the "suggestions/" endpoint). A suggestion is
   inserted with one click, into the field's text or at the cursor of the rich-text editor; nothing is saved
   until the form is. */
(function () {
  "use strict";

  const editors = new Map(); // a rich-text field's textarea -> its editor (django-prose-editor)
  document.addEventListener("prose-editor:ready", function (event) {
    editors.set(event.detail.textarea, event.detail.editor);
  });

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function start() {
    const bar = document.getElementById("lang-bar");
    if (!bar || !bar.dataset.suggestionsUrl) return;
    const form = bar.closest("form");
    const token = form.querySelector("input[name=csrfmiddlewaretoken]");
    let timer = null;
    let asked = 0;
    let counter = 0;

    function choice() {
      const view = bar.querySelector("input[name=_language_view]:checked");
      const left = bar.querySelector("#lang-left").value;
      const right = bar.querySelector("#lang-right").value;
      return view && view.value === "pair" && left !== right ? { source: left, target: right } : null;
    }

    function fieldNames() {
      const names = [];
      form.querySelectorAll(".form-row[data-field]").forEach(function (row) {
        if (names.indexOf(row.dataset.field) === -1 && row.dataset.field !== "slug") names.push(row.dataset.field);
      });
      return names;
    }

    function clear() {
      form.querySelectorAll(".tm-panel").forEach(function (panel) { panel.remove(); });
    }

    function insert(input, text, whole) {
      const editor = editors.get(input);
      if (editor) {
        editor.chain().focus().insertContent({ type: "text", text: text }).run();
        return;
      }
      if (whole || !input.value) input.value = text;
      else input.setRangeText(text, input.selectionStart, input.selectionEnd, "end");
      input.dispatchEvent(new Event("input", { bubbles: true }));
      input.focus();
    }

    function panelFor(field, answer, labels, target) {
      const input = form.querySelector("#id_" + field.field + "_" + target);
      const row = input && input.closest(".form-row");
      if (!row) return; // this language of the field is not the user's to change
      const withMatches = field.segments.filter(function (segment) { return segment.matches.length; });
      if (!withMatches.length && !field.terms.length && !field.forbidden.length) return;
      const panel = element("div", "tm-panel");
      const status = element("p", "tm-status");
      status.setAttribute("role", "status");
      if (field.forbidden.length) {
        const warnings = element("ul", "tm-forbidden");
        field.forbidden.forEach(function (hit) { warnings.appendChild(element("li", "", hit.message)); });
        panel.appendChild(element("p", "tm-heading", labels.forbidden));
        panel.appendChild(warnings);
      }
      if (withMatches.length) {
        panel.appendChild(element("p", "tm-heading", labels.memory));
        const list = element("ol", "tm-segments");
        const whole = field.segments.length === 1;
        withMatches.forEach(function (segment) {
          const item = element("li");
          const source = element("p", "tm-source", segment.source);
          source.lang = answer.source;
          item.appendChild(source);
          const matches = element("ul", "tm-matches");
          segment.matches.forEach(function (match) {
            counter += 1;
            const line = element("li", "tm-match");
            const score = element("span", "tm-score" + (match.score === 100 ? " tm-exact" : ""), match.score + "%");
            const text = element("span", "tm-target", match.target);
            text.lang = answer.target;
            text.id = "tm-match-" + counter;
            const button = element("button", "button tm-insert", labels.insert);
            button.type = "button";
            button.setAttribute("aria-describedby", text.id);
            button.addEventListener("click", function () {
              insert(input, match.target, whole);
              status.textContent = labels.inserted;
            });
            line.append(score, " ", text, " ", button);
            if (match.score < 100) {
              const from = element("span", "tm-from", labels.from + " " + match.source);
              from.lang = answer.source;
              line.appendChild(from);
            }
            matches.appendChild(line);
          });
          item.appendChild(matches);
          list.appendChild(item);
        });
        panel.appendChild(list);
      }
      if (field.terms.length) {
        panel.appendChild(element("p", "tm-heading", labels.glossary));
        const terms = element("ul", "tm-terms");
        field.terms.forEach(function (term) {
          const line = element("li");
          const source = element("span", "tm-term-source", term.source);
          source.lang = answer.source;
          const target = element("strong", "", term.target);
          target.lang = answer.target;
          line.append(source, " → ", target);
          if (term.note) line.append(element("span", "tm-note", " (" + term.note + ")"));
          terms.appendChild(line);
        });
        panel.appendChild(terms);
      }
      panel.appendChild(status);
      row.appendChild(panel);
    }

    function ask() {
      const languages = choice();
      clear();
      if (!languages) return;
      const body = new URLSearchParams({
        model: bar.dataset.model,
        object: bar.dataset.object || "",
        source: languages.source,
        target: languages.target,
      });
      fieldNames().forEach(function (name) {
        const source = form.querySelector("#id_" + name + "_" + languages.source);
        if (source && "value" in source) body.append(name, source.value);
        const target = form.querySelector("#id_" + name + "_" + languages.target);
        if (target && "value" in target) body.append(name + "__target", target.value);
      });
      const number = ++asked;
      fetch(bar.dataset.suggestionsUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { Accept: "application/json", "X-CSRFToken": token ? token.value : "" },
        body: body,
      })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (answer) {
          if (!answer || number !== asked) return; // a newer question was asked meanwhile
          clear();
          answer.fields.forEach(function (field) { panelFor(field, answer, answer.labels, languages.target); });
        })
        .catch(function () { /* offline: the form works without suggestions */ });
    }

    function later() {
      clearTimeout(timer);
      timer = setTimeout(ask, 300);
    }
    bar.querySelectorAll("input[name=_language_view], select").forEach(function (control) {
      control.addEventListener("change", later);
    });
    // The source text changed: new suggestions once the translator leaves the field.
    form.addEventListener("focusout", function (event) {
      const languages = choice();
      const target = event.target;
      if (languages && target.id && target.id.endsWith("_" + languages.source) && !target.closest(".tm-panel")) later();
    });
    later();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
