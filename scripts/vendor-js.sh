#!/usr/bin/env bash
# Vendor the dashboard's browser libraries and its offline map layer into the package, so the
# dashboard needs no internet.  Versions are pinned by scripts/js/package-lock.json; run this after
# changing scripts/js/package.json (then `npm install --package-lock-only` there) and commit the
# files it writes under src/borderwatch/serve/static/{vendor,geo}.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
STATIC="$ROOT/src/borderwatch/serve/static"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

cp "$ROOT/scripts/js/package.json" "$ROOT/scripts/js/package-lock.json" \
   "$ROOT/scripts/js/make-outlines.mjs" "$WORK/"
(cd "$WORK" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
M="$WORK/node_modules"

VENDOR="$STATIC/vendor"
rm -rf "$VENDOR/leaflet" "$VENDOR/markercluster" "$VENDOR/uplot"
mkdir -p "$VENDOR/leaflet/images" "$VENDOR/markercluster" "$VENDOR/uplot" "$STATIC/geo"
cp "$M/leaflet/dist/leaflet.js" "$M/leaflet/dist/leaflet.css" "$M/leaflet/LICENSE" "$VENDOR/leaflet/"
cp "$M/leaflet/dist/images/"*.png "$VENDOR/leaflet/images/"
cp "$M/leaflet.markercluster/dist/leaflet.markercluster.js" \
   "$M/leaflet.markercluster/dist/MarkerCluster.css" \
   "$M/leaflet.markercluster/dist/MarkerCluster.Default.css" \
   "$M/leaflet.markercluster/MIT-LICENCE.txt" "$VENDOR/markercluster/"
cp "$M/uplot/dist/uPlot.iife.min.js" "$M/uplot/dist/uPlot.min.css" "$M/uplot/LICENSE" \
   "$VENDOR/uplot/"
chmod 644 "$VENDOR"/*/*.* "$VENDOR"/leaflet/images/*
(cd "$WORK" && node make-outlines.mjs "$M" "$STATIC/geo/levant.geojson")

for pkg in leaflet leaflet.markercluster uplot world-atlas topojson-client; do
  node -e 'const p=require(process.argv[1]);console.log(`${p.name} ${p.version} (${p.license})`)' \
    "$M/$pkg/package.json"
done
