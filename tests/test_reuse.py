"""One-edit rebuilds (issue 12, item 10): a rebuild keeps the previous site's files whose inputs did not
change, and is byte for byte the clean build of the same record (portfolio/reuse.py)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from pathlib import Path

import pytest
from builder import PROFILE, TINY_PDF, RecordBuilder
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portfolio import freshness, publish, site
from portfolio.errors import RecordError

AS_OF = "2026-11-25"
CACHE = ".portfolio-cache/"


def _record(rec: RecordBuilder) -> None:
    rec.activity("a", title="Sepsis update", certificate=rec.certificate("a.pdf"))
    rec.activity("b", title="Airway course", body="Some *notes*.\n", topics="[airway]")
    rec.activity("c", title="Opioids", status="pending", claim_by="2026-12-01")
    rec.requirements(
        "requirements:\n  - {name: Any CME, credits: 5, credit_types: any, window: lifetime}\n"
    )


def _record_with_theme(rec: RecordBuilder, name: str, text: str) -> None:
    """The record of _record, built with the theme "mine" whose template ``name`` is ``text``."""
    _record(rec)
    rec.write("content/portfolio.yaml", PROFILE + "site: {title: CME, theme: mine}\n")
    rec.write(f"themes/mine/{name}", text)


def _files(folder: Path) -> dict[str, bytes]:
    """Every published file (caches aside) and its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.relative_to(folder).as_posix().startswith(CACHE)
    }


def _inodes(folder: Path) -> dict[str, int]:
    return {
        p.relative_to(folder).as_posix(): p.stat().st_ino
        for p in folder.rglob("*")
        if p.is_file() and not p.relative_to(folder).as_posix().startswith(CACHE)
    }


def _build(rec: RecordBuilder, out: Path | None = None, reuse: bool = True) -> site.BuildResult:
    return site.build(rec.root, out, AS_OF, pdf=False, reuse=reuse)


def _clean(rec: RecordBuilder, tmp: Path) -> dict[str, bytes]:
    out = tmp / "clean-site"
    shutil.rmtree(out, ignore_errors=True)
    _build(rec, out, reuse=False)
    found = _files(out)
    shutil.rmtree(out)
    return found


def _edit_credits_then_compare(rec: RecordBuilder, tmp_path: Path) -> None:
    """Build, change activity a's credits, build again: the page shows them, the site is the clean build's."""
    _build(rec)
    rec.activity("a", title="Sepsis update", credits="2.5", certificate="certificates/a.pdf")
    _build(rec)
    page = (rec.root / "site" / "activities" / "a.html").read_text(encoding="utf-8")
    assert "2.50" in page
    assert _files(rec.root / "site") == _clean(rec, tmp_path)


def test_a_body_edit_renders_only_that_activity_page(rec: RecordBuilder, tmp_path: Path):
    _record(rec)
    _build(rec)
    before = _inodes(rec.root / "site")
    rec.activity("b", title="Airway course", body="Other *notes*.\n", topics="[airway]")
    result = _build(rec)
    after = _inodes(rec.root / "site")
    new = sorted(rel for rel in after if after[rel] != before.get(rel))
    # The edited page, and what is rendered on every build: the whole-record pages and exports.
    assert "activities/b.html" in new
    assert "activities/a.html" not in new and "activities/c.html" not in new
    assert "certificates/a.pdf" not in new  # a certificate is linked, not copied again
    assert after["activities/a.html"] == before["activities/a.html"]
    assert "kept (unchanged)" in result.summary()
    assert _files(rec.root / "site") == _clean(rec, tmp_path)


def test_a_credit_edit_renders_the_pages_of_the_activities_it_shows(
    rec: RecordBuilder, tmp_path: Path
):
    _record(rec)
    _edit_credits_then_compare(rec, tmp_path)


def test_a_page_edited_by_hand_is_rendered_again(rec: RecordBuilder, tmp_path: Path):
    _record(rec)
    _build(rec)
    time.sleep(0.02)  # past the file system's clock tick: the edit must show in the ctime
    page = rec.root / "site" / "activities" / "a.html"
    info = page.stat()
    page.write_bytes(page.read_bytes().replace(b"Sepsis", b"<script>alert(1)</script>"[:6]))
    os.utime(
        page, ns=(info.st_atime_ns, info.st_mtime_ns)
    )  # same size, same mtime: only ctime tells
    rec.activity("b", title="Airway course", body="Changed.\n", topics="[airway]")
    before = _inodes(rec.root / "site")
    result = _build(rec)
    assert b"Sepsis" in page.read_bytes()
    assert _files(rec.root / "site") == _clean(rec, tmp_path)
    # The other pages that did not change are still kept (Previous.as_they_are), not rendered again.
    after = _inodes(rec.root / "site")
    same = sorted(rel for rel in after if after[rel] == before.get(rel))
    assert "activities/c.html" in same and "index.html" in same, same
    assert "activities/a.html" not in same and "activities/b.html" not in same
    assert sorted(result.output.reused) == sorted(rel for rel in same if rel != site.MARKER)
    assert f", {len(result.output.reused)} kept (unchanged)" in result.summary()


def test_a_damaged_stamp_keeps_nothing(rec: RecordBuilder):
    _record(rec)
    _build(rec)
    stamp = rec.root / "site" / freshness.STAMP
    stamp.write_text('{"files": {"activities/a.html": 3}, "keys": []}', encoding="utf-8")
    before = _inodes(rec.root / "site")
    result = _build(rec)
    after = _inodes(rec.root / "site")
    assert all(after[rel] != before[rel] for rel in after if rel in before)
    assert "kept" not in result.summary()


def test_a_theme_reading_the_whole_record_is_rendered_every_time(
    rec: RecordBuilder, tmp_path: Path
):
    _record_with_theme(
        rec,
        "activity.html",
        '{% extends "!default/activity.html" %}'
        "{% block title %}{{ item.activity.title }} (1 of {{ site.activities|length }})"
        "{% endblock %}",
    )
    _build(rec)
    rec.activity("d", title="New one")
    _build(rec)
    page = (rec.root / "site" / "activities" / "a.html").read_text(encoding="utf-8")
    assert "(1 of 4)" in page
    assert _files(rec.root / "site") == _clean(rec, tmp_path)


def test_an_encrypted_build_keeps_nothing(rec: RecordBuilder):
    _record(rec)
    _build(rec)
    result = site.build(
        rec.root, None, AS_OF, pdf=False, reuse=True, passphrase="a long passphrase 1"
    )
    assert "kept" not in result.summary()
    for path in (rec.root / "site").rglob("*.html"):
        assert b"Sepsis update" not in path.read_bytes()
    # and the plain build after it keeps nothing of the sealed one
    plain = _build(rec)
    assert "kept" not in plain.summary()


# ------------------------------------------------------------------ random sequences of changes


def _body(rec: RecordBuilder, n: int, i: int) -> None:
    rec.activity(f"x{n}", title=f"Course {n}", body=f"Notes *{i}*.\n")


