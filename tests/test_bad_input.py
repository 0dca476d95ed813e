"""Every kind of mistake in a record: exit 1, `path:line: error: message`, no traceback, nothing written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from builder import PROFILE, RecordBuilder

ACT = "content/activities/a.md"

# (id, file to write, its text (str or bytes), expected path, expected line, expected message fragment)
CASES = [
    (
        "malformed-yaml",
        ACT,
        "---\ntitle: [unclosed\ndate: 2026-03-14\n---\n",
        ACT,
        3,
        "invalid YAML",
    ),
    (
        "front-matter-list",
        ACT,
        "---\n- a\n- b\n---\n",
        ACT,
        2,
        "front matter must be 'key: value' lines, not a list",
    ),
    ("front-matter-scalar", ACT, "---\njust text\n---\n", ACT, 2, "not a plain text"),
    (
        "title-wrong-type",
        ACT,
        "---\ntitle: [a, b]\ndate: 2026-03-14\nprovider: P\ncredits: 1\n---\n",
        ACT,
        2,
        "'title' must be text (got a list)",
    ),
    (
        "impossible-date",
        ACT,
        "---\ntitle: T\ndate: 2026-02-30\nprovider: P\ncredits: 1\n---\n",
        ACT,
        3,
        "'date' is not a real date: 2026-02-30",
    ),
    (
        "date-not-iso",
        ACT,
        "---\ntitle: T\ndate: 14/03/2026\nprovider: P\ncredits: 1\n---\n",
        ACT,
        3,
        "'date' must be a date written YYYY-MM-DD",
    ),
    (
        "end-before-start",
        ACT,
        "---\ntitle: T\ndate: 2026-03-14\nend_date: 2026-03-13\nprovider: P\ncredits: 1\n---\n",
        ACT,
        4,
        "'end_date' 2026-03-13 is before 'date' 2026-03-14",
    ),
    (
        "negative-credits",
        ACT,
        "---\ntitle: T\ndate: 2026-03-14\nprovider: P\ncredits: -1\n---\n",
        ACT,
        5,
        "'credits' must be a number > 0 (got -1)",
    ),
    (
        "zero-credits",
        ACT,
        "---\ntitle: T\ndate: 2026-03-14\nprovider: P\ncredits: 0\n---\n",
        ACT,
        5,
        "'credits' must be a number > 0 (got 0)",
    ),
    (
        "nan-credits",
        ACT,
        "---\ntitle: T\ndate: 2026-03-14\nprovider: P\ncredits: .nan\n---\n",
        ACT,
        5,
        "'credits' must be a finite number",
    ),
    (
        "infinite-credits",
        ACT,
        "---\ntitle: T\ndate: 2026-03-14\nprovider: P\ncredits: .inf\n---\n",
        ACT,
        5,
        "'credits' must be a finite number",
    ),
    (
        "over-precise-credits",
        ACT,
        "---\ntitle: T\ndate: 2026-03-14\nprovider: P\ncredits: 0.125\n---\n",
        ACT,
        5,
        "at most two decimals",
    ),
    (
        "credits-text",
        ACT,
        "---\ntitle: T\ndate: 2026-03-14\nprovider: P\ncredits: lots\n---\n",
        ACT,
        5,
        "'credits' must be a number > 0 (got 'lots')",
    ),
    (
        "credits-huge",
        ACT,
        "---\ntitle: T\ndate: 2026-03-14\nprovider: P\ncredits: 1000000\n---\n",
        ACT,
        5,
        "must be at most 1000",
    ),
    (
        "credit-entry-no-amount",
        ACT,
        "---\ntitle: T\ndate: 2026-03-14\nprovider: P\ncredits:\n  - {type: AMA PRA Category 1}\n---\n",
        ACT,
        6,
        "'amount' is required",
    ),
    (
        "unknown-status",
        ACT,
        "---\ntitle: T\ndate: 2026-03-14\nprovider: P\ncredits: 1\nstatus: done\n---\n",
        ACT,
        6,
        "'status' must be one of claimed, pending, educational (got 'done')",
    ),
    (
        "pending-without-claim-by",
        ACT,
        "---\ntitle: T\ndate: 2026-03-14\nprovider: P\ncredits: 1\nstatus: pending\n---\n",
        ACT,
        6,
        "a pending activity needs 'claim_by",
    ),
    (
        "unknown-key-hint",
        ACT,
        "---\ntitel: T\ndate: 2026-03-14\nprovider: P\ncredits: 1\n---\n",
        ACT,
        2,
        "unknown field 'titel' in an activity (did you mean 'title'?)",
    ),
    (
        "missing-title",
        ACT,
        "---\ndate: 2026-03-14\nprovider: P\ncredits: 1\n---\n",
        ACT,
        2,
        "'title' is required",
    ),
    (
        "missing-credits",
        ACT,
        "---\ntitle: T\ndate: 2026-03-14\nprovider: P\n---\n",
        ACT,
        2,
        "'credits' is required",
    ),
    (
        "duplicate-key",
        ACT,
        "---\ntitle: T\ntitle: U\ndate: 2026-03-14\nprovider: P\ncredits: 1\n---\n",
        ACT,
        3,
        "'title' is given twice (first on line 2)",
    ),
    (
        "unknown-format-hint",
        ACT,
        "---\ntitle: T\ndate: 2026-03-14\nprovider: P\ncredits: 1\nformat: grand-round\n---\n",
        ACT,
        6,
        "(did you mean 'grand-rounds'?)",
    ),
    (
        "notes-private-not-bool",
        ACT,
        "---\ntitle: T\ndate: 2026-03-14\nprovider: P\ncredits: 1\nnotes_private: maybe\n---\n",
        ACT,
        6,
        "'notes_private' must be true or false",
    ),
    ("empty-file", ACT, "", ACT, 1, "file is empty"),
    ("no-front-matter", ACT, "# Grand rounds\n\nNotes only.\n", ACT, 1, "no front matter"),
    ("front-matter-not-closed", ACT, "---\ntitle: T\n", ACT, 1, "front matter is not closed"),
    (
        "not-utf8",
        ACT,
        b"---\ntitle: Caf\xe9\ndate: 2026-03-14\n---\n",
        ACT,
        2,
        "file is not UTF-8 text (byte 0xe9)",
    ),
    (
        "python-tag",
        ACT,
        "---\ntitle: !!python/object/apply:os.system [echo pwned]\ndate: 2026-03-14\nprovider: P\ncredits: 1\n---\n",
        ACT,
        2,
        "YAML tag '!!python/object/apply:os.system' is not allowed",
    ),
    (
        "alias-bomb",
        ACT,
        "---\ntitle: T\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n---\n",
        ACT,
        3,
        "YAML anchors and aliases (&name, *name) are not allowed",
    ),
    (
        "certificate-dotdot",
        ACT,
        "---\ntitle: T\ndate: 2026-03-14\nprovider: P\ncredits: 1\ncertificate: ../secret.pdf\n---\n",
        ACT,
        6,
        "certificate must stay inside content/",
    ),
    (
        "certificate-absolute",
        ACT,
        "---\ntitle: T\ndate: 2026-03-14\nprovider: P\ncredits: 1\ncertificate: /etc/passwd.pdf\n---\n",
        ACT,
        6,
        "must be a path relative to content/",
    ),
    (
        "certificate-missing",
        ACT,
        "---\ntitle: T\ndate: 2026-03-14\nprovider: P\ncredits: 1\ncertificate: certificates/nope.pdf\n---\n",
        ACT,
        6,
        "names a file that does not exist: content/certificates/nope.pdf",
    ),
    (
        "certificate-wrong-kind",
        ACT,
        "---\ntitle: T\ndate: 2026-03-14\nprovider: P\ncredits: 1\ncertificate: certificates/c.docx\n---\n",
        ACT,
        6,
        "must be a PDF, PNG or JPEG file",
    ),
    (
        "topic-partial-too-precise",
        ACT,
        "---\ntitle: T\ndate: 2026-03-14\nprovider: P\ncredits: 1\ntopics: [{topic: ethics, credits: 0.333}]\n---\n",
        ACT,
        6,
        "at most two decimals",
    ),
    (
        "profile-bad-npi",
        "content/portfolio.yaml",
        PROFILE.replace('"1234567893"', '"1234567890"'),
        "content/portfolio.yaml",
        4,
        "fails the NPI check digit",
    ),
    (
        "profile-npi-short",
        "content/portfolio.yaml",
        PROFILE.replace('"1234567893"', '"12345"'),
        "content/portfolio.yaml",
        4,
        "must be exactly 10 digits",
    ),
    (
        "profile-bad-email",
        "content/portfolio.yaml",
        PROFILE + "email: jordan.avery at example.org\n",
        "content/portfolio.yaml",
        PROFILE.count("\n") + 1,
        "must be an e-mail address",
    ),
    (
        "profile-bad-phone",
        "content/portfolio.yaml",
        PROFILE + "phone: call the office\n",
        "content/portfolio.yaml",
        PROFILE.count("\n") + 1,
        "must be a telephone number",
    ),
    (
        "profile-bad-date-format",
        "content/portfolio.yaml",
        PROFILE + "site: {date_format: dd/mm/yyyy}\n",
        "content/portfolio.yaml",
        PROFILE.count("\n") + 1,
        "'date_format' must be one of medium, iso",
    ),
    (
        "profile-unknown-key",
        "content/portfolio.yaml",
        PROFILE + "speciality: IM\n",
        "content/portfolio.yaml",
        8,
        "(did you mean 'specialty'?)",
    ),
    (
        "profile-malformed",
        "content/portfolio.yaml",
        "name: [x\n",
        "content/portfolio.yaml",
        2,
        "invalid YAML",
    ),
    (
        "profile-license-date",
        "content/portfolio.yaml",
        PROFILE.replace("2027-06-30", "2027-13-01"),
        "content/portfolio.yaml",
        6,
        "'expires' is not a real date",
    ),
    (
        "profile-python-tag",
        "content/portfolio.yaml",
        "name: !!python/name:os.system\n",
        "content/portfolio.yaml",
        1,
        "is not allowed",
    ),
    (
        "requirements-inverted-window",
        "content/requirements.yaml",
        "requirements:\n  - name: X\n    credits: 10\n    window: {start: 2027-01-01, end: 2026-01-01}\n    credit_types: any\n",
        "content/requirements.yaml",
        4,
        "'window' ends (2026-01-01) before it starts (2027-01-01)",
    ),
    (
        "requirements-bad-share",
        "content/requirements.yaml",
        "requirements:\n  - name: X\n    credits: 10\n    window: lifetime\n    caps: [{topic: a, max_share: 1.5}]\n    credit_types: any\n",
        "content/requirements.yaml",
        5,
        "'max_share' must be more than 0 and at most 1",
    ),
    (
        "requirements-bad-effective",
        "content/requirements.yaml",
        "requirements:\n  - name: X\n    credits: 10\n    window: lifetime\n    credit_types: any\n    effective: soon\n",
        "content/requirements.yaml",
        6,
        "'effective' must be a date written YYYY-MM-DD (got 'soon')",
    ),
    (
        "requirements-unknown-key",
        "content/requirements.yaml",
        "requirements:\n  - name: X\n    credit: 10\n    window: lifetime\n    credit_types: any\n",
        "content/requirements.yaml",
        3,
        "(did you mean 'credits'?)",
    ),
    (
        "requirements-not-a-list",
        "content/requirements.yaml",
        "requirements: yes\n",
        "content/requirements.yaml",
        1,
        "'requirements' must be a list",
    ),
]


@pytest.mark.parametrize(
    ("file", "text", "path", "line", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_bad_input_is_reported_with_file_and_line(
    rec: RecordBuilder, file, text, path, line, message
):
    rec.certificate("c.docx", b"not a certificate")
    if file != ACT:
        rec.activity("ok")
    rec.write(file, text)
    result = rec.run("check")
    assert result.code == 1, result
    assert "Traceback" not in result.err
    lines = [ln for ln in result.err.splitlines() if ": error: " in ln]
    assert any(ln.startswith(f"{path}:{line}: error: ") and message in ln for ln in lines), (
        result.err
    )
    # the same record also fails `build`, and nothing is written
    assert rec.run("build", "--no-pdf").code == 1
    assert not (rec.root / "site").exists()


def test_case_table_is_large_enough():
    assert len(CASES) >= 25


def test_certificate_symlink_leading_out_is_refused(rec: RecordBuilder, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "secret.pdf"
    outside.write_bytes(b"%PDF-1.4 secret")
    (rec.content / "certificates").mkdir(parents=True, exist_ok=True)
    os.symlink(outside, rec.content / "certificates" / "link.pdf")
    rec.activity("a", certificate="certificates/link.pdf")
    result = rec.run("check")
    assert result.code == 1
    assert f"{ACT}:2: error: certificate leads outside content/ through a link" in result.err


def test_all_errors_reported_at_once_sorted(rec: RecordBuilder):
    rec.write(
        "content/activities/b.md",
        "---\ntitle: T\ndate: 2026-02-30\nprovider: P\ncredits: -2\n---\n",
    )
    rec.write(
        "content/activities/a.md",
        "---\ntitle: T\ndate: 2026-03-14\nprovider: P\ncredits: 1\nstatus: nope\n---\n",
    )
    rec.write("content/portfolio.yaml", PROFILE.replace('"1234567893"', '"1234567890"'))
    result = rec.run("check")
    assert result.code == 1
    errors = [ln for ln in result.err.splitlines() if ": error: " in ln]
    assert [e.split(": error: ")[0] for e in errors] == [
        "content/activities/a.md:6",
        "content/activities/b.md:3",
        "content/activities/b.md:5",
        "content/portfolio.yaml:4",
    ]
    assert "4 errors: fix them and run 'portfolio check' again (nothing was changed)" in result.err


def test_crlf_and_bom_are_accepted(rec: RecordBuilder):
    text = "\ufeff---\r\ntitle: T\r\ndate: 2026-03-14\r\nprovider: P\r\ncredits: 1.5\r\nstatus: nope\r\n---\r\nbody\r\n"
    rec.write(ACT, text.encode("utf-8"))
    result = rec.run("check")
    # line numbers survive BOM and CRLF
    assert f"{ACT}:6: error: 'status' must be one of" in result.err


def test_missing_content_folder(tmp_path: Path):
    result = RecordBuilder(tmp_path / "x", profile=None)
    (result.root / "content").rename(result.root / "elsewhere")
    run = result.run("check")
    assert run.code == 1
    assert "no content/ folder" in run.err


def test_missing_profile(tmp_path: Path):
    rec = RecordBuilder(tmp_path, profile=None)
    run = rec.run("check")
    assert run.code == 1
    assert "content/portfolio.yaml: error: portfolio.yaml is missing" in run.err


def test_usage_error_exits_2(rec: RecordBuilder):
    assert rec.run("build", "--bogus").code == 2
    assert rec.run("frobnicate").code == 2


def test_bad_as_of_is_a_clear_error(rec: RecordBuilder):
    rec.activity("a", certificate=rec.certificate())
    run = rec.run("build", "--no-pdf", "--as-of", "2026-13-01")
    assert run.code == 1
    assert "--as-of: error: must be a date written YYYY-MM-DD" in run.err
