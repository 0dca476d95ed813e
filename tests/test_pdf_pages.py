"""The transcript's pages as a reader sees them (issue 13): page images and each page's text.

Real PDFs from ``portfolio pdf``, rasterised with pdftoppm and read back with pdftotext (poppler-utils).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from builder import RecordBuilder
from PIL import Image
from test_pdf import AS_OF, run_pdf, sample

pytestmark = pytest.mark.skipif(
    not (shutil.which("pdftoppm") and shutil.which("pdftotext")), reason="needs poppler-utils"
)

NAME = "Test Physician, MD"
HEADINGS = {
    "Summary",
    "Requirements",
    "Documented activities",
    "Totals",
    "Left out, and why",
    "Certificates",
    "Attestation",
}
DPI = 30
MARGINS = (0.85, 0.8)  # inches of the running header and footer (transcript.css @page)
MIN_INK = 0.08


def grown(rec: RecordBuilder, extra: int) -> RecordBuilder:
    """The sample record plus ``extra`` documented one-credit activities, each with its certificate."""
    sample(rec)
    for n in range(extra):
        rec.activity(
            f"2026/extra-{n:02d}",
            title=f"Medicine Grand Rounds – Topic {n}",
            date=f"2026-0{1 + n % 9}-{10 + n % 15}",
            topics="[ethics]",
            certificate=rec.certificate(f"extra-{n:02d}.pdf"),
        )
    return rec


def page_texts(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[:-1]


def ink(png: Path) -> float:
    """The share of the printable height (between running header and footer) that has ink on it.

    Rows with any dark pixel, over all rows: a full page of text scores about 45 %, the old
    "Appended certificates" divider page (a heading and a paragraph) 6 %, an attestation alone 7 %.
    """
    image = Image.open(png).convert("L")
    width, height = image.size
    top, bottom = round(MARGINS[0] * DPI), height - round(MARGINS[1] * DPI)
    pixels = image.load()
    inked = sum(1 for y in range(top, bottom) if any(pixels[x, y] < 200 for x in range(width)))
    return inked / (bottom - top)


def is_certificate(text: str) -> bool:
    return "appended certificate" in text or "Proves:" in text


@pytest.fixture(scope="module", params=[0, 5, 13, 21])
def transcript(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A transcript with certificates appended, from records of growing length (the page breaks move)."""
    root = tmp_path_factory.mktemp(f"record{request.param}")
    rec = grown(RecordBuilder(root), request.param)
    out = root / "t.pdf"
    run_pdf(rec, out, "--with-certificates")
    return out


def test_every_page_carries_the_name_and_page_x_of_y(transcript: Path) -> None:
    texts = page_texts(transcript)
    for number, text in enumerate(texts, start=1):
        assert NAME in text, f"page {number} lacks the physician's name"
        assert f"Page {number} of {len(texts)}" in re.sub(r"\s+", " ", text), number


def test_no_page_ends_with_a_lone_heading(transcript: Path) -> None:
    for number, text in enumerate(page_texts(transcript), start=1):
        lines = [
            line.strip()
            for line in text.splitlines()
            if line.strip() and not re.search(r"Page \d+ of \d+", line)
        ]
        assert lines[-1] not in HEADINGS, f"page {number} ends with the heading {lines[-1]!r}"


def test_the_attestation_shares_its_page_with_the_last_certificate(transcript: Path) -> None:
    texts = page_texts(transcript)
    page = next(t for t in texts if "attest that the activities" in t)
    last_hash = re.findall(r"\b[0-9a-f]{64}\b", "\n".join(texts))[-1]
    assert last_hash in page
    assert NAME in page.split("attest that")[0]  # "I, <name>, attest …"


def test_no_near_empty_page(transcript: Path, tmp_path: Path) -> None:
    subprocess.run(
        ["pdftoppm", "-gray", "-png", "-r", str(DPI), str(transcript), str(tmp_path / "p")],
        check=True,
    )
    images = sorted(tmp_path.glob("p-*.png"))
    texts = page_texts(transcript)
    assert len(images) == len(texts)
    for number, (png, text) in enumerate(zip(images, texts, strict=True), start=1):
        if is_certificate(text):
            continue  # a certificate's own page is as its provider made it
        assert ink(png) >= MIN_INK, f"page {number} is nearly empty ({ink(png):.0%} inked)"


def test_the_pixel_measure_sees_a_near_empty_page(tmp_path: Path) -> None:
    """The ink measure itself: a page with one heading is under the threshold, a full one over it."""
    from PIL import ImageDraw

    letter = (round(8.5 * DPI), 11 * DPI)
    sparse, full = Image.new("L", letter, 255), Image.new("L", letter, 255)
    ImageDraw.Draw(sparse).rectangle((20, 30, 200, 40), fill=0)  # a heading and nothing else
    draw = ImageDraw.Draw(full)
    for y in range(30, 300, 8):
        draw.line((20, y, 230, y), fill=0)
    sparse.save(tmp_path / "sparse.png")
    full.save(tmp_path / "full.png")
    assert ink(tmp_path / "sparse.png") < MIN_INK < ink(tmp_path / "full.png")


def test_state_is_never_wrapped(rec: RecordBuilder, tmp_path: Path) -> None:
    sample(rec)
    out = tmp_path / "t.pdf"
    run_pdf(rec, out, "--requirement", "California license renewal")
    text = "\n".join(page_texts(out))
    assert re.search(r"not met", text)
    assert "portfolio pdf" not in text  # no instruction to the program's user


def test_as_of_is_the_default_style(rec: RecordBuilder, tmp_path: Path) -> None:
    assert AS_OF == "2026-11-25"
    sample(rec)
    out = tmp_path / "t.pdf"
    run_pdf(rec, out)
    assert "Nov 25, 2026" in "\n".join(page_texts(out))
