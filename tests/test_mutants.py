"""Unit tests written to kill mutants (`mutmut run`, see CONTRIBUTING.md) in the modules that decide figures
and safety: model, evaluate, requirements, site, markup, the certificate appendix. Each asserts a value worked
out by hand, not one the code under test produced."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from portfolio.model import (
    Activity,
    CarryOver,
    Certificate,
    Credit,
    Window,
    add_months,
    slugify,
    topic_key,
)

D = dt.date
CERT = Certificate("certificates/c.pdf", Path("c.pdf"), 1)


def act(**fields) -> Activity:  # noqa: ANN003
    base = dict(id="a", source="a.md", title="t", date=D(2026, 3, 14), provider="p")
    return Activity(**(base | fields))


# ------------------------------------------------------------------------------------------- model


def test_slugify_and_topic_key_by_hand():
    assert slugify("--Grand Rounds: Sepsis, 2026!--") == "grand-rounds-sepsis-2026"
    assert slugify("") == "x" and slugify("¿?") == "x"
    assert slugify("!!", "requirement") == "requirement"
    assert (
        slugify("Éthique médicale — Ärzte") == "ethique-medicale-arzte"
    )  # accents dropped, not letters
    assert slugify("Residency CME expectation, academic year 2025–2026") == (
        "residency-cme-expectation-academic-year-2025-2026"
    )
    assert slugify("Grand Rounds: Sepsis", "activity", 12) == "grand-rounds"  # cut, no trailing '-'
    from portfolio.scaffold import slugify as file_name

    assert file_name("Éthique " + "x" * 80) == slugify("Éthique " + "x" * 80, "activity", 60)
    assert topic_key("  Pain_Management ") == "pain-management"
    assert topic_key("Pain  -  management") == "pain-management"
    assert topic_key("ETHICS") == "ethics"


def test_overdue_only_after_the_claim_deadline():
    pending = act(status="pending", claim_by=D(2026, 4, 1))
    assert not pending.overdue(D(2026, 4, 1))  # the deadline day itself is still in time
    assert pending.overdue(D(2026, 4, 2))
    assert not act(status="pending").overdue(D(2030, 1, 1))  # no deadline, never overdue
    assert not act(claim_by=D(2026, 4, 1)).overdue(D(2026, 5, 1))  # not pending


def test_line_of_a_key_defaults_to_the_first_line():
    a = act(lines={"title": 7, "credits": 9})
    assert (a.line("title"), a.line("credits"), a.line("topics")) == (7, 9, 1)


def test_state_counted_on_and_completed():
    assert act().state == "undocumented" and not act().counts
    documented = act(certificates=(CERT,), end_date=D(2026, 3, 16))
    assert documented.state == "documented" and documented.completed == D(2026, 3, 16)
    assert documented.counted_on(D(2026, 3, 16)) and not documented.counted_on(D(2026, 3, 15))
    assert act(status="pending", certificates=(CERT,)).state == "pending"
    assert act(status="educational", certificates=(CERT,)).state == "educational"
    assert not act(status="pending", certificates=(CERT,)).counted_on(D(2030, 1, 1))


def test_windows_resolve_by_hand():
    from portfolio.windows import Span, resolve

    as_of = D(2026, 11, 25)
    assert resolve(Window("lifetime"), None, as_of) == Span(None, as_of)
    assert resolve(Window("rolling", months=12), None, as_of) == Span(D(2025, 11, 26), as_of)
    assert resolve(Window("rolling", months=24), None, D(2026, 3, 31)) == Span(
        D(2024, 4, 1), D(2026, 3, 31)
    )
    fixed = Window("fixed", start=D(2025, 7, 1), end=D(2027, 6, 30))
    assert resolve(fixed, None, as_of) == Span(D(2025, 7, 1), D(2027, 6, 30))
    span = Span(D(2026, 1, 1), D(2026, 1, 31))
    assert span.contains(D(2026, 1, 1)) and span.contains(D(2026, 1, 31))
    assert not span.contains(D(2025, 12, 31)) and not span.contains(D(2026, 2, 1))
    assert Span(None, D(2026, 1, 31)).contains(D(1990, 1, 1))


def test_add_months_clamps_to_the_month_end():
    assert add_months(D(2026, 3, 31), -1) == D(2026, 2, 28)
    assert add_months(D(2024, 3, 31), -1) == D(2024, 2, 29)
    assert add_months(D(2026, 1, 31), -2) == D(2025, 11, 30)
    assert add_months(D(2026, 1, 15), -1) == D(2025, 12, 15)
    assert add_months(D(2025, 12, 31), 2) == D(2026, 2, 28)
    assert add_months(D(2026, 5, 31), -12) == D(2025, 5, 31)


def test_credit_amounts_stay_decimal():
    a = act(credits=(Credit("AMA PRA Category 1", Decimal("0.25")),))
    assert a.credits[0].amount + Decimal("0.75") == Decimal("1.00")


# ------------------------------------------------------------------------------------------- markup


def test_sanitize_keeps_only_the_listed_attributes_schemes_and_no_comments():
    from portfolio.markup import sanitize

    # lang and title are nh3's generic attributes, kept on every tag; the others only where listed
    assert (
        sanitize('<p lang="en" title="t" class="c" id="i">a</p>') == '<p lang="en" title="t">a</p>'
    )
    assert (
        sanitize('<code class="language-py" id="x">c</code>')
        == '<code class="language-py">c</code>'
    )
    assert sanitize('<a hreflang="en" href="/x.html">h</a>') == (
        '<a href="/x.html" rel="noopener noreferrer nofollow">h</a>'
    )
    assert (
        sanitize('<ol start="3" reversed type="a"><li>x</li></ol>')
        == '<ol start="3"><li>x</li></ol>'
    )
    assert sanitize('<a href="ftp://x/y" title="T">f</a>') == (
        '<a title="T" rel="noopener noreferrer nofollow">f</a>'
    )
    assert sanitize('<a href="https://e.org/">w</a>') == (
        '<a href="https://e.org/" rel="noopener noreferrer nofollow">w</a>'
    )
    assert sanitize('<td align="left" colspan="2" bgcolor="red">x</td>').count("bgcolor") == 0
    assert sanitize("a<!-- private remark -->b") == "ab"
    assert sanitize('<img src="https://tracker.example/p.gif"><script>x()</script>z') == "z"


def test_render_notes_from_a_fresh_converter(monkeypatch):
    from portfolio import markup

    monkeypatch.setattr(markup, "_CONVERTER", None)  # as in a new process: built on first use
    html = str(markup.render_notes("| A | B |\n|---|---|\n| 1 | 2 |\n\n```\ncode\n```\n"))
    assert "<table>" in html and "<td>1</td>" in html and "<pre><code>code\n</code></pre>" in html
    assert markup._CONVERTER is not None
    first = markup._CONVERTER
    assert str(markup.render_notes("Term\n: Definition\n")) == (
        "<dl>\n<dt>Term</dt>\n<dd>Definition</dd>\n</dl>"
    )
    assert markup._CONVERTER is first  # one converter for the whole build
    assert str(markup.render_notes("line<br>break")) == "<p>line<br>break</p>"  # HTML, not XHTML
    assert str(markup.render_notes("  \n")) == ""


def test_notes_cache_round_trip_counts_reuse_and_cleans_entries(tmp_path):
    import hashlib

    from portfolio.markup import CACHE_FILE, NotesCache, note_key

    assert note_key("é") == hashlib.sha256("é".encode()).hexdigest()
    first = NotesCache()
    first.put("k1", "<p>one</p>")
    first.put("k2", "<p>two</p>")
    (tmp_path / CACHE_FILE).parent.mkdir(parents=True)
    (tmp_path / CACHE_FILE).write_text(first.dump(), encoding="utf-8")
    second = NotesCache.load(tmp_path)
    assert second.reused == 0 and second.current == {}
    assert second.get("k1") == "<p>one</p>"
    assert second.get("k1") == "<p>one</p>"
    assert second.get("nope") is None
    assert second.reused == 2
    assert second.current == {"k1": "<p>one</p>"}  # only what this build used is carried on
    second.put("k3", "<p>three</p>")
    assert second.current == {"k1": "<p>one</p>", "k3": "<p>three</p>"}
    tampered = NotesCache({"k": "<p>x</p><script>bad()</script>"})
    assert tampered.get("k") == "<p>x</p>" and tampered.current == {"k": "<p>x</p>"}
    assert NotesCache.load(tmp_path / "missing").previous == {}


# ------------------------------------------------------------------------------------------- site writer


def _rec(tmp_path):  # noqa: ANN001, ANN202
    from builder import RecordBuilder

    rec = RecordBuilder(tmp_path / "r")
    rec.activity("a", certificate=rec.certificate())
    return rec


def test_build_summary_line_by_hand(tmp_path):
    import re

    from portfolio import site

    rec = _rec(tmp_path)
    result = site.build(rec.root, rec.root / "site", "2026-11-25", pdf=False)
    pages = len(list((rec.root / "site").rglob("*.html")))
    assert result.output.pages == pages
    summary = result.summary()
    assert re.fullmatch(
        rf"Built 1 activity \(1 counted\): {pages} pages into \S+site in \d+\.\d\d s "
        r"\((inputs \d+\.\d\d s, )?caches \d+\.\d\d s, load \d+\.\d\d s, evaluate \d+\.\d\d s, "
        r"(history \d+\.\d\d s, )?advise \d+\.\d\d s, render \d+\.\d\d s, write \d+\.\d\d s\)",
        summary,
    ), summary
    rec.activity("b", certificate=rec.certificate())
    again = site.build(rec.root, rec.root / "site", "2026-11-25", pdf=False)
    assert again.summary().startswith("Built 2 activities (2 counted): ")
    again.output.summary_parts.extend(["PDF 3 pages", "notes reused 2 (unchanged)"])
    assert ", PDF 3 pages, notes reused 2 (unchanged) into " in again.summary()


def test_build_into_a_new_nested_folder_and_over_leftovers(tmp_path):
    import os

    from portfolio import publish, site

    rec = _rec(tmp_path)
    out = tmp_path / "deep" / "er" / "site"
    for leftover in (f".site.building-{os.getpid()}", f".site.old-{os.getpid()}"):
        (out.parent / leftover / "x").mkdir(
            parents=True
        )  # what a killed build leaves: ours (marker)
        (out.parent / leftover / site.MARKER).write_text(publish.MARKER_TEXT, encoding="utf-8")
    site.build(rec.root, out, "2026-11-25", pdf=False)
    assert (out / "index.html").is_file()
    assert (out / site.MARKER).read_text(encoding="utf-8") == publish.MARKER_TEXT
    assert sorted(p.name for p in out.parent.iterdir()) == ["site"]


def test_build_into_folders_that_do_not_exist_yet(tmp_path):
    """publish.write_atomically makes every missing folder above the site (--out new/deeper/site)."""
    from portfolio import site

    rec = _rec(tmp_path)
    out = tmp_path / "new" / "deeper" / "site"
    site.build(rec.root, out, "2026-11-25", pdf=False)
    assert (out / "index.html").is_file()


def test_the_write_stage_counts_every_file_it_writes(tmp_path, monkeypatch):
    """publish.write_atomically: the progress count is the files rendered, copied and kept, together (a
    rebuild has all three kinds)."""
    from portfolio import progress, site

    rec = _rec(tmp_path)
    out = rec.root / "site"
    site.build(rec.root, out, "2026-11-25", pdf=False, reuse=True)
    rec.activity("b", title="Another", body="New notes.\n")
    stages: list[tuple[object, ...]] = []
    real = progress.stage
    monkeypatch.setattr(progress, "stage", lambda *args: (stages.append(args), real(*args))[1])
    result = site.build(rec.root, out, "2026-11-25", pdf=False, reuse=True)
    written = [s for s in stages if s[0] == "write" and len(s) > 1]
    output = result.output
    assert (
        output.files and output.copies and output.reused
    )  # the three kinds, so a sign error shows
    total = len(output.files) + len(output.copies) + len(output.reused)
    assert written == [("write", total, "files")]
    on_disk = [p for p in out.rglob("*") if p.is_file() and p.name != ".portfolio-site"]
    assert total == len(on_disk) - 1  # every file but the stamp, written after


def test_files_in_a_folder_and_below_it_are_all_written(tmp_path):
    """publish._target: a folder made for a deeper file first (a/b/c) is there for a file of its own (a/d)."""
    from portfolio import publish

    output = publish.Output()
    for rel in ("a/b/c.html", "a/d.html", "a/b/e/f.html", "g.html"):
        output.add(rel, rel)
    out = tmp_path / "site"
    publish.write_atomically(out, output)
    for rel in ("a/b/c.html", "a/d.html", "a/b/e/f.html", "g.html"):
        assert (out / rel).read_text(encoding="utf-8") == rel


def test_the_temporary_folder_takes_the_first_free_name_of_a_thousand(tmp_path):
    """publish._fresh_folder: the name itself when free, else NAME.1, NAME.2 …; never a folder that exists;
    after 1,000 taken names, an error naming the first."""
    import pytest

    from portfolio import publish
    from portfolio.errors import RecordError

    path = tmp_path / ".site.building-7"
    assert publish._fresh_folder(path) == path and path.is_dir()
    assert publish._fresh_folder(path) == tmp_path / ".site.building-7.1"
    assert publish._fresh_folder(path) == tmp_path / ".site.building-7.2"
    for n in range(3, 1000):
        (tmp_path / f".site.building-7.{n}").mkdir()
    with pytest.raises(RecordError) as caught:
        publish._fresh_folder(path)
    assert str(caught.value) == (
        f"{path}: error: too many half-built sites beside this one; delete them"
    )
    assert not (tmp_path / ".site.building-7.1000").exists()


def test_a_failed_build_whose_half_built_folder_will_not_go_reports_its_own_error(
    tmp_path, monkeypatch
):
    """publish.write_atomically: cleaning up after a failure never hides the failure itself (the folder
    left behind is removed by the next build)."""
    import os

    import pytest

    from portfolio import site

    rec = _rec(tmp_path)
    out = tmp_path / "site"

    def boom() -> None:
        def refuse(path, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
            raise PermissionError(13, "Permission denied", str(path))

        monkeypatch.setattr(os, "rmdir", refuse)
        monkeypatch.setattr(os, "unlink", refuse)
        raise RuntimeError("stopped before the swap")

    with pytest.raises(RuntimeError, match="stopped before the swap"):
        site.build(rec.root, out, "2026-11-25", pdf=False, before_swap=boom)
    monkeypatch.undo()
    assert [p.name for p in tmp_path.glob(".site.building-*")]  # left behind …
    site.build(rec.root, out, "2026-11-25", pdf=False)
    assert not list(tmp_path.glob(".site.building-*"))  # … and gone with the next build
    assert (out / "index.html").is_file()


def test_a_home_folder_is_refused_as_the_output(tmp_path, monkeypatch):
    """publish.check_output_folder: the home folder (even empty) is never the output folder."""
    from pathlib import Path as P

    import pytest

    from portfolio import publish
    from portfolio.errors import RecordError

    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setattr(P, "home", classmethod(lambda cls: home))
    with pytest.raises(RecordError) as caught:
        publish.check_output_folder(tmp_path / "record", home)
    assert (
        str(caught.value)
        == f"{home}: error: refusing to build into a root or home folder; use site/"
    )
    publish.check_output_folder(tmp_path / "record", home / "site")  # below it is fine


def test_an_output_path_that_is_a_file_or_a_link_is_refused(tmp_path):
    """publish.check_output_folder: a file, or a link to a folder, at the output path is never replaced."""
    import pytest

    from portfolio import publish
    from portfolio.errors import RecordError

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    (tmp_path / "a-link").symlink_to(elsewhere, target_is_directory=True)
    for name in ("a-file", "a-link"):
        out = tmp_path / name
        with pytest.raises(RecordError) as caught:
            publish.check_output_folder(tmp_path / "record", out)
        assert str(caught.value) == (
            f"{out}: error: the output path exists and is not a folder; refusing to replace it"
        )


def test_a_folder_the_build_did_not_make_is_refused_unless_empty(tmp_path):
    """publish.check_output_folder: a folder with files and no marker is someone's: refused, word for word;
    an empty one, or one with the marker, may be built into."""
    import pytest

    from portfolio import publish
    from portfolio.errors import RecordError

    out = tmp_path / "photos"
    out.mkdir()
    publish.check_output_folder(tmp_path / "record", out)  # empty
    (out / "holiday.jpg").write_bytes(b"x")
    with pytest.raises(RecordError) as caught:
        publish.check_output_folder(tmp_path / "record", out)
    assert str(caught.value) == (
        f"{out}: error: refusing to replace a folder that 'portfolio build' did not create"
        " (no .portfolio-site marker); choose an empty or new folder"
    )
    (out / publish.MARKER).write_text(publish.MARKER_TEXT, encoding="utf-8")
    publish.check_output_folder(tmp_path / "record", out)


def test_the_newest_site_left_aside_is_the_one_brought_back(tmp_path):
    """publish.recover: of two sites killed builds left aside, the last one written comes back (not the
    first by name), and the other is removed."""
    import os

    from portfolio import publish

    out = tmp_path / "site"
    for name, mtime, page in (
        (".site.old-1", 2_000_000_000, "newer"),
        (".site.old-2", 1_000_000_000, "older"),
    ):
        folder = tmp_path / name
        folder.mkdir()
        (folder / publish.MARKER).write_text(publish.MARKER_TEXT, encoding="utf-8")
        (folder / "index.html").write_text(page, encoding="utf-8")
        os.utime(folder, (mtime, mtime))
    publish.recover(out)
    assert (out / "index.html").read_text(encoding="utf-8") == "newer"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_first_build_that_fails_raises_its_own_error_and_leaves_nothing(tmp_path):
    import pytest

    from portfolio import site

    rec = _rec(tmp_path)
    out = tmp_path / "out" / "site"

    def boom() -> None:
        raise RuntimeError("stopped before the swap")

    with pytest.raises(RuntimeError, match="stopped before the swap"):
        site.build(rec.root, out, "2026-11-25", pdf=False, before_swap=boom)
    assert list(out.parent.iterdir()) == []
    # With a previous site: the same failure leaves it as it was.
    site.build(rec.root, out, "2026-11-25", pdf=False)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    with pytest.raises(RuntimeError):
        site.build(rec.root, out, "2026-12-25", pdf=False, before_swap=boom)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["site"]


def test_a_failure_creating_the_temporary_folder_is_reported_as_itself(tmp_path, monkeypatch):
    from pathlib import Path as P

    import pytest

    from portfolio import site

    rec = _rec(tmp_path)
    out = tmp_path / "site"
    real_mkdir = P.mkdir

    def mkdir(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        if ".building" in self.name:
            raise PermissionError(13, "Permission denied", str(self))
        return real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(P, "mkdir", mkdir)
    with pytest.raises(PermissionError, match="Permission denied"):
        site.build(rec.root, out, "2026-11-25", pdf=False)
    assert not out.exists()


def test_site_build_with_its_pdf_then_reused(tmp_path, monkeypatch):
    import re

    import pypdf

    from portfolio import site

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795564800")
    rec = _rec(tmp_path)
    out = rec.root / "site"
    first = site.build(rec.root, out, "2026-11-25", pdf=True)
    pages = len(pypdf.PdfReader(out / "transcript.pdf").pages)
    assert re.search(rf": \d+ pages, PDF {pages} pages? into ", first.summary()), first.summary()
    assert re.search(r", render \d+\.\d\d s, pdf \d+\.\d\d s, write ", first.summary())
    assert 'href="transcript.pdf"' in (out / "index.html").read_text(encoding="utf-8")
    stored = (out / ".portfolio-pdf.sha256").read_text(encoding="utf-8")
    pdf_bytes = (out / "transcript.pdf").read_bytes()
    again = site.build(rec.root, out, "2026-11-25", pdf=True)
    assert f"PDF reused (inputs unchanged, {pages} page" in again.summary()
    assert (out / "transcript.pdf").read_bytes() == pdf_bytes
    assert (out / ".portfolio-pdf.sha256").read_text(encoding="utf-8") == stored
    # The generation time is the PDF's own: a new SOURCE_DATE_EPOCH makes a new PDF.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795651200")
    third = site.build(rec.root, out, "2026-11-25", pdf=True)
    assert "PDF reused" not in third.summary()
    assert pypdf.PdfReader(out / "transcript.pdf").metadata["/CreationDate"] == "D:20261126000000Z"
    without = site.build(rec.root, out, "2026-11-25", pdf=False)
    assert "PDF" not in without.summary() and not (out / "transcript.pdf").exists()
    assert "transcript.pdf" not in (out / "index.html").read_text(encoding="utf-8")


def test_output_folder_that_holds_the_record_is_refused(tmp_path):
    from builder import RecordBuilder

    rec = RecordBuilder(tmp_path / "records" / "mine")
    rec.activity("a", certificate=rec.certificate())
    for out in (tmp_path / "records", rec.root, rec.content, rec.content / "site"):
        result = rec.run("build", "--no-pdf", "--out", str(out))
        assert result.code == 1
        assert result.err.startswith(
            f"{out}: error: the output folder must not contain or be inside"
        )
    assert sorted(p.name for p in rec.root.iterdir()) == ["content"]


def test_notes_cache_file_of_another_version_is_ignored_and_the_file_is_readable(tmp_path):
    import json

    from portfolio.markup import CACHE_FILE, NotesCache

    cache = NotesCache()
    cache.put("k", "<p>é</p>")
    text = cache.dump()
    # UTF-8 text, one entry per line: readable in a pager, stable from build to build
    assert (
        text
        == '{\n"version": ' + json.dumps(cache.version) + ',\n"notes": {\n"k": "<p>é</p>"\n}\n}\n'
    )
    (tmp_path / CACHE_FILE).parent.mkdir(parents=True)
    stale = text.replace(cache.version, "an older portfolio")
    (tmp_path / CACHE_FILE).write_text(stale, encoding="utf-8")
    assert NotesCache.load(tmp_path).get("k") is None
    (tmp_path / CACHE_FILE).write_bytes(text.encode("utf-8"))
    assert NotesCache.load(tmp_path).get("k") == "<p>é</p>"
    (tmp_path / CACHE_FILE).write_text('{"version": "x", "notes": [1]}', encoding="utf-8")
    assert NotesCache.load(tmp_path).previous == {}


def test_notes_cache_text_is_json_with_one_note_a_line():
    """markup.NotesCache.dump writes what json.dumps(indent=0) would, with none, one or many notes (strings
    that need escaping included), and it reads back."""
    import json

    from portfolio.markup import NotesCache

    for notes in ({}, {"k": "<p>é</p>"}, {"b": 'x\ny"\\', "a": "\u2028z", "c": ""}):
        cache = NotesCache()
        for key, html in notes.items():
            cache.put(key, html)
        data = {"version": cache.version, "notes": dict(sorted(notes.items()))}
        text = cache.dump()
        assert text == json.dumps(data, ensure_ascii=False, indent=0) + "\n"
        assert json.loads(text) == data and text.count("\n") == 4 + len(notes) + (1 if notes else 0)


def test_a_build_without_its_pdf_carries_the_last_one_and_nothing_else(tmp_path):
    """site._keep_previous_pdf (serve's rebuilds): the last full build's PDF and its hash are carried over as
    they are; one that is gone is not made up, one replaced by a link is not followed."""
    from portfolio import site

    rec = _rec(tmp_path)
    out = rec.root / "site"
    site.build(rec.root, out, "2026-11-25", pdf=False)
    (out / "transcript.pdf").write_bytes(b"%PDF-1.7 the last full build")
    (out / ".portfolio-pdf.sha256").write_text("abc\n", encoding="utf-8")
    site.build(rec.root, out, "2026-11-25", pdf=False, keep_pdf=True)
    assert (out / "transcript.pdf").read_bytes() == b"%PDF-1.7 the last full build"
    assert (out / ".portfolio-pdf.sha256").read_text(encoding="utf-8") == "abc\n"
    (out / ".portfolio-pdf.sha256").unlink()
    elsewhere = tmp_path / "elsewhere.pdf"
    elsewhere.write_bytes(b"%PDF-1.7 not ours")
    (out / "transcript.pdf").unlink()
    (out / "transcript.pdf").symlink_to(elsewhere)
    site.build(rec.root, out, "2026-11-25", pdf=False, keep_pdf=True)
    assert not (out / "transcript.pdf").is_symlink() and not (out / "transcript.pdf").exists()
    assert not (out / ".portfolio-pdf.sha256").exists()


def test_the_lock_message_names_the_other_builds_by_process(tmp_path):
    from portfolio import publish

    out = tmp_path / "my-site"
    assert publish._other_build(out) == (
        "another build is writing this folder and did not finish within 60 s;"
        " wait for it (or stop it) and build again"
    )
    (tmp_path / ".my-site.building-123").mkdir()
    (tmp_path / ".my-site.building-45.1").mkdir()  # a second folder of process 45 (_fresh_folder)
    (tmp_path / ".my-site.building-9").write_text("", encoding="utf-8")  # not a folder: not a build
    assert publish._other_build(out) == (
        "another build (process 123, 45) is writing this folder and did not finish within 60 s;"
        " wait for it (or stop it) and build again"
    )


def test_a_kept_file_gone_or_changed_at_the_write_is_stale(tmp_path):
    """publish._keep: the file is not linked; reuse.Stale names it (the build renders again)."""
    import os

    import pytest

    from portfolio import freshness, publish, reuse

    gone = tmp_path / "old" / "a.html"
    with pytest.raises(reuse.Stale) as caught:
        publish._keep((gone, "1:2:3:4"), tmp_path / "a.html")
    assert str(caught.value) == str(gone)
    changed = tmp_path / "b.html"
    changed.write_bytes(b"<p>kept</p>")
    fingerprint = freshness.site_fingerprint(os.lstat(changed))
    changed.write_bytes(b"<p>edited by hand</p>")
    os.utime(changed, ns=(1, 1))  # the mtime is not the stamp's; the ctime moved anyway
    with pytest.raises(reuse.Stale):
        publish._keep((changed, fingerprint), tmp_path / "new.html")
    assert not (tmp_path / "new.html").exists() and not (tmp_path / "a.html").exists()


def test_a_copy_whose_source_changed_names_the_file_as_the_user_knows_it(tmp_path):
    """publish._copy: a certificate gone (or another file) since it was hashed is an error naming it as the
    record does (content/…), or by its path when there is no hash to check; a good copy is the bytes."""
    import hashlib

    import pytest

    from portfolio import publish
    from portfolio.errors import RecordError

    gone = tmp_path / "gone.pdf"
    with pytest.raises(RecordError) as caught:
        publish._copy(gone, tmp_path / "t1", None)
    assert str(caught.value) == (
        f"{gone}: error: changed while the build was reading it (it is a link or gone now); build again"
    )
    with pytest.raises(RecordError) as caught:
        publish._copy(gone, tmp_path / "t2", ("0" * 64, "content/certificates/gone.pdf"))
    assert str(caught.value).startswith("content/certificates/gone.pdf: error: changed while")
    real = tmp_path / "real.pdf"
    real.write_bytes(b"%PDF-1.4 a certificate" * 1000)
    with pytest.raises(RecordError) as caught:
        publish._copy(real, tmp_path / "t3", ("0" * 64, "content/certificates/real.pdf"))
    assert str(caught.value) == (
        "content/certificates/real.pdf: error: changed while the build was reading it (its SHA-256"
        " differs); build again"
    )
    digest = hashlib.sha256(real.read_bytes()).hexdigest()
    publish._copy(real, tmp_path / "t4", (digest, "content/certificates/real.pdf"))
    assert (tmp_path / "t4").read_bytes() == real.read_bytes()


def test_a_kept_file_is_copied_where_it_cannot_be_linked(tmp_path, monkeypatch):
    import errno
    import os

    from portfolio import freshness, publish

    old = tmp_path / "old.html"
    old.write_bytes(b"<p>kept</p>")
    fingerprint = freshness.site_fingerprint(os.lstat(old))

    def cross_device(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", cross_device)
    publish._keep((old, fingerprint), tmp_path / "new.html")
    assert (tmp_path / "new.html").read_bytes() == b"<p>kept</p>"
    assert (tmp_path / "new.html").stat().st_ino != old.stat().st_ino


# ------------------------------------------------------------------------------------------- evaluate


def test_days_to_claim_only_for_pending_claims_with_a_deadline():
    from portfolio.evaluate import evaluate
    from portfolio.model import Profile, Record

    pending = act(id="p", status="pending", claim_by=D(2026, 12, 5))
    claimed = act(id="c", claim_by=D(2026, 12, 5), certificates=(CERT,))
    undated = act(id="u", status="pending")
    ev = evaluate(
        Record(Path("."), Profile(name="n"), (pending, claimed, undated), ()), D(2026, 11, 25)
    )
    assert [ev.days_to_claim(a) for a in (pending, claimed, undated)] == [10, None, None]
    assert ev.pending == (pending, undated)  # soonest deadline first, none last
    assert [a.id for a in ev.by_state["documented"]] == ["c"]


def _mixed_record(rec):  # noqa: ANN001, ANN202
    """Activities in date order: a pending claim and an MOC-only activity first (neither adds to a topic),
    then CME activities with tagged and partial topics, a standard and a non-standard credit type."""
    cert = rec.certificate()
    rec.activity("p0", date="2025-01-05", credits="9", status="pending", claim_by="2025-02-05")
    rec.activity(
        "m0",
        date="2025-01-10",
        credits="[{type: ABIM MOC points, amount: 5}]",
        topics="[Wellness]",
        certificate=cert,
    )
    rec.activity(
        "a1", date="2025-02-01", credits="1", topics="[Wellness, ethics]", certificate=cert
    )
    rec.activity(
        "a2", date="2025-03-01", credits="2.5", topics="[ethics, opioid_safety]", certificate=cert
    )
    rec.activity(
        "a3",
        date="2026-04-01",
        credits="[{type: AMA PRA Category 1, amount: 4}, {type: Hospital Grand Rounds Credit, amount: 1.25}]",
        topics="[{topic: ethics, credits: 1.5}, opioids]",
        certificate=cert,
    )
    rec.activity(
        "a4",
        date="2026-05-01",
        credits="[{type: hospital grand rounds, amount: 0.75}]",
        certificate=cert,
    )
    result = rec.run("build", "--no-pdf", "--as-of", "2026-11-25")
    assert result.code == 0, result.err
    return rec.root / "site"


def test_totals_topics_and_their_sources_by_hand(tmp_path):
    import json

    from builder import RecordBuilder

    site = _mixed_record(RecordBuilder(tmp_path))
    data = json.loads((site / "transcript.json").read_text(encoding="utf-8"))
    # 1 + 2.5 + 4; the pending 9 never counts; the two spellings of the grand-rounds type add up under
    # the first one met.
    assert data["totals"] == {
        "AMA PRA Category 1": 7.5,
        "ABIM MOC points": 5,
        "Hospital Grand Rounds Credit": 2,
    }
    # Topics alphabetical whatever the case; "_" sorts before letters. The MOC-only activity adds nothing
    # to Wellness; opioids takes a3's largest CME amount (4, not the 1.25 of the other type).
    assert list(data["topic_totals"].items()) == [
        ("ethics", 5),
        ("opioid_safety", 2.5),
        ("opioids", 4),
        ("Wellness", 1),
    ]
    assert data["topic_sources"]["ethics"] == {"tagged": 3.5, "partial": 1.5}
    assert data["topic_sources"]["opioids"] == {"tagged": 4, "partial": 0}


def test_headline_totals_and_chart_years_by_hand(tmp_path):
    import re

    from builder import RecordBuilder

    site = _mixed_record(RecordBuilder(tmp_path))
    index = (site / "index.html").read_text(encoding="utf-8")
    # CME types first in the standard order, then other types by name, MOC points last.
    labels = re.findall(r'<span class="stat-label">([^<]*), documented</span>', index)
    assert labels == ["AMA PRA Category 1", "Hospital Grand Rounds Credit", "ABIM MOC points"]
    desc = " ".join(re.search(r'<desc id="chart-desc">(.*?)</desc>', index, re.S).group(1).split())
    assert (
        "2025: 3.50 AMA PRA Category 1; 0.00 Hospital Grand Rounds Credit; 5.00 ABIM MOC points."
        in desc
    )
    assert (
        "2026: 4.00 AMA PRA Category 1; 2.00 Hospital Grand Rounds Credit; 0.00 ABIM MOC points."
        in desc
    )


def test_a_topic_missing_from_the_names_is_shown_as_written():
    from portfolio.evaluate import totals_for
    from portfolio.model import Topic

    a = act(
        credits=(Credit("AMA PRA Category 1", Decimal("2")),),
        topics=(Topic("Pain Care"),),
        certificates=(CERT,),
    )
    assert totals_for([a], D(2026, 11, 25), {}).topic_totals == {"Pain Care": Decimal("2")}


# ------------------------------------------------------------------------------------------- windows


def test_license_windows_and_their_previous_period_by_hand():
    from dataclasses import replace

    from portfolio.model import License, Profile
    from portfolio.windows import Span, describe, previous, problem, resolve

    tx = License("TX", "Q1", expires=D(2027, 1, 31), issued=D(2018, 7, 15), cycle_months=24)
    profile = Profile(name="n", licenses=(License("CA", "A1", expires=D(2026, 6, 30)), tx))
    as_of = D(2026, 11, 25)
    assert profile.license_for(" tx ") is tx and profile.license_for("NY") is None
    current = Window("license", license="tx")
    assert resolve(current, profile, as_of) == Span(D(2025, 2, 1), D(2027, 1, 31))
    assert previous(current, profile, as_of) == Span(D(2023, 2, 1), D(2025, 1, 31))
    three = Window("license", license="TX", cycles=3)
    assert resolve(three, profile, as_of) == Span(D(2021, 2, 1), D(2027, 1, 31))
    assert previous(three, profile, as_of) == Span(D(2015, 2, 1), D(2021, 1, 31))
    first = Window("license", license="TX", first_months=24)
    assert resolve(first, profile, as_of) == Span(D(2018, 7, 15), D(2020, 7, 14))
    assert previous(first, profile, as_of) is None
    assert previous(Window("rolling", months=12), profile, as_of) is None
    assert previous(Window("lifetime"), None, as_of) is None
    yearly = Profile(
        name="n", licenses=(License("NY", "1", expires=D(2026, 12, 31), cycle_months=12),)
    )
    assert previous(Window("license", license="NY"), yearly, as_of) == Span(
        D(2025, 1, 1), D(2025, 12, 31)
    )
    assert [describe(w) for w in (replace(current, license="TX"), three, first)] == [
        "the current renewal period of the TX license",
        "the last 3 renewal periods of the TX license",
        "the first 24 months after the TX license was issued",
    ]
    assert describe(Window("license", license="TX", cycles=1)) == describe(three).replace(
        "last 3 renewal periods", "current renewal period"
    )
    assert describe(Window("rolling", months=36)) == "the last 36 months"
    assert describe(Window("lifetime")) == "lifetime (one-time)"
    assert describe(Window("fixed", start=D(2025, 1, 1), end=D(2025, 12, 31))) == "fixed dates"
    assert problem(current, profile) is None and problem(Window("lifetime"), None) is None
    assert "names no license in portfolio.yaml" in problem(Window("license", license="NY"), profile)


def test_a_license_window_without_its_license_is_a_bug_named_as_such():
    import pytest

    from portfolio.model import Profile
    from portfolio.windows import resolve

    with pytest.raises(ValueError, match="^no license for NY$"):
        resolve(Window("license", license="NY"), Profile(name="n"), D(2026, 11, 25))


# ------------------------------------------------------------------------------------------- requirements


def _req(**fields):  # noqa: ANN003, ANN202
    from portfolio.model import Requirement

    base = dict(name="R", credits=Decimal(10), window=Window("lifetime"), credit_types=())
    return Requirement(**(base | fields))


def test_cap_limit_is_cut_down_to_the_cent():
    from portfolio.model import Cap
    from portfolio.requirements import cap_limit

    req = _req(credits=Decimal(5))
    # 0.6675 × 5 = 3.3375: down to 3.33 (rounding half-even or half-up would give 3.34, over-claiming)
    assert cap_limit(Cap("ethics", max_share=Decimal("0.6675")), req) == Decimal("3.33")
    assert cap_limit(Cap("ethics", max_share=Decimal("0.3399")), req) == Decimal("1.69")
    assert cap_limit(Cap("ethics", max_share=Decimal("0.5"), max_credits=Decimal(2)), req) == 2
    assert cap_limit(
        Cap("ethics", max_share=Decimal("0.3"), max_credits=Decimal(2)), req
    ) == Decimal("1.50")


def test_partial_topic_equal_to_the_amount_is_not_called_partial():
    from portfolio.model import Minimum, Topic
    from portfolio.requirements import evaluate, topic_share

    whole = act(
        credits=(Credit("AMA PRA Category 1", Decimal(2)),), topics=(Topic("opioids", Decimal(2)),)
    )
    assert topic_share(whole, "opioids", Decimal(2)) == (Decimal(2), "")
    part = act(
        credits=(Credit("AMA PRA Category 1", Decimal(2)),),
        topics=(Topic("opioids", Decimal("0.5")),),
    )
    assert topic_share(part, "opioids", Decimal(2)) == (Decimal("0.5"), "partial topic: 0.5 of 2")
    assert topic_share(part, "ethics", Decimal(2)) == (Decimal(0), "")
    two = act(topics=(Topic("opioids", Decimal("0.5")), Topic("pain", Decimal("1.5"))))
    assert topic_share(two, {"opioids", "pain"}, Decimal(2)) == (
        Decimal("1.5"),
        "partial topic: 1.5 of 2",
    )
    req = _req(minimums=(Minimum(Decimal(1), topic="opioids"),))
    documented = replace(whole, certificates=(CERT,))
    (m,) = evaluate(req, [documented], D(2026, 11, 25)).minimums
    assert [c.note for c in m.contributions] == [""] and m.earned == 2


def test_a_minimum_for_dea_registrants_applies_with_the_profiles_registration():
    from portfolio.model import Dea, Minimum, Profile
    from portfolio.requirements import evaluate

    req = _req(
        minimums=(Minimum(Decimal(2), topics=("opioids", "pain"), applies_if=("dea-registrant",)),)
    )
    as_of = D(2026, 11, 25)
    registered = Profile(name="n", dea=Dea("AB1234563", expires=D(2027, 1, 1)))
    (m,) = evaluate(req, [], as_of, registered).minimums
    assert (m.applies, m.reason, m.topics, m.owed) == (True, "", ("opioids", "pain"), True)
    (m,) = evaluate(req, [], as_of, Profile(name="n")).minimums
    assert (m.applies, m.owed) == (False, False)
    assert m.reason == "only for DEA registrants; portfolio.yaml lists no DEA registration ('dea')"
    lapsed = Profile(name="n", dea=Dea("AB1234563", expires=D(2026, 1, 1)))
    (m,) = evaluate(req, [], as_of, lapsed).minimums
    assert m.reason == "only for DEA registrants; your DEA registration expired on 2026-01-01"


def test_facts_and_applies_by_hand():
    from portfolio.model import Dea, Profile
    from portfolio.requirements import applies, facts_of

    as_of = D(2026, 11, 25)
    on_the_day = Profile(name="n", dea=Dea("AB1234563", expires=as_of), practice=("Pain Medicine",))
    assert facts_of(on_the_day, as_of) == {"dea-registrant", "pain-medicine"}
    assert "dea-registrant" not in facts_of(on_the_day, D(2026, 11, 26))
    assert facts_of(None, as_of) == frozenset()
    assert applies(("dea-registrant", "pain medicine"), on_the_day, as_of) == (True, "")
    assert applies(("dea-registrant", "geriatrics"), on_the_day, as_of) == (
        False,
        "only if your practice includes 'geriatrics'; it is not listed under 'practice' in portfolio.yaml",
    )
    assert applies(("dea-registrant",), None, as_of) == (
        False,
        "only for DEA registrants; portfolio.yaml lists no DEA registration ('dea')",
    )
    assert applies(("licensed-in-ny",), on_the_day, as_of) == (
        False,
        "only for physicians licensed in NY; portfolio.yaml lists no NY license",
    )
    assert applies((), None, as_of) == (True, "")


def test_in_force_by_hand():
    from portfolio.requirements import in_force
    from portfolio.windows import Span

    span = Span(D(2015, 1, 1), D(2016, 12, 31))
    assert in_force(None, span, D(2026, 1, 1)) == (True, "")
    assert in_force(D(2016, 12, 31), span, D(2026, 1, 1)) == (True, "")  # in force on the last day
    assert in_force(D(2017, 1, 1), span, D(2026, 1, 1)) == (
        False,
        "this rule took effect on 2017-01-01, after the period it covers ended on 2016-12-31",
    )
    rolling = Span(D(2025, 1, 1), D(2026, 1, 1))
    assert in_force(D(2026, 1, 2), rolling, D(2026, 1, 1)) == (
        False,
        "this rule takes effect on 2026-01-02, after 2026-01-01, the end of the period it covers",
    )
    assert in_force(D(2026, 1, 1), rolling, D(2026, 1, 1)) == (True, "")


def test_a_rule_that_does_not_apply_still_lists_what_it_would_count():
    from portfolio.model import License, Minimum, Profile
    from portfolio.requirements import evaluate

    as_of = D(2026, 11, 25)
    a = act(
        credits=(Credit("AMA PRA Category 1", Decimal(2)),),
        certificates=(CERT,),
        date=D(2026, 3, 1),
    )
    profile = Profile(name="n", licenses=(License("TX", "Q1", expires=D(2027, 1, 31)),))
    for window in (Window("lifetime"), Window("license", license="TX")):
        req = _req(window=window, applies_if=("dea-registrant",))
        result = evaluate(req, [a], as_of, profile)
        assert not result.applies and "DEA" in result.reason
        assert [c.activity.id for c in result.contributions] == ["a"] and result.earned == 2
        assert [c.note for c in result.contributions] == [""]
    # A minimum that took effect after its window ended is not owed, and says so.
    fixed = Window("fixed", start=D(2015, 1, 1), end=D(2016, 12, 31))
    req = _req(
        window=fixed, minimums=(Minimum(Decimal(4), topic="opioids", effective=D(2017, 1, 1)),)
    )
    (m,) = evaluate(req, [a], as_of, profile).minimums
    assert (m.applies, m.reason) == (
        False,
        "this rule took effect on 2017-01-01, after the period it covers ended on 2016-12-31",
    )
    # carry_over needs a license window: anywhere else there is nothing to carry
    rolling = _req(window=Window("rolling", months=12), carry_over=CarryOver(Decimal(5)))
    assert evaluate(rolling, [a], as_of, profile).carry is None


def test_best_amount_by_hand():
    from portfolio.requirements import best_amount

    both = act(
        credits=(Credit("AMA PRA Category 1", Decimal(2)), Credit("ABIM MOC points", Decimal(3)))
    )
    assert best_amount(both, ["AMA PRA Category 1"]) == (Decimal(2), "AMA PRA Category 1")
    assert best_amount(both, []) == (Decimal(3), "ABIM MOC points")
    tie = act(
        credits=(Credit("AMA PRA Category 1", Decimal(2)), Credit("AOA Category 1-A", Decimal(2)))
    )
    assert best_amount(tie, []) == (Decimal(2), "AMA PRA Category 1")  # the first listed wins a tie
    assert best_amount(act(), []) == (Decimal(0), "")
    assert best_amount(both, ["AOA Category 1-A"]) == (Decimal(0), "")


def test_rule_in_force_and_facts_are_told_apart():
    from portfolio.model import Profile
    from portfolio.requirements import evaluate

    as_of = D(2026, 11, 25)
    fixed = Window("fixed", start=D(2015, 1, 1), end=D(2016, 12, 31))
    late = _req(window=fixed, effective=D(2017, 1, 1))
    result = evaluate(late, [], as_of, Profile(name="n"))
    assert (result.applies, result.in_force) == (False, False)
    assert result.reason.startswith("this rule took effect on 2017-01-01")
    not_mine = _req(window=fixed, effective=D(2017, 1, 1), applies_if=("dea-registrant",))
    result = evaluate(not_mine, [], as_of, Profile(name="n"))
    assert (result.applies, result.in_force) == (
        False,
        True,
    )  # the facts fail first: that is the reason
    assert result.reason.startswith("only for DEA registrants")
    current = evaluate(_req(effective=D(2017, 1, 1)), [], as_of, Profile(name="n"))
    assert (current.applies, current.in_force, current.reason) == (True, True, "")


def test_a_carry_over_rule_for_a_license_not_held_and_not_owed_evaluates_quietly():
    from portfolio.model import Profile
    from portfolio.requirements import evaluate

    req = _req(
        window=Window("license", license="TX"),
        carry_over=CarryOver(Decimal(48)),
        applies_if=("licensed-in-tx",),
    )
    result = evaluate(req, [act(certificates=(CERT,))], D(2026, 11, 25), Profile(name="n"))
    assert (result.applies, result.carry, result.contributions) == (False, None, ())


def test_topic_rules_count_off_topic_activities_apart():
    from portfolio.model import Topic
    from portfolio.requirements import evaluate

    def doc(name, day, *topics):  # noqa: ANN001, ANN002, ANN202
        return act(
            id=name,
            date=D(2026, 3, day),
            credits=(Credit("AMA PRA Category 1", Decimal(1)),),
            certificates=(CERT,),
            topics=tuple(Topic(t) for t in topics),
        )

    acts = [doc("a", 1, "cardiology"), doc("b", 2, "opioids"), doc("c", 3), doc("d", 4, "opioids")]
    result = evaluate(_req(topics=("opioids",)), acts, D(2026, 11, 25))
    assert [c.activity.id for c in result.contributions] == ["b", "d"]
    assert (result.off_topic, result.earned, result.excluded) == (2, 2, ())
    later = evaluate(_req(topics=("opioids",)), acts, D(2026, 3, 2))  # c, d not completed yet
    assert later.off_topic == 1 and [c.activity.id for c in later.contributions] == ["b"]


def _capped(*caps, acts):  # noqa: ANN001, ANN002, ANN202
    from portfolio.model import Cap
    from portfolio.requirements import evaluate

    req = _req(caps=tuple(Cap(t, max_credits=Decimal(m)) for t, m in caps))
    return evaluate(req, acts, D(2026, 11, 25))


def _topical(name, day, *topics, credit_type="AMA PRA Category 1"):  # noqa: ANN001, ANN002, ANN202
    from portfolio.model import Topic

    return act(
        id=name,
        date=D(2026, 3, day),
        credits=(Credit(credit_type, Decimal(1)),),
        certificates=(CERT,),
        topics=tuple(Topic(t) for t in topics),
    )


def test_cut_order_prefers_the_activity_that_also_relieves_a_later_cap():
    # The activity with both topics comes last: cutting the earliest or the latest first would over-cut.
    acts = [
        _topical("y", 1, "ethics"),
        _topical("z", 2, "opioids"),
        _topical("x", 3, "ethics", "opioids"),
    ]
    assert _capped(("ethics", 1), ("opioids", 1), acts=acts).earned == 2
    acts = [
        _topical("x", 1, "ethics", "opioids"),
        _topical("y", 2, "ethics"),
        _topical("z", 3, "opioids"),
    ]
    assert _capped(("ethics", 1), ("opioids", 1), ("pain", 5), acts=acts).earned == 2
    result = _capped(
        ("ethics", 1), acts=[_topical("a", 1, "ethics", credit_type="AOA Category 1-A")]
    )
    assert [c.credit_type for c in result.caps[0].contributions] == ["AOA Category 1-A"]


def test_what_an_earlier_cap_cut_is_gone_for_a_later_cap():
    acts = [_topical(n, d, "ethics", "opioids") for n, d in (("x", 1), ("y", 2), ("z", 3))]
    # ethics ≤ 1 cuts two of the three; opioids ≤ 0.5 then cuts half of the one left: 3 − 2 − 0.5
    result = _capped(("ethics", 1), ("opioids", "0.5"), acts=acts)
    assert [c.capped for c in result.caps] == [2, Decimal("0.5")]
    assert result.earned == Decimal("0.5")


def test_window_problems_in_the_words_of_the_message():
    from portfolio.model import License, Profile
    from portfolio.requirements import in_force
    from portfolio.windows import Span, describe, problem

    two = Profile(name="n", licenses=(License("TX", "1"), License(" tx", "2")))
    assert problem(Window("license", license="tx"), two) == (
        "window {license: tx}: portfolio.yaml lists 2 licenses for that state; keep one"
    )
    assert problem(Window("license", license="ny"), None) == (
        "window {license: ny} names no license in portfolio.yaml: add "
        "{state: NY, number: …, expires: YYYY-MM-DD} under 'licenses'"
    )
    one = Profile(name="n", licenses=(License("TX", "1"),))
    assert "needs 'expires'" in problem(Window("license", license="TX"), one)
    assert "needs 'issued'" in problem(Window("license", license="TX", first_months=12), one)
    assert describe(Window("license", license="TX", cycles=2)) == (
        "the last 2 renewal periods of the TX license"
    )
    # effective on the as-of date itself, after the window ended: it has taken effect
    assert in_force(D(2026, 1, 2), Span(D(2025, 1, 1), D(2026, 1, 1)), D(2026, 1, 2)) == (
        False,
        "this rule took effect on 2026-01-02, after the period it covers ended on 2026-01-01",
    )


def test_notes_cache_version_names_the_code_and_both_libraries():
    import re
    from importlib.metadata import version

    from portfolio import markup

    stamp = markup._cache_version()
    assert re.fullmatch(r"[0-9a-f]{16}\|markdown \S+\|nh3 \S+", stamp), stamp
    assert stamp.endswith(f"|markdown {version('markdown')}|nh3 {version('nh3')}")


def test_every_activity_after_the_as_of_date_is_listed_as_not_yet_counted():
    from portfolio.requirements import evaluate

    fixed = Window("fixed", start=D(2026, 1, 1), end=D(2027, 6, 30))
    acts = [
        act(
            id=f"f{day}",
            date=D(2026, 12, day),
            certificates=(CERT,),
            credits=(Credit("x", Decimal(1)),),
        )
        for day in (1, 2)
    ] + [
        act(id="now", date=D(2026, 3, 1), certificates=(CERT,), credits=(Credit("x", Decimal(1)),))
    ]
    result = evaluate(_req(window=fixed), acts, D(2026, 11, 25))
    assert [e.activity.id for e in result.excluded] == ["f1", "f2"]
    assert [c.activity.id for c in result.contributions] == ["now"] and result.earned == 1
