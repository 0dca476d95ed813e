"""`portfolio init` and `portfolio new`: they write a valid record and never overwrite anything."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from builder import TINY_PNG, RecordBuilder

from portfolio import cli, records


def _run(*args: str) -> int:
    try:
        return cli.main(list(args))
    except SystemExit as exc:
        return int(exc.code or 0)


def _files(root: Path) -> list[str]:
    """Every file below ``root`` but git's own (init may start a repository)."""
    return sorted(
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and ".git" not in p.relative_to(root).parts
    )


def test_init_creates_a_record_that_checks_and_builds(tmp_path: Path, capsys):
    target = tmp_path / "my-cme"
    assert _run("init", str(target)) == 0
    assert "/site/" in (target / ".gitignore").read_text().splitlines()
    activities = list((target / "content/activities").rglob("*.md"))
    assert len(activities) == 1
    # Exactly these files, and what they hold loads as a record: a profile, requirements, one example.
    assert _files(target) == sorted(
        [
            ".gitignore",
            ".pre-commit-config.yaml",
            ".schema/activity.schema.json",
            ".schema/portfolio.schema.json",
            ".schema/requirements.schema.json",
            "content/portfolio.yaml",
            "content/requirements.yaml",
            activities[0].relative_to(target).as_posix(),
        ]
    )
    record, diags = records.load(target)
    assert diags.errors == []
    assert record.profile.name and record.requirements
    (example,) = record.activities
    assert example.state == "educational" and example.credits == ()
    assert activities[0].name.startswith(example.date.isoformat())
    assert activities[0].parent.name == str(example.date.year)
    assert _run("--root", str(target), "check") == 0
    assert _run("--root", str(target), "build", "--no-pdf") == 0
    assert (target / "site/transcript.json").is_file()
    out = capsys.readouterr()
    assert "0 errors" in out.out


def test_init_never_overwrites(tmp_path: Path, capsys):
    target = tmp_path / "r"
    (target / "content").mkdir(parents=True)
    (target / "content/portfolio.yaml").write_text("name: Mine\n")
    assert _run("init", str(target)) == 1
    assert (target / "content/portfolio.yaml").read_text() == "name: Mine\n"
    assert "never overwrites" in capsys.readouterr().err
    assert not (target / "content/requirements.yaml").exists()


def test_new_writes_dated_file_and_copies_certificate(rec: RecordBuilder, tmp_path: Path):
    scan = tmp_path / "Downloads" / "certificate (1).png"
    scan.parent.mkdir()
    scan.write_bytes(TINY_PNG)
    run = rec.run(
        "new",
        "Grand Rounds: Sepsis — 2026 Update",
        "--date",
        "2026-03-14",
        "--provider",
        "University Hospital",
        "--credits",
        "1.25",
        "--topic",
        "sepsis",
        "--topic",
        "patient safety",
        "--certificate",
        str(scan),
    )
    assert run.code == 0, run.err
    md = rec.content / "activities/2026/2026-03-14-grand-rounds-sepsis-2026-update.md"
    cert = rec.content / "certificates/2026/2026-03-14-grand-rounds-sepsis-2026-update.png"
    assert md.is_file() and cert.read_bytes() == TINY_PNG
    text = md.read_text(encoding="utf-8")
    assert "title: 'Grand Rounds: Sepsis — 2026 Update'" in text
    assert "credits: 1.25" in text and "credit_type: AMA PRA Category 1" in text
    assert "certificate: certificates/2026/2026-03-14-grand-rounds-sepsis-2026-update.png" in text
    check = rec.run("check")
    assert check.code == 0, check.err
    # a second identical call refuses and changes nothing
    again = rec.run(
        "new",
        "Grand Rounds: Sepsis — 2026 Update",
        "--date",
        "2026-03-14",
        "--provider",
        "X",
        "--credits",
        "2",
    )
    assert again.code == 1 and "never overwrites" in again.err
    assert md.read_text(encoding="utf-8") == text


def test_new_rejects_bad_values_without_writing(rec: RecordBuilder):
    run = rec.run("new", "T", "--date", "2026-02-30", "--provider", "P", "--credits", "0.333")
    assert run.code == 1
    assert "--date: error: date is not a real date: 2026-02-30" in run.err
    assert "--credits: error: credits may have at most two decimals" in run.err
    assert list((rec.content / "activities").rglob("*.md")) == []


def test_new_educational_and_pending(rec: RecordBuilder):
    assert (
        rec.run(
            "new",
            "Journal club",
            "--date",
            "2026-05-21",
            "--provider",
            "Residency",
            "--status",
            "educational",
        ).code
        == 0
    )
    assert (
        rec.run(
            "new",
            "CHEST 2026",
            "--date",
            "2026-10-18",
            "--provider",
            "CHEST",
            "--credits",
            "24",
            "--status",
            "pending",
        ).code
        == 1
    )
    run = rec.run(
        "new",
        "CHEST 2026",
        "--date",
        "2026-10-18",
        "--provider",
        "CHEST",
        "--credits",
        "24",
        "--status",
        "pending",
        "--claim-by",
        "2027-01-19",
    )
    assert run.code == 0, run.err
    assert rec.run("check", "--as-of", "2026-11-25").code == 0
    # Two files, one per successful call (the refused pending call wrote nothing), read back as written.
    assert _files(rec.content / "activities") == [
        "2026/2026-05-21-journal-club.md",
        "2026/2026-10-18-chest-2026.md",
    ]
    record, _ = records.load(rec.root)
    club, chest = sorted(record.activities, key=lambda a: a.date)
    assert (club.title, club.provider, club.state, club.credits) == (
        "Journal club",
        "Residency",
        "educational",
        (),
    )
    assert (chest.title, chest.provider, chest.state) == ("CHEST 2026", "CHEST", "pending")
    assert chest.claim_by == dt.date(2027, 1, 19) and chest.date == dt.date(2026, 10, 18)
    assert [(c.type, c.amount) for c in chest.credits] == [("AMA PRA Category 1", Decimal(24))]


def test_python_dash_m_entry_point(rec: RecordBuilder):
    rec.activity("a", certificate=rec.certificate())
    proc = subprocess.run(
        [sys.executable, "-m", "portfolio", "--root", str(rec.root), "check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Checked 1 activity and 0 requirements: 0 errors, 0 warnings — ok" in proc.stdout


def test_init_example_never_counts_and_a_themed_build_works_from_the_record_folder(
    tmp_path: Path, repo: Path, monkeypatch
):
    """Run as a user does: inside the record, no --root, a user theme, with the PDF."""
    import json
    import shutil

    target = tmp_path / "cme"
    assert _run("init", str(target)) == 0
    shutil.copytree(repo / "themes" / "example", target / "themes" / "example")
    profile = target / "content/portfolio.yaml"
    profile.write_text(profile.read_text().replace("theme: default", "theme: example"))
    monkeypatch.chdir(target)
    assert _run("build", "--as-of", "2026-11-25") == 0
    data = json.loads((target / "site/transcript.json").read_text())
    assert [a["state"] for a in data["activities"]] == ["educational"]
    assert data["totals"] == {} and all(r["earned"] == 0 for r in data["requirements"])
    assert (target / "site/transcript.pdf").read_bytes().startswith(b"%PDF")
    assert "example-banner" in (target / "site/index.html").read_text(encoding="utf-8")
    assert "/transcript-*.pdf" in (target / ".gitignore").read_text()
