"""The view model: everything one transcript shows, computed and formatted before rendering.

Frozen dataclasses, one per thing the template lays out; the template reads their fields (``row.title``,
``r.earned``) and computes nothing. Amounts arrive as text with two decimals, dates as text in the style
``site.date_format`` names (``Sep 10, 2025`` or ISO).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any

from portfolio import __version__, exports, windows
from portfolio.certificates import CitedCertificate, cite
from portfolio.errors import plural
from portfolio.evaluate import Evaluation, totals_for
from portfolio.history import LATE_DAYS, late_days
from portfolio.model import (
    DOCUMENTED,
    EDUCATIONAL,
    FORMAT_LABELS,
    PENDING,
    UNDOCUMENTED,
    Activity,
)
from portfolio.model import STATE_LABELS as STATE_LABELS_OF_ACTIVITY
from portfolio.pdf.period import Period
from portfolio.render import long_date
from portfolio.requirements import (
    STATE_LABELS,
    RequirementResult,
    Unmet,
)

CREATOR = f"portfolio {__version__}"


# ------------------------------------------------------------------------------------- formatting


def amount(value: Decimal) -> str:
    return exports.text_amount(value)


def iso_day(day: dt.date | None) -> str:
    """ISO text for keys and hashes (what is shown uses ``long_date``)."""
    return day.isoformat() if day else ""


def activity_dates(activity: Activity, style: str = "medium") -> str:
    if activity.end_date and activity.end_date != activity.date:
        return f"{long_date(activity.date, style)} – {long_date(activity.end_date, style)}"
    return long_date(activity.date, style)


def _late(found: tuple[dt.date, int] | None, day: Callable[[dt.date], str]) -> str:
    """'logged Jun 1, 2026 (+142 days)' for an entry first committed long after the activity, else ''."""
    return f"logged {day(found[0])} (+{found[1]} days)" if found else ""


def _topic(topic: Any) -> str:
    return topic.name if topic.credits is None else f"{topic.name} ({amount(topic.credits)})"


def _left_out_reason(activity: Activity, ev: Evaluation, style: str) -> tuple[str, str]:
    state = activity.state
    if state == UNDOCUMENTED:
        return STATE_LABELS_OF_ACTIVITY[UNDOCUMENTED], "no certificate on file: not counted"
    if state == PENDING:
        due = f"; claim by {long_date(activity.claim_by, style)}" if activity.claim_by else ""
        late = " (overdue)" if activity.overdue(ev.as_of) else ""
        return STATE_LABELS_OF_ACTIVITY[
            PENDING
        ], f"evaluation/claim not completed{due}{late}: not counted"
    if state == EDUCATIONAL:
        return STATE_LABELS_OF_ACTIVITY[EDUCATIONAL], "not accredited CME: logged, never counted"
    return "Not yet completed", f"completed after the as-of date {long_date(ev.as_of, style)}"


def _size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def _percent(share: Decimal) -> str:
    return f"{(share * 100).normalize():f} %"


# ------------------------------------------------------------------------------------- the model


@dataclass(frozen=True)
class License:
    state: str
    number: str
    expires: str


@dataclass(frozen=True)
class Board:
    board: str
    specialty: str
    expires: str


@dataclass(frozen=True)
class Physician:
    name: str  # with each credential once (Profile.display_name)
    specialty: str
    institution: str
    contact: tuple[
        str, ...
    ]  # e-mail, phone, address lines: how the committee reaches the physician
    npi: str
    licenses: tuple[License, ...]
    boards: tuple[Board, ...]


@dataclass(frozen=True)
class DocumentInfo:
    """The document's metadata and the dates printed on it."""

    title: str
    author: str
    subject: str
    keywords: str
    generator: str
    created: str  # 2026-11-25T00:00:00Z
    generated: str  # 2026-11-25
    as_of: str


@dataclass(frozen=True)
class PeriodView:
    label: str
    note: str


@dataclass(frozen=True)
class CreditView:
    type: str
    amount: str


@dataclass(frozen=True)
class Row:
    """One documented activity in the ledger."""

    date: str
    end: str  # last day of a multi-day activity, else ""
    title: str
    provider: str
    accreditor: str
    format: str
    credits: tuple[CreditView, ...]
    topics: tuple[str, ...]
    refs: tuple[str, ...]  # C1, C2, … of its certificates
    toward: str  # what it counts toward the requirement, "" when nothing
    toward_note: str
    recorded_late: str = ""  # first committed to git long after the activity (portfolio.history)


