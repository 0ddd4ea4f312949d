/*
 * Live check of the planner grid (planner/team.html). When a cell's select changes, the whole grid is posted to
 * the check endpoint (data-check-url, CSRF token from the form); the answer's violations are listed in the
 * aria-live region #planner-violations and flagged, in text and colour, on the cells and headers they concern.
 * Nothing is saved here: the « Vérifier et enregistrer » button does that, with or without this script. While a
 * cell differs from the saved grid, leaving the page asks first: the browser's own prompt when the tab is closed or
 * reloaded, and a question in words (data-unsaved-message) for the page's links and its other forms.
 */
(function () {
  "use strict";

  var FLAGGED = "planner-flagged";
  var FLAG = "planner-flag";

  function setup(form) {
    var region = document.getElementById("planner-violations");
    if (!region || !form.dataset.checkUrl) {
      return;
    }
    var flagLabel = form.dataset.flagLabel;
    var controller = null;

    function clearFlags() {
      form.querySelectorAll("." + FLAG).forEach(function (flag) {
        flag.remove();
      });
      form.querySelectorAll("." + FLAGGED).forEach(function (element) {
        element.classList.remove(FLAGGED);
      });
    }

    function flag(id) {
      var element = document.getElementById(id);
      if (!element || element.classList.contains(FLAGGED)) {
        return;
      }
      element.classList.add(FLAGGED);
      var marker = document.createElement("span");
      marker.className = FLAG;
      marker.textContent = flagLabel;
      // A week's flag goes in its caption, a cell's or header's at its end.
      var holder = element.tagName === "TABLE" ? element.querySelector("caption") : element;
      holder.appendChild(document.createTextNode(" "));
      holder.appendChild(marker);
    }

    function show(summary, messages) {
      var alert = document.createElement("div");
      alert.className = "fr-alert fr-alert--sm " + (messages.length ? "fr-alert--warning" : "fr-alert--success");
      var paragraph = document.createElement("p");
      paragraph.className = "planner-violations__summary";
      paragraph.textContent = summary;
      var list = document.createElement("ul");
      list.className = "planner-violations__list";
      messages.forEach(function (message) {
        var item = document.createElement("li");
        item.textContent = message;
        list.appendChild(item);
      });
      alert.appendChild(paragraph);
      alert.appendChild(list);
      region.replaceChildren(alert);
    }

    function check() {
      if (controller) {
        controller.abort();
      }
      controller = new AbortController();
      var body = new FormData(form);
      fetch(form.dataset.checkUrl, {
        method: "POST",
        body: body,
        headers: { "X-CSRFToken": body.get("csrfmiddlewaretoken"), Accept: "application/json" },
        credentials: "same-origin",
        signal: controller.signal,
      })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(String(response.status));
          }
          return response.json();
        })
        .then(function (answer) {
          clearFlags();
          answer.violations.forEach(function (violation) {
            violation.targets.forEach(flag);
          });
          show(
            answer.summary,
            answer.violations.map(function (violation) {
              return violation.message;
            })
          );
        })
        .catch(function (error) {
          if (error.name !== "AbortError") {
            show(form.dataset.errorMessage, []);
          }
        });
    }

    function unsaved() {
      return Array.prototype.some.call(form.querySelectorAll("select"), function (select) {
        return Array.prototype.some.call(select.options, function (option) {
          return option.selected !== option.defaultSelected;
        });
      });
    }

    var leaving = false;

    function mayLeave(event) {
      if (leaving || !unsaved()) {
        return;
      }
      if (window.confirm(form.dataset.unsavedMessage)) {
        leaving = true; // asked already: no second, browser-worded prompt on the way out
      } else {
        event.preventDefault();
      }
    }

    window.addEventListener("beforeunload", function (event) {
      if (!leaving && unsaved()) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
    form.addEventListener("submit", function () {
      leaving = true;
    });
    document.addEventListener("click", function (event) {
      var link = event.target.closest("a[href]");
      // Downloads, new tabs and anchors within the page leave nothing behind.
      if (link && !link.hasAttribute("download") && link.target !== "_blank" && link.getAttribute("href")[0] !== "#") {
        mayLeave(event);
      }
    });
    document.addEventListener(
      "submit",
      function (event) {
        if (event.target !== form) {
          mayLeave(event);
        }
      },
      true
    );

    form.addEventListener("change", function (event) {
      if (event.target.matches("select")) {
        var cell = event.target.closest("td");
        if (cell) {
          cell.className = cell.className.replace(/planner-cell--\w+/, "").trim() + " planner-cell--" + event.target.value;
        }
        check();
      }
    });
  }

  document.querySelectorAll("form[data-planner-grid]").forEach(setup);
})();
