"""PDF stage: the evaluation → a transcript a credentialing committee accepts (SPEC §3, issue 5).

One module per step, in the order they run:

- ``period.py``: which activities a transcript covers (the whole record, a requirement's window, dates);
- ``view.py``: the view model, frozen dataclasses holding every figure and string the pages show, already
  computed and formatted (the template only lays them out);
- ``appendix.py``: appended certificates: placeholder and image pages, attachments, drawing PDF pages in;
- ``document.py``: the theme's ``pdf/transcript.html`` → PDF bytes with WeasyPrint (local files only);
- ``cache.py``: the hash of every input, and the site build's transcript.pdf reused when it is unchanged;
- ``output.py``: ``portfolio pdf``'s file: period chosen, rendered, signed if asked, written safely;
- ``sign.py``: the optional PAdES signature with the physician's certificate (pyHanko, extra ``sign``).

Reading the certificate files themselves is ``portfolio.certificates``; the command's arguments and
printing are in ``portfolio.cli``.
"""

from __future__ import annotations

from portfolio.pdf.cache import add_site_transcript
from portfolio.pdf.document import Rendered, render_pdf
from portfolio.pdf.output import Written, write_transcript
from portfolio.pdf.period import Period, whole_record

__all__ = [
    "Period",
    "Rendered",
    "Written",
    "add_site_transcript",
    "render_pdf",
    "whole_record",
    "write_transcript",
]