@dataclass(frozen=True)
class TypeTotal:
    type: str
    amount: str


@dataclass(frozen=True)
class TopicTotal:
    topic: str
    tagged: str  # whole credit of activities tagged with it ("" when none)
    partial: str  # credits given to the topic by {topic, credits} ("" when none)


@dataclass(frozen=True)
class MinimumView:
    label: str
    types: str
    exclude: str
    earned: str
    needed: str  # "" when it asks only for a number of activities
    remaining: str
    met: bool
    excluded: int
    activities: str = ""  # '1 of 2 activities' when it asks for some
    applies: bool = True
    reason: str = ""


@dataclass(frozen=True)
class CapView:
    topic: str
    rule: str
    limit: str
    topic_total: str
    capped: str


@dataclass(frozen=True)
class RequirementView:
    name: str
    authority: str
    credit_types: str
    window: str
    due: str
    state: str
    state_label: str
    earned: str
    needed: str  # "" when it asks only for a number of activities
    remaining: str
    gross: str
    capped: bool
    activities: int
    unmet: int  # minimums owed and not met
    minimums: tuple[MinimumView, ...]
    caps: tuple[CapView, ...]
    reference: str
    notes: str
    figures: str = ""  # '40.00 of 48.00 credits', '1 of 1 activity' (exports.progress_text)
    applies: bool = True
    reason: str = ""
    topics: str = ""
    applies_if: str = ""
    in_force: bool = True  # False: not owed only because its window ended before the rule
    carried: str = ""  # 'includes 12.00 carried over from … to … (at most 48.00)', or ""


@dataclass(frozen=True)
class LeftOut:
    dates: str
    title: str
    label: str
    reason: str


@dataclass(frozen=True)
class Outside:
    total: int  # activities completed outside the period
    documented: int


@dataclass(frozen=True)
class CertificateView:
    ref: str
    path: str
    sha256: str
    size: str
    activities: tuple[str, ...]


@dataclass(frozen=True)
class PageSize:
    """A named @page size for appended PDF pages of one size."""

    name: str
    width: str
    height: str


@dataclass(frozen=True)
class Placeholder:
    """One page reserved for a PDF certificate's page (drawn in by the appendix stage)."""

    id: str
    page: str  # the PageSize name
    number: int
    height: str = ""  # the certificate page's height, for the figure that describes it


@dataclass(frozen=True)
class AppendixItem:
    ref: str
    path: str
    proves: str
    kind: str  # "pdf" or "image"
    sha256: str
    pages: tuple[Placeholder, ...] = ()  # PDF only
    count: int = 0  # PDF only: its number of pages
    src: str = ""  # image only: its file URI
    id: str = ""  # image only


@dataclass(frozen=True)
class Appendix:
    items: tuple[AppendixItem, ...] = ()
    sizes: tuple[PageSize, ...] = ()
    band: str = ""

    def anchor(self, ref: str) -> str:
        """The id of the first page that reproduces certificate ``ref`` (for its page number)."""
        for item in self.items:
            if item.ref == ref:
                return item.pages[0].id if item.pages else item.id
        return ""


@dataclass(frozen=True)
class PartView:
    """Which stretch of a long transcript one part lays out (see parts.py); the template shows only it.

    Parts after the first open with a *lead* page (the masthead and facts, for the running header's texts)
    that is dropped when the parts are joined.
    """

    number: int  # 1, 2, …
    count: int
    ledger: bool  # the part shows some of the "Documented activities" section
    ledger_start: bool  # … opens it (its heading)
    ledger_end: bool  # … closes it (the late-entries note; the totals follow)
    left: bool  # the part shows some of "Left out, and why"
    left_start: bool
    left_end: bool  # … closes it (the note on activities outside the period)

    @property
    def first(self) -> bool:
        return self.number == 1

    @property
    def last(self) -> bool:
        return self.number == self.count


