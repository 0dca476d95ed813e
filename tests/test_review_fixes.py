"""Edges found in review: rounding never over-claims, certificates never share a site path, theme mistakes and
extreme dates are errors with a place, web addresses only, the PDF cache sees everything the PDF prints."""

from __future__ import annotations

import hashlib
import json

from builder import TINY_PDF, RecordBuilder


def test_cap_limit_rounds_down_so_a_requirement_is_never_met_by_rounding(rec: RecordBuilder):
    rec.activity("a", credits="12", topics="[pm]", certificate=rec.certificate())
    rec.requirements(
        "requirements:\n  - name: R\n    credit_types: any\n    credits: 10\n    window: lifetime\n"
        "    caps: [{topic: pm, max_share: 0.9995}]\n"
    )
    assert rec.run("build", "--no-pdf", "--as-of", "2026-11-25").code == 0
    (req,) = json.loads((rec.root / "site/transcript.json").read_text())["requirements"]
    # 0.9995 × 10 = 9.995 → 9.99 (down to the cent); 12 − (12 − 9.99) = 9.99 earned, 0.01 short
    assert (req["earned"], req["remaining"], req["state"]) == (9.99, 0.01, "in-progress")
    assert req["caps"][0]["limit"] == 9.99 and req["caps"][0]["capped"] == 2.01
    page = (rec.root / "site/index.html").read_text(encoding="utf-8")
    assert "width: 100%" not in page and "width:100%" not in page


def test_certificates_inside_and_outside_certificates_folder_never_collide(rec: RecordBuilder):
    rec.write("content/certificates/files/a.pdf", TINY_PDF + b"%inside\n")
    rec.write("content/files/a.pdf", TINY_PDF + b"%outside\n")
    rec.write("content/a.pdf", TINY_PDF + b"%top\n")
    rec.activity("x", certificate="certificates/files/a.pdf")
    rec.activity("y", certificate="files/a.pdf")
    rec.activity("z", certificate="a.pdf")
    assert rec.run("build", "--no-pdf").code == 0
    data = json.loads((rec.root / "site/transcript.json").read_text())
    paths = {a["id"]: a["certificates"][0] for a in data["activities"]}
    assert len({c["path"] for c in paths.values()}) == 3
    for cert in paths.values():  # every published hash matches the file actually served
        assert (
            hashlib.sha256((rec.root / "site" / cert["path"]).read_bytes()).hexdigest()
            == cert["sha256"]
        )


def test_theme_template_mistakes_are_reported_with_file_and_line(rec: RecordBuilder):
    rec.activity("a", certificate=rec.certificate())
    rec.write(
        "content/portfolio.yaml",
        (rec.content / "portfolio.yaml").read_text() + "site: {theme: mine}\n",
    )
    cases = {
        "{{ oops( }}": "themes/mine/index.html:3: error: in a theme template: unexpected '}'",
        "{{ nosuch.x }}": "themes/mine/index.html:3: error: in a theme template: 'nosuch' is undefined",
    }
    for body, expected in cases.items():
        rec.write(
            "themes/mine/index.html",
            '{% extends "!default/base.html" %}\n{% block content %}\n'
            + body
            + "\n{% endblock %}\n",
        )
        run = rec.run("build", "--no-pdf")
        assert run.code == 1 and "Traceback" not in run.err
        assert expected in run.err, run.err
    rec.write("themes/mine/index.html", '{% extends "nothere.html" %}\n')
    run = rec.run("build", "--no-pdf")
    assert (
        run.code == 1
        and "themes/mine/index.html:1: error: in a theme template: template 'nothere.html' not found"
        in run.err
    )
    assert not (rec.root / "site").exists()


def test_extreme_as_of_dates_are_clear_errors(rec: RecordBuilder):
    rec.activity("a", certificate=rec.certificate())
    rec.requirements(
        "requirements:\n  - {name: R, credit_types: any, credits: 1, window: {months: 24}}\n"
    )
    for day in ("9999-12-31", "0001-06-01"):
        for command in (("status",), ("build", "--no-pdf")):
            run = rec.run(*command, "--as-of", day)
            assert (
                run.code == 1
                and "--as-of: error: must be a date between 1900-01-01 and 9000-12-31" in run.err
            )


