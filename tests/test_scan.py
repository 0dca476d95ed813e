"""`portfolio scan`: each wording that decides a figure, and the command's output, errors and OCR fallback."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from builder import TINY_PNG, RecordBuilder
from certificate_corpus import render_pdf, samples

from portfolio import certificates, scan

D = dt.date


def fields(text: str) -> scan.Scan:
    return scan.read_fields(text)


def credits(text: str) -> list[tuple[str, Decimal]]:
    return fields(text).value("credits")


def sample_pdf(tmp_path: Path, name: str) -> Path:
    sample = next(s for s in samples() if s.file == name)
    target = tmp_path / name
    render_pdf(sample, target)
    return target


# ---------------------------------------------------------------- the figure


def test_claimed_amount_wins_over_the_designated_maximum() -> None:
    text = (
        "Credits claimed: 20.5\n"
        "The Society designates this live activity for a maximum of 32.5 AMA PRA Category 1 Credits™.\n"
    )
    assert credits(text) == [("AMA PRA Category 1", Decimal("20.5"))]
    assert fields(text).found["credits"].confidence >= 0.9


def test_designated_maximum_alone_is_unsure_and_warned() -> None:
    result = fields(
        "X Hospital designates this live activity for a maximum of 32.5 AMA PRA Category 1 Credits™."
    )
    assert result.value("credits") == [("AMA PRA Category 1", Decimal("32.5"))]
    assert result.found["credits"].confidence < 0.6
    assert any("maximum" in w for w in result.warnings)


def test_certificate_of_participation_carries_no_credit() -> None:
    result = fields(
        "Certificate of Participation\nThis activity was designated for 1.00 AMA PRA Category 1 Credit™."
    )
    assert result.value("credits") == []
    assert any("participation" in w for w in result.warnings)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("and is awarded 1.00 AMA PRA Category 1 Credit™", [("AMA PRA Category 1", "1.00")]),
        ("and has earned 18.00 AOA Category 1-A credits", [("AOA Category 1-A", "18.00")]),
        ("AAFP Prescribed credits claimed: 24.00", [("AAFP Prescribed", "24.00")]),
        ("Contact hours awarded: 3.0 ANCC contact hours", [("ANCC contact hours", "3.0")]),
        ("MOC points earned: 20 ABIM MOC points (Medical Knowledge)", [("ABIM MOC points", "20")]),
        ("1.00 ABP MOC Part 2 point", [("ABP MOC points", "1.00")]),
        (
            "AMA PRA Category 1 Credits™ claimed 19.5\nABIM MOC Medical Knowledge points claimed 19.5",
            [("AMA PRA Category 1", "19.5"), ("ABIM MOC points", "19.5")],
        ),
        ("Credit 0.75 AMA PRA Category 2 Credits", [("AMA PRA Category 2", "0.75")]),
    ],
)
def test_credit_types_are_normalised(line: str, expected: list[tuple[str, str]]) -> None:
    assert credits(line) == [(t, Decimal(a)) for t, a in expected]


def test_per_row_amounts_of_a_summary_are_not_taken() -> None:
    text = (
        "01/05/2026 Hyponatremia correction rate 0.50\n02/11/2026 DOAC dosing 1.00\n"
        "Total credits redeemed: 1.50 AMA PRA Category 1 Credits™\n"
    )
    assert credits(text) == [("AMA PRA Category 1", Decimal("1.50"))]


@pytest.mark.parametrize(
    ("type_text", "name"),
    [
        ("AMA PRA Category 1 Credits™", "AMA PRA Category 1"),
        ("ama pra category 1 credit", "AMA PRA Category 1"),
        ("AOA Category 2A", "AOA Category 2-A"),
        ("ABIM MOC points", "ABIM MOC points"),
        ("Hospital credit", "Hospital credit"),
    ],
)
def test_normalise_type(type_text: str, name: str) -> None:
    assert scan.normalise_type(type_text) == name


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Dates: April 23–25, 2026", D(2026, 4, 23), D(2026, 4, 25)),
        ("October 30 – November 1, 2025 · Rancho Mirage", D(2025, 10, 30), D(2025, 11, 1)),
        ("December 30, 2025 – January 2, 2026", D(2025, 12, 30), D(2026, 1, 2)),
        ("June 8-10, 2026", D(2026, 6, 8), D(2026, 6, 10)),
        ("Dates: 2026-06-05 to 2026-06-06", D(2026, 6, 5), D(2026, 6, 6)),
        ("Period: 01/05/2026 – 06/28/2026", D(2026, 1, 5), D(2026, 6, 28)),
        ("Date: 2025-12-10", D(2025, 12, 10), None),
        ("Activity date: 03/07/2026", D(2026, 3, 7), None),
        ("Wednesday, February 11, 2026", D(2026, 2, 11), None),
        ("Held on 14 March 2026", D(2026, 3, 14), None),
    ],
)
def test_date_forms(text: str, start: dt.date, end: dt.date | None) -> None:
    result = fields(text)
    assert (result.value("date"), result.value("end_date")) == (start, end)


def test_date_of_completion_not_release_expiration_or_issue() -> None:
    text = (
        "Release date: January 15, 2026 Expiration date: January 14, 2027\n"
        "Date issued: 09/01/2026\nDate of completion: 08/03/2026\n"
    )
    assert fields(text).value("date") == D(2026, 8, 3)
    assert fields("Completed June 14, 2025 · Issued June 20, 2025").value("date") == D(2025, 6, 14)


def test_an_impossible_date_is_not_read() -> None:
    assert fields("Date: 02/30/2026").value("date") is None


# ---------------------------------------------------------------- who


@pytest.mark.parametrize(
    ("statement", "provider", "accreditor"),
    [
        (
            "University Hospital is accredited by the Accreditation Council for Continuing Medical "
            "Education (ACCME) to provide continuing medical education for physicians.",
            "University Hospital",
            "ACCME",
        ),
        (
            "The Osteopathic Physicians and Surgeons of California is accredited by the American "
            "Osteopathic Association to provide osteopathic continuing medical education for physicians.",
            "Osteopathic Physicians and Surgeons of California",
            "AOA",
        ),
        (
            "This activity has been planned and implemented in accordance with the accreditation "
            "requirements and policies of the Medical Society of Virginia through the joint providership "
            "of Riverside Health System and the Blue Ridge Ethics Forum. Riverside Health System is "
            "accredited by the Medical Society of Virginia to provide continuing medical education for "
            "physicians.",
            "Riverside Health System",
            "Medical Society of Virginia",
        ),
        (
            "In support of improving patient care, Lakeside Health is jointly accredited by the ACCME, "
            "the ACPE, and the ANCC, to provide continuing education for the healthcare team.",
            "Lakeside Health",
            "Joint Accreditation",
        ),
    ],
)
def test_provider_and_accreditor_from_the_statement(
    statement: str, provider: str, accreditor: str
) -> None:
    result = fields("and is awarded 1.00 AMA PRA Category 1 Credit™\n" + statement)
    assert (result.value("provider"), result.value("accreditor")) == (provider, accreditor)


def test_no_accreditation_statement_means_no_accreditor() -> None:
    result = fields("American Board of Internal Medicine\nMOC points earned: 20")
    assert result.value("accreditor") is None
    assert result.value("provider") == "American Board of Internal Medicine"


@pytest.mark.parametrize(
    ("on_certificate", "profile", "same"),
    [
        ("Jordan Avery, MD", "Jordan Avery, MD", True),
        ("JORDAN AVERY", "Jordan Avery, MD", True),
        ("Jordan M. Avery, DO", "Jordan Avery, MD", True),
        ("Morgan Lee, PA-C", "Jordan Avery, MD", False),
        ("Jordan Lee, MD", "Jordan Avery, MD", False),
    ],
)
def test_names_match(on_certificate: str, profile: str, same: bool) -> None:
    assert scan.names_match(on_certificate, profile) is same


# ---------------------------------------------------------------- the command


def test_scan_json_uses_front_matter_names_in_the_order_given(
    rec: RecordBuilder, tmp_path: Path
) -> None:
    meeting = sample_pdf(tmp_path, "annual-meeting.pdf")
    rounds = sample_pdf(tmp_path, "grand-rounds.pdf")
    run = rec.run("scan", "--json", str(meeting), str(rounds))
    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert [Path(d["file"]).name for d in data] == ["annual-meeting.pdf", "grand-rounds.pdf"]
    first = data[0]
    assert first["title"] == "Internal Medicine Meeting 2026"
    assert (first["date"], first["end_date"]) == ("2026-04-23", "2026-04-25")
    assert first["credits"] == [
        {"type": "AMA PRA Category 1", "amount": 20.5},
        {"type": "ABIM MOC points", "amount": 20.5},
    ]
    assert set(first["confidence"]) == set(scan.FIELDS)
    assert all(0 <= v <= 1 for v in first["confidence"].values())
    # The builder's profile is "Test Physician, MD": the certificate names someone else.
    assert any("Jordan Avery, MD" in w and "someone else" in w for w in first["warnings"])


def test_scan_prints_fields_for_a_person(rec: RecordBuilder, tmp_path: Path) -> None:
    run = rec.run("scan", str(sample_pdf(tmp_path, "participation-pa.pdf")))
    assert run.code == 0, run.err
    assert "title:      Sepsis Update 2026: The First Hour  (sure)" in run.out
    assert "credits:    none" in run.out
    assert "warning: it is a certificate of participation" in run.out


def test_unreadable_file_is_an_error_and_the_others_are_still_read(
    rec: RecordBuilder, tmp_path: Path
) -> None:
    bad = tmp_path / "notes.pdf"
    bad.write_text("not a certificate", encoding="utf-8")
    good = sample_pdf(tmp_path, "grand-rounds.pdf")
    run = rec.run("scan", "--json", str(bad), str(good))
    assert run.code == 1
    assert "notes.pdf: error: is neither a PDF nor a PNG/JPEG image" in run.err
    data = json.loads(run.out)
    assert "error" in data[0] and data[1]["date"] == "2026-03-14"
    assert "Traceback" not in run.err


def test_without_ocr_scan_says_what_to_install_and_still_reads_text_pdfs(
    rec: RecordBuilder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))  # no tesseract program to find
    photo = rec.write("photo.png", TINY_PNG)
    good = sample_pdf(tmp_path, "grand-rounds.pdf")
    run = rec.run("scan", str(photo), str(good))
    assert run.code == 1
    assert "pip install 'portfolio[ocr]'" in run.err
    assert "apt-get install tesseract-ocr" in run.err
    assert "date:       2026-03-14" in run.out


def test_detect_kind_reads_the_bytes_not_the_name() -> None:
    assert certificates.detect_kind(TINY_PNG) == "png"
    assert certificates.detect_kind(b"%PDF-1.7\n") == "pdf"
    assert certificates.detect_kind(b"\xff\xd8\xff\xe0") == "jpeg"
    assert certificates.detect_kind(b"GIF89a") is None
