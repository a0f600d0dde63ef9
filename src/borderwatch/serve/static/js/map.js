// The map: country outlines and the Lebanon-Syria border from the packaged GeoJSON (no tile
// server needed), an optional online tile layer, and clustered event markers coloured by type
// and sized by fatalities.
import { colour, el, TYPE_COLOURS } from "./api.js";

const SHOW_ALL_ZOOM = 12; // from this zoom on, markers are not clustered
const START = [[33.0, 35.1], [35.0, 37.3]]; // the border region: Lebanon and western Syria
const LABELS = [["Lebanon", 33.75, 35.55], ["Syria", 34.02, 36.95], ["Israel", 32.6, 34.95],
  ["Jordan", 32.0, 36.8], ["Turkey", 36.9, 36.2], ["Iraq", 34.2, 41.8]];

export class EventMap {
  constructor(node, { onSelect, onMove, tiles }) {
    this.onSelect = onSelect;
    this.markers = new Map(); // event id -> marker
    this.map = L.map(node, { zoomSnap: 0.25, minZoom: 5, maxZoom: 15, keyboard: true,
      attributionControl: Boolean(tiles) });
    this.map.fitBounds(START);
    if (tiles) L.tileLayer(tiles.url, { attribution: tiles.attribution, maxZoom: 18 }).addTo(this.map);
    this.map.createPane("outlines").style.zIndex = 350;
    this.loaded = () => {};
    this.placing = null;
    this.cluster = L.markerClusterGroup({ chunkedLoading: true, chunkInterval: 60,
      chunkProgress: (done, total) => done === total && this.loaded(), maxClusterRadius: 45,
      showCoverageOnHover: false, spiderfyOnMaxZoom: false,
      disableClusteringAtZoom: SHOW_ALL_ZOOM, iconCreateFunction: clusterIcon });
    this.cluster.addTo(this.map);
    this.map.on("moveend", () => onMove && onMove(this.bbox()));
    this.loadOutlines(Boolean(tiles));
  }

  async loadOutlines(withTiles) {
    const response = await fetch("/static/geo/levant.geojson");
    const data = await response.json();
    L.geoJSON(data, { pane: "outlines", interactive: false, style: (f) => {
      const p = f.properties;
      if (p.kind === "border") return { color: "#b3261e", weight: 3.5, dashArray: "8 5", opacity: 0.95 };
      return { color: p.focus ? "#6b6b6b" : "#a3a3a3", weight: p.focus ? 1.4 : 0.8,
        fillColor: p.focus ? "#fbf8f1" : "#eeece6", fillOpacity: withTiles ? 0.15 : 1 };
    } }).addTo(this.map);
    for (const [name, lat, lon] of LABELS) {
      L.marker([lat, lon], { interactive: false, keyboard: false, pane: "outlines",
        icon: L.divIcon({ className: "country-label", html: name, iconSize: [80, 16] }) }).addTo(this.map);
    }
  }

  /** Show these points (the column-by-column "map" object of /api/dashboard or /api/map), or
   * its ``cells`` (events counted per grid cell, for views of many events); resolves once
   * every marker is placed (big sets are placed in chunks between frames). */
  async show(data) {
    await this.placing; // chunks of an earlier update still being placed go first
    if (data.cells) return this.showCells(data);
    if (this.cells) { this.cluster.clearLayers(); this.cells = null; this.markers = new Map(); }
    const names = data.values;
    const keep = new Map();
    for (let i = 0; i < data.n; i++) {
      const id = data.event_id[i];
      keep.set(id, this.markers.get(id) || this.marker(data, names, i));
    }
    const gone = [...this.markers.entries()].filter(([id]) => !keep.has(id)).map(([, m]) => m);
    const added = [...keep.entries()].filter(([id]) => !this.markers.has(id)).map(([, m]) => m);
    const placed = new Promise((resolve) => { this.loaded = resolve; });
    const restart = gone.length > keep.size; // cheaper than taking most of them out
    if (restart) this.cluster.clearLayers(); else this.cluster.removeLayers(gone);
    const adding = restart ? [...keep.values()] : added;
    this.markers = keep;
    if (this.selected) this.select(this.selected, { pan: false });
    if (!adding.length) return;
    this.placing = placed;
    this.cluster.addLayers(adding);
    await placed;
  }

  /** One marker per cell, at its events' centroid, with their count by type; the clusters
   * above sum the cells' counts, and a click zooms in on the cell.  Only what changed is
   * drawn: a cell whose position and counts are those of a marker shown keeps it, the others
   * are taken out and added (or, when most changed, the layer is cleared and filled again). */
  async showCells(data) {
    const { cells, values } = data;
    if (!this.cells) { this.cluster.clearLayers(); this.markers = new Map(); }
    const shown = this.cells || new Map(); // cell key -> marker
    const keep = new Map();
    for (let i = 0; i < cells.n; i++) {
      const key = cellKey(cells, values, i);
      if (!keep.has(key)) keep.set(key, shown.get(key) || this.cellMarker(cells, values, i));
    }
    const gone = [...shown.entries()].filter(([key]) => !keep.has(key)).map(([, m]) => m);
    const added = [...keep.entries()].filter(([key]) => !shown.has(key)).map(([, m]) => m);
    this.cells = keep;
    const restart = gone.length > keep.size; // cheaper than taking most of them out
    if (restart) this.cluster.clearLayers(); else if (gone.length) this.cluster.removeLayers(gone);
    const adding = restart ? [...keep.values()] : added;
    if (!adding.length) return;
    const placed = new Promise((resolve) => { this.loaded = resolve; });
    this.placing = placed;
    this.cluster.addLayers(adding);
    await placed;
  }

