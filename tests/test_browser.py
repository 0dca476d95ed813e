"""The built site in a real headless Chromium (Debian's, never a downloaded one), over file:// and HTTP.

Every page loads without a console error or a failed request, nothing leaves localhost, every internal and
certificate link resolves, planted script in notes does not run, the layout holds at 375 and 1280 px
(screenshots kept in tests/artifacts/), and axe-core finds no serious or critical accessibility violation.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import gitrepo
import pytest
from builder import RecordBuilder

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
REPO = Path(__file__).resolve().parent.parent
AXE = REPO / "tests" / "js" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = REPO / "tests" / "artifacts"
AS_OF = "2026-11-25"
SUBPATH = "records/cme-portfolio"  # the site is served below a sub-path, not at the server's root

PLANTED = """\
---
title: Planted Script Test
date: 2026-03-01
provider: University Hospital CME Office
credits: 1.0
certificate: certificates/2026/2026-03-14-hf-grand-rounds.pdf
---
Before.

<script>window.__pwned = "script"</script>
<img src="x" onerror="window.__pwned = 'onerror'">
<svg onload="window.__pwned = 'svg'"></svg>
<a href="javascript:void(window.__pwned='link')" id="evil">click me</a>
<p onmouseover="window.__pwned = 'hover'">Hover here</p>

After.
"""
PLANTED_PAGE = "activities/2026/2026-03-01-planted.html"


@dataclass
class Built:
    site: Path  # the built folder
    www: Path  # the HTTP server's document root (the site is at www/SUBPATH)
    pages: list[str]  # site-relative POSIX paths of every HTML page


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The demo record plus one activity with planted script, built below a sub-path."""
    root = tmp_path_factory.mktemp("record")
    shutil.copytree(REPO / "content", root / "content")
    gitrepo.init(
        root
    )  # committed long after most activities: pages show recorded-on dates and late entries
    gitrepo.commit(root, "2026-11-20")
    (root / "content/activities/2026/2026-03-01-planted.md").write_text(PLANTED, encoding="utf-8")
    www = root / "www"
    site = www / SUBPATH
    result = RecordBuilder(root, profile=None).run(
        "build", "--no-pdf", "--as-of", AS_OF, "--out", str(site)
    )
    assert result.code == 0, result.err
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert PLANTED_PAGE in pages
    assert "Recorded late" in (site / "transcript.html").read_text(encoding="utf-8")
    return Built(site, www, pages)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


@contextlib.contextmanager
def serving(directory: Path, subpath: str) -> Iterator[str]:
    """An HTTP server on 127.0.0.1 for ``directory``; yields the URL of ``subpath`` below it."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/{subpath}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium() -> Iterator[object]:
    """Debian's Chromium, headless, through Playwright (never a downloaded browser)."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def http_base(built: Built) -> Iterator[str]:
    with serving(built.www, SUBPATH) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as launched:
        yield launched


@pytest.fixture(params=["file", "http"])
def base(request: pytest.FixtureRequest, built: Built) -> str:
    if request.param == "file":
        return built.site.as_uri() + "/"
    return request.getfixturevalue("http_base")


