"""The tagged PDF (issue 13, item 4): a structure tree a screen reader follows, read back with pypdf."""

from __future__ import annotations

from pathlib import Path

import pypdf
from builder import RecordBuilder
from pypdf.generic import ArrayObject, BooleanObject, DictionaryObject
from test_pdf import run_pdf, sample

TRUE = BooleanObject(True)


def elements(reader: pypdf.PdfReader) -> list[DictionaryObject]:
    """Every structure element, depth first: the reading order."""
    found: list[DictionaryObject] = []

    def walk(node: object) -> None:
        node = node.get_object()  # type: ignore[attr-defined]
        if isinstance(node, ArrayObject):
            for kid in node:
                walk(kid)
        elif isinstance(node, DictionaryObject) and node.get("/Type") != "/OBJR":
            if "/S" in node:
                found.append(node)
            if "/K" in node:
                walk(node["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"]["/K"])
    return found


def test_tagged_with_language_headings_table_headers_and_alt_text(
    rec: RecordBuilder, tmp_path: Path
) -> None:
    sample(rec)
    out = tmp_path / "t.pdf"
    run_pdf(rec, out, "--with-certificates")
    reader = pypdf.PdfReader(out)
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"] == TRUE
    assert catalog["/Lang"] == "en"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"] == TRUE
    assert b"pdfuaid:part" in catalog["/Metadata"].get_object().get_data()  # PDF/UA-1
    tree = elements(reader)
    kinds = [e["/S"] for e in tree]
    # Reading order: the name first, then the sections in the order they are printed.
    headings = [k for k in kinds if k in ("/H1", "/H2")]
    assert headings[0] == "/H1" and headings.count("/H1") == 1
    assert headings.count("/H2") >= 7  # Summary … Attestation
    assert kinds.index("/H1") < kinds.index("/Table")
    # Tables: header cells, and every data cell of a table with a header row points at its headers.
    assert kinds.count("/Table") >= 4 and kinds.count("/TH") >= 10
    cells = [e for e in tree if e["/S"] == "/TD" and "/Headers" in e.get("/A", {})]
    assert len(cells) >= 20
    # Every certificate reproduced is a figure with a description: the PDF one's pages and the image.
    alts = [str(e["/Alt"]) for e in tree if e["/S"] == "/Figure"]
    assert any(a.startswith("Certificate C2, page 1 of 2") for a in alts)
    assert any(a.startswith("Certificate C2, page 2 of 2") for a in alts)
    assert any("Internal Medicine Meeting" in a for a in alts)


def test_pdf_a_keeps_the_tags(rec: RecordBuilder, tmp_path: Path) -> None:
    sample(rec)
    out = tmp_path / "a.pdf"
    run_pdf(rec, out, "--pdf-a")
    reader = pypdf.PdfReader(out)
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"] == TRUE and catalog["/Lang"] == "en"
    assert b"pdfaid:part" in catalog["/Metadata"].get_object().get_data()
    assert "/H1" in [e["/S"] for e in elements(reader)]


def drawn_pdf() -> bytes:
    """A one-page certificate PDF with something drawn on it (a frame)."""
    import io

    from pypdf.generic import DecodedStreamObject

    writer = pypdf.PdfWriter()
    page = writer.add_blank_page(612, 792)
    stream = DecodedStreamObject()
    stream.set_data(b"4 w 36 36 540 720 re S")
    page.replace_contents(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_certificate_drawing_is_an_artifact(rec: RecordBuilder, tmp_path: Path) -> None:
    rec.activity(
        "a",
        title="Framed Course",
        date="2026-03-14",
        certificate=rec.certificate("f.pdf", drawn_pdf()),
    )
    out = tmp_path / "t.pdf"
    run_pdf(rec, out, "--with-certificates")
    reader = pypdf.PdfReader(out)
    data = reader.pages[-1].get_contents().get_data()
    start = data.index(b"/Artifact BMC")
    assert data.index(b"36 36 540 720 re", start) < data.index(b"EMC", start)
    alts = [str(e["/Alt"]) for e in elements(reader) if e["/S"] == "/Figure"]
    assert alts == [
        "Certificate C1, reproduced from certificates/f.pdf; it proves: Mar 14, 2026 · Framed Course."
        " The original file is attached to this PDF."
    ]
