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


def requirement_data(result: RequirementResult) -> dict[str, Any]:
    """One requirement's figures and the activities that fed each (also `portfolio status --json`)."""
    req = result.requirement
    window = req.window
    return {
        "name": req.name,
        "authority": req.authority,
        "state": result.state,
        "earned": amount(result.earned),
        "needed": amount(result.needed),
        "remaining": amount(result.remaining),
        "credit_types": list(req.credit_types),
        "window": {
            "kind": window.kind,
            "start": _iso(result.start),
            "end": result.end.isoformat(),
            **({"months": window.months} if window.months else {}),
        },
        "due": _iso(result.due),
        "days_left": result.days_left,
        "before_caps": amount(result.gross),
        "minimums": [
            {
                "topic": m.minimum.topic,
                "credit_types": list(m.credit_types),
                "exclude_topics": list(m.minimum.exclude_topics),
                "earned": amount(m.earned),
                "needed": amount(m.needed),
                "remaining": amount(m.remaining),
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
        "totals": {k: amount(v) for k, v in ev.totals.items()},
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


def transcript_csv(ev: Evaluation) -> str:
    """One row per activity and credit type (an activity with two credit types has two rows)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
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
