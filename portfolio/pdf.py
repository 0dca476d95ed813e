"""PDF stage: the evaluation → a transcript a credentialing committee accepts (SPEC §3, issue 5).

Rendered with WeasyPrint from the theme's ``pdf/transcript.html`` (and the ``pdf/transcript.css`` it includes),
so a user theme can override either. Everything the pages show is computed here or earlier (evaluate,
requirements); the template only lays figures out.

With certificates, the cited files are appended after the transcript and attached to the PDF:
- images are laid out by WeasyPrint itself, one per page, scaled to fit, with a caption;
- PDF pages cannot be drawn by WeasyPrint, so the transcript reserves one *placeholder* page per certificate
  page, sized like it plus a labelled band at the foot; pypdf then draws the certificate page underneath.
  Because the placeholders belong to WeasyPrint's document, "Page X of Y", the running labels and the
  bookmarks cover the whole file, appended pages included.

Reproducibility: the PDF's dates are the generation time (``SOURCE_DATE_EPOCH`` when set, else the date of
the clock at 00:00 UTC: the document shows the generation *date* only), and its /ID is a hash of the inputs;
WeasyPrint and pypdf write nothing else that varies, so the same inputs give the same bytes.

The site build caches the transcript on a content hash of every input (see :func:`inputs_hash`): when the
hash stored beside the previous site's PDF matches, that PDF is reused as is.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import json
import os
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from portfolio import __version__, clock, exports, records
from portfolio.errors import Diagnostic, RecordError, did_you_mean, warnings_hint
from portfolio.evaluate import Evaluation, evaluate, totals_for
from portfolio.gctune import fewer_collections
from portfolio.model import (
    DOCUMENTED,
    EDUCATIONAL,
    FORMAT_LABELS,
    PENDING,
    UNDOCUMENTED,
    Activity,
    Certificate,
)
from portfolio.requirements import IN_PROGRESS, MET, OVERDUE, RequirementResult

TEMPLATE = "pdf/transcript.html"
HASH_FILE = ".portfolio-pdf.sha256"
SITE_PDF = "transcript.pdf"
BAND = 22.0  # pt added at the foot of each appended certificate page for its label
CREATOR = f"portfolio {__version__}"

STATE_LABELS = {MET: "Met", IN_PROGRESS: "In progress", OVERDUE: "Overdue (window ended unmet)"}


# ---------------------------------------------------------------------------------------------- period


@dataclass(frozen=True)
class Period:
    """Which activities a transcript covers: completed from ``start`` (None: no lower bound) to ``end``."""

    start: dt.date | None
    end: dt.date  # never after the as-of date: nothing completed later counts yet
    label: str  # as printed: "2025-07-01 to 2026-11-25"
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


def whole_record(ev: Evaluation) -> Period:
    """Everything completed on or before the as-of date."""
    first = min((a.completed for a in ev.activities), default=None)
    label = (
        f"{first.isoformat()} to {ev.as_of.isoformat()}" if first else f"to {ev.as_of.isoformat()}"
    )
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
    end = min(found.end, ev.as_of)
    start = found.start
    name_ = found.requirement.name
    if start is None:  # lifetime: from the first activity on record
        first = min((a.completed for a in ev.activities), default=end)
        label = f"{first.isoformat()} to {end.isoformat()}"
        note = f"the lifetime window of '{name_}': every activity completed by {end.isoformat()}"
    else:
        label = f"{start.isoformat()} to {end.isoformat()}"
        note = f"the window of '{name_}' ({start.isoformat()} to {found.end.isoformat()})"
        if end < found.end:
            note += f"; activities completed by the as-of date {ev.as_of.isoformat()}"
        if end < start:  # the window has not begun: an empty period, never a reversed one
            label = f"{start.isoformat()} to {found.end.isoformat()} (not begun yet)"
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
    shown_end = min(end, ev.as_of)
    note = f"activities completed from {start} to {end}"
    if shown_end < end:
        note += f" (only those completed by the as-of date {ev.as_of.isoformat()} count)"
    if shown_end < start:
        shown_end = start - dt.timedelta(days=1)  # an empty period: it starts after the as-of date
    return Period(start, shown_end, f"{start} to {end}", f"{start}-to-{end}", None, note, end)


def _date_option(option: str, value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise RecordError.single(
            option, 0, f"must be a date written YYYY-MM-DD (got {value!r})"
        ) from None


def _loose(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


# ------------------------------------------------------------------------------------- certificates


@dataclass
class CitedCertificate:
    """One certificate file cited by the transcript's activities, with its reference C1, C2, …"""

    ref: str
    cert: Certificate
    activities: list[Activity] = field(default_factory=list)
    data: bytes = b""
    kind: str = ""  # "pdf" or "image", known once read
    pages: list[tuple[float, float]] = field(default_factory=list)  # PDF: visible size of each page


