"""Rules that real boards write (SPEC §1.4), each shape against hand computation.

Figures are read where a user sees them (`portfolio status --json`, which prints transcript.json's objects) and
the arithmetic is written beside each expectation.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from builder import PROFILE, RecordBuilder

AMA = "AMA PRA Category 1"
AMA2 = "AMA PRA Category 2"
MOC = "ABIM MOC points"

TX_PROFILE = """\
name: Test Physician, MD
licenses:
  - {state: TX, number: Q4821, issued: 2018-07-15, expires: 2027-01-31, cycle_months: 24}
default_credit_type: AMA PRA Category 1
"""


def documented(
    rec: RecordBuilder, name: str, date: str, credits: str = "1.00", **fields: Any
) -> None:
    fields.setdefault("certificate", rec.certificate(f"{name}.pdf"))
    rec.activity(name, date=date, credits=credits, **fields)


def status(rec: RecordBuilder, as_of: str) -> dict[str, dict[str, Any]]:
    run = rec.run("status", "--json", "--as-of", as_of)
    assert run.code == 0, run.err
    return {r["name"]: r for r in json.loads(run.out)["requirements"]}


def ids(items: list[dict[str, Any]]) -> list[str]:
    return [item["id"] for item in items]


def errors(rec: RecordBuilder) -> list[str]:
    run = rec.run("check")
    assert run.code == 1, run.out + run.err
    return run.err.splitlines()


# ---------------------------------------------------------------- credit types


def test_moc_points_never_count_toward_a_cme_license(rec: RecordBuilder) -> None:
    """The issue's case: a year of ABIM's LKA (24 MOC points, no CME) plus a 10-credit course."""
    rec.requirements(
        "requirements:\n"
        "  - name: Pennsylvania\n"
        "    credits: 100\n"
        f"    credit_types: [{AMA}, {AMA2}]\n"
        "    window: {start: 2025-01-01, end: 2026-12-31}\n"
        f"  - {{name: MOC, credits: 100, credit_types: [{MOC}], window: {{months: 60}}}}\n"
    )
    documented(rec, "lka", "2025-12-01", "24.00", credit_type=f"'{MOC}'")
    documented(rec, "course", "2026-03-01", "10.00")
    reqs = status(rec, "2026-06-30")
    # Pennsylvania: only the course, 10.00 (not 34.00); MOC: only the LKA, 24.00
    assert (reqs["Pennsylvania"]["earned"], ids(reqs["Pennsylvania"]["activities"])) == (
        10.0,
        ["course"],
    )
    assert reqs["Pennsylvania"]["excluded"][0]["id"] == "lka"
    assert (reqs["MOC"]["earned"], ids(reqs["MOC"]["activities"])) == (24.0, ["lka"])


def test_a_requirement_without_credit_types_is_an_error_that_says_why(rec: RecordBuilder) -> None:
    rec.requirements("requirements:\n  - name: Texas\n    credits: 48\n    window: lifetime\n")
    (line, _summary) = errors(rec)
    assert line.startswith("content/requirements.yaml:2: error: 'credit_types' is required")
    assert "credit_types: any" in line and "an ABIM MOC point is not a CME credit" in line


def test_an_empty_credit_types_list_is_an_error_and_any_accepts_every_type(
    rec: RecordBuilder,
) -> None:
    rec.requirements(
        "requirements:\n  - {name: X, credits: 1, credit_types: [], window: lifetime}\n"
    )
    assert "content/requirements.yaml:2: error: 'credit_types' is an empty list" in errors(rec)[0]
    rec.requirements(
        "requirements:\n  - {name: X, credits: 30, credit_types: any, window: lifetime}\n"
    )
    documented(rec, "moc", "2026-01-01", "20.00", credit_type=f"'{MOC}'")
    documented(rec, "cme", "2026-01-02", "5.00")
    x = status(rec, "2026-06-30")["X"]
    assert (x["earned"], x["credit_types"]) == (25.0, "any")  # 20 + 5: `any` is said, not implied


@pytest.mark.parametrize(
    "written",
    ["AMA PRA Category 1 Credit™", "ama pra category 1 credits", "AMA PRA Category 1  Credit(s)™"],
)
def test_credit_type_names_compare_as_the_certificate_writes_them(
    rec: RecordBuilder, written: str
) -> None:
    rec.requirements(
        f"requirements:\n  - {{name: R, credits: 2, credit_types: [{AMA}], window: lifetime}}\n"
    )
    documented(rec, "a", "2026-01-01", "1.50", credit_type=f"'{written}'")
    r = status(rec, "2026-06-30")["R"]
    assert (r["earned"], r["activities"][0]["credit_type"]) == (1.5, written)
    assert rec.run("build", "--no-pdf", "--as-of", "2026-06-30").code == 0
    totals = json.loads((rec.root / "site/transcript.json").read_text(encoding="utf-8"))["totals"]
    assert totals == {AMA: 1.5}  # one line per credit type, under its standard name


def test_a_credit_type_one_typo_away_is_an_error_with_did_you_mean(rec: RecordBuilder) -> None:
    rec.requirements(
        f"requirements:\n  - {{name: R, credits: 2, credit_types: [{AMA}], window: lifetime}}\n"
    )
    documented(rec, "roman", "2026-01-01", credit_type="'AMA PRA Category I'")
    documented(
        rec, "moc", "2026-01-02", credit_type="'ABIM MOC point'"
    )  # standard list: ABIM MOC points
    documented(
        rec, "own", "2026-01-03", credit_type="'Hospital In-House Credit'"
    )  # far from all: fine
    found = errors(rec)
    assert found[:2] == [
        "content/activities/moc.md:4: error: credit type 'ABIM MOC point' is one typo away from "
        "'ABIM MOC points' (did you mean 'ABIM MOC points'?); as written it counts toward no requirement "
        "that names that type",
        "content/activities/roman.md:4: error: credit type 'AMA PRA Category I' is one typo away from "
        "'AMA PRA Category 1' (did you mean 'AMA PRA Category 1'?); as written it counts toward no "
        "requirement that names that type",
    ]
    assert len(found) == 3  # two errors and the summary


def test_a_requirement_naming_a_misspelt_standard_type_is_an_error(rec: RecordBuilder) -> None:
    rec.requirements(
        "requirements:\n  - {name: R, credits: 2, credit_types: [AOA Category 1A], window: lifetime}\n"
    )
    assert errors(rec)[0].startswith(
        "content/requirements.yaml:2: error: requirement 'R' names credit type 'AOA Category 1A', which is "
        "not a standard one (did you mean 'AOA Category 1-A'?)"
    )


# ---------------------------------------------------------------- topics on a requirement


def test_a_one_hour_topic_rule_shows_its_hour_not_the_whole_record(rec: RecordBuilder) -> None:
    rec.requirements(
        "requirements:\n"
        "  - name: Human trafficking\n"
        "    credits: 1\n"
        f"    credit_types: [{AMA}]\n"
        "    topics: [human-trafficking]\n"
        "    window: {start: 2025-03-01, end: 2027-02-28}\n"
    )
    documented(rec, "big", "2025-06-01", "23.50")
    documented(rec, "course", "2025-07-01", "1.00", topics="[Human Trafficking]")
    documented(
        rec,
        "conf",
        "2025-08-01",
        "10.00",
        topics="[{topic: human-trafficking, credits: 0.5}, ethics]",
    )
    r = status(rec, "2026-03-01")["Human trafficking"]
    # 1.00 (course, a plain tag: its whole amount) + 0.50 (conf, a partial topic) = 1.50, never 35.00
    assert (r["earned"], r["needed"], r["state"], r["topics"]) == (
        1.5,
        1.0,
        "met",
        ["human-trafficking"],
    )
    assert ids(r["activities"]) == ["course", "conf"]
    assert (
        r["excluded"] == []
    )  # the unrelated 23.50 is not "excluded", it is simply not about this rule
    rec.run("build", "--no-pdf", "--as-of", "2026-03-01")
    page = (rec.root / "site/activities/big.html").read_text(encoding="utf-8")
    assert "Human trafficking" not in page  # no activity page claims the topic rule
    assert "Human trafficking" in (rec.root / "site/activities/course.html").read_text(
        encoding="utf-8"
    )


def test_two_matching_topics_count_once_at_the_larger_share(rec: RecordBuilder) -> None:
    rec.requirements(
        "requirements:\n"
        f"  - {{name: Ethics, credits: 2, credit_types: [{AMA}], topics: [ethics, professionalism], "
        "window: lifetime}\n"
    )
    documented(
        rec,
        "a",
        "2026-01-01",
        "3.00",
        topics="[{topic: ethics, credits: 1}, {topic: professionalism, credits: 1.50}]",
    )
    r = status(rec, "2026-06-30")["Ethics"]
    assert r["earned"] == 1.5  # max(1.00, 1.50), not 2.50
    assert r["activities"][0]["note"] == "partial topic: 1.50 of 3.00"


def test_any_of_minimum_counts_an_activity_with_two_of_its_topics_once(rec: RecordBuilder) -> None:
    """California: 12 hours of "pain management or care of the terminally ill"."""
    rec.requirements(
        "requirements:\n"
        "  - name: California\n"
        "    credits: 50\n"
        f"    credit_types: [{AMA}]\n"
        "    window: {start: 2025-07-01, end: 2027-06-30}\n"
        "    minimums:\n"
        "      - {topics: [pain-management, terminally-ill], credits: 12}\n"
    )
    documented(rec, "both", "2025-09-01", "10.00", topics="[pain-management, terminally-ill]")
    documented(
        rec,
        "parts",
        "2025-10-01",
        "8.00",
        topics="[{topic: pain-management, credits: 2}, {topic: terminally-ill, credits: 1.75}]",
    )
    documented(rec, "other", "2025-11-01", "6.00", topics="[ethics]")
    (minimum,) = status(rec, "2026-06-30")["California"]["minimums"]
    # both: 10.00 once (not 20.00); parts: max(2.00, 1.75) = 2.00 → 12.00 of 12 → met
    assert (minimum["earned"], minimum["met"], minimum["topics"]) == (
        12.0,
        True,
        ["pain-management", "terminally-ill"],
    )
    assert [(a["id"], a["amount"]) for a in minimum["activities"]] == [
        ("both", 10.0),
        ("parts", 2.0),
    ]


def test_a_minimum_with_topic_and_topics_is_an_error(rec: RecordBuilder) -> None:
    rec.requirements(
        "requirements:\n  - name: X\n    credits: 1\n    credit_types: any\n    window: lifetime\n"
        "    minimums:\n      - {topic: a, topics: [b], credits: 1}\n"
    )
    assert errors(rec)[0] == (
        "content/requirements.yaml:7: error: a minimum has 'topic' or 'topics' (any of several), not both"
    )


# ---------------------------------------------------------------- activities: N


def test_a_course_to_complete_counts_activities_not_hours(rec: RecordBuilder) -> None:
    """New York infection control: complete the course, whatever its hours."""
    rec.requirements(
        "requirements:\n"
        "  - name: Infection control\n"
        "    activities: 1\n"
        f"    credit_types: [{AMA}]\n"
        "    topics: [infection-control]\n"
        "    window: {start: 2025-01-01, end: 2028-12-31}\n"
        "  - name: Two courses and four hours\n"
        "    credits: 4\n"
        "    activities: 2\n"
        "    credit_types: any\n"
        "    window: {start: 2025-01-01, end: 2028-12-31}\n"
        "    minimums:\n"
        "      - {topic: ethics, activities: 2}\n"
    )
    ic = status(rec, "2026-01-01")["Infection control"]
    assert (ic["needed"], ic["remaining"], ic["needed_activities"], ic["counted_activities"]) == (
        None,
        None,
        1,
        0,
    )
    assert ic["state"] == "in-progress"
    documented(rec, "ic", "2026-02-01", "0.25", topics="[infection-control]")
    documented(rec, "long", "2026-03-01", "5.00", topics="[ethics]")
    reqs = status(rec, "2026-06-30")
    ic = reqs["Infection control"]
    assert (ic["counted_activities"], ic["earned"], ic["state"]) == (1, 0.25, "met")
    both = reqs["Two courses and four hours"]
    # 5.25 credits ≥ 4 and 2 activities ≥ 2, but the ethics minimum has 1 of 2 activities
    assert (both["earned"], both["counted_activities"]) == (5.25, 2)
    assert (both["minimums"][0]["counted_activities"], both["minimums"][0]["met"]) == (1, False)
    assert both["state"] == "in-progress"
    text = rec.run("status", "--as-of", "2026-06-30").out
    assert "1 / 1 activity" in text and "needs 1 more activity in ethics (1 of 2)" in text


# ---------------------------------------------------------------- license windows


def test_license_window_is_the_current_renewal_period(tmp_path) -> None:
    rec = RecordBuilder(tmp_path, TX_PROFILE)
    rec.requirements(
        "requirements:\n"
        f"  - {{name: Renewal, credits: 3, credit_types: [{AMA}], window: {{license: TX}}}}\n"
        f"  - {{name: Every third, credits: 1, credit_types: [{AMA}], window: {{license: tx, cycles: 3}}}}\n"
    )
    documented(rec, "before", "2025-01-31", "1.00")  # the day before 2025-02-01
    documented(rec, "first", "2025-02-01", "1.00")
    documented(rec, "old", "2021-02-01", "1.00")  # first day of three periods back
    reqs = status(rec, "2026-01-01")
    # expires 2027-01-31, 24 months → 2025-02-01 … 2027-01-31
    assert reqs["Renewal"]["window"] == {
        "kind": "license",
        "start": "2025-02-01",
        "end": "2027-01-31",
        "license": "TX",
    }
    assert (reqs["Renewal"]["due"], reqs["Renewal"]["days_left"]) == ("2027-01-31", 395)
    assert ids(reqs["Renewal"]["activities"]) == ["first"]
    # 3 × 24 months → 2021-02-01 … 2027-01-31
    third = reqs["Every third"]
    assert (third["window"]["start"], third["window"]["cycles"]) == ("2021-02-01", 3)
    assert ids(third["activities"]) == ["old", "before", "first"]


def test_cycle_months_changes_the_period(tmp_path) -> None:
    rec = RecordBuilder(tmp_path, TX_PROFILE.replace("cycle_months: 24", "cycle_months: 36"))
    rec.requirements(
        f"requirements:\n  - {{name: R, credits: 1, credit_types: [{AMA}], window: {{license: TX}}}}\n"
    )
    # 2027-01-31 − 36 months = 2024-01-31; +1 day
    assert status(rec, "2026-01-01")["R"]["window"]["start"] == "2024-02-01"


@pytest.mark.parametrize(
    ("issued", "start", "end", "inside", "outside"),
    [
        # 2023-06-15 + 12 months = 2024-06-15; the day before: 2024-06-14. 2024-02-29 lies inside.
        (
            "2023-06-15",
            "2023-06-15",
            "2024-06-14",
            ["2023-06-15", "2024-02-29", "2024-06-14"],
            ["2023-06-14", "2024-06-15"],
        ),
        # 2024-02-29 + 12 months = 2025-02-29, which does not exist → 2025-02-28; the day before: 2025-02-27
        # (a day shorter than a calendar year: conservative, never a day too long)
        (
            "2024-02-29",
            "2024-02-29",
            "2025-02-27",
            ["2024-02-29", "2025-02-27"],
            ["2024-02-28", "2025-02-28"],
        ),
        # 2023-03-01 + 12 months = 2024-03-01; the day before is 2024-02-29 (leap year)
        ("2023-03-01", "2023-03-01", "2024-02-29", ["2024-02-29"], ["2024-03-01"]),
    ],
)
def test_first_renewal_window_across_29_february(
    tmp_path, issued: str, start: str, end: str, inside: list[str], outside: list[str]
) -> None:
    rec = RecordBuilder(
        tmp_path, TX_PROFILE.replace("2018-07-15", issued).replace("2027-01-31", "2024-05-31")
    )
    rec.requirements(
        f"requirements:\n  - {{name: First, credits: 50, credit_types: [{AMA}], window: {{license: TX, first_months: 12}}}}\n"
    )
    for i, day in enumerate(inside + outside):
        documented(rec, f"a{i}-{day}", day)
    r = status(rec, "2026-01-01")["First"]
    # it ends where it says, even where the license's expires (2024-05-31) comes first
    assert (r["window"]["start"], r["window"]["end"], r["due"]) == (start, end, end)
    assert sorted(a["date"] for a in r["activities"]) == sorted(inside)


def test_a_first_months_window_without_issued_is_an_error_at_the_requirement(
    rec: RecordBuilder,
) -> None:
    rec.requirements(
        "requirements:\n"
        f"  - {{name: Opioids, credits: 4, credit_types: [{AMA}], window: {{license: CA, first_months: 12}}}}\n"
        f"  - {{name: Texas, credits: 4, credit_types: [{AMA}], window: {{license: TX}}}}\n"
    )
    found = errors(rec)
    assert found[0].startswith(
        "content/requirements.yaml:2: error: window {license: CA, first_months: 12} needs 'issued'"
    )
    assert found[1].startswith(
        "content/requirements.yaml:3: error: window {license: TX} names no license in portfolio.yaml"
    )


# ---------------------------------------------------------------- carry-over

CARRY = (
    "requirements:\n"
    "  - name: Texas\n"
    "    credits: 48\n"
    f"    credit_types: [{AMA}, {AMA2}]\n"
    "    window: {license: TX}\n"
    "    carry_over: {max_credits: 20}\n"
    "    minimums:\n"
    "      - {topic: ethics, credits: 2}\n"
)


def test_carry_over_adds_the_previous_periods_excess_after_caps_never_to_a_minimum(
    tmp_path,
) -> None:
    rec = RecordBuilder(tmp_path, TX_PROFILE)
    rec.requirements(CARRY + "    caps:\n      - {topic: management, max_credits: 5}\n")
    # previous period 2023-02-01 … 2025-01-31: 50 + 10 (management, capped to 5) = 55 after caps; 55 − 48 = 7
    documented(rec, "prev-big", "2024-01-10", "50.00", topics="[ethics]")
    documented(rec, "prev-mgmt", "2024-02-10", "10.00", topics="[management]")
    documented(rec, "now", "2025-03-01", "30.00")
    t = status(rec, "2026-01-01")["Texas"]
    assert t["carried"] == 7.0
    assert (t["earned"], t["remaining"]) == (37.0, 11.0)  # 30 + 7
    assert t["carry_over"]["from"] == {"start": "2023-02-01", "end": "2025-01-31"}
    assert (t["carry_over"]["earned"], t["carry_over"]["max_credits"]) == (55.0, 20.0)
    assert ids(t["carry_over"]["activities"]) == ["prev-big", "prev-mgmt"]
    # the previous period's ethics never reaches this period's ethics minimum
    assert (t["minimums"][0]["earned"], t["minimums"][0]["met"]) == (0.0, False)
    assert t["state"] == "in-progress"
    assert rec.run("build", "--no-pdf", "--as-of", "2026-01-01").code == 0
    page = (rec.root / "site/requirements/texas.html").read_text(encoding="utf-8")
    assert "Carried over from the previous period" in page and "Activity prev-big" in page


def test_carry_over_is_capped_and_zero_without_excess(tmp_path) -> None:
    rec = RecordBuilder(tmp_path, TX_PROFILE)
    rec.requirements(CARRY)
    documented(
        rec, "prev", "2024-01-10", "100.00", topics="[ethics]"
    )  # 100 − 48 = 52, capped at 20
    documented(rec, "now", "2025-03-01", "30.00", topics="[ethics]")
    t = status(rec, "2026-01-01")["Texas"]
    assert (t["carried"], t["earned"], t["state"]) == (20.0, 50.0, "met")
    rec.activity("prev", date="2024-01-10", credits="40.00", certificate="certificates/prev.pdf")
    t = status(rec, "2026-01-01")["Texas"]  # 40 < 48: nothing to carry
    assert (t["carried"], t["earned"], t["carry_over"]["carried"]) == (0.0, 30.0, 0.0)


def test_carry_over_does_not_chain(tmp_path) -> None:
    rec = RecordBuilder(tmp_path, TX_PROFILE)
    rec.requirements(CARRY)
    documented(
        rec, "two-back", "2022-01-10", "68.00"
    )  # 2021-02-01 … 2023-01-31: 20 would carry into the next
    documented(
        rec, "prev", "2024-01-10", "48.00"
    )  # exactly its 48: its own carry-in is not carried again
    assert status(rec, "2026-01-01")["Texas"]["carried"] == 0.0


def test_carry_over_needs_a_license_window(rec: RecordBuilder) -> None:
    rec.requirements(
        f"requirements:\n  - name: X\n    credits: 4\n    credit_types: [{AMA}]\n    window: lifetime\n"
        "    carry_over: {max_credits: 2}\n"
    )
    assert errors(rec)[0].startswith(
        "content/requirements.yaml:6: error: 'carry_over' needs a license's renewal period"
    )


# ---------------------------------------------------------------- applies_if

DEA_PROFILE = PROFILE + "practice: [Direct Patient Care]\n"


@pytest.mark.parametrize(
    ("dea", "applies", "reason"),
    [
        ("dea: {number: BA1234563, expires: 2027-10-31}\n", True, None),
        ("", False, "only for DEA registrants; portfolio.yaml lists no DEA registration ('dea')"),
        (
            "dea: {number: BA1234563, expires: 2026-01-31}\n",
            False,
            "only for DEA registrants; your DEA registration expired on 2026-01-31",
        ),
    ],
    ids=["current", "none", "expired"],
)
def test_applies_if_a_dea_registration(
    tmp_path, dea: str, applies: bool, reason: str | None
) -> None:
    rec = RecordBuilder(tmp_path, DEA_PROFILE + dea)
    rec.requirements(
        "requirements:\n"
        "  - name: MATE\n"
        "    credits: 8\n"
        f"    credit_types: [{AMA}]\n"
        "    topics: [substance-use-disorder]\n"
        "    window: {start: 2023-06-27, end: 2026-06-30}\n"
        "    applies_if: dea-registrant\n"
        "  - name: Patient care\n"
        "    credits: 1\n"
        "    credit_types: any\n"
        "    window: {start: 2023-01-01, end: 2026-06-30}\n"
        "    applies_if: [direct-patient-care, licensed-in-CA]\n"
        "    minimums:\n"
        "      - {topic: geriatrics, credits: 5, applies_if: mostly-over-65}\n"
    )
    documented(rec, "a", "2024-01-01", "2.00", topics="[substance-use-disorder]")
    reqs = status(rec, "2026-11-25")  # both windows ended
    mate = reqs["MATE"]
    assert (mate["applies"], mate["reason"]) == (applies, reason)
    # 2 of 8 and the window ended: overdue when owed; never overdue when it does not apply
    assert mate["state"] == ("overdue" if applies else "not-applicable")
    care = reqs["Patient care"]
    assert (care["applies"], care["state"]) == (
        True,
        "met",
    )  # the minimum does not apply: never unmet
    assert care["minimums"][0]["applies"] is False
    assert care["minimums"][0]["reason"] == (
        "only if your practice includes 'mostly-over-65'; it is not listed under 'practice' in portfolio.yaml"
    )
    text = rec.run("status", "--as-of", "2026-11-25").out
    assert ("does not apply: only for DEA registrants" in text) is not applies


def test_a_dea_number_with_a_wrong_check_digit_is_an_error(tmp_path) -> None:
    rec = RecordBuilder(tmp_path, PROFILE + "dea: {number: BA1234564, expires: 2027-10-31}\n")
    assert errors(rec)[0] == (
        "content/portfolio.yaml:8: error: 'number' BA1234564 fails the DEA check digit; look for a mistyped digit"
    )


def test_an_applies_if_fact_one_typo_away_is_a_warning(tmp_path) -> None:
    rec = RecordBuilder(tmp_path, DEA_PROFILE)
    rec.requirements(
        "requirements:\n  - {name: R, credits: 1, credit_types: any, window: lifetime, "
        "applies_if: direct-patient-cares}\n"
    )
    run = rec.run("check")
    assert run.code == 0
    assert (
        "content/requirements.yaml:2: warning: applies_if 'direct-patient-cares' is not a fact of your profile "
        "(did you mean 'Direct Patient Care'?); as written the rule never applies to you"
    ) in run.err


def test_the_readme_example_of_these_shapes_loads_and_evaluates(tmp_path: Path) -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Rules that real boards write", 1)[1]
    block = re.search(r"```yaml\n(.*?)```", section, re.S).group(1)
    profile, reqs = block.split("# requirements.yaml\n")
    rec = RecordBuilder(
        tmp_path,
        "name: T\ndefault_credit_type: AMA PRA Category 1\n"
        + profile.replace("# portfolio.yaml\n", ""),
    )
    rec.requirements(reqs)
    documented(rec, "ht", "2024-05-01", "1.00", topics="[human-trafficking]")
    found = status(rec, "2026-11-25")
    assert found["Texas registration renewal"]["window"]["start"] == "2025-02-01"
    trafficking = found["Texas human trafficking, every third renewal"]
    assert (trafficking["window"]["start"], trafficking["earned"], trafficking["state"]) == (
        "2021-02-01",
        1.0,
        "met",
    )
    opioids = found["Pennsylvania opioid education, first licensure"]
    assert (opioids["window"]["start"], opioids["window"]["end"]) == ("2025-03-01", "2026-02-28")
    assert found["New York infection control"]["needed_activities"] == 1


def test_a_topic_rule_modelled_as_a_total_and_a_minimum_gets_a_hint(rec: RecordBuilder) -> None:
    rec.requirements(
        "requirements:\n  - name: Human trafficking\n    credits: 1\n    credit_types: any\n"
        "    window: lifetime\n    minimums: [{topic: human-trafficking, credits: 1}]\n"
    )
    run = rec.run("check")
    assert run.code == 0
    assert (
        "content/requirements.yaml:2: warning: 'Human trafficking' counts every accepted activity toward its "
        "total of 1, and its minimum on human-trafficking asks for as much: if the rule is only about that "
        "topic, write 'topics: [human-trafficking]' on the requirement so its total counts only it"
    ) in run.err


def test_a_license_rule_for_a_state_you_are_not_licensed_in(tmp_path: Path) -> None:
    """Guarded by applies_if licensed-in-XX it simply does not apply; unguarded it is an error."""
    rec = RecordBuilder(tmp_path, TX_PROFILE)
    rec.requirements(
        "requirements:\n"
        f"  - {{name: California, credits: 50, credit_types: [{AMA}], window: {{license: CA}}, "
        "applies_if: licensed-in-CA}\n"
    )
    documented(rec, "a", "2026-01-01")
    ca = status(rec, "2026-06-30")["California"]
    assert (ca["state"], ca["due"], ca["activities"], ca["window"]["start"]) == (
        "not-applicable",
        None,
        [],
        None,
    )
    assert ca["reason"] == "only for physicians licensed in CA; portfolio.yaml lists no CA license"
    assert rec.run("build", "--as-of", "2026-06-30").code == 0  # pages and PDF say so too
    rec.requirements(
        f"requirements:\n  - {{name: California, credits: 50, credit_types: [{AMA}], window: {{license: CA}}}}\n"
    )
    assert errors(rec)[0].startswith(
        "content/requirements.yaml:2: error: window {license: CA} names no license"
    )


@pytest.mark.parametrize(
    ("written", "expected"),
    [("[any]", None), ("[any, AMA PRA Category 1]", "'credit_types' lists 'any' with other types")],
)
def test_credit_types_any_in_a_list(rec: RecordBuilder, written: str, expected: str | None) -> None:
    rec.requirements(
        f"requirements:\n  - {{name: X, credits: 1, credit_types: {written}, window: lifetime}}\n"
    )
    if expected is None:
        assert status(rec, "2026-01-01")["X"]["credit_types"] == "any"
    else:
        assert expected in errors(rec)[0]


def test_new_refuses_a_credit_type_one_typo_away(rec: RecordBuilder) -> None:
    run = rec.run(
        "new",
        "Course",
        "--date",
        "2026-01-05",
        "--provider",
        "P",
        "--credits",
        "2",
        "--type",
        "AMA PRA Category I",
    )
    assert run.code == 1
    assert "credit type 'AMA PRA Category I' is one typo away from 'AMA PRA Category 1'" in run.err
    assert not list((rec.content / "activities").rglob("*.md"))  # nothing written
