"""The PDF transcript, read back the way a committee's software would: pypdf text, outline, attachments."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest
from builder import TINY_PDF, TINY_PNG, RecordBuilder

AS_OF = "2026-11-25"

REQUIREMENTS = """\
requirements:
  - name: California license renewal
    authority: Medical Board of California
    credits: 50
    credit_types: [AMA PRA Category 1]
    window: {start: 2025-07-01, end: 2027-06-30}
    minimums:
      - {topic: pain-management, credits: 12}
    caps:
      - {topic: practice-management, max_share: 0.30}
  - name: Hospital reappointment
    credits: 25
    credit_types: any
    window: {months: 24}
"""


def png() -> bytes:
    """A certificate-shaped PNG, large enough to look like a scan on the appended page."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (600, 420), "white")
    ImageDraw.Draw(image).rectangle((20, 20, 580, 400), outline="navy", width=6)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def two_page_pdf() -> bytes:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(612, 792)
    writer.add_blank_page(792, 612)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def sample(rec: RecordBuilder) -> RecordBuilder:
    """Two documented activities (one with two credit types), one of each left-out kind, one old one."""
    rec.activity(
        "2026/pain",
        title="Pain Management Course",
        date="2026-02-21",
        provider="Stanford Center for CME",
        credits="6.25",
        topics="[pain-management, {topic: opioids, credits: 1.5}]",
        certificate=rec.certificate("pain.pdf", two_page_pdf()),
    )
    rec.activity(
        "2026/meeting",
        title="Internal Medicine Meeting",
        date="2026-04-16",
        end_date="2026-04-18",
        provider="American College of Physicians",
        raw=None,
        credits="[{type: AMA PRA Category 1, amount: 19.5}, {type: ABIM MOC points, amount: 10}]",
        topics="[cardiology, practice-management]",
        certificate=rec.certificate("meeting.png", png()),
    )
    rec.activity("2026/undoc", title="Sepsis Grand Rounds", date="2026-03-01", credits="1.0")
    rec.activity(
        "2026/pending",
        title="Regional Symposium",
        date="2026-06-06",
        status="pending",
        claim_by="2026-09-04",
    )
    rec.activity("2026/club", title="Journal Club SGLT2", date="2026-05-21", status="educational")
    rec.activity(
        "2024/old",
        title="Ancient Kidney Rounds",
        date="2024-10-09",
        credits="1.0",
        certificate=rec.certificate("old.pdf"),
    )
    rec.requirements(REQUIREMENTS)
    return rec


def text_of(path: Path) -> str:
    reader = pypdf.PdfReader(path)
    return "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def outline_titles(reader: pypdf.PdfReader) -> list[str]:
    titles: list[str] = []

    def walk(items: list) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    return titles


def run_pdf(rec: RecordBuilder, out: Path, *extra: str):  # noqa: ANN201
    result = rec.run("pdf", "--as-of", AS_OF, "-o", str(out), *extra)
    assert result.code == 0, result.err
    return result


