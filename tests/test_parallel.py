"""Notes rendered in worker processes come out exactly as a serial run makes them."""

from __future__ import annotations

from pathlib import Path

import pytest
from builder import RecordBuilder

from portfolio import parallel


def test_pmap_keeps_order_and_results(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("PORTFOLIO_JOBS", "2")
    items = list(range(parallel.MIN_ITEMS * 2 + 7))
    assert parallel.pmap(lambda x: x * x, items) == [x * x for x in items]
    monkeypatch.setenv("PORTFOLIO_JOBS", "1")
    assert parallel.pmap(lambda x: -x, items) == [-x for x in items]


def test_parallel_and_serial_builds_are_byte_identical(
    rec: RecordBuilder, tmp_path: Path, monkeypatch
):
    cert = rec.certificate()
    for i in range(parallel.MIN_ITEMS + 10):
        day = f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}"
        body = f"Note {i}\n\n- point **{i}**\n\n| a | b |\n|---|---|\n| {i} | x |\n"
        rec.activity(f"{i:04d}", title=f"Activity {i}", date=day, certificate=cert, body=body)
    monkeypatch.setenv("PORTFOLIO_JOBS", "2")
    assert (
        rec.run("build", "--no-pdf", "--as-of", "2026-11-25", "--out", str(tmp_path / "a")).code
        == 0
    )
    monkeypatch.setenv("PORTFOLIO_JOBS", "1")
    assert (
        rec.run("build", "--no-pdf", "--as-of", "2026-11-25", "--out", str(tmp_path / "b")).code
        == 0
    )

    def files(folder: Path) -> dict[str, bytes]:
        return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.html")}

    a, b = files(tmp_path / "a"), files(tmp_path / "b")
    assert len(a) > parallel.MIN_ITEMS and a == b
    assert "<strong>7</strong>" in a["activities/0007.html"].decode()


def test_rebuild_reuses_unchanged_notes_and_says_so(rec: RecordBuilder):
    cert = rec.certificate()
    rec.activity("a", certificate=cert, body="First *note*")
    rec.activity("b", certificate=cert, body="Second note")
    first = rec.run("build", "--no-pdf")
    assert "notes reused" not in first.out
    page_before = (rec.root / "site/activities/a.html").read_bytes()
    rec.activity("b", certificate=cert, body="Second note, **edited**")
    second = rec.run("build", "--no-pdf")
    assert "notes reused 1 (unchanged)" in second.out
    assert (rec.root / "site/activities/a.html").read_bytes() == page_before
    assert "<strong>edited</strong>" in (rec.root / "site/activities/b.html").read_text(
        encoding="utf-8"
    )


def test_private_notes_never_enter_the_cache(rec: RecordBuilder):
    rec.activity(
        "a", certificate=rec.certificate(), notes_private="true", body="Peer-review protected case"
    )
    assert rec.run("build", "--no-pdf").code == 0
    for path in (rec.root / "site").rglob("*"):
        if path.is_file():
            assert b"Peer-review protected" not in path.read_bytes(), path
