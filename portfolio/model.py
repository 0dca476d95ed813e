"""The immutable model every stage shares: activities, credits, certificates, the profile, requirements.

Derived state (documented / undocumented / pending / educational) is computed here and nowhere else.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

DOCUMENTED = "documented"
UNDOCUMENTED = "undocumented"
PENDING = "pending"
EDUCATIONAL = "educational"
STATES = (DOCUMENTED, UNDOCUMENTED, PENDING, EDUCATIONAL)

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


def slugify(text: str, fallback: str = "x") -> str:
    """Lower-case ASCII letters and digits joined by '-': for file names and anchors."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or fallback


def topic_key(name: str) -> str:
    """How topics are compared: case-insensitive, with '-', '_' and spaces equivalent."""
    return re.sub(r"[\s_\-]+", "-", name.strip().lower())


@dataclass(frozen=True)
class Credit:
    type: str
    amount: Decimal


@dataclass(frozen=True)
class Topic:
    name: str
    credits: Decimal | None = None  # None: all of the activity's credits cover it

    @property
    def key(self) -> str:
        return topic_key(self.name)


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
        with self.source.open("rb") as fh:
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
    contact: Contact = Contact()

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
    """``fixed`` {start, end}; ``rolling`` {months}; or ``lifetime``. Resolved against an as-of date."""

    kind: str
    start: dt.date | None = None
    end: dt.date | None = None
    months: int | None = None

    def resolve(self, as_of: dt.date) -> tuple[dt.date | None, dt.date]:
        """(first day, last day), both included; ``None`` as first day means no lower bound."""
        if self.kind == "fixed":
            assert self.start is not None and self.end is not None
            return self.start, self.end
        if self.kind == "rolling":
            assert self.months is not None
            return add_months(as_of, -self.months) + dt.timedelta(days=1), as_of
        return None, as_of


def add_months(day: dt.date, months: int) -> dt.date:
    """The same calendar day ``months`` later (negative: earlier), clamped to the month's end."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


@dataclass(frozen=True)
class Minimum:
    credits: Decimal
    topic: str | None = None
    credit_types: tuple[str, ...] = ()  # empty: the requirement's
    exclude_topics: tuple[str, ...] = ()
    line: int = 0

    @property
    def label(self) -> str:
        parts = []
        if self.topic:
            parts.append(self.topic)
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
class Requirement:
    name: str
    credits: Decimal
    window: Window
    authority: str | None = None
    credit_types: tuple[str, ...] = ()  # empty: every credit type counts
    minimums: tuple[Minimum, ...] = ()
    caps: tuple[Cap, ...] = ()
    notes: str | None = None
    reference: str | None = None  # where the rule is published (URL or citation)
    file: str = ""
    line: int = 0

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
