"""Honest topic figures (issue 13, item 3): credit of activities tagged X told apart from partial-topic credit."""

from __future__ import annotations

import json
from pathlib import Path

import pypdf
from builder import RecordBuilder

AS_OF = "2026-11-25"


def meeting_record(rec: RecordBuilder) -> RecordBuilder:
    rec.activity(
        "meeting",
        title="General Medicine Meeting",
        date="2026-04-16",
        end_date="2026-04-18",
        credits="18.5",
        topics="[cardiology, {topic: opioids, credits: 1.5}]",
        certificate=rec.certificate("meeting.pdf"),
    )
    rec.activity(
        "ekg",
        title="EKG Workshop",
        date="2026-05-02",
        credits="2.25",
        topics="[{topic: cardiology, credits: 2}]",
        certificate=rec.certificate("ekg.pdf"),
    )
    rec.requirements(
        "requirements:\n  - name: State renewal\n    credits: 40\n    credit_types: [AMA PRA Category 1]\n"
        "    window: lifetime\n    minimums:\n      - {topic: cardiology, credits: 4}\n"
        "      - {topic: opioids, credits: 2}\n"
    )
    return rec


def test_json_site_and_pdf_tell_tagged_from_partial(rec: RecordBuilder, tmp_path: Path) -> None:
    meeting_record(rec)
    assert rec.run("build", "--as-of", AS_OF).code == 0
    site = tmp_path / "site"
    data = json.loads((site / "transcript.json").read_text(encoding="utf-8"))
    assert data["topic_totals"] == {"cardiology": 20.5, "opioids": 1.5}
    assert data["topic_sources"] == {
        "cardiology": {"tagged": 18.5, "partial": 2.0},
        "opioids": {"tagged": 0.0, "partial": 1.5},
    }
    transcript = (site / "transcript.html").read_text(encoding="utf-8")
    assert (
        '<th scope="row">cardiology</th><td class="num">18.50</td><td class="num">2.00</td>'
        in transcript
    )
    assert (
        '<th scope="row">opioids</th><td class="num">–</td><td class="num">1.50</td>' in transcript
    )
    topics = (site / "topics.html").read_text(encoding="utf-8")
    assert "18.50 credits from activities tagged with it, 2.00 topic credits" in topics
    text = " ".join(
        " ".join(page.extract_text().split())
        for page in pypdf.PdfReader(site / "transcript.pdf").pages
    )
    assert "cardiology 18.50 2.00" in text
    assert "opioids – 1.50" in text
    assert "Activities tagged¹" in text and "Topic credits²" in text


def test_check_suggests_a_partial_topic_for_a_long_tagged_activity(rec: RecordBuilder) -> None:
    meeting_record(rec)
    rec.activity(
        "short",
        title="Cardiology Rounds",
        date="2026-05-09",
        credits="1.0",
        topics="[cardiology]",
        certificate=rec.certificate("short.pdf"),
    )
    rec.activity(  # all of it on the topic, said so: nothing to suggest
        "whole",
        title="Opioid Prescribing Course",
        date="2026-05-03",
        credits="8.0",
        topics="[{topic: opioids, credits: 8}, {topic: cardiology, credits: 8.00}]",
        certificate=rec.certificate("whole.pdf"),
    )
    rec.activity(
        "untracked",
        title="Long Dermatology Course",
        date="2026-05-10",
        credits="12",
        topics="[dermatology]",
        certificate=rec.certificate("derm.pdf"),
    )
    result = rec.run("check", "--strict", "--as-of", AS_OF)
    assert result.code == 0, result.err  # a note is a suggestion, never a --strict failure
    notes = [line for line in result.err.splitlines() if ": note: " in line]
    assert notes == [
        "content/activities/meeting.md:6: note: the tag 'cardiology' counts all 18.5 credits of this"
        " activity toward 'State renewal'; if only part of it covered cardiology, write"
        " {topic: cardiology, credits: N} with the credits the certificate gives it"
        " (or credits: 18.5 if all of it did)"
    ]
    assert "1 note" in result.out


def test_a_rule_hidden_by_an_undeclared_practice_word_gets_a_note(rec: RecordBuilder) -> None:
    # A Texas-style rule owed only in direct patient care: a physician who never declared the fact is told
    # why it shows as not owed (a note: never a failure, since the word may rightly be absent).
    rec.requirements(
        "requirements:\n  - name: Trafficking course\n    credits: 1\n"
        "    credit_types: [AMA PRA Category 1]\n    window: lifetime\n"
        "    applies_if: direct-patient-care\n"
        "  - name: Mate\n    credits: 8\n    credit_types: [AMA PRA Category 1]\n"
        "    window: lifetime\n    applies_if: dea-registrant\n"
    )
    run = rec.run("check", "--strict", "--as-of", AS_OF)
    assert run.code == 0, run.err
    notes = [ln for ln in run.err.splitlines() if ": note: " in ln]
    assert len(notes) == 1, run.err
    assert notes[0].startswith("content/requirements.yaml:2: note: 'Trafficking course'")
    assert "does not list 'direct-patient-care'" in notes[0]
    profile = rec.root / "content" / "portfolio.yaml"
    profile.write_text(
        profile.read_text(encoding="utf-8") + "practice: [direct-patient-care]\n", encoding="utf-8"
    )
    run = rec.run("check", "--as-of", AS_OF)
    assert ": note: " not in run.err, run.err
