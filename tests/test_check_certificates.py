"""`portfolio check --certificates`: a record that no longer matches its proof is caught; a second run reads nothing.

What was read is kept only in the site folder's cache (beside the certificates' verdicts), never anywhere else:
HOME and XDG_CACHE_HOME point at empty folders in every test here, and must stay empty."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from builder import RecordBuilder
from certificate_corpus import render_pdf, samples

from portfolio import certificates

PROFILE = "name: Jordan Avery, MD\ncredentials: [MD]\ndefault_credit_type: AMA PRA Category 1\n"


@pytest.fixture
def record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[RecordBuilder]:
    for name, variable in (("home", "HOME"), ("xdg-cache", "XDG_CACHE_HOME")):
        (tmp_path / name).mkdir()
        monkeypatch.setenv(variable, str(tmp_path / name))
    yield RecordBuilder(tmp_path / "record", profile=PROFILE)
    assert not list((tmp_path / "home").iterdir()), "something was written into HOME"
    assert not list((tmp_path / "xdg-cache").iterdir()), "something was written into XDG_CACHE_HOME"


def build(record: RecordBuilder) -> None:
    run = record.run("build", "--no-pdf", "--as-of", "2026-11-25")
    assert run.code == 0, run.err


def readings(record: RecordBuilder) -> dict:
    cache = record.root / "site" / certificates.CACHE_FILE
    return json.loads(cache.read_text(encoding="utf-8")).get("readings", {})


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def cite(record: RecordBuilder, name: str) -> str:
    sample = next(s for s in samples() if s.file == name)
    target = record.content / "certificates" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    render_pdf(sample, target)
    return f"certificates/{name}"


MEETING = """\
title: ACP Internal Medicine Meeting 2026
date: 2026-04-23
end_date: 2026-04-25
provider: American College of Physicians
credits:
  - {type: AMA PRA Category 1, amount: 20.5}
  - {type: ABIM MOC points, amount: 20.5}
