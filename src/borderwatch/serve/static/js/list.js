// The event list: one button per event (opens its details), with paging.
import { colour, el, dateRange, plural } from "./api.js";

export function renderList(node, data, { selected, onSelect }) {
  if (!data.events.length) {
    node.replaceChildren(el("li", { class: "empty" }, "No events match these filters."));
    return;
  }
  node.replaceChildren(...data.events.map((e) => {
    const actors = [e.actor1, e.actor2].filter(Boolean).join(" · ");
    const killed = e.fatalities ? `${e.fatalities} killed` : null;
    return el("li", {},
      el("button", { type: "button", class: "event-row", "data-event-id": e.event_id,
        "aria-current": e.event_id === selected ? "true" : null,
        onclick: () => onSelect(e.event_id) },
        el("span", { class: "dot", style: `background:${colour(e.event_type)}`, "aria-hidden": "true" }),
        el("span", { class: "row-main" },
          el("strong", {}, e.sub_event_type), " ",
          e.review && e.review.status !== "unreviewed" &&
            el("span", { class: `badge review-${e.review.status}` }, e.review.status), " ",
          el("span", { class: "muted" }, e.event_type),
          el("span", { class: "row-line" }, e.location || "unknown place",
            actors ? " — " + actors : "")),
        el("span", { class: "row-meta" },
          el("time", { datetime: e.event_date || "" }, dateRange(e.date_start, e.date_end)),
          killed && el("span", { class: "killed" }, killed),
          el("span", {}, plural(e.n_sources, "source")))));
  }));
}

export function renderPager(info, prev, next, data) {
  const first = data.total ? data.offset + 1 : 0;
  const last = Math.min(data.offset + data.limit, data.total);
  info.textContent = `${first}–${last} of ${data.total}`;
  prev.disabled = data.offset === 0;
  next.disabled = last >= data.total;
}
