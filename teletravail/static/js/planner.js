/*
 * The planner grid (planner/team.html) while it is edited. live-check.js posts the grid to its check endpoint and
 * lists the violations in the aria-live region #planner-violations; this script flags them, in text and colour, on
 * the cells and headers they concern, and colours a cell by its new value. While a cell differs from the saved grid,
 * leaving the page asks first: the browser's own prompt when the tab is closed or reloaded, and a question in words
 * (data-unsaved-message) for the page's links and its other forms.
 */
(function () {
  "use strict";

  var FLAGGED = "planner-flagged";
  var FLAG = "planner-flag";

  function setup(form) {
    var flagLabel = form.dataset.flagLabel;

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
      var cell = event.target.matches("select") && event.target.closest("td");
      if (cell) {
        cell.className = cell.className.replace(/planner-cell--\w+/, "").trim() + " planner-cell--" + event.target.value;
        // A day at a telework place is a telework day: on another choice, its place no longer applies.
        var place = cell.querySelector(".planner-place");
        if (place) {
          place.hidden = event.target.value !== "remote";
        }
      }
    });
    form.addEventListener("live-check:answer", function (event) {
      clearFlags();
      event.detail.violations.forEach(function (violation) {
        violation.targets.forEach(flag);
      });
    });
  }

  document.querySelectorAll("form[data-planner-grid]").forEach(setup);
})();
