// The page of a job (a planner solve, a document): asks the job's state every few seconds and shows it in place,
// then, when it has succeeded, opens the address the state gives (the plan, the document ready to download).
// Without JavaScript, the « Actualiser » link does the same.
const block = document.getElementById("job-progress");
const text = document.getElementById("job-progress-text");
const progress = document.getElementById("job-progress-bar");
const failure = document.getElementById("job-progress-failure");
const actions = document.getElementById("job-progress-actions");
const delay = 1000 * Number(block.dataset.pollSeconds || 1);

function show(state) {
  text.textContent = state.text;
  progress.value = state.progress;
  progress.textContent = `${state.progress} %`;
  if (state.active) return;
  progress.hidden = true;
  if (actions) actions.hidden = true;
  if (state.failure) {
    failure.querySelector("p").textContent = state.failure;
    failure.hidden = false;
  }
}

async function poll() {
  let state;
  try {
    const response = await fetch(block.dataset.statusUrl, { headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error(String(response.status));
    state = await response.json();
  } catch {
    window.setTimeout(poll, 2 * delay); // the server is busy or restarting: ask again later
    return;
  }
  show(state);
  if (state.status === "succeeded") {
    window.location.assign(state.url);
  } else if (state.active) {
    window.setTimeout(poll, delay);
  }
}

window.setTimeout(poll, delay);
