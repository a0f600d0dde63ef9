"""The Ray engine: Ray Data ``map_batches`` over a pool of actors, each loading the spaCy pipeline
once and calling ``Pipeline.process_many`` -- the function ``ingest`` calls -- on every batch.

Ray is optional (``pip install 'borderwatch[ray]'``).  Without ``address`` a local Ray is
started for the run (``num_cpus`` = workers, no dashboard, a fresh temporary directory) and shut
down after it; with ``address`` (``ray://HOST:10001`` or ``HOST:6379``) the run joins that
cluster, whose nodes must have the same Borderwatch version installed.

Documents go to Ray in chunks (one Ray Data dataset each, order preserved), so the driver never
holds a whole large input; results come back as the JSON rows of ``codec``.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import warnings
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from ..model import RawDocument, Skipped
from ..pipeline import Pipeline, Processed
from ..settings import Settings
from .codec import (
    ROW_FIELDS,
    processed_to_row,
    raw_to_row,
    row_schema,
    row_to_processed,
    row_to_raw,
)
from .local import process_group
from .sources import BatchError

CHUNK = 4096  # documents per Ray Data dataset
BATCH = 8  # documents per map_batches call: parsed together, yet small enough to spread evenly
# Documents per Ray Data block: with 8 (one call each) scheduling 250 blocks for 2,000 documents
# took ~10% of the run on 2 cores; 32 and 64 run equally fast.
BLOCK = 32
RETRIES = 2  # restarts of an actor, and retries of its batch, after it dies


class DocumentProcessor:
    """A Ray Data actor: loads the pipeline once, processes a batch of documents per call."""

    def __init__(self, settings: Settings) -> None:
        self.pipeline = Pipeline(settings)
        self.pipeline.warm_up()

    def __call__(self, batch: Any) -> Any:
        import pyarrow as pa

        rows = batch.to_pylist()
        processed = process_group(self.pipeline, [row_to_raw(r) for r in rows])
        out = [processed_to_row(p) for p in processed]
        return pa.table({key: [row[key] for row in out] for key in ROW_FIELDS}, schema=row_schema())


def process_ray(
    raws: Iterable[RawDocument],
    settings: Settings,
    workers: int | None,
    address: str | None = None,
    chunk: int = CHUNK,
) -> Iterator[Processed]:
    """Process ``raws`` on Ray with ``workers`` actors, yielding results in input order."""
    try:
        import ray
        import ray.data
    except ImportError as exc:
        raise BatchError(
            "--engine ray needs Ray; install it with: pip install 'borderwatch[ray]'"
        ) from exc
    temp_dir = None
    started = not ray.is_initialized()
    if started:
        temp_dir = None if address else tempfile.mkdtemp(prefix="bw-ray-")
        try:
            _start_ray(ray, address, workers, temp_dir)
        except Exception as exc:
            if temp_dir:
                shutil.rmtree(temp_dir, ignore_errors=True)
            raise BatchError(f"cannot start Ray ({address or 'local'}): {exc}") from exc
    try:
        size = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        _quiet(ray)
        items = iter(raws)
        while part := list(islice(items, chunk)):
            yield from _run_chunk(ray, part, settings, size)
    finally:
        if started:
            ray.shutdown()
            if temp_dir:
                shutil.rmtree(temp_dir, ignore_errors=True)


def _start_ray(ray: Any, address: str | None, workers: int | None, temp_dir: str | None) -> None:
    common: dict[str, Any] = {"logging_level": logging.WARNING, "log_to_driver": False}
    if address:
        ray.init(address=address, **common)
        return
    ray.init(
        address="local",  # a new local Ray, even where RAY_ADDRESS names a cluster
        num_cpus=workers or None,
        include_dashboard=False,
        _temp_dir=temp_dir,
        object_store_memory=512 * 1024**2,
        **common,
    )


def _quiet(ray: Any) -> None:
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    logging.getLogger("ray.data").setLevel(logging.WARNING)


def _run_chunk(
    ray: Any, part: list[RawDocument], settings: Settings, size: int
) -> Iterator[Processed]:
    # blocks of BLOCK documents (Ray Data schedules each block: smaller ones cost the driver
    # more than they balance), yet at least two per actor so that none sits idle
    blocks = max(1, min(-(-len(part) // BATCH), max(-(-len(part) // BLOCK), 2 * size)))
    dataset = ray.data.from_items([raw_to_row(r) for r in part], override_num_blocks=blocks)
    with warnings.catch_warnings():
        # Ray 2.60 marks extra remote args deprecated but has no named parameter for these.
        warnings.filterwarnings("ignore", message=".*ray_remote_args.*deprecated")
        results = dataset.map_batches(
            DocumentProcessor,
            fn_constructor_kwargs={"settings": settings},
            batch_size=BATCH,
            batch_format="pyarrow",
            compute=ray.data.ActorPoolStrategy(size=size),
            num_cpus=1,
            # Ray Data restarts dead actors and retries their batches forever by default, so a
            # document that kills its actor would never end the run: bound both.
            max_restarts=RETRIES,
            max_task_retries=RETRIES,
        )
    done = 0
    try:
        for row in results.iter_rows():
            yield row_to_processed(row)
            done += 1
    except Exception as exc:  # the chunk's run failed: its remaining documents fail, not the batch
        reason = f"ray: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
        for raw in part[done:]:
            yield Processed(raw.source, skipped=Skipped(raw.source, "process", reason))
