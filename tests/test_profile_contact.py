"""Profile additions of issue 13: contact details, date style, credentials printed once."""

from __future__ import annotations

import json
from pathlib import Path

import pypdf
import pytest
from builder import PROFILE, RecordBuilder

from portfolio import cli
from portfolio.model import Profile

AS_OF = "2026-11-25"
CONTACT = """\
email: test.physician@example.org
phone: +1 555 010 0199
address: |
  1 Hospital Way
  Springfield, CA 90000
institution: University Hospital
"""


def with_profile(tmp_path: Path, extra: str) -> RecordBuilder:
    rec = RecordBuilder(tmp_path, PROFILE + extra)
    rec.activity(
        "a",
        title="Sepsis Rounds",
        date="2026-03-14",
        credits="1.0",
        certificate=rec.certificate("a.pdf"),
    )
    return rec


def pdf_text(rec: RecordBuilder, tmp_path: Path) -> str:
    out = tmp_path / "t.pdf"
    result = rec.run("pdf", "--as-of", AS_OF, "-o", str(out))
    assert result.code == 0, result.err
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(out).pages)


@pytest.mark.parametrize(
    ("name", "credentials", "shown"),
    [
        ("Jordan Avery, MD", ("MD",), "Jordan Avery, MD"),
        ("Maria Elena Vasquez, MD", ("MD", "FACP"), "Maria Elena Vasquez, MD, FACP"),
        ("Maria Elena Vasquez, M.D.", ("MD",), "Maria Elena Vasquez, M.D."),
        ("Sam Lee", ("DO", "FACOI"), "Sam Lee, DO, FACOI"),
        ("Sam Lee", (), "Sam Lee"),
    ],
)
def test_display_name_prints_each_credential_once(
    name: str, credentials: tuple[str, ...], shown: str
) -> None:
    assert Profile(name=name, credentials=credentials).display_name == shown


def test_contact_in_the_pdf_header_and_attestation_not_on_the_site(tmp_path: Path) -> None:
    rec = with_profile(tmp_path, CONTACT)
    text = pdf_text(rec, tmp_path)
    assert text.count("test.physician@example.org") == 2  # header and attestation
    assert text.count("+1 555 010 0199") == 2
    assert "Springfield, CA 90000" in text and "University Hospital" in text
    assert rec.run("build", "--as-of", AS_OF, "--no-pdf").code == 0
    for page in (tmp_path / "site").rglob("*"):
        if page.suffix in {".html", ".json", ".csv", ".ics"}:
            body = page.read_text(encoding="utf-8")
            assert "test.physician@example.org" not in body, page
            assert "555 010 0199" not in body, page


def test_show_contact_puts_it_on_the_dashboard(tmp_path: Path) -> None:
    rec = with_profile(tmp_path, CONTACT + "site: {show_contact: true}\n")
    assert rec.run("build", "--as-of", AS_OF, "--no-pdf").code == 0
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'href="mailto:test.physician@example.org"' in index
    assert "+1 555 010 0199" in index
    data = json.loads((tmp_path / "site" / "transcript.json").read_text(encoding="utf-8"))
    assert data["profile"]["contact"]["email"] == "test.physician@example.org"


def test_bad_contact_and_date_format_are_errors_with_their_lines(tmp_path: Path) -> None:
    rec = with_profile(
        tmp_path,
        "email: not-an-address\nphone: call me\nsite: {date_format: dd/mm/yyyy, show_contact: 1}\n",
    )
    result = rec.run("check")
    assert result.code == 1
    lines = PROFILE.count("\n")
    err = result.err
    assert f"content/portfolio.yaml:{lines + 1}: error: 'email' must be an e-mail address" in err
    assert f"content/portfolio.yaml:{lines + 2}: error: 'phone' must be a telephone number" in err
    assert "'date_format' must be one of medium, iso (got 'dd/mm/yyyy')" in err
    assert "'show_contact' must be true or false" in err
    assert "Traceback" not in err


def test_date_format_iso_throughout_the_pdf_and_site(tmp_path: Path) -> None:
    rec = with_profile(tmp_path, "site: {date_format: iso}\n")
    text = pdf_text(rec, tmp_path)
    assert "2026-03-14" in text and "Mar 14, 2026" not in text
    assert "Generated " in text and "as of 2026-11-25" in text
    assert rec.run("build", "--as-of", AS_OF, "--no-pdf").code == 0
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "Nov 25, 2026" not in index and ">2026-11-25<" in index


def test_default_date_style_is_locale_independent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LC_ALL", "de_DE.UTF-8")
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    rec = with_profile(tmp_path, "")
    text = pdf_text(rec, tmp_path)
    assert "Mar 14, 2026" in text and "2026-03-14" not in text


def test_init_writes_the_credential_once(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert cli.main(["init", str(tmp_path / "cme")]) == 0
    yaml = (tmp_path / "cme" / "content" / "portfolio.yaml").read_text(encoding="utf-8")
    assert "name: Your Name " in yaml and "Your Name, MD" not in yaml
    assert "credentials: [MD]" in yaml
