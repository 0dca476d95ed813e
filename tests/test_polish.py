"""A new user's review (polish): what the committee reads, what status and new say, what init gives.

Real PDFs read back with pdftotext, the CLI run in-process on a record built under tmp_path.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from builder import RecordBuilder
from test_pdf import AS_OF, run_pdf
from test_pdf_pages import HEADINGS, grown, page_texts

needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")

AMA = "AMA PRA Category 1"


def flat_text(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    return re.sub(r"\s+", " ", out.stdout)


# ---------------------------------------------------------------- 1. "does not apply", worded for a committee

NOT_OWED = f"""\
requirements:
  - {{name: Controlled substances, credits: 2, credit_types: [{AMA}], window: lifetime,
     applies_if: [dea-registrant]}}
  - {{name: Second renewal, credits: 2, credit_types: [{AMA}], window: lifetime,
     applies_if: [telehealth]}}
  - {{name: Texas ethics, credits: 2, credit_types: [{AMA}], window: lifetime, applies_if: [licensed-in-tx]}}
  - name: Opioids, first year
    credits: 4
    credit_types: [{AMA}]
    window: {{license: CA, first_months: 12}}
    effective: 2019-09-01
  - name: General
    credits: 10
    credit_types: [{AMA}]
    window: lifetime
    minimums:
      - {{topic: opioids, credits: 1, applies_if: [dea-registrant]}}
"""

PROFILE_CA = f"""\
name: Test Physician, MD
credentials: [MD]
licenses:
  - {{state: CA, number: A123456, issued: 2015-07-15, expires: 2027-06-30}}
default_credit_type: {AMA}
"""


@needs_poppler
def test_the_pdf_words_why_a_rule_is_not_owed_for_the_committee(tmp_path: Path) -> None:
    rec = RecordBuilder(tmp_path, PROFILE_CA)
    rec.activity("a", date="2026-03-14", credits="1.0")
    rec.requirements(NOT_OWED)
    out = tmp_path / "t.pdf"
    run_pdf(rec, out)
    text = flat_text(out)
    assert "portfolio.yaml" not in text
    assert "your practice" not in text and "DEA registration ('dea')" not in text
    assert not re.search(r"\b\d{4}-\d\d-\d\d\b", text), (
        "a date in ISO style in a medium-style document"
    )
    assert "no DEA registration on file" in text
    assert "practice does not include telehealth" in text
    assert "no TX license on file" in text
    assert "took effect Sep 1, 2019, after the period ended Jul 14, 2016" in text


def test_status_still_names_portfolio_yaml_for_the_physician(tmp_path: Path) -> None:
    rec = RecordBuilder(tmp_path, PROFILE_CA)
    rec.activity("a", date="2026-03-14", credits="1.0")
    rec.requirements(NOT_OWED)
    result = rec.run("status", "--as-of", AS_OF)
    assert result.code == 0, result.err
    out = re.sub(r"\s+", " ", result.out)
    assert "portfolio.yaml lists no DEA registration" in out
    assert "it is not listed under 'practice' in portfolio.yaml" in out


# ---------------------------------------------------------------- 3. status: what is still needed, one date style

SHORT_MINIMUM = f"""\
requirements:
  - name: Renewal
    credits: 2
    credit_types: [{AMA}]
    window: {{start: 2026-01-01, end: 2026-12-31}}
    minimums:
      - {{topic: opioids, credits: 1.5}}
"""


def test_status_says_what_a_short_minimum_still_needs_and_uses_the_date_style(
    tmp_path: Path,
) -> None:
    rec = RecordBuilder(tmp_path, PROFILE_CA)
    rec.activity(
        "a", date="2026-03-14", credits="3.0", certificate=rec.certificate("a.pdf")
    )  # the total reached, no opioid hours
    rec.activity(
        "b", date="2026-03-15", credits="0.5", topics="[opioids]", certificate=rec.certificate()
    )
    rec.requirements(SHORT_MINIMUM)
    result = rec.run("status", "--as-of", "2026-04-15")
    assert result.code == 0, result.err
    row = next(line for line in result.out.splitlines() if line.startswith("  Renewal"))
    assert "0.00" not in row
    assert "1.00 in opioids" in row  # 1.5 − 0.5
    assert "as of Apr 15, 2026" in result.out and "Dec 31, 2026" in row
    assert not re.search(r"\b\d{4}-\d\d-\d\d\b", result.out)


# ---------------------------------------------------------------- 2. a table's header keeps its first rows

TABLE_HEADS = (
    ("Ref.", "SHA-256"),  # the certificate list
    ("Minimum", "Counts", "Remaining"),
    ("Requirement", "Window", "Progress"),
    ("Credit type", "Credits"),
    ("Topic", "Activities tagged"),
    ("Date", "Activity", "Why it is not counted"),
)


@needs_poppler
@pytest.mark.parametrize("extra", [11, 12, 13])
def test_no_page_ends_with_a_table_header(tmp_path: Path, extra: int) -> None:
    """12 extra activities once ended page 2 on the certificate list's bare header row."""
    rec = grown(RecordBuilder(tmp_path), extra)
    out = tmp_path / "t.pdf"
    run_pdf(rec, out, "--with-certificates")
    for number, text in enumerate(page_texts(out), start=1):
        lines = [
            line.strip()
            for line in text.splitlines()
            if line.strip() and not re.search(r"Page \d+ of \d+", line)
        ]
        last = lines[-1]
        assert last not in HEADINGS, f"page {number} ends with the heading {last!r}"
        for words in TABLE_HEADS:
            assert not all(w in last for w in words), (
                f"page {number} ends with a table header {last!r}"
            )


