"""An ABIM MOC point is not a CME credit (SPEC §1.4): no figure that reads as CME counts MOC points."""

from __future__ import annotations

import json
from pathlib import Path

import pypdf
from builder import RecordBuilder

AS_OF = "2026-11-25"
REQS = (
    "requirements:\n  - name: State renewal\n    credits: 40\n    credit_types: [AMA PRA Category 1]\n"
    "    window: lifetime\n    minimums:\n      - {topic: opioid-prescribing, credits: 2}\n"
)


def moc_record(rec: RecordBuilder) -> RecordBuilder:
    rec.activity(
        "moc",
        title="ABIM Knowledge Check-In",
        date="2026-04-16",
        credits="10",
        credit_type="ABIM MOC points",
        topics="[ethics, opioid-prescribing]",
        certificate=rec.certificate("moc.pdf"),
    )
    rec.activity(
        "cme",
        title="Pain Management Update",
        date="2026-05-02",
        credits="2.25",
        topics="[pain]",
        certificate=rec.certificate("cme.pdf"),
    )
    rec.requirements(REQS)
    return rec


def test_topic_totals_count_cme_credit_never_moc_points(rec: RecordBuilder, tmp_path: Path) -> None:
    moc_record(rec)
    assert rec.run("build", "--as-of", AS_OF).code == 0
    site = tmp_path / "site"
    data = json.loads((site / "transcript.json").read_text(encoding="utf-8"))
    assert data["topic_totals"] == {"pain": 2.25}
    assert set(data["topic_sources"]) == {"pain"}
    # the MOC points still show where they belong: the per-credit-type totals
    assert data["totals"] == {"ABIM MOC points": 10.0, "AMA PRA Category 1": 2.25}
    topics = (site / "topics.html").read_text(encoding="utf-8")
    assert "10.00" not in topics
    text = " ".join(
        " ".join(page.extract_text().split())
        for page in pypdf.PdfReader(site / "transcript.pdf").pages
    )
    assert "opioid-prescribing 10.00" not in text and "ethics 10.00" not in text
    assert "pain 2.25" in text


def test_a_mixed_activity_counts_its_cme_credit_toward_a_topic(
    rec: RecordBuilder, tmp_path: Path
) -> None:
    rec.activity(
        "both",
        title="Board Review",
        date="2026-04-16",
        raw=(
            "title: Board Review\ndate: 2026-04-16\nprovider: ACP\n"
            "credits:\n  - {type: AMA PRA Category 1, amount: 8}\n  - {type: ABIM MOC points, amount: 20}\n"
            "topics: [ethics]\ncertificate: " + rec.certificate("both.pdf") + "\n"
        ),
    )
    rec.requirements(REQS)
    assert rec.run("build", "--as-of", AS_OF).code == 0
    data = json.loads((tmp_path / "site" / "transcript.json").read_text(encoding="utf-8"))
    assert data["topic_totals"] == {"ethics": 8.0}


def test_partial_topic_note_names_only_a_requirement_that_would_count_the_activity(
    rec: RecordBuilder,
) -> None:
    moc_record(rec)  # its requirements are replaced below
    rec.requirements(
        "requirements:\n"
        "  - name: DEA opioid course\n    credits: 8\n    credit_types: [AMA PRA Category 1]\n"
        "    window: lifetime\n    applies_if: dea-registrant\n    topics: [opioid-prescribing]\n"
        "  - name: Texas registration renewal\n    credits: 48\n    credit_types: [AMA PRA Category 1]\n"
        "    window: lifetime\n    minimums:\n      - {topic: ethics, credits: 2}\n"
        "      - {topic: opioid-prescribing, credits: 2}\n"
    )
    result = rec.run("check", "--as-of", AS_OF)
    assert result.code == 0, result.err
    assert "Texas registration renewal" not in result.err
    assert "DEA opioid course" not in result.err  # the profile has no DEA registration
    assert ": note: " not in result.err
    # a requirement that does accept MOC points is still named
    rec.requirements(
        "requirements:\n"
        "  - name: ABIM ethics\n    credits: 20\n    credit_types: [ABIM MOC points]\n"
        "    window: lifetime\n    minimums:\n      - {topic: ethics, credits: 2}\n"
    )
    result = rec.run("check", "--as-of", AS_OF)
    assert "toward 'ABIM ethics'" in result.err


def test_missing_credit_types_recommends_listing_them_and_says_any_counts_moc(
    rec: RecordBuilder,
) -> None:
    rec.activity("a", certificate=rec.certificate("a.pdf"))
    rec.requirements("requirements:\n  - {name: State renewal, credits: 40, window: lifetime}\n")
    result = rec.run("check", "--as-of", AS_OF)
    assert result.code == 1
    assert "list the credit types the board accepts" in result.err
    assert "'credit_types: any' also counts MOC points" in result.err


