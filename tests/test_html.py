"""The HTML site: what each page shows, escaping and sanitizing, privacy, themes, reproducibility."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from builder import PROFILE, RecordBuilder

from portfolio import freshness
from portfolio.markup import render_notes

AS_OF = "2026-11-25"

REQUIREMENTS = """\
requirements:
  - name: California license renewal
    authority: Medical Board of California
    credits: 50
    credit_types: [AMA PRA Category 1]
    window: {start: 2025-07-01, end: 2027-06-30}
    minimums:
      - {topic: pain-management, credits: 12}
    caps:
      - {topic: practice-management, max_share: 0.10}
  - name: Residency year
    credits: 30
    credit_types: any
    window: {start: 2025-07-01, end: 2026-06-30}
  - name: Hospital reappointment
    credits: 2
    credit_types: any
    window: {months: 24}
"""

EVIL_NOTES = """\
Plain **bold** text and {{ 7*7 }} and {% raw %}.

<script>window.__pwned = 1</script>
<img src="x" onerror="window.__pwned = 2">
<a href="javascript:window.__pwned=3">click</a>
<p onclick="window.__pwned = 4">para</p>

| Drug | Dose |
|---|---|
| apixaban | 5 mg |

```
if (a < b) { return; }
```
"""


def build_record(rec: RecordBuilder) -> None:
    """A small record with every state, a partial topic, a cap, an image and a PDF certificate."""
    pdf = rec.certificate("2026/acp.pdf")
    png = rec.certificate("2026/mm.png")
    rec.activity(
        "2026/acp",
        title="ACP Meeting <2026> & Friends",
        date="2026-04-16",
        end_date="2026-04-18",
        provider="American College of Physicians",
        accreditor="ACCME",
        format="conference",
        credits="\n  - {type: AMA PRA Category 1, amount: 19.5}\n  - {type: ABIM MOC points, amount: 19.5}",
        topics="\n  - cardiology\n  - {topic: pain-management, credits: 2.0}\n  - {topic: practice-management, credits: 6}",
        certificate=pdf,
        location="San Diego, CA",
        url="https://example.org/acp",
        body=EVIL_NOTES,
    )
    rec.activity(
        "2026/mm",
        title="M&M – Diagnostic Error",
        date="2026-02-05",
        format="m-and-m",
        topics="[patient-safety]",
        certificate=png,
        notes_private="true",
        body="SECRET-PEER-REVIEW case details that must never be published.",
    )
    rec.activity("2026/undoc", title="Grand Rounds Without Certificate", date="2026-07-15")
    rec.activity(
        "2026/pending",
        title="Regional Symposium",
        date="2026-11-11",
        status="pending",
        claim_by="2026-12-02",
        credits="5.5",
    )
    rec.activity(
        "2026/edu",
        title="Journal Club – SGLT2",
        date="2026-05-21",
        status="educational",
        format="journal-club",
    )
    rec.requirements(REQUIREMENTS)


def site_of(rec: RecordBuilder, *extra: str) -> Path:
    result = rec.run("build", "--no-pdf", "--as-of", AS_OF, *extra)
    assert result.code == 0, result.err
    return rec.root / "site"


def text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def visible(html: str) -> str:
    """The page's text with tags removed and whitespace collapsed (what a reader sees, roughly)."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&amp;", "&").strip()


@pytest.fixture
def site(rec: RecordBuilder) -> Path:
    build_record(rec)
    return site_of(rec)


# ------------------------------------------------------------------------------------------ pages and content


def test_every_page_is_written_with_noindex(site: Path) -> None:
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    for expected in (
        "index.html",
        "transcript.html",
        "archive.html",
        "topics.html",
        "activities/2026/acp.html",
        "activities/2026/mm.html",
        "activities/2026/undoc.html",
        "activities/2026/pending.html",
        "activities/2026/edu.html",
        "requirements/california-license-renewal.html",
        "requirements/residency-year.html",
        "requirements/hospital-reappointment.html",
    ):
        assert expected in pages
    for page in pages:
        html = text(site / page)
        assert '<meta name="robots" content="noindex, nofollow">' in html, page
        assert html.startswith("<!doctype html>"), page
    assert text(site / "robots.txt") == "User-agent: *\nDisallow: /\n"
    assert (site / "static" / "style.css").is_file()


