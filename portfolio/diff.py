"""`portfolio diff [REV]`: what changed in the record, and in every requirement's figures, since a git revision.

"What did I add since I submitted my renewal?": the record as it was at REV (default: the last tag, else the
previous commit) is read from git into a temporary folder, loaded and evaluated exactly like the record on
disk, with the same as-of date, so the figures differ only by what changed in the files.
"""

from __future__ import annotations

import datetime as dt
import io
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from portfolio import exports, history, pipeline
from portfolio.errors import Diagnostic, RecordError
from portfolio.importer import title_key
from portfolio.model import Activity
from portfolio.records.activity import ACTIVITY_KEYS

# The fields of an activity, in the order the loader knows them: the credit type is part of `credits`,
# certificates are compared by path and content, and the Markdown body is `notes`.
FIELDS = tuple(
    {"certificate": "certificates"}.get(key, key) for key in ACTIVITY_KEYS if key != "credit_type"
) + ("notes",)


@dataclass(frozen=True)
class Edit:
    before: Activity
    after: Activity
    fields: tuple[tuple[str, str, str], ...]  # (field, before, after) as text


@dataclass(frozen=True)
class Figures:
    name: str
    before: dict[str, Any] | None  # requirement_data of the revision; None: the requirement is new
    after: dict[str, Any] | None  # None: the requirement was removed

    @property
    def changed(self) -> bool:
        keys = ("state", "earned", "needed", "remaining")
        if self.before is None or self.after is None:
            return True
        return any(self.before[k] != self.after[k] for k in keys) or _minimums(
            self.before
        ) != _minimums(self.after)


def _minimums(data: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(_label(m), m.get("earned"), m.get("needed"), m.get("met")) for m in data["minimums"]]


def _label(minimum: dict[str, Any]) -> str:
    """How a minimum is named: its topic, else its credit types."""
    return str(minimum.get("topic") or ", ".join(minimum.get("credit_types") or ()) or "minimum")


def _f(value: Any) -> str:
    """An amount from requirement_data as text: '12.50' (or '—' when there is none)."""
    return "—" if value is None else f"{value:.2f}"


@dataclass
class Changes:
    revision: str  # as the user named it, or as chosen
    commit: str  # short hash
    committed_on: dt.date
    as_of: dt.date
    added: list[Activity] = field(default_factory=list)
    removed: list[Activity] = field(default_factory=list)
    edited: list[Edit] = field(default_factory=list)
    figures: list[Figures] = field(default_factory=list)


def _text(activity: Activity, name: str) -> str:
    if name == "credits":
        return (
            ", ".join(f"{exports.text_amount(c.amount)} {c.type}" for c in activity.credits)
            or "none"
        )
    if name == "topics":
        return (
            ", ".join(
                t.name if t.credits is None else f"{t.name} ({exports.text_amount(t.credits)})"
                for t in activity.topics
            )
            or "none"
        )
    if name == "certificates":
        return ", ".join(f"{c.path} ({c.sha256[:12]})" for c in activity.certificates) or "none"
    if name == "notes":
        return activity.body.strip()
    value = getattr(activity, name)
    if value is None or value == "":
        return "none"
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _field_changes(before: Activity, after: Activity) -> tuple[tuple[str, str, str], ...]:
    found = []
    for name in FIELDS:
        old, new = _text(before, name), _text(after, name)
        if old != new:
            if name == "notes":  # the body can be long: say that it changed, not what it says
                old, new = "", "edited"
            found.append((name, old, new))
    return tuple(found)


def default_revision(content: Path) -> str:
    """The last tag reachable from HEAD, else the previous commit."""
    done = history.git(content, "describe", "--tags", "--abbrev=0")
    if done is not None and done.returncode == 0 and done.stdout.strip():
        return done.stdout.decode("utf-8", "replace").strip()
    return "HEAD~1"


