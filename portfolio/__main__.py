from __future__ import annotations

from portfolio.cli import main

raise SystemExit(main())
