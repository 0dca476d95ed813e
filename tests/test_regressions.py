"""Bugs that once passed the whole suite (issue 14's manual mutation test), each with the test that catches it.

Black-box where the bug shows: the figures in transcript.json, the lines `portfolio` prints, the files left on
disk. Each test names the deliberate bug it was checked against (see CONTRIBUTING.md, "Mutation testing").
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from builder import RecordBuilder

from portfolio import cli, publish, site

AS_OF = "2026-11-25"


def transcript(rec: RecordBuilder, as_of: str = AS_OF) -> dict:
    out = rec.root / "site"
    result = rec.run("build", "--no-pdf", "--as-of", as_of)
    assert result.code == 0, result.err
    return json.loads((out / "transcript.json").read_text(encoding="utf-8"))


# ------------------------------------------------------------------------------------------- figures


def test_partial_topic_larger_than_the_activity_counts_the_activity(rec: RecordBuilder) -> None:
    """Bug: topic totals took a partial topic's credits even when larger than the activity (evaluate)."""
    cert = rec.certificate()
    rec.activity("a", credits="1.5", topics="[{topic: ethics, credits: 4}]", certificate=cert)
    rec.activity("b", credits="2", topics="[{topic: Ethics, credits: 0.5}]", certificate=cert)
    rec.activity("c", credits="0.75", topics="[ethics, opioids]", certificate=cert)
    data = transcript(rec)
    # 1.5 (capped at the activity) + 0.5 (the partial share) + 0.75 (all of it)
    assert data["topic_totals"] == {"ethics": 2.75, "opioids": 0.75}
    assert data["totals"] == {"AMA PRA Category 1": 4.25}


def test_activity_completed_on_the_as_of_date_counts(rec: RecordBuilder) -> None:
    """Bug: totals dropped an activity completed exactly on the as-of date (model.counted_on '<')."""
    rec.activity(
        "course",
        date="2026-03-14",
        end_date="2026-03-16",
        credits="2.5",
        topics="[ethics]",
        certificate=rec.certificate(),
    )
    rec.requirements(
        "requirements:\n  - {name: Life, credits: 10, credit_types: any, window: lifetime}\n"
    )
    on_the_day = transcript(rec, "2026-03-16")
    assert on_the_day["totals"] == {"AMA PRA Category 1": 2.5}
    assert on_the_day["topic_totals"] == {"ethics": 2.5}
    assert on_the_day["activities"][0]["counted"] is True
    assert on_the_day["requirements"][0]["earned"] == 2.5
    day_before = transcript(rec, "2026-03-15")  # still attending: not counted yet
    assert day_before["totals"] == {} and day_before["topic_totals"] == {}
    assert day_before["activities"][0]["counted"] is False
    assert day_before["requirements"][0]["earned"] == 0


def test_two_caps_cut_where_it_also_relieves_the_later_cap(rec: RecordBuilder) -> None:
    """Bug: with two caps, the cut order ignored the later cap and over-cut (requirements._caps)."""
    cert = rec.certificate()
    rec.activity("2026/a-both", date="2026-03-01", topics="[ethics, opioids]", certificate=cert)
    rec.activity("2026/b-ethics", date="2026-03-02", topics="[ethics]", certificate=cert)
    rec.activity("2026/c-opioids", date="2026-03-03", topics="[opioids]", certificate=cert)
    rec.requirements(
        "requirements:\n"
        "  - name: Capped\n"
        "    credits: 10\n"
        "    credit_types: any\n"
        "    window: lifetime\n"
        "    caps:\n"
        "      - {topic: ethics, max_credits: 1}\n"
        "      - {topic: opioids, max_credits: 1}\n"
    )
    (req,) = transcript(rec)["requirements"]
    # By hand: 3 credits; each topic may bring 1. Cutting the activity that carries both topics satisfies
    # both caps with one cut: 2 credits. Cutting the ethics-only one first forces a second cut: 1 credit.
    assert req["before_caps"] == 3
    assert req["earned"] == 2
    assert [(c["topic"], c["topic_total"], c["capped"]) for c in req["caps"]] == [
        ("ethics", 2, 1),
        ("opioids", 2, 0),
    ]


