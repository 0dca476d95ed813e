"""``portfolio share``: one self-contained encrypted HTML file for one committee.

The same period and figures as ``portfolio pdf`` (its period, view and render steps), shown as a page, with
the transcript PDF and — with ``with_certificates`` — every cited certificate inside the file for download.
Everything is sealed under its own passphrase (portfolio.encrypt); the file loads nothing from anywhere, so it
can be e-mailed, uploaded anywhere or opened offline.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from portfolio import clock, encrypt, pipeline
from portfolio.errors import Diagnostic, RecordError
from portfolio.pdf.period import Period, chosen_period

PAGE = "share.html"  # the original path of the share's page (its links resolve against it)
TEMPLATE = "share.html.j2"


@dataclass(frozen=True)
class Shared:
    """What ``write_share`` wrote, for the summary line."""

    target: Path
    period: Period
    counted: int  # documented activities in the period
    pdf_pages: int
    certificates: int  # certificate files inside the share file
    size: int  # bytes written
    seconds: float
    encrypt_seconds: float
    record_warnings: list[Diagnostic]


def check_target(target: Path, root: Path) -> None:
    """Refuse to write into the record, or over a file that is not an earlier share file."""
    shown = str(target)
    if target.resolve().is_relative_to((root / "content").resolve()):
        raise RecordError.single(
            shown,
            0,
            "refusing to write the share file inside content/ (your record); use another -o",
        )
    if not target.resolve().parent.is_dir():
        raise RecordError.single(shown, 0, f"the folder {target.parent} does not exist")
    if target.is_symlink() or (target.exists() and not target.is_file()):
        raise RecordError.single(
            shown, 0, "exists and is not a regular file; refusing to replace it"
        )
    if target.exists():
        with target.open("rb") as handle:
            head = handle.read(1 << 20)
        if b'id="portfolio-lock"' not in head or b'"mode": "share"' not in head:
            raise RecordError.single(
                shown,
                0,
                "exists and was not written by 'portfolio share'; refusing to overwrite it "
                "(choose another -o, or delete the file first)",
            )


def write_share(
    root: Path,
    *,
    output: Path,
    passphrase: Callable[[], str],
    as_of: str | dt.date | None = None,
    requirement: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    with_certificates: bool = False,
) -> Shared:
    """Write the share file for a requirement's window (or ``date_from`` to ``date_to``) to ``output``.

    ``passphrase`` is asked only once the record and the period are known to be right. Raises RecordError
    for the user's mistakes, before anything is written.
    """
    from portfolio.pdf.cache import inputs_hash, stamp
    from portfolio.pdf.document import render_pdf
    from portfolio.pdf.output import default_name, write_file
    from portfolio.pdf.view import build_view, iso_day

    started = time.perf_counter()
    check_target(output, root)
    today = clock.today(as_of)
    generated = stamp(clock.now())
    loaded = pipeline.evaluated(root, today)  # with history: late entries are flagged, as in `pdf`
    ev = loaded.ev
    period = chosen_period(ev, requirement, date_from, date_to)
    secret = passphrase()
    options = {
        "period": [iso_day(period.start), iso_day(period.end), period.slug],
        "certificates": bool(with_certificates),
        "pdf_a": False,
    }
    rendered = render_pdf(
        ev,
        period,
        generated=generated,
        with_certificates=with_certificates,
        identifier=inputs_hash(ev, generated, options)[:32],
    )
    view = build_view(ev, period, generated, with_certificates=False)
    pdf_name = default_name(period, today)
    files: dict[str, bytes] = {pdf_name: rendered.data}
    certificates = []
    for entry, shown in zip(view.cited, view.certificates, strict=True):
        path = entry.cert.path
        certificates.append(
            {
                "ref": shown.ref,
                "sha256": shown.sha256,
                "size": shown.size,
                "name": PurePosixPath(path).name,
                "href": path,
                "embedded": with_certificates,
            }
        )
        if with_certificates:
            files[path] = entry.cert.source.read_bytes()
    page = _page(
        {
            **view.context(),
            "certificates": certificates,
            "pdf_name": pdf_name,
            "pdf_pages": rendered.pages,
            "with_certificates": with_certificates,
        }
    )
    sealing = time.perf_counter()
    data = seal_share(page.encode("utf-8"), files, secret)
    sealed = time.perf_counter() - sealing
    write_file(output, data)
    return Shared(
        output,
        period,
        view.count,
        rendered.pages,
        len(files) - 1,
        len(data),
        time.perf_counter() - started,
        sealed,
        loaded.warnings(),
    )


def seal_share(page: bytes, files: dict[str, bytes], passphrase: str) -> bytes:
    """The share file: the page sealed under the name 'share', each file sealed under its own name."""
    keys = encrypt.Keys.new(passphrase)
    shell = encrypt.Shell(keys, "share")
    embeds = {}
    for path, data in files.items():
        name = keys.name(path)
        embeds[name] = keys.seal(encrypt.envelope(path, data), name)
    main = keys.seal(encrypt.envelope(PAGE, page), encrypt.SHARE_AAD)
    return shell.page(main, embeds).encode("utf-8")


def _page(context: dict) -> str:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("portfolio", "unlock"),
        autoescape=True,
        keep_trailing_newline=True,
    )
    return env.get_template(TEMPLATE).render(**context)
