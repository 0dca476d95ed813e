"""`portfolio init` and `portfolio new`: the only commands that write into content/ — and they never overwrite."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import yaml

from portfolio import model, rulesets
from portfolio.certificates import Inspections
from portfolio.errors import Diagnostic, Diagnostics, RecordError
from portfolio.model import Record
from portfolio.records.activity import CERTIFICATE_SUFFIXES, _CertificateStore, load_activity
from portfolio.records.fields import _Problem, as_amount, as_date, decimal_comma
from portfolio.records.profile import load_profile
from portfolio.records.requirements_file import check_credit_types, load_requirements
from portfolio.source import plain_number

SCAFFOLD = Path(__file__).parent / "scaffold"


def slugify(title: str, limit: int = 60) -> str:
    """An ASCII file name for a title (the one slug rule, model.slugify, at most ``limit`` long); a short
    hash of the title stands for letters ASCII cannot spell.

    Without it every Japanese or Arabic title would become the same "activity".
    """
    slug = model.slugify(title, "", limit)
    if any(ch.isalnum() and not ch.isascii() for ch in unicodedata.normalize("NFKD", title)):
        digest = hashlib.sha256(unicodedata.normalize("NFC", title).encode("utf-8")).hexdigest()
        slug = f"{slug or 'activity'}-{digest[:8]}"
    return slug or "activity"


CI_CHOICES = ("github",)


def installed_from() -> str:
    """Where this portfolio was installed from, as a pip requirement for CI ('' when it cannot be told).

    Only a version-control install (``pip install git+https://…``) names a place another machine can reach.
    """
    import json
    from importlib import metadata

    try:
        text = metadata.distribution("portfolio").read_text("direct_url.json")
        data = json.loads(text or "{}")
    except (metadata.PackageNotFoundError, ValueError):
        return ""
    vcs = data.get("vcs_info")
    if not vcs or not str(data.get("url", "")).startswith("https://"):
        return ""
    return f"{vcs.get('vcs', 'git')}+{data['url']}@{vcs.get('commit_id', '')}".rstrip("@")


def init(
    target: Path, today: dt.date, rules: Sequence[str] = (), ci: str | None = None
) -> list[Path]:
    """Create a new record in ``target``; refuse if any file it would write already exists.

    With ``rules`` (names from `portfolio rules`), content/requirements.yaml holds those rule sets instead of
    the generic template. ``ci="github"`` adds a GitHub Actions workflow that checks and builds the record
    on every push.
    """
    from portfolio import schema

    year = today.year
    if rules:
        requirements = rulesets.combined(rulesets.find(rules))
    else:
        requirements = (
            (SCAFFOLD / "requirements.yaml")
            .read_text(encoding="utf-8")
            .replace("{year}", str(year))
            .replace("{next2}", str(year + 2))
        )
    files = {
        "content/portfolio.yaml": schema.modeline("portfolio", 1)
        + "\n"
        + (SCAFFOLD / "portfolio.yaml").read_text(encoding="utf-8"),
        "content/requirements.yaml": schema.modeline("requirements", 1) + "\n" + requirements,
        f"content/activities/{year}/{today.isoformat()}-example-grand-rounds.md": (
            SCAFFOLD / "example-activity.md"
        )
        .read_text(encoding="utf-8")
        .replace("{date}", today.isoformat())
        .replace("{year}", str(year))
        .replace("---\n", f"---\n{schema.modeline('activity', 3)}\n", 1),
        ".gitignore": "# build output of 'portfolio build', and transcripts written by 'portfolio pdf'\n"
        "/site/\n/transcript-*.pdf\n/*.pdf\n",
        ".pre-commit-config.yaml": (SCAFFOLD / "pre-commit-config.yaml").read_text(
            encoding="utf-8"
        ),
    }
    for name, text in schema.schemas().items():  # what the modelines above point at
        files[f"{schema.RECORD_FOLDER}/{name}.schema.json"] = schema.to_text(text)
    if ci == "github":
        files[".github/workflows/portfolio.yml"] = (
            (SCAFFOLD / "github-workflow.yml")
            .read_text(encoding="utf-8")
            .replace("{package}", installed_from())
        )
    clashes = [p for p in files if (target / p).exists()]
    if clashes:
        raise RecordError.single(
            str(target / clashes[0]),
            0,
            "already exists; 'portfolio init' never overwrites (choose an empty folder)",
        )
    written = []
    for rel, text in files.items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        written.append(path)
    (target / "content/certificates").mkdir(parents=True, exist_ok=True)
    return written


PLACEHOLDER_NAME = "Your Name"  # scaffold/portfolio.yaml's name, until the physician writes theirs


def _example_requirements() -> set[tuple[str, str]]:
    """(name, authority) of each requirement init's generic template invents (scaffold/requirements.yaml)."""
    text = (SCAFFOLD / "requirements.yaml").read_text(encoding="utf-8")
    return set(re.findall(r"- name: (.+)\n\s+authority: (.+)\n", text))


def leftovers(root: Path, record: Record) -> list[Diagnostic]:
    """Warnings for `check`: what `init` invented and the record still holds unchanged.

    The placeholder name would print on every transcript; an invented requirement is no board's rule.
    """
    found = []
    profile = record.profile
    if profile is not None and profile.name == PLACEHOLDER_NAME:
        shown = "content/portfolio.yaml"
        try:
            lines = (root / shown).read_text(encoding="utf-8").splitlines()
        except OSError:
            lines = []
        line = next((n for n, text in enumerate(lines, 1) if text.startswith("name:")), 1)
        found.append(
            Diagnostic(
                shown,
                line,
                "warning",
                f"name is still init's placeholder '{PLACEHOLDER_NAME}': write your name as the "
                "transcript should print it",
            )
        )
    examples = _example_requirements()
    for req in record.requirements:
        if (req.name, req.authority or "") in examples:
            found.append(
                Diagnostic(
                    "content/requirements.yaml",
                    req.line,
                    "warning",
                    f"'{req.name}' is init's invented example, not your board's rule: replace it "
                    "with what you owe ('portfolio rules' lists rule sets to copy)",
                )
            )
    return found


def git_init(target: Path) -> str:
    """Make ``target`` a git repository unless it is in one already; what happened, in plain words."""
    from portfolio import history

    inside = history.git(target, "rev-parse", "--show-toplevel")
    if inside is None:
        return "git is not installed: install it to keep the record's history"
    if inside.returncode == 0:
        top = inside.stdout.decode("utf-8", "replace").strip()
        return f"already in the git repository {top}"
    done = history.git(target, "init", "-q")
    if done is None or done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip() if done else ""
        return f"could not run 'git init': {reason}"
    return "started a git repository there (git init)"


@dataclass(frozen=True)
class NewActivity:
    title: str
    date: str
    provider: str
    credits: str | None
    credit_type: str | None = None
    topics: tuple[
        str | tuple[str, str], ...
    ] = ()  # a tag, or (topic, credits) for part of the credits
    certificate: Path | None = None
    end_date: str | None = None
    accreditor: str | None = None
    format: str | None = None
    status: str | None = None
    claim_by: str | None = None
    more_credits: tuple[tuple[str, str], ...] = ()  # further (type, amount) for the same hours
    more_certificates: tuple[Path, ...] = ()  # further files to copy
    cited: tuple[str, ...] = ()  # certificates already inside content/ (relative to it)
    location: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Draft:
    """One activity file ready to write: where it goes, its text, and the certificate files to copy there."""

    md_rel: str  # relative to content/
    text: str
    copies: tuple[tuple[Path, str], ...]  # (file to copy, relative to content/)
    where: tuple[str, int] | None = None  # what errors found after writing are reported against
    # otherwise: line of the file → the option that gave it (the file is removed again, so name the option)
    options: dict[int, str] = field(default_factory=dict)


def _scalar(value: object) -> str:
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10_000).strip()
    return text.removesuffix("...").strip()


