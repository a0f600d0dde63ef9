// The dashboard: wires the filters, map, timeline, list and detail panel to the API.  Everything
// a view shows is in the URL (filters, sort, page, selected event), so a view can be shared.
import { dashboardParams, el, getJSON, param, updateURL } from "./api.js";
import { renderDetail, renderError } from "./detail.js";
import { Filters } from "./filters.js";
import { renderList, renderPager } from "./list.js";
import { EventMap, legend } from "./map.js";
import { autoInterval, Timeline } from "./timeline.js";

const PAGE = 50;
const $ = (id) => document.getElementById(id);
const body = document.body;
let controller = null;
let shownSearch = location.search; // the query string the page shows
let generation = 0; // the latest refresh; an older one that finishes late changes nothing
let lastFilters = null;
let lastTimeline = null;
let lastList = null; // the list rows drawn (ids and review badges), redrawn only when they change
let following = null; // {key, after}: the next page continues after the last event shown

const meta = await getJSON("/api/meta");
const filters = new Filters($("filters"), meta);
const map = new EventMap($("map"), { tiles: meta.tiles, onMove: moved,
  onSelect: (id) => select(id, { pan: false }) });
const timeline = new Timeline($("timeline"), $("timeline-readout"), { onBrush: brushed });
legend($("legend"));
$("sort").value = param("sort") || "-date";
$("interval").value = param("interval") || "";
$("metric").value = param("metric") || "count";
const bbox = param("bbox");
if (bbox) {
  const [w, s, e, n] = bbox.split(",").map(Number);
  map.map.fitBounds([[s, w], [n, e]]);
}

/** Load what the URL asks for; ``map: false`` keeps the markers (only the view moved). */
async function refresh({ map: withMap = true } = {}) {
  if (controller) controller.abort();
  controller = new AbortController();
  const mine = ++generation;
  const { signal } = controller;
  shownSearch = location.search;
  body.dataset.state = "loading";
  const f = dashboardParams();
  filters.write(f);
  confidenceNote(f.get("min_confidence"));
  timeline.setRange(f.get("since"), f.get("until"));
  for (const fmt of ["csv", "jsonl", "geojson"]) {
    $(`export-${fmt}`).href = `/api/export?format=${fmt}${f.toString() ? "&" + f : ""}`;
  }
  const view = new URLSearchParams(f);
  view.set("limit", PAGE);
  view.set("offset", param("offset") || "0");
  view.set("sort", param("sort") || "-date");
  view.set("interval", param("interval") || autoInterval(meta.dates.first, meta.dates.last));
  // Keyset paging: the page after the one shown starts after its last event (an index seek)
  // instead of skipping ``offset`` rows; the URL keeps the offset, so the view can be shared.
  const pageKey = (offset) => `${f}|${view.get("sort")}|${offset}`;
  if (following && following.key === pageKey(view.get("offset"))) view.set("after", following.after);
  // The timeline covers every date (the brush shows the chosen range), so it changes only with
  // the other filters, the interval or the metric.
  const timelineKey = [...f].filter(([k]) => k !== "since" && k !== "until").join("&") +
    view.get("interval") + param("metric");
  const filtersChanged = f.toString() !== lastFilters;
  try {
    const t0 = performance.now();
    const data = await getJSON("/api/dashboard", view, signal);
    const t1 = performance.now();
    showList(data);
    following = data.next ? { key: pageKey(data.offset + PAGE), after: data.next } : null;
    const placed = withMap && filtersChanged ? map.show(data.map) : null;
    if (timelineKey !== lastTimeline) timeline.show(data.timeline, param("metric"));
    await placed;
    if (mine !== generation) return;
    // How long the last refresh took, for the benchmark (bench/dashboard_filter.py --browser).
    body.dataset.timing = JSON.stringify({ fetch: t1 - t0, draw: performance.now() - t1 });
    lastFilters = f.toString();
    lastTimeline = timelineKey;
    body.dataset.state = "ready";
  } catch (err) {
    if (err.name === "AbortError") return;
    $("summary").textContent = `Could not load events — ${err.message}`;
    body.dataset.state = "error";
  }
}

/** Say beside the count when low-confidence events are hidden, with a button to show them
 * all (or to hide them again). */
let noted; // the minimum confidence the note was written for
function confidenceNote(min) {
  if (min === noted) return;
  noted = min;
  const showAll = () => { updateURL({ min_confidence: "0", offset: null }); refresh(); };
  const hide = () => { updateURL({ min_confidence: null, offset: null }); refresh(); };
  $("confidence-note").replaceChildren(...(min
    ? [`· confidence ≥ ${Number(min).toFixed(2)} `,
      el("button", { type: "button", id: "show-all-confidence", class: "link", onclick: showAll },
        "Show all")]
    : ["· all confidence levels ",
      el("button", { type: "button", id: "hide-low-confidence", class: "link", onclick: hide },
        "Hide below 0.50")]));
}

