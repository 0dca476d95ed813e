"""An encrypted site and a share file in a real headless Chromium (Debian's), from file:// and over HTTP.

The right passphrase shows the dashboard and reaches other pages without asking again; Lock forgets the key;
certificates and the PDF download with their original bytes; a wrong passphrase shows nothing of the record;
a flipped byte says "damaged"; the browser derives the same key and names as Python; axe-core is content.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from builder import RecordBuilder
from test_browser import AXE, Watch, chromium, is_local, new_context, serving

from portfolio import encrypt

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
AS_OF = "2026-11-25"
SUBPATH = "private/cme"
PASSPHRASE = "correct horse battery staple 42"
ACTIVITY_TITLE = "CHEST Annual Meeting 2026"
REQUIREMENT = "California license renewal"
PDF_CERT = "certificates/2026/2026-03-14-hf-grand-rounds.pdf"
PDF_CERT_PAGE = "activities/2026/2026-03-14-hf-grand-rounds.html"


@dataclass
class Encrypted:
    root: Path
    site: Path
    www: Path
    plain: dict[str, bytes]  # original path → bytes, decrypted in Python


@pytest.fixture(scope="module")
def encrypted(tmp_path_factory: pytest.TempPathFactory) -> Encrypted:
    root = tmp_path_factory.mktemp("record")
    shutil.copytree(REPO / "content", root / "content")
    www = root / "www"
    site = www / SUBPATH
    builder = RecordBuilder(root, profile=None)
    mp = pytest.MonkeyPatch()
    mp.setenv("PORTFOLIO_PASSPHRASE", PASSPHRASE)
    try:
        result = builder.run("build", "--encrypt", "--as-of", AS_OF, "--out", str(site))
    finally:
        mp.undo()
    assert result.code == 0, result.err
    return Encrypted(root, site, www, encrypt.open_site(site, PASSPHRASE))


@pytest.fixture(scope="module")
def http_base(encrypted: Encrypted) -> Iterator[str]:
    with serving(encrypted.www, SUBPATH) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as launched:
        yield launched


@pytest.fixture(params=["file", "http"])
def base(request: pytest.FixtureRequest, encrypted: Encrypted) -> str:
    if request.param == "file":
        return encrypted.site.as_uri() + "/"
    return request.getfixturevalue("http_base")


def unlock(page, passphrase: str = PASSPHRASE) -> None:  # noqa: ANN001 - playwright Page
    page.fill("#portfolio-pass", passphrase)
    page.click("#portfolio-submit")


def visit(page, url: str) -> None:  # noqa: ANN001 - playwright Page
    """Open another page of the site in this tab as a link does: a navigation the page itself starts.

    page.goto is the address bar's (browser-initiated; Chromium may load the page in a new renderer process).
    In 2 of about 12 full-suite CI runs, a file:// page opened that way right after an unlocked one never
    showed (state unknown then; shown() now records it). Links are how a reader moves between pages, and
    what these tests mean to check."""
    with page.expect_navigation(url=url):
        page.evaluate("url => { setTimeout(() => location.assign(url), 0); }", url)


STATE = """() => ({url: location.href, title: document.title, ready: document.readyState,
    asked: document.getElementById('portfolio-form') ? !document.getElementById('portfolio-form').hidden : null,
    message: document.getElementById('portfolio-message')?.textContent ?? null,
    stored: (() => { try { return Object.keys(sessionStorage); } catch (e) { return String(e); } })(),
    body: document.body ? document.body.innerText.slice(0, 200) : null})"""


def shown(page, selector: str) -> None:  # noqa: ANN001 - playwright Page
    """Wait for the unlocked page, and for its stylesheets and images: leaving a page while they still
    load would abort them (a failed request the watch reports).

    If the page asks for the passphrase after 20 s: when it says why (the key the tab kept did not open it),
    or over HTTP, that is a failure. Asked with nothing said, from file://, the tab's sessionStorage was empty
    when the page loaded — seen in 3 of about 14 CI runs (headless Chromium, never over HTTP, never
    reproduced alone), and what the README tells readers may happen with pages opened as files: a warning,
    then unlocking again must work. A page that shows nothing new is reloaded once, with a warning."""
    import warnings

    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_selector(selector, timeout=20_000)
    except PlaywrightTimeout:
        state = page.evaluate(STATE)
        if state["asked"] and state["url"].startswith("file:") and not state["message"]:
            warnings.warn(f"{selector}: the browser kept no key for {state}", stacklevel=2)
            unlock(page)
            page.wait_for_selector(selector)
        elif state["asked"]:
            raise AssertionError(
                f"{selector} not shown, the passphrase asked for: {state}"
            ) from None
        else:
            warnings.warn(
                f"{selector} not shown in 20 s, reloading once; the page: {state}", stacklevel=2
            )
            page.reload()
            try:
                page.wait_for_selector(selector)
            except PlaywrightTimeout:
                raise AssertionError(
                    f"{selector} not shown, before or after a reload: {state}, then {page.evaluate(STATE)}"
                ) from None
    page.wait_for_function(
        """() => [...document.querySelectorAll('link[rel=stylesheet]')].every(l => l.sheet)
              && [...document.images].every(i => i.complete)"""
    )


def record_words(plain: dict[str, bytes]) -> list[str]:
    """Values of the record a locked page must never show."""
    import json

    data = json.loads(plain["transcript.json"])
    words = {"Jordan Avery", "1234567893", "A123456"}
    words |= {a["title"] for a in data["activities"]}
    words |= {a["provider"] for a in data["activities"]}
    return sorted(words)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ----------------------------------------------------------------------------------------- the site


def test_unlock_once_then_navigate_without_asking(browser, encrypted: Encrypted, base: str) -> None:  # noqa: ANN001
    context = new_context(browser, base)
    page = context.new_page()
    watch = Watch(base)
    watch.attach(page)
    page.goto(base + "index.html")
    assert page.title() == "Private page"
    assert page.locator("#portfolio-form").is_visible()
    unlock(page)
    shown(page, ".site-nav")
    assert "Dashboard" in page.title()
    assert "Jordan Avery" in page.inner_text("body")
    assert page.locator("#portfolio-lock-button").is_visible()
    # The dashboard's progress bars get their widths (style attributes, applied through the CSSOM).
    widths = page.eval_on_selector_all(".meter-fill", "els => els.map(e => e.style.width)")
    assert widths and all(w.endswith("%") for w in widths)
    assert page.evaluate("() => getComputedStyle(document.querySelector('.site-header')).display")
    page.click(f"a:has-text('{ACTIVITY_TITLE}')")
    shown(page, ".site-nav")
    assert ACTIVITY_TITLE in page.inner_text("h1")
    assert page.locator("#portfolio-form").count() == 0  # not asked again
    name = page.url.rsplit("/", 1)[-1]
    assert name == encrypted.site.joinpath(name).name and len(name) == 25  # opaque
    visit(page, base + "index.html")
    shown(page, ".site-nav")
    page.click(f"a:has-text('{REQUIREMENT}')")
    shown(page, ".site-nav")
    assert REQUIREMENT in page.inner_text("h1")
    assert page.locator("#portfolio-form").count() == 0
    # Every page-to-page link points at a published file.
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    local = [h.split("#")[0] for h in hrefs if h and not h.startswith(("#", "http", "mailto"))]
    assert local and all((encrypted.site / h).is_file() for h in local), local
    context.close()
    assert watch.problems == []
    assert [u for u in watch.requests if not is_local(u, base)] == []


def test_lock_forgets_the_key(browser, encrypted: Encrypted, base: str) -> None:  # noqa: ANN001
    context = new_context(browser, base)
    page = context.new_page()
    page.goto(base + "index.html")
    unlock(page)
    shown(page, ".site-nav")
    assert page.evaluate("() => sessionStorage.length") == 1
    page.click("#portfolio-lock-button")
    page.wait_for_selector("#portfolio-form:not([hidden])")
    assert page.evaluate("() => sessionStorage.length") == 0
    assert "Jordan Avery" not in page.inner_text("body")
    page.goto(base + "index.html")
    page.wait_for_selector("#portfolio-form:not([hidden])")  # asked again
    # The passphrase itself is never stored, only the derived key.
    unlock(page)
    shown(page, ".site-nav")
    stored = page.evaluate("() => Object.values(sessionStorage).join(' ')")
    assert PASSPHRASE not in stored and stored
    context.close()


def _download(page, click: str) -> bytes:  # noqa: ANN001 - playwright Page
    with page.expect_download() as info:
        page.click(click)
    path = info.value.path()
    return Path(path).read_bytes(), info.value.suggested_filename


def test_certificate_and_pdf_download_with_their_bytes(
    browser, encrypted: Encrypted, base: str
) -> None:  # noqa: ANN001
    context = new_context(browser, base, accept_downloads=True)
    page = context.new_page()
    watch = Watch(base)
    watch.attach(page)
    page.goto(base + "index.html")
    unlock(page)
    shown(page, ".site-nav")
    key = encrypt.read_shell((encrypted.site / "index.html").read_bytes())[0]
    keys = encrypt.keys_for(key, PASSPHRASE)
    visit(page, base + keys.name(PDF_CERT_PAGE))
    shown(page, ".certs")
    page.click(".certs a.file")
    page.wait_for_selector("#portfolio-download")
    data, name = _download(page, "#portfolio-download")
    original = (encrypted.root / "content" / PDF_CERT).read_bytes()
    assert sha256(data) == sha256(original)
    assert name == Path(PDF_CERT).name
    assert sha256(original) in page.inner_text("body")
    visit(page, base + keys.name("transcript.html"))
    shown(page, ".site-nav")
    page.click("a[href]:has-text('PDF transcript') >> nth=0")
    page.wait_for_selector("#portfolio-download")
    data, name = _download(page, "#portfolio-download")
    assert name == "transcript.pdf" and data.startswith(b"%PDF-")
    assert sha256(data) == sha256(encrypted.plain["transcript.pdf"])
    # An image certificate is shown on its activity page (it travels inside that page).
    visit(page, base + keys.name("activities/2026/2026-02-05-mm-diagnostic-error.html"))
    shown(page, ".certs img")
    assert page.evaluate("() => document.querySelector('.certs img').naturalWidth") > 0
    context.close()
    assert watch.problems == []


def test_a_key_that_no_longer_opens_the_site_is_forgotten_and_said(
    browser, encrypted: Encrypted, base: str
) -> None:  # noqa: ANN001
    """The tab remembers a key that does not open this site (it was rebuilt with another passphrase): the page
    says so, forgets it, and asks; the right passphrase then unlocks it."""
    context = new_context(browser, base)
    page = context.new_page()
    page.goto(base + "index.html")
    page.wait_for_selector("#portfolio-form:not([hidden])")
    salt = encrypt.read_shell((encrypted.site / "index.html").read_bytes())[0]["salt"]
    page.evaluate(
        "key => sessionStorage.setItem(key, btoa('x'.repeat(32)))", f"portfolio-key:{salt}"
    )
    page.reload()
    page.wait_for_selector("#portfolio-form:not([hidden])")
    assert "does not open this page" in page.inner_text("#portfolio-message")
    assert page.evaluate("() => sessionStorage.length") == 0
    assert "Jordan Avery" not in page.inner_text("body")
    unlock(page)
    shown(page, ".site-nav")
    context.close()


def test_wrong_passphrase_shows_nothing(browser, encrypted: Encrypted, base: str) -> None:  # noqa: ANN001
    context = new_context(browser, base)
    page = context.new_page()
    page.goto(base + "index.html")
    unlock(page, "not the passphrase at all")
    page.wait_for_selector(".portfolio-error")
    text = page.inner_text("#portfolio-message")
    assert "passphrase is not right" in text
    html = page.content()
    assert [w for w in record_words(encrypted.plain) if w in html] == []
    assert page.evaluate("() => sessionStorage.length") == 0
    context.close()


def test_flipped_byte_says_damaged(browser, encrypted: Encrypted, tmp_path: Path) -> None:  # noqa: ANN001
    site = tmp_path / "site"
    shutil.copytree(encrypted.site, site)
    keys = encrypt.keys_for(encrypt.read_shell((site / "index.html").read_bytes())[0], PASSPHRASE)
    victim = site / keys.name("transcript.html")
    data = bytearray(victim.read_bytes())
    start = data.index(b'id="portfolio-data">') + len(b'id="portfolio-data">')
    at = start + 200
    data[at] = ord("A") if data[at] != ord("A") else ord("B")
    victim.write_bytes(bytes(data))
    base = site.as_uri() + "/"
    context = new_context(browser, base)
    page = context.new_page()
    page.goto(base + victim.name)  # no key in the tab yet: the passphrase is right, the file is not
    unlock(page)
    page.wait_for_selector(".portfolio-error")
    assert "damaged" in page.inner_text("#portfolio-message")
    assert "Jordan Avery" not in page.inner_text("body")
    visit(page, base + "index.html")  # the key is in the tab now: the intact page opens
    shown(page, ".site-nav")
    visit(page, base + victim.name)
    shown(page, ".portfolio-error")  # (the tab's key may be gone on file://: see shown)
    assert "damaged" in page.inner_text("#portfolio-message")
    # A page swapped for another (each is bound to its own name) is damaged too.
    shutil.copyfile(site / keys.name("archive.html"), site / keys.name("topics.html"))
    visit(page, base + keys.name("topics.html"))
    shown(page, ".portfolio-error")
    assert "damaged" in page.inner_text("#portfolio-message")
    context.close()


def test_browser_derives_the_same_key_and_names(browser, encrypted: Encrypted) -> None:  # noqa: ANN001
    base = encrypted.site.as_uri() + "/"
    context = new_context(browser, base)
    page = context.new_page()
    page.goto(base + "index.html")
    salt = bytes(range(16))
    import base64

    for passphrase in (PASSPHRASE, "Ünïcödé pässphrase ✓ long enough", "e\u0301tude-normalised-12"):
        python = encrypt.derive_master(passphrase, salt, 1000).hex()
        browser_hex = page.evaluate(
            "([p, s]) => window.portfolioUnlock.derive(p, s, 1000)",
            [passphrase, base64.b64encode(salt).decode()],
        )
        assert browser_hex == python
    keys = encrypt.Keys(salt, 1000, encrypt.derive_master(PASSPHRASE, salt, 1000))
    for path in ("transcript.html", "activities/2026/é x.html", "index.html"):
        name = page.evaluate(
            "([m, p]) => window.portfolioUnlock.name(m, p)", [keys.master.hex(), path]
        )
        assert name == keys.name(path)
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_on_the_unlock_shell(browser, encrypted: Encrypted, scheme: str) -> None:  # noqa: ANN001
    if not AXE.is_file():
        pytest.fail(f"axe-core is missing ({AXE}): run `npm ci --prefix tests/js`")
    base = encrypted.site.as_uri() + "/"
    context = new_context(browser, base, color_scheme=scheme)
    page = context.new_page()
    page.goto(base + "index.html")
    page.wait_for_selector("#portfolio-form:not([hidden])")
    bad = _axe(page)
    unlock(page, "wrong passphrase, shown as an error")
    page.wait_for_selector(".portfolio-error")
    bad += _axe(page)
    # Unlocked: a certificate's download page (the shell's own layout, with the Lock bar).
    keys = encrypt.keys_for(
        encrypt.read_shell((encrypted.site / "index.html").read_bytes())[0], PASSPHRASE
    )
    page.goto(base + keys.name(PDF_CERT))
    unlock(page)
    page.wait_for_selector("#portfolio-download")
    bad += _axe(page)
    context.close()
    assert bad == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_on_an_unlocked_share_file(browser, share_file: Path, scheme: str) -> None:  # noqa: ANN001
    url = share_file.as_uri()
    context = new_context(browser, url, color_scheme=scheme)
    page = context.new_page()
    page.goto(url)
    unlock(page)
    page.wait_for_selector(".portfolio-sheet")
    bad = _axe(page)
    context.close()
    assert bad == []


def _axe(page) -> list[str]:  # noqa: ANN001 - playwright Page
    # The shell's policy allows no other script: axe goes in through the DevTools protocol instead.
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    assert results["passes"] is not None
    return [
        f"{v['id']} ({v['impact']}): {v['help']}"
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]


# ------------------------------------------------------------------------------------ a share file


@pytest.fixture(scope="module")
def share_file(encrypted: Encrypted) -> Path:
    target = encrypted.root / "mail" / "for the committee.html"
    target.parent.mkdir()
    builder = RecordBuilder(encrypted.root, profile=None)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PORTFOLIO_PASSPHRASE", PASSPHRASE)
        made = builder.run(
            "share",
            "--as-of",
            AS_OF,
            "--requirement",
            REQUIREMENT,
            "--with-certificates",
            "-o",
            str(target),
        )
    assert made.code == 0, made.err
    return target


def test_share_file_opens_from_disk_and_downloads(
    browser, encrypted: Encrypted, share_file: Path
) -> None:  # noqa: ANN001
    url = share_file.as_uri()
    context = new_context(browser, url, accept_downloads=True)
    page = context.new_page()
    watch = Watch(url)
    watch.attach(page)
    page.goto(url)
    assert page.title() == "Private page"
    unlock(page, "not the passphrase at all")
    page.wait_for_selector(".portfolio-error")
    assert "passphrase is not right" in page.inner_text("#portfolio-message")
    assert [w for w in record_words(encrypted.plain) if w in page.content()] == []
    unlock(page)
    page.wait_for_selector(".portfolio-sheet")
    assert REQUIREMENT in page.inner_text("body") and "Jordan Avery" in page.inner_text("body")
    opened = encrypt.open_share(share_file, PASSPHRASE)
    data, name = _download(page, "a:has-text('Transcript PDF')")
    assert data.startswith(b"%PDF-") and name.endswith(".pdf")
    assert sha256(data) == sha256(opened[name])
    data, name = _download(page, f"a:has-text('{Path(PDF_CERT).name}')")
    assert name == Path(PDF_CERT).name
    assert sha256(data) == sha256((encrypted.root / "content" / PDF_CERT).read_bytes())
    page.click("#portfolio-lock-button")
    page.wait_for_selector("#portfolio-form:not([hidden])")
    assert "Jordan Avery" not in page.inner_text("body")
    context.close()
    assert watch.problems == []
    assert all(u.startswith(("file:", "blob:", "data:")) for u in watch.requests), watch.requests


def test_share_file_with_a_flipped_byte_says_damaged(
    browser, share_file: Path, tmp_path: Path
) -> None:  # noqa: ANN001
    data = bytearray(share_file.read_bytes())
    start = data.index(b'id="portfolio-data">') + len(b'id="portfolio-data">')
    at = start + 300
    data[at] = ord("A") if data[at] != ord("A") else ord("B")
    damaged = tmp_path / "share.html"
    damaged.write_bytes(bytes(data))
    context = new_context(browser, damaged.as_uri())
    page = context.new_page()
    page.goto(damaged.as_uri())
    unlock(page)
    page.wait_for_selector(".portfolio-error")
    assert "damaged" in page.inner_text("#portfolio-message")
    assert "Jordan Avery" not in page.inner_text("body")
    context.close()
