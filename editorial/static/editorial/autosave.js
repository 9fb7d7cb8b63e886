/* Autosave of the admin change and add forms, and a warning before leaving a changed form.
 *
 * Every few seconds the form's fields are posted, as [name, value] pairs, to the
 * autosave address of the item (editorial.autosave keeps them for this user and
 * this form). A kept form is offered back by the banner above the form; "Restore"
 * puts the values back (rich-text editors, inline rows added with "Add another",
 * autocomplete lists included), "Discard" removes it. Files are not kept.
 *
 * Settings and translated strings come from the data- attributes of #autosave;
 * no inline script is needed (Content-Security-Policy).
 */
(function () {
  "use strict";

  const root = document.getElementById("autosave");
  const form = root && document.getElementById(root.dataset.form);
  if (!form || !window.fetch || !window.JSON) {
    return;
  }
  const url = root.dataset.url;
  const interval = Math.max(1, parseInt(root.dataset.interval, 10) || 5) * 1000;
  const status = root.querySelector(".autosave-status");
  const offer = root.querySelector(".autosave-offer");
  const draftData = document.getElementById("autosave-draft");
  const draft = draftData ? JSON.parse(draftData.textContent) : null;
  const csrfInput = form.querySelector("input[name=csrfmiddlewaretoken]");
  const csrfToken = csrfInput ? csrfInput.value : "";
  const MANAGEMENT = /-(TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS$/;
  const NOT_KEPT = ["csrfmiddlewaretoken", "_save", "_continue", "_addanother", "_saveasnew", "_preview"];

  let pending = Boolean(draft); // a kept form is offered and the editor has not chosen yet
  let stored = false; // this page has kept a form on the server
  let submitting = false;
  let sending = null;

  // --- Reading the form ------------------------------------------------------

  function kept(element) {
    const name = element.name;
    if (!name || element.disabled || NOT_KEPT.includes(name) || name.includes("__prefix__")) {
      return false;
    }
    return !["file", "submit", "button", "reset", "image"].includes(element.type);
  }

  function serialize() {
    const fields = [];
    const labels = {};
    for (const element of form.elements) {
      if (!kept(element)) {
        continue;
      }
      if (element.type === "checkbox" || element.type === "radio") {
        if (element.checked) {
          fields.push([element.name, element.value]);
        }
      } else if (element.tagName === "SELECT") {
        for (const option of element.selectedOptions) {
          fields.push([element.name, option.value]);
          // Autocomplete lists hold only their chosen options: keep their text to show them again.
          labels[element.name] = labels[element.name] || {};
          labels[element.name][option.value] = option.text;
        }
      } else {
        fields.push([element.name, element.value]);
      }
    }
    return { fields: fields, labels: labels };
  }

  function key(state) {
    return JSON.stringify(state.fields);
  }

  // The form as loaded; the fields of rich-text editors change only when the editor types.
  const loadedKey = key(serialize());
  let sentKey = loadedKey;

  function changed() {
    return key(serialize()) !== loadedKey;
  }

  // --- Talking to the server ---------------------------------------------------

  function say(text) {
    if (status) {
      status.textContent = text || "";
    }
  }

  function request(method, body, keepalive) {
    return fetch(url, {
      method: method,
      credentials: "same-origin",
      keepalive: Boolean(keepalive),
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken, "X-Requested-With": "fetch" },
      body: body,
    }).then(function (response) {
      const type = response.headers.get("Content-Type") || "";
      if (!type.startsWith("application/json")) {
        // The login page: the session has ended.
        throw new Error(root.dataset.loggedOut);
      }
      return response.json().then(function (answer) {
        if (!response.ok && response.status !== 409) {
          const error = new Error(answer.message || root.dataset.failed);
          error.status = response.status;
          throw error;
        }
        return answer;
      });
    });
  }

  function keep(keepalive) {
    if (submitting || pending || sending) {
      return;
    }
    const state = serialize();
    const stateKey = key(state);
    if (stateKey === sentKey) {
      return;
    }
    if (stateKey === loadedKey && !stored) {
      sentKey = stateKey;
      return;
    }
    const body =
      stateKey === loadedKey
        ? null // back to the loaded form: nothing left to keep
        : JSON.stringify({ fields: state.fields, labels: state.labels, loaded: root.dataset.loaded });
    // keepalive requests are limited to 64 KB; a bigger form relies on the last periodic save.
    const small = keepalive && (!body || body.length < 60000);
    sending = request(body ? "POST" : "DELETE", body, small)
      .then(function (answer) {
        sentKey = stateKey;
        stored = Boolean(body) && answer.kept;
        say(answer.message);
      })
      .catch(function (error) {
        if (error.status === 413) {
          // Too big to keep (the message says so): not sent again until the form changes.
          sentKey = stateKey;
        }
        say(error.message || root.dataset.failed);
      })
      .finally(function () {
        sending = null;
      });
  }

  // --- Putting a kept form back -------------------------------------------------

  function values(fields) {
    const map = new Map();
    for (const [name, value] of fields) {
      if (!map.has(name)) {
        map.set(name, []);
      }
      map.get(name).push(value);
    }
    return map;
  }

  function editorOf(textarea) {
    // django-prose-editor wraps the textarea in .prose-editor; Tiptap hangs the editor on its element.
    const wrapper = textarea.closest(".prose-editor");
    const views = wrapper ? wrapper.querySelectorAll(".ProseMirror") : [];
    for (const view of views) {
      if (view.editor) {
        return view.editor;
      }
    }
    return null;
  }

  function proseTextareas() {
    return Array.from(
      form.querySelectorAll("textarea[data-django-prose-editor-configurable], textarea[data-django-prose-editor]"),
    ).filter(function (textarea) {
      return !textarea.name.includes("__prefix__");
    });
  }

  function editorsReady() {
    // Editors of rows added just now start asynchronously.
    return new Promise(function (resolve) {
      let tries = 0;
      (function check() {
        if (tries++ > 60 || proseTextareas().every(editorOf)) {
          resolve();
        } else {
          window.setTimeout(check, 50);
        }
      })();
    });
  }

  function matchRows(map) {
    // Add or remove inline rows until each formset has as many as the kept form.
    for (const total of form.querySelectorAll("input[name$='-TOTAL_FORMS']")) {
      const prefix = total.name.slice(0, -"-TOTAL_FORMS".length);
      const wanted = parseInt((map.get(total.name) || [])[0], 10);
      const group = document.getElementById(prefix + "-group");
      if (Number.isNaN(wanted) || !group) {
        continue;
      }
      for (let guard = 0; parseInt(total.value, 10) < wanted && guard < 1000; guard++) {
        const add = group.querySelector(".add-row a");
        if (!add) {
          break;
        }
        add.click();
      }
      for (let guard = 0; parseInt(total.value, 10) > wanted && guard < 1000; guard++) {
        const links = group.querySelectorAll(".inline-deletelink");
        if (!links.length) {
          break;
        }
        links[links.length - 1].click();
      }
    }
  }

  function put(element, list, labels, seen) {
    if (element.type === "checkbox" || element.type === "radio") {
      const checked = list.includes(element.value);
      if (element.checked !== checked) {
        element.checked = checked;
        element.dispatchEvent(new Event("change", { bubbles: true }));
      }
    } else if (element.tagName === "SELECT") {
      for (const value of list) {
        if (!Array.from(element.options).some((option) => option.value === value)) {
          const text = (labels[element.name] || {})[value] || value;
          element.add(new Option(text, value));
        }
      }
      for (const option of element.options) {
        option.selected = list.includes(option.value);
      }
      element.dispatchEvent(new Event("change", { bubbles: true }));
    } else {
      // Fields that share a name take the kept values in order.
      const index = seen.get(element.name) || 0;
      seen.set(element.name, index + 1);
      if (index >= list.length) {
        return;
      }
      const value = list[index];
      const editor = element.tagName === "TEXTAREA" ? editorOf(element) : null;
      if (editor) {
        editor.commands.setContent(value);
      }
      element.value = value;
    }
  }

  function restore() {
    const map = values(draft.fields);
    matchRows(map);
    return editorsReady().then(function () {
      const seen = new Map();
      for (const element of form.elements) {
        if (!kept(element) || MANAGEMENT.test(element.name)) {
          continue;
        }
        const list = map.get(element.name);
        if (list === undefined && element.type !== "checkbox" && element.type !== "radio" && !element.multiple) {
          continue; // not in the kept form: left as it is
        }
        put(element, list || [], draft.labels || {}, seen);
      }
    });
  }

  function closeOffer() {
    pending = false;
    if (offer) {
      offer.hidden = true;
    }
  }

  if (offer) {
    offer.hidden = false;
    offer.querySelector("[data-autosave=restore]").addEventListener("click", function () {
      restore().then(function () {
        closeOffer();
        stored = true;
        sentKey = key({ fields: draft.fields });
        say(root.dataset.restored);
      });
    });
    offer.querySelector("[data-autosave=discard]").addEventListener("click", function () {
      request("DELETE", null, false)
        .then(function (answer) {
          closeOffer();
          stored = false;
          say(answer.message);
        })
        .catch(function (error) {
          say(error.message || root.dataset.failed);
        });
    });
  }

  // --- While editing and when leaving --------------------------------------------

  window.setInterval(function () {
    if (pending && changed()) {
      // Typing without restoring: the new input replaces the offer.
      closeOffer();
    }
    keep(false);
  }, interval);

  form.addEventListener("submit", function (event) {
    const submitter = event.submitter;
    // "Preview" opens a new tab and leaves this page as it is.
    if ((submitter && submitter.formTarget === "_blank") || form.target === "_blank") {
      return;
    }
    submitting = true;
  });

  window.addEventListener("beforeunload", function (event) {
    if (submitting || !changed()) {
      return;
    }
    if (!pending) {
      keep(true);
    }
    event.preventDefault();
    event.returnValue = "";
  });

  window.addEventListener("pageshow", function (event) {
    // Back to this page from the browser's cache after a save was started: editing goes on.
    if (event.persisted) {
      submitting = false;
    }
  });
})();
