"""`portfolio check --certificates`: does each activity still match the certificate that proves it?

Each cited certificate is read with :mod:`portfolio.scan`; where the record and its proof disagree — credits,
credit type, dates, a title that does not resemble the certificate's, someone else's name — a warning is
given at the activity's line. A certificate cited by several activities (an annual transcript) proves many
records at once and is not compared field by field.

What was read is cached on each certificate's SHA-256 in one file in the user's cache folder
(``$PORTFOLIO_CACHE_DIR``, else ``$XDG_CACHE_HOME/portfolio``, else ``~/.cache/portfolio``), never inside
content/: a second run reads no certificate again. A file's SHA-256 is itself remembered by path, size and
modification time, so an unchanged file is not even hashed again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from portfolio import scan
from portfolio.errors import Diagnostic
from portfolio.model import Activity, Certificate, Record

CACHE_FILE = "certificates.json"
SURE = 0.6  # a scanned field less sure than this is not compared


def cache_dir() -> Path:
    """Where the scan cache lives: never inside content/."""
    if os.environ.get("PORTFOLIO_CACHE_DIR"):
        return Path(os.environ["PORTFOLIO_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "portfolio"


def _rules_version() -> str:
    """The cache is only valid for the rules that filled it: the hash of scan.py's source."""
    return hashlib.sha256(Path(scan.__file__).read_bytes()).hexdigest()[:16]


@dataclass
class Cache:
    """File identity (path, size, mtime) → SHA-256, and SHA-256 → what was read."""

    path: Path
    version: str
    files: dict[str, list] = field(default_factory=dict)
    results: dict[str, dict] = field(default_factory=dict)
    changed: bool = False

    @classmethod
    def open(cls, folder: Path | None = None) -> Cache:
        path = (folder or cache_dir()) / CACHE_FILE
        version = _rules_version()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls(path, version)
        if not isinstance(data, dict) or data.get("version") != version:
            return cls(path, version)
        return cls(path, version, data.get("files", {}), data.get("results", {}))

    def sha256(self, cert: Certificate) -> str:
        stat = cert.source.stat()
        key = str(cert.source)
        known = self.files.get(key)
        if known and known[0] == stat.st_size and known[1] == stat.st_mtime_ns:
            return known[2]
        digest = cert.sha256
        self.files[key] = [stat.st_size, stat.st_mtime_ns, digest]
        self.changed = True
        return digest

    def save(self) -> None:
        if not self.changed:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(f".{os.getpid()}.tmp")
        data = {"version": self.version, "files": self.files, "results": self.results}
        temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, self.path)


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


def check_certificates(record: Record, cache: Cache | None = None) -> Outcome:
    """Warnings where an activity and the certificate it cites disagree; reads only what the cache lacks."""
    from portfolio import certificates

    cache = cache or Cache.open()
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
            digest = cache.sha256(cert)
            stored = cache.results.get(digest)
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
                cache.results[digest] = stored
                cache.changed = True
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
    cache.save()
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
