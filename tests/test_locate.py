"""Running `portfolio` from any sub-folder of a record finds the record's root, the way git does."""

from __future__ import annotations

from pathlib import Path

from builder import RecordBuilder, run_in


def test_check_and_build_from_a_sub_folder(rec: RecordBuilder):
    rec.activity("2026/a", title="Ethics", certificate=rec.certificate("a.pdf"))
    rec.activity("2026/b", title="No proof")
    deep = rec.content / "activities" / "2026"
    run = run_in(deep, "check")
    assert run.code == 0, run.err
    assert "Checked 2 activities" in run.out
    # paths in messages lead from where the user stands to the file
    assert "../../../content/activities/2026/b.md:2: warning: no certificate" in run.err
    run = run_in(deep, "build", "--no-pdf", "--as-of", "2026-11-25")
    assert run.code == 0, run.err
    assert (rec.root / "site/transcript.json").is_file()
    assert not (deep / "site").exists()


def test_new_from_a_sub_folder_writes_into_the_record(rec: RecordBuilder):
    rec.write("notes/ideas.txt", "x")
    run = run_in(
        rec.root / "notes",
        "new",
        "Sepsis",
        "--date",
        "2026-03-14",
        "--provider",
        "H",
        "--credits",
        "1",
    )
    assert run.code == 0, run.err
    assert (rec.content / "activities/2026/2026-03-14-sepsis.md").is_file()
    assert not (rec.root / "notes/content").exists()


def test_outside_any_record_says_so(tmp_path: Path):
    (tmp_path / "elsewhere").mkdir()
    run = run_in(tmp_path / "elsewhere", "check")
    assert run.code == 1
    assert "no content/ folder" in run.err


def test_init_writes_where_it_is_told_even_inside_a_record(rec: RecordBuilder):
    inner = rec.root / "sub"
    inner.mkdir()
    run = run_in(inner, "init")
    assert run.code == 0, run.err
    assert (inner / "content/portfolio.yaml").is_file()
