"""``portfolio pdf``'s file: choose the period, render, and write the transcript where asked, safely.

Never writes inside content/ (the record) nor over a file that ``portfolio pdf`` did not write; the file
appears whole or not at all (written beside the target, then renamed).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from portfolio import clock, pipeline, progress
from portfolio.errors import Diagnostic, RecordError, plural
from portfolio.pdf import sign
from portfolio.pdf.cache import inputs_hash, stamp
from portfolio.pdf.document import Rendered, render_pdf
from portfolio.pdf.period import Period, chosen_period
from portfolio.pdf.view import iso_day


@dataclass(frozen=True)
class Written:
    """What ``write_transcript`` wrote, for the summary line."""

    target: Path
    period: Period
    rendered: Rendered
    counted: int  # activities counted in the period
    record_warnings: list[Diagnostic]  # the record's own warnings (missing certificates, …)


def write_transcript(
    root: Path,
    *,
    as_of: str | dt.date | None = None,
    requirement: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    output: Path | None = None,
    with_certificates: bool = False,
    pdf_a: bool = False,
    sign_with: Path | None = None,
    passphrase: bytes | None = None,
) -> Written:
    """One transcript for one committee or period, written to ``output`` (default: a file named for it here).

    The period is the window of ``requirement``, else ``date_from`` to ``date_to`` (both given), else the
    whole record. ``sign_with``: a PKCS#12 file (opened with ``passphrase``) whose key signs the finished
    file (see sign.py). Raises RecordError for the user's mistakes, before anything is written.
    """
    today = clock.today(as_of)
    generated = stamp(clock.now())
    progress.stage("load")
    loaded = pipeline.evaluated(root, today)  # with history: late entries are flagged
    ev = loaded.ev
    period = chosen_period(ev, requirement, date_from, date_to)
    target = output or Path.cwd() / default_name(period, today)
    _check_target(target, root)
    signer = sign.load_signer(sign_with, passphrase) if sign_with is not None else None
    options = {
        "period": [iso_day(period.start), iso_day(period.end), period.slug],
        "certificates": bool(with_certificates),
        "pdf_a": bool(pdf_a),
    }
    key = inputs_hash(ev, generated, options)
    progress.stage(f"render ({plural(len(ev.activities), 'activity', 'activities')})")
    rendered = render_pdf(
        ev,
        period,
        generated=generated,
        with_certificates=with_certificates,
        pdf_a=pdf_a,
        identifier=key[:32],
    )
    if signer is not None:  # last: after the PDF/A conversion and the appended certificates
        rendered.data = sign.sign(rendered.data, signer, name=ev.record.profile.display_name)
        rendered.signed = True
    write_file(target, rendered.data)
    counted = sum(1 for a in ev.activities if period.contains(a.completed) and a.counted_on(today))
    return Written(target, period, rendered, counted, loaded.warnings())


def default_name(period: Period, as_of: dt.date) -> str:
    if period.slug == "all":
        return f"transcript-{as_of.isoformat()}.pdf"
    return f"transcript-{period.slug}-{as_of.isoformat()}.pdf"


def _check_target(target: Path, root: Path) -> None:
    """Refuse to write into the record or over a file 'portfolio pdf' did not write."""
    shown = str(target)
    content = (root / "content").resolve()
    resolved = target.resolve()
    if resolved.is_relative_to(content):
        raise RecordError.single(
            shown,
            0,
            "refusing to write the transcript inside content/ (your record); use another -o",
        )
    if not resolved.parent.is_dir():
        raise RecordError.single(shown, 0, f"the folder {target.parent} does not exist")
    if target.is_symlink() or (target.exists() and not target.is_file()):
        raise RecordError.single(
            shown, 0, "exists and is not a regular file; refusing to replace it"
        )
    if target.exists() and not _ours(target):
        raise RecordError.single(
            shown,
            0,
            "exists and was not written by 'portfolio pdf'; refusing to overwrite it "
            "(choose another -o, or delete the file first)",
        )


def _ours(path: Path) -> bool:
    import pypdf
    from pypdf.errors import PyPdfError

    from portfolio.certificates import BROKEN_PDF

    try:
        with path.open("rb") as handle:
            if handle.read(5) != b"%PDF-":
                return False
        meta = pypdf.PdfReader(path, strict=False).metadata
        return bool(meta and str(meta.get("/Creator", "")).startswith("portfolio "))
    except (PyPdfError, *BROKEN_PDF):  # an unreadable file is simply "not ours"
        return False


def write_file(target: Path, data: bytes) -> None:
    """Write beside the target, then rename: a reader never sees a partial PDF."""
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
