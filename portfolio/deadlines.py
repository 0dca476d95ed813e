"""Deadlines: fixed window ends, license and board expiries, pending claims → a list and ``deadlines.ics``.

The calendar is byte-identical for the same record and as-of date: each event's UID is derived from what it is
about (not random, not the clock), so re-importing a rebuilt calendar updates events instead of duplicating
them, and DTSTAMP is the as-of date.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from portfolio.errors import plural
from portfolio.evaluate import Evaluation
from portfolio.exports import activities_short, asked_text, progress_text, text_amount
from portfolio.requirements import MET, OVERDUE, RequirementResult

WINDOW_END = "window-end"
LICENSE = "license"
BOARD = "board-certification"
CLAIM = "claim"

# How many days before each kind of deadline the phone should remind.
REMIND_DAYS = {WINDOW_END: 30, LICENSE: 60, BOARD: 90, CLAIM: 7}


@dataclass(frozen=True, order=True)
class Deadline:
    """One dated thing to do, in plain words."""

    date: dt.date
    kind: str
    title: str  # "California license renewal: cycle ends"
    detail: str = ""  # one sentence of context for the calendar's description
    identity: str = ""  # what the deadline is about, stable across rebuilds (for the UID)

    @property
    def uid(self) -> str:
        digest = hashlib.sha256(f"{self.kind}\n{self.identity}".encode()).hexdigest()
        return f"{digest[:32]}@portfolio"


def collect(ev: Evaluation) -> list[Deadline]:
    """Every deadline of the record, whatever its date, soonest first."""
    found: list[Deadline] = []
    for result in ev.requirements:
        if result.due is None:  # rolling and lifetime windows move with the as-of date
            continue
        if not result.applies:  # owed by other physicians, not this one
            continue
        req = result.requirement
        if result.state == MET:
            standing = f"met ({progress_text(result)})"
        else:
            standing = progress_text(result)
            standing += "; still missing: " + ", ".join(shortfall(result))
            if result.state == OVERDUE:
                standing = "ended short, " + standing
        authority = f" ({req.authority})" if req.authority else ""
        found.append(
            Deadline(
                date=result.due,
                kind=WINDOW_END,
                title=f"{req.name}: last day to earn the credits",
                detail=(
                    f"{req.name}{authority}: {asked_text(result)} between "
                    f"{result.start} and {result.end}. As of {ev.as_of}: {standing}."
                ),
                identity=req.name.lower(),
            )
        )
    profile = ev.record.profile
    for lic in profile.licenses:
        if lic.expires:
            found.append(
                Deadline(
                    date=lic.expires,
                    kind=LICENSE,
                    title=f"{lic.state} medical license expires",
                    detail=f"{lic.state} license {lic.number} expires on {lic.expires}; renew before then.",
                    identity=f"{lic.state}\n{lic.number}",
                )
            )
    for board in profile.board_certifications:
        if board.expires:
            what = f"{board.board} {board.specialty}" if board.specialty else board.board
            found.append(
                Deadline(
                    date=board.expires,
                    kind=BOARD,
                    title=f"{what} certification expires",
                    detail=f"{what} board certification expires on {board.expires}.",
                    identity=f"{board.board}\n{board.specialty or ''}",
                )
            )
    for activity in ev.pending:
        if activity.claim_by:
            credits = ", ".join(f"{text_amount(c.amount)} {c.type}" for c in activity.credits)
            found.append(
                Deadline(
                    date=activity.claim_by,
                    kind=CLAIM,
                    title=f"Claim CME: {activity.title}",
                    detail=(
                        f"Last day to complete the evaluation and claim {credits or 'the credit'} "
                        f"from {activity.provider} for '{activity.title}' ({activity.completed}). "
                        "Then save the certificate and set 'status: claimed'."
                    ),
                    identity=activity.id,
                )
            )
    return sorted(found)


def shortfall(result: RequirementResult) -> list[str]:
    """What is still missing, in plain words: the total, then each unmet minimum that applies."""
    missing = []
    if result.remaining:
        missing.append(f"{text_amount(result.remaining)} credits in all")
    if short := activities_short(result):
        missing.append(f"{short} more {'activity' if short == 1 else 'activities'}")
    for m in result.minimums:
        if not m.owed:
            continue
        label = m.minimum.label or "a minimum"
        if m.remaining:
            missing.append(f"{text_amount(m.remaining)} in {label}")
        if short := activities_short(m):
            missing.append(f"{short} more {'activity' if short == 1 else 'activities'} in {label}")
    return missing


def upcoming(ev: Evaluation, days: int = 90) -> list[Deadline]:
    """Deadlines from the as-of date through ``days`` days later, soonest first."""
    last = (
        ev.as_of + dt.timedelta(days=days)
        if ev.as_of < dt.date.max - dt.timedelta(days)
        else dt.date.max
    )
    return [d for d in collect(ev) if ev.as_of <= d.date <= last]


def calendar(ev: Evaluation) -> bytes:
    """An iCalendar file with an all-day event and a reminder for every deadline."""
    from icalendar import Alarm, Calendar, Event  # only builds need it, not `status`

    cal = Calendar()
    cal.add("prodid", "-//portfolio//CME deadlines//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"CME deadlines: {ev.record.profile.name}")
    stamp = dt.datetime.combine(ev.as_of, dt.time(0, 0), tzinfo=dt.UTC)
    seen: set[str] = set()
    for deadline in collect(ev):
        uid = deadline.uid
        if uid in seen:  # the same license listed twice: keep both, told apart by date
            uid = f"{deadline.date.isoformat()}-{uid}"
        seen.add(uid)
        event = Event()
        event.add("uid", uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", deadline.date)
        if (
            deadline.date < dt.date.max
        ):  # an all-day event without DTEND lasts that one day (RFC 5545)
            event.add("dtend", deadline.date + dt.timedelta(days=1))
        event.add("summary", deadline.title)
        event.add("description", deadline.detail)
        event.add("categories", ["CME"])
        event.add("transp", "TRANSPARENT")  # a reminder, not a busy block
        days = REMIND_DAYS[deadline.kind]
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"In {plural(days, 'day')}: {deadline.title}")
        alarm.add("trigger", dt.timedelta(days=-days))
        event.add_component(alarm)
        cal.add_component(event)
    return cal.to_ical()


def add_calendar(ev: Evaluation, output) -> None:  # noqa: ANN001 - Output from portfolio.site
    """Add ``deadlines.ics`` to the site."""
    output.add("deadlines.ics", calendar(ev))