def test_check_warns_when_credit_types_any_counts_moc_points(rec: RecordBuilder) -> None:
    moc_record(rec)
    rec.requirements(
        "requirements:\n  - name: Hospital privileges\n    credits: 20\n    credit_types: any\n"
        "    window: lifetime\n"
    )
    result = rec.run("check", "--as-of", AS_OF)
    assert result.code == 0, result.err
    assert (
        "content/requirements.yaml:2: warning: 'Hospital privileges' accepts 'credit_types: any':"
        " 10.00 of its 12.25 credits are ABIM MOC points; list the credit types the authority accepts"
    ) in result.err
    assert rec.run("check", "--strict", "--as-of", AS_OF).code == 1
    # before the MOC activity was completed, nothing to warn about
    assert "MOC points" not in rec.run("check", "--as-of", "2026-04-01").err


def test_a_credit_type_near_a_standard_one_is_an_error_with_did_you_mean(
    rec: RecordBuilder,
) -> None:
    rec.activity("a", credits="10", credit_type='"ABIM MOC"', certificate=rec.certificate("a.pdf"))
    rec.activity(
        "b", credits="3", credit_type='"ANCC contact hour"', certificate=rec.certificate("b.pdf")
    )
    rec.activity(
        "c",
        credits="2",
        credit_type='"AOA Categroy 1A"',
        certificate=rec.certificate("c.pdf"),
    )
    rec.activity(
        "d", credits="2", credit_type='"Hospital QI hours"', certificate=rec.certificate("d.pdf")
    )
    rec.requirements(REQS)
    result = rec.run("check", "--as-of", AS_OF)
    assert result.code == 1
    errors = [line for line in result.err.splitlines() if ": error: " in line]
    assert len(errors) == 3, result.err
    assert "a.md" in errors[0] and "did you mean 'ABIM MOC points'?" in errors[0]
    assert "b.md" in errors[1] and "did you mean 'ANCC contact hours'?" in errors[1]
    assert "c.md" in errors[2] and "did you mean 'AOA Category 1-A'?" in errors[2]


def test_import_dry_run_checks_credit_types_like_the_real_import(rec: RecordBuilder) -> None:
    rec.requirements(REQS)
    (rec.root / "log.csv").write_text(
        "Date,Title,Provider,Credit Type,Credits\n"
        "2026-03-14,Grand Rounds,University Hospital,AMA PRA Category I,1.5\n"
        "2026-03-15,MOC module,ABIM,ABIM MOC,10\n",
        encoding="utf-8",
    )
    dry = rec.run("import", "log.csv", "--dry-run")
    real = rec.run("import", "log.csv")
    assert dry.code == real.code == 1
    for run in (dry, real):
        assert "log.csv:2: error: credit type 'AMA PRA Category I'" in run.err, run.err
        assert "did you mean 'AMA PRA Category 1'?" in run.err
        assert "log.csv:3: error: credit type 'ABIM MOC'" in run.err
    assert not list((rec.content / "activities").rglob("*.md"))


def test_headline_figures_list_cme_credit_first_and_moc_points_last(
    rec: RecordBuilder, tmp_path: Path
) -> None:
    moc_record(rec)
    rec.activity(
        "aoa",
        title="Osteopathic Update",
        date="2026-06-02",
        credits="3",
        credit_type='"AOA Category 1-A"',
        certificate=rec.certificate("aoa.pdf"),
    )
    assert rec.run("build", "--as-of", AS_OF).code == 0
    site = tmp_path / "site"
    order = ["AMA PRA Category 1", "AOA Category 1-A", "ABIM MOC points"]

    def positions(text: str) -> list[int]:
        return [text.index(name) for name in order]

    index = (site / "index.html").read_text(encoding="utf-8")
    cards = index[index.index('class="stat-grid"') :]
    assert positions(cards) == sorted(positions(cards))
    legend = index[index.index('class="legend"') :]
    assert positions(legend) == sorted(positions(legend))
    transcript = (site / "transcript.html").read_text(encoding="utf-8")
    assert positions(transcript) == sorted(positions(transcript))
    text = " ".join(
        " ".join(page.extract_text().split())
        for page in pypdf.PdfReader(site / "transcript.pdf").pages
    )
    summary = text[text.index("Summary") :]
    assert positions(summary) == sorted(positions(summary))
    # transcript.json keeps its sorted keys
    data = json.loads((site / "transcript.json").read_text(encoding="utf-8"))
    assert list(data["totals"]) == sorted(data["totals"])
