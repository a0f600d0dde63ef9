// Shared helpers: the API client, the filter state kept in the URL, colours and formatting.

// Filters the API understands (and the URL keeps); "tag" may repeat.
export const FILTER_KEYS = ["q", "type", "sub_type", "tag", "actor", "place", "country", "scope",
  "since", "until", "min_confidence", "min_sources", "include_unconfirmed", "bbox"];
// Dashboard view state that also lives in the URL (not sent as filters).
export const VIEW_KEYS = ["sort", "offset", "event", "interval", "metric"];

// One colour per ACLED event type (colour-blind-safe palette).
export const TYPE_COLOURS = {
  "Battles": "#d55e00",
  "Explosions/Remote violence": "#e69f00",
  "Violence against civilians": "#8e44ad",
  "Protests": "#0072b2",
  "Riots": "#009e73",
  "Strategic developments": "#5f6b76",
};
export const colour = (type) => TYPE_COLOURS[type] || "#333";

// ACLED's actor types (inter codes), named as ACLED names them.
export const INTER = { 1: "State forces", 2: "Rebel group", 3: "Political militia",
  4: "Identity militia", 5: "Rioters", 6: "Protesters", 7: "Civilians", 8: "External/Other forces" };

/** An inter code with ACLED's name: "1 State forces" ("" without a code). */
export function interLabel(code) {
  if (code === null || code === undefined || code === "") return "";
  return INTER[code] ? `${code} ${INTER[code]}` : String(code);
}

/** ACLED's interaction code spelled out: "13 State forces–Political militia"; a one-sided
 * event's ("10") names its one actor type: "10 State forces only". */
export function interactionLabel(interaction, inter1, inter2) {
  if (interaction === null || interaction === undefined) return "";
  const sides = [inter1, inter2].filter(Boolean).sort().map((i) => INTER[i] || i);
  if (!sides.length) return String(interaction);
  return `${interaction} ${sides.length === 1 ? `${sides[0]} only` : sides.join("–")}`;
}

export class ApiError extends Error {}

/** GET a JSON document from the API; throws ApiError with the server's message. */
export async function getJSON(path, params, signal) {
  const query = params ? "?" + params.toString() : "";
  const response = await fetch(path + query, { signal, headers: { Accept: "application/json" } });
  if (!response.ok) {
    let message = response.statusText;
    try { message = (await response.json()).detail || message; } catch { /* not JSON */ }
    throw new ApiError(`${response.status}: ${message}`);
  }
  return response.json();
}

// The dashboard hides events below this confidence unless the URL says otherwise
// (min_confidence=0 shows all): on the dev sets, events under 0.5 are right less often than
// not (README, Calibration). Only the dashboard does this; the API and exports filter nothing
// unless asked.
export const DEFAULT_MIN_CONFIDENCE = "0.5";

/** The dashboard's filters: the URL's, with the default minimum confidence when it names none
 * (and none at all for min_confidence=0, "show all"). */
export function dashboardParams(search = location.search) {
  const out = filterParams(search);
  if (!out.has("min_confidence")) out.set("min_confidence", DEFAULT_MIN_CONFIDENCE);
  if (Number(out.get("min_confidence")) <= 0) out.delete("min_confidence");
  return out;
}

/** The filter part of the URL's query string. */
export function filterParams(search = location.search) {
  const all = new URLSearchParams(search);
  const out = new URLSearchParams();
  for (const [key, value] of all) if (FILTER_KEYS.includes(key) && value !== "") out.append(key, value);
  return out;
}

/** Replace some keys of the URL's query string (null or "" removes); push a history entry. */
export function updateURL(changes, { push = true } = {}) {
  const params = new URLSearchParams(location.search);
  for (const [key, value] of Object.entries(changes)) {
    params.delete(key);
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) if (v !== null && v !== undefined && v !== "") params.append(key, v);
  }
  const url = location.pathname + (params.toString() ? "?" + params.toString() : "");
  if (url !== location.pathname + location.search) {
    history[push ? "pushState" : "replaceState"](null, "", url);
  }
}

export const param = (key) => new URLSearchParams(location.search).get(key);

/** Create an element: el("a", {href: "/"}, "text", child). Text is never parsed as HTML. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "style") node.style.cssText = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/** The text with [start, end) wrapped in <mark>, as DOM nodes. */
export function highlighted(text, span) {
  if (!span || span[0] < 0 || span[1] > text.length || span[0] >= span[1]) return [text];
  return [text.slice(0, span[0]), el("mark", {}, text.slice(span[0], span[1])), text.slice(span[1])];
}

export function dateRange(start, end) {
  if (!start && !end) return "date unknown";
  return start === end || !start ? end : `${start} – ${end}`;
}

export const PRECISION = { time: { 1: "day", 2: "week", 3: "month", 4: "year or vaguer" },
  geo: { 1: "town", 2: "near / part of", 3: "region", 4: "country" } };

export function plural(n, word) { return `${n} ${word}${n === 1 ? "" : "s"}`; }