def _credits(rec: RecordBuilder, n: int, i: int) -> None:
    rec.activity(f"x{n}", title=f"Course {n}", credits=f"{1 + i % 4}.25", topics="[ethics]")


def _title(rec: RecordBuilder, n: int, i: int) -> None:
    rec.activity(f"x{n}", title=f"Renamed {n} {i}", date=f"2026-0{1 + i % 9}-11")


def _delete(rec: RecordBuilder, n: int, i: int) -> None:
    path = rec.content / "activities" / f"x{n}.md"
    if path.exists():
        path.unlink()


def _certificate(rec: RecordBuilder, n: int, i: int) -> None:
    cert = rec.certificate(f"c{n}.pdf", TINY_PDF.replace(b"612", str(600 + i).encode()))
    rec.activity(f"x{n}", title=f"Course {n}", certificate=cert)


def _profile(rec: RecordBuilder, n: int, i: int) -> None:
    style = "iso" if i % 2 else "medium"
    rec.write(
        "content/portfolio.yaml", PROFILE + f"site: {{title: CME {n}, date_format: {style}}}\n"
    )


def _theme(rec: RecordBuilder, n: int, i: int) -> None:
    rec.write("content/portfolio.yaml", PROFILE + "site: {title: CME, theme: mine}\n")
    rec.write(
        "themes/mine/base.html",
        '{% extends "!default/base.html" %}{% block title %}'
        + f"T{i} "
        + "{{ super() }}{% endblock %}",
    )


def _requirement(rec: RecordBuilder, n: int, i: int) -> None:
    rec.requirements(
        "requirements:\n"
        f"  - {{name: Ethics, credits: {1 + i % 3}, credit_types: any, window: lifetime, "
        "topics: [ethics]}\n"
    )


STEPS = [_body, _credits, _title, _delete, _certificate, _profile, _theme, _requirement]


@pytest.mark.slow  # a Hypothesis test: out of mutation runs (pyproject.toml, [tool.mutmut])
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.lists(
        st.tuples(st.sampled_from(STEPS), st.integers(0, 3), st.integers(0, 50)),
        min_size=1,
        max_size=6,
    )
)
def test_rebuilds_after_random_changes_equal_clean_builds(tmp_path_factory, steps):
    root = tmp_path_factory.mktemp("record")
    rec = RecordBuilder(root)
    _record(rec)
    for n in range(3):
        _body(rec, n, 0)
    _build(rec)
    for step, n, i in steps:
        step(rec, n, i)
        _build(rec)
        assert _files(rec.root / "site") == _clean(rec, root), [s[0].__name__ for s in steps]


def test_the_outputs_keyed_without_notes_never_show_notes(rec: RecordBuilder, tmp_path: Path):
    """reuse.NOTES_BLIND_TEMPLATES and the exports are keyed without the notes: the claim behind it."""
    from portfolio import reuse

    _record(rec)
    _build(rec)
    first = _files(rec.root / "site")
    for name in ("a", "b", "c"):
        path = rec.content / "activities" / f"{name}.md"
        path.write_text(path.read_text(encoding="utf-8") + "\nA new paragraph of *notes*.\n")
    second = _clean(rec, tmp_path)
    blind = [
        rel
        for rel in first
        if rel in ("transcript.json", "transcript.csv", "deadlines.ics")
        or rel in reuse.NOTES_BLIND_TEMPLATES
        or rel.startswith("requirements/")
    ]
    assert len(blind) >= 8, blind
    assert {rel: first[rel] for rel in blind} == {rel: second[rel] for rel in blind}
    assert first["activities/b.html"] != second["activities/b.html"]  # the notes do show there


def test_parsed_front_matter_is_reused_only_as_written(rec: RecordBuilder, tmp_path: Path):
    """The parse cache decides what the record says: a cache edited in site/ is ignored, not trusted."""
    from portfolio import source_cache

    _record(rec)
    _build(rec)
    cache = rec.root / "site" / source_cache.FILE
    text = cache.read_text(encoding="utf-8")
    assert '"credits":[["AMA PRA Category 1","1.0"]]' in text  # activity a's credits, as checked
    rec.activity("b", title="Airway course", body="Edited.\n", topics="[airway]")
    _build(rec)  # the cache was used (same bytes as written): the result is still the clean build's
    assert _files(rec.root / "site") == _clean(rec, tmp_path)
    cache.write_text(
        cache.read_text(encoding="utf-8").replace('Category 1","1.0"]', 'Category 1","9.0"]'),
        encoding="utf-8",
    )
    rec.activity("c", title="Opioids again", status="pending", claim_by="2026-12-01")
    _build(rec)
    data = (rec.root / "site" / "transcript.json").read_text(encoding="utf-8")
    assert '"9.00"' not in data
    assert _files(rec.root / "site") == _clean(rec, tmp_path)


def test_a_cached_parse_is_the_parse(tmp_path: Path):
    """Every shape the loader makes survives the cache exactly (lines included)."""
    from portfolio import source_cache
    from portfolio.source import split_front_matter

    text = (
        "---\ntitle: 'Opioids #2'\ndate: 2026-03-14\ncredits:\n  - {type: AMA PRA Category 1, amount: 1.50}\n"
        "  - {type: ABIM MOC, amount: 2}\ntopics: [opioids, {topic: pain, credits: 0.25}]\n"
        "notes_private: true\nclaim_by: null\nlocation: ''\n---\nBody *text*\n\nmore\n"
    )
    first = source_cache.ParsedCache("s")
    parsed, problem = first.split(text, "x.md")
    assert problem is None
    second = source_cache.ParsedCache.parse("s", first.dump())
    again, problem = second.split(text, "x.md")
    assert problem is None
    assert second.reused == 1
    direct = split_front_matter(text, "x.md")
    for doc in (parsed, again):
        assert doc == direct
        assert doc.body == direct.body and doc.body_line == direct.body_line
    credits = again.meta["credits"]
    assert (
        credits.line == direct.meta["credits"].line
        and credits.lines == direct.meta["credits"].lines
    )
    assert again.meta.lines == direct.meta.lines
    assert str(again.meta["credits"][0]["amount"]) == "1.50"
    assert type(again.meta["notes_private"]) is bool and again.meta["claim_by"] is None