def test_whole_record_figures_totals_and_left_out(rec: RecordBuilder, tmp_path: Path) -> None:
    sample(rec)
    out = tmp_path / "t.pdf"
    result = run_pdf(rec, out)
    assert re.search(r"Wrote .*t\.pdf: \d+ pages?, 3 activities .* in \d+\.\d\d s", result.out)
    reader = pypdf.PdfReader(out)
    text = flat(text_of(out))
    for expected in (
        "Test Physician, MD",
        "1234567893",  # NPI
        "CA A123456",
        "Internal Medicine",
        "Pain Management Course",
        "Internal Medicine Meeting",
        "Ancient Kidney Rounds",
        "Oct 9, 2024 to Nov 25, 2026",  # period covered (default date style)
    ):
        assert expected in text, expected
    # Totals per credit type: 6.25 + 19.50 + 1.00 AMA, 10 MOC.
    assert "AMA PRA Category 1 26.75" in text
    assert "ABIM MOC points 10.00" in text
    # Per topic: the meeting counts once at its largest amount (tagged); opioids only its partial 1.5.
    assert "cardiology 19.50 –" in text
    assert "opioids – 1.50" in text
    assert "pain-management 6.25 –" in text
    # The left-out list names each uncounted activity and why.
    assert re.search(r"Sepsis Grand Rounds Undocumented no certificate on file", text)
    assert re.search(r"Regional Symposium Pending .*claim by Sep 4, 2026 \(overdue\)", text)
    assert re.search(r"Journal Club SGLT2 Educational not accredited CME", text)
    # The SHA-256 of every cited certificate.
    for name in ("pain.pdf", "meeting.png", "old.pdf"):
        digest = hashlib.sha256((rec.content / "certificates" / name).read_bytes()).hexdigest()
        assert digest in text.replace(" ", ""), name
    # Page X of Y on every page, the running header with the name from page 2 on, the generation date.
    pages = [flat(p.extract_text()) for p in reader.pages]
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
        if number > 1:
            assert "Test Physician, MD" in page
    assert re.search(r"Generated [A-Z][a-z]{2} \d{1,2}, \d{4}", text)
    meta = reader.metadata
    assert meta.title == "CME transcript — Test Physician, MD"
    assert meta.author == "Test Physician, MD"
    assert "Oct 9, 2024 to Nov 25, 2026" in meta.subject
    assert meta.creator.startswith("portfolio ")
    titles = outline_titles(reader)
    for section in ("Summary", "Requirements", "Documented activities", "Totals", "Certificates"):
        assert section in titles
    assert "Left out, and why" in titles
    assert not reader.attachments  # only --with-certificates attaches


def test_period_filter_leaves_out_activities_outside(rec: RecordBuilder, tmp_path: Path) -> None:
    sample(rec)
    out = tmp_path / "p.pdf"
    run_pdf(rec, out, "--from", "2026-01-01", "--to", "2026-03-31")
    text = flat(text_of(out))
    assert "Pain Management Course" in text
    assert "Internal Medicine Meeting" not in text  # completed 2026-04-18
    assert "Ancient Kidney Rounds" not in text
    assert "old.pdf" not in text and "meeting.png" not in text
    assert "AMA PRA Category 1 6.25" in text and "ABIM MOC" not in text
    # The undocumented activity of March is inside the period: listed as left out; the rest is counted apart.
    assert "Sepsis Grand Rounds Undocumented" in text
    assert "Regional Symposium" not in text
    assert "4 other activities in the record were completed outside the period" in text
    assert "(2 of them documented)" in text
    assert "Jan 1, 2026 to Mar 31, 2026" in text


def test_requirement_summary_from_the_engine(rec: RecordBuilder, tmp_path: Path) -> None:
    sample(rec)
    out = tmp_path / "r.pdf"
    run_pdf(rec, out, "--requirement", "California license renewal")
    text = flat(text_of(out))
    assert "Requirement: California license renewal" in text
    assert "Medical Board of California" in text
    # 6.25 + 19.50 AMA; the practice-management cap is 15, the meeting brings 19.50 of it: 4.50 cut.
    assert "21.25 of 50.00 credits earned" in text
    assert "28.75 still needed" in text
    assert re.search(r"pain-management AMA PRA Category 1 6\.25 12\.00 5\.75 not met", text)
    assert re.search(r"practice-management at most 30 % of 50\.00 19\.50 15\.00 4\.50", text)
    assert "In progress" in text
    assert "Jul 1, 2025 to Nov 25, 2026" in text
    assert "Ancient Kidney Rounds" not in text  # before the window
    reader = pypdf.PdfReader(out)
    assert "California license renewal" in reader.metadata.subject
    assert "Requirement: California license renewal" in outline_titles(reader)


