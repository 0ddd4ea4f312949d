/*
 * Commune autocomplete: ARIA 1.2 combobox with a listbox popup (WAI-ARIA Authoring Practices pattern).
 * Markup comes from the Django widget (geo/widgets/commune_autocomplete.html); everything this script needs
 * (search URL, French messages) is read from data- attributes, nothing is hard-coded here.
 * Keyboard: ArrowDown/ArrowUp move in the list, Enter chooses (never submits while the list is open),
 * Escape closes, Tab leaves.
 */
(function () {
  "use strict";

  var DEBOUNCE_MS = 150;

  function setup(root) {
    if (root.dataset.communeAutocompleteReady) {
      return;
    }
    root.dataset.communeAutocompleteReady = "true";

    var input = root.querySelector('[role="combobox"]');
    var codeInput = root.querySelector("[data-commune-code]");
    var listbox = root.querySelector('[role="listbox"]');
    var status = root.querySelector('[role="status"]');
    if (!input || !codeInput || !listbox || !status) {
      return;
    }
    var searchUrl = root.dataset.searchUrl;
    var minLength = parseInt(root.dataset.minLength, 10) || 2;
    var messages = {
      none: root.dataset.messageNone,
      one: root.dataset.messageOne,
      many: root.dataset.messageMany,
      error: root.dataset.messageError,
    };

    var results = [];
    var active = -1;
    var timer = null;
    var controller = null;
    // When the form is re-displayed with a commune, the text box shows its label: editing it drops the code.
    var chosenLabel = codeInput.value ? input.value : null;

    function isOpen() {
      return !listbox.hidden;
    }

    function open() {
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function announce(text) {
      // Emptied first so that the same message read twice in a row is announced again.
      status.textContent = "";
      window.setTimeout(function () {
        status.textContent = text;
      }, 50);
    }

    function countMessage(count) {
      if (count === 0) {
        return messages.none;
      }
      if (count === 1) {
        return messages.one;
      }
      return messages.many.replace("{count}", String(count));
    }

    function optionId(index) {
      return listbox.id + "-option-" + index;
    }

    function render() {
      listbox.replaceChildren();
      results.forEach(function (result, index) {
        var option = document.createElement("li");
        option.id = optionId(index);
        option.className = "commune-autocomplete__option";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.index = String(index);
        option.appendChild(document.createTextNode(result.label));
        // The server words the detail: « code postal 69003 » or « code INSEE 69003 », so that a code that is
        // both tells which commune is which.
        if (result.detail) {
          var detail = document.createElement("span");
          detail.className = "commune-autocomplete__detail";
          detail.textContent = result.detail;
          option.appendChild(detail);
        }
        listbox.appendChild(option);
      });
    }

    function setActive(index) {
      var previous = active >= 0 ? document.getElementById(optionId(active)) : null;
      if (previous) {
        previous.setAttribute("aria-selected", "false");
      }
      active = index;
      var current = document.getElementById(optionId(active));
      if (current) {
        current.setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", current.id);
        current.scrollIntoView({ block: "nearest" });
      }
    }

    function choose(index) {
      var result = results[index];
      if (!result) {
        return;
      }
      input.value = result.label;
      codeInput.value = result.code;
      chosenLabel = result.label;
      close();
      codeInput.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function search(query) {
      if (controller) {
        controller.abort();
      }
      controller = new AbortController();
      var url = searchUrl + (searchUrl.indexOf("?") === -1 ? "?" : "&") + "q=" + encodeURIComponent(query);
      fetch(url, { headers: { Accept: "application/json" }, signal: controller.signal })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(String(response.status));
          }
          return response.json();
        })
        .then(function (data) {
          // A late answer to an older query is ignored: the text box has moved on.
          if (input.value.trim() !== query) {
            return;
          }
          results = data.results || [];
          render();
          if (results.length && document.activeElement === input) {
            open();
          } else {
            close();
          }
          announce(countMessage(results.length));
        })
        .catch(function (error) {
          if (error.name === "AbortError") {
            return;
          }
          results = [];
          render();
          close();
          announce(messages.error);
        });
    }

    input.addEventListener("input", function () {
      if (input.value !== chosenLabel) {
        codeInput.value = "";
        chosenLabel = null;
      }
      window.clearTimeout(timer);
      var query = input.value.trim();
      if (query.length < minLength) {
        if (controller) {
          controller.abort();
        }
        results = [];
        render();
        close();
        return;
      }
      timer = window.setTimeout(function () {
        search(query);
      }, DEBOUNCE_MS);
    });

    input.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey) {
        return;
      }
      switch (event.key) {
        case "ArrowDown":
          if (!results.length) {
            return;
          }
          event.preventDefault();
          open();
          setActive(active + 1 < results.length ? active + 1 : 0);
          break;
        case "ArrowUp":
          if (!results.length) {
            return;
          }
          event.preventDefault();
          open();
          setActive(active > 0 ? active - 1 : results.length - 1);
          break;
        case "Enter":
          if (isOpen()) {
            // Choosing a commune must not submit the form.
            event.preventDefault();
            choose(active >= 0 ? active : 0);
          }
          break;
        case "Escape":
          if (isOpen()) {
            event.preventDefault();
            close();
          }
          break;
        case "Tab":
          close();
          break;
        default:
          break;
      }
    });

    // mousedown would move the focus out of the text box before the click chooses.
    listbox.addEventListener("mousedown", function (event) {
      event.preventDefault();
    });
    listbox.addEventListener("click", function (event) {
      var option = event.target.closest('[role="option"]');
      if (option) {
        choose(parseInt(option.dataset.index, 10));
        input.focus();
      }
    });
    input.addEventListener("blur", function () {
      close();
    });
  }

  function setupAll() {
    document.querySelectorAll("[data-commune-autocomplete]").forEach(setup);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setupAll);
  } else {
    setupAll();
  }
})();
