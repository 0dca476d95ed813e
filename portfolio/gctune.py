"""Run Python's cyclic garbage collector less often during the build's allocation-heavy stages."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """Raise the collector's thresholds for the duration of a block; restore them after.

    Rendering (Jinja, Markdown, WeasyPrint's layout) allocates millions of short-lived objects, and with the
    default thresholds the collector keeps re-scanning the growing heap. Measured: the 1,000-activity PDF
    9.4 s → 7.4 s CPU, the 10,000-activity HTML render stage 11.1 s → 9.0–9.7 s. Memory is still freed by
    reference counting; only cycles wait, and they are collected once the thresholds are restored.
    """
    saved = gc.get_threshold()
    gc.set_threshold(50_000, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*saved)
