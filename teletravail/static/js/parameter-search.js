// Filters the parameters page as the reader types; without script the form sends the search to the server (GET).
const form = document.getElementById("parameter-search");
const input = document.getElementById("parameter-query");
const count = document.getElementById("parameter-count");

// The same folding as the server's: lower case, no accents, punctuation as spaces.
function fold(text) {
  return text
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^0-9a-z]+/g, " ")
    .trim();
}

function filter() {
  const words = fold(input.value).split(" ").filter(Boolean);
  let shown = 0;
  for (const section of document.querySelectorAll(".parameter-group")) {
    let shownHere = 0;
    for (const row of section.querySelectorAll("tbody tr")) {
      const match = words.every((word) => row.dataset.search.includes(word));
      row.hidden = !match;
      shownHere += match ? 1 : 0;
    }
    section.hidden = shownHere === 0;
    shown += shownHere;
  }
  if (shown === 0) {
    count.textContent = count.dataset.none;
  } else if (shown === 1) {
    count.textContent = count.dataset.singular;
  } else {
    count.textContent = count.dataset.plural.replace("%(count)s", shown.toLocaleString(document.documentElement.lang));
  }
}

if (form && input && count) {
  input.addEventListener("input", filter);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    filter();
    const url = new URL(window.location.href);
    url.searchParams.set("q", input.value);
    window.history.replaceState(null, "", url);
  });
}
