"""The immutable model every stage shares: activities, credits, certificates, the profile, requirements.

Derived state (documented / undocumented / pending / educational) is computed here and nowhere else.
"""

from __future__ import annotations

import calendar
import datetime as dt
import errno
import functools
import hashlib
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

DOCUMENTED = "documented"
UNDOCUMENTED = "undocumented"
PENDING = "pending"
EDUCATIONAL = "educational"
STATES = (DOCUMENTED, UNDOCUMENTED, PENDING, EDUCATIONAL)
# What every output calls each activity state, and what it means for the figures.
STATE_LABELS = {
    DOCUMENTED: "Documented",
    UNDOCUMENTED: "Undocumented",
    PENDING: "Pending claim",
    EDUCATIONAL: "Educational",
}
STATE_EXPLAINED = {
    DOCUMENTED: "accredited and certificate on file: counts toward totals and requirements",
    UNDOCUMENTED: "no certificate on file: listed, never counted until one is added",
    PENDING: "attended; the evaluation or claim is not done yet: not counted until claimed",
    EDUCATIONAL: "not accredited: logged as education, never counted as CME",
}

STATUSES = ("claimed", "pending", "educational")
FORMATS = (
    "grand-rounds",
    "m-and-m",
    "noon-conference",
    "journal-club",
    "conference",
    "workshop",
    "online",
    "enduring",
    "self-study",
    "other",
)
FORMAT_LABELS = {
    "grand-rounds": "Grand rounds",
    "m-and-m": "M&M",
    "noon-conference": "Noon conference",
    "journal-club": "Journal club",
    "conference": "Conference",
    "workshop": "Workshop",
    "online": "Online",
    "enduring": "Enduring material",
    "self-study": "Self-study",
    "other": "Other",
}

CENT = Decimal("0.01")


@functools.lru_cache(maxsize=8192)  # the same topics and titles, thousands of times in a big record
def slugify(text: str, fallback: str = "x", limit: int | None = None) -> str:
    """Lower-case ASCII letters and digits joined by '-', accents dropped ('É' → 'e'): file names and anchors.

    At most ``limit`` characters, never ending in '-'; ``fallback`` when nothing is left.
    """
    # Accents go (their combining marks are dropped); any other character outside a-z0-9, a dash '–'
    # included, separates words as before: "2025–2026" stays "2025-2026".
    plain = "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    return slug[:limit].rstrip("-") or fallback


@functools.lru_cache(maxsize=8192)
def topic_key(name: str) -> str:
    """How topics are compared: case-insensitive, with '-', '_' and spaces equivalent."""
    return re.sub(r"[\s_\-]+", "-", name.strip().lower())


_TRADEMARK_RE = re.compile(r"(?:\s*(?:™|®|\(tm\)|\(r\)))+$", re.IGNORECASE)
_CREDIT_WORD_RE = re.compile(r"\s+credits?(?:\(s\))?$", re.IGNORECASE)


@functools.lru_cache(maxsize=4096)
def credit_type_key(name: str) -> str:
    """How credit types are compared (SPEC §1.4): case-insensitive, spaces collapsed, and a trailing
    'Credit'/'Credits' and '™' ignored — a certificate's "AMA PRA Category 1 Credit™" is "AMA PRA Category 1".
    """
    text = " ".join(name.split())
    for _ in range(2):  # "Credit™" and "™ Credits" both end in a word and a mark
        text = _TRADEMARK_RE.sub("", text)
        text = _CREDIT_WORD_RE.sub("", text)
    return text.strip().lower()


# Credit types every accredited system writes on its certificates: a name one typo away from one of these
# (or from one a requirement names) is a mistake that decides money, so the loader stops on it.
STANDARD_CREDIT_TYPES = (
    "AMA PRA Category 1",
    "AMA PRA Category 2",
    "AOA Category 1-A",
    "AOA Category 1-B",
    "AOA Category 2-A",
    "AOA Category 2-B",
    "AAFP Prescribed",
    "AAFP Elective",
    "ABIM MOC points",
    "ABP MOC points",
    "ABFM MOC points",
    "ANCC contact hours",
    "ACPE",
)