def test_a_site_replaced_between_render_and_write_is_rendered_again(
    rec: RecordBuilder, tmp_path: Path, monkeypatch
):
    """Another build swaps the site after this one chose files to keep: it renders again, keeping nothing."""
    _record(rec)
    _build(rec)
    rec.activity("b", title="Airway course", body="Edited.\n", topics="[airway]")
    real = publish.write_atomically
    raced: list[bool] = []

    def racing(out, output, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003
        if not raced:
            raced.append(bool(output.reused))
            _build(rec, reuse=False)  # the other build (its own write goes straight through)
        return real(out, output, *args, **kwargs)

    monkeypatch.setattr(publish, "write_atomically", racing)
    result = _build(rec)
    assert raced == [True]
    assert result.output.reused == {}  # rendered again, nothing kept from the replaced site
    assert _files(rec.root / "site") == _clean(rec, tmp_path)


# ------------------------------------------------------------------ mutants (tests/MUTANTS.md)


def test_the_summary_counts_exactly_the_files_kept(rec: RecordBuilder):
    """reuse.Previous.kept: one per file kept, as the new site's inodes show."""
    _record(rec)
    _build(rec)
    before = _inodes(rec.root / "site")
    rec.activity("b", title="Airway course", body="Other *notes*.\n", topics="[airway]")
    result = _build(rec)
    after = _inodes(rec.root / "site")
    same = sorted(rel for rel in after if after[rel] == before.get(rel) and rel != site.MARKER)
    assert len(same) >= 5, same  # pages a, c, the notes-blind pages, the certificate, the exports
    assert sorted(result.output.reused) == same
    assert f", {len(same)} kept (unchanged)" in result.summary()


def _header(data: bytes) -> object:
    """The first line of a parse cache (source_cache.ParsedCache.dump), decoded."""
    return json.loads(data.split(b"\n", 1)[0])


def _entries(data: bytes) -> dict[str, str]:
    """A parse cache's entries (key → JSON text), as ParsedCache.load reads them (each line: the key, the
    origin of its checked value or "-", the entry)."""
    lines = data.decode("utf-8").split("\n")[1:]
    return {key: entry for key, _, entry in (line.split(" ", 2) for line in lines if line)}


def _parse_texts() -> list[str]:
    from portfolio.source import MAX_NESTING

    deep = "> " * (MAX_NESTING + 1) + "too deep"
    return [
        "---\ntitle: 'Opioids #2'\ncredits: 1.50\ntopics: [opioids, {topic: pain, credits: 0.25}]\n"
        "---\nBody *text*\n\nmore\n",
        "---\ntitle: Ünïcode course\ncredits: 2\n---\nfirst\n\n" + deep + "\n",
    ]


def test_parsed_front_matter_survives_three_builds_with_its_note_problem(tmp_path: Path):
    """source_cache.ParsedCache: what one build writes, the next reuses and writes again, the third reuses;
    each file gets its own parse, note problem and line numbers, never another file's."""
    from portfolio import source_cache
    from portfolio.source import note_problem, split_front_matter

    texts = _parse_texts()
    expected = []
    for n, text in enumerate(texts):
        document = split_front_matter(text, f"{n}.md")
        expected.append((document, note_problem(document.body)))
    assert expected[0][1] is None and expected[1][1] is not None and expected[1][1][0] == 3
    site_dir = tmp_path / "site"
    (site_dir / ".portfolio-cache").mkdir(parents=True)
    cache = source_cache.ParsedCache("soft")
    for generation in range(3):
        results = [cache.split(text, f"{n}.md") for n, text in enumerate(texts)]
        assert cache.reused == (0 if generation == 0 else len(texts))
        for (document, problem), (want, want_problem) in zip(results, expected, strict=True):
            assert document == want and document.body == want.body
            assert document.body_line == want.body_line and document.meta.lines == want.meta.lines
            assert problem == want_problem and (problem is None or type(problem) is tuple)
        data = cache.dump()
        assert "Ünïcode".encode() in data  # stored as UTF-8 text, not escaped
        assert _header(data) == {"software": "soft"} and len(_entries(data)) == len(texts)
        (site_dir / source_cache.FILE).write_bytes(data)
        cache = source_cache.ParsedCache.load(site_dir, "soft", trusted=True)
        assert cache.software == "soft" and len(cache.previous) == len(texts)


@pytest.mark.parametrize(
    "written",
    [
        None,  # no cache file
        "not json\n",
        "[]\n",
        '{"files": {}}\n',
        '{"software": "other"}\n',  # followed by good entries, made by other software
        '{"software": "soft", "files": []}\n',
    ],
)
def test_a_parse_cache_that_is_missing_foreign_or_damaged_is_not_used(tmp_path: Path, written):
    from portfolio import source_cache

    text = _parse_texts()[0]
    good = source_cache.ParsedCache("soft")
    good.split(text, "x.md")
    entries = good.dump().split(b"\n", 1)[1].decode()
    (tmp_path / ".portfolio-cache").mkdir()
    if written is not None:
        (tmp_path / source_cache.FILE).write_text(
            written + entries if "other" in written else written, encoding="utf-8"
        )
    cache = source_cache.ParsedCache.load(tmp_path, "soft", trusted=True)
    assert cache.previous == {} and cache.software == "soft"
    cache.split(text, "x.md")
    assert cache.reused == 0 and _header(cache.dump()) == {"software": "soft"}
    # the same file, written by this software but not vouched for by the stamp: not used either
    (tmp_path / source_cache.FILE).write_bytes(good.dump())
    for ignored in (
        source_cache.ParsedCache.load(tmp_path, "soft", trusted=False),
        source_cache.ParsedCache.load(None, "soft", trusted=True),
    ):  # nothing read, and what this build parses is written for the next one
        assert ignored.previous == {} and _header(ignored.dump()) == {"software": "soft"}
    assert len(source_cache.ParsedCache.load(tmp_path, "soft", trusted=True).previous) == 1


def test_a_damaged_parse_entry_is_parsed_again(tmp_path: Path):
    """An entry that does not decode (it was vouched for, so only a bug could write it) is parsed again."""
    from portfolio import source_cache
    from portfolio.source import split_front_matter

    text = _parse_texts()[0]
    key = hashlib.sha256(text.encode("utf-8")).hexdigest()
    for entry in ([4, {"m": [1]}, None], [4, ["not", "a mapping"], None], [4], "x"):
        cache = source_cache.ParsedCache("soft", {key: json.dumps(entry)})
        document, problem = cache.split(text, "x.md")
        assert cache.reused == 0 and problem is None
        assert document == split_front_matter(text, "x.md")


def test_front_matter_that_cannot_be_stored_is_parsed_again_next_time(monkeypatch):
    from portfolio import source_cache

    texts = _parse_texts()
    plain = source_cache.ParsedCache("soft")
    odd = "---\ntitle: T\n1: one\n---\nbody\n"  # a key that is not text
    plain.split(odd, "odd.md")
    assert _entries(plain.dump()) == {}
    with pytest.raises(RecordError) as caught:  # a mistake names its file, and nothing is kept
        plain.split("title: no front matter\n", "content/activities/odd.md")
    assert str(caught.value).startswith("content/activities/odd.md:1: error: ")
    assert _entries(plain.dump()) == {}

    def too_deep(value):  # noqa: ANN001, ANN202
        raise RecursionError

    monkeypatch.setattr(source_cache, "_encode", too_deep)
    cache = source_cache.ParsedCache("soft")
    document, _ = cache.split(texts[0], "x.md")
    assert document.meta["title"] == "Opioids #2"
    assert _entries(cache.dump()) == {}


def test_a_stamp_with_damaged_entries_keeps_only_the_files_it_still_vouches_for(rec: RecordBuilder):
    """reuse.Previous.load: an entry without its file status, or with a key that is not text, is dropped;
    the other files are still kept."""
    from portfolio import source_cache

    _record(rec)
    _build(rec)
    stamp = rec.root / "site" / freshness.STAMP
    data = json.loads(stamp.read_text(encoding="utf-8"))
    del data["files"]["activities/a.html"]  # its key is still there
    data["keys"][source_cache.FILE] = 3
    stamp.write_text(json.dumps(data), encoding="utf-8")
    before = _inodes(rec.root / "site")
    result = _build(rec)
    after = _inodes(rec.root / "site")
    assert after["activities/a.html"] != before["activities/a.html"]
    assert after["activities/c.html"] == before["activities/c.html"]
    assert "activities/a.html" not in result.output.reused and len(result.output.reused) >= 5


def test_a_notes_edit_keeps_every_whole_record_page_and_export(rec: RecordBuilder, tmp_path: Path):
    """reuse.NOTES_BLIND_TEMPLATES with without_notes_key, and TemplateNames telling built-in templates
    apart: after an edit of notes alone only the activity's own page is written again."""
    _record(rec)
    _build(rec)
    before = _inodes(rec.root / "site")
    rec.activity("b", title="Airway course", body="Other *notes*.\n", topics="[airway]")
    _build(rec)
    after = _inodes(rec.root / "site")
    written = {site.MARKER, "robots.txt"}  # and the theme's static files: copied on every build
    new = [r for r in sorted(after) if after[r] != before[r] and not r.startswith("static/")]
    assert [r for r in new if r not in written] == ["activities/b.html"]
    blind = ["index.html", "transcript.html", "archive.html", "topics.html", "transcript.json"]
    assert all(rel in after for rel in blind) and any(r.startswith("requirements/") for r in after)
    assert _files(rec.root / "site") == _clean(rec, tmp_path)


def test_a_theme_page_showing_notes_follows_a_notes_edit(rec: RecordBuilder, tmp_path: Path):
    """A theme's own transcript.html (built on the built-in one) may show notes: it is not keyed without them."""
    _record_with_theme(
        rec,
        "transcript.html",
        '{% extends "!default/transcript.html" %}{% block title %}'
        "{% for a in site.activities.values() %}[{{ a.notes|striptags }}]{% endfor %}"
        "{% endblock %}",
    )
    _build(rec)
    rec.activity("b", title="Airway course", body="Other notes.\n", topics="[airway]")
    _build(rec)
    page = (rec.root / "site" / "transcript.html").read_text(encoding="utf-8")
    assert "[Other notes.]" in page
    assert _files(rec.root / "site") == _clean(rec, tmp_path)


def test_the_caches_are_trusted_exactly_as_the_last_build_wrote_them(rec: RecordBuilder):
    """reuse.Previous.untouched: the caches a build wrote are vouched for by their SHA-256 in the stamp; a
    changed, missing or unknown file, or a page (keyed, not hashed), is not."""
    from portfolio import reuse, source_cache
    from portfolio.markup import CACHE_FILE

    _record(rec)
    result = _build(rec)
    out = rec.root / "site"
    previous = reuse.Previous.load(out)
    assert previous.untouched(source_cache.FILE) and previous.untouched(CACHE_FILE)
    assert previous.untouched("certificates/a.pdf")  # a copy: keyed on its SHA-256 too
    assert not previous.untouched("activities/a.html")  # a page: keyed on its inputs
    assert not previous.untouched("nothing/here.html")
    assert not reuse.Previous(None, previous.entries).untouched(source_cache.FILE)
    rec.activity("c", title="Opioids 2", status="pending", claim_by="2026-12-01")
    again = _build(rec)  # the second build reads both caches
    assert "notes reused 1 (unchanged)" in again.summary(), again.summary()
    assert "notes reused" not in result.summary()
    cache = out / source_cache.FILE
    cache.write_bytes(cache.read_bytes().replace(b"Sepsis", b"Sepsi5"))
    assert not reuse.Previous.load(out).untouched(source_cache.FILE)
    cache.unlink()
    assert not reuse.Previous.load(out).untouched(source_cache.FILE)


def test_a_theme_including_one_template_twice_still_keys_on_what_it_extends(
    rec: RecordBuilder, tmp_path: Path
):
    """reuse.TemplateNames reads every template a page is made of, however often one of them is named."""
    _record_with_theme(
        rec,
        "activity.html",
        '{% extends "!default/activity.html" %}'
        '{% block title %}{% include "mark.html" %} {{ super() }} {% include "mark.html" %}'
        "{% endblock %}",
    )
    rec.write("themes/mine/mark.html", "*")
    _edit_credits_then_compare(rec, tmp_path)


def test_a_theme_template_that_includes_itself_is_keyed_once(rec: RecordBuilder, tmp_path: Path):
    """A template may name itself (recursion under a condition): reuse.TemplateNames reads it once and stops."""
    _record_with_theme(
        rec,
        "activity.html",
        '{% extends "!default/activity.html" %}{% block title %}'
        '{% if not item %}{% include "activity.html" %}{% endif %}{{ super() }}{% endblock %}',
    )
    _edit_credits_then_compare(rec, tmp_path)


def test_a_kept_file_deleted_before_the_write_is_rendered_again(
    rec: RecordBuilder, tmp_path: Path, monkeypatch
):
    """publish._keep: a file chosen to be kept that is gone by the time of writing makes the build
    render again (not fail), keeping only the files still as stamped."""
    _record(rec)
    _build(rec)
    rec.activity("b", title="Airway course", body="Edited.\n", topics="[airway]")
    real = publish.write_atomically
    calls: list[bool] = []

    def deleting(out, output, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003
        calls.append("activities/a.html" in output.reused)
        if len(calls) == 1:
            (out / "activities" / "a.html").unlink()
        return real(out, output, *args, **kwargs)

    monkeypatch.setattr(publish, "write_atomically", deleting)
    result = _build(rec)
    assert calls == [True, False]
    assert "activities/c.html" in result.output.reused and "index.html" in result.output.reused
    assert _files(rec.root / "site") == _clean(rec, tmp_path)


def test_a_build_that_finds_kept_files_changed_twice_keeps_nothing(
    rec: RecordBuilder, tmp_path: Path, monkeypatch
):
    """The second attempt (keeping the files still as stamped) meets a changed file too: the third keeps
    nothing."""
    _record(rec)
    _build(rec)
    rec.activity("b", title="Airway course", body="Edited.\n", topics="[airway]")
    real = publish.write_atomically
    calls: list[int] = []

    def deleting(out, output, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003
        calls.append(len(output.reused))
        if len(calls) <= 2:
            (out / sorted(output.reused)[0]).unlink()
        return real(out, output, *args, **kwargs)

    monkeypatch.setattr(publish, "write_atomically", deleting)
    result = _build(rec)
    assert len(calls) == 3 and calls[0] > calls[1] > 0 and calls[2] == 0
    assert result.output.reused == {} and "kept (unchanged)" not in result.summary()
    assert _files(rec.root / "site") == _clean(rec, tmp_path)


def test_a_theme_file_whose_name_is_not_utf8_is_keyed(rec: RecordBuilder, tmp_path: Path):
    """reuse.theme_key hashes every theme file's name, even one that is not UTF-8 (surrogateescape)."""
    _record(rec)
    rec.write("content/portfolio.yaml", PROFILE + "site: {title: CME, theme: mine}\n")
    rec.write("themes/mine/base.html", '{% extends "!default/base.html" %}')
    static = os.fsencode(rec.root / "themes" / "mine" / "static")
    os.makedirs(static, exist_ok=True)
    with open(os.path.join(static, b"\xff.txt"), "wb") as handle:
        handle.write(b"x")
    _build(rec)
    rec.activity("b", title="Airway course", body="Edited.\n", topics="[airway]")
    result = _build(rec)
    assert "kept (unchanged)" in result.summary()


def _count_parses(monkeypatch) -> list[str]:  # noqa: ANN001
    """The names of the templates reuse.TemplateNames parses from here on (Jinja's own compiling aside)."""
    import jinja2

    parsed: list[str] = []
    real = jinja2.Environment.parse

    def counting(self, source, name=None, filename=None):  # noqa: ANN001, ANN202
        parsed.append(name)
        return real(self, source, name, filename)

    monkeypatch.setattr(jinja2.Environment, "parse", counting)
    return parsed


def test_template_parses_are_kept_for_the_next_build_and_follow_a_theme_edit(
    rec: RecordBuilder, tmp_path: Path, monkeypatch
):
    """reuse.NAMES_FILE: a rebuild parses no template it parsed before; an edited template is parsed again,
    and the site is still the clean build's."""
    _record_with_theme(rec, "activity.html", '{% extends "!default/activity.html" %}')
    first = _build(rec)
    assert first.output.keys[".portfolio-cache/templates.json"].startswith("sha256:")
    parsed = _count_parses(monkeypatch)
    rec.activity("b", title="Airway course", body="Edited.\n", topics="[airway]")
    result = _build(rec)
    assert parsed == [] and "kept (unchanged)" in result.summary()
    rec.write(
        "themes/mine/activity.html",
        '{% extends "!default/activity.html" %}{% block title %}[{{ profile.name }}] {{ super() }}'
        "{% endblock %}",
    )
    _build(rec)
    assert parsed == ["activity.html"]
    assert "[Test Physician, MD]" in (rec.root / "site/activities/a.html").read_text(
        encoding="utf-8"
    )
    assert _files(rec.root / "site") == _clean(rec, tmp_path)


@pytest.mark.parametrize("how", ["edited", "damaged entry", "other software"])
def test_template_parses_not_vouched_for_are_parsed_again(rec: RecordBuilder, monkeypatch, how):
    """A names cache changed in site/ (the stamp's SHA-256 differs), an entry that is not a parse, or one made
    by other software: the templates are parsed again."""
    from portfolio import reuse

    _record(rec)
    _build(rec)
    cache = rec.root / "site" / reuse.NAMES_FILE
    data = json.loads(cache.read_text(encoding="utf-8"))
    if how == "edited":
        data["templates"] = {key: [[], []] for key in data["templates"]}
    elif how == "damaged entry":
        data["templates"] = {key: [[1], []] for key in data["templates"]}
    else:
        data["software"] = "other"
    text = json.dumps(data)
    cache.write_text(text, encoding="utf-8")
    if how != "edited":  # vouched for: the stamp's key is the new bytes' SHA-256
        stamp_path = rec.root / "site" / freshness.STAMP
        stamp = json.loads(stamp_path.read_text(encoding="utf-8"))
        stamp["keys"][reuse.NAMES_FILE] = "sha256:" + hashlib.sha256(text.encode()).hexdigest()
        stamp["files"][reuse.NAMES_FILE] = freshness.site_fingerprint(os.lstat(cache))
        stamp_path.write_text(json.dumps(stamp), encoding="utf-8")
    parsed = _count_parses(monkeypatch)
    rec.activity("b", title="Airway course", body="Edited.\n", topics="[airway]")
    _build(rec)
    assert "activity.html" in parsed and "base.html" in parsed


# ------------------------------------------------------------------ the checked activity, cached


def _load_twice(rec: RecordBuilder):  # noqa: ANN202
    """The record loaded without a cache, then with the cache that load wrote (as the next build does)."""
    from portfolio import records, source_cache
    from portfolio.certificates import Inspections

    first = source_cache.ParsedCache("soft")
    fresh, fresh_diags = records.load(rec.root, Inspections(None), first)
    second = source_cache.ParsedCache.parse("soft", first.dump())
    cached, cached_diags = records.load(rec.root, Inspections(None), second)
    return (fresh, fresh_diags), (cached, cached_diags), second


def _every_field(activity) -> dict:  # noqa: ANN001
    import dataclasses

    return {f.name: getattr(activity, f.name) for f in dataclasses.fields(activity)}


def test_a_cached_activity_is_the_checked_activity_with_its_warnings(rec: RecordBuilder):
    """Every field (lines and origin included, amounts to the exponent) and every warning come back the
    same from the cache; no file is parsed or checked again."""
    rec.activity(
        "2026/a",
        raw=(
            "title: 'Opioids #2 — tapering'\ndate: 2026-03-14\nend_date: 2026-03-15\n"
            "provider: University Hospital\naccreditor: ACCME\nformat: workshop\n"
            "credits:\n  - {type: AMA PRA Category 1, amount: 1.50}\n  - {type: ABIM MOC points, amount: 2}\n"
            "topics: [opioids, {topic: pain management, credits: 0.25}]\n"
            "certificate: [certificates/a.pdf, certificates/b.png]\nlocation: Boston, MA\n"
            "url: https://example.org/course\nnotes_private: true\n"
        ),
        body="\n\nPrivate *notes*.\n\n",
    )
    rec.certificate("a.pdf")
    rec.certificate("b.png")
    rec.activity(
        "b", status="educational", credits="2", topics="[ethics]"
    )  # a warning: credits ignored
    rec.activity("c", status="pending", claim_by="2026-12-01", credit_type="Category 2")
    (fresh, fresh_diags), (cached, cached_diags), second = _load_twice(rec)
    assert second.reused == 3
    assert [_every_field(a) for a in cached.activities] == [
        _every_field(a) for a in fresh.activities
    ]
    assert all(a.origin for a in cached.activities)
    amounts = [str(c.amount) for c in cached.activities[0].credits]
    assert amounts == ["1.50", "2"] and str(cached.activities[0].topics[1].credits) == "0.25"
    assert [str(d) for d in cached_diags.warnings] == [str(d) for d in fresh_diags.warnings]
    assert any("'credits' is ignored" in str(d) for d in cached_diags.warnings)


def test_a_cached_activity_resolves_its_certificates_again(rec: RecordBuilder):
    """The certificates are other files: one deleted since is an error, one replaced is read again."""
    from portfolio import records, source_cache
    from portfolio.certificates import Inspections

    rec.activity("a", certificate=rec.certificate("a.pdf"))
    first = source_cache.ParsedCache("soft")
    records.load(rec.root, Inspections(None), first)
    rec.write("content/certificates/a.pdf", TINY_PDF + b"%% longer now\n")
    second = source_cache.ParsedCache.parse("soft", first.dump())
    record, _ = records.load(rec.root, Inspections(None), second)
    assert second.reused == 1
    assert record.activities[0].certificates[0].size == len(TINY_PDF) + len(b"%% longer now\n")
    (rec.content / "certificates" / "a.pdf").unlink()
    third = source_cache.ParsedCache.parse("soft", second.dump())
    with pytest.raises(RecordError) as caught:
        records.load(rec.root, Inspections(None), third)
    assert third.reused == 1
    assert "content/activities/a.md:" in str(caught.value)
    assert "names a file that does not exist: content/certificates/a.pdf" in str(caught.value)


def test_a_cached_activity_is_checked_again_under_another_default_credit_type(rec: RecordBuilder):
    from portfolio import records, source_cache
    from portfolio.certificates import Inspections

    rec.activity("a")  # no credit_type: the profile's default
    first = source_cache.ParsedCache("soft")
    records.load(rec.root, Inspections(None), first)
    rec.write("content/portfolio.yaml", PROFILE.replace("AMA PRA Category 1", "AOA Category 1-A"))
    second = source_cache.ParsedCache.parse("soft", first.dump())
    record, _ = records.load(rec.root, Inspections(None), second)
    assert second.reused == 0  # parsed and checked again
    assert record.activities[0].credits[0].type == "AOA Category 1-A"
    third = source_cache.ParsedCache.parse("soft", second.dump())
    again, _ = records.load(rec.root, Inspections(None), third)
    assert third.reused == 1 and again.activities[0].credits[0].type == "AOA Category 1-A"


def test_a_file_with_a_mistake_is_never_taken_from_the_cache(rec: RecordBuilder):
    """Only activities without errors are kept: a mistake is reported on every load."""
    from portfolio import records, source_cache
    from portfolio.certificates import Inspections

    rec.activity("a", credits="1.234")
    cache = source_cache.ParsedCache("soft")
    for _ in range(2):
        with pytest.raises(RecordError, match="at most two decimals"):
            records.load(rec.root, Inspections(None), cache)
        cache = source_cache.ParsedCache.parse("soft", cache.dump())
        assert cache.reused == 0


@pytest.mark.parametrize(
    "damage",
    [
        lambda v: {**v, "date": "2026-02-30"},
        lambda v: {**v, "credits": [["AMA PRA Category 1", "one"]]},
        lambda v: {k: x for k, x in v.items() if k != "title"},
        lambda v: {**v, "warnings": [["x", "y", "z"]]},
        lambda v: [v],
    ],
)
def test_a_cached_value_that_is_not_an_activity_is_checked_again(rec: RecordBuilder, damage):
    from portfolio import records, source_cache
    from portfolio.certificates import Inspections

    rec.activity("a", credits="1.50")
    first = source_cache.ParsedCache("soft")
    fresh, _ = records.load(rec.root, Inspections(None), first)
    entries = _entries(first.dump())
    damaged = 0
    for key, text in entries.items():
        entry = json.loads(text)
        if entry[3] is not None:  # an activity's (not portfolio.yaml's)
            entry[3][1] = damage(entry[3][1])
            entries[key] = json.dumps(entry)
            damaged += 1
    assert damaged == 1
    second = source_cache.ParsedCache("soft", entries)
    record, _ = records.load(rec.root, Inspections(None), second)
    assert second.reused == 0
    assert _every_field(record.activities[0]) == _every_field(fresh.activities[0])


def test_an_activity_origin_follows_its_front_matter_not_its_notes(rec: RecordBuilder):
    from portfolio.records.activity import origin

    text = "---\ntitle: A\n---\nnotes\n"
    assert origin(text, 4, None) == origin("---\ntitle: A\n---\nother notes\n\nmore\n", 4, None)
    assert origin(text, 4, None) != origin("---\ntitle: B\n---\nnotes\n", 4, None)
    assert origin(text, 4, None) != origin(text, 4, "AMA PRA Category 1")
    assert origin(text, 4, "None") != origin(text, 4, None)
    assert origin("---\ntitle: A\n---", 4, None) == origin("---\ntitle: A\n---", 4, None)


def test_keys_do_not_depend_on_which_equal_values_are_the_same_object():
    """reuse pickles without a memo: a shared string and two equal ones give the same key."""
    from portfolio import reuse

    shared = "AMA PRA Category 1"
    apart = "".join(["AMA PRA ", "Category 1"])
    assert shared is not apart
    assert reuse.value_key((shared, shared)) == reuse.value_key((shared, apart))
    assert reuse.without_notes_key([shared, shared]) == reuse.without_notes_key([shared, apart])
    assert reuse.value_key((shared, shared)) != reuse.value_key((shared, shared + " "))


def test_an_activity_is_keyed_on_what_it_was_made_from(rec: RecordBuilder):
    """With an origin, the key is the origin, path, certificates (and body); without one, every field."""
    import dataclasses

    from portfolio import reuse

    rec.activity("a", certificate=rec.certificate("a.pdf"), body="Notes.\n")
    (fresh, _), (cached, _), _ = _load_twice(rec)
    a = cached.activities[0]
    assert reuse.value_key(a) == reuse.value_key(fresh.activities[0])
    assert reuse.without_notes_key(a) == reuse.without_notes_key(fresh.activities[0])
    other_body = dataclasses.replace(a, body="Other notes.")
    assert reuse.value_key(other_body) != reuse.value_key(a)
    assert reuse.without_notes_key(other_body) == reuse.without_notes_key(a)
    for change in ({"origin": "0" * 64}, {"id": "b"}, {"source": "x.md"}, {"certificates": ()}):
        changed = dataclasses.replace(a, **change)
        assert reuse.value_key(changed) != reuse.value_key(a), change
        assert reuse.without_notes_key(changed) != reuse.without_notes_key(a), change
    # Without an origin every field counts, the title too (an origin stands for it).
    plain = dataclasses.replace(a, origin="")
    assert reuse.value_key(dataclasses.replace(plain, title="X")) != reuse.value_key(plain)
    assert reuse.value_key(dataclasses.replace(a, title="X")) == reuse.value_key(a)
    assert reuse.without_notes_key(dataclasses.replace(plain, body="X")) == reuse.without_notes_key(
        plain
    )


def test_the_activity_files_are_found_as_rglob_finds_them(tmp_path: Path):
    """records._markdown_files: the files Path.rglob("*.md") gives that are files, outside dot folders,
    without entering folders reached through links, in the order of their parts."""
    from portfolio.records import _markdown_files

    top = tmp_path / "activities"
    for rel in (
        "b.md",
        "a/z.md",
        "a/b/c.md",
        "a-b.md",
        "a.md.txt",
        ".hidden.md",
        ".dot/x.md",
        "c/.d/y.md",
    ):
        (top / rel).parent.mkdir(parents=True, exist_ok=True)
        (top / rel).write_text("x", encoding="utf-8")
    (top / "folder.md").mkdir()
    (top / "linked.md").symlink_to(top / "b.md")
    (top / "dir-link").symlink_to(top / "a", target_is_directory=True)
    (top / "dir-link.md").symlink_to(top / "a", target_is_directory=True)
    (top / "broken.md").symlink_to(top / "nowhere.md")
    expected = [
        (p.relative_to(top).parts, str(p), p.is_symlink())
        for p in sorted(top.rglob("*.md"), key=lambda p: p.parts)
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(top).parts)
    ]
    found = _markdown_files(top)
    assert found == expected
    assert [parts for parts, _, _ in found] == [
        ("a", "b", "c.md"),
        ("a", "z.md"),
        ("a-b.md",),
        ("b.md",),
        ("linked.md",),
    ]
    assert [link for _, _, link in found] == [False, False, False, False, True]
    assert _markdown_files(tmp_path / "missing") == []


def test_a_note_edited_alone_is_not_parsed_again(rec: RecordBuilder, monkeypatch):
    """The front matter is the same: the checked activity is found by its origin, the body is the new one,
    and no YAML is parsed (source_cache.ParsedCache._same_front_matter)."""
    from portfolio import records, source, source_cache
    from portfolio.certificates import Inspections

    rec.activity("a", certificate=rec.certificate("a.pdf"), body="First notes.\n")
    rec.activity("b", status="educational", credits="2", body="Other.\n")  # with a warning
    first = source_cache.ParsedCache("soft")
    records.load(rec.root, Inspections(None), first)
    rec.activity("a", certificate="certificates/a.pdf", body="Edited *notes*.\n\nMore.\n")
    rec.activity("b", status="educational", credits="2", body="Changed too.\n")
    fresh, fresh_diags = records.load(rec.root, Inspections(None), source_cache.ParsedCache("x"))
    parses: list[str] = []
    real = source.split_front_matter

    def counting(text, shown):  # noqa: ANN001, ANN202
        parses.append(shown)
        return real(text, shown)

    monkeypatch.setattr(source_cache, "split_front_matter", counting)
    second = source_cache.ParsedCache.parse("soft", first.dump())
    cached, cached_diags = records.load(rec.root, Inspections(None), second)
    assert parses == [] and second.reused == 2
    assert [_every_field(a) for a in cached.activities] == [
        _every_field(a) for a in fresh.activities
    ]
    assert cached.activities[0].body == "Edited *notes*.\n\nMore."
    assert [str(d) for d in cached_diags.warnings] == [str(d) for d in fresh_diags.warnings]
    # what this load wrote finds the edited files by their text next time
    third = source_cache.ParsedCache.parse("soft", second.dump())
    records.load(rec.root, Inspections(None), third)
    assert parses == [] and third.reused == 2


def test_a_note_edited_past_its_bounds_is_reported_not_taken_from_the_cache(rec: RecordBuilder):
    from portfolio import records, source_cache
    from portfolio.certificates import Inspections
    from portfolio.source import MAX_NESTING

    rec.activity("a", body="Fine.\n")
    first = source_cache.ParsedCache("soft")
    records.load(rec.root, Inspections(None), first)
    rec.activity("a", body="first\n\n" + "> " * (MAX_NESTING + 1) + "too deep\n")
    second = source_cache.ParsedCache.parse("soft", first.dump())
    with pytest.raises(RecordError, match="content/activities/a.md:"):
        records.load(rec.root, Inspections(None), second)
    assert second.reused == 0


def test_a_front_matter_edit_is_parsed_and_checked_again(rec: RecordBuilder):
    from portfolio import records, source_cache
    from portfolio.certificates import Inspections

    rec.activity("a", credits="1.0", body="Same notes.\n")
    first = source_cache.ParsedCache("soft")
    records.load(rec.root, Inspections(None), first)
    rec.activity("a", credits="2.5", body="Same notes.\n")
    second = source_cache.ParsedCache.parse("soft", first.dump())
    record, _ = records.load(rec.root, Inspections(None), second)
    assert second.reused == 0 and str(record.activities[0].credits[0].amount) == "2.5"


def test_no_cache_in_the_site_holds_what_the_site_does_not_show(rec: RecordBuilder):
    """A cache in site/ is as public as the site (it is uploaded with it): the profile's contact details
    and DEA number, which the site does not show by default, and private notes are in none of its files,
    after a build and after a rebuild that reused the caches."""
    profile = PROFILE + (
        "dea: {number: AB1234563, expires: 2027-01-31}\n"
        "email: private.person@example.org\nphone: 555-0199-7788\naddress: 12 Hidden Lane, Springfield\n"
    )
    rec.write("content/portfolio.yaml", profile)
    _record(rec)
    rec.activity(
        "d", title="Private reflection", notes_private="true", body="Secret-diagnosis-words.\n"
    )
    secrets = [b"AB1234563", b"private.person@example.org", b"555-0199-7788", b"Hidden Lane"]
    secrets.append(b"Secret-diagnosis-words")
    for _ in range(2):
        _build(rec)
        found = {
            rel: [s for s in secrets if s in data]
            for rel, data in (
                (p.relative_to(rec.root / "site").as_posix(), p.read_bytes())
                for p in (rec.root / "site").rglob("*")
                if p.is_file()
            )
        }
        assert {rel: hit for rel, hit in found.items() if hit} == {}
        assert any(rel.startswith(CACHE) for rel in found)  # the caches were looked at
        rec.activity("b", title="Airway course", body="Edited.\n", topics="[airway]")


def test_a_page_edited_by_hand_costs_only_that_page(rec: RecordBuilder, tmp_path: Path):
    """Every kept file is checked before the first is linked: the build that finds one changed renders it
    again and keeps all the others (linking them first would have changed their status)."""
    _record(rec)
    for name in "defgh":
        rec.activity(name, title=f"Course {name}", date=f"2026-03-1{'defgh'.index(name)}")
    _build(rec)
    time.sleep(0.02)  # past the file system's clock tick: the edit must show in the ctime
    page = rec.root / "site" / "activities" / "g.html"  # linked after a.html … f.html
    page.write_bytes(page.read_bytes().replace(b"Course g", b"Course G"))
    rec.activity("b", title="Airway course", body="Changed.\n", topics="[airway]")
    before = _inodes(rec.root / "site")
    result = _build(rec)
    after = _inodes(rec.root / "site")
    rendered = sorted(
        rel for rel in after if after[rel] != before.get(rel) and rel.endswith(".html")
    )
    assert rendered == [
        "activities/b.html",
        "activities/g.html",
    ]  # (robots.txt, static/: every build)
    assert _files(rec.root / "site") == _clean(rec, tmp_path)
    assert f", {len(result.output.reused)} kept (unchanged)" in result.summary()


# ------------------------------------------------------------------ the cache's paths (tests/MUTANTS.md)


def _load_with(rec: RecordBuilder, cache):  # noqa: ANN001, ANN202
    from portfolio import records
    from portfolio.certificates import Inspections

    return records.load(rec.root, Inspections(None), cache)


def _counting(monkeypatch, module, name: str) -> list[str]:  # noqa: ANN001
    calls: list[str] = []
    real = getattr(module, name)

    def counting(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        calls.append(name)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counting)
    return calls


def test_an_unchanged_file_is_found_by_its_text_and_its_note_not_checked_again(
    rec: RecordBuilder, monkeypatch
):
    from portfolio import source_cache

    rec.activity("a", body="Notes.\n")
    rec.activity("b", body="Other notes.\n")
    first = source_cache.ParsedCache("soft")
    _load_with(rec, first)
    rec.activity("b", body="Edited notes.\n")
    checks = _counting(monkeypatch, source_cache, "note_problem")
    splits = _counting(monkeypatch, source_cache, "split_front_matter")
    second = source_cache.ParsedCache.parse("soft", first.dump())
    _load_with(rec, second)
    assert second.reused == 2 and splits == [] and checks == ["note_problem"]  # b's note alone


def test_notes_edited_again_and_again_are_found_by_their_front_matter(
    rec: RecordBuilder, monkeypatch
):
    """Each load writes every entry's origin again (those found by text, and by front matter), so the
    next note edit is found too."""
    from portfolio import source_cache

    rec.activity("a", body="Notes 0.\n")
    rec.activity("b", body="Never edited.\n")
    cache = source_cache.ParsedCache("soft")
    _load_with(rec, cache)
    splits = _counting(monkeypatch, source_cache, "split_front_matter")
    for n in range(1, 4):
        rec.activity("a", body=f"Notes {n}.\n")
        if n == 3:
            rec.activity("b", body="Edited at last.\n")
        cache = source_cache.ParsedCache.parse("soft", cache.dump())
        record, _ = _load_with(rec, cache)
        assert cache.reused == 2 and splits == [], n
        assert record.activities[0].body == f"Notes {n}."


def test_a_note_edit_under_another_default_credit_type_is_checked_again(rec: RecordBuilder):
    from portfolio import source_cache

    rec.activity("a", body="Notes.\n")
    first = source_cache.ParsedCache("soft")
    _load_with(rec, first)
    rec.write("content/portfolio.yaml", PROFILE.replace("AMA PRA Category 1", "AOA Category 1-A"))
    rec.activity("a", body="Edited notes.\n")
    second = source_cache.ParsedCache.parse("soft", first.dump())
    record, _ = _load_with(rec, second)
    assert second.reused == 0 and record.activities[0].credits[0].type == "AOA Category 1-A"


def test_a_front_matter_edit_of_spaces_alone_is_not_taken_for_the_same(rec: RecordBuilder):
    """Spaces inside a value are the value: an origin covers the front matter's exact text."""
    from portfolio import source_cache

    rec.activity("a", title="'Sepsis  update'", body="Notes.\n")
    first = source_cache.ParsedCache("soft")
    _load_with(rec, first)
    rec.activity("a", title="'Sepsis update'", body="Edited notes.\n")
    second = source_cache.ParsedCache.parse("soft", first.dump())
    record, _ = _load_with(rec, second)
    assert record.activities[0].title == "Sepsis update" and second.reused == 0


def test_a_note_edit_past_its_bounds_on_its_first_line_is_reported(rec: RecordBuilder):
    from portfolio import source_cache
    from portfolio.source import MAX_NESTING

    rec.activity("a", body="Fine.\n")
    first = source_cache.ParsedCache("soft")
    _load_with(rec, first)
    rec.activity("a", body="> " * (MAX_NESTING + 1) + "too deep\n")
    second = source_cache.ParsedCache.parse("soft", first.dump())
    with pytest.raises(
        RecordError, match="content/activities/a.md:7: error: lists or quotes are nested"
    ):
        _load_with(rec, second)


@pytest.mark.parametrize(
    "entry",
    [
        '{"a": 1}',
        "[3, null, null]",
        '[3, {"d": "x"}, null, null]',
        '[3, {"m": [1]}, null, null]',
        "not json",
        "REAL with body_line '3'",
        "REAL with body_line 0",
        "REAL with body_line true",
    ],
)
def test_a_trusted_entry_of_the_wrong_shape_is_parsed_again(rec: RecordBuilder, entry: str):
    """An entry the cache's own code would never write (the stamp vouched for the bytes, so only a bug could
    put it there): the file is parsed and checked as if there were no cache, never a traceback."""
    from portfolio import source_cache

    rec.activity("a", credits="1.50", body="Notes.\n")
    first = source_cache.ParsedCache("soft")
    fresh, _ = _load_with(rec, first)
    ((key, real),) = _entries(first.dump()).items()
    if entry.startswith("REAL"):
        written = json.loads(real)
        written[0] = {"'3'": "3", "0": 0, "true": True}[entry.rsplit(" ", 1)[1]]
        entry = json.dumps(written)
    cache = source_cache.ParsedCache("soft", {key: entry})
    record, _ = _load_with(rec, cache)
    assert cache.reused == 0
    assert _every_field(record.activities[0]) == _every_field(fresh.activities[0])


def test_a_record_in_a_folder_whose_name_is_not_utf8_builds_and_rebuilds(tmp_path: Path):
    """reuse.TemplateNames keys each template on its file's path, which holds the record's folder: a folder
    named in another encoding (bytes that are not UTF-8) must not stop the build."""
    root = Path(os.fsdecode(os.fsencode(tmp_path) + b"/caf\xe9-record"))
    rec = RecordBuilder(root)
    _record(rec)
    rec.write("content/portfolio.yaml", PROFILE + "site: {title: CME, theme: mine}\n")
    rec.write(
        "themes/mine/activity.html",
        '{% extends "!default/activity.html" %}{% block title %}MINE {{ super() }}{% endblock %}',
    )
    _build(rec)
    rec.activity("b", title="Airway course", body="Edited.\n", topics="[airway]")
    result = _build(rec)
    assert "kept (unchanged)" in result.summary()
    assert "MINE" in (root / "site" / "activities" / "b.html").read_text(encoding="utf-8")
    assert _files(root / "site") == _clean(rec, tmp_path)
