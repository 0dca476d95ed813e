"""Load stage: content/ on disk → a validated, immutable Record, or every mistake at once.

Each file is read once. Every error carries the file and the line of the offending key.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from portfolio import model
from portfolio.errors import Diagnostics, RecordError, did_you_mean
from portfolio.model import (
    CENT,
    Activity,
    BoardCertification,
    Cap,
    Certificate,
    Credit,
    License,
    Minimum,
    Profile,
    Record,
    Requirement,
    SiteSettings,
    Topic,
    Window,
)
from portfolio.source import LDict, LList, load_yaml, read_text, split_front_matter

ACTIVITY_KEYS = (
    "title",
    "date",
    "end_date",
    "provider",
    "accreditor",
    "format",
    "credit_type",
    "credits",
    "topics",
    "certificate",
    "status",
    "claim_by",
    "location",
    "url",
    "notes_private",
)
PROFILE_KEYS = (
    "name",
    "credentials",
    "specialty",
    "npi",
    "licenses",
    "board_certifications",
    "default_credit_type",
    "site",
)
REQUIREMENT_KEYS = (
    "name",
    "authority",
    "credits",
    "credit_types",
    "window",
    "minimums",
    "caps",
    "notes",
    "source",
)
CERTIFICATE_SUFFIXES = (".pdf", ".png", ".jpg", ".jpeg")
MAX_CREDITS = Decimal(1000)  # one activity worth more is a typo, not a record
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Fields:
    """Typed access to one YAML mapping that records an error (with the key's line) for each mistake."""

    def __init__(
        self, data: LDict, path: str, diags: Diagnostics, allowed: tuple[str, ...], what: str
    ):
        self.data, self.path, self.diags, self.what = data, path, diags, what
        for key in data:
            if key not in allowed:
                hint = did_you_mean(str(key), allowed)
                self.error(key, f"unknown field '{key}' in {what}{hint}")

    def line(self, key: str) -> int:
        return self.data.line_of(key)

    def error(self, key: str, message: str) -> None:
        self.diags.error(self.path, self.line(key), message)

    def warning(self, key: str, message: str) -> None:
        self.diags.warning(self.path, self.line(key), message)

    def has(self, key: str) -> bool:
        return self.data.get(key) is not None

    def get(self, key: str, convert: Callable[[Any, int], Any], required: bool = False) -> Any:
        """The converted value of ``key``; None when absent (an error when required) or invalid."""
        value = self.data.get(key)
        if value is None:
            if required:
                self.diags.error(
                    self.path,
                    self.line(key) if key in self.data else self.data.line,
                    f"'{key}' is required in {self.what}",
                )
            return None
        try:
            return convert(value, self.line(key))
        except _Problem as problem:
            self.error(key, f"'{key}' {problem}")
            return None

    def text(self, key: str, required: bool = False) -> str | None:
        return self.get(key, as_text, required)

    def date(self, key: str, required: bool = False) -> dt.date | None:
        return self.get(key, as_date, required)


class _Problem(Exception):
    """What is wrong with one value; the caller adds the key and the line."""


def as_text(value: Any, line: int = 0) -> str:
    if isinstance(value, (bool, LDict, LList)) or not isinstance(value, (str, int, Decimal)):
        raise _Problem(f"must be text (got {_describe(value)})")
    text = str(value).strip()
    if not text:
        raise _Problem("must not be empty")
    return text


def as_date(value: Any, line: int = 0) -> dt.date:
    if not isinstance(value, str) or not _DATE_RE.match(value.strip()):
        raise _Problem(f"must be a date written YYYY-MM-DD (got {_describe(value)})")
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise _Problem(f"is not a real date: {value.strip()}") from None


def as_amount(value: Any, line: int = 0) -> Decimal:
    """A credit amount: a number > 0 with at most two decimals."""
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        hint = ""
        if isinstance(value, str) and re.fullmatch(r"\s*\d+,\d+\s*", value):
            hint = f"; use a dot for decimals: {value.strip().replace(',', '.')}"
        raise _Problem(f"must be a number > 0 (got {_describe(value)}){hint}")
    amount = Decimal(value)
    if not amount.is_finite():
        raise _Problem(f"must be a finite number > 0 (got {value})")
    if amount <= 0:
        raise _Problem(f"must be a number > 0 (got {value})")
    if amount > MAX_CREDITS:
        raise _Problem(f"must be at most {MAX_CREDITS} (got {value}); is it a typo?")
    if amount != amount.quantize(CENT):
        raise _Problem(f"may have at most two decimals, like 0.25 (got {value})")
    return amount


def as_text_list(value: Any, line: int = 0) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    result = tuple(as_text(item) for item in items)
    if len(set(result)) != len(result):
        raise _Problem("lists the same entry twice")
    return result


def _describe(value: Any) -> str:
    if isinstance(value, LDict):
        return "a mapping"
    if isinstance(value, LList):
        return "a list"
    if isinstance(value, bool):
        return f"{'true' if value else 'false'}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return repr(shown)
    if isinstance(value, (int, Decimal)):
        return str(value)
    return type(value).__name__


# ---------------------------------------------------------------- certificates


class _CertificateStore:
    """Resolves certificate paths inside content/, hashing each file once however often it is cited."""

    def __init__(self, content: Path):
        self.content = content
        self.real_content = content.resolve()
        self.cache: dict[str, Certificate] = {}

    def get(self, raw: str) -> Certificate:
        if raw in self.cache:
            return self.cache[raw]
        text = raw.strip().replace("\\", "/")
        pure = Path(text)
        if pure.is_absolute() or re.match(r"^[A-Za-z]:", text):
            raise _Problem(f"must be a path relative to content/, not an absolute path ({raw})")
        if ".." in pure.parts:
            raise _Problem(f"must stay inside content/ ('..' is not allowed): {raw}")
        if pure.suffix.lower() not in CERTIFICATE_SUFFIXES:
            raise _Problem(f"must be a PDF, PNG or JPEG file (got {raw})")
        source = self.content / pure
        try:
            real = source.resolve(strict=True)
        except (OSError, RuntimeError):
            raise _Problem(f"names a file that does not exist: content/{pure.as_posix()}") from None
        if not real.is_relative_to(self.real_content):
            raise _Problem(f"leads outside content/ through a link: {raw}")
        if not real.is_file():
            raise _Problem(f"is not a file: content/{pure.as_posix()}")
        cert = Certificate(path=pure.as_posix(), source=real, size=real.stat().st_size)
        self.cache[raw] = cert
        return cert


# ---------------------------------------------------------------- activities


def _credits(fields: Fields, default_type: str | None) -> tuple[Credit, ...]:
    data = fields.data
    raw = data.get("credits")
    if isinstance(raw, list):
        if fields.has("credit_type"):
            fields.error(
                "credit_type",
                "'credit_type' cannot be used with a list of credits; give each its 'type'",
            )
        credits: list[Credit] = []
        for index, item in enumerate(raw):
            line = raw.line_of(index)
            if not isinstance(item, LDict):
                fields.diags.error(
                    fields.path, line, "each entry of 'credits' must be {type: …, amount: …}"
                )
                continue
            sub = Fields(item, fields.path, fields.diags, ("type", "amount"), "a credit entry")
            credit_type = sub.text("type", required=True)
            amount = sub.get("amount", as_amount, required=True)
            if credit_type and amount is not None:
                if any(c.type == credit_type for c in credits):
                    sub.error("type", f"credit type '{credit_type}' is listed twice")
                else:
                    credits.append(Credit(credit_type, amount))
        if not raw:
            fields.error("credits", "'credits' is an empty list")
        return tuple(credits)
    amount = fields.get("credits", as_amount)
    credit_type = fields.text("credit_type")
    if amount is None:
        return ()
    if credit_type is None and not fields.has("credit_type"):
        if default_type is None:
            fields.error(
                "credits",
                "no credit type: add 'credit_type: AMA PRA Category 1' (or set default_credit_type in portfolio.yaml)",
            )
            return ()
        credit_type = default_type
    return (Credit(credit_type, amount),) if credit_type else ()


def _topics(fields: Fields) -> tuple[Topic, ...]:
    raw = fields.data.get("topics")
    if raw is None:
        return ()
    if isinstance(raw, str):
        raw_items: list[Any] = [raw]
        lines = [fields.line("topics")]
    elif isinstance(raw, LList):
        raw_items, lines = list(raw), [raw.line_of(i) for i in range(len(raw))]
    else:
        fields.error("topics", f"'topics' must be a list of tags (got {_describe(raw)})")
        return ()
    topics: list[Topic] = []
    for item, line in zip(raw_items, lines, strict=True):
        if isinstance(item, LDict):
            sub = Fields(item, fields.path, fields.diags, ("topic", "credits"), "a topic entry")
            name = sub.text("topic", required=True)
            amount = sub.get("credits", as_amount, required=True)
            if name is None or amount is None:
                continue
            topic = Topic(name, amount)
        else:
            try:
                topic = Topic(as_text(item))
            except _Problem as problem:
                fields.diags.error(fields.path, line, f"a topic {problem}")
                continue
        if any(t.key == topic.key for t in topics):
            fields.diags.error(fields.path, line, f"topic '{topic.name}' is listed twice")
            continue
        topics.append(topic)
    return tuple(topics)


def _certificates(fields: Fields, store: _CertificateStore) -> tuple[Certificate, ...]:
    raw = fields.data.get("certificate")
    if raw is None:
        return ()
    items = list(raw) if isinstance(raw, list) else [raw]
    lines = (
        [raw.line_of(i) for i in range(len(raw))]
        if isinstance(raw, LList)
        else [fields.line("certificate")]
    )
    result: list[Certificate] = []
    for item, line in zip(items, lines, strict=True):
        try:
            cert = store.get(as_text(item))
        except _Problem as problem:
            fields.diags.error(fields.path, line, f"certificate {problem}")
            continue
        if cert in result:
            fields.diags.error(fields.path, line, f"certificate {cert.path} is listed twice")
            continue
        result.append(cert)
    return tuple(result)


def load_activity(
    path: Path,
    activity_id: str,
    shown: str,
    profile_default: str | None,
    store: _CertificateStore,
    diags: Diagnostics,
) -> Activity | None:
    """One activity file → an Activity, or None with its errors recorded."""
    try:
        doc = split_front_matter(read_text(path, shown), shown)
    except RecordError as exc:
        diags.items.extend(exc.diagnostics)
        return None
    before = len(diags.errors)
    f = Fields(doc.meta, shown, diags, ACTIVITY_KEYS, "an activity")
    title = f.text("title", required=True)
    date = f.date("date", required=True)
    end_date = f.date("end_date")
    provider = f.text("provider", required=True)
    status = f.get("status", _choice("status", model.STATUSES)) or "claimed"
    fmt = f.get("format", _choice("format", model.FORMATS))
    claim_by = f.date("claim_by")
    notes_private = f.get("notes_private", _as_bool) or False
    if date and end_date and end_date < date:
        f.error("end_date", f"'end_date' {end_date} is before 'date' {date}")
    if status == "pending" and claim_by is None and "claim_by" not in doc.meta:
        f.error(
            "status",
            "a pending activity needs 'claim_by: YYYY-MM-DD' (the last day to complete the claim)",
        )
    if status == "educational":
        credits = ()
        if f.has("credits"):
            f.warning(
                "credits",
                "educational activities are logged but never counted; 'credits' is ignored",
            )
    elif f.has("credits"):
        credits = _credits(f, profile_default)
    else:
        credits = ()
        if f.has("credit_type"):
            _credits(f, profile_default)
        f.error(
            "status" if "status" in doc.meta else "title",
            "'credits' is required (a number like 1.0, or a list of {type, amount}); "
            "if the activity was not accredited, set 'status: educational'",
        )
    topics = _topics(f)
    certificates = _certificates(f, store)
    location = f.text("location")
    url = f.get("url", _web_address)
    if len(diags.errors) > before or None in (title, date, provider):
        return None
    return Activity(
        id=activity_id,
        source=shown,
        title=title,
        date=date,
        end_date=end_date,
        provider=provider,
        accreditor=f.text("accreditor"),
        format=fmt,
        credits=credits,
        topics=topics,
        certificates=certificates,
        status=status,
        claim_by=claim_by,
        location=location,
        url=url,
        notes_private=notes_private,
        body=doc.body.strip("\n"),
        lines={**doc.meta.lines, "_body": doc.body_line},
    )


def _web_address(value: Any, line: int = 0) -> str:
    text = as_text(value)
    if not re.match(r"^https?://[^\s]+$", text, re.IGNORECASE):
        raise _Problem(f"must be a web address starting with https:// or http:// (got {text!r})")
    return text


def _choice(key: str, choices: tuple[str, ...]) -> Callable[[Any, int], str]:
    def convert(value: Any, line: int = 0) -> str:
        text = as_text(value)
        if text not in choices:
            raise _Problem(
                f"must be one of {', '.join(choices)} (got '{text}'){did_you_mean(text, choices)}"
            )
        return text

    return convert


def _as_bool(value: Any, line: int = 0) -> bool:
    if not isinstance(value, bool):
        raise _Problem(f"must be true or false (got {_describe(value)})")
    return value


# ---------------------------------------------------------------- profile


def npi_is_valid(npi: str) -> bool:
    """The NPI check digit: Luhn over '80840' + the ten digits (CMS NPI standard)."""
    if not re.fullmatch(r"\d{10}", npi):
        return False
    digits = [int(c) for c in "80840" + npi]
    total = 0
    for index, digit in enumerate(reversed(digits)):
        if index % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def _npi(value: Any, line: int = 0) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise _Problem(
            f'must be the 10-digit NPI in quotes, like "1234567893" (got {_describe(value)})'
        )
    text = str(value).strip()
    if not re.fullmatch(r"\d{10}", text):
        raise _Problem(f"must be exactly 10 digits (got {text!r})")
    if not npi_is_valid(text):
        raise _Problem(f"{text} fails the NPI check digit; look for a mistyped digit")
    return text


def _mapping_list(f: Fields, key: str) -> list[tuple[LDict, int]]:
    raw = f.data.get(key)
    if raw is None:
        return []
    if not isinstance(raw, LList):
        f.error(key, f"'{key}' must be a list (got {_describe(raw)})")
        return []
    result = []
    for index, item in enumerate(raw):
        if isinstance(item, LDict):
            result.append((item, raw.line_of(index)))
        else:
            f.diags.error(
                f.path,
                raw.line_of(index),
                f"each entry of '{key}' must be a mapping (got {_describe(item)})",
            )
    return result


def load_profile(path: Path, shown: str, diags: Diagnostics) -> Profile | None:
    if not path.is_file():
        diags.error(
            shown,
            0,
            "portfolio.yaml is missing: it holds your name and settings (run 'portfolio init' for a template)",
        )
        return None
    try:
        data = load_yaml(read_text(path, shown), shown)
    except RecordError as exc:
        diags.items.extend(exc.diagnostics)
        return None
    if not isinstance(data, LDict):
        diags.error(
            shown, 1, "portfolio.yaml must be 'key: value' lines (name, credentials, licenses, …)"
        )
        return None
    f = Fields(data, shown, diags, PROFILE_KEYS, "portfolio.yaml")
    name = f.text("name", required=True)
    licenses = []
    for item, _line in _mapping_list(f, "licenses"):
        sub = Fields(item, shown, diags, ("state", "number", "expires"), "a license")
        state, number, expires = (
            sub.text("state", required=True),
            sub.text("number", required=True),
            sub.date("expires"),
        )
        if state and number:
            licenses.append(License(state, number, expires))
    boards = []
    for item, _line in _mapping_list(f, "board_certifications"):
        sub = Fields(item, shown, diags, ("board", "specialty", "expires"), "a board certification")
        board = sub.text("board", required=True)
        if board:
            boards.append(BoardCertification(board, sub.text("specialty"), sub.date("expires")))
    site = SiteSettings()
    raw_site = data.get("site")
    if isinstance(raw_site, LDict):
        sub = Fields(raw_site, shown, diags, ("title", "theme", "base_url"), "site settings")
        theme = sub.text("theme") or "default"
        if not re.fullmatch(r"[A-Za-z0-9_.-]+", theme) or theme.startswith("."):
            sub.error("theme", f"'theme' must be a folder name under themes/ (got {theme!r})")
        elif theme != "default" and not (path.parent.parent / "themes" / theme).is_dir():
            sub.error(
                "theme", f"theme '{theme}' not found: create themes/{theme}/ or use theme: default"
            )
            theme = "default"
        base_url = raw_site.get("base_url")
        site = SiteSettings(
            title=sub.text("title") or "CME Portfolio",
            theme=theme,
            base_url=as_text(base_url) if isinstance(base_url, str) and base_url.strip() else "",
        )
    elif raw_site is not None:
        f.error(
            "site",
            f"'site' must be a mapping like {{title: …, theme: default}} (got {_describe(raw_site)})",
        )
    credentials = f.get("credentials", as_text_list) or ()
    profile = Profile(
        name=name or "",
        credentials=credentials,
        specialty=f.text("specialty"),
        npi=f.get("npi", _npi),
        licenses=tuple(licenses),
        board_certifications=tuple(boards),
        default_credit_type=f.text("default_credit_type"),
        site=site,
    )
    # Returned even when some field was wrong (those errors are recorded), so that a bad NPI does not
    # cascade into "no credit type" errors on every activity that relies on default_credit_type.
    return profile


# ---------------------------------------------------------------- requirements


def _window(value: Any, line: int = 0) -> Window:
    """``{start, end}``, ``{months: N}`` or ``lifetime``; a problem inside the mapping carries its own line."""
    if isinstance(value, str) and value.strip().lower() == "lifetime":
        return Window("lifetime")
    if not isinstance(value, LDict):
        raise _Problem(
            "must be {start: YYYY-MM-DD, end: YYYY-MM-DD}, {months: N} or lifetime "
            f"(got {_describe(value)})"
        )

    def problem(key: str, message: str) -> _Problem:
        found = _Problem(message)
        found.line = value.line_of(key)  # type: ignore[attr-defined]
        return found

    unknown = sorted(str(k) for k in value if k not in ("start", "end", "months"))
    if unknown:
        hint = did_you_mean(unknown[0], ("start", "end", "months"))
        raise problem(unknown[0], f"has unknown field '{unknown[0]}'{hint}")
    keys = set(value)
    if "months" in keys and keys & {"start", "end"}:
        raise problem(
            "months",
            "mixes 'months' with 'start'/'end': use {start, end} for a fixed cycle "
            "or {months: N} for a rolling one",
        )
    if keys == {"months"}:
        months = value["months"]
        if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= 1200:
            raise problem(
                "months",
                f"months must be a whole number from 1 to 1200 (got {_describe(months)})",
            )
        return Window("rolling", months=months)
    if keys != {"start", "end"}:
        missing = "end" if "start" in keys else "start"
        raise _Problem(f"needs both 'start' and 'end' ('{missing}' is missing), or only 'months'")
    dates = {}
    for key in ("start", "end"):
        try:
            dates[key] = as_date(value[key])
        except _Problem as bad:
            raise problem(key, f"{key} {bad}") from None
    start, end = dates["start"], dates["end"]
    if end < start:
        raise problem("end", f"ends ({end}) before it starts ({start})")
    return Window("fixed", start=start, end=end)


def _share(value: Any, line: int = 0) -> Decimal:
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, Decimal))
        or not Decimal(value).is_finite()
    ):
        raise _Problem(f"must be a fraction such as 0.30 (got {_describe(value)})")
    share = Decimal(value)
    if not 0 < share <= 1:
        raise _Problem(f"must be more than 0 and at most 1, such as 0.30 for 30 % (got {value})")
    return share


