// The timeline: stacked bars of events (or fatalities) per interval and type, drawn with uPlot.
// Dragging across it selects a date range (the "brush"), which filters the map and the list.
import { colour, TYPE_COLOURS } from "./api.js";

const DAY = 86400;
const toSeconds = (iso) => Date.parse(iso + "T00:00:00Z") / 1000;
export const toISO = (seconds) => new Date(seconds * 1000).toISOString().slice(0, 10);
const STEP = { day: DAY, week: 7 * DAY, month: 30.4 * DAY };

/** The interval to use when the user picked "auto": about a hundred bars or fewer. */
export function autoInterval(since, until) {
  const days = (Date.parse(until) - Date.parse(since)) / 864e5;
  return days > 730 ? "month" : days > 120 ? "week" : "day";
}

export class Timeline {
  constructor(node, readout, { onBrush }) {
    this.node = node;
    this.readout = readout;
    this.onBrush = onBrush;
    this.range = [null, null];
    this.width = null; // the node's width as the ResizeObserver last saw it (read once before)
    new ResizeObserver(([entry]) => {
      this.width = entry.contentRect.width;
      if (this.plot) this.plot.setSize(this.size());
    }).observe(node);
  }

  /** The plot's size: the width from the ResizeObserver, not from the node (reading
   * ``clientWidth`` after the list and map changed the page forced a layout on every draw:
   * 15-30 ms a filter change in Chromium at 100,000 events). */
  size() {
    if (this.width === null) this.width = this.node.clientWidth;
    return { width: Math.max(200, this.width), height: 150 };
  }

  /** Draw ``data`` (/api/stats/timeline) counting ``metric`` ("count" or "fatalities"): the
   * same bars as before draw nothing; the same types and interval only set the plot's data
   * (uPlot redraws its canvas); others build a new plot. */
  show(data, metric) {
    const drawn = JSON.stringify([data.interval, data.buckets, metric]);
    if (this.plot && drawn === this.drawn) return;
    this.drawn = drawn;
    this.data = data;
    const types = Object.keys(TYPE_COLOURS).filter((t) => data.types.includes(t))
      .concat(data.types.filter((t) => !(t in TYPE_COLOURS)));
    const key = metric === "fatalities" ? "fatalities_by_type" : "counts";
    this.types = types;
    this.key = key;
    const xs = data.buckets.map((b) => toSeconds(b.start));
    // Stack: series k holds the sum of types 0..k; draw the tallest first so each shows.
    let running = xs.map(() => 0);
    const stacked = types.map((t) => (running = running.map((v, i) => v + (data.buckets[i][key][t] || 0))));
    const order = types.map((_, i) => i).reverse();
    const columns = [xs, ...order.map((i) => stacked[i])];
    const shape = JSON.stringify([types, data.interval]);
    if (this.plot && shape === this.shape) {
      this.plot.setData(columns);
      this.drawRange();
      return;
    }
    this.shape = shape;
    const step = STEP[data.interval];
    const bars = uPlot.paths.bars({ size: [0.9, 60], align: 1 });
    const opts = {
      ...this.size(),
      legend: { show: false },
      cursor: { drag: { x: true, y: false, setScale: false }, points: { show: false } },
      select: { show: true },
      scales: { x: { time: true, range: (u, min, max) => [min - step * 0.2, max + step * 1.2] },
        y: { range: (u, min, max) => [0, Math.max(1, max * 1.05)] } },
      axes: [{ stroke: "#555", grid: { show: false } },
        { stroke: "#555", size: 36, grid: { stroke: "#e6e6e6" }, values: (u, v) => v.map((n) => (Number.isInteger(n) ? n : "")) }],
      series: [{}, ...order.map((i) => ({ label: types[i], fill: colour(types[i]),
        stroke: colour(types[i]), width: 0, paths: bars, points: { show: false } }))],
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"),
      hooks: {
        setSelect: [(u) => this.brushed(u)],
        setCursor: [(u) => this.hover(u, this.types, this.key)],
      },
    };
    if (this.plot) this.plot.destroy();
    this.node.replaceChildren();
    this.plot = new uPlot(opts, columns, this.node);
    this.node.querySelector(".u-over").setAttribute("aria-hidden", "true");
    this.drawRange();
  }

  brushed(u) {
    if (this.quiet || u.select.width < 3) return;
    const from = toISO(u.posToVal(u.select.left, "x"));
    const to = toISO(u.posToVal(u.select.left + u.select.width, "x"));
    this.onBrush(from, to);
  }

  hover(u, types, key) {
    const i = u.cursor.idx;
    if (i === null || i === undefined || !this.data) { this.readout.textContent = ""; return; }
    const b = this.data.buckets[i];
    const parts = types.filter((t) => b[key][t]).map((t) => `${t}: ${b[key][t]}`);
    this.readout.textContent = `${this.data.interval} of ${b.start} — ` +
      `${b.count} events, ${b.fatalities} killed${parts.length ? " (" + parts.join("; ") + ")" : ""}`;
  }

  /** Show the selected date range (since/until) as the brush, without firing onBrush. */
  setRange(since, until) {
    this.range = [since, until];
    this.drawRange();
  }

  drawRange() {
    const u = this.plot;
    if (!u) return;
    const [since, until] = this.range;
    this.quiet = true;
    if (since || until) {
      // the plotting area's size in CSS pixels, as uPlot set it (not read from the layout)
      const width = parseFloat(u.over.style.width) || u.over.clientWidth;
      const height = parseFloat(u.over.style.height) || u.over.clientHeight;
      const left = since ? Math.max(0, u.valToPos(toSeconds(since), "x")) : 0;
      const right = until ? Math.min(width, u.valToPos(toSeconds(until), "x")) : width;
      u.setSelect({ left, width: Math.max(2, right - left), top: 0, height }, false);
    } else {
      u.setSelect({ left: 0, width: 0, top: 0, height: 0 }, false);
    }
    this.quiet = false;
  }
}
