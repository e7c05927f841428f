"""Large predictions split over the CPU cores, for the post classifier and the comment triage.

Worker processes are forked after the function and the items are stored in a module global, so
neither the model nor the texts are pickled to them; each worker returns the result for one
contiguous slice, and the slices come back in order.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor

import numpy as np

PARALLEL_FROM = 20_000  # items; below this, starting worker processes costs more than it saves

_SHARED: dict = {}


def default_workers() -> int:
    return min(os.cpu_count() or 1, 4)


def _run(bounds: tuple[int, int]):
    start, stop = bounds
    return _SHARED["func"](_SHARED["items"][start:stop])


def map_slices(func: Callable, items: Sequence, workers: int | None = None) -> list:
    """``func`` applied to ``workers`` contiguous slices of ``items``, results in slice order.

    Without ``fork`` (or with one worker) ``func`` runs once, in this process, on all items.
    """
    workers = workers or default_workers()
    if workers == 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [func(items)]
    bounds = np.linspace(0, len(items), workers + 1, dtype=int).tolist()
    _SHARED.update(func=func, items=items)
    try:
        with ProcessPoolExecutor(max_workers=workers,
                                 mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(_run, zip(bounds[:-1], bounds[1:], strict=True)))
    finally:
        _SHARED.clear()
