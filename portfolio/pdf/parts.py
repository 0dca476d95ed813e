"""A long transcript laid out in parts: WeasyPrint holds a whole document's layout in memory (about 2 MB a
page), so a 40-year record (10,000 activities, 780 pages) is laid out about a thousand rows at a time, and
each part's pages are written into one PDF (writer.py) before the next part is laid out.

What a reader sees is what one document shows: "Page X of Y" counts the whole file, the running header
carries the physician's name and period on every page, the bookmarks and the tagged structure (PDF/UA)
cover every page, and the same inputs give the same bytes. Each part begins on a new page.

How:

- :func:`split` cuts the view model's two long lists (the ledger's rows, then the left-out rows) into parts of
  at most ``size`` rows; the front matter goes with the first part, the totals with the end of the ledger,
  the certificates and the attestation with the last. The template shows only the part's stretch.
- Every part after the first opens with a *lead* page (the masthead and facts, which set the running
  header's texts); it is not written.
- Page numbers: each part is laid out once, in order, its first page number set by CSS (``counter-reset:
  page N`` on its lead page); its page margins are not laid out then (:func:`_margins_later`) but once every
  part is written and the file's page count known, when writer.py lays them out with ``counter(pages)``
  set to it and draws them on each page.
"""

from __future__ import annotations

import contextlib
import dataclasses
import math
from collections.abc import Callable, Iterator
from typing import Any

from portfolio import progress
from portfolio.pdf.view import PartView, Transcript
from portfolio.pdf.writer import write_parts

PART_SIZE = 1000  # ledger and left-out rows per part (each about 85 pages, 250 MB of layout)
LEAD_ID = "part-body"  # the element right after a part's lead page

# The lead page holds exactly the masthead and facts, with no bookmark; portfolio's own rules, over the theme's.
LEAD_CSS = """
.part-lead { break-after: page !important; }
.part-lead, .part-lead * { bookmark-level: none !important; }
"""


def split(view: Transcript, size: int = PART_SIZE) -> list[Transcript]:
    """The view as parts of at most ``size`` long-list rows (one part, unchanged, when it is short)."""
    rows, left = view.rows, view.left_out
    total = len(rows) + len(left)
    if total <= size:
        return [view]
    count = math.ceil(total / size)
    chunk = math.ceil(total / count)  # even parts
    parts = []
    for number in range(1, count + 1):
        lo, hi = (number - 1) * chunk, min(number * chunk, total)
        mine_rows = rows[min(lo, len(rows)) : min(hi, len(rows))]
        mine_left = left[max(lo - len(rows), 0) : max(hi - len(rows), 0)]
        last = number == count
        if rows:
            ledger_start, ledger_end = lo == 0, lo < len(rows) <= hi
        else:  # "No documented activity" in the first part
            ledger_start = ledger_end = number == 1
        if left:
            left_start, left_end = lo <= len(rows) < hi, hi == total
        else:  # "Nothing in the period was left out" in the last part
            left_start = left_end = last
        part = PartView(
            number=number,
            count=count,
            ledger=bool(mine_rows) or ledger_start or ledger_end,
            ledger_start=ledger_start,
            ledger_end=ledger_end,
            left=bool(mine_left) or left_start or left_end,
            left_start=left_start,
            left_end=left_end,
        )
        parts.append(dataclasses.replace(view, rows=mine_rows, left_out=mine_left, part=part))
    return parts


@contextlib.contextmanager
def _margins_later(deferred: list[Any]) -> Iterator[None]:
    """Lay out the page margins later: record what WeasyPrint needs for each page's margin boxes.

    WeasyPrint makes a page's margin boxes once every page of its document is laid out, with the
    ``pages`` counter set to the document's page count; the whole file's count is known only when every
    part is laid out, so writer.py makes them then, from what is recorded here (the layout context, the
    page, its counters, its number in the part). WeasyPrint is pinned to 70.x.
    """
    from weasyprint import layout

    original = layout.make_margin_boxes

    def later(context: Any, page: Any, state: Any) -> tuple[()]:  # noqa: ANN401 - WeasyPrint's
        deferred.append((context, page, state, context.current_page))
        return ()

    layout.make_margin_boxes = later
    try:
        yield
    finally:
        layout.make_margin_boxes = original


def _lead_pages(document: Any) -> int:  # noqa: ANN401 - a WeasyPrint Document
    """How many pages the part's lead takes (0 for the first part, which has none)."""
    for index, page in enumerate(document.pages):
        if LEAD_ID in page.anchors:
            return index
    return 0


def render_parts(
    parts: list[Transcript],
    to_html: Callable[[Transcript], str],
    layout: Callable[[str, str], Any],
    variant: str,
    identifier: bytes,
) -> tuple[bytes, int]:
    """The PDF of ``parts`` as one document, and its page count.

    ``to_html`` renders a part's template; ``layout(html, css)`` lays it out with WeasyPrint (``css``: extra
    rules). One part's layout is in memory at a time: its pages are written into the shared PDF, then it is
    dropped; the page margins ("Page X of Y") are laid out and drawn at the end (writer.py).
    """
    progress.stage("pdf", len(parts), "parts")
    before = 0  # pages of the parts already laid out

    def documents() -> Iterator[tuple[Any, int, list[Any]]]:
        nonlocal before
        for index, view in enumerate(parts):
            document, lead, deferred = _render_part(view, index, before, to_html, layout)
            before += len(document.pages) - lead
            yield document, lead, deferred
            del document, deferred
            progress.advance()

    return write_parts(documents(), variant=variant, identifier=identifier, skip_anchors=(LEAD_ID,))


def _render_part(
    view: Transcript,
    index: int,
    before: int,
    to_html: Callable[[Transcript], str],
    layout: Callable[[str, str], Any],
) -> tuple[Any, int, list[Any]]:
    """One part laid out, numbered after the ``before`` pages of the parts before it: the document, its lead
    pages, and what its margin boxes need (see :func:`_margins_later`)."""
    html = to_html(view)
    lead = (
        0 if index == 0 else 1
    )  # a lead takes one page; laid out again in the rare case it does not
    while True:
        # The lead's first page is numbered so that the part's first kept page is ``before + 1``.
        css = LEAD_CSS + (
            f"@page :first {{ counter-reset: page {before + 1 - lead} !important; }}"
            if index
            else ""
        )
        deferred: list[Any] = []
        with _margins_later(deferred):
            document = layout(html, css)
        found = _lead_pages(document)
        if found == lead:
            if deferred:
                _lighten(deferred[0][0])
            return document, lead, deferred
        lead = found


def _lighten(context: Any) -> None:  # noqa: ANN401 - WeasyPrint's LayoutContext
    """Drop what the part's layout context holds for its content, keeping what its page margins need (the
    pages' styles, the running strings, the counters): it lives until the last part is laid out."""
    styles = context.style_for._computed_styles
    for key in [key for key in styles if not isinstance(key[0], tuple)]:  # PageType keys are tuples
        del styles[key]
    context.tables = {}
    context.broken_out_of_flow = {}
    context.footnotes, context.reported_footnotes, context.page_footnotes = [], [], {}
    context._excluded_shapes_root_boxes, context._excluded_shapes = [], {}
