"""The one way a command goes from a record folder to figures: load → evaluate → (git history).

Every command that shows figures — ``build``, ``pdf``, ``share``, ``status``, ``diff`` — calls
:func:`evaluated`, so none of them can skip a step the others take (``share`` once left out the history, so
its transcript did not flag entries logged late).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from portfolio import history, records
from portfolio.errors import Diagnostic, Diagnostics
from portfolio.evaluate import Evaluation, evaluate

if TYPE_CHECKING:
    from portfolio.certificates import Inspections
    from portfolio.model import Record
    from portfolio.source_cache import ParsedCache

Stage = Callable[
    [str], AbstractContextManager[object]
]  # e.g. site.Timer: ``with timer("load"): …``


def _untimed(_name: str) -> AbstractContextManager[object]:
    return contextlib.nullcontext()


@dataclass(frozen=True)
class Evaluated:
    record: Record
    diagnostics: Diagnostics  # warnings found while loading (errors raise RecordError)
    ev: Evaluation

    def warnings(self) -> list[Diagnostic]:
        """What `check` lists and every other command counts: the loader's warnings, then the advisories that
        depend on the as-of date (claim deadlines, activities in the future), run on the evaluated record."""
        return records.all_warnings(self.record, self.diagnostics, self.ev.as_of)


def evaluated(
    root: Path,
    as_of: dt.date,
    *,
    inspections: Inspections | None = None,
    parsed: ParsedCache | None = None,
    with_history: bool = True,
    timer: Stage = _untimed,
) -> Evaluated:
    """Load the record under ``root`` and evaluate it on ``as_of``; raise RecordError for its mistakes.

    ``with_history``: read when each activity was committed (one ``git log``), so late entries are flagged;
    commands that never show it (``status``, ``diff``) skip the git call. ``inspections``: the certificate
    verdict cache (see certificates.Inspections); ``parsed``: front matter an earlier build parsed
    (source_cache.ParsedCache). ``timer`` times each stage under its name.
    """
    with timer("load"):
        record, diags = records.load(root, inspections, parsed)
    with timer("evaluate"):
        ev = evaluate(record, as_of)
    if with_history:
        with timer("history"):
            ev = history.with_history(ev)
    return Evaluated(record, diags, ev)
