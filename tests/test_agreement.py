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


def starts_figure(text: str, words: str) -> bool:
    """``words`` (which begin with a figure) in ``text``, not preceded by a digit: "8.00 of" is not in "68.00 of"."""
    return re.search(r"(?<![\d.,])" + re.escape(words), text) is not None


def test_has_figure_matches_whole_figures_only():
    assert has_figure("earned 8.00 of 50.00", 8)
    assert not has_figure("earned 68.00 of 50.00", 8)
    assert not has_figure("earned 18.005", 8.0)
    assert has_figure("(8.00)", 8) and not has_figure("1,008.00", 8)
    assert starts_figure("8.00 of 50.00 credits", "8.00 of 50.00")
    assert not starts_figure("18.00 of 50.00 credits", "8.00 of 50.00")


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


SHAPES_PROFILE = """\
name: Test Physician, MD
licenses:
  - {state: TX, number: Q4821, issued: 2018-07-15, expires: 2027-01-31, cycle_months: 24}
default_credit_type: AMA PRA Category 1
"""

SHAPES = """\
requirements:
  - name: Texas renewal
    credits: 48
    credit_types: [AMA PRA Category 1, AMA PRA Category 2]
    window: {license: TX}
    carry_over: {max_credits: 48}
    minimums:
      - {topics: [ethics, professional-responsibility], credits: 2}
  - name: Human trafficking
    credits: 1
    credit_types: [AMA PRA Category 1]
    topics: [human-trafficking]
    window: {license: TX, cycles: 3}
  - name: Infection control course
    activities: 1
    credit_types: any
    topics: [infection-control]
    window: {months: 48}
  - name: Controlled substances
    credits: 2
    credit_types: [AMA PRA Category 1]
    topics: [opioids]
    window: {license: TX}
    applies_if: dea-registrant
"""


def test_new_rule_shapes_agree_across_every_output(tmp_path: Path, monkeypatch) -> None:
    """Topic rules, courses to complete, carry-over and a rule that does not apply read the same everywhere,
    and an activity page claims only the requirements its activity fed."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795564800")
    rec = RecordBuilder(tmp_path, SHAPES_PROFILE)
    rec.requirements(SHAPES)
    for name, date, credits, topics in (
        ("prev", "2024-03-01", "60.00", "[ethics]"),  # previous period: 12 beyond its 48 carry over
        ("conf", "2025-05-01", "24.50", "[cardiology]"),
        ("ht", "2025-06-01", "1.00", "[human-trafficking, ethics]"),
        ("ic", "2025-07-01", "0.50", "[infection-control]"),
        ("opioids", "2025-08-01", "2.00", "[opioids]"),
    ):
        rec.activity(
            name,
            date=date,
            credits=credits,
            topics=topics,
            certificate=rec.certificate(f"{name}.pdf"),
        )
    out = tmp_path / "site"
    assert rec.run("build", "--as-of", AS_OF, "--out", str(out)).code == 0
    data = json.loads((out / "transcript.json").read_text(encoding="utf-8"))
    assert (
        json.loads(rec.run("status", "--json", "--as-of", AS_OF).out)["requirements"]
        == data["requirements"]
    )
    reqs = {r["name"]: r for r in data["requirements"]}
    # hand-computed: Texas 24.50 + 1.00 + 0.50 + 2.00 = 28.00 this period, + 12.00 carried = 40.00
    assert (reqs["Texas renewal"]["earned"], reqs["Texas renewal"]["carried"]) == (40.0, 12.0)
    assert (reqs["Human trafficking"]["earned"], reqs["Human trafficking"]["needed"]) == (1.0, 1.0)
    assert (
        reqs["Infection control course"]["counted_activities"],
        reqs["Infection control course"]["needed"],
    ) == (1, None)
    assert (reqs["Controlled substances"]["state"], reqs["Controlled substances"]["applies"]) == (
        "not-applicable",
        False,
    )
    status_text = re.sub(r"\s+", " ", rec.run("status", "--as-of", AS_OF).out)
    dashboard = _text(out / "index.html")
    pdf_text = re.sub(
        r"\s+",
        " ",
        " ".join(p.extract_text() for p in pypdf.PdfReader(out / "transcript.pdf").pages),
    )
    pages = {p.name: _text(p) for p in (out / "requirements").glob("*.html")}
    for req in data["requirements"]:
        page = pages[f"{req['slug']}.html"]
        if not req["applies"]:
            assert "does not apply" in status_text and "DEA" in status_text
            for where, text in (("dashboard", dashboard), ("page", page), ("pdf", pdf_text)):
                assert "Does not apply" in text and "DEA registration" in text, where
            continue
        said = []
        if req["needed"] is not None:
            said.append(f"{req['earned']:.2f} of {req['needed']:.2f} credits")
        if req["needed_activities"] is not None:
            said.append(f"{req['counted_activities']} of {req['needed_activities']} activit")
        for where, text in (("dashboard", dashboard), ("page", page), ("pdf", pdf_text)):
            for words in said:
                assert starts_figure(text, words), (where, req["name"], words)
        if req["needed"] is not None:
            assert starts_figure(status_text, f"{req['earned']:.2f} / {req['needed']:.2f}"), req[
                "name"
            ]
        if req["carried"]:
            for where, text in (
                ("status", status_text),
                ("page", page),
                ("pdf", pdf_text),
                ("dashboard", dashboard),
            ):
                assert (
                    starts_figure(text, f"{req['carried']:.2f} carried")
                    or has_figure(text, req["carried"])
                    and f"includes {req['carried']:.2f}" in text
                ), where
    # activity pages: "counts toward" exactly the requirements that counted it
    for activity in data["activities"]:
        page = _text(out / activity["page"])
        fed = {
            r["name"]
            for r in data["requirements"]
            if r["applies"] and activity["id"] in {a["id"] for a in r["activities"]}
        }
        for req in data["requirements"]:
            assert (req["name"] in page) == (req["name"] in fed), (activity["id"], req["name"])
