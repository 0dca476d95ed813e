"""Spread independent, CPU-bound work (rendering notes) over the machine's cores.

Workers are forked, so they inherit the templates and the model already in memory; results come back in
order, so the output is identical to a serial run. Small jobs stay serial (a fork costs more than it saves).
``PORTFOLIO_JOBS=1`` turns it off.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any

MIN_ITEMS = 200  # below this, forking costs more than it saves

_task: Callable[[Any], Any] | None = None


def jobs() -> int:
    raw = os.environ.get("PORTFOLIO_JOBS", "")
    if raw.strip().isdigit() and int(raw) > 0:
        return int(raw)
    try:
        return max(1, min(len(os.sched_getaffinity(0)), 4))
    except AttributeError:  # not Linux
        return 1


def pmap(func: Callable[[Any], Any], items: Sequence[Any]) -> list[Any]:
    """``[func(x) for x in items]``, in forked worker processes when it pays; the order is kept."""
    workers = jobs()
    if workers <= 1 or len(items) < MIN_ITEMS:
        return [func(item) for item in items]
    import multiprocessing  # only here: most rebuilds render a note or two (~7 ms to import)

    if "fork" not in multiprocessing.get_all_start_methods():
        return [func(item) for item in items]
    # The first item runs here, before the fork, so that whatever it imports or builds lazily (Markdown's
    # extensions, compiled templates) is done once and inherited, never started inside a worker.
    first = func(items[0])
    rest = items[1:]
    global _task
    _task = func
    try:
        size = -(-len(rest) // (workers * 4))
        chunks = [rest[i : i + size] for i in range(0, len(rest), size)]
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            parts = pool.map(_run_chunk, chunks)
    finally:
        _task = None
    return [first, *(result for part in parts for result in part)]


def _run_chunk(chunk: Sequence[Any]) -> list[Any]:
    assert _task is not None
    return [_task(item) for item in chunk]
