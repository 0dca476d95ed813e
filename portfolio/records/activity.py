"""Load stage, one activity file: front matter → an Activity, with its certificates resolved inside content/."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from portfolio import model
from portfolio.certificates import Inspections
from portfolio.errors import Diagnostic, Diagnostics, RecordError
from portfolio.model import Activity, Certificate, Credit, Topic
from portfolio.records.fields import (
    Fields,
    _as_bool,
    _choice,
    _describe,
    _Problem,
    _web_address,
    as_amount,
    as_text,
    comma_list,
)
from portfolio.source import LDict, LList, note_problem, read_text, split_front_matter
from portfolio.source_cache import ParsedCache, cut, origin

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


CERTIFICATE_SUFFIXES = (".pdf", ".png", ".jpg", ".jpeg")


# ---------------------------------------------------------------- certificates


class _CertificateStore:
    """Resolves certificate paths inside content/, hashing each file once however often it is cited."""

    def __init__(self, content: Path, inspections: Inspections | None = None):
        self.content = content
        self.real_content = content.resolve()
        self.cache: dict[str, Certificate] = {}
        self.inspections = inspections
        self.warnings: dict[
            str, str
        ] = {}  # certificate path → what to say about it (an encrypted PDF)

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
        if (
            self.inspections is not None
        ):  # is it what its name claims? (a 0-byte .pdf, text as .png …)
            try:
                verdict = self.inspections.check(cert)
            except OSError as exc:
                raise _Problem(f"{cert.path} cannot be read ({exc.strerror or exc})") from None
            if verdict is not None and verdict[0] == "error":
                raise _Problem(f"{cert.path} {verdict[1]}")
            if verdict is not None:
                self.warnings[cert.path] = verdict[1]
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
        try:
            comma_list(raw)
        except _Problem as problem:
            fields.error("topics", f"'topics' {problem}")
            return ()
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


def _certificate_paths(fields: Fields) -> list[tuple[str, int]]:
    """The certificate paths the front matter cites, each with its line (text only: nothing is resolved)."""
    raw = fields.data.get("certificate")
    if raw is None:
        return []
    items = list(raw) if isinstance(raw, list) else [raw]
    lines = (
        [raw.line_of(i) for i in range(len(raw))]
        if isinstance(raw, LList)
        else [fields.line("certificate")]
    )
    paths: list[tuple[str, int]] = []
    for item, line in zip(items, lines, strict=True):
        try:
            paths.append((as_text(item), line))
        except _Problem as problem:
            fields.diags.error(fields.path, line, f"certificate {problem}")
    return paths


def _certificates(
    paths: list[tuple[str, int]], shown: str, store: _CertificateStore, diags: Diagnostics
) -> tuple[Certificate, ...] | None:
    """The cited files resolved inside content/ (on every build: they are other files than this one), or
    None with the errors recorded."""
    result: list[Certificate] = []
    fine = True
    for raw, line in paths:
        try:
            cert = store.get(raw)
        except _Problem as problem:
            diags.error(shown, line, f"certificate {problem}")
            fine = False
            continue
        if cert in result:
            diags.error(shown, line, f"certificate {cert.path} is listed twice")
            fine = False
            continue
        if cert.path in store.warnings:
            diags.warning(shown, line, f"certificate {cert.path} {store.warnings[cert.path]}")
        result.append(cert)
    return tuple(result) if fine else None


def load_activity(
    path: Path | str,
    activity_id: str,
    shown: str,
    profile_default: str | None,
    store: _CertificateStore,
    diags: Diagnostics,
    parsed: ParsedCache | None = None,
) -> Activity | None:
    """One activity file → an Activity, or None with its errors recorded. ``parsed``: what an earlier build
    made of unchanged files (portfolio.source_cache): their activities, checked under the same default
    credit type, or their parsed front matter."""
    try:
        text = read_text(path, shown)
        if parsed is not None:
            known = parsed.checked(text, profile_default, _from_cache)
            if known is not None:
                body_line, made_from, fields = known
                return _remembered_activity(
                    fields, activity_id, shown, cut(text, body_line)[1], made_from, store, diags
                )
            doc, too_much = parsed.split(text, shown)
        else:
            doc = split_front_matter(text, shown)
            too_much = note_problem(doc.body)
    except RecordError as exc:
        diags.items.extend(exc.diagnostics)
        return None
    start = len(diags.items)
    if too_much is not None:
        diags.error(shown, doc.body_line + too_much[0] - 1, too_much[1])
    f = Fields(doc.meta, shown, diags, ACTIVITY_KEYS, "an activity")
    title = f.text("title", required=True)
    date = f.date("date", required=True)
    end_date = f.date("end_date")
    provider = f.text("provider", required=True)
    accreditor = f.text("accreditor")
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
    paths = _certificate_paths(f)
    location = f.text("location")
    url = f.get("url", _web_address)
    # Everything found so far depends on the text and the default credit type alone.
    found = diags.items[start:]
    certificates = _certificates(paths, shown, store, diags)
    if None in (title, date, provider) or any(d.level == "error" for d in found):
        return None
    activity = Activity(
        id=activity_id,
        source=shown,
        title=title,
        date=date,
        end_date=end_date,
        provider=provider,
        accreditor=accreditor,
        format=fmt,
        credits=credits,
        topics=topics,
        certificates=certificates or (),
        status=status,
        claim_by=claim_by,
        location=location,
        url=url,
        notes_private=notes_private,
        body=doc.body.strip("\n"),
        lines={**doc.meta.lines, "_body": doc.body_line},
        origin=origin(text, doc.body_line, profile_default),
    )
    remembered = _to_cache(activity, found, paths) if parsed is not None else None
    if remembered is not None:
        parsed.remember(text, profile_default, remembered, activity.origin)
    return activity if certificates is not None else None


# ---------------------------------------------------------------- the checked activity, cached


def _to_cache(
    activity: Activity, found: list[Diagnostic], paths: list[tuple[str, int]]
) -> dict[str, Any] | None:
    """What of ``activity`` and its warnings depends on its text alone, as JSON values (the certificates as
    the paths cited: they are resolved again on every build); None when a value has no exact JSON form."""
    if not all(type(key) is str for key in activity.lines) or any(
        d.level != "warning" for d in found
    ):
        return None

    def day(value: Any) -> str | None:
        return None if value is None else value.isoformat()

    return {
        "title": activity.title,
        "date": day(activity.date),
        "end_date": day(activity.end_date),
        "provider": activity.provider,
        "accreditor": activity.accreditor,
        "format": activity.format,
        "credits": [[c.type, str(c.amount)] for c in activity.credits],
        "topics": [
            [t.name, None if t.credits is None else str(t.credits)] for t in activity.topics
        ],
        "status": activity.status,
        "claim_by": day(activity.claim_by),
        "location": activity.location,
        "url": activity.url,
        "notes_private": activity.notes_private,
        "lines": activity.lines,
        "warnings": [[d.line, d.message] for d in found],
        "certificates": [list(p) for p in paths],
    }


def _from_cache(value: Any) -> dict[str, Any] | None:
    """Activity's fields (but id, source, body and certificates) and the rest of ``_to_cache``'s value, or
    None when it is not one: the file is then checked again."""
    try:

        def day(text: Any) -> dt.date | None:
            return None if text is None else dt.date.fromisoformat(text)

        return {
            "title": value["title"],
            "date": dt.date.fromisoformat(value["date"]),
            "end_date": day(value["end_date"]),
            "provider": value["provider"],
            "accreditor": value["accreditor"],
            "format": value["format"],
            "credits": tuple(Credit(kind, Decimal(amount)) for kind, amount in value["credits"]),
            "topics": tuple(
                Topic(name, None if amount is None else Decimal(amount))
                for name, amount in value["topics"]
            ),
            "status": value["status"],
            "claim_by": day(value["claim_by"]),
            "location": value["location"],
            "url": value["url"],
            "notes_private": value["notes_private"],
            "lines": dict(value["lines"]),
            "warnings": [(int(line), str(message)) for line, message in value["warnings"]],
            "certificates": [(str(raw), int(line)) for raw, line in value["certificates"]],
        }
    except (ArithmeticError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _remembered_activity(
    fields: dict[str, Any],
    activity_id: str,
    shown: str,
    body: str,
    made_from: str,
    store: _CertificateStore,
    diags: Diagnostics,
) -> Activity | None:
    """The activity an earlier build checked, with its warnings said again and its certificates resolved."""
    for line, message in fields.pop("warnings"):
        diags.warning(shown, line, message)
    certificates = _certificates(fields.pop("certificates"), shown, store, diags)
    if certificates is None:
        return None
    return Activity(
        id=activity_id,
        source=shown,
        certificates=certificates,
        body=body.strip("\n"),
        origin=made_from,
        **fields,
    )
