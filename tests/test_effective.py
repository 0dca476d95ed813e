"""`effective: YYYY-MM-DD`: a rule whose window ended before the rule took effect is not owed for it.

Figures are read where a user sees them (`portfolio status --json` and its text), each expectation computed by
hand beside it. The shipped rule sets are loaded as `portfolio init --rules` copies them.
"""

from __future__ import annotations

import datetime as dt
import re

import pypdf
import pytest
from builder import RecordBuilder
from hypothesis import given, settings
from hypothesis import strategies as st
from test_rule_shapes import documented, status

from portfolio import rulesets
from portfolio.model import Requirement, Window
from portfolio.requirements import evaluate

AMA = "AMA PRA Category 1"


def profile(**issued: str) -> str:
    lines = ["name: Test Physician, MD", "licenses:"]
    expires = {"PA": "2026-12-31", "TX": "2027-01-31"}
    for state, day in issued.items():
        lines.append(
            f"  - {{state: {state}, number: X{state}1, issued: {day}, expires: {expires[state]}}}"
        )
    lines += [
        "dea: {number: BO1234563, expires: 2027-10-31}",
        "practice: [direct-patient-care]",
        f"default_credit_type: {AMA}",
    ]
    return "\n".join(lines) + "\n"


def first_year_rule(effective: str) -> str:
    return (
        "requirements:\n"
        "  - name: Opioids, first year\n"
        "    credits: 4\n"
        f"    credit_types: [{AMA}]\n"
        "    topics: [opioid-prescribing]\n"
        "    window: {license: PA, first_months: 12}\n"
        f"    effective: {effective}\n"
    )


# ---------------------------------------------------------------- the boundary, by hand


@pytest.mark.parametrize(
    ("effective", "state", "reason"),
    [
        # issued 2015-01-01, 12 months → 2015-01-01 … 2015-12-31; the rule came the next day
        (
            "2016-01-01",
            "not-applicable",
            "this rule took effect on 2016-01-01, after the period it covers ended on 2015-12-31",
        ),
        # the window's last day is the rule's first: owed, and 0.00 of 4.00 after it ended is overdue
        ("2015-12-31", "overdue", None),
        # a rule in force all along
        ("2010-01-01", "overdue", None),
    ],
    ids=["day-after-end", "on-end-day", "long-before"],
)
def test_a_window_that_ended_the_day_before_the_rule_is_not_owed(
    tmp_path, effective: str, state: str, reason: str | None
) -> None:
    rec = RecordBuilder(tmp_path, profile(PA="2015-01-01"))
    rec.requirements(first_year_rule(effective))
    found = status(rec, "2026-11-25")["Opioids, first year"]
    assert (found["state"], found["applies"], found["reason"]) == (state, reason is None, reason)
    assert found["effective"] == effective
    assert found["window"]["end"] == "2015-12-31"
    # not owed: no due date, nothing overdue; owed: due on the window's last day
    assert found["due"] == (None if reason else "2015-12-31")
    text = rec.run("status", "--as-of", "2026-11-25").out
    assert ("does not apply: this rule took effect on" in text) is (reason is not None)


def test_a_window_that_began_before_the_rule_owes_it_in_full_and_counts_earlier_training(
    tmp_path,
) -> None:
    """Issued 2016-06-01 → 2016-06-01 … 2017-05-31, which ends after 2017-01-01: owed, all 4 hours."""
    rec = RecordBuilder(tmp_path, profile(PA="2016-06-01"))
    rec.requirements(first_year_rule("2017-01-01"))
    documented(rec, "before", "2016-08-01", "3.00", topics="[opioid-prescribing]")
    documented(rec, "after", "2017-03-01", "0.50", topics="[opioid-prescribing]")
    found = status(rec, "2026-11-25")["Opioids, first year"]
    # 3.00 (before the rule took effect, inside the window) + 0.50 = 3.50 of 4.00: owed, and overdue
    assert (found["applies"], found["earned"], found["remaining"], found["state"]) == (
        True,
        3.5,
        0.5,
        "overdue",
    )
    assert [a["id"] for a in found["activities"]] == ["before", "after"]
    documented(rec, "more", "2017-05-31", "0.50", topics="[opioid-prescribing]")
    assert status(rec, "2026-11-25")["Opioids, first year"]["state"] == "met"  # 4.00 of 4.00


@pytest.mark.parametrize("window", ["{months: 24}", "lifetime"])
def test_a_moving_window_is_not_owed_only_on_an_as_of_date_before_the_rule(
    tmp_path, window: str
) -> None:
    rec = RecordBuilder(tmp_path, profile(PA="2015-01-01"))
    rec.requirements(
        "requirements:\n"
        "  - name: MATE\n"
        "    credits: 8\n"
        f"    credit_types: [{AMA}]\n"
        "    topics: [substance-use-disorder]\n"
        f"    window: {window}\n"
        "    effective: 2023-06-27\n"
    )
    documented(rec, "sud", "2023-01-10", "8.00", topics="[substance-use-disorder]")
    before = status(rec, "2023-06-26")["MATE"]  # the window ends on the as-of date, a day too early
    assert (before["state"], before["reason"]) == (
        "not-applicable",
        "this rule takes effect on 2023-06-27, after 2023-06-26, the end of the period it covers",
    )
    on = status(rec, "2023-06-27")[
        "MATE"
    ]  # owed from its first day, met by training from before it
    assert (on["applies"], on["earned"], on["state"]) == (True, 8.0, "met")


