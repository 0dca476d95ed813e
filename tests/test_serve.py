"""`portfolio serve`: a real process on a free port, a real edit, the page changes; a bad edit keeps the site."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from builder import RecordBuilder

DEADLINE = 30.0  # seconds to wait for a (re)build; a rebuild of this record takes well under one


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(check: Callable[[], bool], what: str) -> None:
    end = time.monotonic() + DEADLINE
    while time.monotonic() < end:
        if check():
            return
        time.sleep(0.2)
    pytest.fail(f"gave up after {DEADLINE:.0f} s waiting for {what}")


@pytest.fixture
def server(rec: RecordBuilder) -> Iterator[tuple[RecordBuilder, str, subprocess.Popen[str]]]:
    rec.activity("a", title="First Title", date="2026-03-14", certificate=rec.certificate("a.pdf"))
    port = free_port()
    repo = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(repo), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "portfolio",
            "--root",
            str(rec.root),
            "serve",
            "--port",
            str(port),
            "--as-of",
            "2026-11-25",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(
            lambda: proc.poll() is not None or "First Title" in (fetch(base + "index.html") or ""),
            "the first build",
        )
        assert proc.poll() is None, proc.communicate()
        yield rec, base, proc
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def test_serve_rebuilds_on_change_and_keeps_last_good_site(server) -> None:  # noqa: ANN001
    rec, base, proc = server
    page = base + "activities/a.html"
    assert "First Title" in (fetch(page) or "")
    assert "noindex" in (fetch(base + "index.html") or "")
    # An edit shows up.
    rec.activity("a", title="Second Title", date="2026-03-14", certificate="certificates/a.pdf")
    wait_for(lambda: "Second Title" in (fetch(page) or ""), "the edited title")
    # A broken edit: the error is printed, the last good site stays.
    rec.activity("a", raw="title: Broken\ndate: not-a-date\nprovider: X\ncredits: 1\n")
    time.sleep(2.0)
    assert "Second Title" in (fetch(page) or "")
    # The fix is picked up again.
    rec.activity("a", title="Third Title", date="2026-03-14", certificate="certificates/a.pdf")
    wait_for(lambda: "Third Title" in (fetch(page) or ""), "the fixed title")
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=10)
    assert "Serving" in out and "127.0.0.1" in out
    assert "content/activities/a.md:" in err and "error:" in err
    assert "still serving the last good site" in err
    assert "Traceback" not in err


def test_serve_listens_on_loopback_only(server) -> None:  # noqa: ANN001
    _, base, _ = server
    port = int(base.rsplit(":", 1)[1].strip("/"))
    table = Path("/proc/net/tcp")
    if not table.exists():
        pytest.skip("needs Linux /proc/net/tcp to list listening sockets")
    listening = []
    for line in table.read_text(encoding="utf-8").splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, hex_port = local.split(":")
        if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
            listening.append(address)
    assert listening == ["0100007F"]  # 127.0.0.1, never 0.0.0.0 (00000000)


def test_editor_temporary_files_do_not_trigger_rebuilds() -> None:
    from portfolio.serve import record_files

    assert record_files(None, "/r/content/activities/2026/a.md")
    assert record_files(None, "/r/themes/mine/static/style.css")
    for temp in ("sedBQCpXA", ".a.md.swp", "a.md~", ".#a.md", "4913"):
        assert not record_files(None, f"/r/content/activities/2026/{temp}"), temp


@pytest.mark.parametrize(
    ("host", "allowed"),
    [
        ("127.0.0.1:{port}", True),
        ("localhost:{port}", True),
        ("127.0.0.1", True),
        (
            "attacker.example:{port}",
            False,
        ),  # DNS rebinding: a web page's own name pointing at 127.0.0.1
        ("127.0.0.1.attacker.example", False),
        ("", False),
    ],
)
def test_serve_answers_only_its_loopback_host(server, host, allowed):
    import http.client

    _rec, base, _proc = server
    port = int(base.rsplit(":", 1)[1].strip("/"))
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    conn.putrequest("GET", "/transcript.json", skip_host=True)
    if host:
        conn.putheader("Host", host.format(port=port))
    conn.endheaders()
    response = conn.getresponse()
    body = response.read()
    conn.close()
    if allowed:
        assert response.status == 200 and b'"activities"' in body
    else:
        assert response.status == 421 and b"activities" not in body


def test_serve_keeps_the_pdf_a_full_build_wrote(rec: RecordBuilder):
    from portfolio import serve, site

    rec.activity("a", certificate=rec.certificate("a.pdf"))
    site.build(rec.root, as_of="2026-11-25")
    pdf = rec.root / "site" / "transcript.pdf"
    before = pdf.read_bytes()
    rec.activity(
        "b", title="B", certificate="certificates/a.pdf"
    )  # an edit: serve rebuilds, no PDF
    assert serve.rebuild(rec.root, rec.root / "site", "2026-11-25")
    assert (rec.root / "site" / "activities" / "b.html").is_file()
    assert pdf.read_bytes() == before
