"""Which activities a transcript covers: the whole record, one requirement's window, or explicit dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from portfolio.errors import RecordError, did_you_mean
from portfolio.evaluate import Evaluation
from portfolio.render import long_date
from portfolio.requirements import RequirementResult


@dataclass(frozen=True)
class Period:
    """Which activities a transcript covers: completed from ``start`` (None: no lower bound) to ``end``."""

    start: dt.date | None
    end: dt.date  # never after the as-of date: nothing completed later counts yet
    label: str  # as printed: "Jul 1, 2025 to Nov 25, 2026" (site.date_format)
    slug: str  # for the default file name
    requirement: RequirementResult | None = None
    note: str = ""  # e.g. "requirement window 2025-07-01 to 2027-06-30; activities completed by …"
    until: dt.date | None = (
        None  # the period's own last day before the as-of date cut it (None: open)
    )

    def contains(self, day: dt.date) -> bool:
        return (self.start is None or day >= self.start) and day <= self.end

    def reaches(self, day: dt.date) -> bool:
        """Inside the period as asked, ignoring the as-of cut (to name activities not completed yet)."""
        return (self.start is None or day >= self.start) and (
            self.until is None or day <= self.until
        )


def chosen_period(
    ev: Evaluation,
    requirement: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
) -> Period:
    """The period a command was asked for: the window of ``requirement``, else ``date_from`` to ``date_to``
    (a missing one is refused, as a date that is not one), else the whole record."""
    if requirement is not None:
        return requirement_period(ev, requirement)
    if date_from is not None or date_to is not None:
        return date_period(ev, date_from or "", date_to or "")
    return whole_record(ev)


def whole_record(ev: Evaluation) -> Period:
    """Everything completed on or before the as-of date."""
    day = _shown(ev)
    first = min((a.completed for a in ev.activities), default=None)
    label = f"{day(first)} to {day(ev.as_of)}" if first else f"to {day(ev.as_of)}"
    return Period(
        None,
        ev.as_of,
        label,
        "all",
        note="the whole record: every activity completed on or before the as-of date",
    )


def requirement_period(ev: Evaluation, name: str) -> Period:
    """The window of the requirement called ``name`` (exact, else case- and punctuation-insensitive)."""
    results = ev.requirements
    found = next((r for r in results if r.requirement.name == name), None)
    if found is None:
        wanted = _loose(name)
        found = next((r for r in results if _loose(r.requirement.name) == wanted), None)
    if found is None:
        names = [r.requirement.name for r in results]
        known = "; ".join(f"'{n}'" for n in names) if names else "none"
        partial = [n for n in names if wanted and wanted in _loose(n)]
        hint = (
            f" (did you mean '{partial[0]}'?)" if len(partial) == 1 else did_you_mean(name, names)
        )
        raise RecordError.single(
            "--requirement",
            0,
            f"no requirement named '{name}' in content/requirements.yaml{hint}; known: {known}",
        )
    day = _shown(ev)
    end = min(found.end, ev.as_of)
    start = found.start
    name_ = found.requirement.name
    if start is None:  # lifetime: from the first activity on record
        first = min((a.completed for a in ev.activities), default=end)
        label = f"{day(first)} to {day(end)}"
        note = f"the lifetime window of '{name_}': every activity completed by {day(end)}"
    else:
        label = f"{day(start)} to {day(end)}"
        note = f"the window of '{name_}' ({day(start)} to {day(found.end)})"
        if end < found.end:
            note += f"; activities completed by the as-of date {day(ev.as_of)}"
        if end < start:  # the window has not begun: an empty period, never a reversed one
            label = f"{day(start)} to {day(found.end)} (not begun yet)"
            end = start - dt.timedelta(days=1)
    return Period(start, end, label, found.requirement.slug, found, note, found.end)


def date_period(ev: Evaluation, date_from: str, date_to: str) -> Period:
    """An explicit period ``--from D --to D`` (both included)."""
    start = _date_option("--from", date_from)
    end = _date_option("--to", date_to)
    if end < start:
        raise RecordError.single(
            "--to", 0, f"the period ends ({end}) before it starts ({start}); swap --from and --to"
        )
    day = _shown(ev)
    shown_end = min(end, ev.as_of)
    note = f"activities completed from {day(start)} to {day(end)}"
    if shown_end < end:
        note += f" (only those completed by the as-of date {day(ev.as_of)} count)"
    if shown_end < start:
        shown_end = start - dt.timedelta(days=1)  # an empty period: it starts after the as-of date
    label = f"{day(start)} to {day(end)}"
    return Period(start, shown_end, label, f"{start}-to-{end}", None, note, end)


def _date_option(option: str, value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise RecordError.single(
            option, 0, f"must be a date written YYYY-MM-DD (got {value!r})"
        ) from None


def _shown(ev: Evaluation) -> Callable[[dt.date | None], str]:
    """A date as the transcript prints it (``site.date_format``)."""
    style = ev.record.profile.site.date_format
    return lambda day: long_date(day, style)


def _loose(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())
