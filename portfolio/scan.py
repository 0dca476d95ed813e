"""What a certificate says, as activity fields: ``portfolio scan``, ``new --from-certificate``, ``check --certificates``.

The text comes from :mod:`portfolio.certificates` (a PDF's text layer, or OCR). Each field is found by a few
named rules, tried in order; each rule's docstring quotes the wording it reads. A rule returns a
:class:`Found` (value, confidence 0–1, rule name) or None. Nothing is guessed silently: a field no rule finds
is None, and a weak reading (the designated maximum instead of the claimed amount, an organization taken from
the page's header) has a low confidence and a warning.

Credit types are normalised to the standard names requirements use (``model.STANDARD_CREDIT_TYPES``).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from portfolio.model import STANDARD_CREDIT_TYPES, credit_type_key

FIELDS = ("title", "date", "end_date", "provider", "accreditor", "credits", "name")
OCR_FACTOR = 0.8  # an OCR reading is never as sure as a text layer

# The standard credit types, as requirements name them (model.py owns the list).
CREDIT_TYPES = STANDARD_CREDIT_TYPES
BOARDS = ("ABIM", "ABP", "ABFM", "ABS", "ABA", "ABPN", "ABEM", "ABOG", "ABR", "ABAI", "ABPath")


@dataclass(frozen=True)
class Found:
    value: Any
    confidence: float
    rule: str


@dataclass
class Scan:
    """One certificate read: each field's finding (or None), how the text was read, warnings in plain words."""

    file: str
    method: str  # "text" or "ocr"
    found: dict[str, Found | None]
    warnings: list[str] = field(default_factory=list)

    def value(self, name: str) -> Any:
        found = self.found.get(name)
        return found.value if found else None

    def as_json(self) -> dict[str, Any]:
        """The front matter's own field names, credits as [{type, amount}], and a confidence per field."""
        data: dict[str, Any] = {"file": self.file, "read_by": self.method}
        for name in FIELDS:
            value = self.value(name)
            if isinstance(value, dt.date):
                value = value.isoformat()
            if name == "credits" and value is not None:
                value = [{"type": t, "amount": _number(a)} for t, a in value]
            data[name] = value
        data["confidence"] = {
            name: round(f.confidence, 2) if (f := self.found.get(name)) else 0.0 for name in FIELDS
        }
        data["warnings"] = list(self.warnings)
        return data


def _number(amount: Decimal) -> float:
    """A JSON number, as transcript.json writes amounts (at most two decimals are ever read)."""
    return float(amount)


# ---------------------------------------------------------------- the text, prepared once


@dataclass
class Page:
    """The certificate's text: cleaned lines, and the same joined into one string for wrapped sentences."""

    lines: list[str]
    raw_lines: list[str]
    flat: str


def prepare(text: str) -> Page:
    text = unicodedata.normalize("NFKC", text).replace("\u2122", "TM")
    raw_lines, lines = [], []
    for raw in text.splitlines():
        line = re.sub(r"\s+", " ", raw).strip()
        line = re.sub(r"^[^\w(\"“‘]+", "", line)  # OCR specks before the first word
        if line:
            raw_lines.append(raw)
            lines.append(line)
    return Page(lines, raw_lines, " ".join(lines))


# ---------------------------------------------------------------- dates

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ]
    )
    for m in names
}
_MON = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_SEP = r"\s*(?:–|—|-|to|through|thru|until)\s*"
_C = r"\s*[,.:;]?\s*"  # the comma before a year, as OCR may read it
_DATE_FORMS = [
    # October 30, 2025 – November 1, 2025
    rf"(?P<m1>{_MON})\s+(?P<d1>\d{{1,2}}){_C}(?P<y1>\d{{4}}){_SEP}(?P<m2>{_MON})\s+(?P<d2>\d{{1,2}}){_C}(?P<y2>\d{{4}})",
    # October 30 – November 1, 2025
    rf"(?P<m1>{_MON})\s+(?P<d1>\d{{1,2}}){_SEP}(?P<m2>{_MON})\s+(?P<d2>\d{{1,2}}){_C}(?P<y2>\d{{4}})",
    # April 23–25, 2026
    rf"(?P<m1>{_MON})\s+(?P<d1>\d{{1,2}}){_SEP}(?P<d2>\d{{1,2}}){_C}(?P<y2>\d{{4}})",
    # March 14, 2026
    rf"(?P<m1>{_MON})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?{_C}(?P<y1>\d{{4}})",
    # 14 March 2026
    rf"(?P<d1>\d{{1,2}})\s+(?P<m1>{_MON})\s+(?P<y1>\d{{4}})",
    # 2026-06-05 to 2026-06-06, 2026-06-05
    r"(?P<y1>\d{4})-(?P<n1>\d{1,2})-(?P<d1>\d{1,2})(?:"
    + _SEP
    + r"(?P<y2>\d{4})-(?P<n2>\d{1,2})-(?P<d2>\d{1,2}))?",
    # 01/05/2026 – 06/28/2026, 03/07/2026 (US: month first)
    r"(?P<n1>\d{1,2})/(?P<d1>\d{1,2})/(?P<y1>\d{4})(?:"
    + _SEP
    + r"(?P<n2>\d{1,2})/(?P<d2>\d{1,2})/(?P<y2>\d{4}))?",
]
_DATE_RES = [re.compile(rf"(?<![\w/-]){form}(?![\w/])", re.I) for form in _DATE_FORMS]


