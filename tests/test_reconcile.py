"""`portfolio reconcile FILE.csv`: the record against an institution's transcript, each kind of difference."""

from __future__ import annotations

import json

from builder import RecordBuilder

HOSPITAL = "University Hospital CME Office"


def _record(rec: RecordBuilder) -> None:
    cert = rec.certificate("transcript.pdf")
    rec.activity(
        "2026/a", title="Medicine Grand Rounds – Sepsis Update", date="2026-03-04", certificate=cert
    )
    rec.activity(
        "2026/b", title="Medicine Grand Rounds – Heart Failure", date="2026-03-11", certificate=cert
    )
    rec.activity(
        "2026/c",
        title="'M&M Conference: Diagnostic Error'",
        date="2026-03-18",
        credits="[{type: AMA PRA Category 1, amount: 1.0}, {type: ABIM MOC points, amount: 1.0}]",
        certificate=cert,
    )
    rec.activity(
        "2026/d", title="Grand Rounds – Anticoagulation", date="2026-03-25", certificate=cert
    )
    rec.activity("2026/e", title="ACP Internal Medicine Meeting", date="2026-03-20", provider="ACP")
    rec.activity("2025/f", title="Grand Rounds – Old", date="2025-06-01", certificate=cert)


def _list(rec: RecordBuilder, rows: str) -> str:
    rec.write(
        "hospital.csv", "Completion Date,Activity Title,Credit Type,Credits Earned\r\n" + rows
    )
    return "hospital.csv"


def test_agreement_exits_0(rec: RecordBuilder):
    _record(rec)
    name = _list(
        rec,
        "03/04/2026,MEDICINE GRAND ROUNDS - SEPSIS UPDATE,AMA PRA Category 1 Credit™,1.00\r\n"
        "03/11/2026,Grand Rounds: Heart Failure,AMA PRA Category 1 Credit™,1\r\n"
        "03/18/2026,M&M Conference: Diagnostic Error,AMA PRA Category 1 Credit™,1\r\n"
        "03/18/2026,M&M Conference: Diagnostic Error,ABIM MOC points,1\r\n"
        "03/25/2026,Grand Rounds – Anticoagulation,AMA PRA Category 1 Credit™,1\r\n",
    )
    run = rec.run(
        "reconcile", name, "--provider", "University Hospital", "--date-format", "%m/%d/%Y"
    )
    assert run.code == 0, run.out + run.err
    assert "4 matched; they agree" in run.out
    assert "Grand Rounds: Heart Failure  ~  Medicine Grand Rounds – Heart Failure  (85%)" in run.out


def test_each_kind_of_difference(rec: RecordBuilder):
    _record(rec)
    name = _list(
        rec,
        "03/04/2026,Medicine Grand Rounds - Sepsis Update,AMA PRA Category 1 Credit™,1.50\r\n"  # credits
        "03/12/2026,Medicine Grand Rounds - Heart Failure,AMA PRA Category 1 Credit™,1\r\n"  # date
        "03/18/2026,M&M Conference: Diagnostic Error,AOA Category 1-A,1\r\n"  # credit type
        "04/01/2026,Grand Rounds – Lupus,AMA PRA Category 1 Credit™,1\r\n",  # not in the record
    )
    run = rec.run(
        "reconcile", name, "--provider", "University Hospital", "--date-format", "%m/%d/%Y"
    )
    assert run.code == 1
    out = run.out
    assert (
        "On the list, not in the record:\n  hospital.csv:5  2026-04-01  Grand Rounds – Lupus" in out
    )
    # in the list's period, from that provider, not on it: d; not e (another provider), not f (before)
    missing = out.split("In the record, not on the list:")[1].split("\n\n")[0]
    assert "content/activities/2026/d.md  2026-03-25  Grand Rounds – Anticoagulation" in missing
    assert "ACP" not in missing and "Old" not in missing
    assert "credits (AMA PRA Category 1): list 1.50, record 1.00" in out
    assert "date: list 2026-03-12, record 2026-03-11" in out
    assert (
        "credit type: list AOA Category 1-A 1.00, record AMA PRA Category 1, ABIM MOC points" in out
    )
    assert "(100%)" in out  # the score of each pair is shown
    assert "3 matched; 1 missing from the record, 1 missing from the list, 3 different" in out

    data = json.loads(
        rec.run(
            "reconcile",
            name,
            "--provider",
            "University Hospital",
            "--json",
            "--date-format",
            "%m/%d/%Y",
        ).out
    )
    assert data["agree"] is False
    assert [e["title"] for e in data["missing_from_record"]] == ["Grand Rounds – Lupus"]
    assert [a["id"] for a in data["missing_from_list"]] == ["2026/d"]
    assert {m["id"] for m in data["mismatches"]} == {"2026/a", "2026/b", "2026/c"}
    assert all(0.6 <= m["score"] <= 1 for m in data["mismatches"])


def test_provider_column_names_the_provider(rec: RecordBuilder):
    _record(rec)
    rec.write(
        "list.csv",
        "Date;Title;Sponsor;Hours\n2026-03-20;ACP Internal Medicine Meeting;ACP;1\n2026-03-21;Other;ACP;1\n",
    )
    run = rec.run("reconcile", "list.csv")
    assert run.code == 1
    assert "provider ACP" in run.out
    assert "list.csv:3  2026-03-21  Other" in run.out
    assert (
        "In the record, not on the list" not in run.out
    )  # e is matched; the hospital's are not ACP's


def test_bad_rows_are_reported_with_their_line(rec: RecordBuilder):
    _record(rec)
    name = _list(rec, "2026-13-01,X,,1\r\n2026-03-04,Y,,many\r\n")
    run = rec.run("reconcile", name)
    assert run.code == 1
    assert (
        "hospital.csv:2: error: date is not a real date" in run.err
        or "hospital.csv:2: error" in run.err
    )
    assert "hospital.csv:3: error: credits must be a number" in run.err