def test_dashboard_shows_profile_progress_chart_pending_and_recent(site: Path) -> None:
    html = text(site / "index.html")
    seen = visible(html)
    assert "Test Physician, MD" in seen
    assert "NPI 1234567893" in seen
    assert "A123456" in seen and "expires Jun 30, 2027" in seen
    # Every requirement links to its page, with its state in words.
    assert 'href="requirements/california-license-renewal.html"' in html
    assert 'href="requirements/residency-year.html"' in html
    assert "In progress" in seen and "Overdue" in seen and "Met" in seen
    # California: 19.50 + 1.00 documented, practice-management capped at 5 (6 → 5, cut 1.00).
    assert "19.50 of 50.00 credits" in seen
    assert "30.50 to go" in seen
    assert "Due Jun 30, 2027 (in 217 days)" in seen
    assert "pain-management: 2.00 / 12.00" in seen
    # Progress bars: distinct shape classes and an accessible label with the figures.
    assert (
        'class="meter meter-in-progress" role="img" aria-label="19.50 of 50.00 credits, In progress"'
        in html
    )
    assert "meter meter-overdue" in html and "meter meter-met" in html
    # Chart: inline SVG, one bar per credit type and year, no script anywhere.
    assert "<svg" in html and "<script" not in html.lower()
    assert re.search(r'<rect class="series-\d" [^>]*height="[1-9]', html)
    assert "Documented credits per year" in seen
    # Pending claim with its countdown.
    assert "Regional Symposium" in seen and "in 7 days" in seen
    assert 'href="activities/2026/pending.html"' in html
    assert "Grand Rounds Without Certificate" in seen


def test_activity_page_shows_every_field_and_relative_certificate_links(site: Path) -> None:
    html = text(site / "activities/2026/acp.html")
    seen = visible(html)
    for fact in (
        "Apr 16, 2026 – Apr 18, 2026",
        "American College of Physicians",
        "ACCME",
        "Conference",
        "19.50 AMA PRA Category 1",
        "19.50 ABIM MOC points",
        "pain-management (2.00 credits)",
        "San Diego, CA",
        "https://example.org/acp",
        "content/activities/2026/acp.md",
        "Documented",
    ):
        assert fact in seen, fact
    assert 'href="../../certificates/2026/acp.pdf"' in html
    assert 'href="../../static/style.css"' in html
    assert 'href="../../topics.html#topic-cardiology"' in html
    assert 'href="../../requirements/california-license-renewal.html"' in html
    image = text(site / "activities/2026/mm.html")
    assert re.search(
        r'<a class="thumb" href="../../certificates/2026/mm.png"><img src="../../certificates/2026/mm.png"',
        image,
    )
    undoc = visible(text(site / "activities/2026/undoc.html"))
    assert "Undocumented" in undoc and "No certificate on file" in undoc
    pending = visible(text(site / "activities/2026/pending.html"))
    assert "Complete the evaluation or claim by Dec 2, 2026 (in 7 days)" in pending


def test_requirement_page_explains_every_figure(site: Path) -> None:
    html = text(site / "requirements/california-license-renewal.html")
    seen = visible(html)
    assert "Medical Board of California" in seen
    assert "Earned 19.50" in seen and "Needed 50.00" in seen and "Remaining 30.50" in seen
    assert "Due Jun 30, 2027 in 217 days" in seen
    assert "Before caps 20.50" in seen
    # The minimum with its figures and the partial topic's note.
    assert "2.00 of 12.00 credits · 10.00 remaining" in seen
    assert "partial topic: 2.0 of 19.5" in seen
    # The cap: limit, what the topic brought, what was cut.
    assert "At most 5.00 credits may come from this topic (0.10 × 50.00)" in seen
    assert "It brought 6.00; 1.00 cut from the total." in seen
    # Counted activities with amounts, excluded ones with the engine's reason.
    assert re.search(r"ACP Meeting &lt;2026&gt; &amp; Friends</a>.*?19.50", html, re.S)
    assert "no certificate on file (undocumented)" in seen
    assert "educational only, not accredited CME" in seen
    assert "claim pending (complete it by 2026-12-02)" in seen
    assert 'href="../activities/2026/undoc.html"' in html
    overdue = visible(text(site / "requirements/residency-year.html"))
    assert "Overdue" in overdue and "148 days ago" in overdue