@dataclass(frozen=True)
class DateSpan:
    start: dt.date
    end: dt.date | None
    begin: int  # position in the line
    stop: int


def find_dates(line: str) -> list[DateSpan]:
    """Every date or date range in a line, longest reading first at each place, in order."""
    spans: list[DateSpan] = []
    taken: list[tuple[int, int]] = []
    for regex in _DATE_RES:
        for m in regex.finditer(line):
            if any(m.start() < b and a < m.end() for a, b in taken):
                continue
            parsed = _parse_date(m.groupdict())
            if parsed is None:
                continue
            spans.append(DateSpan(parsed[0], parsed[1], m.start(), m.end()))
            taken.append((m.start(), m.end()))
    return sorted(spans, key=lambda s: s.begin)


def _parse_date(g: dict[str, str | None]) -> tuple[dt.date, dt.date | None] | None:
    def month(name_key: str, num_key: str) -> int | None:
        if g.get(name_key):
            return _MONTHS.get(g[name_key].lower().rstrip("."))
        if g.get(num_key):
            return int(g[num_key])
        return None

    try:
        m1 = month("m1", "n1")
        y2 = int(g["y2"]) if g.get("y2") else None
        y1 = int(g["y1"]) if g.get("y1") else y2
        start = dt.date(y1, m1, int(g["d1"]))  # type: ignore[arg-type]
        end = None
        if g.get("d2"):
            m2 = month("m2", "n2") or m1
            end = dt.date(y2 or y1, m2, int(g["d2"]))  # type: ignore[arg-type]
            if end < start:
                return None
            if end == start:
                end = None
    except (TypeError, ValueError):
        return None
    if not 1990 <= start.year <= 2100:
        return None
    return start, end


# Dates that are not when the activity took place.
_NOT_ACTIVITY = re.compile(
    r"release|expir|issued|printed|generated|valid|termination|review|born|birth|reviewed|"
    r"beginning date|last updated|original",
    re.I,
)
_COMPLETION = re.compile(
    r"date of completion|completion date|date completed|completed(?: on)?", re.I
)
_ACTIVITY_LABEL = re.compile(
    r"(?:^|\b)(?:activity date|session date|event date|dates?|period|held on|held)\s*:?\s*$", re.I
)


def _date_candidates(page: Page) -> list[tuple[str, DateSpan, int]]:
    """(kind, span, line index) of every date, classified by the words just before it on its line."""
    out = []
    for index, line in enumerate(page.lines):
        previous = 0
        for span in find_dates(line):
            before = line[previous : span.begin]
            previous = span.stop
            lead = line[max(0, span.begin - 40) : span.begin]
            if _NOT_ACTIVITY.search(lead if not before.strip() else before):
                continue
            if _COMPLETION.search(before):
                kind = "completion"
            elif _ACTIVITY_LABEL.search(before.strip(" :·-")) or _ACTIVITY_LABEL.search(before):
                kind = "labelled"
            elif _alone(line, span):
                kind = "alone"
            else:
                kind = "other"
            out.append((kind, span, index))
    return out


