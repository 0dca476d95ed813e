"""The certificate appendix of `pdf --with-certificates`, looked at the way a committee sees it: each appended
page rasterized with poppler's `pdftoppm` and its text read with `pdftotext`, beside pypdf's page sizes and
attachments.

The certificates are made here with WeasyPrint: a page whose top half is black and bottom half white, with
a word printed on it, so a picture of the appended page tells whether the certificate was drawn at all,
where (above the label band, not over it) and which way up.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest
from builder import RecordBuilder
from PIL import Image

from portfolio.pdf.appendix import BAND as BAND_PT

BAND = round(BAND_PT)  # pt, the label band the transcript adds at the foot of each appended page

AS_OF = "2026-11-25"
WIDTH, HEIGHT = 400, 300  # pt, the certificate's page
WORD = "QUIXOTIC"

pytestmark = pytest.mark.skipif(
    not (shutil.which("pdftoppm") and shutil.which("pdftotext")),
    reason="poppler-utils (pdftoppm, pdftotext) is not installed",
)


def certificate_pdf(rotate: int = 0) -> bytes:
    """A one-page certificate: top half black, bottom half white, WORD printed in the white half."""
    import weasyprint

    html = f"""<style>
      @page {{ size: {WIDTH}pt {HEIGHT}pt; margin: 0 }}
      body {{ margin: 0; font: 24pt sans-serif }}
      .top {{ height: {HEIGHT // 2}pt; background: #000 }}
      p {{ margin: 20pt }}
    </style><div class="top"></div><p>{WORD}</p>"""
    data = weasyprint.HTML(string=html).write_pdf()
    if not rotate:
        return data
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(data))
    writer.pages[0].rotate(rotate)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def build(rec: RecordBuilder, tmp_path: Path, *, certificate: bytes, citing: int = 1) -> Path:
    name = rec.certificate("course.pdf", certificate)
    for i in range(citing):
        rec.activity(f"2026/a{i}", title=f"Course {i}", date=f"2026-03-1{i}", certificate=name)
    out = tmp_path / "with.pdf"
    result = rec.run("pdf", "--as-of", AS_OF, "-o", str(out), "--with-certificates")
    assert result.code == 0, result.err
    return out


def picture(pdf: Path, page: int) -> Image.Image:
    """Page ``page`` (1-based) at 72 dpi in grey: one pixel per point."""
    prefix = pdf.parent / f"page{page}"
    subprocess.run(
        ["pdftoppm", "-f", str(page), "-l", str(page), "-r", "72", "-gray", "-singlefile"]
        + [str(pdf), str(prefix)],
        check=True,
    )
    return Image.open(f"{prefix}.pgm").convert("L")


def text(pdf: Path, page: int) -> str:
    return subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def dark(image: Image.Image, box: tuple[int, int, int, int]) -> float:
    """Share of dark pixels in ``box`` (left, top, right, bottom)."""
    histogram = image.crop(box).histogram()
    return sum(histogram[:100]) / sum(histogram)


def test_certificate_page_is_drawn_above_its_label_band(rec: RecordBuilder, tmp_path: Path):
    out = build(rec, tmp_path, certificate=certificate_pdf())
    reader = pypdf.PdfReader(out)
    last = len(reader.pages)
    box = reader.pages[-1].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (WIDTH, HEIGHT + BAND)
    image = picture(out, last)
    assert image.size == (WIDTH, HEIGHT + BAND)
    # The certificate itself: its black half at the top of the page, its white half below it …
    assert dark(image, (0, 0, WIDTH, HEIGHT // 2 - 2)) > 0.95
    assert dark(image, (0, HEIGHT // 2 + 2, WIDTH, HEIGHT - 2)) < 0.2
    # … and the band below it is left to the label, not painted over by the certificate.
    assert dark(image, (0, HEIGHT + 1, WIDTH, HEIGHT + BAND)) < 0.2
    page_text = text(out, last)
    assert WORD in page_text
    assert "C1 · proves: Mar 10, 2026 · Course 0 · certificates/course.pdf" in " ".join(
        page_text.split()
    )


def test_rotated_certificate_gets_a_rotated_placeholder_and_reads_upright(
    rec: RecordBuilder, tmp_path: Path
):
    out = build(rec, tmp_path, certificate=certificate_pdf(rotate=90))
    reader = pypdf.PdfReader(out)
    box = reader.pages[-1].mediabox
    # Shown turned a quarter clockwise, the certificate is HEIGHT wide and WIDTH tall.
    assert (round(float(box.width)), round(float(box.height))) == (HEIGHT, WIDTH + BAND)
    assert not reader.pages[-1].get("/Rotate")  # the label band stays at the foot, upright
    image = picture(out, len(reader.pages))
    # The black top half of the certificate, turned clockwise, is now its right half.
    assert dark(image, (HEIGHT // 2 + 2, 0, HEIGHT, WIDTH - 2)) > 0.95
    assert dark(image, (0, 0, HEIGHT // 2 - 2, WIDTH - 2)) < 0.2
    assert dark(image, (0, WIDTH + 1, HEIGHT, WIDTH + BAND)) < 0.2
    assert WORD in text(out, len(reader.pages))


def test_shared_certificate_is_appended_and_attached_once(rec: RecordBuilder, tmp_path: Path):
    out = build(rec, tmp_path, certificate=certificate_pdf(), citing=3)
    plain = tmp_path / "plain.pdf"
    assert rec.run("pdf", "--as-of", AS_OF, "-o", str(plain)).code == 0
    reader = pypdf.PdfReader(out)
    # The certificate's one page, once: not one copy per citing activity.
    assert len(reader.pages) == len(pypdf.PdfReader(plain).pages) + 1
    assert list(reader.attachments) == ["C1-course.pdf"]
    whole = " ".join(text(out, n) for n in range(1, len(reader.pages) + 1))
    assert whole.count(WORD) == 1
    assert "3 activities (listed under C1)" in " ".join(whole.split())
    assert "C2" not in whole


def test_each_page_keeps_its_own_size_and_the_index_points_at_it(
    rec: RecordBuilder, tmp_path: Path
):
    """Pages a few points apart in width or height get placeholders of their own size."""
    writer = pypdf.PdfWriter()
    for width, height in ((400, 300), (440, 300), (400, 330)):
        writer.add_blank_page(width, height)
    data = io.BytesIO()
    writer.write(data)
    out = build(rec, tmp_path, certificate=data.getvalue())
    reader = pypdf.PdfReader(out)
    sizes = [
        (round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages
    ]
    assert sizes[-3:] == [(400, 300 + BAND), (440, 300 + BAND), (400, 330 + BAND)]
    # The list of certificates is the appendix's index: C1 starts on the first of the three pages.
    first = len(reader.pages) - 2
    index = " ".join(" ".join(text(out, n) for n in range(1, first)).split())
    assert re.search(rf"C1 certificates/course\.pdf · \d+ B page {first}\b", index), index
    # Each page's band says which page of the certificate it is.
    assert "certificates/course.pdf · page 2 of 3" in " ".join(text(out, first + 1).split())


def certificate_png() -> bytes:
    """An image certificate WIDTH × HEIGHT px: top half black, bottom half white."""
    image = Image.new("L", (WIDTH, HEIGHT), 255)
    image.paste(0, (0, 0, WIDTH, HEIGHT // 2))
    data = io.BytesIO()
    image.save(data, format="PNG")
    return data.getvalue()


def test_image_certificates_before_a_pdf_one_all_drawn_and_indexed(tmp_path: Path):
    """Two image certificates (a page each, a caption, an index entry) cited before a PDF one, ISO dates."""
    from builder import PROFILE

    rec = RecordBuilder(tmp_path / "r", profile=PROFILE + "site: {date_format: iso}\n")
    scans = [rec.certificate(f"scan{i}.png", certificate_png()) for i in (1, 2)]
    course = rec.certificate("course.pdf", certificate_pdf())
    rec.activity("2026/a0", title="Scanned", date="2026-03-10", certificate=scans[0])
    rec.activity("2026/a1", title="Scanned too", date="2026-03-11", certificate=scans[1])
    rec.activity("2026/a2", title="Course", date="2026-03-12", certificate=course)
    out = tmp_path / "with.pdf"
    result = rec.run("pdf", "--as-of", AS_OF, "-o", str(out), "--with-certificates")
    assert result.code == 0, result.err
    plain = tmp_path / "plain.pdf"
    assert rec.run("pdf", "--as-of", AS_OF, "-o", str(plain)).code == 0
    reader = pypdf.PdfReader(out)
    last = len(reader.pages)
    assert last == len(pypdf.PdfReader(plain).pages) + 3  # two image pages, one certificate page
    first = last - 2
    caption = " ".join(text(out, first).split())
    assert "C1 · certificates/scan1.png Proves: 2026-03-10 · Scanned" in caption
    # The scan is on its page: its black half is there, below the caption.
    assert dark(picture(out, first), (0, 0, 612, 792)) > 0.05
    # The PDF certificate after them is still drawn in (black top half), with its ISO date in the band.
    image = picture(out, last)
    assert dark(image, (0, 0, WIDTH, HEIGHT // 2 - 2)) > 0.95
    assert "C3 · proves: 2026-03-12 · Course · certificates/course.pdf" in " ".join(
        text(out, last).split()
    )
    # The list of certificates points at each one's own page.
    index = " ".join(" ".join(text(out, n) for n in range(1, first)).split())
    for ref, path, page in (
        ("C1", r"scan1\.png", first),
        ("C2", r"scan2\.png", first + 1),
        ("C3", r"course\.pdf", last),
    ):
        assert re.search(rf"{ref} certificates/{path} · [\d.]+ [kK]?B page {page}\b", index), index


def test_attached_certificate_is_the_original_file_described_and_dated(
    rec: RecordBuilder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """PDF/A-3b: the attachment holds the certificate's own bytes, says what it is, and is dated with
    the transcript (SOURCE_DATE_EPOCH 1790000000 is 2026-09-21 14:13:20 UTC)."""
    import hashlib

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    certificate = certificate_pdf()
    name = rec.certificate("course.pdf", certificate)
    rec.activity("2026/a0", title="Course", date="2026-03-10", certificate=name)
    out = tmp_path / "a.pdf"
    result = rec.run("pdf", "--as-of", AS_OF, "-o", str(out), "--with-certificates", "--pdf-a")
    assert result.code == 0, result.err
    root = pypdf.PdfReader(out).trailer["/Root"]
    names = root["/Names"]["/EmbeddedFiles"]["/Names"]
    assert names[0] == "C1-course.pdf"
    spec = names[1].get_object()
    sha = hashlib.sha256(certificate).hexdigest()
    assert spec["/Desc"] == f"C1: certificates/course.pdf (SHA-256 {sha})"
    assert spec["/AFRelationship"] == "/Supplement"
    embedded = spec["/EF"]["/F"].get_object()
    assert embedded.get_data() == certificate
    assert embedded["/Params"]["/CreationDate"] == "D:20260921141320Z"
    assert embedded["/Params"]["/ModDate"] == "D:20260921141320Z"


# Every operator of PDF 32000-1, Annex A (content streams), and pypdf's name for an inline image.
PDF_OPERATORS = set(
    [
        "b",
        "B",
        "b*",
        "B*",
        "BDC",
        "BI",
        "BMC",
        "BT",
        "BX",
        "c",
        "cm",
        "CS",
        "cs",
        "d",
        "d0",
        "d1",
        "Do",
        "DP",
        "EI",
        "EMC",
        "ET",
        "EX",
        "f",
        "F",
        "f*",
        "G",
        "g",
        "gs",
        "h",
        "i",
        "ID",
        "j",
        "J",
        "K",
        "k",
        "l",
        "m",
        "M",
        "MP",
        "n",
        "q",
        "Q",
        "re",
        "RG",
        "rg",
        "ri",
        "s",
        "S",
        "SC",
        "sc",
        "SCN",
        "scn",
        "sh",
        "T*",
        "Tc",
        "Td",
        "TD",
        "Tf",
        "Tj",
        "TJ",
        "TL",
        "Tm",
        "Tr",
        "Ts",
        "Tw",
        "Tz",
        "v",
        "w",
        "W",
        "W*",
        "y",
        "'",
        '"',
    ]
) | {"INLINE IMAGE"}


def test_certificate_is_drawn_first_and_marked_as_an_artifact(rec: RecordBuilder, tmp_path: Path):
    """The appended page's content: the certificate first (under the transcript's band and figure), wrapped
    whole in /Artifact marked content, in valid, balanced operators."""
    from pypdf.generic import ContentStream

    out = build(rec, tmp_path, certificate=certificate_pdf())
    reader = pypdf.PdfReader(out)
    page = reader.pages[-1]
    ops = [
        (op.decode("latin-1"), operands)
        for operands, op in ContentStream(page.get_contents(), reader).operations
    ]
    assert {op for op, _ in ops} <= PDF_OPERATORS, {op for op, _ in ops} - PDF_OPERATORS
    assert [op for op, _ in ops].count("q") == [op for op, _ in ops].count("Q")
    start = next(i for i, (op, operands) in enumerate(ops) if op == "BMC")
    assert ops[start][1] == ["/Artifact"]
    # Before it, only the placement of the certificate (save, move, clip): nothing of the transcript.
    assert {op for op, _ in ops[:start]} <= {"q", "cm", "re", "W", "n"}
    depth, end = 0, None
    for i in range(start, len(ops)):
        if ops[i][0] in ("BMC", "BDC"):
            depth += 1
        elif ops[i][0] == "EMC":
            depth -= 1
            if depth == 0:
                end = i
                break
    assert end is not None
    inside = [op for op, _ in ops[start:end]]
    assert "TJ" in inside or "Tj" in inside  # the certificate's word …
    after = [op for op, _ in ops[end:]]
    assert "TJ" in after or "Tj" in after  # … and the transcript's band, outside the artifact
    # What a screen reader meets instead: a figure over the certificate, with its words as alternative
    # text; its box (in CSS px, 0.75 pt each) is the certificate page's width and height less 2 pt, so that
    # the figure never spills onto a page of its own.
    figures = list(_figures(reader.trailer["/Root"]["/StructTreeRoot"]))
    last = [
        f for f in figures if reader.get_page_number(f["/Pg"].get_object()) == len(reader.pages) - 1
    ]
    assert len(last) == 1
    assert last[0]["/Alt"].startswith("Certificate C1, reproduced from certificates/course.pdf")
    x1, y1, x2, y2 = (float(v) * 0.75 for v in last[0]["/A"]["/BBox"])
    assert (round(x2 - x1, 2), round(y2 - y1, 2)) == (WIDTH, HEIGHT - 2)


def _figures(element):  # noqa: ANN001, ANN202
    """Every /Figure element of a structure tree."""
    element = element.get_object()
    if not isinstance(element, dict):
        return
    if element.get("/S") == "/Figure":
        yield element
    kids = element.get("/K")
    for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
        yield from _figures(kid)


def _offset_origin(data: bytes) -> bytes:
    """The same certificate with its page box at (100, 50) instead of the origin."""
    from pypdf import Transformation
    from pypdf.generic import NameObject, RectangleObject

    writer = pypdf.PdfWriter(clone_from=io.BytesIO(data))
    page = writer.pages[0]
    page.add_transformation(Transformation().translate(100, 50))
    for box in ("/MediaBox", "/CropBox", "/TrimBox", "/BleedBox", "/ArtBox"):
        page[NameObject(box)] = RectangleObject([100, 50, 100 + WIDTH, 50 + HEIGHT])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(_offset_origin, id="page-box-away-from-the-origin"),
        # A wrong offset to its cross-reference table (a file appended to carelessly): readers rebuild it.
        pytest.param(
            lambda data: re.sub(rb"startxref\n\d+", b"startxref\n9", data), id="wrong-xref-offset"
        ),
    ],
)
def test_certificate_as_other_tools_write_it_is_drawn_in_place(rec, tmp_path, make):  # noqa: ANN001
    out = build(rec, tmp_path, certificate=make(certificate_pdf()))
    reader = pypdf.PdfReader(out)
    image = picture(out, len(reader.pages))
    assert image.size == (WIDTH, HEIGHT + BAND)
    assert dark(image, (0, 0, WIDTH, HEIGHT // 2 - 2)) > 0.95
    assert dark(image, (0, HEIGHT // 2 + 2, WIDTH, HEIGHT - 2)) < 0.2
    assert dark(image, (0, HEIGHT + 1, WIDTH, HEIGHT + BAND)) < 0.2
    assert WORD in text(out, len(reader.pages))
