"""`portfolio build`: the exports' keys, byte-identical rebuilds, and the atomic swap that never loses a site."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from builder import RecordBuilder

from portfolio import publish, site
from portfolio.freshness import STAMP


def _small_record(rec: RecordBuilder) -> None:
    cert = rec.certificate("2026/hf.pdf")
    shared = rec.certificate("transcripts/annual.pdf")
    rec.activity(
        "2026/hf",
        title="Heart Failure Updates",
        date="2026-03-14",
        credits="1.0",
        certificate=cert,
        topics="[heart-failure]",
    )
    rec.activity("2026/gr1", date="2026-01-14", credits="0.25", certificate=shared)
    rec.activity("2026/gr2", date="2026-02-11", credits="0.5", certificate=shared)
    rec.activity(
        "2026/meeting",
        raw=(
            "title: National Meeting\ndate: 2026-04-16\nend_date: 2026-04-18\nprovider: ACP\n"
            "credits:\n  - {type: AMA PRA Category 1, amount: 19.5}\n  - {type: ABIM MOC points, amount: 10}\n"
            "topics: [cardiology, {topic: opioids, credits: 2}]\n"
            f"certificate: [{cert}]\n"
        ),
    )
    rec.activity("2026/undoc", date="2026-05-01", credits="2")
    rec.activity(
        "2026/pending", date="2026-06-01", credits="3", status="pending", claim_by="2026-07-01"
    )
    rec.activity("2026/edu", date="2026-06-02", status="educational", title="Journal club")
    rec.requirements(
        "requirements:\n"
        "  - name: License\n    credits: 20\n    credit_types: [AMA PRA Category 1]\n"
        "    window: {start: 2026-01-01, end: 2026-12-31}\n"
        "    minimums: [{topic: opioids, credits: 2}]\n"
    )


def test_transcript_json_has_the_spec_keys_and_exact_figures(rec: RecordBuilder):
    _small_record(rec)
    run = rec.run("build", "--no-pdf", "--as-of", "2026-11-25")
    assert run.code == 0, run.err
    data = json.loads((rec.root / "site/transcript.json").read_text(encoding="utf-8"))
    assert data["as_of"] == "2026-11-25"
    by_id = {a["id"]: a for a in data["activities"]}
    meeting = by_id["2026/meeting"]
    assert meeting["state"] == "documented"
    assert meeting["credits"] == [
        {"type": "AMA PRA Category 1", "amount": 19.5},
        {"type": "ABIM MOC points", "amount": 10.0},
    ]
    assert meeting["topics"] == [
        {"topic": "cardiology", "credits": None},
        {"topic": "opioids", "credits": 2.0},
    ]
    assert meeting["certificates"][0]["path"] == "certificates/2026/hf.pdf"
    assert len(meeting["certificates"][0]["sha256"]) == 64
    assert {a["id"]: a["state"] for a in data["activities"]} == {
        "2026/gr1": "documented",
        "2026/gr2": "documented",
        "2026/hf": "documented",
        "2026/meeting": "documented",
        "2026/undoc": "undocumented",
        "2026/pending": "pending",
        "2026/edu": "educational",
    }
    assert by_id["2026/pending"]["claim_by"] == "2026-07-01"
    assert by_id["2026/pending"]["overdue"] is True
    # documented only: 0.25 + 0.5 + 1.0 + 19.5 = 21.25 (undocumented 2 and pending 3 never count)
    assert data["totals"] == {"ABIM MOC points": 10.0, "AMA PRA Category 1": 21.25}
    (req,) = data["requirements"]
    assert req["name"] == "License"
    assert (req["earned"], req["needed"], req["remaining"], req["state"]) == (
        21.25,
        20.0,
        0.0,
        "met",
    )
    assert req["window"]["start"] == "2026-01-01" and req["window"]["end"] == "2026-12-31"
    assert req["minimums"][0]["earned"] == 2.0 and req["minimums"][0]["met"] is True
    assert [a["id"] for a in req["activities"]] == [
        "2026/gr1",
        "2026/gr2",
        "2026/hf",
        "2026/meeting",
    ]
    # certificates are copied into the site, once even when shared
    assert (rec.root / "site/certificates/transcripts/annual.pdf").read_bytes().startswith(b"%PDF")


def test_transcript_csv_rows_per_credit(rec: RecordBuilder):
    _small_record(rec)
    assert rec.run("build", "--no-pdf", "--as-of", "2026-11-25").code == 0
    rows = list(
        csv.DictReader(io.StringIO((rec.root / "site/transcript.csv").read_text(encoding="utf-8")))
    )
    meeting = [r for r in rows if r["id"] == "2026/meeting"]
    assert [(r["credit_type"], r["credits"]) for r in meeting] == [
        ("AMA PRA Category 1", "19.50"),
        ("ABIM MOC points", "10.00"),
    ]
    edu = [r for r in rows if r["id"] == "2026/edu"]
    assert (
        edu[0]["state"] == "educational" and edu[0]["counted"] == "no" and edu[0]["credits"] == ""
    )


def test_csv_cells_cannot_run_as_formulas(rec: RecordBuilder):
    rec.activity("x", title="'=HYPERLINK(\"http://evil\")'", certificate=rec.certificate())
    assert rec.run("build", "--no-pdf").code == 0
    text = (rec.root / "site/transcript.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text


def _snapshot(folder: Path) -> dict[str, bytes]:
    """Every file of a site but the machine's own record of the build's inputs (inodes, times)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.relative_to(folder).as_posix() != STAMP
    }


