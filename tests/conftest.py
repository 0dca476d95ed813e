from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from builder import RecordBuilder  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def rec(tmp_path: Path) -> RecordBuilder:
    return RecordBuilder(tmp_path)


@pytest.fixture
def repo() -> Path:
    return REPO
