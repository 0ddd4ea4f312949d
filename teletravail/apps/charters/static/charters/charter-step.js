/*
 * Live validation of a step of the charter form (charters/step.html). While the user types, the step's fields are
 * posted to the check endpoint (data-check-url, CSRF token from the form); the answer's HTML (the engine's errors
 * and warnings, with clause and legal basis) replaces the content of the aria-live region #charter-findings.
 * Nothing is saved here: « Suivant » does that, with or without this script.
 */
(function () {
  "use strict";

  var DELAY_MS = 400;

  function setup(form) {
    var region = document.getElementById("charter-findings");
    if (!region || !form.dataset.checkUrl) {
      return;
    }
    var controller = null;
    var timer = null;

    function showFailure() {
      var alert = document.createElement("div");
      alert.className = "fr-alert fr-alert--info fr-alert--sm";
      var paragraph = document.createElement("p");
      paragraph.textContent = form.dataset.errorMessage;
      alert.appendChild(paragraph);
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
          // 422: the values typed cannot be read; the answer still lists them.
          if (!response.ok && response.status !== 422) {
            throw new Error(String(response.status));
          }
          return response.json();
        })
        .then(function (answer) {
          region.innerHTML = answer.html;
        })
        .catch(function (error) {
          if (error.name !== "AbortError") {
            showFailure();
          }
        });
    }

    function schedule() {
      window.clearTimeout(timer);
      timer = window.setTimeout(check, DELAY_MS);
    }

    form.addEventListener("input", schedule);
    form.addEventListener("change", schedule);
  }

  document.querySelectorAll("form[data-charter-step]").forEach(setup);
})();
