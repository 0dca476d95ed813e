"""Small site fixes of issue 13 (item 6), in a real headless Chromium at 375 px (Debian's, never downloaded)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from builder import RecordBuilder
from test_browser import browser  # noqa: F401 - the shared Chromium fixture

pytestmark = pytest.mark.browser

AS_OF = "2026-11-25"
LONG_TOPIC = "substance_use_disorder_treatment"  # one unbreakable word, wider than a phone's line

# Every icon in the page body whose following text starts on a later line than the icon: alone on a line.
ALONE = """() => {
  const alone = [];
  for (const icon of document.querySelectorAll("main svg.icon")) {
    const box = icon.getBoundingClientRect();
    if (!box.width) continue;
    const range = document.createRange();
    range.setStartAfter(icon);
    range.setEnd(icon.parentNode, icon.parentNode.childNodes.length);
    const rects = [...range.getClientRects()].filter(r => r.width > 0.5 && r.height > 0);
    if (rects.length && rects[0].top >= box.bottom - 1) {
      alone.push(icon.parentNode.tagName + ": " + icon.parentNode.textContent.trim().slice(0, 60));
    }
  }
  return alone;
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("icons")
    rec = RecordBuilder(root)
    rec.activity(
        "a",
        title="Buprenorphine Course",
        date="2026-03-14",
        credits="8",
        topics=f"[{LONG_TOPIC}]",
        certificate=rec.certificate("a.pdf"),
    )
    rec.activity("b", title="Journal Club", date="2026-03-20", status="educational")
    rec.requirements(
        "requirements:\n  - name: DEA MATE Act training\n    credits: 8\n"
        "    credit_types: [AMA PRA Category 1]\n    window: lifetime\n"
        f"    minimums: [{{topic: {LONG_TOPIC}, credits: 8}}]\n"
    )
    assert rec.run("build", "--no-pdf", "--as-of", AS_OF).code == 0
    return root / "site"


def test_no_icon_alone_on_its_line_at_375_px(browser, site: Path) -> None:  # noqa: ANN001, F811
    page = browser.new_page(viewport={"width": 375, "height": 800})
    try:
        for name in ("index.html", "requirements/dea-mate-act-training.html"):
            page.goto((site / name).as_uri())
            assert LONG_TOPIC in page.content()
            assert page.evaluate(ALONE) == [], name
    finally:
        page.close()


def test_the_detector_sees_an_icon_alone(browser, site: Path) -> None:  # noqa: ANN001, F811
    """The check above can fail: a layout that wraps the text away from its icon is caught."""
    page = browser.new_page(viewport={"width": 375, "height": 800})
    try:
        page.goto((site / "requirements/dea-mate-act-training.html").as_uri())
        page.add_style_tag(content=".minimum h3 { display: flex; flex-wrap: wrap; }")
        page.evaluate(
            "() => document.querySelector('.minimum h3 .icon-text').style.whiteSpace = 'nowrap'"
        )
        assert page.evaluate(ALONE)
    finally:
        page.close()


def test_explanations_keep_their_capitals(site: Path) -> None:
    html = (site / "transcript.html").read_text(encoding="utf-8")
    assert "Not accredited: logged as education, never counted as CME." in html
    assert not re.search(r"counted as cme\.", html)
