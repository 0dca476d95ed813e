"""Recorded-on and last-changed dates from git: one `git log` pass, renames followed, late entries flagged."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
from pathlib import Path

import pytest
from builder import RecordBuilder
from gitrepo import commit, git, init

from portfolio import history


def _build(rec: RecordBuilder) -> dict:
    run = rec.run("build", "--no-pdf", "--as-of", "2026-11-25")
    assert run.code == 0, run.err
    return json.loads((rec.root / "site/transcript.json").read_text("utf-8"))


def _by_title(data: dict) -> dict[str, dict]:
    return {a["title"]: a for a in data["activities"]}


@pytest.fixture
def repo_record(rec: RecordBuilder) -> RecordBuilder:
    """A record kept in git: back-dated commits that add, edit and rename activities."""
    init(rec.root)
    rec.activity("2026/a", title="On time", date="2026-01-10", certificate=rec.certificate("a.pdf"))
    rec.activity("2026/b", title="Late", date="2026-01-10")
    commit(rec.root, "2026-01-12")
    rec.activity("2026/c", title="Much later", date="2026-01-10")
    commit(rec.root, "2026-06-01")
    rec.activity(
        "2026/a",
        title="On time",
        date="2026-01-10",
        credits="1.5",
        certificate="certificates/a.pdf",
    )
    git(rec.root, "mv", "content/activities/2026/b.md", "content/activities/2026/late-renamed.md")
    commit(rec.root, "2026-07-04")
    rec.activity("2026/d", title="Uncommitted", date="2026-11-01")
    return rec


def test_dates_follow_renames_and_edits(repo_record: RecordBuilder):
    data = _by_title(_build(repo_record))
    assert (data["On time"]["recorded_on"], data["On time"]["changed_on"]) == (
        "2026-01-12",
        "2026-07-04",
    )
    # renamed without a change: recorded when first added, under its old name
    late = data["Late"]
    assert late["id"] == "2026/late-renamed"
    assert (late["recorded_on"], late["changed_on"]) == ("2026-01-12", "2026-01-12")
    assert (data["Much later"]["recorded_on"], data["Much later"]["changed_on"]) == (
        "2026-06-01",
        "2026-06-01",
    )
    assert data["Uncommitted"]["recorded_on"] is None
    assert data["Uncommitted"]["changed_on"] is None


def test_pages_csv_and_late_flag(repo_record: RecordBuilder):
    _build(repo_record)
    site = repo_record.root / "site"
    rows = {
        r["title"]: r
        for r in csv.DictReader(io.StringIO((site / "transcript.csv").read_text("utf-8")))
    }
    assert rows["On time"]["recorded_on"] == "2026-01-12"
    assert rows["Uncommitted"]["recorded_on"] == "not yet committed"
    page = (site / "activities/2026/a.html").read_text("utf-8")
    assert '<dt>Recorded on</dt><dd><time datetime="2026-01-12">' in page
    assert '<dt>Last changed</dt><dd><time datetime="2026-07-04">' in page
    assert "not yet committed" in (site / "activities/2026/d.html").read_text("utf-8")
    transcript = (site / "transcript.html").read_text("utf-8")
    late = transcript.split('id="late-h"')[1].split("</section>")[0]
    assert "Recorded late" in transcript and "(1)" in late
    assert "Much later" in late and "142" in late  # 2026-01-10 → 2026-06-01
    assert "On time" not in late and ">Late<" not in late


def test_output_is_byte_identical_and_independent_of_the_clock(repo_record: RecordBuilder):
    _build(repo_record)
    first = {p.name: p.read_bytes() for p in (repo_record.root / "site").glob("transcript.*")}
    commit(repo_record.root, "2026-11-20")  # commit the last file, then build twice
    _build(repo_record)
    second = (repo_record.root / "site/transcript.json").read_bytes()
    assert second != first["transcript.json"]
    assert _by_title(json.loads(second))["Uncommitted"]["recorded_on"] == "2026-11-20"
    _build(repo_record)
    assert (repo_record.root / "site/transcript.json").read_bytes() == second


def test_without_a_repository_the_dates_are_left_out(rec: RecordBuilder):
    rec.activity("2026/a", title="A")
    data = _build(rec)
    assert "recorded_on" not in data["activities"][0]
    assert "recorded_on" not in (rec.root / "site/transcript.csv").read_text("utf-8")
    assert "Recorded on" not in (rec.root / "site/activities/2026/a.html").read_text("utf-8")


def test_without_git_installed_the_dates_are_left_out(
    repo_record: RecordBuilder, monkeypatch, tmp_path: Path
):
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))
    data = _build(repo_record)
    assert "recorded_on" not in data["activities"][0]


def test_a_fresh_repository_has_nothing_committed(rec: RecordBuilder):
    init(rec.root)
    rec.activity("2026/a", title="A")
    data = _build(rec)
    assert data["activities"][0]["recorded_on"] is None


def test_one_git_log_for_the_whole_record(repo_record: RecordBuilder, monkeypatch):
    calls = []
    real = subprocess.run

    def counting(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(history.subprocess, "run", counting)
    _build(repo_record)
    # one log for the whole history, one diff for the working files: the same two for any size of record
    assert [c[5] for c in calls] == ["log", "diff"]


def test_parse_reads_git_log_output():
    output = (
        "\x1e2026-03-01\0\nM\0activities/x.md\0"
        "\x1e2026-02-01\0\nR100\0activities/old.md\0activities/x.md\0"
        "\x1e2026-01-01\0\nA\0activities/old.md\0A\0activities/gone.md\0"
    )
    dates = history.parse(output, ["x", "never"])
    assert dates == {"x": history.Dates(dt.date(2026, 1, 1), dt.date(2026, 3, 1))}


def test_pdf_flags_late_entries(repo_record: RecordBuilder, tmp_path: Path):
    from pypdf import PdfReader

    repo_record.activity(
        "2026/a", title="On time", date="2026-01-10", certificate="certificates/a.pdf"
    )
    cert = "certificates/a.pdf"
    repo_record.activity("2026/c", title="Much later", date="2026-01-10", certificate=cert)
    commit(repo_record.root, "2026-07-05")  # c was first committed on 2026-06-01 all the same
    out = tmp_path / "t.pdf"
    run = repo_record.run("pdf", "--as-of", "2026-11-25", "-o", str(out))
    assert run.code == 0, run.err
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(out).pages)
    assert "† logged Jun 1, 2026 (+142 days)" in text  # the late row, and only that one
    assert text.count("† logged") == 1
    assert "† Logged late: 1 entry was first committed" in text


def test_uncommitted_edits_and_moves(repo_record: RecordBuilder):
    commit(repo_record.root, "2026-08-01")  # d is committed now
    repo_record.activity(
        "2026/c", title="Much later", date="2026-01-10", credits="2"
    )  # edited, not committed
    git(
        repo_record.root, "mv", "content/activities/2026/d.md", "content/activities/2026/d-moved.md"
    )
    data = _by_title(_build(repo_record))
    edited = data["Much later"]
    assert (edited["recorded_on"], edited["changed_on"], edited["uncommitted_changes"]) == (
        "2026-06-01",
        "2026-06-01",
        True,
    )
    moved = data["Uncommitted"]  # moved with git mv but not committed: still the same file
    assert (moved["id"], moved["recorded_on"], moved["uncommitted_changes"]) == (
        "2026/d-moved",
        "2026-08-01",
        False,
    )
    assert data["On time"]["uncommitted_changes"] is False
    page = (repo_record.root / "site/activities/2026/c.html").read_text("utf-8")
    assert "edited since, not yet committed" in page
