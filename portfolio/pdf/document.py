"""Rendering: the view model → HTML through the theme's ``pdf/transcript.html`` → PDF bytes with WeasyPrint.

A user theme can override ``pdf/transcript.html`` or only the ``pdf/transcript.css`` it includes. Pages
reach local files only (the record and the theme folders), never the network.

Reproducibility: the PDF's dates are the ``generated`` time the caller passes (see ``cache.stamp``) and its
/ID is the ``identifier`` (a hash of the inputs); WeasyPrint and pypdf write nothing else that varies, so
the same inputs give the same bytes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from portfolio import theme
from portfolio.certificates import pdfa_risks, read_certificates
from portfolio.errors import Diagnostic
from portfolio.evaluate import Evaluation
from portfolio.gctune import fewer_collections
from portfolio.pdf import parts
from portfolio.pdf.appendix import appendix_view, attachments, merge
from portfolio.pdf.period import Period
from portfolio.pdf.view import build_view

TEMPLATE = "pdf/transcript.html"


def _url_fetcher(allowed: Sequence[Path]) -> Any:
    """Only local files under ``allowed`` folders: no page of the transcript reaches the network."""
    from urllib.parse import unquote, urlsplit

    from weasyprint.urls import URLFetcher

    roots = [p.resolve() for p in allowed]

    class LocalFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:  # noqa: ANN401 - WeasyPrint's API
            parts = urlsplit(url)
            if parts.scheme != "file":
                raise ValueError(f"refusing to fetch {url!r}: the PDF uses local files only")
            path = Path(unquote(parts.path)).resolve()
            if not any(path.is_relative_to(root) for root in roots):
                raise ValueError(f"refusing to read {path}: outside the record and the theme")
            return super().fetch(url, headers)

    return LocalFetcher(allowed_protocols=["file"])


def _environment(root: Path, name: str, date_format: str) -> Any:
    from portfolio import render

    return render.environment(theme.theme_dirs(root, name), date_format)


@dataclass
class Rendered:
    data: bytes
    pages: int
    appended: int  # certificate files appended
    render_seconds: float
    merge_seconds: float
    warnings: list[Diagnostic] = field(default_factory=list)  # e.g. PDF/A conformance risks
    signed: bool = False  # signed afterwards by ``portfolio pdf --sign`` (pdf/sign.py)


def render_pdf(
    ev: Evaluation,
    period: Period,
    *,
    generated: dt.datetime,
    with_certificates: bool = False,
    pdf_a: bool = False,
    identifier: str,
    part_size: int = parts.PART_SIZE,
) -> Rendered:
    """Render the transcript (and appended certificates) to PDF bytes.

    A transcript longer than ``part_size`` rows (ledger and left-out lists) is laid out in parts and
    joined (parts.py), unless certificates are appended or the theme's template does not show ``part``.
    """
    import weasyprint

    record = ev.record
    view = build_view(ev, period, generated, with_certificates=with_certificates)
    if with_certificates:
        read_certificates(view.cited)
        view = dataclasses.replace(
            view, appendix=appendix_view(view.cited, record.profile.site.date_format)
        )
    env = _environment(record.root, record.profile.site.theme, record.profile.site.date_format)
    started = time.perf_counter()
    template = env.get_template(TEMPLATE)

    dirs = theme.theme_dirs(record.root, record.profile.site.theme)
    fetcher = _url_fetcher([record.content, *dirs])
    base = (dirs[0] / "pdf").as_uri() + "/"

    def layout(html: str, css: str = "", fonts: Any = None) -> Any:  # noqa: ANN401 - WeasyPrint's
        extra = [weasyprint.CSS(string=css, font_config=fonts)] if css else None
        with fewer_collections():
            return weasyprint.HTML(string=html, base_url=base, url_fetcher=fetcher).render(
                stylesheets=extra, font_config=fonts
            )

    def write(document: Any, attached: list[Any] | None = None) -> bytes:  # noqa: ANN401
        with fewer_collections():
            return document.write_pdf(
                attachments=attached,
                pdf_identifier=identifier.encode("ascii"),
                # Tagged for screen readers (structure tree, reading order, table headers, alt text, the
                # language of <html lang>): PDF/UA-1, or PDF/A-3b with the same tags (one variant at a time).
                pdf_variant="pdf/a-3b" if pdf_a else "pdf/ua-1",
                pdf_tags=True,
            )

    pieces = parts.split(view, part_size) if not with_certificates and _shows_parts(env) else [view]
    if len(pieces) > 1:
        from weasyprint.text.fonts import FontConfiguration

        fonts = FontConfiguration()  # one for every part: the fonts are found and embedded once
        data, pages = parts.render_parts(
            pieces,
            lambda piece: template.render(**piece.context()),
            lambda html, css: layout(html, css, fonts),
            variant="pdf/a-3b" if pdf_a else "pdf/ua-1",
            identifier=identifier.encode("ascii"),
        )
        return Rendered(data, pages, 0, time.perf_counter() - started, 0.0, [])
    document = layout(template.render(**view.context()))
    attached = attachments(view.cited, generated) if with_certificates else []
    data = write(document, attached)
    pages = len(document.pages)
    rendered_at = time.perf_counter()
    warnings = pdfa_risks(view.cited) if pdf_a and with_certificates else []
    if with_certificates and any(entry.kind == "pdf" for entry in view.cited):
        placeholders = {
            anchor: index for index, page in enumerate(document.pages) for anchor in page.anchors
        }
        data = merge(data, view.cited, placeholders)
    return Rendered(
        data,
        pages,
        len(view.cited) if with_certificates else 0,
        rendered_at - started,
        time.perf_counter() - rendered_at,
        warnings,
    )


def _shows_parts(env: Any) -> bool:  # noqa: ANN401 - a Jinja environment
    """Whether the theme's transcript template shows ``part`` (a template that does not is laid out whole)."""
    from jinja2 import meta

    source = env.loader.get_source(env, TEMPLATE)[0]
    return "part" in meta.find_undeclared_variables(env.parse(source))
