"""Time and memory the compiled gazetteers add to loading the region data.

    PYTHONPATH=src python bench/gazetteer_load.py

Times (best of 3, in this process) opening the compiled world index (GeoNames towns, the
world's states, provinces and counties: ``resolve.geonames``) with a lookup of each kind, and
opening the packaged ``gazetteer_region.tsv.gz`` in its compiled form
(``atlas.compiled_atlas``: what a run does; compiled first if no cached file matches) with its
first lookups, and parsing the source file whole (what a run did before, and what compiling it
costs); and measures the extra peak resident memory of a fresh process that loads the region
data, builds the place resolver and resolves a few world and region names, with and without
the compact file. Timings on a shared machine are noisy.
"""

from __future__ import annotations

import subprocess
import sys
import time
from importlib import resources

CHILD = """
import resource, sys
from borderwatch import region
if sys.argv[1] == "without":
    region.COMPACT_GAZETTEER = "no-such-file"
from borderwatch.resolve import Resolver
places = Resolver.for_region().places
for name in ("Ontario", "Salisbury", "Orange County", "Arsal"):
    places.resolve(name)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def main() -> None:
    rss = {
        mode: int(
            subprocess.run(
                [sys.executable, "-c", CHILD, mode], capture_output=True, text=True, check=True
            ).stdout.split()[-1]
        )
        for mode in ("without", "with")
    }
    # (the children run first: a child's peak counts the parent's size at fork, even after exec)
    from borderwatch.atlas import compiled_atlas
    from borderwatch.gcpause import paused_gc
    from borderwatch.region import COMPACT_GAZETTEER, CompactGazetteer
    from borderwatch.resolve import geonames

    geonames.city_index()  # compiled outside the clock when no cached file matches
    world = []
    for _ in range(3):
        geonames.city_index.cache_clear()
        start = time.perf_counter()
        index = geonames.city_index()
        assert index.by_name.get_cities("toronto") and index.areas.get("ontario")
        world.append(time.perf_counter() - start)
    size = index.tables.path.stat().st_size / 1e6 if index.tables.path else 0.0
    print(
        f"world index: open + 2 lookups {min(world) * 1000:.1f} ms (best of 3); "
        f"compiled file {size:.0f} MB"
    )
    path = resources.files("borderwatch") / "data" / COMPACT_GAZETTEER
    compiled_atlas([path])  # compiled outside the clock when no cached file matches
    opened, parsed = [], []
    for _ in range(3):
        start = time.perf_counter()
        index = compiled_atlas([path])
        rows = index.by_name["arsal"] + index.by_fold["hams"]
        assert [index.names[r] for r in rows]
        opened.append(time.perf_counter() - start)
        start = time.perf_counter()
        with paused_gc():
            atlas = CompactGazetteer()
            atlas.add_file(path)
        parsed.append(time.perf_counter() - start)
    print(
        f"compact gazetteer: {len(index)} places; compiled: open + 2 lookups "
        f"{min(opened) * 1000:.1f} ms; source parsed whole {min(parsed):.2f} s (best of 3)"
    )
    extra = (rss["with"] - rss["without"]) / 1024
    print(
        f"peak memory: {rss['without'] / 1024:.0f} MB without, "
        f"{rss['with'] / 1024:.0f} MB with: {extra:.0f} MB extra"
    )


if __name__ == "__main__":
    main()
