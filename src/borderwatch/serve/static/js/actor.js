// Actor pages: /actors lists the knowledge base's actors; /actors/{id} shows one actor's
// aliases, roles over time and events.
import { dateRange, el, getJSON, interactionLabel, interLabel, plural } from "./api.js";

const main = document.getElementById("content");
const id = decodeURIComponent(location.pathname.split("/")[2] || "");

function eventsTable(events) {
  if (!events.length) return el("p", { class: "muted" }, "No stored event names this actor.");
  return el("table", { class: "table" },
    el("thead", {}, el("tr", {}, ["Date", "Event", "Location", "Actor 1 · inter1", "Actor 2 · inter2",
      "Interaction", "Killed"].map((h) => el("th", {}, h)))),
    el("tbody", {}, events.map((e) => el("tr", {},
      el("td", {}, dateRange(e.date_start, e.date_end)),
      el("td", {}, el("a", { href: `/?event=${encodeURIComponent(e.event_id)}` }, e.sub_event_type)),
      el("td", {}, e.location || "—"),
      el("td", { class: "actor1" }, withInter(e.actor1, e.inter1, e.assoc_actor_1)),
      el("td", { class: "actor2" }, withInter(e.actor2, e.inter2, e.assoc_actor_2)),
      el("td", { class: "interaction" }, interactionLabel(e.interaction, e.inter1, e.inter2) || "—"),
      el("td", {}, e.fatalities ?? "")))));
}

// "Military Forces of Syria (2000-2024) · 1 State forces", with its associated actor under it.
function withInter(name, inter, assoc) {
  if (!name) return "—";
  return el("span", {}, name, inter ? el("span", { class: "inter" }, ` · ${interLabel(inter)}`) : "",
    assoc ? el("span", { class: "muted" }, ` with ${assoc}`) : "");
}

function roles(actor) {
  if (!actor.roles.length) return el("p", { class: "muted" }, "No roles recorded.");
  const today = new Date().toISOString().slice(0, 10);
  const starts = actor.roles.map((r) => r.start).filter(Boolean);
  const ends = actor.roles.map((r) => r.end || today);
  const lo = Date.parse(starts.length ? starts.sort()[0] : ends.sort()[0]);
  const hi = Math.max(Date.parse(ends.sort().at(-1)), lo + 864e5);
  const pct = (d) => ((Date.parse(d) - lo) / (hi - lo)) * 100;
  return el("div", {},
    el("ul", { class: "roles" }, actor.roles.map((r) => {
      const from = r.start || new Date(lo).toISOString().slice(0, 10);
      const to = r.end || today;
      const org = r.org_name ? el("a", { href: `/actors/${encodeURIComponent(r.org)}` }, r.org_name)
        : r.org;
      return el("li", {}, el("span", {}, r.role, org ? ", " : "", org || "",
        ` (${r.start || "?"} – ${r.end || "now"})`),
        el("span", { class: "role-track", "aria-hidden": "true" },
          el("span", { class: "role-bar", style: `left:${pct(from)}%;width:${Math.max(0.5, pct(to) - pct(from))}%` })));
    })),
    el("div", { class: "axis", "aria-hidden": "true" }, el("span", {}, new Date(lo).getUTCFullYear()),
      el("span", {}, new Date(hi).getUTCFullYear())));
}

async function showActor() {
  const a = await getJSON(`/api/actors/${encodeURIComponent(id)}`);
  document.title = `${a.canonical} — Borderwatch`;
  const facts = [["Type (ACLED inter code)", interLabel(a.inter) || "?"], ["Kind", a.kind],
    ["Country", a.country || "—"], ["Valid", `${a.valid_from || "…"} – ${a.valid_to || "now"}`],
    a.successor && ["Succeeded by", el("a", { href: `/actors/${encodeURIComponent(a.successor)}` },
      a.successor_name || a.successor)],
    a.source && ["Source", a.source]].filter(Boolean);
  main.replaceChildren(
    el("p", {}, el("a", { href: "/actors" }, "← All actors")),
    el("h2", { id: "actor-name" }, a.canonical),
    el("section", { class: "card" },
      el("dl", { class: "facts" }, facts.flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)])),
      el("h3", {}, "Also known as"),
      el("ul", { class: "chips", id: "aliases" }, [...a.aliases, ...a.context_aliases].map((n) => el("li", {}, n)))),
    el("section", { class: "card" }, el("h3", {}, "Roles over time"), roles(a)),
    el("section", { class: "card" },
      el("h3", {}, `Events (${a.n_events})`, " ",
        el("a", { href: `/?actor=${encodeURIComponent(a.canonical)}` }, "show on the map")),
      eventsTable(a.events)));
}

async function showList() {
  const input = el("input", { type: "search", id: "actor-search", placeholder: "Name or alias",
    "aria-label": "Search actors", value: new URLSearchParams(location.search).get("q") || "" });
  const results = el("div", {});
  const load = async () => {
    const q = input.value.trim();
    history.replaceState(null, "", q ? `?q=${encodeURIComponent(q)}` : location.pathname);
    const data = await getJSON("/api/actors", new URLSearchParams(q ? { q, limit: 500 } : { limit: 500 }));
    results.replaceChildren(el("p", { class: "muted" }, plural(data.total, "actor")),
      el("table", { class: "table" },
        el("thead", {}, el("tr", {}, ["Actor", "Type (inter)", "Country", "Aliases", "Events"].map((h) => el("th", {}, h)))),
        el("tbody", {}, data.actors.map((a) => el("tr", {},
          el("td", {}, el("a", { href: `/actors/${encodeURIComponent(a.actor_id)}` }, a.canonical)),
          el("td", { class: "inter" }, interLabel(a.inter)), el("td", {}, a.country || "—"),
          el("td", {}, a.aliases.slice(0, 3).join(", ")), el("td", {}, a.n_events))))));
  };
  let timer = null;
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(load, 250); });
  main.replaceChildren(el("h2", {}, "Actors"), el("div", { class: "card" }, input, results));
  await load();
}

(id ? showActor() : showList()).catch((err) =>
  main.replaceChildren(el("h2", {}, "Not available"), el("p", {}, err.message)));
