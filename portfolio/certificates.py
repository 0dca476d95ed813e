"""Reading certificate files: which ones a transcript cites, what each file is, whether it can be used.

Shared by the PDF stage (which appends and attaches the files) and any command that inspects them. A
certificate is a PDF (recognised by its ``%PDF-`` header or its declared kind) or a PNG/JPEG image; reading
it records its bytes, its kind and, for a PDF, the visible size of each page.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from portfolio.errors import Diagnostic, RecordError, plural
from portfolio.model import Activity, Certificate, open_no_link

# pypdf logs what it repairs in a provider's file ("EOF marker not found"); with no handler configured Python
# prints that bare line on the terminal. The verdicts here say what matters, once, in plain words.
logging.getLogger("pypdf").addHandler(logging.NullHandler())

MARKER = (
    ".portfolio-site"  # portfolio.publish.MARKER (not imported: the site stage imports this one)
)


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
    try:  # once, without following a link: these bytes are hashed, checked and appended
        with open_no_link(entry.cert.source) as fh:
            entry.data = fh.read()
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    digest = hashlib.sha256(entry.data).hexdigest()
    if entry.cert.__dict__.setdefault("sha256", digest) != digest:  # the hash the transcript prints
        return "changed while the transcript was being made; make it again"
    if entry.data[:5] == b"%PDF-" or entry.cert.kind == "pdf":
        entry.kind = "pdf"
        return _read_pdf(entry)
    entry.kind = "image"
    return _read_image(entry)


# What pypdf raises, besides its own errors, on a damaged file (its parser reaches into objects that a
# damaged file gives the wrong type, hence TypeError/AttributeError/KeyError).
BROKEN_PDF = (ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError)
# What Pillow raises on a damaged image: UnidentifiedImageError and decoder errors are OSError subclasses;
# broken headers give SyntaxError/ValueError, a short file EOFError. Anything else is a bug of ours, and
# keeps its traceback rather than becoming "not a readable image".
_BROKEN_IMAGE = (OSError, ValueError, SyntaxError, EOFError)
_CANNOT_APPEND = (
    "is an encrypted PDF, which cannot be appended or verified; "
    "save an unencrypted copy (e.g. print it to PDF) and cite that"
)


def _read_pdf(entry: CitedCertificate) -> str:
    import pypdf
    from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError

    try:
        with _quiet_pypdf():
            reader = pypdf.PdfReader(io.BytesIO(entry.data), strict=False)
            if reader.is_encrypted:
                return _CANNOT_APPEND
            for page in reader.pages:
                box = page.cropbox
                width, height = float(box.width), float(box.height)
                if (page.get("/Rotate") or 0) % 180:
                    width, height = height, width
                if width <= 0 or height <= 0:
                    return "is not a readable PDF (a page has an empty size)"
                entry.pages.append((width, height))
    except (
        DependencyError,
        FileNotDecryptedError,
    ):  # AES without the means or the password to open it
        return _CANNOT_APPEND
    except (PyPdfError, *BROKEN_PDF) as exc:
        return f"is not a readable PDF ({short(exc)}); replace it with the original file"
    if not entry.pages:
        return "is a PDF without pages; replace it with the original file"
    return ""


def _read_image(entry: CitedCertificate) -> str:
    import warnings

    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(entry.data)) as image:
                too_big = _too_many_pixels(image.size)
                if too_big:
                    return too_big
                image.verify()  # chunk checksums
                fmt = image.format
            with Image.open(io.BytesIO(entry.data)) as image:
                image.load()  # the pixels themselves (a truncated file passes verify())
    except Image.DecompressionBombError:
        limit = 2 * Image.MAX_IMAGE_PIXELS // 1_000_000
        return f"is an image of more than {limit} million pixels{_BOMB}"
    except _BROKEN_IMAGE as exc:
        return f"is neither a readable PDF nor a readable PNG/JPEG image ({short(exc)})"
    if fmt not in ("PNG", "JPEG"):
        return f"is a {fmt} image; only PDF, PNG and JPEG certificates can be appended"
    return ""


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


# ------------------------------------------------------------------------------------- what a file claims to be

# `check` reads each certificate once: its first bytes must be those of the type its name claims, and the whole
# file must parse as that type. A 0-byte, truncated or renamed file would otherwise make an activity
# "documented" and count. Verdicts are cached on the file's SHA-256 (and the SHA-256 on the file's size, times
# and inode), in the site folder, so a second `check` reads no certificate that did not change.

CACHE_FILE = ".portfolio-cache/certificates.json"
MAX_PIXELS = (
    80_000_000  # a 600-dpi scan of a letter page is 34 million; far more is a decompression bomb
)
_MAGIC = {
    "pdf": b"%PDF-",
    "png": b"\x89PNG\r\n\x1a\n",
    "jpeg": b"\xff\xd8\xff",
}  # a file's first bytes
_SUFFIX_KIND = {".pdf": "pdf", ".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg"}


def detect_kind(data: bytes) -> str | None:
    """``pdf``, ``png`` or ``jpeg`` from a file's first bytes (not its name), else None."""
    return next((kind for kind, magic in _MAGIC.items() if data.startswith(magic)), None)


