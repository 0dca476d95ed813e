"""`portfolio new --from-certificate`: what a certificate says, overridden by the command line, as a new activity.

Every field given on the command line wins over the scanned one. A required field the certificate does not
show (or shows too unsurely to use: the designated maximum instead of the claimed credits) is asked for, or,
without a person to ask (``--yes``), is an error naming the field. Nothing is filled in silently.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from portfolio.errors import Diagnostics
from portfolio.scaffold import NewActivity
from portfolio.scan import Scan

USABLE = 0.45  # a scanned value less sure than this counts as not read
REQUIRED = ("title", "date", "provider", "credits")


@dataclass(frozen=True)
class Overrides:
    """What the command line said (None: not given)."""

    title: str | None = None
    date: str | None = None
    end_date: str | None = None
    provider: str | None = None
    accreditor: str | None = None
    credits: str | None = None
    credit_type: str | None = None
    topics: tuple[str, ...] = ()
    format: str | None = None
    status: str | None = None
    claim_by: str | None = None


def _scanned(result: Scan, name: str) -> str | None:
    found = result.found.get(name)
    if found is None or found.confidence < USABLE or found.value in (None, []):
        return None
    value = found.value
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _scanned_credits(result: Scan) -> list[tuple[str, str]]:
    found = result.found.get("credits")
    if found is None or found.confidence < USABLE:
        return []
    return [(kind, str(amount)) for kind, amount in found.value]


def merge(
    result: Scan,
    given: Overrides,
    certificate: Path,
    ask: Callable[[str, str], str] | None,
) -> NewActivity:
    """The activity to write: the command line over the certificate; a missing required field asked for
    with ``ask(field, why)``, or (``ask`` None) a RecordError naming every missing field."""
    values = {
        name: getattr(given, name) or _scanned(result, name)
        for name in ("title", "date", "end_date", "provider", "accreditor")
    }
    credit_list = _scanned_credits(result)
    single: str | None = None
    if given.credits is not None:  # the command line's amount replaces what was read
        single, credit_list = given.credits, []
    elif given.credit_type and len(credit_list) == 1:
        single, credit_list = credit_list[0][1], []
    educational = given.status == "educational"

    missing = [name for name in ("title", "date", "provider") if not values[name]]
    if not educational and single is None and not credit_list:
        missing.append("credits")
    problems = Diagnostics()
    for name in missing:
        why = _why_missing(result, name)
        if ask is None:
            option = "--credits N (or --status educational)" if name == "credits" else f"--{name} …"
            if name == "title":
                option = "the title as the first argument"
            problems.error(
                str(certificate), 0, f"{name}: {why}; give {option} (nothing is guessed)"
            )
            continue
        answer = ask(name, why).strip()
        if not answer:
            problems.error(str(certificate), 0, f"{name}: no answer given; nothing was written")
        elif name == "credits":
            single = answer
        else:
            values[name] = answer
    problems.raise_if_errors()
    if single is None and credit_list:  # as scaffold writes several: the first, then the others
        (first_type, single), more = credit_list[0], tuple(credit_list[1:])
        credit_type = first_type
    else:
        credit_type, more = given.credit_type, ()
    return NewActivity(
        title=values["title"] or "",
        date=values["date"] or "",
        provider=values["provider"] or "",
        credits=single,
        credit_type=credit_type,
        topics=given.topics,
        certificate=certificate,
        end_date=values["end_date"],
        accreditor=values["accreditor"],
        format=given.format,
        status=given.status,
        claim_by=given.claim_by,
        more_credits=more,
    )


def _why_missing(result: Scan, name: str) -> str:
    found = result.found.get(name)
    if name == "credits" and found is not None and found.rule == "participation only":
        return "the certificate shows no credit earned (a certificate of participation)"
    if found is not None and found.confidence < USABLE and found.value not in (None, []):
        shown = found.value
        if name == "credits":
            shown = ", ".join(f"{a} {t}" for t, a in found.value)
        return f"the certificate shows it only unsurely ({shown}, {found.rule})"
    return "not found on the certificate"


def summary(spec: NewActivity) -> list[str]:
    """The activity about to be written, one field a line."""
    lines = [f"  title:      {spec.title}", f"  date:       {spec.date}"]
    if spec.end_date:
        lines.append(f"  end_date:   {spec.end_date}")
    lines.append(f"  provider:   {spec.provider}")
    if spec.accreditor:
        lines.append(f"  accreditor: {spec.accreditor}")
    if spec.credits is not None:
        lines.append(f"  credits:    {spec.credits} {spec.credit_type or '(default credit type)'}")
    for kind, amount in spec.more_credits:
        lines.append(f"  credits:    {amount} {kind}")
    if spec.status:
        lines.append(f"  status:     {spec.status}")
    if spec.topics:
        lines.append(f"  topics:     {', '.join(spec.topics)}")
    return lines