# ------------------------------------------------------------------------------------------- site writer


def _leftovers(parent: Path, keep: str = "site") -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith(f".{keep}"))


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


@pytest.mark.parametrize("exchange", [True, False])
def test_rebuild_leaves_no_old_or_temporary_site_behind(
    rec: RecordBuilder, monkeypatch: pytest.MonkeyPatch, exchange: bool
) -> None:
    """Bug: every successful rebuild left the previous site behind as `.site.old-PID` (portfolio/publish.py)."""
    if not exchange:  # the two-rename swap of systems without renameat2
        monkeypatch.setattr(publish, "_exchange", lambda a, b: False)
    rec.activity("a", certificate=rec.certificate())
    transcript(rec)
    transcript(rec)
    transcript(rec, "2026-12-01")
    assert _leftovers(rec.root) == []
    assert sorted(p.name for p in rec.root.iterdir()) == ["content", "site"]


def test_failed_swap_puts_the_previous_site_back(
    rec: RecordBuilder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bug: the old site deleted before the swap (no rollback) (publish.write_atomically)."""
    rec.activity("a", certificate=rec.certificate())
    transcript(rec)
    out = rec.root / "site"
    before = _snapshot(out)
    rec.activity("b", title="A second activity", certificate=rec.certificate())

    real_rename, real_replace = os.rename, os.replace
    failed: list[str] = []

    def swap_fails(src, dst, *args, **kwargs):  # noqa: ANN001, ANN202
        # The new site moving into place fails once (a full disk, a virus scanner holding a file …).
        if Path(dst) == out and ".building" in Path(src).name and not failed:
            failed.append(str(src))
            raise OSError(28, "No space left on device", str(dst))
        return (real_replace if kwargs.pop("_replace", False) else real_rename)(src, dst, *args)

    # Where the system swaps two folders in one call (renameat2) there is no moment to fail in; test the
    # two-rename path that other systems take.
    monkeypatch.setattr(publish, "_exchange", lambda a, b: False)
    monkeypatch.setattr(os, "rename", swap_fails)
    monkeypatch.setattr(os, "replace", lambda s, d, *a: swap_fails(s, d, *a, _replace=True))
    with pytest.raises(OSError):
        site.build(rec.root, out, AS_OF, pdf=False)
    monkeypatch.undo()
    assert failed, "the swap was never attempted through os.rename/os.replace"
    assert _snapshot(out) == before
    assert _leftovers(rec.root) == []


def test_tampered_notes_cache_is_sanitized_again(rec: RecordBuilder) -> None:
    """Bug: notes reused from the previous site's cache were not sanitized again (markup.NotesCache.get)."""
    rec.activity("a", body="Plain *note* text.\n", certificate=rec.certificate())
    transcript(rec)
    cache = rec.root / "site" / ".portfolio-cache" / "notes.json"
    data = json.loads(cache.read_text(encoding="utf-8"))
    assert len(data["notes"]) == 1
    for key in data["notes"]:
        data["notes"][key] = (
            '<p>Edited <em>in the cache</em>.</p><script>alert("cache")</script>'
            '<img src="https://tracker.example/x.png"><a href="javascript:alert(1)">x</a>'
        )
    cache.write_text(json.dumps(data), encoding="utf-8")
    transcript(rec)
    page = (rec.root / "site" / "activities" / "a.html").read_text(encoding="utf-8")
    assert "<p>Edited <em>in the cache</em>.</p>" in page  # the cached entry was used …
    assert 'alert("cache")' not in page  # … and cleaned again
    assert "tracker.example" not in page and "javascript:" not in page


# ------------------------------------------------------------------------------------------- CLI


def test_paths_are_prefixed_with_root_when_run_from_another_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Bug: error paths not prefixed with --root when run from another folder (cli._print_diagnostics)."""
    rec = RecordBuilder(tmp_path / "records" / "mine")
    rec.activity("a", credits="lots")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["--root", "records/mine", "check"]) == 1
    lines = capsys.readouterr().err.splitlines()
    shown = os.path.join("records", "mine", "content", "activities", "a.md")
    assert lines[0].startswith(f"{shown}:"), lines
    assert Path(tmp_path, lines[0].split(":")[0]).is_file()  # a path that opens from here
    monkeypatch.chdir(rec.root)  # from the record itself: no prefix
    assert cli.main(["check"]) == 1
    assert capsys.readouterr().err.splitlines()[0].startswith("content/activities/a.md:")


def test_error_count_leaves_warnings_out(rec: RecordBuilder) -> None:
    """Bug: the closing error count included warnings (cli.main)."""
    rec.activity("bad", credits="lots")
    rec.activity("club", status="educational", credits="1")  # a warning: credits ignored
    result = rec.run("check")
    assert result.code == 1
    lines = result.err.splitlines()
    assert sum(": error: " in line for line in lines) == 1
    assert sum(": warning: " in line for line in lines) == 1
    assert lines[-1].startswith("1 error: fix it and run 'portfolio check' again")


@pytest.mark.parametrize(
    ("claim_by", "shown"),
    [
        ("2026-12-09", "is in 14 days"),
        ("2026-11-26", "is in 1 day:"),
        ("2026-11-25", "is in 0 days"),
        ("2026-11-24", "passed 1 day ago"),
        ("2026-11-20", "passed 5 days ago"),
        ("2026-12-10", None),
    ],
)
def test_claim_deadline_warning_from_day_14(rec: RecordBuilder, claim_by: str, shown: str | None):
    """Bug: the claim-deadline warning missed its 14th day (advisories '< 14'); and 'in 1 days'."""
    rec.activity("p", status="pending", claim_by=claim_by)
    result = rec.run("check", "--as-of", AS_OF)
    warned = [line for line in result.err.splitlines() if "claim deadline" in line]
    if shown is None:
        assert warned == []
    else:
        assert len(warned) == 1 and shown in warned[0], warned
        assert warned[0].startswith("content/activities/p.md:")


def test_month_names_do_not_follow_the_machine_locale(rec: RecordBuilder) -> None:
    """Dates in words use fixed English names: no strftime %b/%B/%a/%A/%c/%x, which follow the locale."""
    rec.activity("a", certificate=rec.certificate())
    assert (
        "as of Nov 25, 2026" in rec.run("status", "--as-of", AS_OF).out
    )  # site.date_format medium

    package = Path(cli.__file__).parent
    locale_formats = re.compile(r"strftime\([^)]*%[aAbBcx]|\{[^}]*:[^}]*%[aAbBcx]")
    found = [
        f"{path.relative_to(package)}:{n}"
        for path in sorted(package.rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if locale_formats.search(line.split("#")[0])
    ]
    assert found == []


def test_pdf_counts_one_day_left_in_the_singular(rec: RecordBuilder, tmp_path: Path) -> None:
    """Bug: the PDF's requirement summary said '(1 days left)' (pdf/view.py)."""
    import pypdf

    rec.activity("a", certificate=rec.certificate())
    rec.requirements(
        "requirements:\n  - name: Renewal\n    credits: 5\n    credit_types: any\n"
        "    window: {start: 2025-11-27, end: 2026-11-26}\n"
    )
    out = tmp_path / "t.pdf"
    result = rec.run("pdf", "--as-of", AS_OF, "-o", str(out))
    assert result.code == 0, result.err
    assert re.search(r"Wrote (\S+/)?t\.pdf: \d+ pages, 1 activity \(", result.out), result.out
    text = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(out).pages).split())
    assert "(1 day left)" in text and "days left" not in text


def test_the_command_ends_without_a_last_collection(monkeypatch):
    """cli.run (the `portfolio` script and python -m portfolio): main's exit code, then gc.freeze, so the
    interpreter's final collection skips every object the command made."""
    import gc
    import subprocess
    import sys

    from portfolio import cli

    calls: list[str] = []
    monkeypatch.setattr(cli, "main", lambda: calls.append("main") or 3)
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    assert cli.run() == 3 and calls == ["main", "freeze"]
    done = subprocess.run(
        [sys.executable, "-m", "portfolio", "--version"], capture_output=True, text=True
    )
    assert done.returncode == 0 and done.stdout.strip()
