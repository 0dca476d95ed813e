"""`portfolio init` and `portfolio new`: the only commands that write into content/ — and they never overwrite."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import yaml

from portfolio import rulesets
from portfolio.errors import Diagnostics, RecordError
from portfolio.records.activity import CERTIFICATE_SUFFIXES, _CertificateStore, load_activity
from portfolio.records.fields import _Problem, as_amount, as_date
from portfolio.records.profile import load_profile
from portfolio.records.requirements_file import check_credit_types, load_requirements

SCAFFOLD = Path(__file__).parent / "scaffold"


def slugify(title: str, limit: int = 60) -> str:
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].rstrip("-") or "activity"


def init(target: Path, today: dt.date, rules: Sequence[str] = ()) -> list[Path]:
    """Create a new record in ``target``; refuse if any file it would write already exists.

    With ``rules`` (names from `portfolio rules`), content/requirements.yaml holds those rule sets instead of
    the generic template.
    """
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
        "content/portfolio.yaml": (SCAFFOLD / "portfolio.yaml").read_text(encoding="utf-8"),
        "content/requirements.yaml": requirements,
        f"content/activities/{year}/{today.isoformat()}-example-grand-rounds.md": (
            SCAFFOLD / "example-activity.md"
        )
        .read_text(encoding="utf-8")
        .replace("{date}", today.isoformat())
        .replace("{year}", str(year)),
        ".gitignore": "# build output of 'portfolio build', and transcripts written by 'portfolio pdf'\n"
        "/site/\n/transcript-*.pdf\n",
    }
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


@dataclass(frozen=True)
class NewActivity:
    title: str
    date: str
    provider: str
    credits: str | None
    credit_type: str | None = None
    topics: tuple[str, ...] = ()
    certificate: Path | None = None
    end_date: str | None = None
    accreditor: str | None = None
    format: str | None = None
    status: str | None = None
    claim_by: str | None = None


def _scalar(value: object) -> str:
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10_000).strip()
    return text.removesuffix("...").strip()


def new(root: Path, spec: NewActivity) -> list[Path]:
    """Write one activity file (and copy its certificate); validate it; never overwrite."""
    problems = Diagnostics()

    def check(name: str, convert, value):  # noqa: ANN001, ANN202
        try:
            return convert(value)
        except _Problem as problem:
            problems.error(f"--{name}", 0, f"{name.replace('-', '_')} {problem}")
            return None

    content = root / "content"
    if not content.is_dir():
        raise RecordError.single(
            str(content), 0, "no content/ folder here; run 'portfolio init' first or pass --root"
        )
    date = check("date", as_date, spec.date)
    if spec.end_date:
        check("end-date", as_date, spec.end_date)
    if spec.claim_by:
        check("claim-by", as_date, spec.claim_by)
    amount = None
    if spec.credits is not None:
        try:
            amount = check("credits", as_amount, Decimal(spec.credits))
        except ArithmeticError:
            problems.error("--credits", 0, f"credits must be a number > 0 (got {spec.credits!r})")
    if spec.certificate is not None:
        if not spec.certificate.is_file():
            problems.error(str(spec.certificate), 0, "certificate file not found")
        elif spec.certificate.suffix.lower() not in CERTIFICATE_SUFFIXES:
            problems.error(str(spec.certificate), 0, "certificate must be a PDF, PNG or JPEG file")
    problems.raise_if_errors()
    assert date is not None
    profile = load_profile(content / "portfolio.yaml", "content/portfolio.yaml", Diagnostics())
    credit_type = (
        spec.credit_type
        or (profile.default_credit_type if profile else None)
        or "AMA PRA Category 1"
    )

    stem = f"{date.isoformat()}-{slugify(spec.title)}"
    md_rel = f"activities/{date.year}/{stem}.md"
    cert_rel = None
    if spec.certificate is not None:
        cert_rel = f"certificates/{date.year}/{stem}{spec.certificate.suffix.lower()}"
    for rel in filter(None, (md_rel, cert_rel)):
        if (content / rel).exists():
            raise RecordError.single(
                f"content/{rel}", 0, "already exists; 'portfolio new' never overwrites"
            )

    lines = ["---", f"title: {_scalar(spec.title)}", f"date: {date.isoformat()}"]
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
    if amount is not None:
        lines.append(f"credit_type: {_scalar(credit_type)}")
        lines.append(f"credits: {amount}")
    if spec.topics:
        lines.append(f"topics: {_scalar(list(spec.topics))}")
    if cert_rel:
        lines.append(f"certificate: {cert_rel}")
    lines += ["---", "", "Key points and reflection:", ""]
    text = "\n".join(lines)

    written: list[Path] = []
    try:
        if cert_rel:
            target = content / cert_rel
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("xb") as fh, spec.certificate.open("rb") as src:  # type: ignore[union-attr]
                shutil.copyfileobj(src, fh)
            written.append(target)
        md_path = content / md_rel
        md_path.parent.mkdir(parents=True, exist_ok=True)
        with md_path.open("x", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        written.append(md_path)
        diags = Diagnostics()
        activity_id = md_rel.removeprefix("activities/").removesuffix(".md")
        default = profile.default_credit_type if profile else None
        activity = load_activity(
            md_path, activity_id, f"content/{md_rel}", default, _CertificateStore(content), diags
        )
        if activity is not None:  # a credit type one typo from a known one would count nowhere
            reqs = load_requirements(
                content / "requirements.yaml", "content/requirements.yaml", Diagnostics(), profile
            )
            typos = Diagnostics()
            check_credit_types(reqs, [activity], default, "content/requirements.yaml", typos)
            diags.items.extend(d for d in typos.items if d.path == activity.source)
        diags.raise_if_errors()
    except BaseException:
        for path in written:  # only what this call created
            path.unlink(missing_ok=True)
        raise
    return written
