// The event detail panel: every field with the sentence(s) it came from highlighted, every
// source with outlet, date and attribution, conflicting claims and revisions.
import { colour, dateRange, el, highlighted, interactionLabel, interLabel, PRECISION, plural } from "./api.js";
import { reviewPanel } from "./review.js";

const LABELS = { trigger: "Event type", actor1: "Actor 1", actor2: "Actor 2",
  assoc_actor_1: "Associated actor 1", assoc_actor_2: "Associated actor 2", place: "Location",
  date: "Date", attribution: "Attributed to" };
const label = (field) => LABELS[field] ||
  (field.startsWith("counts.") ? `Number ${field.slice(7).replace("_", " ")}` : field);

function value(event, field) {
  if (field === "trigger") return `${event.event_type} / ${event.sub_event_type}`;
  if (field === "place") return event.location;
  if (field === "date") return dateRange(event.date_start, event.date_end);
  if (field.startsWith("counts.")) return event.counts[field.slice(7)];
  return event[field];
}

function actorLink(event, field, inter) {
  const name = event[field];
  if (!name) return "—";
  const id = event.actor_ids && event.actor_ids[field];
  const link = id ? el("a", { href: `/actors/${encodeURIComponent(id)}` }, name) : name;
  return inter ? el("span", {}, link, el("span", { class: "inter" }, ` · ${interLabel(inter)}`)) : link;
}

function facts(e) {
  const rows = [
    ["Date", `${dateRange(e.date_start, e.date_end)} (precision: ${PRECISION.time[e.time_precision] || "?"})`],
    ["Location", e.location ? [e.location, e.admin2, e.admin1, e.country].filter(Boolean).join(", ") +
      ` (precision: ${PRECISION.geo[e.geo_precision] || "?"})` : "unknown"],
    ["Actor 1", actorLink(e, "actor1", e.inter1)], ["Actor 2", actorLink(e, "actor2", e.inter2)],
    e.interaction != null && ["Interaction", interactionLabel(e.interaction, e.inter1, e.inter2)],
    e.assoc_actor_1 && ["Associated with actor 1", actorLink(e, "assoc_actor_1")],
    e.assoc_actor_2 && ["Associated with actor 2", actorLink(e, "assoc_actor_2")],
    ["Fatalities", e.fatalities ?? "not reported"],
    Object.keys(e.counts).length && ["Counts", Object.entries(e.counts).map(([k, v]) => `${k.replace("_", " ")}: ${v}`).join(", ")],
    ["Confidence", e.confidence == null ? "—"
      : typeof e.confidence === "number" ? e.confidence.toFixed(2) : String(e.confidence)],
    e.source_scale && ["Source scale", e.source_scale],
    ["Modality", e.modality + (e.historical ? " (historical)" : "")],
    e.tags.length && ["Border tags", e.tags.join(", ")],
    e.plover_type && ["PLOVER", `${e.plover_type}${e.plover_mode ? " / " + e.plover_mode : ""}`],
    e.notes && ["Notes", e.notes],
  ].filter(Boolean);
  return el("dl", { class: "facts" }, rows.flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]));
}

function cite(m) {
  return el("cite", {}, [m.outlet || m.doc, m.published, m.attribution && `according to ${m.attribution}`]
    .filter(Boolean).join(" · "));
}

function evidenceByField(e) {
  const fields = new Map();
  for (const m of e.evidence) {
    for (const f of m.fields) {
      if (!fields.has(f.field)) fields.set(f.field, []);
      fields.get(f.field).push({ ...f, mention: m });
    }
  }
  const order = ["trigger", "date", "place", "actor1", "actor2", "assoc_actor_1", "assoc_actor_2"];
  const keys = [...fields.keys()].sort((a, b) =>
    (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99) || a.localeCompare(b));
  return el("div", { class: "fields" }, keys.map((field) => el("section", { class: "field" },
    el("h4", {}, label(field), ": ", el("span", { class: "value" },
      String((field === "attribution" ? fields.get(field)[0].mention.attribution : value(e, field)) ?? "—"))),
    fields.get(field).map((f) => el("blockquote", { class: "evidence" },
      el("p", {}, highlighted(f.sentence, f.highlight)), cite(f.mention))))));
}

function sources(e) {
  return el("ol", { class: "sources" }, e.sources.map((s) => el("li", {},
    el("div", { class: "source-head" }, el("strong", {}, s.outlet || "unknown outlet"), " · ",
      s.published || "date unknown", s.attribution ? ` · according to ${s.attribution}` : ""),
    el("p", {}, s.sentence),
    /^https?:\/\//.test(s.doc) ? el("a", { href: s.doc, rel: "noopener noreferrer" }, s.doc)
      : el("span", { class: "muted doc" }, s.doc))));
}

function conflicts(e) {
  const fields = Object.keys(e.conflicts);
  if (!fields.length) return el("p", { class: "muted" }, "The sources agree on every field they state.");
  return el("table", { class: "claims" },
    el("thead", {}, el("tr", {}, el("th", {}, "Field"), el("th", {}, "Value"), el("th", {}, "Source"))),
    el("tbody", {}, fields.flatMap((f) => e.conflicts[f].map((c) => el("tr", {},
      el("td", {}, label(f)), el("td", {}, JSON.stringify(c.value)),
      el("td", { title: c.sentence }, c.doc))))));
}

function revision(r) {
  const changes = Object.entries(r.changes || {}).map(([field, change]) =>
    Array.isArray(change) && change.length === 2
      ? `${label(field)}: ${JSON.stringify(change[0])} → ${JSON.stringify(change[1])}`
      : `${field}: ${JSON.stringify(change)}`);
  return el("li", {}, el("time", { datetime: r.at }, (r.at || "?").replace("T", " ").slice(0, 19)),
    " ", el("strong", {}, r.kind), r.outlet || r.doc ? ` after a report by ${r.outlet || r.doc}` : "",
    changes.length ? el("ul", {}, changes.map((c) => el("li", {}, c))) : null);
}

export function renderDetail(node, e) {
  node.replaceChildren(
    el("p", { class: "kicker" }, el("span", { class: "dot", style: `background:${colour(e.event_type)}` }),
      e.event_type),
    el("h2", { id: "detail-title", tabindex: "-1" }, `${e.sub_event_type} — ${e.location || "unknown place"}`),
    el("p", { class: "muted" }, `${e.event_id} · ${plural(e.n_sources, "source")} · ${plural(e.evidence.length, "report")}`),
    facts(e),
    reviewPanel(e, (after) => renderDetail(node, after)),
    el("h3", {}, "Evidence for each field"), evidenceByField(e),
    el("h3", {}, `Sources (${e.sources.length})`), sources(e),
    el("h3", {}, "Conflicting claims"), conflicts(e),
    el("h3", {}, "Revisions"),
    e.revisions.length ? el("ol", { class: "revisions" }, e.revisions.map(revision))
      : el("p", { class: "muted" }, "No revisions recorded."),
  );
}

export function renderError(node, message) {
  node.replaceChildren(el("h2", { id: "detail-title", tabindex: "-1" }, "Event not available"),
    el("p", {}, message));
}