def _alone(line: str, span: DateSpan) -> bool:
    """The date is the line (maybe after a weekday, before a '· place')."""
    before = line[: span.begin].strip(" ,")
    after = line[span.stop :].strip()
    weekday = re.fullmatch(r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|on", before, re.I)
    return (not before or bool(weekday)) and (not after or after[0] in "·•|-–")


def date_labelled_range(page: Page) -> tuple[Found, Found | None] | None:
    """'Dates: April 23–25, 2026', 'Period: 01/05/2026 – 06/28/2026', 'October 30 – November 1, 2025' alone:
    a multi-day activity's first and last day."""
    for kind, span, _ in _date_candidates(page):
        if span.end is not None and kind in ("labelled", "alone", "completion"):
            return Found(span.start, 0.95, "date range"), Found(span.end, 0.95, "date range")
    return None


def _first_date(page: Page, kind: str, confidence: float, rule: str) -> Found | None:
    """The first date of this kind (see _date_candidates) on the page."""
    for found_kind, span, _ in _date_candidates(page):
        if found_kind == kind:
            return Found(span.start, confidence, rule)
    return None


def date_of_completion(page: Page) -> Found | None:
    """'Date of completion: 08/03/2026', 'Completed June 14, 2025', 'Completed on: May 19, 2026'."""
    return _first_date(page, "completion", 0.95, "date of completion")


def date_labelled(page: Page) -> Found | None:
    """'Date: 2025-12-10', 'Activity date: 03/07/2026', 'Held on March 14, 2026'."""
    return _first_date(page, "labelled", 0.9, "activity date")


def date_alone(page: Page) -> Found | None:
    """A line that is only a date, as centred certificates print it: 'March 14, 2026',
    'Wednesday, February 11, 2026', 'May 6, 2026 · Boston, MA'."""
    return _first_date(page, "alone", 0.85, "date line")


def date_anywhere(page: Page) -> Found | None:
    """The first date in a sentence that is not a release, expiration or issue date ('… on March 14, 2026')."""
    for _kind, span, _ in _date_candidates(page):
        return Found(span.start, 0.5, "first date")
    return None


def read_dates(page: Page) -> tuple[Found | None, Found | None]:
    ranged = date_labelled_range(page)
    if ranged:
        return ranged
    for rule in (date_of_completion, date_labelled, date_alone, date_anywhere):
        found = rule(page)
        if found:
            return found, None
    return None, None


# ---------------------------------------------------------------- the learner's name

_CREDENTIAL = r"(?:MD|DO|MBBS|PhD|PharmD|RN|BSN|MSN|NP|APRN|FNP|PA|PA-C|CRNA|DNP|MPH|MS|FACP|FAAFP)"
_STOP_NAME = re.compile(
    r"\s+(?:has|have|is|was|attended|participated|completed|for|on|who)\b.*$", re.I
)


def _name(text: str) -> str | None:
    text = _STOP_NAME.sub("", text).strip(" .:;-_—")
    words = text.replace(",", " ").split()
    if not 2 <= len(words) <= 7 or len(text) > 60 or re.search(r"\d", text):
        return None
    if not all(w[0].isupper() or re.fullmatch(_CREDENTIAL, w) for w in words):
        return None
    return text


def _name_at(page: Page, index: int, rest: str) -> str | None:
    """The name after a lead-in on line ``index``: the rest of that line, or else the next line."""
    following = page.lines[index + 1] if index + 1 < len(page.lines) else ""
    return _name(rest.strip() or following)


def name_after_certify(page: Page) -> Found | None:
    """'This certifies that Jordan Avery, MD' / 'This is to certify that' + the name on the next line."""
    for index, line in enumerate(page.lines):
        m = re.search(r"\bcertif(?:y|ies)\s+that\b[:\s]*(.*)$", line, re.I)
        name = _name_at(page, index, m.group(1)) if m else None
        if name:
            return Found(name, 0.95, "certifies that")
    return None


_NAME_LABELS = (
    r"learner|participant|physician|diplomate|attendee|name|awarded to|presented to|issued to|"
    r"this certificate is presented to|recipient"
)


def name_labelled(page: Page) -> Found | None:
    """'Learner: Jordan Avery, MD', 'Participant: …', 'Name …', 'Awarded to: …', 'Presented to' + next line."""
    for index, line in enumerate(page.lines):
        m = re.match(rf"(?:{_NAME_LABELS})\b\s*:?\s*(.*)$", line, re.I)
        name = _name_at(page, index, m.group(1)) if m else None
        if name:
            return Found(name, 0.9, "labelled name")
    return None


_CREDENTIAL_WORDS = frozenset(c.lower().replace("-", "") for c in re.findall(r"\w+", _CREDENTIAL))


@functools.lru_cache(maxsize=1024)
def names_match(on_certificate: str, profile_name: str) -> bool:
    """Same person: the given and family names agree, whatever the credentials, case and punctuation."""

    def words(text: str) -> set[str]:
        plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
        found = re.findall(r"[a-z]+", plain)
        return {w for w in found if len(w) > 1 and w not in _CREDENTIAL_WORDS}

    a, b = words(on_certificate), words(profile_name)
    return bool(a and b) and (a <= b or b <= a)


# ---------------------------------------------------------------- title

_TITLE_LABELS = (
    r"activity title|course title|program title|session title|title|activity|course|program|"
    r"article|assessment|session|module|event"
)
_LEAD_IN = re.compile(
    r"(?:^|\b)(?:has\s+)?(?:successfully\s+)?(?:attended|participated in|completed|for completing|"
    r"for attending|for participation in|for participating in)"
    r"(?:\s+the)?(?:\s+(?:live|online|internet|enduring|journal-based|web-based))?"
    r"(?:\s+(?:activity|course|program|educational activity|session|module|conference|meeting))?"
    r"(?:\s+(?:titled|entitled))?\s*:?\s*$",
    re.I,
)
_TRIM = " \t-–—_=:;,.'‘’\"“”|~·"


_LABEL_LINE = re.compile(
    rf"(?:{_NAME_LABELS}|{_TITLE_LABELS}|format|location|credits?|moc|dates?|period|completed)\b\s*:",
    re.I,
)


def _is_field_line(line: str, labels: bool = True) -> bool:
    """A line that starts something else: a date, a credit, a label ('Format: …'), a statement."""
    return bool(
        find_dates(line)
        or _credit_types(line)
        or (labels and _LABEL_LINE.match(line))
        or re.search(r"\b(?:accredited|designates|certif(?:y|ies) that)\b", line, re.I)
    )


def _title_from(page: Page, index: int, first: str) -> str:
    """A title starting with ``first`` at line ``index``, with the lines it wrapped onto."""
    parts = [first]
    for nxt in range(index + 1, min(index + 3, len(page.lines))):
        line = page.lines[nxt]
        wrapped = len(parts[-1]) >= 40 or page.raw_lines[nxt][:1].isspace()
        if not wrapped or _is_field_line(line) or _LEAD_IN.search(line):
            break
        parts.append(line)
    joined = parts[0]
    for part in parts[1:]:  # a hyphen at the end of a wrapped line stays attached ('8-Hour')
        joined += part if joined.endswith("-") else " " + part
    return joined.strip(_TRIM)


def title_labelled(page: Page) -> Found | None:
    """'Activity title: …', 'Activity: …', 'Course: …', 'Program: …', 'Article …' (journal CME),
    'Assessment: …' (MOC); continued on the next line when it wrapped."""
    for index, line in enumerate(page.lines):
        m = re.match(rf"(?:{_TITLE_LABELS})\b\s*:?\s+(.+)$", line, re.I)
        if not m:
            continue
        value = m.group(1).strip()
        if re.match(r"(?:date|dates|type|format|id|number|code|director)\b", value, re.I):
            continue
        title = _title_from(page, index, value)
        if len(title) >= 4:
            return Found(title, 0.9, "labelled title")
    return None


def title_after_lead_in(page: Page) -> Found | None:
    """The line(s) after 'attended', 'participated in the activity', 'has successfully completed the live
    activity', 'for completing', up to the date or credit line."""
    for index, line in enumerate(page.lines[:-1]):
        if not _LEAD_IN.search(line):
            continue
        nxt = page.lines[index + 1]
        if _is_field_line(nxt, labels=False):
            continue
        title = _title_from(page, index + 1, nxt)
        if len(title) >= 4:
            return Found(title, 0.85, "after 'attended'")
    return None


def title_aafp(page: Page) -> Found | None:
    """The AAFP statement: 'This Live activity, Family Medicine Board Review Express, with a beginning date of …'."""
    m = re.search(
        r"this (?:live|enduring|online) activity,\s*(.{4,160}?),\s*with a beginning date",
        page.flat,
        re.I,
    )
    return Found(m.group(1).strip(_TRIM), 0.7, "AAFP statement") if m else None


# ---------------------------------------------------------------- provider and accreditor

_ORG_WORD = re.compile(r"[A-Z][\w'’&.\-]*|of|and|the|for|in|at|de|&")
_NOT_ORG_WORD = re.compile(r".*[a-z]TM|TM|Credits?|Points?|Hours?|Category", re.I)


def _org(text: str) -> str | None:
    """The organization's name at the end of ``text``: the run of capitalised words (and 'of', 'and' …)."""
    words = text.replace("\u2122", " ").split()
    kept: list[str] = []
    for word in reversed(words):
        clean = word.strip("“”\"'‘’,;:()")
        if (
            not clean
            or not _ORG_WORD.fullmatch(clean)
            or _NOT_ORG_WORD.fullmatch(clean)
            or re.search(r"\d", clean)
        ):
            break
        kept.insert(0, clean)
        if len(kept) == 10:
            break
    while kept and kept[0].lower() in ("of", "and", "the", "for", "in", "at", "&"):
        kept.pop(0)
    name = " ".join(kept).strip(_TRIM)
    return name if len(name) >= 3 else None


def provider_accredited(page: Page) -> Found | None:
    """'University Hospital is accredited by the ACCME …', 'In support of improving patient care, Lakeside
    Health is jointly accredited by …', 'Riverside Health System is accredited by the Medical Society of …'."""
    m = re.search(
        r"([^.;:]{3,160}?)\s+is\s+(?:jointly\s+)?accredited\s+(?:as a provider\s+)?", page.flat
    )
    name = _org(m.group(1)) if m else None
    return Found(name, 0.9, "accreditation statement") if name else None


def provider_designates(page: Page) -> Found | None:
    """'The Society of Hospital Medicine designates this live activity for a maximum of …'."""
    m = re.search(r"([^.;:]{3,160}?)\s+designates\s+this", page.flat)
    name = _org(m.group(1)) if m else None
    return Found(name, 0.85, "designation statement") if name else None


def provider_labelled(page: Page) -> Found | None:
    """'Provided by: …', 'Provider: …', 'Presented by …', 'Sponsored by …', 'Offered by …'."""
    for line in page.lines:
        m = re.match(
            r"(?:provided|presented|sponsored|offered|issued) by\s*:?\s*(.+)$|provider\s*:\s*(.+)$",
            line,
            re.I,
        )
        if m:
            name = (m.group(1) or m.group(2)).strip(_TRIM)
            if name:
                return Found(name, 0.85, "labelled provider")
    return None


def provider_header(page: Page) -> Found | None:
    """The organization printed above the heading ('FAMILY MEDICINE EDUCATION CONSORTIUM', 'American Board of
    Internal Medicine'): the first line that is not 'Certificate …'; the part before a '·'."""
    for line in page.lines[:3]:
        if re.search(r"certificate|certif|transcript", line, re.I):
            continue
        head = re.split(r"\s[·•|]\s|\s-\s", line)[0].strip(_TRIM)
        if head.isupper():
            small = {"Of", "And", "The", "For", "In", "At"}
            head = " ".join(
                w.lower() if w.title() in small and i else w.title()
                for i, w in enumerate(head.split())
            )
        if len(head) >= 3 and not re.search(r"\d", head):
            return Found(head, 0.5, "page header")
    return None


def accreditor_joint(page: Page) -> Found | None:
    """'… is jointly accredited by the ACCME, the ACPE and the ANCC' (Joint Accreditation)."""
    if re.search(r"jointly\s+accredited", page.flat, re.I):
        return Found("Joint Accreditation", 0.9, "jointly accredited")
    return None


def accreditor_named(page: Page) -> Found | None:
    """'accredited by the Accreditation Council for Continuing Medical Education (ACCME)' → ACCME;
    'accredited by the American Osteopathic Association' → AOA; '… by the American Nurses Credentialing
    Center' → ANCC; 'acceptable for up to 26.00 Prescribed credit(s) by the American Academy of Family
    Physicians' → AAFP."""
    flat = page.flat
    table = [
        (
            r"accredited\s+by\s+(?:the\s+)?(?:Accreditation Council for Continuing Medical Education|ACCME)",
            "ACCME",
        ),
        (r"accredited\s+by\s+(?:the\s+)?(?:American Osteopathic Association|AOA)\b", "AOA"),
        (
            r"accredited\s+(?:as a provider\s+)?.{0,80}?by\s+(?:the\s+)?(?:American Nurses Credentialing Center|ANCC)",
            "ANCC",
        ),
        (
            r"(?:acceptable|approved)\s+for\s+.{0,80}?by\s+the\s+(?:American Academy of Family Physicians|AAFP)",
            "AAFP",
        ),
        (
            r"accredited\s+by\s+(?:the\s+)?(?:Accreditation Council for Pharmacy Education|ACPE)",
            "ACPE",
        ),
    ]
    for pattern, name in table:
        if re.search(pattern, flat, re.I):
            return Found(name, 0.95, "accreditation statement")
    return None


def accreditor_state_society(page: Page) -> Found | None:
    """'… is accredited by the Medical Society of Virginia to provide continuing medical education for
    physicians' (a state medical society accredits intrastate providers under ACCME's system)."""
    m = re.search(
        r"accredited\s+by\s+(?:the\s+)?(?P<org>[A-Z][\w'’&.\- ]{3,90}?)\s+to\s+provide", page.flat
    )
    if m:
        return Found(m.group("org").strip(_TRIM), 0.85, "accreditation statement")
    return None


# ---------------------------------------------------------------- credits

_TYPE_PATTERNS: list[tuple[re.Pattern[str], Callable[[re.Match[str], Page], str]]] = [
    (
        re.compile(r"AMA\s*PRA\s*Category\s*[1lI](?![\d-])(?:\s*Credits?)?(?:\s*\(?TM\)?)?", re.I),
        lambda m, p: "AMA PRA Category 1",
    ),
    (
        re.compile(r"AMA\s*PRA\s*Category\s*2(?:\s*Credits?)?(?:\s*\(?TM\)?)?", re.I),
        lambda m, p: "AMA PRA Category 2",
    ),
    (
        re.compile(r"AOA\s*Category\s*([12])\s*-?\s*([AB])\b(?:\s*credits?)?", re.I),
        lambda m, p: f"AOA Category {m.group(1)}-{m.group(2).upper()}",
    ),
    (
        re.compile(r"(?:AAFP\s+)?Prescribed\s+credits?(?:\(s\))?", re.I),
        lambda m, p: "AAFP Prescribed",
    ),
    (re.compile(r"(?:AAFP\s+)?Elective\s+credits?(?:\(s\))?", re.I), lambda m, p: "AAFP Elective"),
    (
        re.compile(
            rf"\b({'|'.join(BOARDS)})\b[^.\n\d]{{0,40}}?\bMOC\b[^.\n]{{0,30}}?\bpoints?", re.I
        ),
        lambda m, p: f"{_board(m.group(1))} MOC points",
    ),
    (
        re.compile(r"\bMOC\b(?:\s+\w+){0,3}?\s+points?", re.I),
        lambda m, p: f"{_document_board(p)} MOC points",
    ),
    (
        re.compile(r"(?:ANCC\s+|nursing\s+|ACPE\s+|pharmacy\s+)?contact\s+hours?", re.I),
        lambda m, p: (
            "ACPE contact hours"
            if re.search(r"ACPE|pharmacy", m.group(0), re.I)
            else "ANCC contact hours"
        ),
    ),
]


def _board(text: str) -> str:
    return next((b for b in BOARDS if b.lower() == text.lower()), text.upper())


def _document_board(page: Page) -> str:
    m = re.search(rf"\b({'|'.join(BOARDS)})\b", page.flat)
    return _board(m.group(1)) if m else "ABIM"


def _credit_types(line: str, page: Page | None = None) -> list[tuple[str, int, int]]:
    """(canonical type, start, end) of every credit type named in a line, without overlaps."""
    found: list[tuple[str, int, int]] = []
    for regex, name in _TYPE_PATTERNS:
        for m in regex.finditer(line):
            if any(m.start() < e and s < m.end() for _, s, e in found):
                continue
            found.append((name(m, page or Page([], [], line)), m.start(), m.end()))
    return sorted(found, key=lambda t: t[1])


_AMOUNT = re.compile(r"(?<![\w.,/-])(\d{1,3}(?:[.,]\d{1,2})?)(?![\w/]|[.,]\d)")
_CLAIM = re.compile(
    r"\b(?:claimed|earned|awarded|redeemed|you claimed|total credits?|credits? awarded|credits? earned)\b",
    re.I,
)
_MAXIMUM = re.compile(
    r"maximum|up to|designates|was designated|per topic|per question|acceptable for", re.I
)


def _amounts(line: str, masked: list[tuple[int, int]]) -> list[tuple[Decimal, int, int]]:
    out = []
    for m in _AMOUNT.finditer(line):
        if any(s <= m.start() < e for s, e in masked):
            continue
        try:
            out.append((Decimal(m.group(1).replace(",", ".")), m.start(), m.end()))
        except InvalidOperation:
            continue
    return out


def _pairs(line: str, page: Page, default_type: str | None) -> list[tuple[str, Decimal]]:
    """Credit type and amount pairs in one line: 'N TYPE', 'TYPE claimed N', 'Credits claimed: N'."""
    types = _credit_types(line, page)
    masked = [(s, e) for _, s, e in types] + [(d.begin, d.stop) for d in find_dates(line)]
    amounts = _amounts(line, masked)
    pairs = []
    for name, start, end in types:
        before = [a for a in amounts if a[2] <= start and start - a[2] <= 6]
        after = [a for a in amounts if a[1] >= end and a[1] - end <= 14]
        if before:
            pairs.append((name, before[-1][0]))
        elif after:
            pairs.append((name, after[0][0]))
    if not types and default_type and _CLAIM.search(line) and amounts:
        pairs.append((default_type, amounts[-1][0]))
    return [(t, a) for t, a in pairs if a > 0]


def _designated_types(page: Page) -> list[str]:
    return [t for line in page.lines for t, _, _ in _credit_types(line, page)]


def credits_claimed(page: Page) -> list[Found]:
    """What the learner claimed or was awarded: 'Credits claimed: 20.5', 'Credit awarded: 2.00 AMA PRA
    Category 1 Credits™', 'and has earned 18.00 AOA Category 1-A credits', 'You claimed 10.25 …',
    'Total credits redeemed: 3.50 …', 'MOC points earned: 20 ABIM MOC points'."""
    named = _designated_types(page)
    default = named[0] if named else None
    found = []
    for line in page.lines:
        if _CLAIM.search(line) and not _MAXIMUM.search(line):
            found += [Found((t, a), 0.95, "claimed") for t, a in _pairs(line, page, default)]
    return found


def credits_stated(page: Page) -> list[Found]:
    """A credit line on its own: '8.00 AMA PRA Category 1 Credits™', '1.00 ABP MOC Part 2 point',
    'Credit 1.00 AMA PRA Category 1 Credit™' (a table row)."""
    found = []
    for line in page.lines:
        if _CLAIM.search(line) or _MAXIMUM.search(line) or len(line) > 90:
            continue
        found += [Found((t, a), 0.85, "credit line") for t, a in _pairs(line, page, None)]
    return found


def credits_designated(page: Page) -> list[Found]:
    """Only the statement's maximum: 'designates this live activity for a maximum of 32.5 AMA PRA Category 1
    Credits™', 'acceptable for up to 26.00 Prescribed credit(s)', 'earn up to 32.5 … MOC points' — what the
    activity offered, not what the learner claimed; used only when nothing else is printed."""
    found = []
    patterns = [
        r"for a maximum of\s+(\d{1,3}(?:\.\d{1,2})?)\s+(.{3,60})",
        r"acceptable for up to\s+(\d{1,3}(?:\.\d{1,2})?)\s+(.{3,60})",
        r"earn up to\s+(\d{1,3}(?:\.\d{1,2})?)\s+(.{3,80})",
    ]
    for pattern in patterns:
        for m in re.finditer(pattern, page.flat, re.I):
            types = _credit_types(m.group(2), page)
            if types and types[0][1] <= 40:
                found.append(Found((types[0][0], Decimal(m.group(1))), 0.4, "designated maximum"))
    return found


def participation_only(page: Page) -> bool:
    """'This activity was designated for 1.00 AMA PRA Category 1 Credit™' with nothing claimed: a certificate
    of participation (as non-physicians receive), which states the activity's credit, not the learner's."""
    return bool(re.search(r"was\s+designated\s+for", page.flat, re.I))


def read_credits(page: Page, warnings: list[str]) -> Found:
    chosen: dict[str, Found] = {}
    for found in credits_claimed(page) + credits_stated(page):
        kind, amount = found.value
        if kind not in chosen:
            chosen[kind] = found
        elif chosen[kind].value[1] != amount and chosen[kind].confidence == found.confidence:
            warnings.append(
                f"it shows two amounts of {kind} ({chosen[kind].value[1]} and {amount}); the first is kept"
            )
    if not chosen and participation_only(page):
        warnings.append(
            "it is a certificate of participation: it says what the activity was designated for, "
            "not credit you earned"
        )
        return Found([], 0.8, "participation only")
    if not chosen:
        for found in credits_designated(page):
            kind, amount = found.value
            if kind not in chosen:
                chosen[kind] = found
                warnings.append(
                    f"it states only the maximum the activity offered ({amount} {kind}); "
                    "enter what you claimed"
                )
    if not chosen:
        return Found([], 0.3, "no credit found")
    values = [f.value for f in chosen.values()]
    return Found(
        values,
        min(f.confidence for f in chosen.values()),
        "+".join(sorted({f.rule for f in chosen.values()})),
    )


@functools.lru_cache(maxsize=1024)
def normalise_type(text: str) -> str:
    """A credit type as certificates and records write it → its standard name (unknown: as written)."""
    types = _credit_types(text)
    if types and types[0][1] == 0:
        return types[0][0]
    key = credit_type_key(text)
    return next((name for name in CREDIT_TYPES if credit_type_key(name) == key), text.strip())


# ---------------------------------------------------------------- all fields


def _first(page: Page, rules: list[Callable[[Page], Found | None]]) -> Found | None:
    for rule in rules:
        found = rule(page)
        if found is not None:
            return found
    return None


def read_fields(text: str, method: str = "text", file: str = "") -> Scan:
    """Every field of one certificate's text, each from the first rule that finds it."""
    page = prepare(text)
    warnings: list[str] = []
    date, end_date = read_dates(page)
    found: dict[str, Found | None] = {
        "title": _first(page, [title_labelled, title_after_lead_in, title_aafp]),
        "date": date,
        "end_date": end_date,
        "provider": _first(
            page, [provider_accredited, provider_designates, provider_labelled, provider_header]
        ),
        "accreditor": _first(page, [accreditor_joint, accreditor_named, accreditor_state_society]),
        "credits": read_credits(page, warnings),
        "name": _first(page, [name_after_certify, name_labelled]),
    }
    if found["provider"] is not None and found["provider"].value.lower().startswith("the "):
        f = found["provider"]
        found["provider"] = Found(f.value[4:], f.confidence, f.rule)
    if method == "ocr":
        found = {
            k: Found(v.value, v.confidence * OCR_FACTOR, v.rule) if v else None
            for k, v in found.items()
        }
    return Scan(file, method, found, warnings)


# ---------------------------------------------------------------- one file


def scan_file(path: Path, shown: str, profile_name: str | None = None) -> Scan:
    """Read one certificate file's fields; raise certificates.UnreadableCertificate when it cannot be read."""
    from portfolio import certificates

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise certificates.UnreadableCertificate(
            f"cannot be read ({exc.strerror or exc})"
        ) from None
    text = certificates.extract_text(data)
    result = read_fields(text.text, text.method, shown)
    check_name(result, profile_name)
    return result


def check_name(result: Scan, profile_name: str | None) -> None:
    """Warn when the learner named on the certificate is not the profile's ``name``."""
    name = result.value("name")
    if name and profile_name and not names_match(name, profile_name):
        result.warnings.append(
            f"it names {name!r}, not {profile_name!r} (portfolio.yaml): is it someone else's certificate?"
        )


def _level(confidence: float) -> str:
    return "sure" if confidence >= 0.85 else "likely" if confidence >= 0.6 else "unsure"


def describe(result: Scan) -> str:
    """The fields as a person reads them, each with how sure the reading is."""
    lines = [
        f"{result.file} (read from its {'text' if result.method == 'text' else 'image, by OCR'})"
    ]
    for name in FIELDS:
        found = result.found.get(name)
        if found is None:
            if name != "end_date":
                lines.append(f"  {name + ':':<12}(not found)")
            continue
        value = found.value
        if name == "credits":
            value = "; ".join(f"{a} {t}" for t, a in value) or "none"
        elif isinstance(value, dt.date):
            value = value.isoformat()
        lines.append(f"  {name + ':':<12}{value}  ({_level(found.confidence)})")
    lines += [f"  warning: {w}" for w in result.warnings]
    return "\n".join(lines)
