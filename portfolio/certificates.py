"""Reading certificate files: which ones a transcript cites, what each file is, whether it can be used.

Shared by the PDF stage (which appends and attaches the files) and any command that inspects them. A
certificate is a PDF (recognised by its ``%PDF-`` header or its declared kind) or a PNG/JPEG image; reading
it records its bytes, its kind and, for a PDF, the visible size of each page.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from portfolio.errors import Diagnostic, RecordError, plural
from portfolio.model import Activity, Certificate


@dataclass
class CitedCertificate:
    """One certificate file cited by the transcript's activities, with its reference C1, C2, …"""

    ref: str
    cert: Certificate
    activities: list[Activity] = field(default_factory=list)
    data: bytes = b""
    kind: str = ""  # "pdf" or "image", known once read
    pages: list[tuple[float, float]] = field(default_factory=list)  # PDF: visible size of each page


def cite(activities: Iterable[Activity]) -> list[CitedCertificate]:
    """Number the certificates in the order the activities cite them; a shared file gets one number."""
    cited: dict[str, CitedCertificate] = {}
    for activity in activities:
        for cert in activity.certificates:
            entry = cited.get(cert.path)
            if entry is None:
                entry = cited[cert.path] = CitedCertificate(f"C{len(cited) + 1}", cert)
            entry.activities.append(activity)
    return list(cited.values())


def read_certificates(cited: Sequence[CitedCertificate]) -> None:
    """Read every certificate to append; raise one RecordError naming each unusable file and its activity."""
    errors: list[Diagnostic] = []
    for entry in cited:
        problem = _read(entry)
        if problem:
            first = entry.activities[0]
            others = len(entry.activities) - 1
            also = (
                f" (also cited by {plural(others, 'other activity', 'other activities')})"
                if others
                else ""
            )
            message = f"certificate '{entry.cert.path}' {problem}{also}"
            errors.append(Diagnostic(first.source, first.line("certificate"), "error", message))
    if errors:
        raise RecordError(errors)


def _read(entry: CitedCertificate) -> str:
    """Fill ``entry`` from its file; return what is wrong with it, or ''."""
    try:
        entry.data = entry.cert.source.read_bytes()
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    if entry.data[:5] == b"%PDF-" or entry.cert.kind == "pdf":
        entry.kind = "pdf"
        return _read_pdf(entry)
    entry.kind = "image"
    return _read_image(entry)


def _read_pdf(entry: CitedCertificate) -> str:
    import pypdf
    from pypdf.errors import PyPdfError

    try:
        reader = pypdf.PdfReader(io.BytesIO(entry.data), strict=False)
        if reader.is_encrypted:
            return (
                "is an encrypted PDF, which cannot be appended or verified; "
                "save an unencrypted copy (e.g. print it to PDF) and cite that"
            )
        for page in reader.pages:
            box = page.cropbox
            width, height = float(box.width), float(box.height)
            if (page.get("/Rotate") or 0) % 180:
                width, height = height, width
            if width <= 0 or height <= 0:
                return "is not a readable PDF (a page has an empty size)"
            entry.pages.append((width, height))
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        return f"is not a readable PDF ({_short(exc)}); replace it with the original file"
    if not entry.pages:
        return "is a PDF without pages; replace it with the original file"
    return ""


def _read_image(entry: CitedCertificate) -> str:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(entry.data)) as image:
            image.verify()  # chunk checksums
            fmt = image.format
        with Image.open(io.BytesIO(entry.data)) as image:
            image.load()  # the pixels themselves (a truncated file passes verify())
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        return f"is neither a readable PDF nor a readable PNG/JPEG image ({_short(exc)})"
    if fmt not in ("PNG", "JPEG"):
        return f"is a {fmt} image; only PDF, PNG and JPEG certificates can be appended"
    return ""


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "…"


def pdfa_risks(cited: Sequence[CitedCertificate]) -> list[Diagnostic]:
    """Appended PDF certificates that make a PDF/A-3b file non-conforming: fonts not embedded.

    PDF/A requires every font to be embedded; pypdf draws the providers' pages as they are, so a
    certificate using, say, a non-embedded Helvetica breaks conformance. (Not checked: colour spaces
    without an output intent, annotation flags; no validator such as veraPDF is run.)
    """
    import pypdf

    risks = []
    for entry in cited:
        if entry.kind != "pdf":
            continue
        missing: set[str] = set()
        for page in pypdf.PdfReader(io.BytesIO(entry.data), strict=False).pages:
            fonts = (page.get("/Resources") or {}).get("/Font") or {}
            for font in fonts.get_object().values() if fonts else ():
                font = font.get_object()
                parts = [font]
                if font.get("/Subtype") == "/Type0":
                    parts = [d.get_object() for d in font.get("/DescendantFonts", [])]
                for part in parts:
                    if part.get("/Subtype") == "/Type3":
                        continue  # drawn with PDF operators: nothing to embed
                    ref = part.get("/FontDescriptor")
                    descriptor = ref.get_object() if ref is not None else {}
                    if not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                        missing.add(str(part.get("/BaseFont", "?")).lstrip("/"))
        if missing:
            first = entry.activities[0]
            risks.append(
                Diagnostic(
                    first.source,
                    first.line("certificate"),
                    "warning",
                    f"certificate '{entry.cert.path}' uses fonts that are not embedded "
                    f"({', '.join(sorted(missing))}): the --pdf-a file will not conform to PDF/A-3b",
                )
            )
    return risks
