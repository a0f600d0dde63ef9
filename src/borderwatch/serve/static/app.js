// Dashboard v1: a filterable table of events over /api/events.  Filters live in the URL so a
// view can be shared.
const form = document.getElementById("filters");
const body = document.querySelector("#events tbody");
const summary = document.getElementById("summary");

function cell(text, cls) {
  const td = document.createElement("td");
  td.textContent = text ?? "";
  if (cls) td.className = cls;
  return td;
}

async function load() {
  const params = new URLSearchParams(location.search);
  for (const [k, v] of params) if (form.elements[k]) form.elements[k].value = v;
  params.set("limit", "500");
  const response = await fetch("/api/events?" + params.toString());
  if (!response.ok) { summary.textContent = "Error: " + (await response.text()); return; }
  const data = await response.json();
  summary.textContent = `${data.total} events`;
  body.replaceChildren(...data.events.map((e) => {
    const tr = document.createElement("tr");
    tr.dataset.eventId = e.event_id;
    tr.append(cell(e.event_date), cell(e.event_type), cell(e.sub_event_type), cell(e.actor1),
      cell(e.actor2), cell(e.location), cell(e.fatalities), cell(e.sources.length),
      cell(e.sources[0] ? e.sources[0].sentence : "", "evidence"));
    return tr;
  }));
}

form.addEventListener("submit", (ev) => {
  ev.preventDefault();
  const params = new URLSearchParams();
  for (const el of form.elements) if (el.name && el.value) params.set(el.name, el.value);
  history.pushState(null, "", "?" + params.toString());
  load();
});
window.addEventListener("popstate", load);
load();