def test_default_file_name_in_the_current_folder(rec: RecordBuilder) -> None:
    sample(rec)
    before = set(rec.root.iterdir())
    result = rec.run(
        "pdf", "--as-of", AS_OF, "--requirement", "hospital reappointment"
    )  # cwd: root
    assert result.code == 0, result.err
    name = f"transcript-hospital-reappointment-{AS_OF}.pdf"
    assert f"Wrote {name}:" in result.out
    assert set(rec.root.iterdir()) - before == {rec.root / name}
    assert "Requirement: Hospital reappointment" in flat(text_of(rec.root / name))
    assert rec.run("pdf", "--as-of", AS_OF).code == 0
    assert (rec.root / f"transcript-{AS_OF}.pdf").is_file()


def test_unknown_requirement_and_bad_options(rec: RecordBuilder, tmp_path: Path) -> None:
    sample(rec)
    out = tmp_path / "x.pdf"
    result = rec.run("pdf", "--as-of", AS_OF, "-o", str(out), "--requirement", "Califronia renewal")
    assert result.code == 1
    assert "--requirement: error: no requirement named 'Califronia renewal'" in result.err
    assert "did you mean 'California license renewal'?" in result.err
    result = rec.run("pdf", "--as-of", AS_OF, "-o", str(out), "--requirement", "hospital")
    assert result.code == 1 and "did you mean 'Hospital reappointment'?" in result.err
    result = rec.run("pdf", "--as-of", AS_OF, "-o", str(out), "--from", "2026-01-01")
    assert result.code == 2 and "--from and --to go together" in result.err
    result = rec.run("pdf", "-o", str(out), "--from", "2026-05-01", "--to", "2026-01-01")
    assert result.code == 1 and "ends (2026-01-01) before it starts" in result.err
    result = rec.run("pdf", "-o", str(out), "--from", "2026-13-01", "--to", "2026-12-31")
    assert result.code == 1 and "--from: error: must be a date" in result.err
    assert not out.exists()


def test_refuses_to_overwrite_a_foreign_file_or_write_into_content(
    rec: RecordBuilder, tmp_path: Path
) -> None:
    sample(rec)
    notes = tmp_path / "notes.pdf"
    notes.write_text("my own notes, not a PDF", encoding="utf-8")
    result = rec.run("pdf", "--as-of", AS_OF, "-o", str(notes))
    assert result.code == 1 and "was not written by 'portfolio pdf'" in result.err
    assert notes.read_text(encoding="utf-8") == "my own notes, not a PDF"
    foreign = tmp_path / "foreign.pdf"
    foreign.write_bytes(TINY_PDF)
    assert rec.run("pdf", "--as-of", AS_OF, "-o", str(foreign)).code == 1
    assert foreign.read_bytes() == TINY_PDF
    inside = rec.content / "transcript.pdf"
    result = rec.run("pdf", "--as-of", AS_OF, "-o", str(inside))
    assert result.code == 1 and "inside content/" in result.err and not inside.exists()
    # Our own PDF is replaced without complaint, and no temporary file is left beside it.
    ours = tmp_path / "ours.pdf"
    run_pdf(rec, ours)
    run_pdf(rec, ours, "--requirement", "Hospital reappointment")
    assert "Requirement: Hospital reappointment" in flat(text_of(ours))
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_with_certificates_appends_labels_and_attaches(rec: RecordBuilder, tmp_path: Path) -> None:
    sample(rec)
    plain, full = tmp_path / "plain.pdf", tmp_path / "full.pdf"
    run_pdf(rec, plain, "--requirement", "California license renewal")
    result = run_pdf(
        rec, full, "--requirement", "California license renewal", "--with-certificates"
    )
    assert "2 certificates appended and attached" in result.out
    before, after = pypdf.PdfReader(plain), pypdf.PdfReader(full)
    # No divider page: the two pages of pain.pdf, one page for the image.
    assert len(after.pages) == len(before.pages) + 3
    total = len(after.pages)
    appended = [flat(p.extract_text()) for p in after.pages[-3:]]
    assert "C1 · proves: Feb 21, 2026 · Pain Management Course" in appended[0]
    assert all("Test Physician, MD" in text for text in appended)
    assert "page 1 of 2" in appended[0] and "page 2 of 2" in appended[1]
    assert f"Page {total - 2} of {total}" in appended[0]
    assert "C2 · certificates/meeting.png" in appended[2]
    assert "Proves: Apr 16, 2026 – Apr 18, 2026 · Internal Medicine Meeting" in appended[2]
    # The list of certificates is the appendix's index: each one's first page.
    listed = flat(after.pages[total - 4].extract_text())
    assert f"page {total - 2}" in listed and f"page {total}" in listed
    # Each certificate page keeps its size, plus the band for the label; the second was landscape.
    sizes = [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in after.pages]
    assert sizes[-3] == (612, 792 + 30) and sizes[-2] == (792, 612 + 30)
    # The original files are attached, byte for byte.
    attachments = after.attachments
    assert sorted(attachments) == ["C1-pain.pdf", "C2-meeting.png"]
    assert attachments["C1-pain.pdf"][0] == (rec.content / "certificates/pain.pdf").read_bytes()
    assert (
        attachments["C2-meeting.png"][0] == (rec.content / "certificates/meeting.png").read_bytes()
    )
    titles = outline_titles(after)
    assert "Appended certificates" in titles
    assert "C1 · certificates/pain.pdf" in titles
    assert any(t.startswith("C2") and "meeting.png" in t for t in titles)


