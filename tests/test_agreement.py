"""Every requirement figure agrees wherever a user sees it: transcript.json, `status --json`, `status`,
the dashboard, the requirement's page and the PDF transcript — on the demo record."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pypdf
from builder import RecordBuilder

AS_OF = "2026-11-25"


def _text(path: Path) -> str:
    return re.sub(
        r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))
    )


def test_figures_agree_across_every_output(repo: Path, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795564800")
    demo = RecordBuilder.__new__(RecordBuilder)
    demo.root = repo
    out = tmp_path / "site"
    assert demo.run("build", "--as-of", AS_OF, "--out", str(out)).code == 0
    data = json.loads((out / "transcript.json").read_text(encoding="utf-8"))
    status_json = json.loads(demo.run("status", "--json", "--as-of", AS_OF).out)
    assert status_json["requirements"] == data["requirements"]
    status_text = re.sub(r"\s+", " ", demo.run("status", "--as-of", AS_OF).out)
    dashboard = _text(out / "index.html")
    pdf_text = re.sub(
        r"\s+",
        " ",
        " ".join(p.extract_text() for p in pypdf.PdfReader(out / "transcript.pdf").pages),
    )
    assert len(data["requirements"]) == 4
    pages = sorted((out / "requirements").glob("*.html"))
    assert len(pages) == 4
    for req in data["requirements"]:
        earned, needed = f"{req['earned']:.2f}", f"{req['needed']:.2f}"
        (page,) = [p for p in pages if req["name"] in _text(p)]
        page_text = _text(page)
        for where, text in (
            ("status", status_text),
            ("dashboard", dashboard),
            ("page", page_text),
            ("pdf", pdf_text),
        ):
            assert req["name"].split(",")[0] in text, (where, req["name"])
            assert earned in text and needed in text, (where, req["name"], earned, needed)
        for minimum in req["minimums"]:
            assert (
                f"{minimum['earned']:.2f}" in page_text and f"{minimum['needed']:.2f}" in page_text
            )
        # every activity that fed the total is on the requirement's page
        for fed in req["activities"]:
            assert html.escape(fed["title"], quote=False) in page.read_text(encoding="utf-8"), fed[
                "title"
            ]
    # the split and totals match the transcript page
    transcript = _text(out / "transcript.html")
    for credit_type, total in data["totals"].items():
        assert credit_type in transcript and f"{total:.2f}" in transcript
