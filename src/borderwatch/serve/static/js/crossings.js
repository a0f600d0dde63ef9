// The Crossings page: the board at a date (GET /api/crossings?at=), the crossings on a map
// coloured by status, and one crossing's status timeline with the evidence of each claim
// (GET /api/crossings/{id}).
import { el, getJSON } from "./api.js";

const STATUS_COLOURS = { open: "#1b7f3b", restricted: "#a86400", closed: "#b3261e",
  disputed: "#7b3fa0", unknown: "#6b7278" };
const START = [[33.6, 35.7], [34.8, 36.8]]; // the border's crossings

const state = { at: null, rows: [], selected: null, markers: new Map() };
const map = L.map("crossing-map", { zoomSnap: 0.25, minZoom: 6, maxZoom: 14, attributionControl: false });
map.fitBounds(START);
map.createPane("outlines").style.zIndex = 350; // under the crossings' markers (overlay: 400)

function badge(status) {
  return el("span", { class: `badge ${status}`, "data-status": status }, status);
}

async function outlines() {
  const data = await (await fetch("/static/geo/levant.geojson")).json();
  L.geoJSON(data, { pane: "outlines", interactive: false, style: (f) => (f.properties.kind === "border"
    ? { color: "#b3261e", weight: 3, dashArray: "8 5" }
    : { color: "#8a8a8a", weight: 1, fillColor: "#fbf8f1", fillOpacity: 1 }) }).addTo(map);
}

function legend() {
  const list = document.querySelector(".status-legend");
  list.replaceChildren(...Object.keys(STATUS_COLOURS).map((s) => el("li", {}, badge(s))));
}

function drawMap(rows) {
  for (const marker of state.markers.values()) marker.remove();
  state.markers.clear();
  for (const row of rows) {
    if (row.latitude === null || row.longitude === null) continue;
    const marker = L.circleMarker([row.latitude, row.longitude], {
      radius: row.kind === "official" ? 9 : 6, weight: 2, color: "#fff",
      fillColor: STATUS_COLOURS[row.status], fillOpacity: 0.95,
      className: `crossing-marker status-${row.status}`,
    }).addTo(map);
    marker.bindTooltip(`${row.name}: ${row.status}${row.since ? ` since ${row.since}` : ""}`);
    marker.on("click", () => select(row.id));
    state.markers.set(row.id, marker);
  }
}

function drawTable(rows) {
  const body = document.querySelector("#board tbody");
  body.replaceChildren(...rows.map((row) => {
    const why = [row.restriction, row.reason, row.damaged ? "damaged" : null].filter(Boolean);
    const pressure = row.pressure ? ` (${row.pressure} seizures/arrests)` : "";
    return el("tr", { "data-id": row.id, class: row.id === state.selected ? "selected" : null },
      el("td", {}, el("button", { class: "link", type: "button", onclick: () => select(row.id) },
        row.name), " ", el("span", { class: "kind" }, row.kind)),
      el("td", {}, badge(row.status)),
      el("td", {}, row.since || "—"),
      el("td", {}, why.join(", ") || "—"),
      el("td", {}, `${row.events.length}${pressure}`));
  }));
}

async function load() {
  const status = document.getElementById("board-status");
  try {
    const data = await getJSON("/api/crossings", new URLSearchParams({ at: state.at }));
    state.rows = data.crossings;
    drawTable(state.rows);
    drawMap(state.rows);
    const known = state.rows.filter((r) => r.status !== "unknown").length;
    status.textContent = `${state.rows.length} crossings on ${data.at}; ${known} with a reported status.`;
    if (state.selected) await select(state.selected);
  } catch (error) {
    status.textContent = `Could not load the board: ${error.message}`;
  }
}

function showEvidence(claim, button) {
  for (const other of document.querySelectorAll("#claim-timeline button")) other.setAttribute("aria-pressed", "false");
  button.setAttribute("aria-pressed", "true");
  const box = document.getElementById("evidence");
  const source = [claim.outlet || claim.doc, claim.published].filter(Boolean).join(", ");
  box.replaceChildren(
    el("blockquote", {}, claim.sentence),
    el("p", { class: "muted" }, `${claim.status}${claim.restriction ? ` (${claim.restriction})` : ""}` +
      ` from ${claim.window.start}${claim.dated_by === "published" ? " (publication date)" : ""}` +
      ` — ${source}${claim.attribution ? `, citing ${claim.attribution}` : ""}`));
  box.hidden = false;
}

async function select(id) {
  state.selected = id;
  drawTable(state.rows);
  const detail = await getJSON(`/api/crossings/${encodeURIComponent(id)}`, new URLSearchParams({ at: state.at }));
  document.getElementById("detail").hidden = false;
  document.getElementById("detail-title").replaceChildren(`${detail.name} `, badge(detail.status));
  const posts = [detail.lebanese_post, detail.syrian_post].filter(Boolean).join(" / ");
  document.getElementById("detail-facts").textContent =
    `${detail.kind}${posts ? ` — ${posts}` : ""}${detail.point ? ` — point: ${detail.point}` : ""}`;
  const claims = [...detail.claims].reverse(); // oldest first, left to right
  document.getElementById("claim-timeline").replaceChildren(...(claims.length ? claims.map((claim) => {
    const button = el("button", { type: "button", "aria-pressed": "false",
      title: claim.sentence, onclick: (e) => showEvidence(claim, e.currentTarget),
      onmouseenter: (e) => showEvidence(claim, e.currentTarget) },
    el("span", {}, claim.window.start), badge(claim.status));
    return el("li", {}, button);
  }) : [el("li", { class: "muted" }, "No report has claimed a status for this crossing.")]));
  document.getElementById("evidence").hidden = true;
  const events = detail.events.slice(0, 20);
  document.getElementById("detail-events").replaceChildren(...(events.length ? events.map((e) =>
    el("li", {}, `${e.date || "undated"} — ${e.sub_event_type}, ${e.location || "unknown place"} `,
      el("span", { class: "muted" }, `(${e.linked_by}${e.km !== null ? `, ${e.km} km` : ""})`), " ",
      el("a", { href: `/?event=${encodeURIComponent(e.event_id)}` }, e.event_id)))
    : [el("li", { class: "muted" }, "No events around this crossing.")]));
}

function start() {
  const params = new URLSearchParams(location.search);
  state.at = params.get("at") || new Date().toISOString().slice(0, 10);
  state.selected = params.get("crossing");
  const input = document.getElementById("at");
  input.value = state.at;
  document.getElementById("board-date").addEventListener("submit", (event) => {
    event.preventDefault();
    state.at = input.value;
    const url = new URL(location.href);
    url.searchParams.set("at", state.at);
    history.replaceState(null, "", url);
    load();
  });
  legend();
  outlines();
  load();
}

start();