def is_moc_points(credit_type: str) -> bool:
    """True for a board's Maintenance of Certification points ("ABIM MOC points", "ABP MOC points", …):
    any type whose compared name contains "moc" or "maintenance of certification".

    An MOC point is not a CME credit (SPEC §1.4): a figure that reads as CME credit (a topic's total, a
    requirement accepting ``any``) must under-count — leave MOC points out — rather than over-count and
    let a physician believe a board's CME hours are done when they are not.
    """
    key = credit_type_key(credit_type)
    return "moc" in key or "maintenance of certification" in key


_STANDARD_RANK = {credit_type_key(t): i for i, t in enumerate(STANDARD_CREDIT_TYPES)}


def credit_type_order(credit_type: str) -> tuple[int, int, str]:
    """How every display orders credit types: CME first (the standard order, AMA PRA Category 1 first),
    then other types by name, MOC points last — a headline never opens on points that are not CME credit.
    """
    key = credit_type_key(credit_type)
    rank = _STANDARD_RANK.get(key)
    if is_moc_points(credit_type):
        return (2, rank if rank is not None else len(_STANDARD_RANK), key)
    if rank is not None:
        return (0, rank, key)
    return (1, 0, key)


@dataclass(frozen=True)
class Credit:
    type: str
    amount: Decimal

    @functools.cached_property
    def key(self) -> str:
        """The type as requirements compare it (``credit_type_key``)."""
        return credit_type_key(self.type)


@dataclass(frozen=True)
class Topic:
    name: str
    credits: Decimal | None = None  # None: all of the activity's credits cover it

    @property
    def key(self) -> str:
        return topic_key(self.name)

    def share(self, amount: Decimal) -> Decimal:
        """How much of an activity's ``amount`` covers this topic: all of it, or a partial topic's credits
        when fewer (the one rule for totals per topic and for requirements' topics)."""
        return amount if self.credits is None or self.credits >= amount else self.credits


def open_no_link(path: Path | str) -> BinaryIO:
    """Open a file for reading without following a link at its last step (O_NOFOLLOW where there is one).

    ``path`` is already resolved inside content/: a link found there now was put in after that check.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


@dataclass(frozen=True)
class Certificate:
    """A proof file: ``path`` relative to content/ (POSIX), ``source`` on disk, its size in bytes."""

    path: str
    source: Path
    size: int

    @functools.cached_property
    def sha256(self) -> str:
        """SHA-256 of the file, read when first asked for (so `check` never reads every certificate)."""
        digest = hashlib.sha256()
        with open_no_link(self.source) as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()

    @property
    def site_path(self) -> str:
        """Where the file lands in the built site, relative to the site's root."""
        if self.path.startswith("certificates/"):
            return self.path
        return "files/" + self.path  # never collides with a file under certificates/

    @property
    def kind(self) -> str:
        suffix = self.source.suffix.lower()
        if suffix == ".pdf":
            return "pdf"
        if suffix in (".png", ".jpg", ".jpeg"):
            return "image"
        return "other"