def default_credit_type(content: Path) -> str | None:
    """The profile's ``default_credit_type``, or None (a broken profile is `check`'s business)."""
    profile = load_profile(content / "portfolio.yaml", "content/portfolio.yaml", Diagnostics())
    return profile.default_credit_type if profile else None


def activity_modeline(root: Path) -> str | None:
    """The ``# yaml-language-server`` line for a new activity file, when the record has the schemas."""
    from portfolio import schema

    if (root / schema.RECORD_FOLDER / "activity.schema.json").is_file():
        return schema.modeline("activity", 3)  # content/activities/YYYY/file.md → the record's root
    return None


def draft(
    spec: NewActivity,
    default_type: str | None,
    problems: Diagnostics,
    where: Callable[[str], tuple[str, int]] | None = None,
    schema_line: str | None = None,
) -> Draft | None:
    """Check one activity's values and compose its file; None, with ``problems`` filled, when a value is wrong.

    ``where(option)`` names the position a mistake is reported at (default: the option, ``--date``);
    ``schema_line`` is the editor's schema line to put first in the front matter (see activity_modeline).
    """
    at = where or (lambda name: (f"--{name}", 0))
    before = len(problems.errors)

    def check(name: str, convert, value):  # noqa: ANN001, ANN202
        try:
            return convert(value)
        except _Problem as problem:
            problems.error(*at(name), f"{name.replace('-', '_')} {problem}")
            return None

    def amount_of(name: str, text: str) -> Decimal | None:
        if decimal_comma(text):  # text to YAML: check's own words for it ('use a dot for decimals')
            return check(name, as_amount, text.strip())
        try:  # the rule the YAML reader applies, so that `new` accepts exactly what `check` does
            number = plain_number(text)
        except ValueError as problem:
            problems.error(*at(name), f"{name} {problem}")
            return None
        return check(name, as_amount, number)

    date = check("date", as_date, spec.date)
    if spec.end_date:
        check("end-date", as_date, spec.end_date)
    if spec.claim_by:
        check("claim-by", as_date, spec.claim_by)
    amount = amount_of("credits", spec.credits) if spec.credits is not None else None
    more = [(kind, amount_of("credits", text)) for kind, text in spec.more_credits]
    partial = {
        name: amount_of("credits", text)
        for name, text in (t for t in spec.topics if isinstance(t, tuple))
    }
    for cert in (spec.certificate, *spec.more_certificates):
        if cert is None:
            continue
        if not cert.is_file():
            problems.error(*at("certificate"), f"certificate file not found: {cert}")
        elif cert.suffix.lower() not in CERTIFICATE_SUFFIXES:
            problems.error(
                *at("certificate"), f"certificate must be a PDF, PNG or JPEG file: {cert}"
            )
    if len(problems.errors) > before or date is None:
        return None
    credit_type = spec.credit_type or default_type or "AMA PRA Category 1"

    stem = f"{date.isoformat()}-{slugify(spec.title)}"
    md_rel = f"activities/{date.year}/{stem}.md"
    copies = []
    for index, cert in enumerate(c for c in (spec.certificate, *spec.more_certificates) if c):
        suffix = f"-{index + 1}" if index else ""
        copies.append((cert, f"certificates/{date.year}/{stem}{suffix}{cert.suffix.lower()}"))
    cited = [rel for _, rel in copies] + list(spec.cited)

    lines = ["---", *([schema_line] if schema_line else [])]
    lines += [f"title: {_scalar(spec.title)}", f"date: {date.isoformat()}"]
    if spec.end_date:
        lines.append(f"end_date: {spec.end_date}")
    lines.append(f"provider: {_scalar(spec.provider)}")
    if spec.accreditor:
        lines.append(f"accreditor: {_scalar(spec.accreditor)}")
    if spec.format:
        lines.append(f"format: {_scalar(spec.format)}")
    if spec.status:
        lines.append(f"status: {_scalar(spec.status)}")
    if spec.claim_by:
        lines.append(f"claim_by: {spec.claim_by}")
    if amount is not None and more:
        lines.append("credits:")
        for kind, value in [(credit_type, amount), *more]:
            lines.append(f"  - {{type: {_scalar(kind)}, amount: {value}}}")
    elif amount is not None:
        lines.append(f"credit_type: {_scalar(credit_type)}")
        lines.append(f"credits: {amount}")
    if spec.topics:
        items = [
            f"{{topic: {_scalar(t[0])}, credits: {partial[t[0]]}}}"
            if isinstance(t, tuple)
            else _scalar(t)
            for t in spec.topics
        ]
        lines.append(f"topics: [{', '.join(items)}]")
    if len(cited) == 1:
        lines.append(f"certificate: {_scalar(cited[0])}")
    elif cited:
        lines.append(f"certificate: {_scalar(cited)}")
    if spec.location:
        lines.append(f"location: {_scalar(spec.location)}")
    if spec.url:
        lines.append(f"url: {_scalar(spec.url)}")
    lines += ["---", "", "Key points and reflection:", ""]
    return Draft(
        md_rel,
        "\n".join(lines),
        tuple(copies),
        where=at("title") if where else None,
        options=_options(lines),
    )


