"""`portfolio import FILE.csv`: spreadsheet dialects, duplicates, ambiguous dates, all-or-nothing, round trip."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from builder import RecordBuilder

REQUIREMENTS = """\
requirements:
  - name: Renewal
    credits: 10
    credit_types: [AMA PRA Category 1]
    window: lifetime
    minimums: [{topic: ethics, credits: 1}]
"""


def _activities(rec: RecordBuilder) -> dict[str, str]:
    folder = rec.content / "activities"
    return {p.relative_to(folder).as_posix(): p.read_text("utf-8") for p in folder.rglob("*.md")}


def _csv(rec: RecordBuilder, data: bytes, name: str = "log.csv") -> str:
    (rec.root / name).write_bytes(data)
    return name


@pytest.mark.parametrize(
    "data",
    [
        # Excel "CSV UTF-8": BOM, CRLF, commas, a quoted title with a comma
        b"\xef\xbb\xbfDate,Activity Title,Provider,Credit Type,Credits Earned\r\n"
        b'2026-03-14,"Grand Rounds, Sepsis",University Hospital,AMA PRA Category 1,1.5\r\n',
        # European Excel: semicolons and a decimal comma
        b"Completion Date;Title;Sponsor;Category;Credits\n14.03.2026;Grand Rounds, Sepsis;University Hospital;"
        b"AMA PRA Category 1;1,5\n",
        # tab separated, US date, Hours
        b"Activity Date\tActivity\tProvider\tCredit Type\tHours\n"
        b"3/14/2026\tGrand Rounds, Sepsis\tUniversity Hospital\tAMA PRA Category 1\t1.5\n",
        # Excel's day number for 2026-03-14, and an ISO date-time
        b'date,title,provider,credits\n46095,"Grand Rounds, Sepsis",University Hospital,1.5\n',
        b'DATE,TITLE,PROVIDER,CREDITS\r\n2026-03-14 00:00:00,"Grand Rounds, Sepsis",University Hospital,1.5\r\n',
    ],
    ids=[
        "excel-bom-crlf",
        "semicolon-decimal-comma",
        "tab-us-date",
        "excel-day-number",
        "datetime",
    ],
)
def test_dialects_write_the_file_new_writes(rec: RecordBuilder, data: bytes):
    name = _csv(rec, data)
    run = rec.run("import", name)
    assert run.code == 0, run.err
    assert "1 activity written, 0 skipped (already recorded), 0 bad" in run.out
    imported = _activities(rec)
    assert list(imported) == ["2026/2026-03-14-grand-rounds-sepsis.md"]
    # the same activity through `portfolio new` gives the same bytes
    other = RecordBuilder(rec.root / "other")
    assert (
        other.run(
            "new",
            "Grand Rounds, Sepsis",
            "--date",
            "2026-03-14",
            "--provider",
            "University Hospital",
            "--credits",
            "1.5",
            "--type",
            "AMA PRA Category 1",
        ).code
        == 0
    )
    assert _activities(other) == imported
    assert rec.run("check").code == 0


def test_ambiguous_date_is_refused_until_date_format_settles_it(rec: RecordBuilder):
    name = _csv(
        rec, b"Date,Title,Provider,Credits\n03/04/2026,Ethics,Hosp,1\n04/13/2026,Opioids,Hosp,1\n"
    )
    run = rec.run("import", name)
    assert run.code == 1
    assert "log.csv:2: error: date '03/04/2026' could be 2026-03-04 or 2026-04-03" in run.err
    assert "nothing was written" in run.err
    assert _activities(rec) == {}
    run = rec.run("import", name, "--date-format", "%d/%m/%Y")
    assert run.code == 1  # 04/13/2026 is not day/month
    assert "log.csv:3: error: date '04/13/2026' does not match --date-format %d/%m/%Y" in run.err
    assert _activities(rec) == {}
    assert rec.run("import", name, "--date-format", "%m/%d/%Y").code == 0
    assert sorted(_activities(rec)) == ["2026/2026-03-04-ethics.md", "2026/2026-04-13-opioids.md"]


def test_bad_rows_all_reported_and_nothing_written_unless_skip_bad(rec: RecordBuilder):
    name = _csv(
        rec,
        b"Date,Title,Provider,Credits\n"
        b"2026-03-14,Good one,Hosp,1\n"
        b"2026-02-30,Impossible day,Hosp,1\n"
        b"2026-03-15,,Hosp,1\n"
        b"2026-03-16,Lots,Hosp,lots\n"
        b"2026-03-17,Too precise,Hosp,0.125\n",
    )
    run = rec.run("import", name)
    assert run.code == 1
    for line in (
        "log.csv:3: error: date '2026-02-30' is not a real date",
        "log.csv:4: error: title is empty",
        "log.csv:5: error: credits must be a number > 0 like 1.0 or 0.25 (got 'lots')",
        "log.csv:6: error: credits may have at most two decimals",
    ):
        assert line in run.err
    assert "4 errors" in run.err
    assert _activities(rec) == {}
    run = rec.run("import", name, "--skip-bad")
    assert run.code == 0
    assert "1 activity written, 0 skipped (already recorded), 4 bad" in run.out
    assert list(_activities(rec)) == ["2026/2026-03-14-good-one.md"]


def test_rows_already_recorded_are_skipped_and_counted(rec: RecordBuilder):
    rec.activity("2026/x", title="Grand Rounds – Sepsis Update", date="2026-03-14")
    name = _csv(
        rec,
        "Date,Title,Provider,Credits\n"
        "2026-03-14,grand rounds - sepsis  update,Hosp,1\n"  # case, dash and spaces differ: the same
        "2026-03-15,Grand Rounds – Sepsis Update,Hosp,1\n"  # another day: new
        "2026-03-15,GRAND ROUNDS — SEPSIS UPDATE,Hosp,1\n".encode(),  # twice in the file
    )
    run = rec.run("import", name)
    assert run.code == 0, run.err
    assert "1 activity written, 2 skipped (already recorded), 0 bad" in run.out
    assert "log.csv:2: skipped: already in the record: content/activities/2026/x.md" in run.out
    assert "log.csv:4: skipped: the same activity as row 3" in run.out
    assert rec.run("import", name).out.count("skipped:") == 3


def test_dry_run_writes_nothing(rec: RecordBuilder):
    name = _csv(rec, b"Date,Title,Provider,Credits\n2026-03-14,A,Hosp,1\n2026-03-15,B,Hosp,2\n")
    before = sorted(p for p in rec.root.rglob("*"))
    run = rec.run("import", name, "--dry-run")
    assert run.code == 0
    assert "would write content/activities/2026/2026-03-14-a.md" in run.out
    assert "nothing was written (--dry-run)" in run.out
    assert sorted(p for p in rec.root.rglob("*")) == before


def test_missing_columns_and_unknown_columns(rec: RecordBuilder):
    name = _csv(rec, b"When,Title,Credits\n2026-03-14,A,1\n")
    run = rec.run("import", name)
    assert run.code == 1
    assert "log.csv:1: error: no date or provider column in the header row" in run.err
    name = _csv(rec, b"Date,Title,Provider,Credits,Notes\n2026-03-14,A,Hosp,1,great talk\n")
    run = rec.run("import", name)
    assert run.code == 0
    assert "columns not imported: Notes" in run.out


def test_a_clash_with_an_existing_file_is_refused(rec: RecordBuilder):
    rec.write("content/activities/2026/2026-03-14-a.md", "---\ntitle: Something else\n---\n")
    name = _csv(rec, b"Date,Title,Provider,Credits\n2026-03-14,A,Hosp,1\n")
    run = rec.run("import", name)
    assert run.code == 1
    assert "log.csv:2: error: content/activities/2026/2026-03-14-a.md already exists" in run.err
    assert rec.content.joinpath("activities/2026/2026-03-14-a.md").read_text() == (
        "---\ntitle: Something else\n---\n"
    )


def test_round_trip_from_transcript_csv_gives_the_same_figures(rec: RecordBuilder, tmp_path: Path):
    shared = rec.certificate("annual.pdf")
    rec.requirements(REQUIREMENTS)
    rec.activity(
        "2026/a",
        title="'=Grand Rounds, Ethics'",
        credits="[{type: AMA PRA Category 1, amount: 1.5}, {type: ABIM MOC points, amount: 1.5}]",
        topics="[ethics, {topic: opioids, credits: 0.5}]",
        certificate=shared,
        end_date="2026-03-15",
        format="conference",
    )
    rec.activity(
        "2026/b", title="Journal club", credits="2.25", certificate=shared, date="2026-04-01"
    )
    rec.activity(
        "2026/c", title="Pending", status="pending", claim_by="2026-12-01", date="2026-05-01"
    )
    rec.activity("2026/d", title="Pizza", status="educational", date="2026-05-02")
    rec.activity("2026/e", title="No proof", date="2026-05-03")
    assert rec.run("build", "--no-pdf", "--as-of", "2026-11-25").code == 0

    empty = RecordBuilder(tmp_path / "empty")
    empty.requirements(REQUIREMENTS)
    run = empty.run("import", str(rec.root / "site/transcript.csv"))
    assert run.code == 0, run.err
    assert "5 activities written" in run.out
    assert len(list((empty.content / "certificates").rglob("*.pdf"))) == 1  # the shared file, once
    assert empty.run("build", "--no-pdf", "--as-of", "2026-11-25").code == 0
    before = json.loads((rec.root / "site/transcript.json").read_text("utf-8"))
    after = json.loads((empty.root / "site/transcript.json").read_text("utf-8"))
    for key in ("totals", "topic_totals", "summary"):
        assert after[key] == before[key]
    assert [(r["name"], r["earned"], r["state"]) for r in after["requirements"]] == [
        (r["name"], r["earned"], r["state"]) for r in before["requirements"]
    ]
    assert sorted(a["title"] for a in after["activities"]) == sorted(
        a["title"] for a in before["activities"]
    )
    # importing the export again adds nothing
    run = empty.run("import", str(rec.root / "site/transcript.csv"))
    assert "0 activities written, 5 skipped" in run.out


def test_dry_run_finds_the_mistakes_a_real_run_would(rec: RecordBuilder):
    name = _csv(
        rec,
        b"Date,Title,Provider,Credits,Status,Format\n"
        b"2026-03-14,A,Hosp,1,done,\n"
        b"2026-03-15,B,Hosp,1,,grand rounds\n"
        b"2026-03-16,C,Hosp,1,pending,\n",
    )
    run = rec.run("import", name, "--dry-run")
    assert run.code == 1
    assert (
        "log.csv:2: error: status must be one of claimed, pending, educational (got 'done')"
        in run.err
    )
    assert "log.csv:3: error: format 'grand rounds' is not one of" in run.err
    assert "(did you mean 'grand-rounds'?)" in run.err
    assert "log.csv:4: error: a pending activity needs its Claim By date" in run.err


def test_a_quoted_cell_keeps_its_line_breaks_and_rows_keep_their_line_numbers(rec: RecordBuilder):
    name = _csv(
        rec,
        b"Date,Title,Provider,Credits,Location\r\n"
        b'2026-03-14,A,Hosp,1,"Main campus\r\nRoom 4"\r\n'
        b"2026-03-15,B,Hosp,none,\r\n",
    )
    run = rec.run("import", name)
    assert "log.csv:4: error: credits must be a number" in run.err  # the row starts on line 4
    assert rec.run("import", name, "--skip-bad").code == 0
    text = (rec.content / "activities/2026/2026-03-14-a.md").read_text("utf-8")
    assert yaml.safe_load(text.split("---")[1])["location"] == "Main campus\nRoom 4"
    assert rec.run("check").code == 0