ENCRYPTED = (
    "is an encrypted PDF: it documents the activity, but 'portfolio pdf --with-certificates' cannot append"
    " it; save an unencrypted copy (print it to PDF) to append it"
)

Verdict = (
    tuple[str, str] | None
)  # ("error" or "warning", message after the file's path), or None: fine


def inspect(data: bytes, suffix: str) -> Verdict:
    """What is wrong with a certificate's bytes for the type its suffix claims; None when nothing is."""
    claimed = _SUFFIX_KIND.get(suffix)
    kind = claimed.upper() if claimed else suffix
    if not data:
        return "error", "is empty (0 bytes); replace it with the original file"
    actual = detect_kind(data)
    if claimed is not None and actual != claimed:
        what = f"it is a {actual.upper()} file" if actual else "its first bytes are not"
        return (
            "error",
            f"is not a {kind} file ({what}); replace it with the original, or fix its name",
        )
    if suffix == ".pdf":
        return _inspect_pdf(data)
    return _inspect_image(data, kind)


def _inspect_pdf(data: bytes) -> Verdict:
    import pypdf
    from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError

    try:
        with _quiet_pypdf():
            reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                return "warning", ENCRYPTED
            pages = len(reader.pages)
            for page in reader.pages:
                box = page.mediabox
                if float(box.width) <= 0 or float(box.height) <= 0:
                    return "error", "is not a readable PDF (a page has an empty size)"
    except (DependencyError, FileNotDecryptedError):
        return "warning", ENCRYPTED
    except (PyPdfError, *BROKEN_PDF) as exc:
        return "error", f"is not a readable PDF ({short(exc)}); replace it with the original file"
    if not pages:
        return "error", "is a PDF without pages; replace it with the original file"
    return None


def _inspect_image(data: bytes, kind: str) -> Verdict:
    import warnings

    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                too_big = _too_many_pixels(image.size)
                if too_big:
                    return "error", too_big
                image.verify()  # chunk checksums
            with Image.open(io.BytesIO(data)) as image:
                image.load()  # the pixels themselves (a truncated file passes verify())
    except Image.DecompressionBombError:
        limit = 2 * Image.MAX_IMAGE_PIXELS // 1_000_000
        return "error", f"is an image of more than {limit} million pixels{_BOMB}"
    except _BROKEN_IMAGE as exc:
        return (
            "error",
            f"is not a readable {kind} image ({short(exc)}); replace it with the original file",
        )
    return None


_BOMB = ", far more than a scan needs; save it at a lower resolution"


def _too_many_pixels(size: tuple[int, int]) -> str:
    pixels = size[0] * size[1]
    if pixels <= MAX_PIXELS:
        return ""
    return f"is an image of {pixels / 1_000_000:,.0f} million pixels ({size[0]} × {size[1]}){_BOMB}"


@contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """pypdf logs what it repairs ("EOF marker not found"): the verdict says it better, once."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def short(exc: BaseException) -> str:
    """An exception as a few plain words: no Python object reprs, one line, at most 120 characters."""
    text = str(exc).strip()
    text = (
        re.sub(r"\s*<_io\.\w+ (?:object|name=[^>]*) at 0x[0-9a-fA-F]+>", "", text) if text else ""
    )
    text = text.splitlines()[0].strip() if text else ""
    text = text or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "…"


class Inspections:
    """What is known of each certificate file, cached in the site folder across runs (see CACHE_FILE): its
    verdict (is it what its name claims?) and, once `check --certificates` read it, what it says (the scanned
    fields, tagged with the version of the scan rules that read them). Both are keyed on the file's SHA-256.
    Nothing is written anywhere but an existing site folder: without one, a run remembers nothing."""

    def __init__(self, site: Path | None):
        self.site = site
        self.version = _cache_version()
        self.files: dict[str, dict[str, Any]] = {}
        self.verdicts: dict[str, list[str] | None] = {}
        self.readings: dict[str, dict[str, Any]] = {}
        self.used: set[str] = set()
        self.changed = False
        if site is not None and (site / MARKER).is_file():
            try:
                data = json.loads((site / CACHE_FILE).read_text(encoding="utf-8"))
                if data.get("version") == self.version:
                    self.files = dict(data.get("files") or {})
                    self.verdicts = dict(data.get("verdicts") or {})
                    self.readings = dict(data.get("readings") or {})
            except (OSError, ValueError, AttributeError, TypeError):
                pass

    def check(self, cert: Certificate) -> Verdict:
        """The verdict on ``cert``; reads the file only when its size, times or inode changed."""
        self.used.add(cert.path)
        info = os.stat(cert.source)
        stamp = [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]
        known = self.files.get(cert.path)
        digest = (
            known.get("sha256") if isinstance(known, dict) and known.get("stat") == stamp else None
        )
        if isinstance(digest, str) and digest in self.verdicts:
            cert.__dict__["sha256"] = digest  # the cached_property, already known
            found = self.verdicts[digest]
            return (found[0], found[1]) if found else None
        with open_no_link(cert.source) as fh:
            data = fh.read()
        digest = hashlib.sha256(data).hexdigest()
        cert.__dict__["sha256"] = digest
        verdict = inspect(data, Path(cert.path).suffix.lower())
        self.files[cert.path] = {"stat": stamp, "sha256": digest}
        self.verdicts[digest] = list(verdict) if verdict else None
        self.changed = True
        return verdict

    def reading(self, digest: str, rules: str) -> dict[str, Any] | None:
        """What a certificate says, as read by the scan rules of version ``rules``; None when not known."""
        found = self.readings.get(digest)
        if isinstance(found, dict) and found.get("rules") == rules:
            return found
        return None

    def remember_reading(self, digest: str, rules: str, reading: dict[str, Any]) -> None:
        self.readings[digest] = {**reading, "rules": rules}
        self.changed = True

    def dump(self) -> str:
        """The cache as the text of CACHE_FILE: only the files still cited, their verdicts and readings."""
        files = {path: self.files[path] for path in sorted(self.used) if path in self.files}
        digests = {entry["sha256"] for entry in files.values()}
        verdicts = {d: v for d, v in sorted(self.verdicts.items()) if d in digests}
        readings = {d: v for d, v in sorted(self.readings.items()) if d in digests}
        data = {"version": self.version, "files": files, "verdicts": verdicts}
        if readings:
            data["readings"] = readings
        return json.dumps(data, sort_keys=True, indent=0) + "\n"

    @property
    def kept(self) -> bool:
        """Whether what is learned is kept: only in a site folder that a build made."""
        return self.site is not None and (self.site / MARKER).is_file()

    def save(self) -> None:
        """Write the cache back into the site folder (one that a build made), if anything was learned."""
        if not self.changed or not self.kept:
            return
        target = self.site / CACHE_FILE
        try:
            target.parent.mkdir(exist_ok=True)
            partial = target.with_name(f".{target.name}.{os.getpid()}")
            partial.write_text(self.dump(), encoding="utf-8")
            os.replace(partial, target)
            self.changed = False
        except OSError:
            pass  # a cache: a read-only site/ only means the next check reads again


def _cache_version() -> str:
    """Changes with this module's code (a new release checks every certificate again). Not the libraries'
    versions: looking those up costs more than a cached check, and a new pypdf does not make a file valid."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


# ---------------------------------------------------------------- text: what a certificate says (scan, check)

OCR_INSTALL = (
    "reading images and scanned PDFs needs OCR: install it with pip install 'portfolio[ocr]' "
    "and the system's Tesseract (Debian/Ubuntu: sudo apt-get install tesseract-ocr; "
    "macOS: brew install tesseract)"
)
OCR_LONG_SIDE = 2400  # pixels: a letter page at about 220 dpi
MIN_TEXT_LAYER = 20  # characters: fewer, and a PDF page is taken for a scan and read by OCR


class UnreadableCertificate(Exception):
    """A certificate whose text cannot be read; the message says why, in plain words."""


class OcrUnavailable(UnreadableCertificate):
    """An image (or a PDF without a text layer) and no OCR installed: the message says what to install."""


@dataclass(frozen=True)
class CertificateText:
    """The text a certificate shows, and how it was read: ``text`` (a PDF's text layer) or ``ocr``."""

    text: str
    method: str


def ocr_problem() -> str | None:
    """None when OCR can run here; else what to install (the Python package and/or Tesseract)."""
    import importlib.util
    import shutil

    if importlib.util.find_spec("pytesseract") is None or shutil.which("tesseract") is None:
        return OCR_INSTALL
    return None


