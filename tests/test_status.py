"""`portfolio status`: the table a physician reads in the terminal, and `--json` for programs."""

from __future__ import annotations

import io
import json
import re
import sys

import pytest
from builder import RecordBuilder

from portfolio import status

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def record(rec: RecordBuilder) -> None:
    """Two requirements (one with an unmet minimum), two pending claims (one overdue), a license expiring."""
    rec.requirements(
        "requirements:\n"
        "  - name: California license renewal\n"
        "    credits: 50\n"
        "    credit_types: any\n"
        "    window: {start: 2025-07-01, end: 2027-06-30}\n"
        "    minimums: [{topic: pain-management, credits: 12}]\n"
        "  - {name: Hospital, credit_types: any, credits: 2, window: {months: 24}}\n"
        "  - {name: Residency year, credit_types: any, credits: 40, window: {start: 2025-07-01, end: 2026-06-30}}\n"
    )
    cert = rec.certificate("c.pdf")
    rec.activity(
        "pain", date="2026-01-10", credits="10.00", topics="[pain-management]", certificate=cert
    )
    rec.activity(
        "claim-soon",
        title="Cardiology Update",
        date="2026-04-01",
        status="pending",
        claim_by="2026-04-20",
    )
    rec.activity(
        "claim-late",
        title="Sepsis Summit",
        date="2026-03-01",
        status="pending",
        claim_by="2026-04-10",
    )


def test_table_lines_up_and_explains_unmet_minimums(rec: RecordBuilder) -> None:
    record(rec)
    run = rec.run("status", "--as-of", "2026-04-15")
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert lines[0] == "CME status for Test Physician, MD, as of 15 April 2026"
    assert "\x1b[" not in run.out  # not a terminal: no colour
    header = next(line for line in lines if line.lstrip().startswith("Requirement "))
    rows = [
        line for line in lines if line.startswith("  California") or line.startswith("  Hospital")
    ]
    rows.append(next(line for line in lines if line.startswith("  Residency")))
    # each column starts where its header starts; numbers end where their header ends
    for column in ("Status", "Due"):
        at = header.index(column)
        for row in rows:
            assert row[at - 2 : at] == "  " and row[at] != " ", (column, row)
    end = header.index("Earned / needed") + len("Earned / needed")
    assert [row[end - 13 : end] for row in rows] == [
        "10.00 / 50.00",
        " 10.00 / 2.00",
        "10.00 / 40.00",
    ]
    california = lines.index(rows[0])
    assert "in progress" in rows[0] and "2027-06-30" in rows[0] and rows[0].endswith(" 441")
    # 12 − 10 = 2 more in pain management, on the line beneath
    assert lines[california + 1] == "      needs 2.00 more in pain-management (10.00 of 12.00)"
    assert "met" in rows[1] and "rolling, last 24 months" in rows[1]
    # 40 − 10 = 30.00 still needed; 2026-04-15 → 2026-06-30 is 76 days
    assert rows[2].split()[-4:] == ["40.00", "30.00", "2026-06-30", "76"]
    assert "in progress" in rows[2]


def test_pending_claims_count_down_and_overdue_is_marked(rec: RecordBuilder) -> None:
    record(rec)
    out = rec.run("status", "--as-of", "2026-04-15").out
    lines = out.splitlines()
    start = lines.index("Pending claims (attended, credit not claimed yet)")
    assert (
        lines[start + 1]
        == "  2026-04-10  OVERDUE by 5 days  Sepsis Summit (University Hospital CME Office)"
    )
    assert (
        lines[start + 2]
        == "  2026-04-20  in 5 days          Cardiology Update (University Hospital CME Office)"
    )