def test_a_minimum_that_took_effect_after_the_window_never_keeps_it_unmet(tmp_path) -> None:
    rec = RecordBuilder(tmp_path, profile(PA="2015-01-01"))
    rec.requirements(
        "requirements:\n"
        "  - name: Old renewal\n"
        "    credits: 2\n"
        f"    credit_types: [{AMA}]\n"
        "    window: {start: 2015-01-01, end: 2016-12-31}\n"
        "    minimums:\n"
        "      - {topic: opioid-prescribing, credits: 2, effective: 2017-01-01}\n"
        "      - {topic: ethics, credits: 1, effective: 2016-12-31}\n"
    )
    documented(rec, "general", "2016-05-01", "2.00", topics="[ethics]")
    found = status(rec, "2026-11-25")["Old renewal"]
    opioids, ethics = found["minimums"]
    # 2016-12-31 ends the window before 2017-01-01: the opioid minimum is not owed; ethics (in force on the
    # window's last day) is, and 2.00 of ethics meets it; the total 2.00 of 2.00: met
    assert (opioids["applies"], opioids["effective"], opioids["reason"]) == (
        False,
        "2017-01-01",
        "this rule took effect on 2017-01-01, after the period it covers ended on 2016-12-31",
    )
    assert (ethics["applies"], ethics["met"]) == (True, True)
    assert found["state"] == "met"


def test_without_effective_nothing_changes(tmp_path) -> None:
    rec = RecordBuilder(tmp_path, profile(PA="2015-01-01"))
    rec.requirements(first_year_rule("2017-01-01").replace("    effective: 2017-01-01\n", ""))
    found = status(rec, "2026-11-25")["Opioids, first year"]
    assert (found["state"], found["effective"], found["reason"]) == ("overdue", None, None)


# ---------------------------------------------------------------- validation


def test_a_bad_effective_date_is_an_error_at_its_line_all_at_once(tmp_path) -> None:
    rec = RecordBuilder(tmp_path, profile(PA="2015-01-01"))
    rec.requirements(
        "requirements:\n"
        "  - name: A\n"
        "    credits: 1\n"
        "    credit_types: any\n"
        "    window: lifetime\n"
        "    effective: 2017-13-01\n"
        "  - name: B\n"
        "    credits: 1\n"
        "    credit_types: any\n"
        "    window: lifetime\n"
        "    effective: January 2017\n"
        "    minimums:\n"
        "      - {topic: ethics, credits: 1, effective: 2017}\n"
        "  - {name: C, credits: 1, credit_types: any, window: lifetime, effectiv: 2017-01-01}\n"
    )
    run = rec.run("check")
    assert run.code == 1
    lines = run.err.splitlines()
    assert lines[:4] == [
        "content/requirements.yaml:6: error: 'effective' is not a real date: 2017-13-01",
        "content/requirements.yaml:11: error: 'effective' must be a date written YYYY-MM-DD "
        "(got 'January 2017')",
        "content/requirements.yaml:13: error: 'effective' must be a date written YYYY-MM-DD (got 2017)",
        "content/requirements.yaml:14: error: unknown field 'effectiv' in a requirement "
        "(did you mean 'effective'?)",
    ]
    assert "Traceback" not in run.err


# ---------------------------------------------------------------- the shipped rule sets


FIRST_LICENSURE = (
    "Pennsylvania opioid education within 12 months of the initial license",
    "Texas trafficked persons CME, first renewal period",
    "Texas opioid prescribing CME, first year of licensure",
)


def shipped(rec: RecordBuilder) -> None:
    rec.requirements(rulesets.combined(rulesets.find(["pennsylvania", "texas"])))


