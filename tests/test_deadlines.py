"""site/deadlines.ics: one all-day event per deadline, stable across rebuilds, read back with icalendar."""

from __future__ import annotations

import datetime as dt

from builder import PROFILE, RecordBuilder
from icalendar import Calendar

PROFILE_WITH_BOARD = (
    PROFILE
    + "board_certifications: [{board: ABIM, specialty: Internal Medicine, expires: 2035-12-31}]\n"
)


def record(rec: RecordBuilder) -> None:
    rec.write("content/portfolio.yaml", PROFILE_WITH_BOARD)
    rec.requirements(
        "requirements:\n"
        "  - name: California license renewal\n"
        "    credits: 50\n"
        "    credit_types: any\n"
        "    window: {start: 2025-07-01, end: 2027-06-30}\n"
        "    minimums: [{topic: pain-management, credits: 12}]\n"
        "  - {name: Hospital, credit_types: any, credits: 25, window: {months: 24}}\n"
        "  - {name: DEA MATE, credit_types: any, credits: 8, window: lifetime}\n"
    )
    rec.activity(
        "pain",
        date="2026-01-10",
        credits="10.00",
        topics="[pain-management]",
        certificate=rec.certificate(),
    )
    rec.activity(
        "chest", title="CHEST 2026", date="2026-10-18", status="pending", claim_by="2027-01-19"
    )


def build(rec: RecordBuilder, as_of: str) -> bytes:
    run = rec.run("build", "--no-pdf", "--as-of", as_of)
    assert run.code == 0, run.err
    return (rec.root / "site" / "deadlines.ics").read_bytes()


def events(data: bytes) -> dict[str, dict]:
    cal = Calendar.from_ical(data)
    found = {}
    for event in cal.walk("VEVENT"):
        alarms = event.walk("VALARM")
        found[str(event["SUMMARY"])] = {
            "start": event.decoded("DTSTART"),
            "end": event.decoded("DTEND"),
            "uid": str(event["UID"]),
            "stamp": event.decoded("DTSTAMP"),
            "description": str(event["DESCRIPTION"]),
            "alarms": [a.decoded("TRIGGER") for a in alarms],
        }
    return found


def test_an_event_for_every_fixed_deadline(rec: RecordBuilder) -> None:
    record(rec)
    found = events(build(rec, "2026-11-25"))
    # rolling (Hospital) and lifetime (DEA MATE) windows have no fixed end: no event
    assert list(found) == [
        "Claim CME: CHEST 2026",
        "CA medical license expires",  # same day: sorted by kind, then title
        "California license renewal: last day to earn the credits",
        "ABIM Internal Medicine certification expires",
    ]
    cycle = found["California license renewal: last day to earn the credits"]
    assert (cycle["start"], cycle["end"]) == (dt.date(2027, 6, 30), dt.date(2027, 7, 1))  # all day
    # 50 − 10 = 40 in all; 12 − 10 = 2 in pain management
    assert (
        "As of 2026-11-25: 10.00 of 50.00 credits; still missing: 40.00 credits in all, 2.00 in pain-management."
        in (cycle["description"])
    )
    assert cycle["alarms"] == [dt.timedelta(days=-30)]
    claim = found["Claim CME: CHEST 2026"]
    assert claim["start"] == dt.date(2027, 1, 19)
    assert claim["alarms"] == [dt.timedelta(days=-7)]
    assert found["CA medical license expires"]["start"] == dt.date(2027, 6, 30)
    assert found["CA medical license expires"]["alarms"] == [dt.timedelta(days=-60)]
    assert found["ABIM Internal Medicine certification expires"]["start"] == dt.date(2035, 12, 31)
    for event in found.values():
        assert event["stamp"] == dt.datetime(
            2026, 11, 25, tzinfo=dt.UTC
        )  # the as-of date, not the clock
        assert event["uid"].endswith("@portfolio")
    assert len({e["uid"] for e in found.values()}) == 4


def test_rebuilds_are_byte_identical_and_uids_stable(rec: RecordBuilder) -> None:
    record(rec)
    first = build(rec, "2026-11-25")
    assert build(rec, "2026-11-25") == first
    later = events(build(rec, "2026-12-01"))
    assert {k: v["uid"] for k, v in later.items()} == {
        k: v["uid"] for k, v in events(first).items()
    }
    # moving the claim deadline keeps the UID (a calendar updates the event instead of duplicating it)
    rec.activity(
        "chest", title="CHEST 2026", date="2026-10-18", status="pending", claim_by="2027-02-01"
    )
    moved = events(build(rec, "2026-11-25"))["Claim CME: CHEST 2026"]
    assert moved["start"] == dt.date(2027, 2, 1)
    assert moved["uid"] == events(first)["Claim CME: CHEST 2026"]["uid"]


def test_empty_calendar_is_still_valid(rec: RecordBuilder) -> None:
    rec.write(
        "content/portfolio.yaml",
        "name: Test Physician, MD\ndefault_credit_type: AMA PRA Category 1\n",
    )
    cal = Calendar.from_ical(build(rec, "2026-11-25"))
    assert str(cal["VERSION"]) == "2.0"
    assert list(cal.walk("VEVENT")) == []