def load_requirements(path: Path, shown: str, diags: Diagnostics) -> tuple[Requirement, ...]:
    if not path.is_file():
        return ()
    try:
        data = load_yaml(read_text(path, shown), shown)
    except RecordError as exc:
        diags.items.extend(exc.diagnostics)
        return ()
    if data is None:
        return ()
    if not isinstance(data, LDict):
        diags.error(
            shown, 1, "requirements.yaml must start with 'requirements:' followed by a list"
        )
        return ()
    top = Fields(data, shown, diags, ("requirements",), "requirements.yaml")
    result: list[Requirement] = []
    names: dict[str, int] = {}
    for item, line in _mapping_list(top, "requirements"):
        f = Fields(item, shown, diags, REQUIREMENT_KEYS, "a requirement")
        name = f.text("name", required=True)
        credits = f.get("credits", as_amount, required=True)
        window = None
        if item.get("window") is None:
            f.get("window", _window, required=True)  # reports it missing
        else:
            try:
                window = _window(item["window"], f.line("window"))
            except _Problem as problem:
                where = getattr(problem, "line", None) or f.line("window")
                diags.error(shown, where, f"'window' {problem}")
        credit_types = f.get("credit_types", as_text_list) or ()
        if name:
            # Two names that differ only in case or punctuation would share one page (the slug).
            key = Requirement(name, Decimal(1), Window("lifetime")).slug
            if key in names:
                f.error(
                    "name",
                    f"requirement '{name}' is defined twice (first on line {names[key]})",
                )
            names.setdefault(key, f.line("name"))
        minimums = []
        for sub_data, sub_line in _mapping_list(f, "minimums"):
            sub = Fields(
                sub_data,
                shown,
                diags,
                ("topic", "credit_types", "credits", "exclude_topics"),
                "a minimum",
            )
            amount = sub.get("credits", as_amount, required=True)
            topic = sub.text("topic")
            types = sub.get("credit_types", as_text_list) or ()
            excluded = sub.get("exclude_topics", as_text_list) or ()
            if (
                topic is None
                and not types
                and "topic" not in sub_data
                and "credit_types" not in sub_data
            ):
                diags.error(shown, sub_line, "a minimum needs a 'topic', 'credit_types', or both")
            elif topic and any(model.topic_key(t) == model.topic_key(topic) for t in excluded):
                sub.error(
                    "exclude_topics",
                    f"a minimum for '{topic}' cannot exclude its own topic",
                )
            elif amount is not None:
                minimums.append(Minimum(amount, topic, types, excluded, sub_line))
        caps = []
        for sub_data, sub_line in _mapping_list(f, "caps"):
            sub = Fields(sub_data, shown, diags, ("topic", "max_share", "max_credits"), "a cap")
            topic = sub.text("topic", required=True)
            share = sub.get("max_share", _share)
            max_credits = sub.get("max_credits", as_amount)
            if "max_share" not in sub_data and "max_credits" not in sub_data:
                diags.error(
                    shown, sub_line, "a cap needs 'max_share' (such as 0.30) or 'max_credits'"
                )
            elif topic and (share is not None or max_credits is not None):
                caps.append(Cap(topic, share, max_credits, sub_line))
        if name and credits is not None and window is not None:
            result.append(
                Requirement(
                    name=name,
                    credits=credits,
                    window=window,
                    authority=f.text("authority"),
                    credit_types=credit_types,
                    minimums=tuple(minimums),
                    caps=tuple(caps),
                    notes=f.text("notes"),
                    reference=f.text("source"),
                    file=shown,
                    line=line,
                )
            )
    return tuple(result)