@dataclass(frozen=True)
class Activity:
    """One CME activity, as validated from one Markdown file."""

    id: str  # path below content/activities without '.md', POSIX: '2026/2026-03-14-hf-grand-rounds'
    source: str  # path shown in messages, relative to the root: 'content/activities/2026/…md'
    title: str
    date: dt.date
    provider: str
    credits: tuple[Credit, ...] = ()
    end_date: dt.date | None = None
    accreditor: str | None = None
    format: str | None = None
    topics: tuple[Topic, ...] = ()
    certificates: tuple[Certificate, ...] = ()
    status: str = "claimed"
    claim_by: dt.date | None = None
    location: str | None = None
    url: str | None = None
    notes_private: bool = False
    body: str = ""
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False, repr=False)
    # The SHA-256 of what the loader made every other field from (its front matter's text and the profile's
    # default credit type; portfolio.records.activity.origin): two activities with the same origin, id,
    # source, body and certificates are the same, for the same software. Rebuilds key pages on it
    # (portfolio.reuse). Empty for an activity made otherwise.
    origin: str = field(default="", compare=False, hash=False, repr=False)

    @property
    def completed(self) -> dt.date:
        """The completion date: every window and as-of comparison uses it."""
        return self.end_date or self.date

    @property
    def state(self) -> str:
        """The one place derived state is decided (SPEC §1.1)."""
        if self.status == "educational":
            return EDUCATIONAL
        if self.status == "pending":
            return PENDING
        return DOCUMENTED if self.certificates else UNDOCUMENTED

    @property
    def counts(self) -> bool:
        return self.state == DOCUMENTED

    def counted_on(self, as_of: dt.date) -> bool:
        """Documented and completed by ``as_of``: it enters totals (SPEC §1.1)."""
        return self.state == DOCUMENTED and self.completed <= as_of

    def overdue(self, as_of: dt.date) -> bool:
        """A pending claim whose deadline has passed."""
        return self.state == PENDING and self.claim_by is not None and self.claim_by < as_of

    @property
    def page(self) -> str:
        """The activity's page, relative to the site's root."""
        return f"activities/{self.id}.html"

    def line(self, key: str) -> int:
        return self.lines.get(key, 1)


@dataclass(frozen=True)
class License:
    state: str
    number: str
    expires: dt.date | None = None
    issued: dt.date | None = None
    cycle_months: int = 24  # the length of one renewal period


@dataclass(frozen=True)
class Dea:
    """A DEA registration: rules for controlled-substance prescribers apply while it is current."""

    number: str
    expires: dt.date | None = None


@dataclass(frozen=True)
class BoardCertification:
    board: str
    specialty: str | None = None
    expires: dt.date | None = None


@dataclass(frozen=True)
class SiteSettings:
    title: str = "CME Portfolio"
    theme: str = "default"
    base_url: str = ""
    date_format: str = "medium"  # "medium": Sep 10, 2025; "iso": 2025-09-10 (pages and PDF)
    show_contact: bool = False  # contact details on the site's pages too (always in the PDF)


@dataclass(frozen=True)
class Contact:
    """How a committee reaches the physician (portfolio.yaml; all optional)."""

    email: str | None = None
    phone: str | None = None
    address: str | None = None
    institution: str | None = None


@dataclass(frozen=True)
class Profile:
    name: str
    credentials: tuple[str, ...] = ()
    specialty: str | None = None
    npi: str | None = None
    licenses: tuple[License, ...] = ()
    board_certifications: tuple[BoardCertification, ...] = ()
    default_credit_type: str | None = None
    site: SiteSettings = SiteSettings()
    dea: Dea | None = None
    practice: tuple[str, ...] = ()  # facts the physician declares about their practice (SPEC §1.4)
    contact: Contact = Contact()

    def license_for(self, state: str) -> License | None:
        """The profile's license for ``state`` (two letters, any case), or None."""
        wanted = state.strip().upper()
        return next((lic for lic in self.licenses if lic.state.strip().upper() == wanted), None)

    @property
    def display_name(self) -> str:
        """The name followed by each credential once.

        ``Maria Vasquez, MD`` with credentials ``[MD, FACP]`` → ``Maria Vasquez, MD, FACP``
        (``M.D.`` is ``MD``): pages and the PDF never print a credential twice.
        """
        base, *written = (part.strip() for part in self.name.split(","))
        shown: list[str] = []
        for credential in [*written, *self.credentials]:
            key = credential.replace(".", "").replace(" ", "").casefold()
            if key and key not in (s.replace(".", "").replace(" ", "").casefold() for s in shown):
                shown.append(credential)
        return ", ".join([base, *shown])