def test_rebuild_is_byte_identical(rec: RecordBuilder, tmp_path: Path):
    _small_record(rec)
    assert rec.run("build", "--no-pdf", "--as-of", "2026-11-25").code == 0
    first = _snapshot(rec.root / "site")
    assert (
        rec.run("build", "--no-pdf", "--as-of", "2026-11-25", "--out", str(tmp_path / "other")).code
        == 0
    )
    second = _snapshot(tmp_path / "other")
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []
    assert {"transcript.json", "transcript.csv", "index.html", "robots.txt"} <= first.keys()


def test_source_date_epoch_fixes_today(rec: RecordBuilder, monkeypatch: pytest.MonkeyPatch):
    _small_record(rec)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")  # 2026-05-28
    assert rec.run("build", "--no-pdf").code == 0
    assert json.loads((rec.root / "site/transcript.json").read_text())["as_of"] == "2026-05-28"


def test_failed_write_leaves_previous_site_intact(
    rec: RecordBuilder, monkeypatch: pytest.MonkeyPatch
):
    _small_record(rec)
    assert rec.run("build", "--no-pdf", "--as-of", "2026-11-25").code == 0
    before = _snapshot(rec.root / "site")
    rec.activity(
        "2026/new-one", date="2026-09-09", credits="4", certificate="certificates/2026/hf.pdf"
    )

    calls = {"n": 0}

    def failing_open(file, mode="r", *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        if "w" in mode:
            calls["n"] += 1
            if calls["n"] == 3:  # mid-build, after some files are already written
                raise OSError(28, "No space left on device", str(file))
        return open(file, mode, *args, **kwargs)

    monkeypatch.setattr(publish, "open", failing_open, raising=False)  # the site writer's files
    run = rec.run("build", "--no-pdf", "--as-of", "2026-11-25")
    monkeypatch.undo()
    assert calls["n"] == 3
    assert run.code == 1
    assert "No space left on device" in run.err and "Traceback" not in run.err
    assert _snapshot(rec.root / "site") == before
    assert sorted(p.name for p in rec.root.iterdir()) == [
        "content",
        "site",
    ]  # no temporary folders left


def test_failed_swap_hook_leaves_previous_site(rec: RecordBuilder):
    _small_record(rec)
    assert rec.run("build", "--no-pdf").code == 0
    before = _snapshot(rec.root / "site")

    def boom() -> None:
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        site.build(rec.root, pdf=False, before_swap=boom)
    assert _snapshot(rec.root / "site") == before


def test_invalid_record_leaves_previous_site(rec: RecordBuilder):
    _small_record(rec)
    assert rec.run("build", "--no-pdf").code == 0
    before = _snapshot(rec.root / "site")
    rec.activity("2026/bad", date="2026-02-30")
    assert rec.run("build", "--no-pdf").code == 1
    assert _snapshot(rec.root / "site") == before


def test_refuses_to_replace_a_folder_it_did_not_create(rec: RecordBuilder, tmp_path: Path):
    rec.activity("a", certificate=rec.certificate())
    home = tmp_path / "home"
    home.mkdir()
    (home / "thesis.docx").write_text("years of work")
    run = rec.run("build", "--no-pdf", "--out", str(home))
    assert run.code == 1
    assert "did not create" in run.err
    assert (home / "thesis.docx").read_text() == "years of work"
    # an empty folder is fine, and then it carries the marker
    empty = tmp_path / "empty"
    empty.mkdir()
    assert rec.run("build", "--no-pdf", "--out", str(empty)).code == 0
    assert (empty / site.MARKER).is_file()


def test_refuses_output_that_holds_the_record(rec: RecordBuilder):
    rec.activity("a", certificate=rec.certificate())
    for out in (".", "content", "content/site"):
        run = rec.run("build", "--no-pdf", "--out", out)
        assert run.code == 1, out
        assert "content/" in run.err
    assert (rec.root / "content/activities/a.md").is_file()


def test_summary_line_times_each_stage(rec: RecordBuilder):
    _small_record(rec)
    run = rec.run("build", "--no-pdf")
    assert run.code == 0
    (line,) = run.out.splitlines()
    assert line.startswith("Built 7 activities (4 counted):")
    for stage in ("load", "evaluate", "render", "write"):
        assert f"{stage} " in line


def test_demo_record_checks_clean(repo: Path):
    rec = RecordBuilder.__new__(RecordBuilder)
    rec.root = repo
    run = rec.run("check", "--as-of", "2026-11-25")
    assert run.code == 0, run.err
    assert ": error: " not in run.err
    # The demo says how much of each long activity covered a tracked topic: nothing to suggest.
    assert ": note: " not in run.err and " note" not in run.out
