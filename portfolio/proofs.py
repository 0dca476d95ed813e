"""`portfolio check --certificates`: does each activity still match the certificate that proves it?

Each cited certificate is read with :mod:`portfolio.scan`; where the record and its proof disagree — credits,
credit type, dates, a title that does not resemble the certificate's, someone else's name — a warning is
given at the activity's line. A certificate cited by several activities (an annual transcript) proves many
records at once and is not compared field by field.

What was read is cached on each certificate's SHA-256 beside the certificates' verdicts, in the site folder's
cache (:class:`portfolio.certificates.Inspections`, ``site/.portfolio-cache/certificates.json``): a second run
reads no certificate again, and an unchanged file is not even hashed again. Like every cache, it is kept only
in a site folder that ``build`` made; without one nothing is written anywhere.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from portfolio import certificates, scan
from portfolio.errors import Diagnostic
from portfolio.model import Activity, Certificate, Record

SURE = 0.6  # a scanned field less sure than this is not compared


def _rules_version() -> str:
    """The cache is only valid for the rules that filled it: the hash of scan.py's source."""
    return hashlib.sha256(Path(scan.__file__).read_bytes()).hexdigest()[:16]


def _freeze(result: scan.Scan) -> dict:
    fields: dict[str, Any] = {}
    for name, found in result.found.items():
        if found is None:
            fields[name] = None
            continue
        value = found.value
        if isinstance(value, dt.date):
            value = value.isoformat()
        elif name == "credits":
            value = [[kind, str(amount)] for kind, amount in value]
        fields[name] = [value, found.confidence, found.rule]
    return {"method": result.method, "fields": fields, "warnings": result.warnings}


def _thaw(data: dict, shown: str) -> scan.Scan:
    found: dict[str, scan.Found | None] = {}
    for name, item in data["fields"].items():
        if item is None:
            found[name] = None
            continue
        value, confidence, rule = item
        if name in ("date", "end_date"):
            value = dt.date.fromisoformat(value)
        elif name == "credits":
            value = [(kind, Decimal(amount)) for kind, amount in value]
        found[name] = scan.Found(value, confidence, rule)
    return scan.Scan(shown, data["method"], found, list(data["warnings"]))


@dataclass
class Outcome:
    diagnostics: list[Diagnostic]
    compared: int = 0  # certificates compared with their activity
    read: int = 0  # certificates read now
    cached: int = 0  # certificates whose reading came from the cache
    shared: int = 0  # transcripts cited by several activities: not compared
    unread: list[str] = field(default_factory=list)  # why some could not be read (e.g. no OCR)


def check_certificates(record: Record, inspections: certificates.Inspections) -> Outcome:
    """Warnings where an activity and the certificate it cites disagree; reads only what ``inspections``
    (the site folder's certificate cache) does not already know, and keeps what it read there."""
    rules = _rules_version()
    citing: dict[str, list[Activity]] = {}
    for activity in record.activities:
        for cert in activity.certificates:
            citing.setdefault(cert.path, []).append(activity)
    outcome = Outcome([])
    profile_name = record.profile.name if record.profile else None
    for activity in record.activities:
        for cert in activity.certificates:
            if len(citing[cert.path]) > 1:
                outcome.shared += activity is citing[cert.path][0]
                continue
            digest = cert.sha256  # already known from the inspections when the file did not change
            stored = inspections.reading(digest, rules)
            outcome.cached += stored is not None
            if stored is None:
                outcome.read += 1
                try:
                    result = scan.scan_file(cert.source, cert.path)
                except certificates.OcrUnavailable as exc:
                    outcome.unread.append(f"{cert.path}: {exc}")
                    continue  # not cached: it can be read once OCR is installed
                except certificates.UnreadableCertificate as exc:
                    stored = {"error": str(exc)}
                else:
                    stored = _freeze(result)
                inspections.remember_reading(digest, rules, stored)
            if "error" in stored:
                outcome.diagnostics.append(
                    Diagnostic(
                        activity.source,
                        activity.line("certificate"),
                        "warning",
                        f"certificate '{cert.path}' could not be read: it {stored['error']}",
                    )
                )
                continue
            result = _thaw(stored, cert.path)
            scan.check_name(result, profile_name)
            outcome.compared += 1
            outcome.diagnostics += compare(activity, cert, result)
    inspections.save()
    return outcome


# ---------------------------------------------------------------- record against proof


def _sure(result: scan.Scan, name: str) -> Any:
    found = result.found.get(name)
    return found.value if found is not None and found.confidence >= SURE else None


def _amount(value: Decimal) -> str:
    return f"{value:.2f}"


def compare(activity: Activity, cert: Certificate, result: scan.Scan) -> list[Diagnostic]:
    """Each disagreement between one activity and what its certificate says, at the field's line."""
    out: list[Diagnostic] = []
    where = f"certificate '{cert.path}'"

    def warn(key: str, message: str) -> None:
        out.append(Diagnostic(activity.source, activity.line(key), "warning", message))

    credits_key = "credits" if "credits" in activity.lines else "credit_type"
    found = result.found.get("credits")
    recorded = {scan.normalise_type(c.type): c.amount for c in activity.credits}
    if found is not None and found.rule == "participation only" and recorded:
        warn(
            credits_key,
            f"the record claims credit, but {where} is a certificate of participation that shows none earned",
        )
    shown = {kind: amount for kind, amount in (_sure(result, "credits") or [])}
    if shown and recorded and activity.status != "educational":
        common = set(shown) & set(recorded)
        if not common:
            warn(
                credits_key,
                f"credit type: the record says {', '.join(sorted(recorded))}; {where} says "
                f"{', '.join(sorted(shown))}",
            )
        for kind in sorted(common):
            if shown[kind] != recorded[kind]:
                more = " (more than the certificate shows)" if recorded[kind] > shown[kind] else ""
                warn(
                    credits_key,
                    f"credits: the record says {_amount(recorded[kind])} {kind}{more}; {where} says "
                    f"{_amount(shown[kind])}",
                )
        for kind in sorted(set(recorded) - set(shown)) if common else ():
            warn(credits_key, f"credits: the record claims {kind}, which {where} does not show")
    date = _sure(result, "date")
    if date is not None and date != activity.date:
        warn("date", f"date: the record says {activity.date}; {where} says {date}")
    end = _sure(result, "end_date")
    if end is not None and end != (activity.end_date or activity.date):
        said = activity.end_date or "no end_date"
        warn(
            "end_date" if activity.end_date else "date",
            f"end_date: the record says {said}; {where} says the activity ran until {end}",
        )
    title = _sure(result, "title")
    if title is not None and not resembles(activity.title, title):
        warn(
            "title", f"title: '{activity.title}' does not resemble the title on {where}: '{title}'"
        )
    for message in result.warnings:
        if "someone else" in message:
            warn("certificate", f"{where}: {message}")
    return out


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 2 or w.isdigit()}


def resembles(recorded: str, on_certificate: str) -> bool:
    """Titles alike: at least half the words of the shorter one appear in the other (a record may shorten
    or extend the certificate's title: 'ACP Internal Medicine Meeting 2026' ~ 'Internal Medicine Meeting 2026')."""
    a, b = _words(recorded), _words(on_certificate)
    if not a or not b:
        return True
    return len(a & b) / min(len(a), len(b)) >= 0.5
