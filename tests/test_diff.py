"""`portfolio diff [REV]`: activities added, removed and edited, and each requirement's figures before → after."""

from __future__ import annotations

import json

from builder import RecordBuilder
from gitrepo import commit, git, init

REQUIREMENTS = """\
requirements:
  - name: Renewal
    credits: 5
    credit_types: [AMA PRA Category 1]
    window: lifetime
    minimums: [{topic: ethics, credits: 1}]
"""


def _history(rec: RecordBuilder) -> None:
    init(rec.root)
    rec.requirements(REQUIREMENTS)
    cert = rec.certificate("c.pdf")
    rec.activity("2026/a", title="Sepsis", date="2026-01-10", credits="1.0", certificate=cert)
    rec.activity(
        "2026/b", title="Heart failure", date="2026-02-10", credits="2.0", certificate=cert
    )
    rec.activity("2026/c", title="Delirium", date="2026-03-10", credits="1.0", certificate=cert)
    commit(rec.root, "2026-03-15")
    git(rec.root, "tag", "submitted")
    rec.activity(
        "2026/a",
        title="Sepsis",
        date="2026-01-10",
        credits="1.5",
        certificate=cert,
        topics="[ethics]",
    )
    (rec.content / "activities/2026/c.md").unlink()
    rec.activity(
        "2026/d", title="Opioid prescribing", date="2026-04-01", credits="3", certificate=cert
    )
    commit(rec.root, "2026-04-02")


def test_since_the_last_tag(rec: RecordBuilder):
    _history(rec)
    run = rec.run("diff", "--as-of", "2026-11-25")
    assert run.code == 0, run.err
    out = run.out
    assert out.startswith("Since submitted (")
    assert "Activities: 1 added, 1 removed, 1 edited" in out
    assert (
        "  + 2026-04-01  Opioid prescribing  (3.00 AMA PRA Category 1)  content/activities/2026/d.md"
        in out
    )
    assert (
        "  - 2026-03-10  Delirium  (1.00 AMA PRA Category 1)  content/activities/2026/c.md" in out
    )
    assert "      credits: 1.00 AMA PRA Category 1 → 1.50 AMA PRA Category 1" in out
    assert "      topics: none → ethics" in out
    assert "  ~ Renewal: earned 4.00 → 6.50 of 5.00, in-progress → met" in out
    assert "      minimum ethics: 0.00 → 1.50 of 1.00" in out


def test_named_revision_uncommitted_changes_and_json(rec: RecordBuilder):
    _history(rec)
    rec.activity("2026/e", title="Not committed yet", date="2026-05-01", credits="1")
    data = json.loads(rec.run("diff", "HEAD", "--json", "--as-of", "2026-11-25").out)
    assert [a["id"] for a in data["added"]] == ["2026/e"]  # the working files against HEAD
    assert data["removed"] == [] and data["edited"] == []
    assert data["requirements"] == [
        {
            "name": "Renewal",
            "changed": False,
            "before": {
                "state": "met",
                "earned": 6.5,
                "needed": 5.0,
                "remaining": 0.0,
                "minimums": [{"minimum": "ethics", "earned": 1.5, "needed": 1.0, "met": True}],
            },
            "after": {
                "state": "met",
                "earned": 6.5,
                "needed": 5.0,
                "remaining": 0.0,
                "minimums": [{"minimum": "ethics", "earned": 1.5, "needed": 1.0, "met": True}],
            },
        }
    ]


def test_without_tags_the_previous_commit_and_a_rename(rec: RecordBuilder):
    init(rec.root)
    rec.activity("2026/a", title="Sepsis", date="2026-01-10")
    commit(rec.root, "2026-01-11")
    git(rec.root, "mv", "content/activities/2026/a.md", "content/activities/2026/sepsis.md")
    rec.activity("2026/b", title="B", date="2026-01-12")
    commit(rec.root, "2026-01-13")
    run = rec.run("diff")
    assert run.code == 0, run.err
    assert run.out.startswith("Since HEAD~1 (")
    assert "Activities: 1 added, 0 removed, 1 edited" in run.out
    assert "      file: content/activities/2026/a.md → content/activities/2026/sepsis.md" in run.out


def test_errors_a_user_can_act_on(rec: RecordBuilder):
    rec.activity("2026/a", title="A")
    run = rec.run("diff")
    assert run.code == 1
    assert "not in a git repository" in run.err
    init(rec.root)
    commit(rec.root, "2026-01-01")
    run = rec.run("diff")
    assert run.code == 1
    assert (
        "HEAD~1: error: not a revision git knows in this repository (the record has only one commit"
        in run.err
    )
    run = rec.run("diff", "no-such-tag")
    assert "no-such-tag: error: not a revision git knows" in run.err


def test_an_old_revision_with_errors_names_the_revision(rec: RecordBuilder):
    init(rec.root)
    rec.activity("2026/a", title="A", credits="lots")
    commit(rec.root, "2026-01-01")
    rec.activity("2026/a", title="A", credits="1")
    commit(rec.root, "2026-01-02")
    run = rec.run("diff")
    assert run.code == 1
    assert "HEAD~1:content/activities/2026/a.md:3: error: 'credits' must be a number" in run.err


def test_a_revision_before_the_record_existed(rec: RecordBuilder):
    init(rec.root)
    rec.write("README.txt", "my files\n")
    commit(rec.root, "2026-01-01")
    rec.requirements(REQUIREMENTS)
    rec.activity("2026/a", title="Sepsis", date="2026-01-10", certificate=rec.certificate("c.pdf"))
    commit(rec.root, "2026-01-11")
    run = rec.run("diff", "--as-of", "2026-11-25")
    assert run.code == 0, run.err
    assert "Activities: 1 added, 0 removed, 0 edited" in run.out
    assert "  + Renewal: 1.00 of 5.00, in-progress" in run.out