def test_reproducible_under_source_date_epoch(
    rec: RecordBuilder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sample(rec)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")  # 2026-11-18 11:06:40 UTC
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    for out in (first, second):
        result = rec.run("pdf", "-o", str(out), "--with-certificates")
        assert result.code == 0, result.err
    assert first.read_bytes() == second.read_bytes()
    reader = pypdf.PdfReader(first)
    assert reader.metadata["/CreationDate"] == "D:20261118110640Z"
    assert "Generated Nov 18, 2026" in flat(text_of(first))
    # A different generation time is a different document (and a different /ID).
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795086400")
    third = tmp_path / "c.pdf"
    assert rec.run("pdf", "-o", str(third), "--with-certificates").code == 0
    assert third.read_bytes() != first.read_bytes()
    assert pypdf.PdfReader(third).trailer["/ID"][0] != reader.trailer["/ID"][0]


def test_qpdf_check_passes(rec: RecordBuilder, tmp_path: Path) -> None:
    qpdf = shutil.which("qpdf")
    assert qpdf, "qpdf is needed (Debian package qpdf; .ci/run installs it)"
    sample(rec)
    plain, full, archive = tmp_path / "plain.pdf", tmp_path / "full.pdf", tmp_path / "a.pdf"
    run_pdf(rec, plain)
    run_pdf(rec, full, "--with-certificates")
    run_pdf(rec, archive, "--with-certificates", "--pdf-a")
    for path in (plain, full, archive):
        check = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr
        assert "No syntax or stream encoding errors" in check.stdout
    root = pypdf.PdfReader(archive).trailer["/Root"]
    assert "/OutputIntents" in root and "/AF" in root
    xmp = root["/Metadata"].get_object().get_data()
    assert b"<pdfaid:part>3</pdfaid:part>" in xmp or b'pdfaid:part="3"' in xmp
    assert pypdf.PdfReader(archive).pdf_header == "%PDF-1.7"


def test_pdf_a_warns_about_a_certificate_with_fonts_not_embedded(
    rec: RecordBuilder, tmp_path: Path
) -> None:
    writer = pypdf.PdfWriter()
    page = writer.add_blank_page(612, 792)
    font = pypdf.generic.DictionaryObject(
        {
            pypdf.generic.NameObject("/Type"): pypdf.generic.NameObject("/Font"),
            pypdf.generic.NameObject("/Subtype"): pypdf.generic.NameObject("/Type1"),
            pypdf.generic.NameObject("/BaseFont"): pypdf.generic.NameObject("/Helvetica"),
        }
    )
    page[pypdf.generic.NameObject("/Resources")] = pypdf.generic.DictionaryObject(
        {
            pypdf.generic.NameObject("/Font"): pypdf.generic.DictionaryObject(
                {pypdf.generic.NameObject("/F1"): writer._add_object(font)}
            )
        }
    )
    buffer = io.BytesIO()
    writer.write(buffer)
    rec.activity(
        "portal",
        title="Portal Course",
        certificate=rec.certificate("portal.pdf", buffer.getvalue()),
    )
    out = tmp_path / "a.pdf"
    result = run_pdf(rec, out, "--with-certificates", "--pdf-a")
    assert re.search(
        r"content/activities/portal\.md:\d+: warning: certificate 'certificates/portal\.pdf' uses fonts "
        r"that are not embedded \(Helvetica\)",
        result.err,
    ), result.err
    assert out.is_file()
    # Our own pages embed their fonts: no warning without appended certificates.
    assert "warning" not in run_pdf(rec, out, "--pdf-a").err


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        # caught by the load stage since `check` reads certificates (issue 12): its wording, no quotes
        ("garbage.pdf", b"this is not a PDF, just some bytes\n" * 20, "is not a PDF file"),
        ("locked.pdf", None, "is an encrypted PDF"),
        ("scan.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 40, "is not a readable PNG image"),
        (
            "broken.png",
            TINY_PNG[:-20] + b"\0" * 20,
            "is not a readable PNG image",
        ),  # truncated image data
    ],
)
def test_bad_certificate_is_an_error_naming_activity_and_file(
    rec: RecordBuilder, tmp_path: Path, name: str, data: bytes | None, problem: str
) -> None:
    if data is None:
        writer = pypdf.PdfWriter()
        writer.add_blank_page(612, 792)
        writer.encrypt("secret")
        buffer = io.BytesIO()
        writer.write(buffer)
        data = buffer.getvalue()
    sample(rec)
    rec.activity(
        "2026/bad",
        title="Bad Certificate Activity",
        date="2026-03-20",
        credits="1.0",
        certificate=rec.certificate(name, data),
    )
    out = tmp_path / "bad.pdf"
    result = rec.run("pdf", "--as-of", AS_OF, "-o", str(out), "--with-certificates")
    assert result.code == 1
    pattern = rf"content/activities/2026/bad\.md:\d+: error: certificate '?certificates/{re.escape(name)}'? {problem}"
    assert re.search(pattern, result.err), result.err
    assert "Traceback" not in result.err
    assert not out.exists()
    assert list(tmp_path.glob(".bad.pdf*")) == []
    # Without --with-certificates an encrypted PDF is only cited by its SHA-256: the transcript is written.
    # A file that is not what its name claims documents nothing: refused by every command (issue 12).
    expected = 0 if name == "locked.pdf" else 1
    assert rec.run("pdf", "--as-of", AS_OF, "-o", str(out)).code == expected


