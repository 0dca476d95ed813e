"""The requirement engine, figure by figure, against hand computation (SPEC §1.3).

Every figure is checked where a user sees it — `portfolio status --json` and transcript.json built with the CLI —
and in the engine itself. The arithmetic is written out beside each expectation.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest
from builder import RecordBuilder

from portfolio import records, requirements, windows
from portfolio.evaluate import evaluate
from portfolio.model import Window

AMA = "AMA PRA Category 1"
MOC = "ABIM MOC points"
AOA = "AOA Category 1-A"


def documented(
    rec: RecordBuilder, name: str, date: str, credits: str = "1.00", **fields: Any
) -> None:
    """An activity with a certificate on file (so it counts)."""
    fields.setdefault("certificate", rec.certificate(f"{name}.pdf"))
    rec.activity(name, date=date, credits=credits, **fields)


def status_json(rec: RecordBuilder, as_of: str) -> dict[str, Any]:
    run = rec.run("status", "--json", "--as-of", as_of)
    assert run.code == 0, run.err
    return json.loads(run.out)


def built_json(rec: RecordBuilder, as_of: str) -> dict[str, Any]:
    run = rec.run("build", "--no-pdf", "--as-of", as_of)
    assert run.code == 0, run.err
    return json.loads((rec.root / "site" / "transcript.json").read_text(encoding="utf-8"))


def figures(rec: RecordBuilder, as_of: str) -> dict[str, dict[str, Any]]:
    """Requirement objects by name, from `status --json`; each test compares them with figures worked out
    by hand (comparing them with requirement_data() of the engine would test that function against itself)."""
    data = status_json(rec, as_of)
    assert data["as_of"] == as_of
    return {r["name"]: r for r in data["requirements"]}


def engine_results(rec: RecordBuilder, as_of: str) -> dict[str, requirements.RequirementResult]:
    record, _ = records.load(rec.root)
    ev = evaluate(record, dt.date.fromisoformat(as_of))
    return {r.requirement.name: r for r in ev.requirements}


def ids(items: list[dict[str, Any]]) -> list[str]:
    return [item["id"] for item in items]


# ---------------------------------------------------------------- windows


def test_activity_on_first_and_last_day_of_a_fixed_window(rec: RecordBuilder) -> None:
    rec.requirements(
        "requirements:\n"
        "  - name: Cycle 2026\n    credit_types: any\n"
        "    credits: 3\n"
        "    window: {start: 2026-01-01, end: 2026-12-31}\n"
    )
    documented(rec, "before", "2025-12-31", "1.00")  # the day before: out
    documented(rec, "first", "2026-01-01", "1.00")  # first day: in
    documented(
        rec, "straddle-in", "2025-12-30", "0.50", end_date="2026-01-01"
    )  # completed on day 1: in
    documented(rec, "last", "2026-12-31", "2.00")  # last day: in
    documented(
        rec, "straddle-out", "2026-12-31", "8.00", end_date="2027-01-02"
    )  # completed after: out
    documented(rec, "after", "2027-01-01", "4.00")  # the day after: out
    req = figures(rec, "2027-01-15")["Cycle 2026"]
    # 1.00 (first) + 0.50 (straddle-in) + 2.00 (last) = 3.50 ≥ 3 → met
    assert req["earned"] == 3.5
    assert req["needed"] == 3.0
    assert req["remaining"] == 0.0
    assert req["state"] == "met"
    assert req["window"] == {"kind": "fixed", "start": "2026-01-01", "end": "2026-12-31"}
    assert req["due"] == "2026-12-31"
    assert req["days_left"] == -15  # 2026-12-31 − 2027-01-15
    assert ids(req["activities"]) == ["straddle-in", "first", "last"]  # sorted by date, then id
    assert req["excluded"] == []
    result = engine_results(rec, "2027-01-15")["Cycle 2026"]
    assert result.earned == Decimal("3.50")
    assert result.outside_window == 3  # before, straddle-out, after


@pytest.mark.parametrize(
    ("as_of", "months", "start"),
    [
        # 2028-02-29 − 12 months = 2027-02-29, which does not exist → clamped to 2027-02-28; +1 day = 2027-03-01
        ("2028-02-29", 12, "2027-03-01"),
        # 2027-03-31 − 1 month = 2027-02-31 → clamped to 2027-02-28; +1 day = 2027-03-01
        ("2027-03-31", 1, "2027-03-01"),
        # 2028-03-31 − 1 month = 2028-02-31 → clamped to 2028-02-29 (leap year); +1 day = 2028-03-01
        ("2028-03-31", 1, "2028-03-01"),
        # 2029-02-28 − 12 months = 2028-02-28 (exists); +1 day = 2028-02-29
        ("2029-02-28", 12, "2028-02-29"),
        # 2028-02-29 − 48 months = 2024-02-29 (leap year, exists); +1 day = 2024-03-01
        ("2028-02-29", 48, "2024-03-01"),
        # 2026-05-31 − 3 months = 2026-02-31 → 2026-02-28; +1 day = 2026-03-01
        ("2026-05-31", 3, "2026-03-01"),
        # SPEC example: 2026-11-25 − 24 months = 2024-11-25; +1 day = 2024-11-26
        ("2026-11-25", 24, "2024-11-26"),
        # 2026-01-15 − 1 month = 2025-12-15 (across the year end); +1 day = 2025-12-16
        ("2026-01-15", 1, "2025-12-16"),
    ],
)
def test_rolling_window_start(as_of: str, months: int, start: str) -> None:
    day = dt.date.fromisoformat(as_of)
    assert windows.resolve(Window("rolling", months=months), None, day) == windows.Span(
        dt.date.fromisoformat(start), day
    )


def test_rolling_window_across_29_february(rec: RecordBuilder) -> None:
    rec.requirements(
        "requirements:\n"
        "  - name: Rolling year\n    credit_types: any\n"
        "    credits: 6\n"
        "    window: {months: 12}\n"
        "  - name: Rolling month\n    credit_types: any\n"
        "    credits: 1\n"
        "    window: {months: 1}\n"
    )
    documented(rec, "a-feb28", "2027-02-28", "1.00")
    documented(rec, "b-mar01", "2027-03-01", "2.00")
    documented(rec, "c-feb29", "2028-02-29", "4.00")
    documented(rec, "d-mar01", "2028-03-01", "8.00")
    reqs = figures(rec, "2028-02-29")
    year = reqs["Rolling year"]
    # window 2027-03-01 … 2028-02-29: b (2.00) + c (4.00) = 6.00 ≥ 6 → met; a is a day early; d is after as-of
    assert year["window"] == {
        "kind": "rolling",
        "start": "2027-03-01",
        "end": "2028-02-29",
        "months": 12,
    }
    assert year["earned"] == 6.0
    assert year["state"] == "met"
    assert ids(year["activities"]) == ["b-mar01", "c-feb29"]
    assert ids(year["excluded"]) == ["d-mar01"]
    assert "after the as-of date 2028-02-29" in year["excluded"][0]["reason"]
    assert year["due"] is None and year["days_left"] is None  # a rolling window has no due date
    month = reqs["Rolling month"]
    # 2028-02-29 − 1 month = 2028-01-29; window 2028-01-30 … 2028-02-29: only c (4.00)
    assert month["window"]["start"] == "2028-01-30"
    assert month["earned"] == 4.0
    # As of 2028-03-31 the month runs 2028-03-01 … 2028-03-31: d (8.00) only, c (29 Feb) is a day early.
    month = figures(rec, "2028-03-31")["Rolling month"]
    assert month["window"]["start"] == "2028-03-01"
    assert month["earned"] == 8.0
    assert ids(month["activities"]) == ["d-mar01"]


def test_rolling_window_at_the_end_of_march(rec: RecordBuilder) -> None:
    rec.requirements(
        "requirements:\n  - {name: Month, credit_types: any, credits: 3, window: {months: 1}}\n"
    )
    documented(rec, "feb28", "2027-02-28", "1.00")  # 2027-02-28 is before 2027-03-01: out
    documented(rec, "mar01", "2027-03-01", "1.00")  # first day: in
    documented(rec, "mar31", "2027-03-31", "1.00")  # the as-of date itself: in
    req = figures(rec, "2027-03-31")["Month"]
    # 2027-03-31 − 1 month → 2027-02-28 (clamped); +1 day = 2027-03-01. 1.00 + 1.00 = 2.00 of 3 → 1.00 to go
    assert req["window"]["start"] == "2027-03-01"
    assert req["earned"] == 2.0
    assert req["remaining"] == 1.0
    assert req["state"] == "in-progress"  # a rolling window never ends before the as-of date


def test_lifetime_window_counts_everything_up_to_the_as_of_date(rec: RecordBuilder) -> None:
    rec.requirements(
        "requirements:\n  - {name: Once, credit_types: any, credits: 8, window: lifetime}\n"
    )
    documented(rec, "old", "1999-05-01", "5.00")
    documented(rec, "new", "2026-05-01", "3.00")
    documented(rec, "future", "2026-05-02", "9.00")
    req = figures(rec, "2026-05-01")["Once"]
    # 5.00 + 3.00 = 8.00 ≥ 8 → met; the 2026-05-02 activity is after the as-of date
    assert req["earned"] == 8.0
    assert req["state"] == "met"
    assert req["window"] == {"kind": "lifetime", "start": None, "end": "2026-05-01"}
    assert ids(req["excluded"]) == ["future"]


# ---------------------------------------------------------------- exact arithmetic


def test_a_hundred_activities_of_a_tenth_make_exactly_ten(rec: RecordBuilder) -> None:
    rec.requirements(
        "requirements:\n"
        "  - {name: Ten, credit_types: any, credits: 10, window: lifetime}\n"
        "  - {name: Ten and a cent, credit_types: any, credits: 10.01, window: lifetime}\n"
    )
    cert = rec.certificate("annual-transcript.pdf")  # one institutional transcript proves them all
    for i in range(100):
        rec.activity(f"t{i:03}", date="2026-01-01", credits="0.1", certificate=cert)
    results = engine_results(rec, "2026-06-30")
    # 100 × 0.1 = 10.0 exactly in Decimal (a float sum gives 9.99999999999998)
    assert results["Ten"].earned == Decimal("10.0")
    assert results["Ten"].met
    assert results["Ten and a cent"].remaining == Decimal("0.01")  # 10.01 − 10.0
    reqs = figures(rec, "2026-06-30")
    assert reqs["Ten"]["earned"] == 10.0
    assert reqs["Ten"]["state"] == "met"
    assert len(reqs["Ten"]["activities"]) == 100
    assert reqs["Ten and a cent"]["remaining"] == 0.01
    assert reqs["Ten and a cent"]["state"] == "in-progress"


# ---------------------------------------------------------------- caps


def test_caps_that_bind_and_do_not(rec: RecordBuilder) -> None:
    rec.requirements(
        "requirements:\n"
        "  - name: Binding\n    credit_types: any\n"
        "    credits: 50\n"
        "    window: lifetime\n"
        "    caps: [{topic: practice-management, max_share: 0.30}]\n"
        "  - name: Loose\n    credit_types: any\n"
        "    credits: 50\n"
        "    window: lifetime\n"
        "    caps: [{topic: Practice Management, max_share: 0.40}]\n"
        "  - name: Absolute\n    credit_types: any\n"
        "    credits: 50\n"
        "    window: lifetime\n"
        "    caps: [{topic: practice_management, max_share: 0.30, max_credits: 5}]\n"
        "  - name: Absolute only\n    credit_types: any\n"
        "    credits: 50\n"
        "    window: lifetime\n"
        "    caps: [{topic: practice-management, max_credits: 12}]\n"
    )
    documented(rec, "pm-coding", "2026-01-10", "10.00", topics="[practice-management]")
    documented(rec, "pm-billing", "2026-02-10", "8.00", topics="[practice-management]")
    documented(rec, "clinical", "2026-03-10", "40.00", topics="[cardiology]")
    reqs = figures(rec, "2026-06-30")
    # gross 10 + 8 + 40 = 58; practice-management brings 10 + 8 = 18
    binding = reqs["Binding"]
    # limit 0.30 × 50 = 15.00; cut 18 − 15 = 3.00; earned 58 − 3 = 55.00 ≥ 50 → met
    assert binding["before_caps"] == 58.0
    assert binding["caps"][0]["limit"] == 15.0
    assert binding["caps"][0]["topic_total"] == 18.0
    assert binding["caps"][0]["capped"] == 3.0
    assert ids(binding["caps"][0]["activities"]) == ["pm-coding", "pm-billing"]
    assert binding["earned"] == 55.0
    assert binding["state"] == "met"
    loose = reqs["Loose"]
    # limit 0.40 × 50 = 20.00 ≥ 18: nothing cut; earned 58.00 (topic matched across case and spaces)
    assert loose["caps"][0]["limit"] == 20.0
    assert loose["caps"][0]["capped"] == 0.0
    assert loose["earned"] == 58.0
    absolute = reqs["Absolute"]
    # limit min(0.30 × 50 = 15, 5) = 5.00; cut 18 − 5 = 13.00; earned 58 − 13 = 45.00 → 5.00 to go
    assert absolute["caps"][0]["limit"] == 5.0
    assert absolute["caps"][0]["capped"] == 13.0
    assert absolute["earned"] == 45.0
    assert absolute["remaining"] == 5.0
    assert absolute["state"] == "in-progress"
    only = reqs["Absolute only"]
    # limit 12.00; cut 18 − 12 = 6.00; earned 58 − 6 = 52.00
    assert (only["caps"][0]["limit"], only["caps"][0]["capped"], only["earned"]) == (
        12.0,
        6.0,
        52.0,
    )
    assert only["caps"][0]["max_share"] is None and only["caps"][0]["max_credits"] == 12.0


def test_a_partial_topic_is_capped_only_for_its_part(rec: RecordBuilder) -> None:
    rec.requirements(
        "requirements:\n"
        "  - name: Capped\n    credit_types: any\n"
        "    credits: 10\n"
        "    window: lifetime\n"
        "    caps: [{topic: practice-management, max_share: 0.10}]\n"
    )
    documented(
        rec,
        "congress",
        "2026-01-10",
        "6.00",
        topics="[{topic: practice-management, credits: 2.50}]",
    )
    req = figures(rec, "2026-06-30")["Capped"]
    # limit 0.10 × 10 = 1.00; the topic brings 2.50 of the 6.00; cut 2.50 − 1.00 = 1.50; earned 6 − 1.5 = 4.50
    assert req["caps"][0]["topic_total"] == 2.5
    assert req["caps"][0]["activities"][0]["note"] == "partial topic: 2.50 of 6.00"
    assert req["caps"][0]["capped"] == 1.5
    assert req["earned"] == 4.5


def test_an_activity_with_two_capped_topics_is_not_cut_twice(rec: RecordBuilder) -> None:
    rec.requirements(
        "requirements:\n"
        "  - name: Two caps\n    credit_types: any\n"
        "    credits: 20\n"
        "    window: lifetime\n"
        "    caps:\n"
        "      - {topic: self-study, max_credits: 2}\n"
        "      - {topic: practice-management, max_credits: 2}\n"
    )
    documented(rec, "both", "2026-01-10", "10.00", topics="[self-study, practice-management]")
    documented(rec, "plain", "2026-02-10", "5.00")
    req = figures(rec, "2026-06-30")["Two caps"]
    # gross 10 + 5 = 15. self-study: 10 > 2 → cut 8, 'both' now adds 2.
    # practice-management: what is left of 'both' is 2 ≤ 2 → cut 0. earned 15 − 8 = 7.00
    # (cutting 8 for each topic would leave −1, i.e. under-claim 'both' entirely)
    assert [c["capped"] for c in req["caps"]] == [8.0, 0.0]
    assert [c["topic_total"] for c in req["caps"]] == [10.0, 10.0]
    assert req["earned"] == 7.0


# ---------------------------------------------------------------- minimums, exclusions, partial topics


def test_exclude_topics_never_double_counts(rec: RecordBuilder) -> None:
    rec.requirements(
        "requirements:\n"
        "  - name: Pennsylvania\n    credit_types: any\n"
        "    credits: 100\n"
        "    window: {start: 2025-01-01, end: 2026-12-31}\n"
        "    minimums:\n"
        "      - {topic: patient-safety, credits: 12, exclude_topics: [child-abuse, opioids]}\n"
        "      - {topic: child-abuse, credits: 2}\n"
    )
    documented(rec, "p1-safety", "2025-03-01", "5.00", topics="[patient-safety]")
    documented(rec, "p2-safety-abuse", "2025-04-01", "3.00", topics="[patient-safety, child-abuse]")
    documented(rec, "p3-safety-opioids", "2025-05-01", "4.00", topics="[Patient Safety, opioids]")
    documented(rec, "c1-abuse", "2025-06-01", "2.00", topics="[child-abuse]")
    req = figures(rec, "2026-01-01")["Pennsylvania"]
    # total 5 + 3 + 4 + 2 = 14.00 of 100 → 86.00 to go
    assert (req["earned"], req["remaining"]) == (14.0, 86.0)
    safety, abuse = req["minimums"]
    # patient safety: only p1 (5.00); p2 carries child-abuse, p3 carries opioids → excluded; 12 − 5 = 7 to go
    assert (safety["earned"], safety["needed"], safety["remaining"], safety["met"]) == (
        5.0,
        12.0,
        7.0,
        False,
    )
    assert ids(safety["activities"]) == ["p1-safety"]
    assert ids(safety["excluded"]) == ["p2-safety-abuse", "p3-safety-opioids"]
    assert (
        safety["excluded"][0]["reason"] == "also carries 'child-abuse', which this minimum excludes"
    )
    assert safety["excluded"][1]["reason"] == "also carries 'opioids', which this minimum excludes"
    # child abuse: p2 (3.00) + c1 (2.00) = 5.00 ≥ 2 → met
    assert (abuse["earned"], abuse["met"]) == (5.0, True)
    assert ids(abuse["activities"]) == ["p2-safety-abuse", "c1-abuse"]
    assert req["state"] == "in-progress"


def test_partial_topic_larger_than_the_accepted_amount(rec: RecordBuilder) -> None:
    rec.requirements(
        "requirements:\n"
        "  - name: AMA only\n"
        "    credits: 3\n"
        f"    credit_types: [{AMA}]\n"
        "    window: lifetime\n"
        "    minimums: [{topic: opioids, credits: 4}]\n"
        "  - name: Any type\n    credit_types: any\n"
        "    credits: 3\n"
        "    window: lifetime\n"
        "    minimums: [{topic: opioids, credits: 4}]\n"
    )
    documented(
        rec,
        "meeting",
        "2026-02-01",
        f"[{{type: {AMA}, amount: 3.00}}, {{type: {MOC}, amount: 10.00}}]",
        topics="[{topic: opioids, credits: 5.00}]",
    )
    documented(rec, "short", "2026-03-01", "2.00", topics="[{topic: opioids, credits: 3.00}]")
    reqs = figures(rec, "2026-06-30")
    ama = reqs["AMA only"]
    # accepted amount of 'meeting' is its AMA 3.00; the 5.00 opioid part is more than that → 3.00, never 5.00.
    # 'short' has 2.00 AMA; its 3.00 opioid part → 2.00. minimum 3 + 2 = 5.00 ≥ 4 → met; total 3 + 2 = 5.00
    assert ama["minimums"][0]["earned"] == 5.0
    assert [a["amount"] for a in ama["minimums"][0]["activities"]] == [3.0, 2.0]
    assert "note" not in ama["minimums"][0]["activities"][0]
    assert ama["earned"] == 5.0
    any_type = reqs["Any type"]
    # largest accepted amount of 'meeting' is MOC 10.00; the opioid part is 5.00 of it → 5.00; 'short' → 2.00
    # minimum 5 + 2 = 7.00; total 10 + 2 = 12.00 (once per activity: never 3 + 10)
    assert any_type["minimums"][0]["earned"] == 7.0
    assert any_type["minimums"][0]["activities"][0] == {
        "id": "meeting",
        "title": "Activity meeting",
        "date": "2026-02-01",
        "credit_type": MOC,
        "amount": 5.0,
        "note": "partial topic: 5.00 of 10.00",
    }
    assert any_type["earned"] == 12.0


def test_two_credit_types_accepted_one_both_or_neither(rec: RecordBuilder) -> None:
    rec.requirements(
        "requirements:\n"
        f"  - {{name: One, credits: 1, credit_types: [{AMA}], window: lifetime}}\n"
        f"  - {{name: Both, credits: 1, credit_types: [{AMA}, {MOC}], window: lifetime}}\n"
        f"  - {{name: Neither, credits: 1, credit_types: [{AOA}], window: lifetime}}\n"
        "  - {name: Unfiltered, credit_types: any, credits: 1, window: lifetime}\n"
        f"  - name: Minimum of its own type\n"
        "    credits: 1\n"
        f"    credit_types: [{AOA}]\n"
        "    window: lifetime\n"
        f"    minimums: [{{credit_types: [{MOC}], credits: 12}}]\n"
    )
    documented(
        rec,
        "dual",
        "2026-02-01",
        f"[{{type: {AMA}, amount: 10.00}}, {{type: {MOC}, amount: 12.00}}]",
    )
    reqs = figures(rec, "2026-06-30")
    # accepts AMA only: 10.00 (its AMA amount)
    assert reqs["One"]["earned"] == 10.0
    assert reqs["One"]["activities"][0]["credit_type"] == AMA
    # accepts both: the larger, 12.00 (MOC), never 10 + 12 = 22
    assert reqs["Both"]["earned"] == 12.0
    assert reqs["Both"]["activities"][0]["credit_type"] == MOC
    # accepts neither: 0.00, and the activity is listed with the reason
    assert reqs["Neither"]["earned"] == 0.0
    assert reqs["Neither"]["activities"] == []
    assert reqs["Neither"]["excluded"][0]["reason"] == (
        f"its credit ({AMA}, {MOC}) is not a type this requirement accepts"
    )
    # no credit_types: every type counts, still once: 12.00
    assert reqs["Unfiltered"]["earned"] == 12.0
    # a minimum counts the types it names even where the total does not: MOC 12.00 ≥ 12 → met; total 0.00
    own = reqs["Minimum of its own type"]
    assert own["minimums"][0]["credit_types"] == [MOC]
    assert (own["minimums"][0]["earned"], own["minimums"][0]["met"]) == (12.0, True)
    assert own["earned"] == 0.0
    assert own["state"] == "in-progress"


def test_minimum_by_credit_types_and_topic(rec: RecordBuilder) -> None:
    rec.requirements(
        "requirements:\n"
        "  - name: Texas\n"
        "    credits: 48\n"
        "    credit_types: any\n"
        "    window: {start: 2025-03-01, end: 2027-02-28}\n"
        "    minimums:\n"
        f"      - {{credit_types: [{AMA}, {AOA}], credits: 24}}\n"
        "      - {topic: ethics, credits: 2}\n"
    )
    documented(rec, "t1", "2025-04-01", "10.00")
    documented(rec, "t2", "2025-05-01", "6.00", credit_type=AOA, topics="[ethics]")
    documented(rec, "t3", "2025-06-01", "20.00", credit_type="AMA PRA Category 2")
    req = figures(rec, "2026-03-01")["Texas"]
    # total, any type: 10 + 6 + 20 = 36.00 of 48 → 12.00 to go
    assert (req["earned"], req["remaining"]) == (36.0, 12.0)
    formal, ethics = req["minimums"]
    # formal categories: 10 (AMA) + 6 (AOA) = 16.00 of 24 → 8.00 to go; Category 2 does not count here
    assert (formal["earned"], formal["remaining"], formal["met"]) == (16.0, 8.0, False)
    assert ids(formal["activities"]) == ["t1", "t2"]
    # ethics: t2's 6.00 ≥ 2 → met
    assert (ethics["earned"], ethics["met"]) == (6.0, True)
    assert req["days_left"] == 364  # 2026-03-01 → 2027-02-28


# ---------------------------------------------------------------- states and what never counts


def test_overdue_versus_still_open(rec: RecordBuilder) -> None:
    rec.requirements(
        "requirements:\n"
        "  - {name: Short, credit_types: any, credits: 5, window: {start: 2025-01-01, end: 2025-12-31}}\n"
        "  - {name: Done, credit_types: any, credits: 3, window: {start: 2025-01-01, end: 2025-12-31}}\n"
        "  - name: Minimum missing\n    credit_types: any\n"
        "    credits: 3\n"
        "    window: {start: 2025-01-01, end: 2025-12-31}\n"
        "    minimums: [{topic: ethics, credits: 1}]\n"
    )
    documented(rec, "june", "2025-06-01", "3.00")
    # As of the last day, 3.00 of 5 is still open: in progress, 0 days left.
    open_ = figures(rec, "2025-12-31")
    assert (open_["Short"]["state"], open_["Short"]["days_left"], open_["Short"]["remaining"]) == (
        "in-progress",
        0,
        2.0,
    )
    # The next day the window has ended unmet: overdue, −1 day.
    late = figures(rec, "2026-01-01")
    assert (late["Short"]["state"], late["Short"]["days_left"]) == ("overdue", -1)
    # 3.00 ≥ 3 in time: met, and stays met after the window ends.
    assert late["Done"]["state"] == "met"
    # The total was reached but the ethics minimum was not: overdue too.
    assert late["Minimum missing"]["earned"] == 3.0
    assert late["Minimum missing"]["minimums"][0]["met"] is False
    assert late["Minimum missing"]["state"] == "overdue"


def test_undocumented_pending_and_educational_never_count(rec: RecordBuilder) -> None:
    rec.requirements(
        "requirements:\n  - {name: Any, credit_types: any, credits: 5, window: lifetime}\n"
    )
    documented(rec, "a-proof", "2026-01-01", "1.00")
    rec.activity("b-no-proof", date="2026-01-02", credits="2.00")  # no certificate
    rec.activity(
        "c-pending", date="2026-01-03", credits="4.00", status="pending", claim_by="2026-03-01"
    )
    rec.activity("d-educational", date="2026-01-04", status="educational")
    req = figures(rec, "2026-02-01")["Any"]
    # only a-proof: 1.00 (not 1 + 2 + 4 = 7)
    assert req["earned"] == 1.0
    assert ids(req["activities"]) == ["a-proof"]
    assert {e["id"]: e["reason"] for e in req["excluded"]} == {
        "b-no-proof": "no certificate on file (undocumented)",
        "c-pending": "claim pending (complete it by 2026-03-01)",
        "d-educational": "educational only, not accredited CME",
    }


def test_activity_completed_after_the_as_of_date(rec: RecordBuilder) -> None:
    rec.requirements(
        "requirements:\n  - {name: Year, credit_types: any, credits: 2, window: {start: 2026-01-01, end: 2026-12-31}}\n"
    )
    documented(rec, "june", "2026-06-30", "1.00")
    documented(rec, "july", "2026-07-01", "5.00")
    req = figures(rec, "2026-06-30")["Year"]
    # only june (1.00): july is in the window but after the as-of date
    assert (req["earned"], req["remaining"], req["state"]) == (1.0, 1.0, "in-progress")
    assert req["excluded"] == [
        {
            "id": "july",
            "title": "Activity july",
            "date": "2026-07-01",
            "reason": "completed 2026-07-01, after the as-of date 2026-06-30",
        }
    ]
    # a day later it counts: 1 + 5 = 6.00 → met
    assert figures(rec, "2026-07-01")["Year"]["earned"] == 6.0


def test_transcript_json_holds_the_same_requirements_as_status(rec: RecordBuilder) -> None:
    rec.requirements(
        "requirements:\n"
        "  - name: California\n"
        "    credits: 50\n"
        f"    credit_types: [{AMA}]\n"
        "    window: {start: 2025-07-01, end: 2027-06-30}\n"
        "    minimums: [{topic: pain-management, credits: 12}]\n"
        "    caps: [{topic: practice-management, max_share: 0.30}]\n"
        "  - {name: Hospital, credit_types: any, credits: 25, window: {months: 24}}\n"
    )
    documented(rec, "pain", "2025-09-01", "8.00", topics="[pain-management]")
    documented(rec, "pm", "2026-01-01", "20.00", topics="[practice-management]")
    built = built_json(rec, "2026-11-25")
    status = status_json(rec, "2026-11-25")
    assert built["as_of"] == status["as_of"] == "2026-11-25"
    assert built["requirements"] == status["requirements"]
    california = {r["name"]: r for r in built["requirements"]}["California"]
    # gross 8 + 20 = 28; cap 0.30 × 50 = 15 → cut 5; earned 23.00; pain 8.00 of 12
    assert (california["earned"], california["caps"][0]["capped"]) == (23.0, 5.0)
    assert california["minimums"][0]["remaining"] == 4.0
    for key in (
        "name",
        "state",
        "earned",
        "needed",
        "remaining",
        "window",
        "minimums",
        "caps",
        "activities",
    ):
        assert key in california


def test_engine_is_pure(rec: RecordBuilder) -> None:
    rec.requirements(
        "requirements:\n  - {name: Any, credit_types: any, credits: 1, window: {months: 12}}\n"
    )
    documented(rec, "a", "2026-01-01", "1.00")
    record, _ = records.load(rec.root)
    req = record.requirements[0]
    # No state carried from one call to the next: the figures depend on the arguments alone.
    assert requirements.evaluate(req, record.activities, dt.date(2026, 6, 1)).earned == 1
    assert (
        requirements.evaluate(req, record.activities, dt.date(2027, 1, 2)).earned == 0
    )  # moved on
    again = requirements.evaluate(req, record.activities, dt.date(2026, 6, 1))
    assert again.earned == 1 and again.remaining == 0 and again.state == "met"
    assert record.activities == records.load(rec.root)[0].activities  # the input is left as it was


# ---------------------------------------------------------------- validation of requirements.yaml


def _error(rec: RecordBuilder, text: str) -> str:
    rec.requirements(text)
    run = rec.run("check")
    assert run.code == 1, run.out + run.err
    return run.err


BASE = "requirements:\n  - name: X\n    credits: 10\n    credit_types: any\n"  # lines 1-4


@pytest.mark.parametrize(
    ("yaml", "expected"),
    [
        (
            "requirement:\n  - {name: X, credit_types: any, credits: 1, window: lifetime}\n",
            "content/requirements.yaml:1: error: unknown field 'requirement' in requirements.yaml "
            "(did you mean 'requirements'?)",
        ),
        (
            BASE + "    window: lifetime\n    credit_type: [AMA PRA Category 1]\n",
            "content/requirements.yaml:6: error: unknown field 'credit_type' in a requirement "
            "(did you mean 'credit_types'?)",
        ),
        (
            BASE
            + "    window: lifetime\n    minimums:\n      - {topic: ethics, credits: 2, exclude: [x]}\n",
            "content/requirements.yaml:7: error: unknown field 'exclude' in a minimum "
            "(did you mean 'exclude_topics'?)",
        ),
        (
            BASE + "    window: lifetime\n    caps:\n      - {topic: x, max_shar: 0.3}\n",
            "content/requirements.yaml:7: error: unknown field 'max_shar' in a cap (did you mean 'max_share'?)",
        ),
        (
            BASE + "    window: {start: 2025-01-01, ned: 2026-12-31}\n",
            "content/requirements.yaml:5: error: 'window' has unknown field 'ned' (did you mean 'end'?)",
        ),
        (
            BASE + "    window: {start: 2026-12-31, end: 2025-01-01}\n",
            "content/requirements.yaml:5: error: 'window' ends (2025-01-01) before it starts (2026-12-31)",
        ),
        (
            BASE + "    window:\n      start: 2026-12-31\n      end: 2025-01-01\n",
            "content/requirements.yaml:7: error: 'window' ends (2025-01-01) before it starts (2026-12-31)",
        ),
        (
            BASE + "    window:\n      start: 2025-02-30\n      end: 2026-12-31\n",
            "content/requirements.yaml:6: error: 'window' start is not a real date: 2025-02-30"
            " (February 2025 has 28 days)",
        ),
        (
            BASE + "    window: {start: 2025-01-01, end: 31/12/2026}\n",
            "content/requirements.yaml:5: error: 'window' end must be a date written YYYY-MM-DD (got '31/12/2026')",
        ),
        (
            BASE + "    window: {start: 2025-01-01}\n",
            "content/requirements.yaml:5: error: 'window' needs both 'start' and 'end' ('end' is missing), "
            "or only 'months'",
        ),
        (
            BASE + "    window: {months: 0}\n",
            "content/requirements.yaml:5: error: 'window' months must be a whole number from 1 to 1200 (got 0)",
        ),
        (
            BASE + "    window: {months: 12, start: 2025-01-01}\n",
            "content/requirements.yaml:5: error: 'window' mixes 'months' with 'start'/'end': use {start, end} "
            "for a fixed cycle or {months: N} for a rolling one",
        ),
        (
            BASE + "    window: forever\n",
            "content/requirements.yaml:5: error: 'window' must be {start: YYYY-MM-DD, end: YYYY-MM-DD}, "
            "{months: N}, {license: XX} or lifetime (got 'forever')",
        ),
        (
            "requirements:\n  - name: X\n    credits: 0\n    window: lifetime\n    credit_types: any\n",
            "content/requirements.yaml:3: error: 'credits' must be a number > 0 (got 0)",
        ),
        (
            "requirements:\n  - name: X\n    credits: -5\n    window: lifetime\n    credit_types: any\n",
            "content/requirements.yaml:3: error: 'credits' must be a number > 0 (got -5)",
        ),
        (
            BASE + "    window: lifetime\n    minimums: [{topic: ethics, credits: 0}]\n",
            "content/requirements.yaml:6: error: 'credits' must be a number > 0 (got 0)",
        ),
        (
            BASE + "    window: lifetime\n    caps: [{topic: x, max_share: 1.5}]\n",
            "content/requirements.yaml:6: error: 'max_share' must be more than 0 and at most 1, "
            "such as 0.30 for 30 % (got 1.5)",
        ),
        (
            BASE + "    window: lifetime\n    caps: [{topic: x, max_share: 0}]\n",
            "content/requirements.yaml:6: error: 'max_share' must be more than 0 and at most 1, "
            "such as 0.30 for 30 % (got 0)",
        ),
        (
            BASE + "    window: lifetime\n    caps: [{topic: x, max_share: thirty}]\n",
            "content/requirements.yaml:6: error: 'max_share' must be a fraction such as 0.30 (got 'thirty')",
        ),
        (
            BASE + "    window: lifetime\n    caps: [{topic: x, max_credits: 0}]\n",
            "content/requirements.yaml:6: error: 'max_credits' must be a number > 0 (got 0)",
        ),
        (
            BASE + "    window: lifetime\n    caps: [{topic: x}]\n",
            "content/requirements.yaml:6: error: a cap needs 'max_share' (such as 0.30) or 'max_credits'",
        ),
        (
            BASE + "    window: lifetime\n    minimums:\n      - {credits: 2}\n",
            "content/requirements.yaml:7: error: a minimum needs a 'topic' (or 'topics'), 'credit_types', or both",
        ),
        (
            BASE
            + "    window: lifetime\n    minimums:\n      - {topic: Ethics, credits: 2, exclude_topics: [ethics]}\n",
            "content/requirements.yaml:7: error: a minimum for 'Ethics' cannot exclude its own topic",
        ),
        (
            BASE + "    window: lifetime\n  - name: x\n    credits: 5\n    window: lifetime\n",
            "content/requirements.yaml:6: error: requirement 'x' is defined twice (first on line 2)",
        ),
        (
            BASE
            + "    window: lifetime\n  - {name: 'X!', credit_types: any, credits: 5, window: lifetime}\n",
            "content/requirements.yaml:6: error: requirement 'X!' is defined twice (first on line 2)",
        ),
        (
            "requirements:\n  - name: X\n    credit_types: any\n",
            "content/requirements.yaml:2: error: a requirement needs 'credits' (an amount), "
            "'activities' (a number of activities), or both",
        ),
    ],
)
def test_requirements_yaml_errors(rec: RecordBuilder, yaml: str, expected: str) -> None:
    err = _error(rec, yaml)
    assert expected in err.splitlines(), err


def test_every_requirements_error_is_reported_at_once(rec: RecordBuilder) -> None:
    err = _error(
        rec,
        "requirements:\n"
        "  - name: A\n"
        "    credits: 0\n"
        "    window: {start: 2026-12-31, end: 2025-01-01}\n"
        "    credit_types: any\n"
        "  - name: A\n"
        "    credits: 1\n"
        "    window: lifetime\n"
        "    credit_types: any\n",
    )
    assert err.splitlines()[:3] == [
        "content/requirements.yaml:3: error: 'credits' must be a number > 0 (got 0)",
        "content/requirements.yaml:4: error: 'window' ends (2025-01-01) before it starts (2026-12-31)",
        "content/requirements.yaml:6: error: requirement 'A' is defined twice (first on line 2)",
    ]
    assert "Traceback" not in err


def test_lifetime_and_max_share_of_one_are_valid(rec: RecordBuilder) -> None:
    rec.requirements(
        "requirements:\n"
        "  - name: X\n    credit_types: any\n"
        "    credits: 1\n"
        "    window: Lifetime\n"
        "    caps: [{topic: x, max_share: 1}]\n"
    )
    run = rec.run("check")
    assert run.code == 0, run.err
