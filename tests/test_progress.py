"""Progress on a terminal (issue 12, item 12): shown on a TTY after two seconds, never in a pipe or a log."""

from __future__ import annotations

import contextlib
import io
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest
from builder import RecordBuilder

from portfolio import cli, progress


def _record(rec: RecordBuilder, n: int = 5) -> None:
    for i in range(n):
        rec.activity(f"a{i}", title=f"Talk {i}", certificate=rec.certificate(f"c{i}.pdf"))


def _drain(fd: int) -> str:
    os.set_blocking(fd, False)
    chunks = []
    with contextlib.suppress(BlockingIOError, OSError):
        while chunk := os.read(fd, 65536):
            chunks.append(chunk)
    return b"".join(chunks).decode("utf-8", "replace")


def _run_on_tty(rec: RecordBuilder, *args: str) -> tuple[int, str, str]:
    """Run the CLI in-process with stderr on a pseudo-terminal; return (code, stdout, what the terminal got)."""
    master, slave = pty.openpty()
    out = io.StringIO()
    try:
        with (
            os.fdopen(slave, "w", encoding="utf-8", closefd=True) as tty,
            contextlib.chdir(rec.root),
            contextlib.redirect_stdout(out),
            contextlib.redirect_stderr(tty),
        ):
            assert tty.isatty()
            code = cli.main(["--root", str(rec.root), *args])
            tty.flush()
        return code, out.getvalue(), _drain(master)
    finally:
        os.close(master)


@pytest.fixture
def no_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "DELAY", 0.0)
    monkeypatch.setattr(progress, "TICK", 0.01)


def test_build_on_a_terminal_shows_stage_and_count_in_place(rec: RecordBuilder, no_delay: None):
    _record(rec)
    code, out, terminal = _run_on_tty(rec, "build", "--no-pdf", "--as-of", "2026-11-25")
    assert code == 0, terminal
    assert "portfolio build: load" in terminal
    assert re.search(r"portfolio build: render \d+ of \d+ pages · \d+ s", terminal), terminal
    assert re.search(r"portfolio build: write \d+ of \d+ files", terminal), terminal
    assert "\r" in terminal and "\x1b[K" in terminal  # rewritten in place
    assert terminal.rstrip("\n").endswith("\r\x1b[K")  # and erased before the summary
    assert out.startswith("Built 5 activities")  # the summary itself is untouched, on stdout


def test_pdf_on_a_terminal_shows_its_stage(rec: RecordBuilder, no_delay: None, tmp_path: Path):
    _record(rec, 2)
    target = tmp_path / "t.pdf"
    code, out, terminal = _run_on_tty(rec, "pdf", "--as-of", "2026-11-25", "-o", str(target))
    assert code == 0, terminal
    assert "portfolio pdf: render (2 activities)" in terminal, terminal
    assert target.read_bytes().startswith(b"%PDF")
    assert "portfolio pdf:" not in out


def test_nothing_when_stderr_is_not_a_terminal(rec: RecordBuilder, no_delay: None):
    _record(rec)
    result = rec.run("build", "--no-pdf", "--as-of", "2026-11-25")
    assert result.code == 0
    assert "portfolio build:" not in result.err and "\r" not in result.err
    assert "\x1b" not in result.err + result.out


def test_a_short_build_on_a_terminal_shows_nothing(rec: RecordBuilder):
    """The real two-second delay, in a separate process whose stderr is a terminal."""
    _record(rec)
    master, slave = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "portfolio", "--root", str(rec.root), "build", "--no-pdf"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=slave,
            timeout=120,
            check=False,
        )
        os.close(slave)
        slave = -1
        terminal = _drain(master)
    finally:
        if slave >= 0:
            os.close(slave)
        os.close(master)
    assert done.returncode == 0, terminal
    assert b"Built 5 activities" in done.stdout
    assert "portfolio build:" not in terminal and "\x1b[K" not in terminal


def test_a_long_stage_is_shown_by_the_ticker_alone(no_delay: None):
    """One long call (WeasyPrint laying out a transcript) still shows its stage and seconds."""
    master, slave = pty.openpty()
    try:
        with os.fdopen(slave, "w", encoding="utf-8") as tty:
            with progress.showing("pdf", tty):
                progress.stage("render (3 activities)")
                _drain(master)  # what stage() drew itself
                import time

                time.sleep(0.2)
            tty.flush()
        terminal = _drain(master)
    finally:
        os.close(master)
    assert "\rportfolio pdf: render (3 activities) · 0 s\x1b[K" in terminal
    assert terminal.endswith("\r\x1b[K")