@dataclass(frozen=True)
class Window:
    """Which days a requirement looks at; ``portfolio.windows`` turns it into dates (SPEC §1.3, §1.4).

    ``fixed`` {start, end}; ``rolling`` {months}; ``lifetime``; or ``license`` {license: XX} with optional
    ``cycles`` (the last N renewal periods) or ``first_months`` (the first M months after ``issued``).
    """

    kind: str
    start: dt.date | None = None
    end: dt.date | None = None
    months: int | None = None
    license: str | None = None
    cycles: int | None = None
    first_months: int | None = None

    @property
    def moves(self) -> bool:
        """True when the window ends on the as-of date (rolling, lifetime): it has no due date."""
        return self.kind in ("rolling", "lifetime")


def add_months(day: dt.date, months: int) -> dt.date:
    """The same calendar day ``months`` later (negative: earlier), clamped to the month's end.

    Past the calendar's ends (after 9999-12-31, before 0001-01-01) it stops at them: a window that runs
    beyond the calendar is bounded by it, not a crash.
    """
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    if year > dt.MAXYEAR:
        return dt.date.max
    if year < dt.MINYEAR:
        return dt.date.min
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Minimum:
    credits: Decimal | None  # None: only a number of activities is asked for
    topic: str | None = None  # the short form of ``topics`` with one entry
    credit_types: tuple[str, ...] = ()  # empty: the requirement's
    exclude_topics: tuple[str, ...] = ()
    line: int = 0
    topics: tuple[str, ...] = ()  # any of these (``topic`` is folded in by the loader)
    activities: int | None = None  # at least this many counted activities
    applies_if: tuple[str, ...] = ()  # facts that must all hold for the minimum to apply
    effective: dt.date | None = None  # the day the rule took effect (None: no such limit)

    @property
    def any_topics(self) -> tuple[str, ...]:
        """Every topic the minimum accepts: ``topics``, or ``topic`` alone."""
        if self.topics:
            return self.topics
        return (self.topic,) if self.topic else ()

    @property
    def label(self) -> str:
        parts = []
        if self.any_topics:
            parts.append(" or ".join(self.any_topics))
        if self.credit_types:
            parts.append(" or ".join(self.credit_types))
        return ", ".join(parts)


@dataclass(frozen=True)
class Cap:
    topic: str
    max_share: Decimal | None = None
    max_credits: Decimal | None = None
    line: int = 0


@dataclass(frozen=True)
class CarryOver:
    """Excess credit of the previous renewal period that counts toward this one, up to ``max_credits``."""

    max_credits: Decimal


@dataclass(frozen=True)
class Requirement:
    name: str
    credits: Decimal | None  # None: only a number of activities is asked for
    window: Window
    authority: str | None = None
    credit_types: tuple[str, ...] = ()  # empty: every credit type counts (``credit_types: any``)
    minimums: tuple[Minimum, ...] = ()
    caps: tuple[Cap, ...] = ()
    notes: str | None = None
    reference: str | None = None  # where the rule is published (URL or citation)
    file: str = ""
    line: int = 0
    topics: tuple[str, ...] = ()  # only activities carrying one of these count toward the total
    activities: int | None = None  # at least this many counted activities
    applies_if: tuple[str, ...] = ()  # facts that must all hold for the requirement to apply
    carry_over: CarryOver | None = None
    effective: dt.date | None = None  # the day the rule took effect (None: no such limit)

    @property
    def slug(self) -> str:
        return slugify(self.name, "requirement")


@dataclass(frozen=True)
class Record:
    """Everything loaded from content/: the profile, the activities (sorted), the requirements."""

    root: Path
    profile: Profile
    activities: tuple[Activity, ...]
    requirements: tuple[Requirement, ...]
    certificate_files: tuple[
        str, ...
    ] = ()  # every file under content/certificates, for orphan checks

    @property
    def content(self) -> Path:
        return self.root / "content"