  cellMarker(cells, names, i) {
    const byType = {};
    for (const [t, n] of cells.types[i]) byType[names.event_type[t]] = n;
    const n = cells.count[i];
    const label = `${n} events here: ` +
      Object.entries(byType).map(([t, k]) => `${k} ${t}`).join(", ") +
      (cells.fatalities[i] ? `; ${cells.fatalities[i]} killed` : "");
    const marker = L.marker([cells.latitude[i], cells.longitude[i]], { title: label, alt: label,
      keyboard: true, riseOnHover: true, icon: countIcon(byType, n) });
    marker.count = n;
    marker.byType = byType;
    marker.on("click", () => this.map.setView(marker.getLatLng(),
      Math.min(this.map.getMaxZoom(), this.map.getZoom() + 2)));
    return marker;
  }

  marker(data, names, i) {
    const id = data.event_id[i];
    const type = names.event_type[data.event_type[i]];
    const killed = data.fatalities[i] || 0;
    const size = Math.min(36, 12 + 4 * Math.sqrt(killed));
    const label = `${names.sub_event_type[data.sub_event_type[i]]}, ` +
      `${names.location[data.location[i]] || "unknown place"}, ${data.event_date[i] || "date unknown"}` +
      (killed ? `, ${killed} killed` : "");
    const marker = L.marker([data.latitude[i], data.longitude[i]], {
      title: label, alt: label, keyboard: true, riseOnHover: true,
      icon: L.divIcon({ className: "event-marker", iconSize: [size, size],
        html: `<span style="background:${colour(type)}"></span>` }) });
    marker.eventId = id;
    marker.eventType = type;
    marker.on("click", () => this.onSelect(id));
    return marker;
  }

  /** Mark an event's marker as selected (and bring it into view when asked). */
  select(id, { pan = true } = {}) {
    const previous = this.selected && this.markers.get(this.selected);
    if (previous) highlight(previous, false);
    this.selected = id;
    const marker = id && this.markers.get(id);
    if (!marker) return;
    highlight(marker, true);
    if (pan) this.map.setView(marker.getLatLng(), Math.max(this.map.getZoom(), SHOW_ALL_ZOOM));
  }

  bbox() {
    const b = this.map.getBounds();
    const clamp = (v, lim) => Math.max(-lim, Math.min(lim, v)).toFixed(4);
    return [clamp(b.getWest(), 180), clamp(b.getSouth(), 90), clamp(b.getEast(), 180),
      clamp(b.getNorth(), 90)].join(",");
  }

  invalidate() { this.map.invalidateSize(); }
}

/** What a cell marker shows: its position, count, fatalities and counts by type. */
function cellKey(cells, names, i) {
  const types = cells.types[i].map(([t, n]) => `${names.event_type[t]}:${n}`).sort().join(",");
  return `${cells.latitude[i]},${cells.longitude[i]},${cells.count[i]},${cells.fatalities[i]},${types}`;
}

/** Ring a marker (its icon carries the class, so it survives clustering and zooming). */
function highlight(marker, on) {
  const options = marker.options.icon.options;
  marker.setIcon(L.divIcon({ ...options, className: on ? "event-marker selected" : "event-marker" }));
  marker.setZIndexOffset(on ? 1000 : 0);
}

/** A cluster of event markers, or of cells (each counting its events by type). */
function clusterIcon(cluster) {
  const byType = {};
  let n = 0;
  for (const m of cluster.getAllChildMarkers()) {
    for (const [t, k] of Object.entries(m.byType || { [m.eventType]: 1 })) {
      byType[t] = (byType[t] || 0) + k;
      n += k;
    }
  }
  return countIcon(byType, n);
}

/** A pie of the types' shares with the number of events in the middle. */
function countIcon(byType, n) {
  let at = 0;
  const known = Object.keys(TYPE_COLOURS).filter((t) => byType[t]);
  const order = [...known, ...Object.keys(byType).filter((t) => !(t in TYPE_COLOURS))];
  const stops = order.map((t) => {
    const from = at; at += (byType[t] / n) * 360;
    return `${colour(t)} ${from}deg ${at}deg`;
  });
  const size = n < 10 ? 34 : n < 100 ? 40 : n < 1000 ? 48 : 56;
  return L.divIcon({ className: "event-cluster", iconSize: [size, size],
    html: `<span style="background:conic-gradient(${stops.join(",")})"><b>${n}</b></span>` });
}

/** The type legend (shared by the map and the timeline). */
export function legend(node) {
  node.replaceChildren(...Object.keys(TYPE_COLOURS).map((t) =>
    el("span", { class: "legend-item" }, el("i", { style: `background:${colour(t)}` }), t)),
  el("span", { class: "legend-item" }, el("i", { class: "border-key" }), "Lebanon–Syria border"));
}