@dataclass(frozen=True)
class Transcript:
    """Everything one PDF shows, computed before rendering."""

    profile: Physician
    doc: DocumentInfo
    period: PeriodView
    rows: tuple[Row, ...]
    count: int
    totals: tuple[TypeTotal, ...]
    topic_totals: tuple[TopicTotal, ...]
    requirement: RequirementView | None  # the period is this requirement's window
    overview: tuple[RequirementView, ...]  # every requirement, when the period is not one's
    left_out: tuple[LeftOut, ...]
    outside: Outside
    certificates: tuple[CertificateView, ...]
    appendix: Appendix | None  # None: certificates are not appended
    cited: tuple[CitedCertificate, ...]  # not shown as such: the files behind ``certificates``
    late: int = 0  # rows recorded more than LATE_DAYS after the activity
    late_days: int = LATE_DAYS
    part: PartView | None = None  # None: the whole transcript in one document

    def context(self) -> dict[str, Any]:
        """The template's variables: every field but ``cited``."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "cited"}


# ------------------------------------------------------------------------------------- building


def _optional(value: Decimal | None) -> str:
    return "" if value is None else amount(value)


def _activities(counted: int, needed: int | None) -> str:
    if needed is None:
        return ""
    return f"{counted} of {needed} {'activity' if needed == 1 else 'activities'}"


def committee_reason(why: Unmet | None, style: str = "medium") -> str:
    """Why a rule is not owed, worded for the committee reading the transcript.

    The same facts as ``Unmet.text``, without the instructions about portfolio.yaml meant for the physician,
    and with dates in the document's style.
    """
    if why is None:
        return ""
    if why.kind == Unmet.DEA_EXPIRED:
        return f"DEA registration expired {long_date(why.day, style)}"
    if why.kind == Unmet.DEA:
        return "no DEA registration on file"
    if why.kind == Unmet.LICENSE:
        return f"no {why.subject} license on file"
    if why.kind == Unmet.PRACTICE:
        return f"practice does not include {why.subject}"
    if why.kind == Unmet.NOT_YET:
        return f"takes effect {long_date(why.day, style)}, after the period ends {long_date(why.end, style)}"
    return f"took effect {long_date(why.day, style)}, after the period ended {long_date(why.end, style)}"


def _carried(result: RequirementResult, style: str) -> str:
    carry = result.carry
    if carry is None:
        return ""
    return (
        f"includes {amount(carry.carried)} carried over from {long_date(carry.start, style)} to "
        f"{long_date(carry.end, style)} (that period earned {amount(carry.earned)} of {amount(carry.needed)}; "
        f"at most {amount(carry.limit)} carries)"
    )


def requirement_view(result: RequirementResult, style: str = "medium") -> RequirementView:
    req = result.requirement

    def shown_day(day: dt.date | None) -> str:
        return long_date(day, style)

    window = req.window
    if window.kind == "rolling":
        window_text = (
            f"rolling {window.months} months: {shown_day(result.start)} to {shown_day(result.end)}"
        )
    elif window.kind == "lifetime":
        window_text = f"lifetime (one-time), through {shown_day(result.end)}"
    elif window.kind == "license" and result.start is None:
        window_text = f"{windows.describe(window)}: no dates (you hold no such license)"
    elif window.kind == "license":
        window_text = (
            f"{windows.describe(window)}: {shown_day(result.start)} to {shown_day(result.end)}"
        )
    else:
        window_text = f"{shown_day(result.start)} to {shown_day(result.end)}"
    due = ""
    if result.due:
        days = result.days_left or 0
        due = (
            f"{shown_day(result.due)} ({plural(days, 'day')} left)"
            if days >= 0
            else f"{shown_day(result.due)} (ended)"
        )
    return RequirementView(
        name=req.name,
        authority=req.authority or "",
        credit_types=", ".join(req.credit_types) or "any accredited credit type",
        window=window_text,
        due=due,
        state=result.state,
        state_label=STATE_LABELS[result.state],
        earned=amount(result.earned),
        needed=_optional(result.needed),
        remaining=_optional(result.remaining),
        gross=amount(result.gross),
        capped=any(c.capped for c in result.caps),
        activities=len(result.contributions),
        unmet=sum(1 for m in result.minimums if m.owed),
        minimums=tuple(
            MinimumView(
                label=m.minimum.label or "credits",
                types=", ".join(m.credit_types) or "any type",
                exclude=", ".join(m.minimum.exclude_topics),
                earned=amount(m.earned),
                needed=_optional(m.needed),
                remaining=_optional(m.remaining),
                met=m.met,
                excluded=len(m.excluded),
                activities=_activities(m.counted_activities, m.needed_activities),
                applies=m.applies,
                reason=committee_reason(m.why, style),
            )
            for m in result.minimums
        ),
        figures=exports.progress_text(result),
        applies=result.applies,
        reason=committee_reason(result.why, style),
        topics=", ".join(req.topics),
        applies_if=", ".join(req.applies_if),
        in_force=result.in_force,
        carried=_carried(result, style),
        caps=tuple(
            CapView(
                topic=c.cap.topic,
                rule=" and ".join(
                    part
                    for part in (
                        f"at most {_percent(c.cap.max_share)} of {amount(result.needed)}"
                        if c.cap.max_share is not None
                        else "",
                        f"at most {amount(c.cap.max_credits)} credits"
                        if c.cap.max_credits is not None
                        else "",
                    )
                    if part
                ),
                limit=amount(c.limit),
                topic_total=amount(c.topic_total),
                capped=amount(c.capped),
            )
            for c in result.caps
        ),
        reference=req.reference or "",
        notes=req.notes or "",
    )


def build_view(
    ev: Evaluation, period: Period, generated: dt.datetime, *, with_certificates: bool
) -> Transcript:
    """The template's context: every figure and string, already computed and formatted.

    With ``with_certificates`` the appendix is empty until the files are read (see appendix.py).
    """
    record = ev.record
    profile = record.profile
    style = profile.site.date_format

    def day(value: dt.date | None) -> str:
        return long_date(value, style)

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
            Row(
                date=day(a.date),
                end=day(a.end_date) if a.end_date and a.end_date != a.date else "",
                title=a.title,
                provider=a.provider,
                accreditor=a.accreditor or "",
                format=FORMAT_LABELS.get(a.format or "", ""),
                credits=tuple(CreditView(c.type, amount(c.amount)) for c in a.credits),
                topics=tuple(_topic(t) for t in a.topics),
                refs=tuple(refs[c.path] for c in a.certificates),
                toward=amount(contribution.amount) if contribution else "",
                toward_note=contribution.note if contribution else "",
                recorded_late=_late(late_days(ev.history, a), day),
            )
        )
    left_out = []
    outside = []
    for a in ev.activities:
        if period.contains(a.completed):
            if a.state != DOCUMENTED:
                label, reason = _left_out_reason(a, ev, style)
                left_out.append(LeftOut(activity_dates(a, style), a.title, label, reason))
        elif a.completed > ev.as_of and period.reaches(a.completed):
            left_out.append(
                LeftOut(
                    activity_dates(a, style),
                    a.title,
                    "Not yet completed",
                    f"completed after the as-of date {day(ev.as_of)}: counts nowhere yet",
                )
            )
        else:
            outside.append(a)
    outside_documented = sum(1 for a in outside if a.state == DOCUMENTED)
    certificates = tuple(
        CertificateView(
            ref=entry.ref,
            path=entry.cert.path,
            sha256=entry.cert.sha256,
            size=_size(entry.cert.size),
            activities=tuple(f"{activity_dates(a, style)} {a.title}" for a in entry.activities),
        )
        for entry in cited
    )
    requirement = requirement_view(result, style) if result else None
    overview = tuple(requirement_view(r, style) for r in ev.requirements) if result is None else ()
    subject = f"Continuing medical education transcript, {period.label}"
    if result:
        subject += f", for {result.requirement.name}"
    name = profile.display_name
    contact = profile.contact
    title = f"CME transcript — {name}"
    return Transcript(
        profile=Physician(
            name=name,
            specialty=profile.specialty or "",
            institution=contact.institution or "",
            contact=tuple(
                line
                for line in (
                    contact.email or "",
                    contact.phone or "",
                    *(x.strip() for x in (contact.address or "").splitlines()),
                )
                if line
            ),
            npi=profile.npi or "",
            licenses=tuple(License(x.state, x.number, day(x.expires)) for x in profile.licenses),
            boards=tuple(
                Board(b.board, b.specialty or "", day(b.expires))
                for b in profile.board_certifications
            ),
        ),
        doc=DocumentInfo(
            title=title,
            author=name,
            subject=subject,
            keywords="CME, continuing medical education, transcript",
            generator=CREATOR,
            created=generated.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            generated=day(generated.astimezone(dt.UTC).date()),
            as_of=day(ev.as_of),
        ),
        period=PeriodView(period.label, period.note),
        rows=tuple(rows),
        count=len(rows),
        totals=tuple(TypeTotal(k, amount(v)) for k, v in sub.totals.items()),
        topic_totals=tuple(
            TopicTotal(
                k, amount(v.tagged) if v.tagged else "", amount(v.partial) if v.partial else ""
            )
            for k, v in sub.topic_split.items()
        ),
        requirement=requirement,
        overview=overview,
        left_out=tuple(left_out),
        outside=Outside(len(outside), outside_documented),
        certificates=certificates,
        appendix=Appendix() if with_certificates else None,
        cited=tuple(cited),
        late=sum(1 for row in rows if row.recorded_late),
    )
