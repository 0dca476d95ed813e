"""Finding the record's root the way git finds its repository: from the current folder upwards."""

from __future__ import annotations

import os
from pathlib import Path


def find_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` that holds a record; ``start`` itself when none does.

    A folder holds a record when it has ``content/portfolio.yaml`` (``start`` only needs ``content/``,
    so a half-made record is still reported on where the user stands). The answer is relative to the
    current folder when it lies above it (``..``, ``../..``), so messages show paths the user can open.
    """
    here = start.resolve()
    if (here / "content").is_dir():
        return start
    for parent in here.parents:
        if (parent / "content" / "portfolio.yaml").is_file():
            try:
                return Path(os.path.relpath(parent, Path.cwd()))
            except ValueError:  # another drive on Windows
                return parent
    return start