def test_deadlines_within_ninety_days(rec: RecordBuilder) -> None:
    record(rec)
    out = rec.run("status", "--as-of", "2027-04-01").out
    lines = out.splitlines()
    start = lines.index("Deadlines in the next 90 days")
    # license expires 2027-06-30 (90 days after 2027-04-01) and so does the California cycle; claims are past
    assert lines[start + 1 :] == [
        "  2027-06-30  in 90 days  CA medical license expires",
        "  2027-06-30  in 90 days  California license renewal: last day to earn the credits",
    ]
    out = rec.run("status", "--as-of", "2027-03-31").out  # 91 days before: not yet shown
    assert out.splitlines()[-1] == "  Nothing due."


def test_overdue_requirement_reads_in_plain_words(rec: RecordBuilder) -> None:
    record(rec)
    out = rec.run("status", "--as-of", "2026-07-01").out
    row = next(line for line in out.splitlines() if line.startswith("  Residency"))
    # 10.00 of 40 when the year ended on 2026-06-30: overdue, 30.00 short, one day ago
    assert row.split()[2:] == [
        "overdue",
        "10.00",
        "/",
        "40.00",
        "30.00",
        "2026-06-30",
        "ended",
        "1",
        "day",
        "ago",
    ]


def test_no_requirements_and_no_claims(rec: RecordBuilder) -> None:
    run = rec.run("status", "--as-of", "2026-04-15")
    assert run.code == 0
    assert "None yet: list what you owe in content/requirements.yaml" in run.out
    assert "Pending claims (attended, credit not claimed yet)\n  None.\n" in run.out


def test_json_prints_the_requirements_of_transcript_json(rec: RecordBuilder) -> None:
    record(rec)
    run = rec.run("status", "--json", "--as-of", "2026-04-15")
    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert rec.run("build", "--no-pdf", "--as-of", "2026-04-15").code == 0
    built = json.loads((rec.root / "site" / "transcript.json").read_text(encoding="utf-8"))
    assert data["as_of"] == built["as_of"] == "2026-04-15"
    assert data["requirements"] == built["requirements"]
    assert [r["earned"] for r in data["requirements"]] == [10.0, 10.0, 10.0]
    assert data["pending"][0] == {
        "id": "claim-late",
        "title": "Sepsis Summit",
        "provider": "University Hospital CME Office",
        "claim_by": "2026-04-10",
        "days_left": -5,
        "overdue": True,
    }
    assert [d["title"] for d in data["deadlines"]] == [
        "Claim CME: Cardiology Update",
        "Residency year: last day to earn the credits",
    ]


def test_invalid_record_exits_one(rec: RecordBuilder) -> None:
    rec.requirements(
        "requirements:\n  - {name: X, credit_types: any, credits: 0, window: lifetime}\n"
    )
    run = rec.run("status")
    assert run.code == 1
    assert "content/requirements.yaml:2: error: 'credits' must be a number > 0 (got 0)" in run.err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_only_on_a_terminal_and_never_with_no_color(
    rec: RecordBuilder, monkeypatch: pytest.MonkeyPatch
) -> None:
    record(rec)
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert status.use_colour(io.StringIO()) is False
    assert status.use_colour(_Terminal()) is True
    monkeypatch.setenv("NO_COLOR", "1")
    assert status.use_colour(_Terminal()) is False

    def run_on_terminal() -> str:
        terminal = _Terminal()
        monkeypatch.setattr(sys, "stdout", terminal)
        from portfolio import cli

        assert cli.main(["--root", str(rec.root), "status", "--as-of", "2026-04-15"]) == 0
        monkeypatch.setattr(sys, "stdout", sys.__stdout__)
        return terminal.getvalue()

    plain = run_on_terminal()  # NO_COLOR is set
    assert "\x1b[" not in plain
    monkeypatch.delenv("NO_COLOR")
    coloured = run_on_terminal()
    assert "\x1b[31mOVERDUE by 5 days" in coloured  # red
    assert "\x1b[33min progress" in coloured  # yellow
    assert ANSI.sub("", coloured) == plain  # colour changes nothing else, alignment included
