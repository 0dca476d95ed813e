"""``portfolio share``: one self-contained encrypted HTML file for one committee.

The same period and figures as ``portfolio pdf`` (its period and view functions), shown as a page, with the
transcript PDF and — with ``--with-certificates`` — every cited certificate inside the file for download.
Everything is sealed under its own passphrase (portfolio.encrypt); the file loads nothing from anywhere, so it
can be e-mailed, uploaded anywhere or opened offline.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path, PurePosixPath

from portfolio import clock, encrypt, records
from portfolio.errors import RecordError, plural, warnings_hint
from portfolio.evaluate import evaluate

PAGE = "share.html"  # the original path of the share's page (links resolve against it)
TEMPLATE = "share.html.j2"


def _page(context: dict) -> str:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("portfolio", "unlock"),
        autoescape=True,
        keep_trailing_newline=True,
    )
    return env.get_template(TEMPLATE).render(**context)


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


def write_file(target: Path, data: bytes) -> None:
    """Write beside the target, then rename: nobody ever sees half a file."""
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


def command(args: argparse.Namespace) -> int:
    """``portfolio share``: returns the exit code."""
    from portfolio import pdf

    started = time.perf_counter()
    if (args.date_from is None) != (args.date_to is None):
        return _usage("--from and --to go together: give both days of the period")
    if (args.requirement is None) == (args.date_from is None):
        return _usage("say what to share: --requirement NAME, or --from D --to D")
    root: Path = args.root
    target: Path = args.output
    check_target(target, root)
    as_of = clock.today(args.as_of)
    generated = pdf._stamp(clock.now())
    record, diags = records.load(root)
    ev = evaluate(record, as_of)
    if args.requirement is not None:
        period = pdf.requirement_period(ev, args.requirement)
    else:
        period = pdf.date_period(ev, args.date_from, args.date_to)
    passphrase = encrypt.ask_passphrase("the share file")
    options = {
        "period": [pdf._day(period.start), pdf._day(period.end), period.slug],
        "certificates": bool(args.with_certificates),
        "pdf_a": False,
    }
    rendered = pdf.render_pdf(
        ev,
        period,
        generated=generated,
        with_certificates=args.with_certificates,
        identifier=pdf.inputs_hash(ev, generated, options)[:32],
    )
    view = pdf.build_view(ev, period, generated, with_certificates=False)
    pdf_name = pdf.default_name(period, as_of)
    files: dict[str, bytes] = {pdf_name: rendered.data}
    certificates = []
    for entry, shown in zip(view.cited, view.context["certificates"], strict=True):
        path = entry.cert.path
        certificates.append(
            {
                **shown,
                "name": PurePosixPath(path).name,
                "href": path,
                "embedded": bool(args.with_certificates),
            }
        )
        if args.with_certificates:
            files[path] = entry.cert.source.read_bytes()
    page = _page(
        {
            **view.context,
            "certificates": certificates,
            "pdf_name": pdf_name,
            "pdf_pages": rendered.pages,
            "with_certificates": bool(args.with_certificates),
        }
    )
    sealing = time.perf_counter()
    data = seal_share(page.encode("utf-8"), files, passphrase)
    sealed = time.perf_counter() - sealing
    write_file(target, data)
    if diags.warnings:
        print(warnings_hint(len(diags.warnings)), file=sys.stderr)
    extra = f", {plural(len(files) - 1, 'certificate')} inside" if args.with_certificates else ""
    print(
        f"Wrote {_shown(target)}: encrypted share of {plural(view.counted, 'activity', 'activities')} "
        f"({period.label}), PDF {plural(rendered.pages, 'page')}{extra}, {len(data) / 1e6:.1f} MB "
        f"in {time.perf_counter() - started:.2f} s (encrypt {sealed:.2f} s)"
    )
    return 0


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


def _usage(message: str) -> int:
    print(f"portfolio share: error: {message}", file=sys.stderr)
    return 2


def _shown(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)
