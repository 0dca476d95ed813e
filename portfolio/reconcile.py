"""`portfolio reconcile FILE.csv`: the record against an institution's transcript export.

Three kinds of difference: activities on the institution's list that the record lacks, record activities from
that provider (in the list's period) that the list lacks, and activities found on both with different credits
or dates. Titles are matched loosely (institutions shorten and re-punctuate them), and each match shows its
score, so a reader can judge it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from portfolio import exports, importer
from portfolio.errors import Diagnostics, RecordError
from portfolio.model import Activity, Record

TITLE_CUTOFF = 0.6  # a same-day pair matches from this title similarity
MOVED_CUTOFF = 0.85  # a pair on different days matches only with a title this close …
MOVED_DAYS = 14  # … and dates this near (weekly grand rounds share one title)


@dataclass(frozen=True)
class Entry:
    """One activity on the institution's list."""

    line: int
    date: dt.date
    title: str
    provider: str
    credits: tuple[tuple[str, Decimal], ...]  # (type, may be '' when the list has no type column)


@dataclass(frozen=True)
class Match:
    entry: Entry
    activity: Activity
    score: float  # title similarity 0..1
    problems: tuple[str, ...]  # empty when credits and dates agree


@dataclass
class Reconciliation:
    providers: tuple[str, ...]
    start: dt.date | None
    end: dt.date | None
    matches: list[Match] = field(default_factory=list)
    missing_from_record: list[Entry] = field(default_factory=list)
    missing_from_list: list[Activity] = field(default_factory=list)

    @property
    def mismatches(self) -> list[Match]:
        return [m for m in self.matches if m.problems]

    @property
    def agree(self) -> bool:
        return not (self.mismatches or self.missing_from_record or self.missing_from_list)


def _norm(text: str) -> str:
    words = re.sub(r"[^\w]+", " ", importer.title_key("", text)[1])
    return " ".join(words.split())


def similarity(a: str, b: str) -> float:
    """How alike two titles are, 0..1, ignoring case, punctuation and dashes."""
    return difflib.SequenceMatcher(None, _norm(a), _norm(b), autojunk=False).ratio()


def type_key(name: str) -> str:
    """Credit types compared as boards write them: case, '™' and a trailing 'Credit(s)' do not matter."""
    text = name.replace("™", "").replace("(TM)", "").casefold().strip()
    return " ".join(re.sub(r"\s+credits?$", "", text).split())


def provider_matches(provider: str, names: tuple[str, ...]) -> bool:
    """A record provider belongs to the list's provider when either name contains the other."""
    mine = _norm(provider)
    return any(mine and (_norm(n) in mine or mine in _norm(n)) for n in names)


def read_list(path: Path, shown: str, date_format: str | None) -> list[Entry]:
    """The institution's rows (one entry per activity; rows of the same day and title are merged)."""
    if not path.is_file():
        raise RecordError.single(shown, 0, "file not found")
    header, rows = importer.read_rows(path, shown)
    columns = importer.columns_of(header)
    missing = [n for n in ("date", "title", "credits") if n not in columns.values()]
    if missing:
        raise RecordError.single(
            shown, 1, f"no {' or '.join(missing)} column in the header row ({', '.join(header)})"
        )
    problems = Diagnostics()
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    for line, row in rows:
        cells = {name: row[i].strip() if i < len(row) else "" for i, name in columns.items()}
        try:
            if not cells.get("title"):
                raise importer.BadRow("title is empty")
            day = importer.parse_date(cells.get("date", ""), date_format)
            amount = Decimal(importer.parse_amount(cells.get("credits", "")))
        except importer.BadRow as problem:
            problems.error(shown, line, str(problem))
            continue
        key = importer.title_key(day, cells["title"])
        entry = merged.setdefault(
            key,
            {
                "line": line,
                "date": day,
                "title": cells["title"],
                "provider": cells.get("provider", ""),
                "credits": [],
            },
        )
        entry["credits"].append((cells.get("credit_type", ""), amount))
    problems.raise_if_errors()
    return [
        Entry(
            e["line"],
            dt.date.fromisoformat(e["date"]),
            e["title"],
            e["provider"],
            tuple(e["credits"]),
        )
        for e in merged.values()
    ]


def _n(value: Decimal) -> str:
    return exports.text_amount(value)


def _credit_problems(entry: Entry, activity: Activity) -> list[str]:
    problems = []
    mine = {type_key(c.type): c for c in activity.credits}
    for kind, amount in entry.credits:
        if kind:
            credit = mine.get(type_key(kind))
            if credit is None:
                listed = ", ".join(c.type for c in activity.credits) or "no credits"
                problems.append(f"credit type: list {kind} {_n(amount)}, record {listed}")
            elif credit.amount != amount:
                problems.append(
                    f"credits ({credit.type}): list {_n(amount)}, record {_n(credit.amount)}"
                )
        else:
            best = max((c.amount for c in activity.credits), default=Decimal(0))
            if best != amount:
                problems.append(f"credits: list {_n(amount)}, record {_n(best)}")
    return problems


