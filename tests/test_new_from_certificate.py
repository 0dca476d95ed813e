"""`portfolio new --from-certificate`: the scanned fields become a valid activity; options override; nothing guessed."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from builder import RecordBuilder
from certificate_corpus import Sample, render_pdf, samples

PROFILE = "name: Jordan Avery, MD\ncredentials: [MD]\ndefault_credit_type: AMA PRA Category 1\n"


@pytest.fixture
def record(tmp_path: Path) -> RecordBuilder:
    return RecordBuilder(tmp_path / "record", profile=PROFILE)


def corpus_pdf(tmp_path: Path, name: str) -> Path:
    sample = next(s for s in samples() if s.file == name)
    target = tmp_path / name
    render_pdf(sample, target)
    return target


def written(record: RecordBuilder) -> list[Path]:
    return sorted((record.content / "activities").rglob("*.md"))


def test_yes_writes_the_scanned_activity_and_copies_the_certificate(
    record: RecordBuilder, tmp_path: Path
) -> None:
    cert = corpus_pdf(tmp_path, "annual-meeting.pdf")
    run = record.run("new", "--from-certificate", str(cert), "--yes", "--topic", "cardiology")
    assert run.code == 0, run.err
    [md] = written(record)
    assert md.relative_to(record.content).as_posix() == (
        "activities/2026/2026-04-23-internal-medicine-meeting-2026.md"
    )
    text = md.read_text(encoding="utf-8")
    for line in (
        "title: Internal Medicine Meeting 2026",
        "date: 2026-04-23",
        "end_date: 2026-04-25",
        "provider: American College of Physicians",
        "accreditor: ACCME",
        "  - {type: AMA PRA Category 1, amount: 20.5}",
        "  - {type: ABIM MOC points, amount: 20.5}",
        "topics: [cardiology]",
        "certificate: certificates/2026/2026-04-23-internal-medicine-meeting-2026.pdf",
    ):
        assert line in text.splitlines(), text
    copied = record.content / "certificates/2026/2026-04-23-internal-medicine-meeting-2026.pdf"
    assert copied.read_bytes() == cert.read_bytes()
    assert record.run("check").code == 0


def test_every_option_overrides_the_scanned_field(record: RecordBuilder, tmp_path: Path) -> None:
    cert = corpus_pdf(tmp_path, "grand-rounds.pdf")
    run = record.run(
        "new",
        "HF Grand Rounds",
        "--from-certificate",
        str(cert),
        "--yes",
        "--date",
        "2026-03-15",
        "--provider",
        "UH CME Office",
        "--credits",
        "0.75",
        "--type",
        "AMA PRA Category 2",
        "--accreditor",
        "Other",
        "--format",
        "grand-rounds",
    )
    assert run.code == 0, run.err
    text = written(record)[0].read_text(encoding="utf-8").splitlines()
    for line in (
        "title: HF Grand Rounds",
        "date: 2026-03-15",
        "provider: UH CME Office",
        "accreditor: Other",
        "format: grand-rounds",
        "credit_type: AMA PRA Category 2",
        "credits: 0.75",
    ):
        assert line in text


def test_yes_with_no_credit_on_the_certificate_is_an_error_naming_the_field(
    record: RecordBuilder, tmp_path: Path
) -> None:
    cert = corpus_pdf(tmp_path, "participation-pa.pdf")
    run = record.run("new", "--from-certificate", str(cert), "--yes")
    assert run.code == 1
    assert "error: credits: the certificate shows no credit earned" in run.err
    assert "--credits N" in run.err
    assert "someone else's certificate" in run.err  # Morgan Lee, PA-C is not Jordan Avery, MD
    assert written(record) == []
    assert not (record.content / "certificates").exists()


def test_only_a_designated_maximum_is_never_taken_with_yes(
    record: RecordBuilder, tmp_path: Path
) -> None:
    sample = Sample(
        "max-only.pdf",
        {},
        html="<p>This certifies that Jordan Avery, MD attended</p><p>Sepsis Update</p>"
        "<p>May 6, 2026</p><p>University Hospital is accredited by the ACCME to provide continuing "
        "medical education for physicians. University Hospital designates this live activity for a "
        "maximum of 6.00 AMA PRA Category 1 Credits™.</p>",
    )
    render_pdf(sample, tmp_path / "max-only.pdf")
    run = record.run("new", "--from-certificate", str(tmp_path / "max-only.pdf"), "--yes")
    assert run.code == 1
    assert "credits: the certificate shows it only unsurely (6.00 AMA PRA Category 1" in run.err
    assert written(record) == []
    run = record.run(
        "new", "--from-certificate", str(tmp_path / "max-only.pdf"), "--yes", "--credits", "4"
    )
    assert run.code == 0, run.err
    assert "credits: 4" in written(record)[0].read_text(encoding="utf-8")


def test_interactive_asks_for_what_is_missing_then_for_confirmation(
    record: RecordBuilder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cert = corpus_pdf(tmp_path, "participation-pa.pdf")
    monkeypatch.setattr("sys.stdin", io.StringIO("1.0\ny\n"))
    run = record.run("new", "--from-certificate", str(cert))
    assert run.code == 0, run.err
    assert "credits: the certificate shows no credit earned" in run.out
    assert "The activity to write:" in run.out
    assert "credits:    1.0 (default credit type)" in run.out
    text = written(record)[0].read_text(encoding="utf-8")
    assert "credits: 1.0" in text and "title: 'Sepsis Update 2026: The First Hour'" in text


def test_interactive_no_writes_nothing(
    record: RecordBuilder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cert = corpus_pdf(tmp_path, "grand-rounds.pdf")
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    run = record.run("new", "--from-certificate", str(cert))
    assert run.code == 0
    assert "Nothing was written." in run.out
    assert written(record) == []


def test_closed_input_without_yes_is_an_error_not_a_guess(
    record: RecordBuilder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cert = corpus_pdf(tmp_path, "grand-rounds.pdf")
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    run = record.run("new", "--from-certificate", str(cert))
    assert run.code == 1
    assert "run with --yes" in run.err
    assert written(record) == []


def test_new_without_certificate_still_needs_title_date_provider(record: RecordBuilder) -> None:
    run = record.run("new", "Only a title")
    assert run.code == 2
    assert "--date, --provider" in run.err


def test_a_folder_of_certificates_gives_one_activity_each(
    record: RecordBuilder, tmp_path: Path
) -> None:
    folder = tmp_path / "downloads"
    folder.mkdir()
    for name in ("grand-rounds.pdf", "aoa-convention.pdf", "participation-pa.pdf"):
        render_pdf(next(s for s in samples() if s.file == name), folder / name)
    (folder / "notes.txt").write_text("not a certificate", encoding="utf-8")
    run = record.run("new", "--from-certificate", str(folder), "--yes", "--format", "conference")
    assert run.code == 1  # the certificate of participation shows no credit: not written, said so
    names = [p.name for p in written(record)]
    assert names == [
        "2025-10-30-opsc-2025-annual-convention.md",
        "2026-03-14-internal-medicine-grand-rounds-heart-failure-with-preserved.md",
    ]
    assert "participation-pa.pdf: error: credits: the certificate shows no credit earned" in run.err
    assert "1 certificate of 3 not written" in run.err
    assert record.run("check").code == 0


def test_a_folder_refuses_fields_that_belong_to_one_activity(
    record: RecordBuilder, tmp_path: Path
) -> None:
    run = record.run("new", "--from-certificate", str(tmp_path), "--date", "2026-01-01", "--yes")
    assert run.code == 2
    assert "give them one file at a time" in run.err
