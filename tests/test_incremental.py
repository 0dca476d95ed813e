"""No-change rebuilds (issue 12, item 10): site/ is left alone only when no input changed."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from builder import PROFILE, TINY_PDF, RecordBuilder

from portfolio import freshness

AS_OF = ("--as-of", "2026-11-25")
UP_TO_DATE = "site/ is up to date (inputs unchanged since the last build)"


def _record(rec: RecordBuilder) -> None:
    rec.activity("a", title="Sepsis update", certificate=rec.certificate("a.pdf"))
    rec.activity("b", title="Airway course", body="Some *notes*.\n")
    rec.activity("c", title="Opioids", status="pending", claim_by="2026-12-01")


def _site(rec: RecordBuilder) -> dict[str, tuple[int, int, bytes]]:
    site = rec.root / "site"
    return {
        p.relative_to(site).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns, p.read_bytes())
        for p in site.rglob("*")
        if p.is_file() and p.relative_to(site).as_posix() != freshness.STAMP
    }


@pytest.fixture
def trust_stat(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fingerprint files by stat alone (as for files last changed long ago), so edits rely on ctime."""
    monkeypatch.setattr(freshness, "RACY", 0.0)


def test_unchanged_rebuild_leaves_the_site_alone_and_says_so(rec: RecordBuilder, trust_stat: None):
    _record(rec)
    first = rec.run("build", "--no-pdf", *AS_OF)
    assert first.code == 0 and first.out.startswith("Built 3 activities"), first.err
    before = _site(rec)
    again = rec.run("build", "--no-pdf", *AS_OF)
    assert again.code == 0, again.err
    assert again.out.strip() == UP_TO_DATE
    assert "warning" in again.err and again.err == first.err  # the same warnings, still heard
    assert _site(rec) == before  # not a file rewritten (same inodes and times)
    forced = rec.run("build", "--no-pdf", "--force", *AS_OF)
    assert forced.out.startswith("Built 3 activities")
    after = _site(rec)
    assert {k: v[2] for k, v in after.items()} == {k: v[2] for k, v in before.items()}
    assert after["index.html"][0] != before["index.html"][0]  # rewritten: a new file


def _same_size_edit(rec: RecordBuilder) -> None:
    """One byte changed, size and modification time put back: only the ctime tells."""
    path = rec.content / "activities" / "b.md"
    info = path.stat()
    path.write_bytes(path.read_bytes().replace(b"Some", b"Same"))
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))


def _theme(rec: RecordBuilder) -> None:
    rec.write("content/portfolio.yaml", PROFILE + "site: {title: CME, theme: mine}\n")
    rec.write("themes/mine/static/extra.css", "body { color: black }\n")