function showList(data) {
  const n = data.total;
  $("summary").textContent = `${n} event${n === 1 ? "" : "s"} match${n === 1 ? "es" : ""}`;
  const drawn = JSON.stringify([param("event"), data.events]);
  if (drawn !== lastList) renderList($("event-list"), data, { selected: param("event"), onSelect: select });
  lastList = drawn;
  renderPager($("page-info"), $("prev"), $("next"), data);
}

/** Open an event's details (and remember it in the URL). */
async function select(id, { push = true, pan = true } = {}) {
  if (push) updateURL({ event: id });
  for (const row of document.querySelectorAll(".event-row")) {
    row.toggleAttribute("aria-current", row.dataset.eventId === id);
  }
  $("detail").hidden = false;
  body.classList.add("detail-open");
  map.invalidate();
  map.select(id, { pan });
  try {
    renderDetail($("detail-body"), await getJSON(`/api/events/${encodeURIComponent(id)}`));
  } catch (err) {
    renderError($("detail-body"), err.message);
  }
  $("detail-title").focus();
}

function closeDetail() {
  const id = param("event");
  updateURL({ event: null });
  $("detail").hidden = true;
  body.classList.remove("detail-open");
  map.select(null);
  map.invalidate();
  const row = id && document.querySelector(`.event-row[data-event-id="${CSS.escape(id)}"]`);
  (row || $("event-list")).focus();
}

function applyFilters() {
  const values = filters.read();
  updateURL({ ...values, bbox: $("filters").elements.in_view.checked ? map.bbox() : null, offset: null });
  refresh();
}

function brushed(since, until) {
  updateURL({ since, until, offset: null });
  refresh();
}

function moved(bbox) {
  if (!$("filters").elements.in_view.checked) return;
  updateURL({ bbox, offset: null }, { push: false });
  refresh({ map: false });
}

// Wiring: instant for selects and boxes, debounced while typing.
const form = $("filters");
let typing = null;
form.addEventListener("submit", (ev) => { ev.preventDefault(); applyFilters(); });
form.addEventListener("change", (ev) => {
  if (ev.target.name === "type") filters.fillSubTypes();
  applyFilters();
});
form.addEventListener("input", (ev) => {
  if (ev.target.name === "min_confidence") $("conf-out").value = Number(ev.target.value).toFixed(2);
  if (!["q", "actor", "place"].includes(ev.target.name)) return;
  clearTimeout(typing);
  typing = setTimeout(applyFilters, 350);
});
$("reset").addEventListener("click", () => {
  history.pushState(null, "", location.pathname);
  refresh();
});
$("clear-dates").addEventListener("click", () => brushed(null, null));
$("sort").addEventListener("change", (ev) => { updateURL({ sort: ev.target.value, offset: null }); refresh(); });
$("interval").addEventListener("change", (ev) => { updateURL({ interval: ev.target.value }); refresh({ map: false }); });
$("metric").addEventListener("change", (ev) => { updateURL({ metric: ev.target.value }); refresh({ map: false }); });
const turn = (delta) => {
  updateURL({ offset: Math.max(0, Number(param("offset") || 0) + delta) || null });
  refresh({ map: false }).then(() => $("event-list").focus());
};
$("prev").addEventListener("click", () => turn(-PAGE));
$("next").addEventListener("click", () => turn(PAGE));
$("detail-close").addEventListener("click", closeDetail);
document.addEventListener("keydown", (ev) => {
  if (ev.key !== "Escape") return;
  if (!$("detail").hidden) closeDetail();
  else if ($("sidebar").classList.contains("open")) showFilters(false);
});
function showFilters(open) {
  $("sidebar").classList.toggle("open", open);
  $("filters-toggle").setAttribute("aria-expanded", String(open));
  (open ? $("filters").elements.q : $("filters-toggle")).focus();
}
$("filters-toggle").addEventListener("click", () => showFilters(!$("sidebar").classList.contains("open")));
$("filters-close").addEventListener("click", () => showFilters(false));
window.addEventListener("popstate", () => {
  if (location.search === shownSearch) return; // only the #fragment moved (the skip link)
  $("sort").value = param("sort") || "-date";
  refresh();
  const id = param("event");
  if (id) select(id, { push: false, pan: false });
  else if (!$("detail").hidden) { $("detail").hidden = true; body.classList.remove("detail-open"); }
});

// Datalists for the actor and place boxes (not needed for the first view, so loaded after it).
refresh().then(async () => {
  if (param("event")) select(param("event"), { push: false, pan: false });
  const [actors, places] = await Promise.all([getJSON("/api/actors", new URLSearchParams({ limit: 500 })),
    getJSON("/api/places", new URLSearchParams({ limit: 500 }))]);
  $("actor-names").replaceChildren(...actors.actors.map((a) => new Option(a.canonical)));
  $("place-names").replaceChildren(...places.places.map((p) => new Option(p.location)));
});
