// The review block of the event panel: the analysts' verdict and corrections, and Confirm /
// Edit / Reject / Merge.  Editing a field shows the machine's value and the sentence it came from.
// Writes need the server's API token (kept for this tab only, in sessionStorage).
import { el } from "./api.js";

export const FIELDS = ["event_type", "sub_event_type", "actor1", "actor2", "assoc_actor_1",
  "assoc_actor_2", "event_date", "date_start", "date_end", "location", "latitude", "longitude",
  "geo_precision", "fatalities", "tags", "notes"];
// The evidence field (detail panel) each editable field was read from.
const EVIDENCE = { event_type: "trigger", sub_event_type: "trigger", event_date: "date",
  date_start: "date", date_end: "date", location: "place", latitude: "place", longitude: "place",
  geo_precision: "place", fatalities: "counts.killed" };

function machineValue(e, field) {
  if (e.machine && field in e.machine) return e.machine[field];
  if (field === "tags") return (e.tags || []).join(",");
  return e[field];
}

function sentenceOf(e, field) {
  const wanted = EVIDENCE[field] || field;
  for (const m of e.evidence || []) {
    if (m.fields.some((f) => f.field === wanted)) return m.sentence || m.fields[0].sentence;
  }
  return (e.sources && e.sources[0] && e.sources[0].sentence) || "";
}

export const savedToken = () => sessionStorage.getItem("borderwatch-token") || "";

/** POST one review action; resolves to {ok, status, body}. */
export async function postReview(id, action, token) {
  sessionStorage.setItem("borderwatch-token", token);
  const response = await fetch(`/api/events/${encodeURIComponent(id)}/review`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify(action),
  });
  let body = {};
  try { body = await response.json(); } catch { /* not JSON */ }
  return { ok: response.ok, status: response.status, body };
}

function summary(e) {
  const r = e.review || { status: "unreviewed", fields: {} };
  const who = r.by ? ` by ${r.by}${r.at ? " on " + r.at.replace("T", " ") : ""}` : "";
  const fields = Object.entries(r.fields || {}).map(([field, v]) => el("li", {},
    `${field}: ${JSON.stringify(v.value)} `,
    el("span", { class: "muted" }, `(machine: ${JSON.stringify(e.machine ? e.machine[field] : null)})`)));
  return [el("p", { id: "review-status", class: `review-${r.status}` }, `Review: ${r.status}${who}`,
    r.note ? ` — ${r.note}` : ""), fields.length ? el("ul", { class: "review-fields" }, fields) : null];
}

/** The review section for event ``e``; ``onDone(event)`` gets the event as it reads after. */
export function reviewPanel(e, onDone) {
  const revision = e.review ? e.review.revision : null;
  const token = el("input", { id: "review-token", type: "password", autocomplete: "off",
    value: savedToken(), "aria-label": "API token" });
  const note = el("input", { id: "review-note", maxlength: "2000", placeholder: "why (required to reject)" });
  const field = el("select", { id: "review-field", "aria-label": "Field to correct" },
    FIELDS.map((f) => el("option", { value: f }, f)));
  const machine = el("p", { id: "review-machine", class: "muted" });
  const sentence = el("blockquote", { id: "review-sentence", class: "evidence" });
  const value = el("input", { id: "review-value", maxlength: "2000", "aria-label": "Corrected value" });
  const result = el("p", { id: "review-result", role: "status" });
  const other = el("input", { id: "review-other", maxlength: "64", placeholder: "BW-…",
    "aria-label": "Id of the event to merge into this one" });
  const showMachine = () => {
    machine.textContent = `Machine's value: ${JSON.stringify(machineValue(e, field.value) ?? null)}`;
    sentence.textContent = sentenceOf(e, field.value);
  };
  field.addEventListener("change", showMachine);
  showMachine();
  const send = async (action) => {
    result.textContent = "Saving…";
    const done = await postReview(e.event_id, { ...action, note: note.value || null, revision }, token.value);
    if (done.ok) onDone(done.body);
    else result.textContent = `${done.status}: ${done.body.detail || "refused"}`;
  };
  return el("section", { class: "review", "aria-labelledby": "review-title" },
    el("h3", { id: "review-title" }, "Review"), ...summary(e),
    el("label", {}, "API token ", token), el("label", {}, "Note ", note),
    el("div", { class: "buttons" },
      el("button", { type: "button", id: "review-confirm", onclick: () => send({ action: "confirm" }) }, "Confirm"),
      el("button", { type: "button", id: "review-reject", onclick: () => send({ action: "reject" }) }, "Reject")),
    el("form", { id: "review-merge", onsubmit: (ev) => { ev.preventDefault();
      send({ action: "merge", other: other.value.trim() }); } },
      el("label", {}, "Merge event ", other, " into this one"),
      el("button", { type: "submit" }, "Merge")),
    el("form", { id: "review-edit", onsubmit: (ev) => { ev.preventDefault();
      send({ action: "edit", set: { [field.value]: value.value } }); } },
      el("label", {}, "Field ", field), machine, sentence, el("label", {}, "Correct value ", value),
      el("button", { type: "submit", id: "review-save" }, "Save correction")),
    result);
}