# The option of `portfolio new` that gives each field.
OPTIONS = {
    "title": "TITLE",
    "date": "--date",
    "end_date": "--end-date",
    "provider": "--provider",
    "accreditor": "--accreditor",
    "format": "--format",
    "status": "--status",
    "claim_by": "--claim-by",
    "credit_type": "--type",
    "credits": "--credits",
    "topics": "--topic",
    "certificate": "--certificate",
}


def _options(lines: list[str]) -> dict[int, str]:
    """Line number (1-based) → option, for each front-matter line (continuation lines: the field above)."""
    found: dict[int, str] = {}
    current = "portfolio new"
    for number, line in enumerate(lines, 1):
        key = line.split(":", 1)[0] if ":" in line and line[:1].isalpha() else None
        if key is not None:
            current = OPTIONS.get(key, f"--{key.replace('_', '-')}")
        found[number] = current
    return found


def write_drafts(content: Path, drafts: list[Draft], default_type: str | None) -> list[Path]:
    """Write every draft (copying its certificates), then validate what was written: all or nothing.

    Never overwrites: a file that already exists is an error before anything is written. On any error
    every file this call created is removed again.
    """
    for d in drafts:
        for rel in (d.md_rel, *(rel for _, rel in d.copies)):
            if (content / rel).exists():
                raise RecordError.single(
                    *(d.where or (f"content/{rel}", 0)),
                    f"content/{rel} already exists; portfolio never overwrites a file",
                )
    written: list[Path] = []
    try:
        for d in drafts:
            for source, rel in d.copies:
                target = content / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                with target.open("xb") as fh, source.open("rb") as src:
                    shutil.copyfileobj(src, fh)
                written.append(target)
            md_path = content / d.md_rel
            md_path.parent.mkdir(parents=True, exist_ok=True)
            with md_path.open("x", encoding="utf-8", newline="\n") as fh:
                fh.write(d.text)
            written.append(md_path)
        diags = Diagnostics()
        store = _CertificateStore(content, Inspections(None))  # is each file what it claims to be?
        loaded = []
        for d in drafts:
            found = Diagnostics()
            activity_id = d.md_rel.removeprefix("activities/").removesuffix(".md")
            activity = load_activity(
                content / d.md_rel, activity_id, f"content/{d.md_rel}", default_type, store, found
            )
            if activity is not None:
                loaded.append(activity)
            diags.items.extend(found.errors)
        if loaded:  # a credit type one typo from a known one would count nowhere
            profile = load_profile(
                content / "portfolio.yaml", "content/portfolio.yaml", Diagnostics()
            )
            reqs = load_requirements(
                content / "requirements.yaml", "content/requirements.yaml", Diagnostics(), profile
            )
            typos = Diagnostics()
            check_credit_types(reqs, loaded, default_type, "content/requirements.yaml", typos)
            sources = {a.source for a in loaded}
            diags.items.extend(d for d in typos.errors if d.path in sources)
        # A file about to be removed again: point at what produced it (the CSV row), when known.
        where = {f"content/{d.md_rel}": d.where for d in drafts if d.where}
        options = {f"content/{d.md_rel}": d.options for d in drafts if not d.where}
        diags = Diagnostics(
            [
                Diagnostic(*where[d.path], d.level, d.message)
                if d.path in where
                else Diagnostic(options[d.path].get(d.line, "portfolio new"), 0, d.level, d.message)
                if d.path in options
                else d
                for d in diags.items
            ]
        )
        diags.raise_if_errors()
    except BaseException:
        for path in written:  # only what this call created
            path.unlink(missing_ok=True)
        raise
    return written


def new(root: Path, spec: NewActivity) -> list[Path]:
    """Write one activity file (and copy its certificate); validate it; never overwrite."""
    content = root / "content"
    if not content.is_dir():
        raise RecordError.single(
            str(content), 0, "no content/ folder here; run 'portfolio init' first or pass --root"
        )
    problems = Diagnostics()
    default_type = default_credit_type(content)
    planned = draft(spec, default_type, problems, schema_line=activity_modeline(root))
    problems.raise_if_errors()
    assert planned is not None
    return write_drafts(content, [planned], default_type)