def reconcile(record: Record, entries: list[Entry], provider: str | None = None) -> Reconciliation:
    """Pair the list's entries with the record's activities and say every way they differ."""
    names = (provider,) if provider else tuple(sorted({e.provider for e in entries if e.provider}))
    start = min((e.date for e in entries), default=None)
    end = max((e.date for e in entries), default=None)
    result = Reconciliation(names, start, end)
    # Every plausible pair, best first: same day before another day, then by title similarity.
    pairs = []
    for i, entry in enumerate(entries):
        for j, activity in enumerate(record.activities):
            same_day = entry.date in (activity.date, activity.completed)
            if not same_day and abs((entry.date - activity.date).days) > MOVED_DAYS:
                continue
            score = similarity(entry.title, activity.title)
            if score >= (TITLE_CUTOFF if same_day else MOVED_CUTOFF):
                pairs.append((not same_day, -score, i, j))
    pairs.sort()
    taken_entries: set[int] = set()
    taken_activities: set[int] = set()
    for moved, negative, i, j in pairs:
        if i in taken_entries or j in taken_activities:
            continue
        taken_entries.add(i)
        taken_activities.add(j)
        entry, activity = entries[i], record.activities[j]
        problems = _credit_problems(entry, activity)
        if moved:
            problems.insert(0, f"date: list {entry.date}, record {activity.date}")
        result.matches.append(Match(entry, activity, -negative, tuple(problems)))
    result.matches.sort(key=lambda m: (m.entry.date, m.entry.line))
    result.missing_from_record = [e for i, e in enumerate(entries) if i not in taken_entries]
    if names and start and end:
        result.missing_from_list = [
            a
            for j, a in enumerate(record.activities)
            if j not in taken_activities
            and start <= a.date <= end
            and a.state != "educational"
            and provider_matches(a.provider, names)
        ]
    return result


def to_data(result: Reconciliation) -> dict[str, Any]:
    """What `reconcile --json` prints."""

    def entry(e: Entry) -> dict[str, Any]:
        return {
            "line": e.line,
            "date": e.date.isoformat(),
            "title": e.title,
            "provider": e.provider or None,
            "credits": [{"type": t or None, "amount": float(a)} for t, a in e.credits],
        }

    return {
        "agree": result.agree,
        "providers": list(result.providers),
        "period": {
            "start": result.start and result.start.isoformat(),
            "end": result.end and result.end.isoformat(),
        },
        "matched": len(result.matches),
        "missing_from_record": [entry(e) for e in result.missing_from_record],
        "missing_from_list": [
            {
                "id": a.id,
                "date": a.date.isoformat(),
                "title": a.title,
                "provider": a.provider,
                "source": a.source,
            }
            for a in result.missing_from_list
        ],
        "mismatches": [
            {
                "list": entry(m.entry),
                "id": m.activity.id,
                "title": m.activity.title,
                "score": round(m.score, 2),
                "differences": list(m.problems),
            }
            for m in result.mismatches
        ],
    }


def report(result: Reconciliation, shown: str) -> str:
    """The readable table `reconcile` prints."""
    lines: list[str] = []
    period = f"{result.start} … {result.end}" if result.start else "no rows"
    lines.append(f"{shown}: {period}; provider {', '.join(result.providers) or 'not named'}")
    if not result.providers:
        lines.append(
            "  (the list has no Provider column: name it with --provider to see what the list lacks)"
        )
    if result.missing_from_record:
        lines += ["", "On the list, not in the record:"]
        for e in result.missing_from_record:
            amounts = ", ".join(f"{_n(a)} {t}".strip() for t, a in e.credits)
            lines.append(f"  {shown}:{e.line}  {e.date}  {e.title}  ({amounts})")
    if result.missing_from_list:
        lines += ["", "In the record, not on the list:"]
        for a in result.missing_from_list:
            lines.append(f"  {a.source}  {a.date}  {a.title}")
    if result.mismatches:
        lines += ["", "On both, but different (title match score):"]
        for m in result.mismatches:
            lines.append(f"  {shown}:{m.entry.line}  {m.entry.date}  {m.entry.title}")
            lines.append(f"    ~ {m.activity.source}  {m.activity.title}  ({m.score:.0%})")
            lines += [f"    {p}" for p in m.problems]
    fuzzy = [m for m in result.matches if not m.problems and m.score < 1]
    if fuzzy:
        lines += ["", "Matched by a similar title (they agree):"]
        for m in fuzzy:
            lines.append(
                f"  {m.entry.date}  {m.entry.title}  ~  {m.activity.title}  ({m.score:.0%})"
            )
    verdict = (
        "they agree"
        if result.agree
        else f"{len(result.missing_from_record)} missing from the record, "
        f"{len(result.missing_from_list)} missing from the list, {len(result.mismatches)} different"
    )
    lines += ["", f"{len(result.matches)} matched; {verdict}"]
    return "\n".join(lines)
