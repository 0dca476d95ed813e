"""A long transcript laid out in parts and joined (portfolio/pdf/parts.py), read back with pypdf: the same
text as one document, "Page X of Y" over the whole file, bookmarks on their pages, tags, same bytes twice.

The parts are forced small (``part_size``) on a record of a few dozen activities."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest
from builder import RecordBuilder

from portfolio import records
from portfolio.evaluate import evaluate
from portfolio.pdf import parts, render_pdf, whole_record
from portfolio.pdf.view import build_view

AS_OF = dt.date(2026, 11, 25)
GENERATED = dt.datetime(2026, 11, 25, tzinfo=dt.UTC)
PART_SIZE = 12
TITLES = ["Sepsis Update", "Anticoagulation in Atrial Fibrillation: Rate, Rhythm and Bleeding Risk"]


@pytest.fixture(scope="module")
def record(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """40 documented activities (some with long titles that wrap) and 9 left out."""
    rec = RecordBuilder(tmp_path_factory.mktemp("parts"))
    cert = rec.certificate("shared.pdf")
    for number in range(40):
        day = dt.date(2025, 1, 6) + dt.timedelta(days=7 * number)
        rec.activity(
            f"2025/a{number:02d}",
            title=f"'{TITLES[number % 2]} {number}'",
            date=day.isoformat(),
            credits=f"{1 + number % 4}.25",
            topics="[cardiology]" if number % 3 else "[pain-management, sepsis]",
            certificate=cert,
        )
    for number in range(9):
        rec.activity(f"2026/left{number}", title=f"Undocumented Rounds {number}", date="2026-05-04")
    return rec.root


def render(root: Path, part_size: int) -> bytes:
    record, _ = records.load(root)
    ev = evaluate(record, AS_OF)
    rendered = render_pdf(
        ev, whole_record(ev), generated=GENERATED, identifier="0" * 32, part_size=part_size
    )
    assert rendered.pages == len(pypdf.PdfReader(io.BytesIO(rendered.data)).pages)
    return rendered.data


@pytest.fixture(scope="module")
def whole(record: Path) -> bytes:
    return render(record, 10_000)


@pytest.fixture(scope="module")
def joined(record: Path) -> bytes:
    return render(record, PART_SIZE)


def reader(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data))


def test_split_covers_every_row_once_and_a_short_record_is_one_part(record: Path) -> None:
    loaded, _ = records.load(record)
    ev = evaluate(loaded, AS_OF)
    view = build_view(ev, whole_record(ev), GENERATED, with_certificates=False)
    pieces = parts.split(view, PART_SIZE)
    assert len(pieces) == 5  # 49 rows in parts of at most 12
    assert [row for piece in pieces for row in piece.rows] == list(view.rows)
    assert [row for piece in pieces for row in piece.left_out] == list(view.left_out)
    assert all(len(p.rows) + len(p.left_out) <= PART_SIZE for p in pieces)
    assert [p.part.ledger_start for p in pieces] == [True, False, False, False, False]
    assert sum(p.part.ledger_end for p in pieces) == sum(p.part.left_start for p in pieces) == 1
    assert pieces[-1].part.left_end and pieces[-1].part.last
    assert parts.split(view, len(view.rows) + len(view.left_out)) == [view]


def test_page_x_of_y_counts_the_whole_file(joined: bytes) -> None:
    pages = reader(joined).pages
    assert len(pages) >= 5  # one part a page at least
    for number, page in enumerate(pages, start=1):
        text = re.sub(r"\s+", " ", page.extract_text())
        assert f"Page {number} of {len(pages)}" in text, number
        assert not re.search(rf"Page (?!{number} of {len(pages)}\b)\d+ of \d+", text), number
        if (
            number > 1
        ):  # the running header, set by the masthead of the first page (or a part's lead)
            assert "CME transcript ·" in text, number


def test_same_text_as_one_document(whole: bytes, joined: bytes) -> None:
    """Every line of content in the same order; only repeated table headers and margins may differ."""

    def content(data: bytes) -> list[str]:
        lines = []
        for page in reader(data).pages:
            for line in page.extract_text().splitlines():
                if re.search(r"Page \d+ of \d+|CME transcript ·|^Generated .* as of ", line):
                    continue
                if line.startswith(("Date Activity and provider", "Date Activity Status")):
                    continue  # a table's header row, repeated on each page it spans
                lines.append(line)
        return lines

    assert content(joined) == content(whole)
    assert len(reader(joined).pages) > len(reader(whole).pages)  # each part begins a page


def outline(data: bytes) -> list[tuple[str, int]]:
    found = reader(data)
    items = []

    def walk(entries: list) -> None:
        for entry in entries:
            if isinstance(entry, list):
                walk(entry)
            else:
                items.append((entry.title, found.get_destination_page_number(entry)))

    walk(found.outline)
    return items


def test_bookmarks_are_the_same_and_point_at_their_sections(whole: bytes, joined: bytes) -> None:
    marks = outline(joined)
    assert [title for title, _ in marks] == [title for title, _ in outline(whole)]
    pages = reader(joined).pages
    for title, index in marks[1:]:  # the first is the physician's name, on page 1
        assert title in pages[index].extract_text(), title
    assert [index for _, index in marks] == sorted(index for _, index in marks)
    assert marks[-1][1] == len(pages) - 1  # the attestation, on the last page


def test_tagged_structure_covers_every_page(whole: bytes, joined: bytes) -> None:
    found = reader(joined)
    catalog = found.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"] and catalog["/Lang"] == "en"
    tree = catalog["/StructTreeRoot"]
    document = tree["/K"][0].get_object()
    assert document["/S"] == "/Document"
    keys = [page["/StructParents"] for page in found.pages]
    assert len(set(keys)) == len(keys)
    nums = tree["/ParentTree"]["/Nums"]
    entries = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    assert set(keys) <= set(entries)
    page_of = {page.indirect_reference.idnum: index for index, page in enumerate(found.pages)}
    for index, page in enumerate(found.pages):
        # every element marked on this page says it is on this page, and hangs from our Document
        for ref in entries[page["/StructParents"]]:
            element = ref.get_object()
            assert page_of[element.raw_get("/Pg").idnum] == index
            while element.get("/S") != "/Document":
                element = element["/P"].get_object()
            assert element.indirect_reference == tree["/K"][0].indirect_reference or (
                element is document
            )
    assert headings(joined) == headings(whole) == len(outline(whole)) - 1  # never a lead page's


def headings(data: bytes) -> int:
    """The H2 elements of the structure tree (each section's heading)."""
    found = 0

    def walk(node: object) -> None:
        nonlocal found
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, dict):
            found += node.get("/S") == "/H2"
            kids = node.get("/K")
            for kid in kids if isinstance(kids, list) else [kids]:
                if kid is not None and not isinstance(kid, int):
                    walk(kid)

    walk(reader(data).trailer["/Root"]["/StructTreeRoot"]["/K"][0])
    return found


