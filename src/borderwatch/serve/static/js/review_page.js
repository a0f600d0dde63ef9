// The Review page: the queue of events to review, lowest confidence first, worked from the
// keyboard (j/k move, c confirm, x reject, Enter opens the event on the dashboard to edit).
import { el, getJSON } from "./api.js";
import { postReview, savedToken } from "./review.js";

const $ = (id) => document.getElementById(id);
let rows = [];
let current = 0;

function select(n) {
  current = Math.max(0, Math.min(n, rows.length - 1));
  rows.forEach((r, i) => r.setAttribute("aria-selected", String(i === current)));
  if (rows[current]) rows[current].scrollIntoView({ block: "nearest" });
}

async function load() {
  const form = new FormData($("queue-form"));
  const params = new URLSearchParams({ status: form.get("status") });
  if (form.get("max_confidence")) params.set("max_confidence", form.get("max_confidence"));
  const data = await getJSON("/api/review/queue", params);
  rows = data.events.map((e) => el("tr", { "data-event-id": e.event_id },
    el("td", {}, el("a", { href: `/?event=${encodeURIComponent(e.event_id)}&min_confidence=0` }, e.event_id)),
    el("td", {}, String((e.machine && e.machine.confidence) ?? e.confidence)),
    el("td", {}, `${e.event_type} / ${e.sub_event_type}`), el("td", {}, e.location || "—"),
    el("td", {}, (e.sources[0] && e.sources[0].sentence) || "")));
  $("queue").replaceChildren(...(rows.length ? rows : [el("tr", {}, el("td", { colspan: "5" }, "Nothing to review."))]));
  select(0);
  document.body.dataset.state = "ready";
}

async function act(action) {
  const row = rows[current];
  if (!row) return;
  const id = row.dataset.eventId;
  const done = await postReview(id, { action, note: $("review-note").value || null }, $("review-token").value);
  if (done.ok) await load();  // the queue first, then the word that it is done
  $("review-result").textContent = done.ok ? `${id}: ${done.body.review.status}`
    : `${id}: ${done.status} ${done.body.detail || "refused"}`;
}

$("review-token").value = savedToken();
$("queue-form").addEventListener("submit", (ev) => { ev.preventDefault(); load(); });
document.addEventListener("keydown", (ev) => {
  if (ev.target.closest("input, select, textarea")) return;
  if (ev.key === "j") select(current + 1);
  else if (ev.key === "k") select(current - 1);
  else if (ev.key === "c") act("confirm");
  else if (ev.key === "x") act("reject");
  else if (ev.key === "Enter" && rows[current]) rows[current].querySelector("a").click();
});
load();