def test_transcript_archive_and_topics(site: Path) -> None:
    seen = visible(text(site / "transcript.html"))
    assert "AMA PRA Category 1 20.50" in seen
    assert "ABIM MOC points 19.50" in seen
    for label in ("Documented", "Undocumented", "Pending claim", "Educational"):
        assert label in seen
    archive = text(site / "archive.html")
    assert 'id="year-2026"' in archive and "5 activities" in archive
    topics = visible(text(site / "topics.html"))
    assert "patient-safety — 1.00 credits from activities tagged with it" in topics
    assert "pain-management — 2.00 topic credits" in topics


# ---------------------------------------------------------------------------------------------- safety


def test_titles_are_escaped(site: Path) -> None:
    html = text(site / "activities/2026/acp.html")
    assert "ACP Meeting &lt;2026&gt; &amp; Friends" in html
    assert "<2026>" not in html


def test_notes_are_markdown_sanitized_and_never_jinja(site: Path) -> None:
    html = text(site / "activities/2026/acp.html")
    notes = html[html.index('<div class="notes">') :]
    assert "<strong>bold</strong>" in notes
    assert "<table>" in notes and "<td>apixaban</td>" in notes
    assert "<pre><code>if (a &lt; b) { return; }" in notes
    assert "{{ 7*7 }}" in notes and "49" not in notes
    assert "{% raw %}" in notes
    low = html.lower()
    assert "<script" not in low
    assert "__pwned" not in html
    assert "onerror" not in low and "onclick" not in low
    assert "javascript:" not in low


def test_private_notes_never_published(site: Path) -> None:
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".csv", ".ics", ".txt"):
            assert "SECRET-PEER-REVIEW" not in path.read_text(encoding="utf-8"), path
    assert "These notes are private" in text(site / "activities/2026/mm.html")


def test_render_notes_unit() -> None:
    assert str(render_notes("")) == ""
    out = str(render_notes('[a](javascript:alert(1)) [b](https://x.org) <svg onload="x()"></svg>'))
    assert "javascript" not in out and "onload" not in out and "<svg" not in out
    assert 'href="https://x.org"' in out and 'rel="noopener noreferrer nofollow"' in out
    assert "<img" not in str(render_notes("![remote](https://tracker.example/p.gif)"))


# ---------------------------------------------------------------------------------------------- links


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.urls.append(value)
            if name == "id" and value:
                self.ids.add(value)


def test_every_internal_link_is_relative_and_resolves(site: Path) -> None:
    parsed = {}
    for page in site.rglob("*.html"):
        p = Links()
        p.feed(text(page))
        parsed[page] = p
    checked = 0
    for page, p in parsed.items():
        for url in p.urls:
            parts = urlsplit(url)
            if parts.scheme in ("http", "https", "mailto"):
                assert url == "https://example.org/acp", f"{page}: unexpected external link {url}"
                continue
            assert not parts.scheme and not parts.netloc, f"{page}: {url}"
            assert not url.startswith("/"), f"{page}: absolute link {url}"
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            assert target.is_file(), f"{page}: broken link {url}"
            assert target.is_relative_to(site.resolve())
            if parts.fragment and target.suffix == ".html":
                assert parts.fragment in parsed[target].ids, f"{page}: missing anchor {url}"
            checked += 1
    assert checked > 100


# ---------------------------------------------------------------------------------------------- themes


def test_example_user_theme_overrides_header_and_colour(tmp_path: Path, repo: Path) -> None:
    rec = RecordBuilder(
        tmp_path, profile=PROFILE + "site: {title: CME Portfolio, theme: example}\n"
    )
    build_record(rec)
    shutil.copytree(repo / "themes" / "example", tmp_path / "themes" / "example")
    site = site_of(rec)
    html = text(site / "index.html")
    assert "Continuing medical education record of Test Physician, MD" in html
    assert 'href="static/example.css"' in html
    assert "--accent: #6b2d5c" in text(site / "static" / "example.css")
    # Everything else still comes from the built-in theme.
    assert (site / "static" / "style.css").read_bytes() == (
        repo / "portfolio/themes/default/static/style.css"
    ).read_bytes()
    assert "Requirements" in html and 'class="meter meter-' in html
    activity = text(site / "activities/2026/acp.html")
    assert 'href="../../static/example.css"' in activity
    assert "Continuing medical education record of" in activity


