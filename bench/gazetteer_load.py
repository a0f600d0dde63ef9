"""Time and memory the compact region gazetteer adds to loading the region data.

    PYTHONPATH=src python bench/gazetteer_load.py

Loads the packaged ``gazetteer_region.tsv.gz`` alone (wall time, best of 3, in this process)
and measures the extra peak resident memory of a fresh process that loads the region data and
builds the place resolver, with and without the compact file. Timings on a shared machine are
noisy.
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
Resolver.for_region()
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
    from borderwatch.gcpause import paused_gc
    from borderwatch.region import COMPACT_GAZETTEER, CompactGazetteer

    path = resources.files("borderwatch") / "data" / COMPACT_GAZETTEER
    times = []
    for _ in range(3):
        start = time.perf_counter()
        with paused_gc():
            atlas = CompactGazetteer()
            atlas.add_file(path)
        times.append(time.perf_counter() - start)
    print(f"compact gazetteer: {len(atlas.ids)} places, load {min(times):.2f} s (best of 3)")
    extra = (rss["with"] - rss["without"]) / 1024
    print(
        f"peak memory: {rss['without'] / 1024:.0f} MB without, "
        f"{rss['with'] / 1024:.0f} MB with: {extra:.0f} MB extra"
    )


if __name__ == "__main__":
    main()
