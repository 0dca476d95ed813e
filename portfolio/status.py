"""`portfolio status`: requirement progress, pending claims and the next deadlines, in the terminal.

The figures come from the evaluate stage and ``exports.requirement_data`` (``--json`` prints the very objects
transcript.json holds); this module only lays them out. Colour only on a terminal, never with NO_COLOR.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence

from portfolio import deadlines, exports
from portfolio.errors import plural
from portfolio.evaluate import Evaluation
from portfolio.exports import activities_short, compact_progress, text_amount
from portfolio.render import long_date
from portfolio.requirements import (
    IN_PROGRESS,
    MET,
    NOT_APPLICABLE,
    OVERDUE,
    STATE_LABELS,
    RequirementResult,
)

Day = Callable[[dt.date | None], str]  # a date in the profile's site.date_format

HORIZON_DAYS = 90  # deadlines shown under "Coming up"

_COLOURS = {"green": "32", "yellow": "33", "red": "31", "bold": "1", "dim": "2"}
STATE_COLOURS = {MET: "green", IN_PROGRESS: "yellow", OVERDUE: "red", NOT_APPLICABLE: "dim"}


def use_colour(stream: object) -> bool:
    """Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    if "NO_COLOR" in os.environ:
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def status_data(ev: Evaluation) -> dict:
    """`status --json`: the requirement objects of transcript.json, plus pending claims and deadlines."""
    return {
        "as_of": ev.as_of.isoformat(),
        "requirements": [exports.requirement_data(r) for r in ev.requirements],
        "pending": [
            {
                "id": a.id,
                "title": a.title,
                "provider": a.provider,
                "claim_by": a.claim_by.isoformat() if a.claim_by else None,
                "days_left": ev.days_to_claim(a),
                "overdue": a.overdue(ev.as_of),
            }
            for a in ev.pending
        ],
        "deadlines": [
            {
                "date": d.date.isoformat(),
                "days_left": (d.date - ev.as_of).days,
                "kind": d.kind,
                "title": d.title,
            }
            for d in deadlines.upcoming(ev, HORIZON_DAYS)
        ],
    }


class _Paint:
    def __init__(self, enabled: bool):
        self.enabled = enabled

    def __call__(self, text: str, colour: str) -> str:
        if not self.enabled or not text:
            return text
        return f"\x1b[{_COLOURS[colour]}m{text}\x1b[0m"


def report(ev: Evaluation, colour: bool = False) -> str:
    """The whole terminal report as text."""
    paint = _Paint(colour)
    name = ev.record.profile.name
    style = ev.record.profile.site.date_format  # the site's and the PDF's date style

    def day(value: dt.date | None) -> str:
        return long_date(value, style)

    lines = [paint(f"CME status for {name}, as of {day(ev.as_of)}", "bold"), ""]
    lines += _requirements(ev, paint, day)
    lines.append("")
    lines += _pending(ev, paint, day)
    lines.append("")
    lines += _coming_up(ev, paint, day)
    return "\n".join(lines) + "\n"


def _requirements(ev: Evaluation, paint: _Paint, day: Day) -> list[str]:
    if not ev.requirements:
        return [
            paint("Requirements", "bold"),
            "  None yet: list what you owe in content/requirements.yaml "
            "('portfolio rules' lists rule sets to copy).",
        ]
    header = ("Requirement", "Status", "Earned / needed", "Still needed", "Due", "Days left")
    rows = [_row(r, day) for r in ev.requirements]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    right = {2, 3, 5}  # numbers line up on the right

    def line(cells: Sequence[str], state: str | None = None) -> str:
        out = []
        for i, cell in enumerate(cells):
            padded = cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
            if i == 1 and state:
                padded = paint(padded, STATE_COLOURS[state])
            out.append(padded)
        return "  " + "  ".join(out).rstrip()

    lines = [paint("Requirements", "bold"), paint(line(header), "bold")]
    for result, row in zip(ev.requirements, rows, strict=True):
        lines.append(line(row, result.state))
        lines += [f"      {text}" for text in _beneath(result, day)]
    return lines