def cite(activities: Iterable[Activity]) -> list[CitedCertificate]:
    """Number the certificates in the order the activities cite them; a shared file gets one number."""
    cited: dict[str, CitedCertificate] = {}
    for activity in activities:
        for cert in activity.certificates:
            entry = cited.get(cert.path)
            if entry is None:
                entry = cited[cert.path] = CitedCertificate(f"C{len(cited) + 1}", cert)
            entry.activities.append(activity)
    return list(cited.values())


def read_certificates(cited: Sequence[CitedCertificate]) -> None:
    """Read every certificate to append; raise one RecordError naming each unusable file and its activity."""
    errors: list[Diagnostic] = []
    for entry in cited:
        problem = _read(entry)
        if problem:
            first = entry.activities[0]
            others = len(entry.activities) - 1
            also = (
                f" (also cited by {others} other activit{'ies' if others > 1 else 'y'})"
                if others
                else ""
            )
            message = f"certificate '{entry.cert.path}' {problem}{also}"
            errors.append(Diagnostic(first.source, first.line("certificate"), "error", message))
    if errors:
        raise RecordError(errors)


def _read(entry: CitedCertificate) -> str:
    """Fill ``entry`` from its file; return what is wrong with it, or ''."""
    try:
        entry.data = entry.cert.source.read_bytes()
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    if entry.data[:5] == b"%PDF-" or entry.cert.kind == "pdf":
        entry.kind = "pdf"
        return _read_pdf(entry)
    entry.kind = "image"
    return _read_image(entry)


def _read_pdf(entry: CitedCertificate) -> str:
    import pypdf
    from pypdf.errors import PyPdfError

    try:
        reader = pypdf.PdfReader(io.BytesIO(entry.data), strict=False)
        if reader.is_encrypted:
            return (
                "is an encrypted PDF, which cannot be appended or verified; "
                "save an unencrypted copy (e.g. print it to PDF) and cite that"
            )
        for page in reader.pages:
            box = page.cropbox
            width, height = float(box.width), float(box.height)
            if (page.get("/Rotate") or 0) % 180:
                width, height = height, width
            if width <= 0 or height <= 0:
                return "is not a readable PDF (a page has an empty size)"
            entry.pages.append((width, height))
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        return f"is not a readable PDF ({_short(exc)}); replace it with the original file"
    if not entry.pages:
        return "is a PDF without pages; replace it with the original file"
    return ""


def _read_image(entry: CitedCertificate) -> str:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(entry.data)) as image:
            image.verify()  # chunk checksums
            fmt = image.format
        with Image.open(io.BytesIO(entry.data)) as image:
            image.load()  # the pixels themselves (a truncated file passes verify())
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        return f"is neither a readable PDF nor a readable PNG/JPEG image ({_short(exc)})"
    if fmt not in ("PNG", "JPEG"):
        return f"is a {fmt} image; only PDF, PNG and JPEG certificates can be appended"
    return ""


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "…"


# ------------------------------------------------------------------------------------- view model


def _amount(value: Decimal) -> str:
    return exports.text_amount(value)


