"""transcript.json and transcript.csv: the record for programs and spreadsheets (SPEC §3).

Amounts are JSON numbers rounded to two decimals; the output is byte-stable for a given record and as-of date.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from portfolio import __version__
from portfolio.evaluate import Evaluation
from portfolio.model import CENT, Activity
from portfolio.requirements import Contribution, Exclusion, RequirementResult


def amount(value: Decimal) -> float:
    """A JSON number with at most two decimals (the float of an exact two-decimal value prints exactly)."""
    return float(value.quantize(CENT, rounding=ROUND_HALF_UP))


def text_amount(value: Decimal) -> str:
    """'12.50'-style text for tables and CSV."""
    return str(value.quantize(CENT, rounding=ROUND_HALF_UP))


def _activities(count: int) -> str:
    return "activity" if count == 1 else "activities"


def _progress(figure: Any, between: str, unit: str) -> str:
    parts = []
    if figure.needed is not None:
        parts.append(f"{text_amount(figure.earned)}{between}{text_amount(figure.needed)}{unit}")
    if figure.needed_activities is not None:
        needed = figure.needed_activities
        parts.append(f"{figure.counted_activities}{between}{needed} {_activities(needed)}")
    return ", ".join(parts)


def progress_text(figure: Any) -> str:
    """'3.00 of 2.00 credits', '1 of 1 activity', or both: what a requirement or minimum asks, and has.

    ``figure`` is a RequirementResult or a MinimumResult; every output words its progress with this.
    """
    return _progress(figure, " of ", " credits")


def compact_progress(figure: Any) -> str:
    """'10.00 / 50.00' in credits; '1 / 1 activity' for a course to complete; both when both are asked."""
    return _progress(figure, " / ", "")


def asked_text(figure: Any) -> str:
    """'50.00 credits', '1 activity', or both joined by 'and': what a requirement or minimum asks."""
    parts = []
    if figure.needed is not None:
        parts.append(f"{text_amount(figure.needed)} credits")
    if figure.needed_activities is not None:
        parts.append(f"{figure.needed_activities} {_activities(figure.needed_activities)}")
    return " and ".join(parts)


def activities_short(figure: Any) -> int:
    """How many more activities a requirement or minimum asks for (0 when none or enough)."""
    if figure.needed_activities is None:
        return 0
    return max(0, figure.needed_activities - figure.counted_activities)


def shortfall_text(figure: Any) -> str:
    """'1.00 more', '1 more activity', or both: what a requirement or minimum still lacks ('' when nothing)."""
    parts = []
    if figure.remaining:
        parts.append(f"{text_amount(figure.remaining)} more")
    if short := activities_short(figure):
        parts.append(f"{short} more {_activities(short)}")
    return ", ".join(parts)


def _iso(day: Any) -> str | None:
    return day.isoformat() if day else None


def activity_data(activity: Activity, ev: Evaluation) -> dict[str, Any]:
    return {
        "id": activity.id,
        "title": activity.title,
        "date": activity.date.isoformat(),
        "end_date": _iso(activity.end_date),
        "provider": activity.provider,
        "accreditor": activity.accreditor,
        "format": activity.format,
        "state": activity.state,
        "counted": ev.counted(activity),
        "credits": [{"type": c.type, "amount": amount(c.amount)} for c in activity.credits],
        "topics": [
            {"topic": t.name, "credits": amount(t.credits) if t.credits is not None else None}
            for t in activity.topics
        ],
        "certificates": [{"path": c.site_path, "sha256": c.sha256} for c in activity.certificates],
        "claim_by": _iso(activity.claim_by),
        "overdue": activity.overdue(ev.as_of),
        "location": activity.location,
        "url": activity.url,
        "source": activity.source,
        "page": activity.page,
        **_history(activity, ev),
    }


def _history(activity: Activity, ev: Evaluation) -> dict[str, Any]:
    """``recorded_on``/``changed_on`` from git (null: not yet committed); nothing at all without git."""
    if ev.history is None:
        return {}
    dates = ev.history.of(activity)
    return {
        "recorded_on": _iso(dates.recorded_on),
        "changed_on": _iso(dates.changed_on),
        "uncommitted_changes": dates.edited,
    }


def _contribution(c: Contribution) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": c.activity.id,
        "title": c.activity.title,
        "date": c.activity.completed.isoformat(),
        "credit_type": c.credit_type,
        "amount": amount(c.amount),
    }
    if c.note:
        data["note"] = c.note
    return data


def _exclusion(e: Exclusion) -> dict[str, Any]:
    return {
        "id": e.activity.id,
        "title": e.activity.title,
        "date": e.activity.completed.isoformat(),
        "reason": e.reason,
    }


def _optional(value: Decimal | None) -> float | None:
    return None if value is None else amount(value)


def requirement_data(result: RequirementResult) -> dict[str, Any]:
    """One requirement's figures and the activities that fed each (also `portfolio status --json`).

    ``needed``/``remaining`` are null when the rule asks only for a number of activities; ``carried`` (0 when
    nothing carries) is part of ``earned``, and ``carry_over`` lists the previous period's activities.
    """
    req = result.requirement
    window = req.window
    carry = result.carry
    return {
        "name": req.name,
        "authority": req.authority,
        "state": result.state,
        "applies": result.applies,
        "reason": result.reason or None,
        "earned": amount(result.earned),
        "needed": _optional(result.needed),
        "remaining": _optional(result.remaining),
        "needed_activities": result.needed_activities,
        "counted_activities": result.counted_activities,
        "credit_types": list(req.credit_types) if req.credit_types else "any",
        "topics": list(req.topics),
        "applies_if": list(req.applies_if),
        "effective": _iso(req.effective),
        "window": {
            "kind": window.kind,
            "start": _iso(result.start),
            "end": result.end.isoformat(),
            **({"months": window.months} if window.months else {}),
            **({"license": window.license} if window.license else {}),
            **({"cycles": window.cycles} if window.cycles else {}),
            **({"first_months": window.first_months} if window.first_months else {}),
        },
        "due": _iso(result.due),
        "days_left": result.days_left,
        "before_caps": amount(result.gross),
        "carried": amount(result.carried),
        "carry_over": None
        if carry is None
        else {
            "max_credits": amount(carry.limit),
            "from": {"start": carry.start.isoformat(), "end": carry.end.isoformat()},
            "earned": amount(carry.earned),
            "needed": amount(carry.needed),
            "carried": amount(carry.carried),
            "activities": [_contribution(c) for c in carry.contributions],
        },
        "minimums": [
            {
                "topic": m.minimum.topic,
                "topics": list(m.minimum.any_topics),
                "credit_types": list(m.credit_types),
                "exclude_topics": list(m.minimum.exclude_topics),
                "applies": m.applies,
                "reason": m.reason or None,
                "effective": _iso(m.minimum.effective),
                "earned": amount(m.earned),
                "needed": _optional(m.needed),
                "remaining": _optional(m.remaining),
                "needed_activities": m.needed_activities,
                "counted_activities": m.counted_activities,
                "met": m.met,
                "activities": [_contribution(c) for c in m.contributions],
                "excluded": [_exclusion(e) for e in m.excluded],
            }
            for m in result.minimums
        ],
        "caps": [
            {
                "topic": c.cap.topic,
                "max_share": amount(c.cap.max_share) if c.cap.max_share is not None else None,
                "max_credits": amount(c.cap.max_credits) if c.cap.max_credits is not None else None,
                "limit": amount(c.limit),
                "topic_total": amount(c.topic_total),
                "capped": amount(c.capped),
                "activities": [_contribution(x) for x in c.contributions],
            }
            for c in result.caps
        ],
        "activities": [_contribution(c) for c in result.contributions],
        "excluded": [_exclusion(e) for e in result.excluded],
        "reference": req.reference,
        "slug": req.slug,
    }


def transcript_data(ev: Evaluation) -> dict[str, Any]:
    profile = ev.record.profile
    return {
        "generator": f"portfolio {__version__}",
        "as_of": ev.as_of.isoformat(),
        "profile": {
            "name": profile.name,
            "credentials": list(profile.credentials),
            "specialty": profile.specialty,
            "npi": profile.npi,
            "licenses": [
                {"state": lic.state, "number": lic.number, "expires": _iso(lic.expires)}
                for lic in profile.licenses
            ],
            "board_certifications": [
                {"board": b.board, "specialty": b.specialty, "expires": _iso(b.expires)}
                for b in profile.board_certifications
            ],
            # Contact details stay off the published files unless site.show_contact says otherwise.
            **(
                {"contact": dataclasses.asdict(profile.contact)}
                if profile.site.show_contact
                else {}
            ),
        },
        "summary": {state: len(items) for state, items in ev.by_state.items()},
        "totals": {k: amount(v) for k, v in sorted(ev.totals.items())},  # sorted keys: byte-stable
        "topic_totals": {k: amount(v) for k, v in ev.topic_totals.items()},
        "topic_sources": {
            k: {"tagged": amount(v.tagged), "partial": amount(v.partial)}
            for k, v in ev.topic_split.items()
        },
        "activities": [activity_data(a, ev) for a in ev.activities],
        "requirements": [requirement_data(r) for r in ev.requirements],
    }


def to_json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


CSV_COLUMNS = (
    "date",
    "end_date",
    "title",
    "provider",
    "accreditor",
    "format",
    "state",
    "counted",
    "credit_type",
    "credits",
    "topics",
    "certificates",
    "sha256",
    "claim_by",
    "id",
)
HISTORY_COLUMNS = ("recorded_on", "changed_on")  # only when the record is in git
NOT_COMMITTED = "not yet committed"


def transcript_csv(ev: Evaluation) -> str:
    """One row per activity and credit type (an activity with two credit types has two rows)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    history = ev.history
    writer.writerow(CSV_COLUMNS + (HISTORY_COLUMNS if history else ()))
    for a in ev.activities:
        topics = "; ".join(
            t.name if t.credits is None else f"{t.name} ({text_amount(t.credits)})"
            for t in a.topics
        )
        base = [
            a.date.isoformat(),
            _iso(a.end_date) or "",
            a.title,
            a.provider,
            a.accreditor or "",
            a.format or "",
            a.state,
            "yes" if ev.counted(a) else "no",
        ]
        tail = [
            topics,
            "; ".join(c.site_path for c in a.certificates),
            "; ".join(c.sha256 for c in a.certificates),
            _iso(a.claim_by) or "",
            a.id,
        ]
        if history is not None:
            dates = history.of(a)
            tail += [
                _iso(dates.recorded_on) or NOT_COMMITTED,
                _iso(dates.changed_on) or NOT_COMMITTED,
            ]
        for credit in a.credits or (None,):
            credit_cells = [credit.type, text_amount(credit.amount)] if credit else ["", ""]
            writer.writerow([_safe_cell(v) for v in base + credit_cells + tail])
    return out.getvalue()


def _safe_cell(value: str) -> str:
    """Keep spreadsheet programs from running a cell as a formula (CSV injection)."""
    if value and value[0] in "=+-@\t\r" and not _is_number(value):
        return "'" + value
    return value


def _is_number(value: str) -> bool:
    try:
        Decimal(value)
    except ArithmeticError:
        return False
    return True
