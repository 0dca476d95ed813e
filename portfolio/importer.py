"""`portfolio import FILE.csv`: a spreadsheet of activities → one activity file per row, all or nothing.

Reads what people actually have: a hand-kept spreadsheet (Date, Activity Title, Provider, Credit Type, Credits
Earned …) saved by Excel, LibreOffice or Numbers — with or without a BOM, separated by commas, semicolons or tabs,
with Windows line endings — and the `transcript.csv` that `portfolio build` writes. Files are composed and
written by `scaffold` exactly as `portfolio new` writes them.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from portfolio import model, scaffold
from portfolio.errors import Diagnostics, RecordError, did_you_mean
from portfolio.records.fields import why_not_a_date
from portfolio.records.profile import load_profile
from portfolio.records.requirements_file import (
    credit_type_problem,
    known_credit_types,
    load_requirements,
)
from portfolio.source import read_text, split_front_matter

# Normalised header (lower case, single spaces) → the field it fills.
HEADERS = {
    "date": "date",
    "activity date": "date",
    "completion date": "date",
    "date completed": "date",
    "completed": "date",
    "date of activity": "date",
    "start date": "date",
    "end date": "end_date",
    "title": "title",
    "activity title": "title",
    "activity": "title",
    "activity name": "title",
    "course": "title",
    "course title": "title",
    "credits": "credits",
    "credits earned": "credits",
    "credits claimed": "credits",
    "credit hours": "credits",
    "hours": "credits",
    "cme credits": "credits",
    "cme hours": "credits",
    "amount": "credits",
    "credit type": "credit_type",
    "category": "credit_type",
    "credit category": "credit_type",
    "type": "credit_type",
    "provider": "provider",
    "sponsor": "provider",
    "accredited provider": "provider",
    "organization": "provider",
    "certificate": "certificate",
    "certificates": "certificate",
    "certificate file": "certificate",
    "accreditor": "accreditor",
    "format": "format",
    "topics": "topics",
    "topic": "topics",
    "tags": "topics",
    "status": "status",
    "state": "state",
    "claim by": "claim_by",
    "location": "location",
    "url": "url",
    "id": "id",
    # Columns of transcript.csv that are derived, not entered: read and ignored.
    "counted": "",
    "sha256": "",
    "recorded on": "",
    "changed on": "",
}
REQUIRED = ("date", "title", "provider")
_DASHES = re.compile(r"[\u2010-\u2015\u2212\-]+")
_FORMULA_GUARD = re.compile(
    r"^'(?=[=+\-@\t\r])"
)  # transcript.csv's guard against spreadsheet formulas
_SLASHED = re.compile(r"^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)  # Excel's day 0 (its 1900 date system, leap-year bug included)


def title_key(date: str, title: str) -> tuple[str, str]:
    """How an activity is recognised as already recorded: same date, same title up to case and dashes."""
    words = _DASHES.sub("-", title.casefold())
    words = re.sub(r"\s*-\s*", " - ", words)
    return date.strip(), " ".join(words.split())


@dataclass
class Summary:
    """What an import did (or, with ``--dry-run``, would do)."""

    written: list[Path] = field(default_factory=list)
    planned: list[str] = field(default_factory=list)  # activity files, relative to content/
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (row, why)
    bad: Diagnostics = field(default_factory=Diagnostics)
    ignored_columns: list[str] = field(default_factory=list)


class BadRow(Exception):
    """One row's mistake, reported as ``FILE.csv:ROW: error: …``."""


def _known_credit_types(content: Path, default_type: str | None) -> dict[str, str]:
    """The credit types the record knows (standard, named by its requirements, its default)."""
    profile = load_profile(content / "portfolio.yaml", "content/portfolio.yaml", Diagnostics())
    reqs = load_requirements(
        content / "requirements.yaml", "content/requirements.yaml", Diagnostics(), profile
    )
    return known_credit_types(reqs, default_type)