def _resolve(content: Path, revision: str) -> tuple[str, dt.date]:
    """(short hash, commit date) of ``revision``; a RecordError when there is no git or no such revision."""
    done = history.git(content, "rev-parse", "--show-prefix")
    if done is None:
        raise RecordError.single("diff", 0, "'portfolio diff' needs git, and git is not installed")
    if done.returncode != 0:
        raise RecordError.single(
            "content", 0, "the record is not in a git repository; 'git init' and commit it first"
        )
    shown = history.git(
        content, "show", "-s", "--format=%h %ad", "--date=short", f"{revision}^{{commit}}", "--"
    )
    if shown is None or shown.returncode != 0:
        hint = (
            " (the record has only one commit: nothing to compare with yet)"
            if revision == "HEAD~1"
            else ""
        )
        raise RecordError.single(revision, 0, f"not a revision git knows in this repository{hint}")
    short, day = shown.stdout.decode().split()
    return short, dt.date.fromisoformat(day)


def _extract(content: Path, revision: str, target: Path) -> None:
    """Write the record's content/ at ``revision`` under ``target``/content (one `git archive`).

    Run in content/, `git archive` takes only that folder, with paths relative to it, wherever content/
    sits in the repository.
    """
    done = history.git(content, "archive", "--format=tar", revision, "--", ".")
    if done is None or done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip() if done else "git is not installed"
        if "did not match any files" in message:  # content/ did not exist yet at that revision
            (target / "content").mkdir()
            return
        raise RecordError.single(
            revision, 0, f"git could not read the record at this revision: {message}"
        )
    with tarfile.open(fileobj=io.BytesIO(done.stdout)) as archive:
        if hasattr(tarfile, "data_filter"):  # Python 3.11.4 and later
            archive.extractall(target / "content", filter="data")
            return
        for member in archive.getmembers():  # what the "data" filter refuses, refused by hand
            parts = Path(member.name).parts
            if Path(member.name).is_absolute() or ".." in parts or member.issym() or member.islnk():
                continue
            archive.extract(member, target / "content")


def compare(root: Path, revision: str | None, as_of: dt.date) -> Changes:
    """The record under ``root`` now against the record at ``revision``, both evaluated on ``as_of``."""
    content = root / "content"
    new_ev = pipeline.evaluated(root, as_of, with_history=False).ev
    record = new_ev.record
    revision = revision or default_revision(content)
    short, day = _resolve(content, revision)
    with tempfile.TemporaryDirectory(prefix="portfolio-diff-") as tmp:
        _extract(content, revision, Path(tmp))
        if not (Path(tmp) / "content" / "portfolio.yaml").is_file():
            old_ev = None
        else:
            try:
                old_ev = pipeline.evaluated(Path(tmp), as_of, with_history=False).ev
            except RecordError as exc:
                raise RecordError(
                    Diagnostic(f"{revision}:{d.path}", d.line, d.level, d.message)
                    for d in exc.diagnostics
                ) from None
            old_record = old_ev.record
            old_activities = {a.id: a for a in old_record.activities}
            old_figures = {d["name"]: d for d in map(exports.requirement_data, old_ev.requirements)}
            # hash the old certificates while their files exist
            for a in old_record.activities:
                _text(a, "certificates")
    changes = Changes(revision, short, day, as_of)
    if old_ev is None:
        old_activities, old_figures = {}, {}
    now = {a.id: a for a in record.activities}
    removed = [a for i, a in old_activities.items() if i not in now]
    added = [a for i, a in now.items() if i not in old_activities]
    # A file moved or renamed is the same activity: pair what vanished and appeared with the same date and title.
    gone = {title_key(a.date.isoformat(), a.title): a for a in removed}
    for a in list(added):
        before = gone.pop(title_key(a.date.isoformat(), a.title), None)
        if before is not None:
            added.remove(a)
            removed.remove(before)
            moved = (("file", before.source, a.source),)
            changes.edited.append(Edit(before, a, moved + _field_changes(before, a)))
    for i, a in now.items():
        if i in old_activities:
            fields = _field_changes(old_activities[i], a)
            if fields:
                changes.edited.append(Edit(old_activities[i], a, fields))
    changes.added = sorted(added, key=lambda a: (a.date, a.id))
    changes.removed = sorted(removed, key=lambda a: (a.date, a.id))
    changes.edited.sort(key=lambda e: (e.after.date, e.after.id))
    new_figures = {d["name"]: d for d in map(exports.requirement_data, new_ev.requirements)}
    for name in dict.fromkeys([*old_figures, *new_figures]):
        changes.figures.append(Figures(name, old_figures.get(name), new_figures.get(name)))
    return changes