# ---------------------------------------------------------------- the whole record


def load(root: Path) -> tuple[Record, Diagnostics]:
    """Load and validate content/ under ``root``; raise RecordError with every error found.

    Returns the record and the diagnostics (warnings only, since errors raise).
    """
    diags = Diagnostics()
    content = root / "content"
    if not content.is_dir():
        raise RecordError.single(
            "content",
            0,
            f"no content/ folder in {root}; run 'portfolio init' there, or pass --root to the record's folder",
        )
    profile = load_profile(content / "portfolio.yaml", "content/portfolio.yaml", diags)
    requirements = load_requirements(
        content / "requirements.yaml", "content/requirements.yaml", diags
    )
    store = _CertificateStore(content)
    activities: list[Activity] = []
    default_type = profile.default_credit_type if profile else None
    activities_dir = content / "activities"
    # Thousands of files: sort on the parts tuple (the order Path comparison gives, without its per-comparison
    # cost) and take the relative path by slicing parts rather than Path.relative_to.
    found = activities_dir.rglob("*.md") if activities_dir.is_dir() else ()
    skip = len(activities_dir.parts)
    for path in sorted(found, key=lambda p: p.parts):
        relative = path.parts[skip:]
        if any(part.startswith(".") for part in relative) or not path.is_file():
            continue
        posix = "/".join(relative)
        activity_id = posix[: -len(".md")]  # the glob matched "*.md": the suffix is exactly ".md"
        shown = f"content/activities/{posix}"
        activity = load_activity(path, activity_id, shown, default_type, store, diags)
        if activity is not None:
            activities.append(activity)
    cert_dir = content / "certificates"
    cert_files = tuple(
        sorted(
            p.relative_to(content).as_posix()
            for p in (cert_dir.rglob("*") if cert_dir.is_dir() else [])
            if p.is_file()
            and not any(part.startswith(".") for part in p.relative_to(content).parts)
        )
    )
    diags.raise_if_errors()
    assert profile is not None
    activities.sort(key=lambda a: (a.date, a.id))
    return Record(root, profile, tuple(activities), requirements, cert_files), diags


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
                        f"claim deadline {a.claim_by} passed {-days} days ago; ask the provider whether it can still be claimed",
                    )
                )
            elif days <= 14:
                found.append(
                    (
                        a.source,
                        a.line("claim_by"),
                        f"claim deadline {a.claim_by} is in {days} days: complete the evaluation and save the certificate",
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