def test_user_theme_replaces_one_template_and_static_file(tmp_path: Path) -> None:
    rec = RecordBuilder(tmp_path, profile=PROFILE + "site: {theme: mine}\n")
    build_record(rec)
    rec.write(
        "themes/mine/topics.html",
        '{% extends "base.html" %}{% block content %}<h1>My own topics page</h1>{% endblock %}',
    )
    rec.write("themes/mine/static/style.css", "body { color: black; }\n")
    rec.write("themes/mine/static/img/logo.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>\n")
    site = site_of(rec)
    assert "My own topics page" in text(site / "topics.html")
    assert "Requirements" in text(site / "index.html")  # not replaced
    assert text(site / "static" / "style.css") == "body { color: black; }\n"
    assert (site / "static" / "print.css").is_file()
    assert (site / "static" / "img" / "logo.svg").is_file()


def test_missing_theme_is_a_record_error(tmp_path: Path) -> None:
    rec = RecordBuilder(tmp_path, profile=PROFILE + "site: {theme: nowhere}\n")
    build_record(rec)
    result = rec.run("build", "--no-pdf", "--as-of", AS_OF)
    assert result.code == 1
    assert "theme 'nowhere' not found" in result.err
    assert "Traceback" not in result.err


# ---------------------------------------------------------------------------------------------- reproducible


def test_rebuild_is_byte_identical(rec: RecordBuilder, monkeypatch: pytest.MonkeyPatch) -> None:
    build_record(rec)
    first = rec.root / "one"
    second = rec.root / "two"
    assert rec.run("build", "--no-pdf", "--as-of", AS_OF, "--out", str(first)).code == 0
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "2000000000")  # a different generation time
    assert rec.run("build", "--no-pdf", "--as-of", AS_OF, "--out", str(second)).code == 0
    files = sorted(
        p.relative_to(first)
        for p in first.rglob("*")
        if p.is_file() and p.relative_to(first).as_posix() != freshness.STAMP
    )
    assert files == sorted(
        p.relative_to(second)
        for p in second.rglob("*")
        if p.is_file() and p.relative_to(second).as_posix() != freshness.STAMP
    )
    assert any(f.suffix == ".html" for f in files)
    for f in files:
        assert (first / f).read_bytes() == (second / f).read_bytes(), f
    assert "as of" in text(first / "index.html")
    assert not re.search(r"\d\d:\d\d:\d\d", text(first / "index.html"))


def test_demo_record_builds(repo: Path, tmp_path: Path) -> None:
    shutil.copytree(repo / "content", tmp_path / "content")
    rec = RecordBuilder(tmp_path, profile=None)
    site = site_of(rec)
    assert len(list((site / "activities").rglob("*.html"))) == len(
        list((tmp_path / "content" / "activities").rglob("*.md"))
    )
    assert len(list((site / "requirements").glob("*.html"))) >= 1
    for page in site.rglob("*.html"):
        assert "Case details are confidential" not in text(page)


def test_requirement_with_total_reached_but_minimum_short_says_so(rec: RecordBuilder) -> None:
    rec.activity("a", date="2026-03-01", credits="5", certificate=rec.certificate("a.pdf"))
    rec.requirements(
        "requirements:\n  - name: Board\n    credit_types: any\n    credits: 2\n    window: lifetime\n"
        "    minimums: [{topic: ethics, credits: 1}]\n"
    )
    site = site_of(rec)
    dash = visible(text(site / "index.html"))
    assert "5.00 of 2.00 credits" in dash
    assert "Total reached; minimum still short: ethics (1.00 more)." in dash
    page = text(site / "requirements/board.html")
    assert "The total is reached, but this minimum is not met yet" in visible(page)
    assert 'href="#minimum-1"' in page and 'id="minimum-1"' in page


def test_links_to_odd_file_names_are_escaped(rec: RecordBuilder) -> None:
    cert = rec.certificate("2026/My cert #1 (final).pdf")
    rec.activity(
        "2026/grand rounds?", title="Odd Names", date="2026-03-01", certificate=f'"{cert}"'
    )
    site = site_of(rec)
    activity = site / "activities/2026/grand rounds?.html"
    assert activity.is_file()
    html = text(activity)
    assert 'href="../../certificates/2026/My%20cert%20%231%20%28final%29.pdf"' in html
    assert 'href="activities/2026/grand%20rounds%3F.html"' in text(site / "archive.html")