def is_local(url: str, base: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme == "file":
        return base.startswith("file:")
    if parts.scheme in ("data", "about"):
        return True
    return parts.scheme == "http" and parts.hostname == "127.0.0.1"


@dataclass
class Watch:
    """Everything that went wrong while pages loaded."""

    base: str
    problems: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def attach(self, page) -> None:  # noqa: ANN001 - playwright Page
        page.on(
            "console",
            lambda m: m.type == "error" and self.problems.append(f"console error: {m.text}"),
        )
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        page.on(
            "requestfailed",
            lambda r: self.problems.append(f"request failed: {r.url} ({r.failure})"),
        )
        page.on(
            "response",
            lambda r: r.status >= 400 and self.problems.append(f"HTTP {r.status}: {r.url}"),
        )
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("dialog", lambda d: (self.problems.append(f"dialog: {d.message}"), d.dismiss()))


def new_context(browser, base: str, **options):  # noqa: ANN001, ANN201 - playwright objects
    context = browser.new_context(**options)

    def guard(route) -> None:  # noqa: ANN001 - playwright Route
        # Never let a request leave the machine, even if a page asked for one (the test then fails).
        if is_local(route.request.url, base):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", guard)
    return context


def site_path(url: str, base: str) -> str | None:
    """The site-relative path a URL points at, or None when it is outside the site."""
    clean = url.split("#", 1)[0].split("?", 1)[0]
    if not clean.startswith(base):
        return None
    return unquote(clean[len(base) :]) or "index.html"


# ------------------------------------------------------------------------------------------------- loading


def test_every_page_loads_clean_and_stays_local(browser, built: Built, base: str) -> None:  # noqa: ANN001
    context = new_context(browser, base)
    page = context.new_page()
    watch = Watch(base)
    watch.attach(page)
    for rel in built.pages:
        page.goto(base + rel, wait_until="load")
        assert page.title(), rel
    context.close()
    assert watch.problems == []
    outside = [u for u in watch.requests if not is_local(u, base)]
    assert outside == []
    assert len(watch.requests) >= len(built.pages) * 2  # each page and at least its stylesheet


def test_every_internal_and_certificate_link_resolves(browser, built: Built, base: str) -> None:  # noqa: ANN001
    context = new_context(browser, base)
    page = context.new_page()
    targets: dict[str, str] = {}  # site path → first page that links to it
    external: set[str] = set()
    for rel in built.pages:
        page.goto(base + rel)
        urls = page.eval_on_selector_all(
            "a[href], img[src], link[href]", "els => els.map(e => e.href || e.src)"
        )
        for url in urls:
            path = site_path(url, base)
            if path is None:
                assert urlsplit(url).scheme in ("http", "https"), f"{rel}: {url}"
                assert not is_local(url, base), f"{rel}: a local link outside the site: {url}"
                external.add(url)
                continue
            targets.setdefault(path, rel)
    missing = []
    for path, source in sorted(targets.items()):
        if base.startswith("http"):
            response = context.request.get(base + path)
            ok = response.ok
        else:
            ok = (built.site / path).is_file()
        if not ok:
            missing.append(f"{source} → {path}")
    context.close()
    assert missing == []
    assert any(p.startswith("certificates/") and p.endswith(".pdf") for p in targets)
    assert any(p.startswith("certificates/") and p.endswith(".png") for p in targets)
    assert any(p.startswith("requirements/") for p in targets)
    unreachable = sorted(set(built.pages) - set(targets))
    assert unreachable == [], "pages no other page links to"


def test_planted_script_in_notes_does_not_run(browser, built: Built, base: str) -> None:  # noqa: ANN001
    context = new_context(browser, base)
    page = context.new_page()
    watch = Watch(base)
    watch.attach(page)
    page.goto(base + PLANTED_PAGE)
    notes = page.locator(".notes")
    assert "Before." in notes.inner_text() and "After." in notes.inner_text()
    page.evaluate("() => { window.__alive = 'still here' }")  # gone if the page were replaced
    page.hover("text=Hover here")
    page.click("text=click me")
    page.wait_for_timeout(200)
    assert page.evaluate("() => [window.__pwned ?? null, window.__alive ?? null]") == [
        None,
        "still here",
    ]
    assert page.locator(".notes script, .notes svg, .notes img, .notes [onerror]").count() == 0
    assert page.locator(".notes a[href^='javascript']").count() == 0
    context.close()
    assert watch.problems == []


@pytest.mark.parametrize("vector", ["script", "onerror", "svg", "link", "hover"])
def test_planted_script_probe_sees_each_vector_unsanitized(browser, vector: str) -> None:  # noqa: ANN001
    """The control for the test above: the same markup, not sanitized, does set the probe."""
    body = PLANTED.split("---\n", 2)[2]
    line = next(line for line in body.splitlines() if vector in line)
    context = browser.new_context()
    page = context.new_page()
    page.set_content(f"<!doctype html><body><p>x</p>{line}</body>")
    page.evaluate("() => { window.__alive = 'still here' }")
    if vector == "hover":
        page.hover("text=Hover here")
    if vector == "link":
        page.click("text=click me")
    page.wait_for_timeout(200)
    assert page.evaluate("() => [window.__pwned ?? null, window.__alive ?? null]") == [
        vector,
        "still here",
    ]
    context.close()


# -------------------------------------------------------------------------------------------------- layout


LAYOUT_PAGES = {
    "dashboard": "index.html",
    "transcript": "transcript.html",
    "archive": "archive.html",
    "topics": "topics.html",
    "activity": "activities/2026/2026-04-16-acp-internal-medicine-meeting.html",
    "activity-image": "activities/2026/2026-02-05-mm-diagnostic-error.html",
    "requirement": "requirements/california-license-renewal.html",
}


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_layout_holds_and_screenshots(browser, built: Built, width: int, scheme: str) -> None:  # noqa: ANN001
    base = built.site.as_uri() + "/"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = new_context(
        browser, base, viewport={"width": width, "height": 900}, color_scheme=scheme
    )
    page = context.new_page()
    for name, rel in LAYOUT_PAGES.items():
        assert rel in built.pages, rel
        page.goto(base + rel)
        overflow = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert overflow[0] <= overflow[1], f"{rel} at {width}px: {overflow[0]}px wide content"
        wide = page.evaluate(
            """w => [...document.querySelectorAll('body *')]
                 .filter(e => e.getBoundingClientRect().right > w + 1 && !e.closest('.table-wrap'))
                 .map(e => e.tagName + '.' + e.className).slice(0, 5)""",
            width,
        )
        assert wide == [], f"{rel} at {width}px: elements past the right edge {wide}"
        page.screenshot(path=str(ARTIFACTS / f"{name}-{width}-{scheme}.png"), full_page=True)
    context.close()


def test_print_stylesheet_hides_navigation(browser, built: Built) -> None:  # noqa: ANN001
    base = built.site.as_uri() + "/"
    context = new_context(browser, base)
    page = context.new_page()
    page.goto(base + "index.html")
    assert page.locator(".site-nav").is_visible()
    page.emulate_media(media="print")
    assert not page.locator(".site-nav").is_visible()
    context.close()


# -------------------------------------------------------------------------------------------------- axe-core


AXE_PAGES = [
    "index.html",
    "activities/2026/2026-04-16-acp-internal-medicine-meeting.html",
    "activities/2026/2026-02-05-mm-diagnostic-error.html",
    "transcript.html",
    "requirements/california-license-renewal.html",
    "requirements/residency-cme-expectation-academic-year-2025-2026.html",
]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("rel", AXE_PAGES)
def test_axe_finds_no_serious_violation(browser, built: Built, rel: str, scheme: str) -> None:  # noqa: ANN001
    if not AXE.is_file():
        pytest.fail(f"axe-core is missing ({AXE}): run `npm ci --prefix tests/js`")
    if rel not in built.pages:
        pytest.fail(f"{rel} is not in the demo site any more; update AXE_PAGES")
    base = built.site.as_uri() + "/"
    context = new_context(browser, base, color_scheme=scheme)
    page = context.new_page()
    page.goto(base + rel)
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    context.close()
    # axe really ran: it names itself, and rules that every page of ours passes are listed as passed
    assert results["testEngine"]["name"] == "axe-core"
    passed = {rule["id"] for rule in results["passes"]}
    assert {"document-title", "html-has-lang"} <= passed, sorted(passed)
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(n["target"][0] if n["target"] else "?" for n in v["nodes"][:5])
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert bad == [], f"{rel} ({scheme}):\n" + "\n".join(bad)