def test_site_build_caches_the_pdf_on_its_inputs(
    rec: RecordBuilder, monkeypatch: pytest.MonkeyPatch
) -> None:
    sample(rec)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    first = rec.run("build", "--as-of", AS_OF)
    assert first.code == 0, first.err
    assert re.search(r"PDF \d+ pages", first.out) and "reused" not in first.out
    site = rec.root / "site"
    pdf = (site / "transcript.pdf").read_bytes()
    stored = (site / ".portfolio-pdf.sha256").read_text(encoding="utf-8")
    assert f"sha256={hashlib.sha256(pdf).hexdigest()}" in stored
    assert "Pain Management Course" in flat(text_of(site / "transcript.pdf"))

    # --force: unchanged inputs would otherwise leave the whole site as it is ("site/ is up to date")
    second = rec.run("build", "--as-of", AS_OF, "--force")
    assert second.code == 0 and "PDF reused (inputs unchanged" in second.out
    assert (site / "transcript.pdf").read_bytes() == pdf

    # Any input changes: an activity, the theme's CSS, the generation time → rendered again.
    rec.activity(
        "2026/new",
        title="Brand New Activity",
        date="2026-07-01",
        credits="2.0",
        certificate=rec.certificate("new.pdf"),
    )
    third = rec.run("build", "--as-of", AS_OF)
    assert "reused" not in third.out and "Brand New Activity" in flat(
        text_of(site / "transcript.pdf")
    )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795086400")
    assert "reused" not in rec.run("build", "--as-of", AS_OF).out

    # A tampered cached PDF is never served again.
    (site / "transcript.pdf").write_bytes(b"%PDF-1.7 tampered")
    fourth = rec.run("build", "--as-of", AS_OF)
    assert "reused" not in fourth.out
    assert (site / "transcript.pdf").read_bytes().startswith(b"%PDF-1.7\n")

    # --no-pdf writes no transcript at all.
    assert rec.run("build", "--as-of", AS_OF, "--no-pdf").code == 0
    assert not (site / "transcript.pdf").exists()


