// The alerts page: saved searches with their recent alerts (GET /api/alerts, /api/alerts/NAME),
// and "save this search" for the filters the dashboard passed in the URL (POST /api/alerts).
import { el, filterParams, getJSON } from "./api.js";

// Dashboard filters -> saved-search fields (the others have no saved-search equivalent).
const FIELDS = { q: "text", type: "event_type", sub_type: "sub_event_type", tag: "tag",
  actor: "actor", place: "place", country: "country", min_sources: "min_sources", bbox: "bbox" };

function searchFromURL() {
  const params = filterParams();
  const body = {};
  const ignored = [];
  for (const [key, value] of params) {
    const field = FIELDS[key];
    if (!field) { ignored.push(key); continue; }
    if (field in body) { ignored.push(`${key}=${value}`); continue; }  // a saved search keeps one tag
    if (field === "min_sources") body[field] = Number(value);
    else if (field === "bbox") body[field] = value.split(",").map(Number);
    else body[field] = value;
  }
  return { body, ignored };
}

function describe(filters) {
  const parts = Object.entries(filters).map(([k, v]) => `${k.replaceAll("_", " ")}: ${v}`);
  return parts.length ? parts.join(" · ") : "every event";
}

async function send(method, path, token, body) {
  const response = await fetch(path, {
    method,
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: body ? JSON.stringify(body) : undefined,
  });
  const answer = response.status === 204 ? {} : await response.json();
  if (!response.ok) throw new Error(`${response.status}: ${answer.detail || response.statusText}`);
  return answer;
}

function alertsTable(alerts) {
  if (!alerts.length) return el("p", { class: "muted" }, "No alerts yet.");
  return el("table", { class: "table" },
    el("thead", {}, el("tr", {}, ["When", "Change", "Event", "Location", "Killed", "Delivered"]
      .map((h) => el("th", {}, h)))),
    el("tbody", {}, alerts.map((a) => el("tr", {},
      el("td", {}, a.created_at.slice(0, 16).replace("T", " ")),
      el("td", {}, a.change),
      el("td", {}, el("a", { href: `/?event=${encodeURIComponent(a.event_id)}` },
        a.event.sub_event_type || a.event_id)),
      el("td", {}, a.event.location || "—"),
      el("td", {}, a.event.fatalities ?? ""),
      el("td", {}, a.delivered_at ? "yes" : a.last_error ? `retrying (${a.last_error})` : "")))));
}

async function showSearches() {
  const box = document.getElementById("searches");
  const { searches } = await getJSON("/api/alerts");
  if (!searches.length) {
    box.replaceChildren(el("p", { class: "muted" },
      "No saved search yet: filter events on the dashboard, then “Save this search”."));
    return;
  }
  const sections = await Promise.all(searches.map(async (s) => {
    const detail = await getJSON(`/api/alerts/${encodeURIComponent(s.name)}`);
    const atom = `/api/alerts/${encodeURIComponent(s.name)}.atom`;
    return el("article", { class: "search" },
      el("h3", {}, s.name),
      el("p", {}, describe(s.filters)),
      el("p", {}, s.webhook ? `Webhook: ${s.webhook} · ` : "", el("a", { href: atom }, "Atom feed")),
      alertsTable(detail.alerts));
  }));
  box.replaceChildren(...sections);
}

function setUpSave() {
  const { body, ignored } = searchFromURL();
  if (!new URLSearchParams(location.search).has("save")) return;
  document.getElementById("save").hidden = false;
  document.getElementById("save-filters").textContent = `Filters: ${describe(body)}` +
    (ignored.length ? ` (not kept by saved searches: ${ignored.join(", ")})` : "");
  const form = document.getElementById("save-form");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const f = form.elements;
    const result = document.getElementById("save-result");
    const made = { name: f.name.value.trim(), ...body };
    if (f.webhook.value.trim()) made.webhook = f.webhook.value.trim();
    try {
      const saved = await send("POST", "/api/alerts", f.token.value, made);
      result.textContent = saved.secret
        ? `Saved. Webhook secret (shown once, keep it to verify signatures): ${saved.secret}`
        : "Saved.";
      await showSearches();
    } catch (error) {
      result.textContent = `Not saved: ${error.message}`;
    }
  });
}

setUpSave();
showSearches().catch((error) => {
  document.getElementById("searches").replaceChildren(el("p", { class: "error" }, String(error)));
});
