"""Appended certificates: the pages reserved for them, their attachments, and drawing PDF pages in.

Images are laid out by WeasyPrint itself, one per page, scaled to fit, with a caption. PDF pages cannot be
drawn by WeasyPrint, so the transcript reserves one *placeholder* page per certificate page, sized like it
plus a labelled band at the foot; pypdf then draws the certificate page underneath (:func:`merge`).
Because the placeholders belong to WeasyPrint's document, "Page X of Y", the running labels and the
bookmarks cover the whole file, appended pages included.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

from portfolio.certificates import CitedCertificate
from portfolio.pdf.view import Appendix, AppendixItem, PageSize, Placeholder, activity_dates

BAND = 30.0  # pt added at the foot of each appended certificate page: name, label, page number


def appendix_view(cited: Sequence[CitedCertificate], style: str = "medium") -> Appendix:
    """Placeholder pages (PDF certificates) and image pages, in certificate order; the files are read."""
    items: list[AppendixItem] = []
    sizes: dict[str, PageSize] = {}
    for entry in cited:
        proves = (
            f"{activity_dates(entry.activities[0], style)} · {entry.activities[0].title}"
            if len(entry.activities) == 1
            else f"{len(entry.activities)} activities (listed under {entry.ref})"
        )
        common = {
            "ref": entry.ref,
            "path": entry.cert.path,
            "proves": proves,
            "kind": entry.kind,
            "sha256": entry.cert.sha256,
        }
        if entry.kind == "pdf":
            placeholders = []
            for number, (width, height) in enumerate(entry.pages, start=1):
                name = f"cert-{round(width * 100)}-{round(height * 100)}"
                sizes[name] = PageSize(name, f"{width:.2f}pt", f"{height + BAND:.2f}pt")
                placeholders.append(
                    Placeholder(
                        f"placeholder-{entry.ref}-{number}", name, number, f"{height - 2:.2f}pt"
                    )
                )
            items.append(AppendixItem(**common, pages=tuple(placeholders), count=len(entry.pages)))
        else:
            src = entry.cert.source.resolve().as_uri()
            items.append(AppendixItem(**common, src=src, id=f"image-{entry.ref}"))
    return Appendix(tuple(items), tuple(sizes.values()), f"{BAND:g}pt")


def attachments(cited: Sequence[CitedCertificate], generated: dt.datetime) -> list[Any]:
    """The certificate files as WeasyPrint attachments (the originals, to verify their SHA-256)."""
    import weasyprint

    return [
        weasyprint.Attachment(
            file_obj=io.BytesIO(entry.data),
            name=f"{entry.ref}-{entry.cert.source.name}",
            description=f"{entry.ref}: {entry.cert.path} (SHA-256 {entry.cert.sha256})",
            created=generated,
            modified=generated,
            relationship="Supplement",
        )
        for entry in cited
    ]


def _as_artifact(page: Any) -> None:
    """Mark the certificate's drawing as an artifact of the tagged transcript: a screen reader reads the
    figure that describes it (its alternative text) instead of untagged text in the provider's layout."""
    from pypdf.generic import DecodedStreamObject

    contents = page.get_contents()
    if contents is None:
        return
    wrapped = DecodedStreamObject()
    wrapped.set_data(b"/Artifact BMC\nq\n" + contents.get_data() + b"\nQ\nEMC\n")
    page.replace_contents(wrapped)


def merge(data: bytes, cited: Sequence[CitedCertificate], placeholders: dict[str, int]) -> bytes:
    """Draw each PDF certificate page under its placeholder page, above the label band."""
    import pypdf
    from pypdf import Transformation

    writer = pypdf.PdfWriter(clone_from=io.BytesIO(data))
    writer.pdf_header = data[: data.index(b"\n")].decode("ascii")  # keep WeasyPrint's %PDF-1.7
    for entry in cited:
        if entry.kind != "pdf":
            continue
        # pypdf rewrites a page's content (rotation, artifact marks) only inside a writer.
        source = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(entry.data), strict=False))
        for number, page in enumerate(source.pages, start=1):
            if (page.get("/Rotate") or 0) % 360:
                page.transfer_rotation_to_content()
            _as_artifact(page)
            box = page.cropbox
            target = writer.pages[placeholders[f"placeholder-{entry.ref}-{number}"]]
            move = Transformation().translate(-float(box.left), -float(box.bottom) + BAND)
            target.merge_transformed_page(page, move, over=False)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
