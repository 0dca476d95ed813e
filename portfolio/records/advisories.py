"""After loading: warnings that depend on the as-of date or on the record as a whole.

Run after load() by the commands that show them (today `portfolio check`); load() never calls them.
"""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path

from portfolio import model
from portfolio.errors import plural
from portfolio.model import Record
from portfolio.records.activity import CERTIFICATE_SUFFIXES


def _named_credit_types(record: Record) -> set[str]:
    """Credit types the profile and the requirements spell out: the reference for typo warnings."""
    names = {record.profile.default_credit_type} if record.profile.default_credit_type else set()
    for req in record.requirements:
        names.update(req.credit_types)
        for minimum in req.minimums:
            names.update(minimum.credit_types)
    return names


def advisories(record: Record, as_of: dt.date) -> list[tuple[str, int, str]]:
    """Warnings that depend on the as-of date or on the record as a whole: (path, line, message)."""
    found: list[tuple[str, int, str]] = []
    cited: set[str] = set()
    known_types = _named_credit_types(record)
    for a in record.activities:
        cited.update(c.path for c in a.certificates)
        for credit in a.credits:
            if known_types and credit.type not in known_types:
                close = difflib.get_close_matches(credit.type, sorted(known_types), n=1, cutoff=0.8)
                if close:
                    found.append(
                        (
                            a.source,
                            a.line("credit_type" if "credit_type" in a.lines else "credits"),
                            f"credit type '{credit.type}' is not one your requirements name (did you mean "
                            f"'{close[0]}'?); as written it counts only where every type is accepted",
                        )
                    )
        if a.completed > as_of:
            found.append(
                (
                    a.source,
                    a.line("end_date" if a.end_date else "date"),
                    f"completed {a.completed}, after {as_of}: it counts nowhere yet",
                )
            )
        if a.state == model.UNDOCUMENTED:
            found.append(
                (
                    a.source,
                    a.line("title"),
                    "no certificate: listed but never counted; add 'certificate:' once you have the proof",
                )
            )
        if a.state == model.PENDING and a.claim_by is not None:
            days = (a.claim_by - as_of).days
            if days < 0:
                found.append(
                    (
                        a.source,
                        a.line("claim_by"),
                        f"claim deadline {a.claim_by} passed {plural(-days, 'day')} ago; ask the provider whether it can still be claimed",
                    )
                )
            elif days <= 14:
                found.append(
                    (
                        a.source,
                        a.line("claim_by"),
                        f"claim deadline {a.claim_by} is in {plural(days, 'day')}: complete the evaluation and save the certificate",
                    )
                )
        if a.status != "pending" and a.claim_by is not None:
            found.append(
                (a.source, a.line("claim_by"), "'claim_by' is only used with 'status: pending'")
            )
        for topic in a.topics:
            biggest = max((c.amount for c in a.credits), default=None)
            if topic.credits is not None and biggest is not None and topic.credits > biggest:
                found.append(
                    (
                        a.source,
                        a.line("topics"),
                        f"topic '{topic.name}' claims {topic.credits} credits but the activity has at most {biggest}; counted as {biggest}",
                    )
                )
    for path in record.certificate_files:
        if path not in cited and Path(path).suffix.lower() in CERTIFICATE_SUFFIXES:
            found.append((f"content/{path}", 0, "certificate is not cited by any activity"))
    return found