def read_rows(path: Path, shown: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and every non-empty row with its line number; BOM, CRLF, ',' ';' or tab all accepted."""
    text = read_text(path, shown)
    first = next((line for line in text.split("\n") if line.strip()), "")
    if not first:
        raise RecordError.single(
            shown, 1, "the file is empty; it needs a header row, then one row per activity"
        )
    delimiter = max(",;\t", key=lambda sep: _count_outside_quotes(first, sep))
    # newline="": lines keep their ends, so a quoted cell keeps its line breaks
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    header: list[str] | None = None
    start = 1
    for cells in reader:
        line = start
        start = reader.line_num + 1
        if not any(c.strip() for c in cells):
            continue
        if header is None:
            header = cells
        else:
            rows.append((line, cells))
    assert header is not None
    return header, rows


def _count_outside_quotes(line: str, sep: str) -> int:
    return len(re.sub(r'"[^"]*"', "", line).split(sep)) - 1


def _header_key(name: str) -> str:
    return " ".join(re.sub(r"[_\-]", " ", name.strip().lower()).split())


def columns_of(header: list[str]) -> dict[int, str]:
    """Column index → the field it fills, for the headers this module knows (the first of each wins)."""
    columns: dict[int, str] = {}
    for index, name in enumerate(header):
        target = HEADERS.get(_header_key(name))
        if target and target not in columns.values():
            columns[index] = target
    return columns


def parse_date(text: str, date_format: str | None) -> str:
    """A date cell → ``YYYY-MM-DD``. ISO, Excel's day numbers, and US/European dates that cannot be misread."""
    value = text.strip()
    iso = re.match(r"^(\d{4}-\d{2}-\d{2})(?:[ T]00:00(?::00(?:\.0+)?)?)?$", value)
    if iso:
        try:
            return dt.date.fromisoformat(iso.group(1)).isoformat()
        except ValueError:
            why = why_not_a_date(iso.group(1))
            raise BadRow(f"date {value!r} is not a real date ({why})") from None
    if re.fullmatch(r"\d{5}", value):  # a date cell Excel exported as its day number
        return (_EXCEL_EPOCH + dt.timedelta(days=int(value))).isoformat()
    if date_format:
        try:
            return dt.datetime.strptime(value, date_format).date().isoformat()
        except ValueError:
            raise BadRow(f"date {value!r} does not match --date-format {date_format}") from None
    slashed = _SLASHED.match(value)
    if not slashed:
        raise BadRow(f"date must be written YYYY-MM-DD or MM/DD/YYYY (got {value!r})")
    first, sep, second, year = int(slashed[1]), slashed[2], int(slashed[3]), int(slashed[4])
    if sep == "." or first > 12:  # 14.03.2026: day first wherever dots are used
        day, month = first, second
    elif second > 12 or first == second:
        month, day = first, second
    else:
        raise BadRow(
            f"date {value!r} could be {year}-{first:02d}-{second:02d} or {year}-{second:02d}-{first:02d}; "
            "say which with --date-format %m/%d/%Y (US) or --date-format %d/%m/%Y"
        )
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        raise BadRow(f"date {value!r} is not a real date") from None


def parse_amount(text: str) -> str:
    """A credits cell as the text of a decimal number ('1,5' from a semicolon spreadsheet is 1.5)."""
    value = text.strip()
    if re.fullmatch(r"\d+,\d{1,2}", value):
        value = value.replace(",", ".")
    if not re.fullmatch(r"\d+(\.\d+)?|\.\d+", value):
        raise BadRow(f"credits must be a number > 0 like 1.0 or 0.25 (got {text.strip()!r})")
    return value


def _topics(text: str) -> tuple[str | tuple[str, str], ...]:
    """'ethics; opioids (2.00)' (transcript.csv) or 'ethics, opioids' → tags and partial topics."""
    parts = [p.strip() for p in re.split(r"[;,]", text) if p.strip()]
    result: list[str | tuple[str, str]] = []
    for part in parts:
        partial = re.fullmatch(r"(.+?)\s*\((\d+(?:\.\d+)?)\)", part)
        result.append((partial[1], partial[2]) if partial else part)
    return tuple(result)


def _existing(content: Path) -> dict[tuple[str, str], str]:
    """(date, title) keys of the activities already in content/ → their file (broken files are skipped)."""
    found: dict[tuple[str, str], str] = {}
    folder = content / "activities"
    for path in sorted(folder.rglob("*.md")) if folder.is_dir() else ():
        shown = path.relative_to(content.parent).as_posix()
        try:
            meta = split_front_matter(read_text(path, shown), shown).meta
        except RecordError:
            continue
        title, date = meta.get("title"), meta.get("date")
        if isinstance(title, str) and isinstance(date, str):
            found.setdefault(title_key(date, title), shown)
    return found


@dataclass
class _Entry:
    """One activity gathered from one or more rows (transcript.csv writes a row per credit type)."""

    line: int
    cells: dict[str, str]
    credits: list[tuple[str, str]] = field(default_factory=list)  # (type, amount text)


def _cells(row: list[str], columns: dict[int, str]) -> dict[str, str]:
    cells: dict[str, str] = {}
    for index, name in columns.items():
        value = row[index].strip() if index < len(row) else ""
        cells[name] = _FORMULA_GUARD.sub("", value)
    return cells


def _group(
    rows: list[tuple[int, list[str]]], columns: dict[int, str], summary: Summary
) -> Iterator[_Entry]:
    """Rows of the same activity (same id, else same date and title) → one entry with several credit types."""
    entries: dict[object, _Entry] = {}
    for line, row in rows:
        cells = _cells(row, columns)
        key: object = ("id", cells["id"]) if cells.get("id") else ("row", line)
        if not cells.get("id") and cells.get("date") and cells.get("title"):
            key = title_key(cells["date"], cells["title"])
        entry = entries.get(key)
        credit = (cells.get("credit_type", ""), cells.get("credits", ""))
        if entry is None:
            entries[key] = _Entry(line, cells, [credit] if any(credit) else [])
        elif any(credit) and credit[0].casefold() not in {t.casefold() for t, _ in entry.credits}:
            entry.credits.append(credit)
        else:
            summary.skipped.append((line, f"the same activity as row {entry.line}"))
    yield from entries.values()


def _spec(
    entry: _Entry, date_format: str | None, base: Path, content: Path
) -> scaffold.NewActivity:
    cells = entry.cells
    for name in REQUIRED:
        if not cells.get(name):
            raise BadRow(f"{name} is empty")
    date = parse_date(cells["date"], date_format)
    end_date = parse_date(cells["end_date"], date_format) if cells.get("end_date") else None
    claim_by = parse_date(cells["claim_by"], date_format) if cells.get("claim_by") else None
    status = (cells.get("status") or "").lower() or None
    state = (cells.get("state") or "").lower()
    if status is None and state in ("pending", "educational"):
        status = state
    if status == "claimed":
        status = None
    # Checked here as well as after writing, so that --dry-run finds them too.
    if status is not None and status not in model.STATUSES:
        raise BadRow(f"status must be one of {', '.join(model.STATUSES)} (got {status!r})")
    fmt = (cells.get("format") or "").strip().lower() or None
    if fmt is not None and fmt not in model.FORMATS:
        raise BadRow(
            f"format {fmt!r} is not one of {', '.join(model.FORMATS)}{did_you_mean(fmt, model.FORMATS)}"
        )
    if status == "pending" and not claim_by:
        raise BadRow("a pending activity needs its Claim By date")
    credits = [(kind, parse_amount(amount)) for kind, amount in entry.credits if amount]
    if not credits and status != "educational":
        raise BadRow(
            "credits is empty (a number like 1.0; for an activity that was not accredited, status educational)"
        )
    copies: list[Path] = []
    cited: list[str] = []
    for raw in re.split(r"[;\n]", cells.get("certificate", "")):
        name = raw.strip()
        if not name:
            continue
        if (content / name).is_file():  # already in the record (an annual transcript cited again)
            cited.append(Path(name).as_posix())
        elif (base / name).is_file():  # next to the CSV: transcript.csv's certificates/ in site/
            copies.append(base / name)
        else:
            raise BadRow(
                f"certificate file not found: {name} (looked in content/ and next to the CSV)"
            )
    first_type, first_amount = credits[0] if credits else ("", None)
    return scaffold.NewActivity(
        title=cells["title"],
        date=date,
        provider=cells["provider"],
        credits=first_amount,
        credit_type=first_type or None,
        topics=_topics(cells.get("topics", "")),
        certificate=copies[0] if copies else None,
        more_certificates=tuple(copies[1:]),
        cited=tuple(cited),
        end_date=end_date,
        accreditor=cells.get("accreditor") or None,
        format=fmt,
        status=status,
        claim_by=claim_by,
        more_credits=tuple((kind or first_type, amount) for kind, amount in credits[1:]),
        location=cells.get("location") or None,
        url=cells.get("url") or None,
    )


def import_csv(
    root: Path,
    path: Path,
    *,
    dry_run: bool = False,
    date_format: str | None = None,
    skip_bad: bool = False,
    shown: str | None = None,
) -> Summary:
    """Import every row of ``path`` into ``root``/content; raise RecordError listing every bad row.

    Nothing is written unless every row is good (``skip_bad`` writes the good ones and reports the rest);
    rows already in the record are skipped and counted; ``dry_run`` plans everything and writes nothing.
    """
    shown = shown or str(path)
    content = root / "content"
    if not content.is_dir():
        raise RecordError.single(
            "content", 0, f"no content/ folder in {root}; run 'portfolio init' first or pass --root"
        )
    if not path.is_file():
        raise RecordError.single(shown, 0, "file not found")
    header, rows = read_rows(path, shown)
    summary = Summary()
    columns = columns_of(header)
    summary.ignored_columns = [h.strip() for h in header if _header_key(h) not in HEADERS]
    missing = [n for n in REQUIRED if n not in columns.values()]
    if missing:
        raise RecordError.single(
            shown,
            1,
            f"no {' or '.join(missing)} column in the header row (found: {', '.join(h.strip() for h in header)}); "
            "name them Date, Title, Provider, Credits, Credit Type",
        )
    default_type = scaffold.default_credit_type(content)
    known = _known_credit_types(content, default_type)
    existing = _existing(content)
    schema_line = scaffold.activity_modeline(root)
    drafts: list[scaffold.Draft] = []
    targets: dict[str, int] = {}
    copied: dict[Path, str] = {}
    for entry in _group(rows, columns, summary):
        try:
            spec = _spec(entry, date_format, path.parent, content)
        except BadRow as problem:
            summary.bad.error(shown, entry.line, str(problem))
            continue
        # The real import checks credit types after writing; a dry run must refuse the same rows.
        types = (spec.credit_type or default_type, *(t for t, _ in spec.more_credits))
        problems = [p for t in types if t and (p := credit_type_problem(t, known))]
        for problem in problems:
            summary.bad.error(shown, entry.line, problem)
        if problems:
            continue
        already = existing.get(title_key(spec.date, spec.title))
        if already:
            summary.skipped.append((entry.line, f"already in the record: {already}"))
            continue
        # One file cited by several rows (an annual transcript) is copied once and cited by the others.
        files = [c for c in (spec.certificate, *spec.more_certificates) if c is not None]
        again = tuple(copied[f.resolve()] for f in files if f.resolve() in copied)
        fresh = [f for f in files if f.resolve() not in copied]
        spec = dataclasses.replace(
            spec,
            certificate=fresh[0] if fresh else None,
            more_certificates=tuple(fresh[1:]),
            cited=spec.cited + again,
        )
        planned = scaffold.draft(
            spec,
            default_type,
            summary.bad,
            lambda _name, line=entry.line: (shown, line),
            schema_line=schema_line,
        )
        if planned is None:
            continue
        if planned.md_rel in targets:
            summary.bad.error(
                shown,
                entry.line,
                f"would be written to content/{planned.md_rel}, like row {targets[planned.md_rel]}; "
                "make the titles differ (for example '… – session 2')",
            )
            continue
        if (content / planned.md_rel).exists():
            summary.bad.error(
                shown,
                entry.line,
                f"content/{planned.md_rel} already exists; import never overwrites a file",
            )
            continue
        targets[planned.md_rel] = entry.line
        for source, rel in planned.copies:
            copied[source.resolve()] = rel
        drafts.append(planned)
    if summary.bad.errors and not skip_bad:
        raise RecordError(summary.bad.items)
    summary.planned = [d.md_rel for d in drafts]
    if not dry_run and drafts:
        summary.written = scaffold.write_drafts(content, drafts, default_type)
    return summary