# ---------------------------------------------------------------- 4. new says what check says of '1,5'


@pytest.mark.parametrize(
    ("typed", "said"),
    [("1,5", "use a dot for decimals: 1.5"), ("12,25", "use a dot for decimals: 12.25")],
)
def test_new_words_a_comma_amount_as_check_does(tmp_path: Path, typed: str, said: str) -> None:
    rec = RecordBuilder(tmp_path)
    args = ("--date", "2026-01-02", "--provider", "P")
    result = rec.run("new", "Sepsis update", "--credits", typed, *args)
    assert result.code == 1
    assert f"credits must be a number > 0 (got '{typed}')" in result.err
    assert said in result.err
    assert "another notation" not in result.err
    rec.activity("x", credits=typed)
    assert f"'credits' must be a number > 0 (got '{typed}')" in rec.run("check").err


# ---------------------------------------------------------------- 5. no passphrase prompt without a terminal


@pytest.mark.parametrize(
    ("args", "variable"),
    [
        (("build", "--encrypt"), "PORTFOLIO_PASSPHRASE"),
        (
            ("share", "--from", "2026-01-01", "--to", "2026-12-31", "-o", "s.html"),
            "PORTFOLIO_PASSPHRASE",
        ),
        (("pdf", "-o", "t.pdf", "--sign", "signer.p12"), "PORTFOLIO_SIGN_PASSPHRASE"),
    ],
)
def test_no_terminal_no_getpass_warning(
    tmp_path: Path, args: tuple[str, ...], variable: str
) -> None:
    """Run as from a script: stdin /dev/null, no controlling terminal (getpass would warn, then fail)."""
    rec = RecordBuilder(tmp_path)
    rec.activity("a", certificate=rec.certificate())
    rec.write("signer.p12", b"not read before the passphrase")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PORTFOLIO_")}
    run = subprocess.run(
        [sys.executable, "-m", "portfolio", "--root", str(tmp_path), *args],
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        start_new_session=True,  # no /dev/tty: getpass would fall back to stdin with its warning
        timeout=120,
    )
    assert run.returncode == 1, run.stderr
    assert "GetPassWarning" not in run.stderr and "echoed" not in run.stderr
    assert "no terminal to type" in run.stderr and variable in run.stderr
    assert "Traceback" not in run.stderr


# ---------------------------------------------------------------- 6. check sees init's placeholders


def test_check_warns_about_init_placeholders(tmp_path: Path) -> None:
    from builder import run_in

    assert run_in(tmp_path, "init", "rec").code == 0
    root = tmp_path / "rec"
    result = run_in(root, "check")
    assert result.code == 0, result.err
    said = result.out + result.err
    assert re.search(
        r"content/portfolio\.yaml:\d+: warning: name is still init's placeholder", said
    )
    for name in ("State license renewal", "Hospital reappointment"):
        assert re.search(
            rf"content/requirements\.yaml:\d+: warning: '{name}' is init's invented", said
        )
    # once replaced, nothing is said
    profile = root / "content/portfolio.yaml"
    profile.write_text(profile.read_text().replace("Your Name", "Ana Ruiz"), encoding="utf-8")
    (root / "content/requirements.yaml").write_text(
        "requirements:\n  - {name: State license renewal, authority: Medical Board of California,"
        " credits: 50, credit_types: any, window: lifetime}\n",
        encoding="utf-8",
    )
    said = run_in(root, "check").out + run_in(root, "check").err
    assert "init's" not in said and "0 warnings" in said


# ---------------------------------------------------------------- 7. init: the DEA registration, root PDFs


def test_init_asks_for_the_dea_registration_and_ignores_root_pdfs(tmp_path: Path) -> None:
    from builder import run_in

    result = run_in(tmp_path, "init", "rec", "--rules", "texas,dea-mate")
    assert result.code == 0, result.err
    assert "add your TX license" in result.out
    assert (
        "add your DEA registration to content/portfolio.yaml (dea: {number, expires})" in result.out
    )
    assert "/*.pdf" in (tmp_path / "rec/.gitignore").read_text().splitlines()
    plain = run_in(tmp_path, "init", "plain", "--rules", "texas")
    assert "DEA registration" not in plain.out  # texas asks nothing only of DEA registrants
    root = tmp_path / "rec"
    (root / "z.pdf").write_bytes(b"%PDF-1.4\n")
    (root / "content/certificates/c.pdf").write_bytes(b"%PDF-1.4\n")
    ignored = subprocess.run(
        ["git", "check-ignore", "z.pdf", "content/certificates/c.pdf"],
        cwd=root,
        capture_output=True,
        text=True,
    )
    assert ignored.stdout.split() == ["z.pdf"]  # a certificate is never ignored


# ---------------------------------------------------------------- 8. what is wrong with a date that is no day


@pytest.mark.parametrize(
    ("day", "why"),
    [
        ("2026-02-30", "February 2026 has 28 days"),
        ("2024-02-30", "February 2024 has 29 days"),
        ("2026-04-31", "April 2026 has 30 days"),
        ("2026-13-01", "there is no month 13"),
    ],
)
def test_a_date_that_is_no_day_says_why(tmp_path: Path, day: str, why: str) -> None:
    rec = RecordBuilder(tmp_path)
    rec.activity("a", date=day)
    result = rec.run("check")
    assert result.code == 1
    assert f"'date' is not a real date: {day} ({why}" in result.err
    new = rec.run("new", "Sepsis update", "--date", day, "--credits", "1", "--provider", "P")
    assert f"date is not a real date: {day} ({why}" in new.err
