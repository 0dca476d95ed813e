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