def _row(result: RequirementResult, day: Day) -> tuple[str, ...]:
    kind = result.requirement.window.kind
    if not result.applies:
        due, days = "—", "—"
    elif kind == "rolling":
        due, days = f"rolling, last {result.requirement.window.months} months", "—"
    elif kind == "lifetime":
        due, days = "one-time", "—"
    else:
        assert result.due is not None and result.days_left is not None
        due = day(result.due)
        if result.days_left >= 0:
            days = str(result.days_left)
        else:
            days = f"ended {plural(-result.days_left, 'day')} ago"
    return (
        result.requirement.name,
        STATE_LABELS[result.state].lower(),
        compact_progress(result) if result.applies else "—",
        _still_needed(result),
        due,
        days,
    )


def _still_needed(result: RequirementResult) -> str:
    """'12.50', '1 activity': what is left of the total; once the total is reached, what its minimums lack.

    Never '0.00' beside a requirement that is not met: '1.00 in opioids', '1 more activity in ethics'.
    """
    if not result.applies:
        return "—"
    parts = []
    if result.remaining:
        parts.append(text_amount(result.remaining))
    if result.remaining_activities:
        parts.append(plural(result.remaining_activities, "activity", "activities"))
    if not parts:  # the total is reached: what its minimums still lack
        parts = deadlines.shortfall(result)
    if not parts and result.remaining is not None:
        parts.append(text_amount(result.remaining))
    return ", ".join(parts) or "0"


def _beneath(result: RequirementResult, day: Day) -> list[str]:
    """Why it does not apply; each unmet minimum, each cap that held credits back, what carried in."""
    if not result.applies:
        return [f"does not apply: {result.reason}"]
    lines = []
    for m in result.minimums:
        if not m.applies:
            lines.append(f"{m.minimum.label or 'minimum'} does not apply: {m.reason}")
            continue
        label = m.minimum.label or "minimum"
        if m.remaining:
            lines.append(
                f"needs {text_amount(m.remaining)} more in {label} "
                f"({text_amount(m.earned)} of {text_amount(m.needed)})"
            )
        if short := activities_short(m):
            lines.append(
                f"needs {plural(short, 'more activity', 'more activities')} in {label} "
                f"({m.counted_activities} of {m.needed_activities})"
            )
    if result.carry is not None and result.carried:
        lines.append(
            f"includes {text_amount(result.carried)} carried over from {day(result.carry.start)} – "
            f"{day(result.carry.end)} (at most {text_amount(result.carry.limit)})"
        )
    for c in result.caps:
        if c.binds:
            lines.append(
                f"{c.cap.topic}: only {text_amount(c.limit)} may count; "
                f"{text_amount(c.capped)} of its {text_amount(c.topic_total)} credits were left out"
            )
    return lines


def _pending(ev: Evaluation, paint: _Paint, day: Day) -> list[str]:
    lines = [paint("Pending claims (attended, credit not claimed yet)", "bold")]
    attended = [a for a in ev.pending if a.completed <= ev.as_of]
    if not attended:
        return lines + ["  None."]
    rows = []
    for a in attended:
        days = ev.days_to_claim(a)
        if a.claim_by is None or days is None:
            when, colour = "no deadline given", "dim"
        elif days < 0:
            when, colour = f"OVERDUE by {plural(-days, 'day')}", "red"
        else:
            when, colour = _countdown(days), "yellow" if days <= 14 else ""
        rows.append((day(a.claim_by), when, colour, f"{a.title} ({a.provider})"))
    by_width = max(len(r[0]) for r in rows)
    width = max(len(r[1]) for r in rows)
    for by, when, colour, what in rows:
        shown = paint(when.ljust(width), colour) if colour else when.ljust(width)
        lines.append(f"  {by:{by_width}}  {shown}  {what}".rstrip())
    return lines


def _coming_up(ev: Evaluation, paint: _Paint, day: Day) -> list[str]:
    lines = [paint(f"Deadlines in the next {HORIZON_DAYS} days", "bold")]
    found = deadlines.upcoming(ev, HORIZON_DAYS)
    if not found:
        return lines + ["  Nothing due."]
    rows = [(day(d.date), _countdown((d.date - ev.as_of).days), d.title) for d in found]
    day_width = max(len(r[0]) for r in rows)
    width = max(len(r[1]) for r in rows)
    lines += [f"  {on:{day_width}}  {when.ljust(width)}  {title}" for on, when, title in rows]
    return lines


def _countdown(days: int) -> str:
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    return f"in {plural(days, 'day')}"
