from __future__ import annotations

from portfolio.cli import run

raise SystemExit(run())