def test_shipped_first_licensure_rules_are_not_owed_by_a_2010_and_2018_licensee(
    tmp_path,
) -> None:
    """The issue's physician: PA 2010-06-01 (first year ends 2011-05-31, before Act 124's 2017-01-01), TX
    2018-07-15 (first 12 months end 2019-07-14, before HB 2059's and HB 2454's 2019-09-01)."""
    rec = RecordBuilder(tmp_path, profile(PA="2010-06-01", TX="2018-07-15"))
    shipped(rec)
    found = status(rec, "2026-11-25")
    reasons = {name: (found[name]["state"], found[name]["reason"]) for name in FIRST_LICENSURE}
    assert reasons == {
        FIRST_LICENSURE[0]: (
            "not-applicable",
            "this rule took effect on 2017-01-01, after the period it covers ended on 2011-05-31",
        ),
        FIRST_LICENSURE[1]: (
            "not-applicable",
            "this rule took effect on 2019-09-01, after the period it covers ended on 2019-07-14",
        ),
        FIRST_LICENSURE[2]: (
            "not-applicable",
            "this rule took effect on 2019-09-01, after the period it covers ended on 2019-07-14",
        ),
    }
    assert not any(r["state"] == "overdue" for r in found.values())
    # the renewal's Act 124 minimum for DEA registrants is still owed in the current period
    renewal = found["Pennsylvania license renewal (MD)"]
    dea_minimum = next(
        m for m in renewal["minimums"] if m["applies"] and m["effective"] == "2017-01-01"
    )
    assert dea_minimum["remaining"] == 2.0
    text = rec.run("status", "--as-of", "2026-11-25").out
    assert "ended 5794 days ago" not in text and "overdue" not in text


def test_shipped_first_licensure_rules_still_apply_and_count_for_a_2024_licensee(
    tmp_path,
) -> None:
    """PA 2024-03-01 → 2024-03-01 … 2025-02-28; TX 2024-07-15 → 2024-07-15 … 2025-07-14: both after 2019."""
    rec = RecordBuilder(tmp_path, profile(PA="2024-03-01", TX="2024-07-15"))
    shipped(rec)
    documented(rec, "pain", "2024-05-01", "2.00", topics="[pain-management]")
    documented(rec, "rx", "2024-05-02", "2.00", topics="[opioid-prescribing]")
    documented(rec, "trafficking", "2024-09-01", "1.00", topics="[human-trafficking]")
    found = status(rec, "2026-11-25")
    pa, trafficking, opioids = (found[name] for name in FIRST_LICENSURE)
    # PA: 2.00 pain + 2.00 prescribing = 4.00 of 4.00, each minimum 2.00 of 2.00
    assert (pa["applies"], pa["earned"], pa["state"]) == (True, 4.0, "met")
    assert [m["earned"] for m in pa["minimums"]] == [2.0, 2.0]
    # TX trafficking: 1.00 of 1.00 inside 2024-07-15 … 2025-07-14
    assert (trafficking["applies"], trafficking["earned"], trafficking["state"]) == (
        True,
        1.0,
        "met",
    )
    # TX first-year opioids: the May 2024 course came before the TX license; 0.00 of 2.00 and the year ended
    assert (opioids["applies"], opioids["earned"], opioids["state"]) == (True, 0.0, "overdue")
    assert opioids["due"] == "2025-07-14"


# ---------------------------------------------------------------- a property


@settings(max_examples=200, deadline=None)
@given(
    end=st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)),
    effective=st.one_of(st.none(), st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31))),
)
def test_not_owed_exactly_when_the_window_ended_before_the_rule(
    end: dt.date, effective: dt.date | None
) -> None:
    requirement = Requirement(
        name="R",
        credits=None,
        activities=1,
        window=Window("fixed", start=dt.date(2000, 1, 1), end=end),
        effective=effective,
    )
    result = evaluate(requirement, (), dt.date(2031, 1, 1))
    owed = effective is None or end >= effective
    assert result.applies is owed
    assert result.state == ("overdue" if owed else "not-applicable")
    assert (result.reason == "") is owed


def test_the_requirement_page_says_why_and_keeps_applies_if_true(tmp_path) -> None:
    rec = RecordBuilder(tmp_path, profile(PA="2010-06-01", TX="2018-07-15"))
    shipped(rec)
    assert rec.run("build", "--no-pdf", "--as-of", "2026-11-25").code == 0
    name = FIRST_LICENSURE[0]
    page = next(
        p.read_text(encoding="utf-8")
        for p in (rec.root / "site/requirements").glob("*.html")
        if f"<h1>{name}" in p.read_text(encoding="utf-8")
    )
    assert (
        "Does not apply to you: this rule took effect on 2017-01-01, after the period it covers "
        "ended on 2011-05-31."
    ) in page
    # the facts hold (a PA license): the page must not say "no" to them for the date's reason
    assert "<dt>Applies if</dt><dd>licensed-in-PA: yes</dd>" in page
    assert "<dt>Took effect</dt>" in page and "after this window ended: not owed for it" in page


def test_the_pdf_says_why_and_keeps_applies_if_true(tmp_path) -> None:
    rec = RecordBuilder(tmp_path, profile(PA="2010-06-01", TX="2018-07-15"))
    shipped(rec)
    out = tmp_path / "r.pdf"
    name = FIRST_LICENSURE[0]
    run = rec.run("pdf", "--as-of", "2026-11-25", "-o", str(out), "--requirement", name)
    assert run.code == 0, run.err
    text = re.sub(r"\s+", " ", "\n".join(p.extract_text() for p in pypdf.PdfReader(out).pages))
    assert (
        "Does not apply to this physician: this rule took effect on 2017-01-01, after the period it "
        "covers ended on 2011-05-31."
    ) in text
    assert "Applies if licensed-in-PA: yes" in text
