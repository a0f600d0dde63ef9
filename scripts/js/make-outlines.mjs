// Writes the dashboard's offline map layer: the outlines of Lebanon and Syria (Natural Earth
// 1:10m admin-0 countries, public domain, as packaged by the npm package world-atlas), their
// neighbours for context (1:50m, smaller) and the Lebanon-Syria border line (1:10m).  Coordinates are rounded to 4 decimals
// (~10 m), which keeps the file small.  Usage: node make-outlines.mjs NODE_MODULES OUT.geojson
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { feature, mesh } from "topojson-client";

const [modules, out] = process.argv.slice(2);
const load = (name) => JSON.parse(readFileSync(join(modules, "world-atlas", name), "utf8"));
const fine = load("countries-10m.json");
const coarse = load("countries-50m.json");
// ISO 3166-1 numeric ids: the two border countries first, then context.
const KEEP = { "422": "LB", "760": "SY", "376": "IL", "275": "PS", "400": "JO", "792": "TR",
  "368": "IQ", "196": "CY" };
const FOCUS = new Set(["LB", "SY"]);

const round = (value) => (Array.isArray(value) ? value.map(round) : Math.round(value * 1e4) / 1e4);
const features = [];
for (const [world, focus] of [[coarse, false], [fine, true]]) {
  for (const geometry of world.objects.countries.geometries) {
    const iso = KEEP[geometry.id];
    if (!iso || FOCUS.has(iso) !== focus) continue;
    const f = feature(world, geometry);
    features.push({ type: "Feature",
      properties: { kind: "country", iso, name: geometry.properties.name, focus },
      geometry: { type: f.geometry.type, coordinates: round(f.geometry.coordinates) } });
  }
}
const border = mesh(fine, fine.objects.countries, (a, b) => a !== b &&
  new Set([KEEP[a.id], KEEP[b.id]]).size === 2 && FOCUS.has(KEEP[a.id]) && FOCUS.has(KEEP[b.id]));
features.push({ type: "Feature", properties: { kind: "border", name: "Lebanon–Syria border" },
  geometry: { type: border.type, coordinates: round(border.coordinates) } });
writeFileSync(out, JSON.stringify({ type: "FeatureCollection",
  source: "Natural Earth 1:10m admin-0 countries (public domain) and 1:50m via world-atlas 2.0.2",
  features }) + "\n");
console.log(`wrote ${out}: ${features.length} features`);