def _day(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def _dates(activity: Activity) -> str:
    if activity.end_date and activity.end_date != activity.date:
        return f"{activity.date.isoformat()} – {activity.end_date.isoformat()}"
    return activity.date.isoformat()


def _topic(topic: Any) -> str:
    return topic.name if topic.credits is None else f"{topic.name} ({_amount(topic.credits)})"


def _left_out_reason(activity: Activity, ev: Evaluation) -> tuple[str, str]:
    state = activity.state
    if state == UNDOCUMENTED:
        return "Undocumented", "no certificate on file: not counted"
    if state == PENDING:
        due = f"; claim by {activity.claim_by.isoformat()}" if activity.claim_by else ""
        late = " (overdue)" if activity.overdue(ev.as_of) else ""
        return "Pending", f"evaluation/claim not completed{due}{late}: not counted"
    if state == EDUCATIONAL:
        return "Educational", "not accredited CME: logged, never counted"
    return "Not yet completed", f"completed after the as-of date {ev.as_of.isoformat()}"


def _size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def _percent(share: Decimal) -> str:
    return f"{(share * 100).normalize():f} %"


def _requirement_view(result: RequirementResult) -> dict[str, Any]:
    req = result.requirement
    window = req.window
    if window.kind == "rolling":
        window_text = f"rolling {window.months} months: {_day(result.start)} to {_day(result.end)}"
    elif window.kind == "lifetime":
        window_text = f"lifetime (one-time), through {_day(result.end)}"
    else:
        window_text = f"{_day(result.start)} to {_day(result.end)}"
    due = ""
    if result.due:
        days = result.days_left or 0
        due = (
            f"{_day(result.due)} ({days} days left)" if days >= 0 else f"{_day(result.due)} (ended)"
        )
    return {
        "name": req.name,
        "authority": req.authority or "",
        "credit_types": ", ".join(req.credit_types) or "any accredited credit type",
        "window": window_text,
        "due": due,
        "state": result.state,
        "state_label": STATE_LABELS.get(result.state, result.state),
        "earned": _amount(result.earned),
        "needed": _amount(result.needed),
        "remaining": _amount(result.remaining),
        "gross": _amount(result.gross),
        "capped": any(c.capped for c in result.caps),
        "activities": len(result.contributions),
        "unmet": sum(1 for m in result.minimums if not m.met),
        "minimums": [
            {
                "label": m.minimum.label or "credits",
                "types": ", ".join(m.credit_types) or "any type",
                "exclude": ", ".join(m.minimum.exclude_topics),
                "earned": _amount(m.earned),
                "needed": _amount(m.needed),
                "remaining": _amount(m.remaining),
                "met": m.met,
                "excluded": len(m.excluded),
            }
            for m in result.minimums
        ],
        "caps": [
            {
                "topic": c.cap.topic,
                "rule": " and ".join(
                    part
                    for part in (
                        f"at most {_percent(c.cap.max_share)} of {_amount(result.needed)}"
                        if c.cap.max_share is not None
                        else "",
                        f"at most {_amount(c.cap.max_credits)} credits"
                        if c.cap.max_credits is not None
                        else "",
                    )
                    if part
                ),
                "limit": _amount(c.limit),
                "topic_total": _amount(c.topic_total),
                "capped": _amount(c.capped),
            }
            for c in result.caps
        ],
        "reference": req.reference or "",
        "notes": req.notes or "",
    }


@dataclass(frozen=True)
class Transcript:
    """Everything one PDF shows, computed before rendering."""

    context: dict[str, Any]
    cited: list[CitedCertificate]
    counted: int


def build_view(
    ev: Evaluation, period: Period, generated: dt.datetime, *, with_certificates: bool
) -> Transcript:
    """The template's context: every figure and string, already computed and formatted."""
    record = ev.record
    profile = record.profile
    in_period = [a for a in ev.activities if period.contains(a.completed)]
    counted = [a for a in in_period if a.state == DOCUMENTED]
    sub = totals_for(
        counted, ev.as_of, ev.topic_names
    )  # the evaluate stage's own sums, for the period
    cited = cite(counted)
    refs = {entry.cert.path: entry.ref for entry in cited}
    result = period.requirement
    toward = {c.activity.id: c for c in result.contributions} if result else {}
    rows = []
    for a in counted:
        contribution = toward.get(a.id)
        rows.append(
            {
                "date": a.date.isoformat(),
                "end": a.end_date.isoformat() if a.end_date and a.end_date != a.date else "",
                "title": a.title,
                "provider": a.provider,
                "accreditor": a.accreditor or "",
                "format": FORMAT_LABELS.get(a.format or "", ""),
                "credits": [{"type": c.type, "amount": _amount(c.amount)} for c in a.credits],
                "topics": [_topic(t) for t in a.topics],
                "refs": [refs[c.path] for c in a.certificates],
                "toward": _amount(contribution.amount) if contribution else "",
                "toward_note": contribution.note if contribution else "",
            }
        )
    left_out = []
    outside = []
    for a in ev.activities:
        if period.contains(a.completed):
            if a.state != DOCUMENTED:
                label, reason = _left_out_reason(a, ev)
                left_out.append(
                    {"dates": _dates(a), "title": a.title, "label": label, "reason": reason}
                )
        elif a.completed > ev.as_of and period.reaches(a.completed):
            left_out.append(
                {
                    "dates": _dates(a),
                    "title": a.title,
                    "label": "Not yet completed",
                    "reason": f"completed after the as-of date {ev.as_of.isoformat()}: counts nowhere yet",
                }
            )
        else:
            outside.append(a)
    outside_documented = sum(1 for a in outside if a.state == DOCUMENTED)
    certificates = [
        {
            "ref": entry.ref,
            "path": entry.cert.path,
            "sha256": entry.cert.sha256,
            "size": _size(entry.cert.size),
            "activities": [f"{_dates(a)} {a.title}" for a in entry.activities],
        }
        for entry in cited
    ]
    requirement = _requirement_view(result) if result else None
    overview = [_requirement_view(r) for r in ev.requirements] if result is None else []
    subject = f"Continuing medical education transcript, {period.label}"
    if result:
        subject += f", for {result.requirement.name}"
    title = f"CME transcript — {profile.name}"
    context = {
        "profile": {
            "name": profile.name,
            "credentials": ", ".join(profile.credentials),
            "specialty": profile.specialty or "",
            "npi": profile.npi or "",
            "licenses": [
                {"state": x.state, "number": x.number, "expires": _day(x.expires)}
                for x in profile.licenses
            ],
            "boards": [
                {"board": b.board, "specialty": b.specialty or "", "expires": _day(b.expires)}
                for b in profile.board_certifications
            ],
        },
        "doc": {
            "title": title,
            "author": profile.name,
            "subject": subject,
            "keywords": "CME, continuing medical education, transcript",
            "generator": CREATOR,
            "created": generated.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "generated": generated.astimezone(dt.UTC).date().isoformat(),
            "as_of": ev.as_of.isoformat(),
        },
        "period": {"label": period.label, "note": period.note},
        "rows": rows,
        "count": len(rows),
        "totals": [{"type": k, "amount": _amount(v)} for k, v in sub.totals.items()],
        "topic_totals": [{"topic": k, "amount": _amount(v)} for k, v in sub.topic_totals.items()],
        "requirement": requirement,
        "overview": overview,
        "left_out": left_out,
        "outside": {"total": len(outside), "documented": outside_documented},
        "certificates": certificates,
        "appendix": None,
    }
    if with_certificates:
        context["appendix"] = {"items": []}  # filled by _appendix once the files are read
    return Transcript(context, cited, len(counted))


def _appendix(view: Transcript) -> dict[str, Any]:
    """Placeholder pages (PDF certificates) and image pages, in certificate order."""
    items: list[dict[str, Any]] = []
    sizes: dict[str, dict[str, str]] = {}
    pages = 0
    for entry in view.cited:
        proves = (
            f"{_dates(entry.activities[0])} · {entry.activities[0].title}"
            if len(entry.activities) == 1
            else f"{len(entry.activities)} activities (listed under {entry.ref})"
        )
        item: dict[str, Any] = {
            "ref": entry.ref,
            "path": entry.cert.path,
            "proves": proves,
            "kind": entry.kind,
            "sha256": entry.cert.sha256,
            "pages": [],
        }
        if entry.kind == "pdf":
            for number, (width, height) in enumerate(entry.pages, start=1):
                name = f"cert-{round(width * 100)}-{round(height * 100)}"
                sizes[name] = {
                    "name": name,
                    "width": f"{width:.2f}pt",
                    "height": f"{height + BAND:.2f}pt",
                }
                item["pages"].append(
                    {"id": f"placeholder-{entry.ref}-{number}", "page": name, "number": number}
                )
                pages += 1
            item["count"] = len(entry.pages)
        else:
            item["src"] = entry.cert.source.resolve().as_uri()
            item["id"] = f"image-{entry.ref}"
            pages += 1
        items.append(item)
    return {"items": items, "sizes": list(sizes.values()), "band": f"{BAND:g}pt", "pages": pages}


# ------------------------------------------------------------------------------------- rendering


def _url_fetcher(allowed: Sequence[Path]) -> Any:
    """Only local files under ``allowed`` folders: no page of the transcript reaches the network."""
    from urllib.parse import unquote, urlsplit

    from weasyprint.urls import URLFetcher

    roots = [p.resolve() for p in allowed]

    class LocalFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:  # noqa: ANN401 - WeasyPrint's API
            parts = urlsplit(url)
            if parts.scheme != "file":
                raise ValueError(f"refusing to fetch {url!r}: the PDF uses local files only")
            path = Path(unquote(parts.path)).resolve()
            if not any(path.is_relative_to(root) for root in roots):
                raise ValueError(f"refusing to read {path}: outside the record and the theme")
            return super().fetch(url, headers)

    return LocalFetcher(allowed_protocols=["file"])


def _environment(root: Path, theme: str) -> Any:
    from portfolio import render

    return render.environment(render.theme_dirs(root, theme))


def theme_files(root: Path, theme: str) -> list[tuple[str, Path]]:
    """Every file under pdf/ in the theme folders, first match wins (what the cache hash covers)."""
    from portfolio import render

    seen: dict[str, Path] = {}
    for folder in render.theme_dirs(root, theme):
        for path in sorted((folder / "pdf").rglob("*")) if (folder / "pdf").is_dir() else []:
            if path.is_file():
                seen.setdefault(path.relative_to(folder).as_posix(), path)
    builtin = render.BUILTIN_THEMES / "default" / "pdf"
    for path in sorted(builtin.rglob("*")):  # reachable as "!default/pdf/…" from a user template
        if path.is_file():
            seen.setdefault("!default/" + path.relative_to(builtin.parent).as_posix(), path)
    return sorted(seen.items())


@dataclass
class Rendered:
    data: bytes
    pages: int
    appended: int  # certificate files appended
    render_seconds: float
    merge_seconds: float
    warnings: list[Diagnostic] = field(default_factory=list)  # e.g. PDF/A conformance risks


def render_pdf(
    ev: Evaluation,
    period: Period,
    *,
    generated: dt.datetime,
    with_certificates: bool = False,
    pdf_a: bool = False,
    identifier: str,
) -> Rendered:
    """Render the transcript (and appended certificates) to PDF bytes."""
    import weasyprint

    record = ev.record
    view = build_view(ev, period, generated, with_certificates=with_certificates)
    if with_certificates:
        read_certificates(view.cited)
        view.context["appendix"] = _appendix(view)
    env = _environment(record.root, record.profile.site.theme)
    started = time.perf_counter()
    html = env.get_template(TEMPLATE).render(**view.context)
    from portfolio import render

    dirs = render.theme_dirs(record.root, record.profile.site.theme)
    fetcher = _url_fetcher([record.content, *dirs])
    base = (dirs[0] / "pdf").as_uri() + "/"
    with fewer_collections():
        document = weasyprint.HTML(string=html, base_url=base, url_fetcher=fetcher).render()
    attachments = []
    if with_certificates:
        for entry in view.cited:
            attachments.append(
                weasyprint.Attachment(
                    file_obj=io.BytesIO(entry.data),
                    name=f"{entry.ref}-{entry.cert.source.name}",
                    description=f"{entry.ref}: {entry.cert.path} (SHA-256 {entry.cert.sha256})",
                    created=generated,
                    modified=generated,
                    relationship="Supplement",
                )
            )
    with fewer_collections():
        data = document.write_pdf(
            attachments=attachments,
            pdf_identifier=identifier.encode("ascii"),
            pdf_variant="pdf/a-3b" if pdf_a else None,
        )
    pages = len(document.pages)
    rendered_at = time.perf_counter()
    warnings = pdfa_risks(view.cited) if pdf_a and with_certificates else []
    if with_certificates and any(entry.kind == "pdf" for entry in view.cited):
        placeholders = {
            anchor: index for index, page in enumerate(document.pages) for anchor in page.anchors
        }
        data = _merge(data, view.cited, placeholders)
    return Rendered(
        data,
        pages,
        len(view.cited) if with_certificates else 0,
        rendered_at - started,
        time.perf_counter() - rendered_at,
        warnings,
    )


def pdfa_risks(cited: Sequence[CitedCertificate]) -> list[Diagnostic]:
    """Appended PDF certificates that make a PDF/A-3b file non-conforming: fonts not embedded.

    PDF/A requires every font to be embedded; pypdf draws the providers' pages as they are, so a
    certificate using, say, a non-embedded Helvetica breaks conformance. (Not checked: colour spaces
    without an output intent, annotation flags; no validator such as veraPDF is run.)
    """
    import pypdf

    risks = []
    for entry in cited:
        if entry.kind != "pdf":
            continue
        missing: set[str] = set()
        for page in pypdf.PdfReader(io.BytesIO(entry.data), strict=False).pages:
            fonts = (page.get("/Resources") or {}).get("/Font") or {}
            for font in fonts.get_object().values() if fonts else ():
                font = font.get_object()
                parts = [font]
                if font.get("/Subtype") == "/Type0":
                    parts = [d.get_object() for d in font.get("/DescendantFonts", [])]
                for part in parts:
                    if part.get("/Subtype") == "/Type3":
                        continue  # drawn with PDF operators: nothing to embed
                    ref = part.get("/FontDescriptor")
                    descriptor = ref.get_object() if ref is not None else {}
                    if not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                        missing.add(str(part.get("/BaseFont", "?")).lstrip("/"))
        if missing:
            first = entry.activities[0]
            risks.append(
                Diagnostic(
                    first.source,
                    first.line("certificate"),
                    "warning",
                    f"certificate '{entry.cert.path}' uses fonts that are not embedded "
                    f"({', '.join(sorted(missing))}): the --pdf-a file will not conform to PDF/A-3b",
                )
            )
    return risks


def _merge(data: bytes, cited: Sequence[CitedCertificate], placeholders: dict[str, int]) -> bytes:
    """Draw each PDF certificate page under its placeholder page, above the label band."""
    import pypdf
    from pypdf import Transformation

    writer = pypdf.PdfWriter(clone_from=io.BytesIO(data))
    writer.pdf_header = data[: data.index(b"\n")].decode("ascii")  # keep WeasyPrint's %PDF-1.7
    for entry in cited:
        if entry.kind != "pdf":
            continue
        source = pypdf.PdfReader(io.BytesIO(entry.data), strict=False)
        rotated = None
        for number, page in enumerate(source.pages, start=1):
            if (page.get("/Rotate") or 0) % 360:
                if rotated is None:  # pypdf rewrites rotated pages' content only inside a writer
                    rotated = pypdf.PdfWriter(clone_from=io.BytesIO(entry.data))
                page = rotated.pages[number - 1]
                page.transfer_rotation_to_content()
            box = page.cropbox
            target = writer.pages[placeholders[f"placeholder-{entry.ref}-{number}"]]
            move = Transformation().translate(-float(box.left), -float(box.bottom) + BAND)
            target.merge_transformed_page(page, move, over=False)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# ------------------------------------------------------------------------------------- cache


def inputs_hash(
    ev: Evaluation, generated: dt.datetime, options: dict[str, Any] | None = None
) -> str:
    """SHA-256 of everything the PDF depends on.

    The evaluation's data (profile, activities, certificates' SHA-256, requirement results, as-of date), the
    theme's pdf/ files, the options (period, certificates, PDF/A), the software versions (portfolio with this
    module's source, WeasyPrint, pydyf, pypdf) and the generation time: the exact SOURCE_DATE_EPOCH when it
    is set, else only the clock's date (UTC), since the document shows the generation date only. Fonts come
    from the system (DejaVu) and are not hashed.
    """
    record = ev.record
    digest = hashlib.sha256()

    def part(label: str, data: bytes) -> None:
        digest.update(f"{label}\0{len(data)}\0".encode())
        digest.update(data)

    part("evaluation", exports.to_json(exports.transcript_data(ev)).encode("utf-8"))
    # The PDF also prints what the JSON leaves out or rounds (requirement notes, exact shares): the model's
    # reprs are deterministic and hold every field.
    part("model", repr((record.profile, record.requirements)).encode("utf-8"))
    for rel, path in theme_files(record.root, record.profile.site.theme):
        part(f"theme:{rel}", path.read_bytes())
    part("options", json.dumps(options or {}, sort_keys=True, default=str).encode())
    part(
        "software",
        " ".join(
            [CREATOR, *(f"{name} {_version(name)}" for name in ("weasyprint", "pydyf", "pypdf"))]
        ).encode(),
    )
    part("code", Path(__file__).read_bytes())
    part("generated", _generation_key(generated).encode())
    return digest.hexdigest()


def _version(distribution: str) -> str:
    """An installed package's version without importing it (importing WeasyPrint takes a second)."""
    from importlib import metadata

    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "missing"


def _generation_key(generated: dt.datetime) -> str:
    if clock.source_date_epoch() is not None:
        return generated.astimezone(dt.UTC).isoformat()
    return generated.astimezone(dt.UTC).date().isoformat()


def _stamp(generated: dt.datetime) -> dt.datetime:
    """The time written into the PDF: SOURCE_DATE_EPOCH exactly, else the generation date at 00:00 UTC."""
    generated = generated.astimezone(dt.UTC)
    if clock.source_date_epoch() is not None:
        return generated
    return dt.datetime.combine(generated.date(), dt.time(), tzinfo=dt.UTC)


def _cached(previous: Path, key: str) -> tuple[bytes, int] | None:
    """The previous site's transcript when it was made from the same inputs (and is intact)."""
    try:
        stored = (previous / HASH_FILE).read_text(encoding="utf-8").split()
        data = (previous / SITE_PDF).read_bytes()
    except (OSError, UnicodeDecodeError):
        return None
    fields = dict(item.split("=", 1) for item in stored[1:] if "=" in item)
    if not stored or stored[0] != key or fields.get("sha256") != hashlib.sha256(data).hexdigest():
        return None
    try:
        return data, int(fields.get("pages", "0"))
    except ValueError:
        return None


def add_site_transcript(
    ev: Evaluation,
    output: Any,  # noqa: ANN401 - portfolio.site.Output
    *,
    generated: dt.datetime,
    previous: Path,
) -> None:
    """Add transcript.pdf (the whole record as of ``ev.as_of``) and its input hash to the site ``output``.

    When the previous site holds a transcript made from the same inputs, its bytes are reused.
    """
    stamp = _stamp(generated)
    key = inputs_hash(ev, stamp, {"site": True})
    cached = _cached(previous, key)
    if cached is not None:
        data, pages = cached
        output.notes.append(f"PDF reused (inputs unchanged, {pages} pages)")
    else:
        rendered = render_pdf(ev, whole_record(ev), generated=stamp, identifier=key[:32])
        data, pages = rendered.data, rendered.pages
        output.notes.append(f"PDF {pages} page{'s' * (pages != 1)}")
    output.add(SITE_PDF, data)
    digest = hashlib.sha256(data).hexdigest()
    output.add(HASH_FILE, f"{key} sha256={digest} pages={pages}\n")


# ------------------------------------------------------------------------------------- command


def _usage(message: str) -> int:
    print(f"portfolio pdf: error: {message}", file=sys.stderr)
    return 2


def default_name(period: Period, as_of: dt.date) -> str:
    if period.slug == "all":
        return f"transcript-{as_of.isoformat()}.pdf"
    return f"transcript-{period.slug}-{as_of.isoformat()}.pdf"


def _check_target(target: Path, root: Path) -> None:
    """Refuse to write into the record or over a file 'portfolio pdf' did not write."""
    shown = str(target)
    content = (root / "content").resolve()
    resolved = target.resolve()
    if resolved.is_relative_to(content):
        raise RecordError.single(
            shown,
            0,
            "refusing to write the transcript inside content/ (your record); use another -o",
        )
    if not resolved.parent.is_dir():
        raise RecordError.single(shown, 0, f"the folder {target.parent} does not exist")
    if target.is_symlink() or (target.exists() and not target.is_file()):
        raise RecordError.single(
            shown, 0, "exists and is not a regular file; refusing to replace it"
        )
    if target.exists() and not _ours(target):
        raise RecordError.single(
            shown,
            0,
            "exists and was not written by 'portfolio pdf'; refusing to overwrite it "
            "(choose another -o, or delete the file first)",
        )


def _ours(path: Path) -> bool:
    import pypdf

    try:
        with path.open("rb") as handle:
            if handle.read(5) != b"%PDF-":
                return False
        meta = pypdf.PdfReader(path, strict=False).metadata
        return bool(meta and str(meta.get("/Creator", "")).startswith("portfolio "))
    except Exception:  # noqa: BLE001 - any unreadable file is simply "not ours"
        return False


def write_file(target: Path, data: bytes) -> None:
    """Write beside the target, then rename: a reader never sees a partial PDF."""
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def command(args: argparse.Namespace) -> int:
    """``portfolio pdf``: one transcript for one committee or period; returns the exit code."""
    started = time.perf_counter()
    if (args.date_from is None) != (args.date_to is None):
        return _usage("--from and --to go together: give both days of the period")
    if args.date_to is not None and args.requirement is not None:
        return _usage(
            "--to cannot be combined with --requirement (the requirement sets the period)"
        )
    root: Path = args.root
    as_of = clock.today(args.as_of)
    generated = _stamp(clock.now())
    record, diags = records.load(root)
    ev = evaluate(record, as_of)
    if args.requirement is not None:
        period = requirement_period(ev, args.requirement)
    elif args.date_from is not None:
        period = date_period(ev, args.date_from, args.date_to)
    else:
        period = whole_record(ev)
    target = args.output or Path.cwd() / default_name(period, as_of)
    _check_target(target, root)
    options = {
        "period": [_day(period.start), _day(period.end), period.slug],
        "certificates": bool(args.with_certificates),
        "pdf_a": bool(args.pdf_a),
    }
    key = inputs_hash(ev, generated, options)
    rendered = render_pdf(
        ev,
        period,
        generated=generated,
        with_certificates=args.with_certificates,
        pdf_a=args.pdf_a,
        identifier=key[:32],
    )
    write_file(target, rendered.data)
    for warning in rendered.warnings:
        print(warning, file=sys.stderr)
    heard = records.all_warnings(ev.record, diags, as_of)
    if heard:
        print(warnings_hint(len(heard)), file=sys.stderr)
    counted = sum(1 for a in ev.activities if period.contains(a.completed) and a.counted_on(as_of))
    extra = ""
    if args.with_certificates:
        extra = f", {rendered.appended} certificate{'s' * (rendered.appended != 1)} appended and attached"
    variant = " PDF/A-3b" if args.pdf_a else ""
    print(
        f"Wrote {_shown(target)}:{variant} {rendered.pages} page{'s' * (rendered.pages != 1)}, "
        f"{counted} {'activity' if counted == 1 else 'activities'} ({period.label}){extra} in {time.perf_counter() - started:.2f} s "
        f"(render {rendered.render_seconds:.2f} s, merge {rendered.merge_seconds:.2f} s)"
    )
    return 0


def _shown(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)