def test_url_must_be_a_web_address(rec: RecordBuilder):
    rec.activity("a", certificate=rec.certificate(), url="javascript:alert(1)")
    run = rec.run("check")
    assert run.code == 1
    assert (
        "content/activities/a.md:3: error: 'url' must be a web address starting with https://"
        in run.err
    )


def test_pdf_cache_sees_requirement_notes(rec: RecordBuilder):
    rec.activity("a", certificate=rec.certificate())
    req = "requirements:\n  - name: R\n    credit_types: any\n    credits: 1\n    window: lifetime\n    notes: {}\n"
    rec.requirements(req.format("First wording"))
    assert rec.run("build", "--as-of", "2026-11-25").code == 0
    rec.requirements(req.format("Second wording"))
    second = rec.run("build", "--as-of", "2026-11-25")
    assert second.code == 0 and "PDF reused" not in second.out


def test_pdf_for_a_window_that_has_not_begun_is_empty_not_reversed(rec: RecordBuilder):
    import pypdf

    rec.activity("a", certificate=rec.certificate(), date="2026-03-01")
    rec.requirements(
        "requirements:\n  - {name: Next cycle, credit_types: any, credits: 50, window: {start: 2027-07-01, end: 2029-06-30}}\n"
    )
    run = rec.run("pdf", "--requirement", "Next cycle", "--as-of", "2026-11-25", "-o", "next.pdf")
    assert run.code == 0, run.err
    assert "Jul 1, 2027 to Jun 30, 2029 (not begun yet)" in run.out
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(rec.root / "next.pdf").pages)
    assert "Jul 1, 2027 to Nov" not in text


def test_a_misspelled_credit_type_is_an_error_with_did_you_mean(rec: RecordBuilder):
    # One letter swapped decides money: as written the activity would count toward nothing (SPEC §1.4).
    rec.activity("a", certificate=rec.certificate(), credit_type="AMA PRA Categroy 1")
    rec.requirements(
        "requirements:\n  - {name: R, credits: 1, credit_types: [AMA PRA Category 1], window: lifetime}\n"
    )
    run = rec.run("check")
    assert run.code == 1
    assert (
        "content/activities/a.md:3: error: credit type 'AMA PRA Categroy 1' is one typo away from "
        "'AMA PRA Category 1' (did you mean 'AMA PRA Category 1'?)" in run.err
    )


def test_check_reports_a_missing_theme(rec: RecordBuilder):
    rec.activity("a", certificate=rec.certificate())
    rec.write(
        "content/portfolio.yaml",
        (rec.content / "portfolio.yaml").read_text() + "site: {theme: mien}\n",
    )
    run = rec.run("check")
    assert run.code == 1
    assert (
        "content/portfolio.yaml:8: error: theme 'mien' not found: create themes/mien/ or use theme: default"
        in run.err
    )


def test_common_yaml_slips_are_explained_in_plain_words(rec: RecordBuilder):
    cases = {
        "title: Sepsis: what's new\n": "a value contains ': '",
        "title: T\n\tdate: 2026-03-14\n": "Tab",
        "title: T\nnotes written in the header\nprovider: P\n": "is the closing '---' line missing",
        "title: T\ndate: 2026-03-14\nprovider: P\ncredits: 1,5\n": "use a dot for decimals: 1.5",
    }
    for raw, expected in cases.items():
        rec.activity("a", raw=raw)
        run = rec.run("check")
        assert run.code == 1 and expected in run.err, (raw, run.err)


def test_new_says_it_checked_what_it_wrote(rec: RecordBuilder):
    run = rec.run(
        "new", "Grand Rounds", "--date", "2026-03-14", "--provider", "UH", "--credits", "1"
    )
    assert run.code == 0 and "checked: the new activity is valid" in run.out