CHANGES: dict[str, Callable[[RecordBuilder], object]] = {
    "same-size edit": _same_size_edit,
    "certificate": lambda rec: rec.certificate("a.pdf", TINY_PDF.replace(b"612", b"611")),
    "new activity": lambda rec: rec.activity("d", title="New one"),
    "deleted activity": lambda rec: (rec.content / "activities" / "c.md").unlink(),
    "profile and theme": _theme,
    "site file edited": lambda rec: (rec.root / "site" / "index.html").write_text("x"),
    "site file deleted": lambda rec: (rec.root / "site" / "transcript.csv").unlink(),
    "site file added": lambda rec: (rec.root / "site" / "stray.html").write_text("x"),
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_any_changed_input_rebuilds(rec: RecordBuilder, trust_stat: None, change: str):
    _record(rec)
    assert rec.run("build", "--no-pdf", *AS_OF).code == 0
    CHANGES[change](rec)
    result = rec.run("build", "--no-pdf", *AS_OF)
    assert result.out.startswith("Built "), (result.out, result.err)
    assert rec.run("build", "--no-pdf", *AS_OF).out.strip() == UP_TO_DATE


def test_as_of_source_date_epoch_and_options_are_inputs(
    rec: RecordBuilder, trust_stat: None, monkeypatch: pytest.MonkeyPatch
):
    _record(rec)
    assert rec.run("build", "--no-pdf", *AS_OF).code == 0
    assert rec.run("build", "--no-pdf", "--as-of", "2026-11-26").out.startswith("Built ")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")
    assert rec.run("build", "--no-pdf").out.startswith("Built ")  # its day is the as-of date
    assert rec.run("build", "--no-pdf").out.strip() == UP_TO_DATE
    assert rec.run("build", *AS_OF).out.startswith("Built ")  # with the PDF now
    assert rec.run("build", *AS_OF).out.strip() == UP_TO_DATE
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000001")  # the PDF's generation time moves
    assert rec.run("build", *AS_OF).out.startswith("Built ")
    assert rec.run("build", *AS_OF).out.strip() == UP_TO_DATE
    assert rec.run("build", "--no-pdf", *AS_OF).out.startswith("Built ")


def test_new_software_rebuilds(
    rec: RecordBuilder, trust_stat: None, monkeypatch: pytest.MonkeyPatch
):
    _record(rec)
    assert rec.run("build", "--no-pdf", *AS_OF).code == 0
    real = freshness._versions
    monkeypatch.setattr(freshness, "_versions", lambda: real() + "\njinja2 99")
    assert rec.run("build", "--no-pdf", *AS_OF).out.startswith("Built ")
    code = freshness._code_files()
    monkeypatch.setattr(freshness, "_code_files", lambda: code[:-1])  # one source file fewer/other
    assert rec.run("build", "--no-pdf", *AS_OF).out.startswith("Built ")


def test_library_versions_are_the_installed_ones(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The versions in the software key, read from the dist-info folders' names, are what importlib.metadata
    says; the first folder on sys.path wins (as for an import); a library found nowhere is "missing"."""
    from importlib import metadata

    said = freshness._versions().splitlines()
    assert said[0] == sys.version
    assert said[1:] == [f"{name} {metadata.version(name)}" for name in freshness.LIBRARIES]
    first, second = tmp_path / "first", tmp_path / "second"
    (first / "Jinja2-0.0.1.dist-info").mkdir(parents=True)
    (second / "jinja2-0.0.2.dist-info").mkdir(parents=True)
    (second / "PyYAML-9.9.dist-info").mkdir()  # names compare as pip normalizes them (case, - _ .)
    monkeypatch.setattr(sys, "path", [str(first), str(second)])
    monkeypatch.setattr(freshness, "LIBRARIES", ("jinja2", "pyyaml", "no-such-library"))
    assert freshness._versions().splitlines()[1:] == [
        "jinja2 0.0.1",
        "pyyaml 9.9",
        "no-such-library missing",
    ]


def test_recent_files_are_hashed_by_their_bytes(rec: RecordBuilder):
    """Within RACY seconds of a change the stat is not trusted: a same-size, same-time edit still shows."""
    _record(rec)
    assert rec.run("build", "--no-pdf", *AS_OF).code == 0
    assert rec.run("build", "--no-pdf", *AS_OF).out.strip() == UP_TO_DATE
    path = rec.content / "activities" / "b.md"
    key = freshness.inputs_key
    before = _fingerprints(rec, key)
    _same_size_edit(rec)
    assert _fingerprints(rec, key) != before
    assert rec.run("build", "--no-pdf", *AS_OF).out.startswith("Built ")
    assert "bytes:" in freshness._fingerprint(path, path.stat().st_ctime)


def _fingerprints(rec: RecordBuilder, key: Callable[..., str]) -> str:
    import datetime as dt

    return key(rec.root, dt.date(2026, 11, 25), dt.datetime(2026, 11, 25, tzinfo=dt.UTC), {})


def test_an_encrypted_build_is_never_skipped(
    rec: RecordBuilder, trust_stat: None, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("PORTFOLIO_PASSPHRASE", "correct horse battery staple")
    _record(rec)
    assert rec.run("build", "--no-pdf", "--encrypt", *AS_OF).code == 0
    first = (rec.root / "site" / "index.html").read_bytes()
    again = rec.run("build", "--no-pdf", "--encrypt", *AS_OF)
    assert again.out.startswith("Built "), again.err
    assert (rec.root / "site" / "index.html").read_bytes() != first  # a fresh salt
    assert not (rec.root / "site" / freshness.STAMP).exists()
    assert rec.run("build", "--no-pdf", *AS_OF).out.startswith("Built ")  # then plain: rebuilt


def test_a_new_commit_rebuilds_the_recorded_on_dates(rec: RecordBuilder, trust_stat: None):
    """The history comes from git: a commit that changes no file still changes the pages."""
    import gitrepo

    _record(rec)
    gitrepo.init(rec.root)
    rec.write(".gitignore", "site/\n")
    gitrepo.commit(rec.root, "2026-03-20")
    assert rec.run("build", "--no-pdf", *AS_OF).code == 0
    assert rec.run("build", "--no-pdf", *AS_OF).out.strip() == UP_TO_DATE
    before = (rec.root / "site" / "transcript.json").read_bytes()
    rec.write(
        "notes.txt", "not part of the record\n"
    )  # outside content/: committed, no file changes
    gitrepo.commit(rec.root, "2026-04-01")
    assert rec.run("build", "--no-pdf", *AS_OF).out.startswith("Built ")
    # and a branch whose activities were recorded on other days is another history
    gitrepo.git(rec.root, "checkout", "-q", "--orphan", "other")
    gitrepo.commit(rec.root, "2026-09-01")
    assert rec.run("build", "--no-pdf", *AS_OF).out.startswith("Built ")
    assert (rec.root / "site" / "transcript.json").read_bytes() != before


def test_a_fifo_in_content_does_not_block_the_check(rec: RecordBuilder):
    """Bytes are read only from regular files: a named pipe left in content/ must not hang the build."""
    _record(rec)
    os.mkfifo(rec.content / "pipe")
    import datetime as dt

    key = freshness.inputs_key(rec.root, dt.date(2026, 11, 25), dt.datetime.now(dt.UTC), {})
    assert len(key) == 64
