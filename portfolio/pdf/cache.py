"""The site's transcript cache: reuse the previous transcript.pdf when every input is unchanged.

The hash (:func:`inputs_hash`) covers everything the PDF depends on; it is stored beside the site's PDF in
``.portfolio-pdf.sha256``. When the hash of this build matches, that PDF is reused as is.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

from portfolio import certificates, clock, exports
from portfolio.errors import plural
from portfolio.evaluate import Evaluation
from portfolio.pdf.document import render_pdf
from portfolio.pdf.period import whole_record
from portfolio.pdf.view import CREATOR
from portfolio.theme import pdf_files

HASH_FILE = ".portfolio-pdf.sha256"
SITE_PDF = "transcript.pdf"


def _code_files() -> list[Path]:
    """The source of the PDF stage: this package and the certificate reader."""
    return [*sorted(Path(__file__).parent.glob("*.py")), Path(certificates.__file__)]


def inputs_hash(
    ev: Evaluation, generated: dt.datetime, options: dict[str, Any] | None = None
) -> str:
    """SHA-256 of everything the PDF depends on.

    The evaluation's data (profile, activities, certificates' SHA-256, requirement results, as-of date), the
    theme's pdf/ files, the options (period, certificates, PDF/A), the software versions (portfolio with the PDF
    stage's source, WeasyPrint, pydyf, pypdf) and the generation time: the exact SOURCE_DATE_EPOCH when it
    is set, else only the clock's date (UTC), since the document shows the generation date only. Fonts come
    from the system (DejaVu) and are not hashed.
    """
    record = ev.record
    digest = hashlib.sha256()

    def part(label: str, data: bytes) -> None:
        digest.update(f"{label}\0{len(data)}\0".encode())
        digest.update(data)

    part("evaluation", exports.to_json(exports.transcript_data(ev)).encode("utf-8"))
    # The PDF also prints what the JSON leaves out or rounds (requirement notes, exact shares): the model's
    # reprs are deterministic and hold every field.
    part("model", repr((record.profile, record.requirements)).encode("utf-8"))
    for rel, path in pdf_files(record.root, record.profile.site.theme):
        part(f"theme:{rel}", path.read_bytes())
    part("options", json.dumps(options or {}, sort_keys=True, default=str).encode())
    part(
        "software",
        " ".join(
            [CREATOR, *(f"{name} {_version(name)}" for name in ("weasyprint", "pydyf", "pypdf"))]
        ).encode(),
    )
    for path in _code_files():
        part(f"code:{path.name}", path.read_bytes())
    part("generated", _generation_key(generated).encode())
    return digest.hexdigest()


def _version(distribution: str) -> str:
    """An installed package's version without importing it (importing WeasyPrint takes a second)."""
    from importlib import metadata

    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "missing"


def _generation_key(generated: dt.datetime) -> str:
    if clock.source_date_epoch() is not None:
        return generated.astimezone(dt.UTC).isoformat()
    return generated.astimezone(dt.UTC).date().isoformat()


def stamp(generated: dt.datetime) -> dt.datetime:
    """The time written into the PDF: SOURCE_DATE_EPOCH exactly, else the generation date at 00:00 UTC."""
    generated = generated.astimezone(dt.UTC)
    if clock.source_date_epoch() is not None:
        return generated
    return dt.datetime.combine(generated.date(), dt.time(), tzinfo=dt.UTC)


def _cached(previous: Path, key: str) -> tuple[bytes, int] | None:
    """The previous site's transcript when it was made from the same inputs (and is intact)."""
    try:
        stored = (previous / HASH_FILE).read_text(encoding="utf-8").split()
        data = (previous / SITE_PDF).read_bytes()
    except (OSError, UnicodeDecodeError):
        return None
    fields = dict(item.split("=", 1) for item in stored[1:] if "=" in item)
    if not stored or stored[0] != key or fields.get("sha256") != hashlib.sha256(data).hexdigest():
        return None
    try:
        return data, int(fields.get("pages", "0"))
    except ValueError:
        return None


def add_site_transcript(
    ev: Evaluation,
    output: Any,  # noqa: ANN401 - portfolio.publish.Output
    *,
    generated: dt.datetime,
    previous: Path,
) -> None:
    """Add transcript.pdf (the whole record as of ``ev.as_of``) and its input hash to the site ``output``.

    When the previous site holds a transcript made from the same inputs, its bytes are reused.
    """
    when = stamp(generated)
    key = inputs_hash(ev, when, {"site": True})
    cached = _cached(previous, key)
    if cached is not None:
        data, pages = cached
        output.summary_parts.append(f"PDF reused (inputs unchanged, {plural(pages, 'page')})")
    else:
        rendered = render_pdf(ev, whole_record(ev), generated=when, identifier=key[:32])
        data, pages = rendered.data, rendered.pages
        output.summary_parts.append(f"PDF {plural(pages, 'page')}")
    output.add(SITE_PDF, data)
    digest = hashlib.sha256(data).hexdigest()
    output.add(HASH_FILE, f"{key} sha256={digest} pages={pages}\n")
