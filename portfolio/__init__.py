"""portfolio: a physician's CME record, kept as plain files, turned into a private site and transcript."""

from __future__ import annotations

__version__ = "0.1.0"