def test_same_bytes_twice_and_qpdf_is_content(
    record: Path, joined: bytes, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    assert render(record, PART_SIZE) == joined
    if shutil.which("qpdf") is None:
        pytest.skip("qpdf is not installed")
    path = tmp_path / "joined.pdf"
    path.write_bytes(joined)
    done = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_theme_template_without_parts_is_laid_out_whole(record: Path, tmp_path: Path) -> None:
    """A user's transcript.html that does not show ``part`` keeps working: laid out as one document."""
    root = tmp_path / "themed"
    shutil.copytree(record, root)
    theme = root / "themes" / "mine" / "pdf"
    theme.mkdir(parents=True)
    (theme / "transcript.html").write_text(
        '{% extends "!default/pdf/transcript.html" %}\n', encoding="utf-8"
    )
    profile = root / "content" / "portfolio.yaml"
    profile.write_text(
        profile.read_text(encoding="utf-8") + "site: {theme: mine}\n", encoding="utf-8"
    )
    pages = reader(render(root, PART_SIZE)).pages
    assert len(pages) == len(reader(render(record, 10_000)).pages)
    assert f"Page {len(pages)} of {len(pages)}" in pages[-1].extract_text()


def test_a_lead_longer_than_a_page_is_left_out_whole(
    record: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """70 licenses: the masthead and facts take two pages; a part's lead is then two pages, all left out."""
    leads: list[int] = []
    found = parts._lead_pages
    monkeypatch.setattr(
        parts, "_lead_pages", lambda document: leads.append(found(document)) or leads[-1]
    )
    root = tmp_path / "licensed"
    shutil.copytree(record, root)
    states = ["CA", "NY", "TX", "FL", "WA", "OR", "NV", "AZ", "CO", "IL"]
    licenses = "".join(
        f"  - {{state: {states[i % 10]}, number: L{i:05d}, expires: 2027-06-30}}\n"
        for i in range(70)
    )
    profile = root / "content" / "portfolio.yaml"
    text = profile.read_text(encoding="utf-8")
    text = re.sub(r"licenses:\n(  - .*\n)+", "licenses:\n" + licenses, text)
    profile.write_text(text, encoding="utf-8")
    whole, joined = render(root, 10_000), render(root, PART_SIZE)
    pages = reader(joined).pages
    holding = [index for index, page in enumerate(pages) if "L00069" in page.extract_text()]
    assert len(holding) == 1 and holding[0] >= 1  # past the first page, and no lead page kept
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in re.sub(r"\s+", " ", page.extract_text())
    assert len(pages) - len(reader(whole).pages) <= 5  # a part boundary costs a page at most
    assert max(leads) >= 2  # the lead took more than the one page first assumed: laid out again


def test_pdf_a_in_parts_keeps_the_conformance_entries(record: Path) -> None:
    """--pdf-a on a long record: the same document-level entries as in one piece (metadata, intents)."""
    loaded, _ = records.load(record)
    ev = evaluate(loaded, AS_OF)

    def catalog(part_size: int) -> tuple[list[str], bytes]:
        data = render_pdf(
            ev,
            whole_record(ev),
            generated=GENERATED,
            identifier="0" * 32,
            pdf_a=True,
            part_size=part_size,
        ).data
        root = reader(data).trailer["/Root"]
        return sorted(root.keys()), root["/Metadata"].get_data()

    (keys, xmp), (whole_keys, whole_xmp) = catalog(PART_SIZE), catalog(10_000)
    assert keys == whole_keys and "/OutputIntents" in keys
    assert xmp == whole_xmp and b"pdfaid" in xmp