def extract_text(data: bytes) -> CertificateText:
    """The text of a PDF, PNG or JPEG certificate: a PDF's text layer, else OCR of its images.

    Raises UnreadableCertificate (OcrUnavailable when only OCR could read it and it is not installed).
    """
    kind = detect_kind(data)
    if kind == "pdf":
        text, images = _pdf_text_and_images(data)
        if len(text.strip()) >= MIN_TEXT_LAYER:
            return CertificateText(text, "text")
        if not images:
            raise UnreadableCertificate("is a PDF with neither text nor images to read")
        return CertificateText(_ocr(images), "ocr")
    if kind in ("png", "jpeg"):
        from PIL import Image

        try:
            image = Image.open(io.BytesIO(data))
            too_big = _too_many_pixels(
                image.size
            )  # before decoding: a decompression bomb stops here
            if too_big:
                raise UnreadableCertificate(too_big)
            image.load()
        except _BROKEN_IMAGE as exc:
            raise UnreadableCertificate(f"is not a readable image ({short(exc)})") from None
        except Image.DecompressionBombError:
            raise UnreadableCertificate(f"is an image of too many pixels{_BOMB}") from None
        return CertificateText(_ocr([image]), "ocr")
    raise UnreadableCertificate("is neither a PDF nor a PNG/JPEG image")


def _pdf_text_and_images(data: bytes) -> tuple[str, list]:
    import pypdf
    from pypdf.errors import PyPdfError

    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise UnreadableCertificate("is an encrypted PDF; save an unencrypted copy")
        texts = [page.extract_text() or "" for page in reader.pages]
        text = "\n".join(texts)
        images = []
        if len(text.strip()) < MIN_TEXT_LAYER:  # a scan: the pages are pictures
            for page in reader.pages:
                images.extend(item.image for item in page.images if item.image is not None)
    except (PyPdfError, *BROKEN_PDF) as exc:
        raise UnreadableCertificate(f"is not a readable PDF ({short(exc)})") from None
    return text, images


def _ocr(images: list) -> str:
    """Tesseract's reading of each image, after cleaning (grey, specks removed, small scans enlarged)."""
    problem = ocr_problem()
    if problem:
        raise OcrUnavailable(problem)
    import os

    import pytesseract
    from PIL import ImageFilter, ImageOps

    # Tesseract's own threads make it several times slower on a busy machine, never faster on one page.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    texts = []
    for image in images:
        grey = ImageOps.exif_transpose(image).convert("L")
        if grey.width < 1600:  # a screenshot or a low-resolution photo: Tesseract wants ~300 dpi
            grey = grey.resize((grey.width * 2, grey.height * 2))
        elif max(grey.size) > OCR_LONG_SIDE:  # a 300-dpi scan reads as well at ~220 dpi, faster
            scale = OCR_LONG_SIDE / max(grey.size)
            grey = grey.resize((round(grey.width * scale), round(grey.height * scale)), 4)  # 4: box
        grey = ImageOps.autocontrast(grey.filter(ImageFilter.MedianFilter(3)))
        angle = _skew(grey)
        if angle:
            grey = grey.rotate(angle, resample=3, expand=True, fillcolor=255)  # 3: bicubic
        grey.format = (
            "BMP"  # how pytesseract hands the image over: BMP is written ~100× faster than PNG
        )
        try:
            texts.append(pytesseract.image_to_string(grey, lang="eng", config="--psm 3"))
        except (pytesseract.TesseractError, OSError) as exc:
            raise UnreadableCertificate(f"could not be read by Tesseract ({short(exc)})") from None
    return "\n".join(texts)


def _skew(grey) -> float:  # noqa: ANN001  (a PIL image)
    """The small rotation (±3°) that makes the text lines horizontal: the sharpest profile of row darkness.

    A photo taken slightly askew splits a long centred line into pieces that Tesseract reads out of order.
    """
    from PIL import Image, ImageOps

    small = ImageOps.invert(grey.resize((600, max(1, grey.height * 600 // grey.width))))
    best, best_score = 0.0, -1.0
    for step in range(-12, 13):
        angle = step / 4
        rows = small.rotate(angle, resample=2, fillcolor=0).resize((1, small.height), Image.BOX)
        values = rows.tobytes()  # one byte a row: its mean darkness
        mean = sum(values) / len(values)
        score = sum((v - mean) ** 2 for v in values)
        if score > best_score:
            best, best_score = angle, score
    return best
