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


def has_figure(text: str, value: float) -> bool:
    """``value`` written with two decimals as a whole figure: 8.00 is not found inside 68.00 or 8.005."""
    return re.search(rf"(?<![\d.,]){re.escape(f'{value:.2f}')}(?![\d])", text) is not None


def test_has_figure_matches_whole_figures_only():
    assert has_figure("earned 8.00 of 50.00", 8)
    assert not has_figure("earned 68.00 of 50.00", 8)
    assert not has_figure("earned 18.005", 8.0)
    assert has_figure("(8.00)", 8) and not has_figure("1,008.00", 8)


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
        earned, needed = req["earned"], req["needed"]
        (page,) = [p for p in pages if req["name"] in _text(p)]
        page_text = _text(page)
        for where, text in (
            ("status", status_text),
            ("dashboard", dashboard),
            ("page", page_text),
            ("pdf", pdf_text),
        ):
            assert req["name"].split(",")[0] in text, (where, req["name"])
            assert has_figure(text, earned) and has_figure(text, needed), (where, req["name"])
        for minimum in req["minimums"]:
            assert has_figure(page_text, minimum["earned"]), minimum
            assert has_figure(page_text, minimum["needed"]), minimum
        # every activity that fed the total is on the requirement's page
        for fed in req["activities"]:
            assert html.escape(fed["title"], quote=False) in page.read_text(encoding="utf-8"), fed[
                "title"
            ]
    # the split and totals match the transcript page
    transcript = _text(out / "transcript.html")
    for credit_type, total in data["totals"].items():
        assert credit_type in transcript and has_figure(transcript, total), credit_type