certificate: CERT
"""


def test_a_matching_record_has_no_warning_and_the_second_run_reads_nothing(
    record: RecordBuilder, monkeypatch: pytest.MonkeyPatch
) -> None:
    record.activity("meeting", raw=MEETING.replace("CERT", cite(record, "annual-meeting.pdf")))
    build(record)
    assert readings(record) == {}  # build reads no certificate's text
    first = record.run("check", "--certificates", "--as-of", "2026-11-25")
    assert first.code == 0, first.err
    assert "warning" not in first.err
    assert "Compared 1 certificate with their activities (1 read now, 0 from the cache" in first.out

    def no_reading(data: bytes) -> None:
        raise AssertionError("a cached certificate was read again")

    monkeypatch.setattr(certificates, "extract_text", no_reading)
    second = record.run("check", "--certificates", "--as-of", "2026-11-25")
    assert second.code == 0, second.err
    assert "(0 read now, 1 from the cache in site/.portfolio-cache" in second.out
    # One cache, where the summary says: the verdicts and the readings, both on the file's SHA-256.
    digest = hashlib.sha256(
        (record.content / "certificates" / "annual-meeting.pdf").read_bytes()
    ).hexdigest()
    assert list(readings(record)) == [digest]
    assert not list(record.content.rglob("*.json"))
    # A new build carries the readings into the new site: the next check still reads nothing.
    build(record)
    assert list(readings(record)) == [digest]
    third = record.run("check", "--certificates", "--as-of", "2026-11-25")
    assert "(0 read now, 1 from the cache" in third.out


def test_without_a_site_nothing_is_written_anywhere(record: RecordBuilder) -> None:
    record.activity("meeting", raw=MEETING.replace("CERT", cite(record, "annual-meeting.pdf")))
    before = files(record.root)
    for _ in range(2):
        run = record.run("check", "--certificates", "--as-of", "2026-11-25")
        assert run.code == 0, run.err
        assert "(1 read now, 0 from the cache (none is kept until `portfolio build`" in run.out
    assert files(record.root) == before  # no site/, content/ unchanged; HOME and XDG: the fixture
    assert not (record.root / "site").exists()


def test_the_encrypted_site_does_not_publish_what_was_read(
    record: RecordBuilder, monkeypatch: pytest.MonkeyPatch
) -> None:
    record.activity("meeting", raw=MEETING.replace("CERT", cite(record, "annual-meeting.pdf")))
    build(record)
    assert "1 read now" in record.run("check", "--certificates", "--as-of", "2026-11-25").out
    assert readings(record)
    monkeypatch.setenv("PORTFOLIO_PASSPHRASE", "a long and unguessable passphrase")
    run = record.run("build", "--no-pdf", "--encrypt", "--as-of", "2026-11-25")
    assert run.code == 0, run.err
    published = files(record.root / "site")
    assert published and not [name for name in published if ".portfolio-cache" in name]
    shown = b"Internal Medicine Meeting 2026"  # the certificate's own title, as scanned
    assert not [name for name, data in published.items() if shown in data]


def test_disagreements_are_warnings_at_the_fields_lines(record: RecordBuilder) -> None:
    cert = cite(record, "annual-meeting.pdf")
    path = record.activity(
        "meeting",
        raw=MEETING.replace("CERT", cert)
        .replace("date: 2026-04-23", "date: 2026-04-22")
        .replace("end_date: 2026-04-25", "end_date: 2026-04-24")
        .replace("amount: 20.5}\n  - {type: ABIM", "amount: 32.5}\n  - {type: ABIM")
        .replace("ACP Internal Medicine Meeting 2026", "Hospital Medicine Update"),
    )
    run = record.run("check", "--certificates", "--strict", "--as-of", "2026-11-25")
    assert run.code == 1
    shown = "content/activities/meeting.md"
    where = "certificate 'certificates/annual-meeting.pdf'"
    assert (
        f"{shown}:2: warning: title: 'Hospital Medicine Update' does not resemble the title on {where}: "
        "'Internal Medicine Meeting 2026'" in run.err
    )
    assert (
        f"{shown}:3: warning: date: the record says 2026-04-22; {where} says 2026-04-23" in run.err
    )
    assert (
        f"{shown}:4: warning: end_date: the record says 2026-04-24; {where} says the activity ran "
        "until 2026-04-25" in run.err
    )
    assert (
        f"{shown}:6: warning: credits: the record says 32.50 AMA PRA Category 1 (more than the "
        f"certificate shows); {where} says 20.50" in run.err
    )
    assert "ABIM MOC points" not in run.err  # that one agrees
    assert path.read_text(encoding="utf-8").count("\n") == MEETING.count("\n") + 2  # untouched


def test_credit_type_participation_and_someone_elses_name(record: RecordBuilder) -> None:
    record.activity(
        "aoa",
        title="OPSC 2025 Annual Convention",
        date="2025-10-30",
        end_date="2025-11-01",
        credit_type="AMA PRA Category 1",
        credits="18.00",
        certificate=cite(record, "aoa-convention.pdf"),
    )
    record.activity(
        "sepsis",
        title="Sepsis Update 2026",
        date="2026-05-06",
        credits="1.0",
        certificate=cite(record, "participation-pa.pdf"),
    )
    run = record.run("check", "--certificates", "--as-of", "2026-11-25")
    assert run.code == 0
    assert (
        "content/activities/aoa.md:6: warning: credit type: the record says AMA PRA Category 1; "
        "certificate 'certificates/aoa-convention.pdf' says AOA Category 1-A" in run.err
    )
    assert (
        "aoa.md:7: warning: certificate 'certificates/aoa-convention.pdf': it names 'Dana "
        in run.err
    )
    assert (
        "sepsis.md:4: warning: the record claims credit, but certificate "
        "'certificates/participation-pa.pdf' is a certificate of participation" in run.err
    )


def test_a_changed_certificate_is_read_again(record: RecordBuilder) -> None:
    cert = cite(record, "grand-rounds.pdf")
    record.activity(
        "hf",
        title="'Internal Medicine Grand Rounds: Heart Failure with Preserved Ejection Fraction'",
        date="2026-03-14",
        certificate=cert,
    )
    build(record)
    assert "(1 read now" in record.run("check", "--certificates").out
    assert "(0 read now, 1 from the cache" in record.run("check", "--certificates").out
    render_pdf(next(s for s in samples() if s.file == "pocus-workshop.pdf"), record.content / cert)
    run = record.run("check", "--certificates", "--as-of", "2026-11-25")
    assert "(1 read now, 0 from the cache" in run.out
    assert (
        "date: the record says 2026-03-14; certificate 'certificates/grand-rounds.pdf' says 2026-03-07"
        in run.err
    )


def test_without_the_option_no_certificate_is_read(
    record: RecordBuilder, monkeypatch: pytest.MonkeyPatch
) -> None:
    record.activity("meeting", raw=MEETING.replace("CERT", cite(record, "annual-meeting.pdf")))
    monkeypatch.setattr(certificates, "extract_text", lambda data: 1 / 0)
    build(record)
    run = record.run("check", "--as-of", "2026-11-25")
    assert run.code == 0 and "Compared" not in run.out
    assert readings(record) == {}
