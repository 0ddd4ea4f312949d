/*
 * Live check of a form while it is being filled in (the charter stepper, the planner grid). The form names its
 * aria-live region (data-live-check="ID") and its check endpoint (data-check-url); after a pause in the typing the
 * whole form is posted there with its CSRF token, and the answer's HTML (`html`) replaces the region's content. When
 * the check cannot be made, the region says so in the page's language (data-error-message). Nothing is saved here:
 * the form's own button does that, with or without this script.
 * A page that shows more of the answer listens to the `live-check:answer` event of the form (the answer in `detail`).
 */
const DELAY_MS = 300;
// The values typed cannot be read: the answer still lists them.
const UNREADABLE = 422;

function setup(form) {
  const region = document.getElementById(form.dataset.liveCheck);
  if (!region || !form.dataset.checkUrl) {
    return;
  }
  let controller = null;
  let timer = null;

  function showFailure() {
    const alert = document.createElement("div");
    alert.className = "fr-alert fr-alert--warning fr-alert--sm";
    const paragraph = document.createElement("p");
    paragraph.textContent = form.dataset.errorMessage;
    alert.appendChild(paragraph);
    region.replaceChildren(alert);
  }

  async function check() {
    if (controller) {
      controller.abort();
    }
    controller = new AbortController();
    const body = new FormData(form);
    try {
      const response = await fetch(form.dataset.checkUrl, {
        method: "POST",
        body: body,
        headers: { "X-CSRFToken": body.get("csrfmiddlewaretoken"), Accept: "application/json" },
        credentials: "same-origin",
        signal: controller.signal,
      });
      if (!response.ok && response.status !== UNREADABLE) {
        throw new Error(String(response.status));
      }
      const answer = await response.json();
      region.innerHTML = answer.html;
      form.dispatchEvent(new CustomEvent("live-check:answer", { detail: answer }));
    } catch (error) {
      if (error.name !== "AbortError") {
        showFailure();
      }
    }
  }

  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(check, DELAY_MS);
  }

  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
}

document.querySelectorAll("form[data-live-check]").forEach(setup);