def _credits(a: Activity) -> str:
    return ", ".join(f"{exports.text_amount(c.amount)} {c.type}" for c in a.credits) or a.state


def report(changes: Changes) -> str:
    """The readable summary `portfolio diff` prints."""
    lines = [
        f"Since {changes.revision} ({changes.commit}, {changes.committed_on}), "
        f"figures as of {changes.as_of}:"
    ]
    counts = (
        f"{len(changes.added)} added, {len(changes.removed)} removed, {len(changes.edited)} edited"
    )
    lines.append(f"Activities: {counts}")
    for a in changes.added:
        lines.append(f"  + {a.date}  {a.title}  ({_credits(a)})  {a.source}")
    for a in changes.removed:
        lines.append(f"  - {a.date}  {a.title}  ({_credits(a)})  {a.source}")
    for e in changes.edited:
        lines.append(f"  ~ {e.after.date}  {e.after.title}  {e.after.source}")
        for name, old, new in e.fields:
            lines.append(f"      {name}: {new}" if not old else f"      {name}: {old} → {new}")
    lines.append("Requirements:")
    for f in changes.figures:
        if f.before is None:
            assert f.after is not None
            lines.append(
                f"  + {f.name}: {_f(f.after['earned'])} of {_f(f.after['needed'])}, {f.after['state']}"
            )
        elif f.after is None:
            lines.append(
                f"  - {f.name}: removed (was {_f(f.before['earned'])} of {_f(f.before['needed'])})"
            )
        elif not f.changed:
            lines.append(
                f"    {f.name}: unchanged ({_f(f.after['earned'])} of {_f(f.after['needed'])}, {f.after['state']})"
            )
        else:
            b, a = f.before, f.after
            parts = [f"earned {_f(b['earned'])} → {_f(a['earned'])} of {_f(a['needed'])}"]
            if b["needed"] != a["needed"]:
                parts.append(f"needed {_f(b['needed'])} → {_f(a['needed'])}")
            parts.append(f"{b['state']} → {a['state']}" if b["state"] != a["state"] else a["state"])
            lines.append(f"  ~ {f.name}: {', '.join(parts)}")
            before_min = {_label(m): m for m in b["minimums"]}
            for m in a["minimums"]:
                old = before_min.get(_label(m))
                if old and (old.get("earned"), old.get("met")) != (m.get("earned"), m.get("met")):
                    lines.append(
                        f"      minimum {_label(m)}: "
                        f"{_f(old.get('earned'))} → {_f(m.get('earned'))} of {_f(m.get('needed'))}"
                    )
    if not (
        changes.added
        or changes.removed
        or changes.edited
        or any(f.changed for f in changes.figures)
    ):
        lines.append("No change.")
    return "\n".join(lines)


def to_data(changes: Changes) -> dict[str, Any]:
    """What `portfolio diff --json` prints."""

    def brief(a: Activity) -> dict[str, Any]:
        return {"id": a.id, "title": a.title, "date": a.date.isoformat(), "source": a.source}

    return {
        "revision": changes.revision,
        "commit": changes.commit,
        "committed_on": changes.committed_on.isoformat(),
        "as_of": changes.as_of.isoformat(),
        "added": [brief(a) for a in changes.added],
        "removed": [brief(a) for a in changes.removed],
        "edited": [
            {
                **brief(e.after),
                "fields": [{"field": n, "before": b, "after": a} for n, b, a in e.fields],
            }
            for e in changes.edited
        ],
        "requirements": [
            {
                "name": f.name,
                "changed": f.changed,
                "before": _figures(f.before),
                "after": _figures(f.after),
            }
            for f in changes.figures
        ],
    }


def _figures(data: dict[str, Any] | None) -> dict[str, Any] | None:
    if data is None:
        return None
    keys = ("state", "earned", "needed", "remaining")
    return {k: data[k] for k in keys} | {
        "minimums": [
            {"minimum": _label(m), **{k: m.get(k) for k in ("earned", "needed", "met")}}
            for m in data["minimums"]
        ]
    }