def test_user_theme_overrides_the_css(rec: RecordBuilder, tmp_path: Path) -> None:
    sample(rec)
    profile = (rec.content / "portfolio.yaml").read_text(encoding="utf-8")
    rec.write("content/portfolio.yaml", profile + "site: {theme: mine}\n")
    rec.write(
        "themes/mine/pdf/transcript.css",
        '.kicker::after { content: " — OFFICIAL COPY"; }\n'
        "h1 { color: #000; }\n"
        '.masthead { background: url("https://example.invalid/logo.png"); }\n',
    )
    out = tmp_path / "themed.pdf"
    run_pdf(rec, out)
    text = flat(text_of(out))
    assert "OFFICIAL COPY" in text and "Pain Management Course" in text


def test_url_fetcher_reads_only_local_allowed_files(tmp_path: Path) -> None:
    from portfolio.pdf.document import _url_fetcher

    allowed = tmp_path / "content"
    allowed.mkdir()
    (allowed / "ok.css").write_text("p {}", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("no", encoding="utf-8")
    fetcher = _url_fetcher([allowed])
    assert fetcher.fetch((allowed / "ok.css").as_uri()).read() == b"p {}"
    for url in (
        "https://example.com/font.woff",
        "http://127.0.0.1/x.png",
        (tmp_path / "secret.txt").as_uri(),
        (allowed / ".." / "secret.txt").as_uri(),
    ):
        with pytest.raises(ValueError, match="refusing"):
            fetcher.fetch(url)


def test_pdf_and_share_choose_their_period_the_same_way(tmp_path: Path) -> None:
    from portfolio import records
    from portfolio.errors import RecordError
    from portfolio.evaluate import evaluate
    from portfolio.pdf.period import chosen_period

    rec = RecordBuilder(tmp_path)
    rec.activity("a", date="2026-03-14", credits="1.0")
    rec.requirements(
        "requirements:\n  - {name: CA license, credits: 50, credit_types: any, "
        "window: {start: 2025-01-01, end: 2026-12-31}}\n"
    )
    record, _ = records.load(rec.root)
    ev = evaluate(record, dt.date(2026, 11, 25))
    window = chosen_period(ev, "ca LICENSE", "2026-01-01", "2026-03-31")  # the requirement wins
    assert (window.start, window.end, window.requirement.requirement.name) == (
        dt.date(2025, 1, 1),
        dt.date(2026, 11, 25),
        "CA license",
    )
    dates = chosen_period(ev, None, "2026-01-01", "2026-03-31")
    assert (dates.start, dates.end, dates.slug) == (
        dt.date(2026, 1, 1),
        dt.date(2026, 3, 31),
        "2026-01-01-to-2026-03-31",
    )
    assert chosen_period(ev).slug == "all" and chosen_period(ev).start is None
    # Half a period is refused, not silently widened to the whole record.
    for half in (("2026-01-01", None), (None, "2026-03-31")):
        with pytest.raises(RecordError):
            chosen_period(ev, None, *half)
