"""The rule sets shipped in portfolio/rules: each loads against a demo profile, none lets MOC points reach a CME
requirement, and `portfolio rules` / `portfolio init --rules` reach them without the repository."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from builder import RecordBuilder

from portfolio import requirements, rulesets
from portfolio.errors import Diagnostics
from portfolio.model import (
    Activity,
    Certificate,
    Credit,
    Dea,
    License,
    Profile,
    Requirement,
    Topic,
    credit_type_key,
    topic_key,
)
from portfolio.records.requirements_file import load_requirements

RULE_FILES = sorted(rulesets.RULES.glob("*.yaml")) if rulesets.RULES.is_dir() else []
STATES = ("CA", "FL", "GA", "IL", "MI", "NC", "NY", "OH", "PA", "TX")
MOC_TYPES = {credit_type_key(t) for t in ("ABIM MOC points", "ABP MOC points", "ABFM MOC points")}
AS_OF = dt.date(2026, 11, 25)
CERT = Certificate("certificates/c.pdf", Path("c.pdf"), 1)


def demo_profile(practice: tuple[str, ...] = ()) -> Profile:
    """Licensed in every shipped state (issued 2025-01-10, so first-licensure windows are current), a DEA
    registration, and ``practice`` facts."""
    licenses = tuple(
        License(s, f"{s}-1", expires=dt.date(2027, 1, 31), issued=dt.date(2025, 1, 10))
        for s in STATES
    )
    return Profile(
        name="Demo Physician, MD",
        licenses=licenses,
        dea=Dea("BA1234563", dt.date(2028, 1, 31)),
        practice=practice,
    )


def load(path: Path, profile: Profile) -> tuple[Requirement, ...]:
    diags = Diagnostics()
    found = load_requirements(path, path.name, diags, profile)
    assert [str(d) for d in diags.items] == []
    return found


def every_fact(reqs: tuple[Requirement, ...]) -> tuple[str, ...]:
    facts = {
        f for r in reqs for f in (*r.applies_if, *(x for m in r.minimums for x in m.applies_if))
    }
    return tuple(sorted(f for f in facts if not topic_key(f).startswith(("licensed-in-", "dea-"))))


def every_topic(reqs: tuple[Requirement, ...]) -> tuple[str, ...]:
    names = set()
    for r in reqs:
        names.update(r.topics)
        names.update(c.topic for c in r.caps)
        for m in r.minimums:
            names.update(m.any_topics)
    return tuple(sorted(names, key=topic_key))


def test_the_rule_sets_are_shipped() -> None:
    names = {p.stem for p in RULE_FILES}
    assert {
        "texas",
        "california",
        "pennsylvania",
        "florida",
        "new-york",
        "dea-mate",
        "abim-moc",
    } <= names
    # reachable through the repository's old path too
    old = Path(__file__).resolve().parent.parent / "examples" / "requirements"
    assert {p.stem for p in old.glob("*.yaml")} == names


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_every_rule_set_loads_and_no_moc_point_reaches_a_cme_requirement(path: Path) -> None:
    found = load(path, demo_profile())
    assert found
    profile = demo_profile(every_fact(found))  # every rule applies, so every rule is tried
    found = load(path, profile)
    for req in found:
        assert req.authority and req.reference, req.name  # each requirement names who and where
        assert req.credit_types, f"{req.name}: credit_types any would count MOC points"
    topics = tuple(Topic(t) for t in every_topic(found)) + (Topic("applied-to-previous-period"),)
    # One MOC-only activity a year for sixteen years, carrying every topic the file names: MOC points but no CME.
    moc_only = [
        Activity(
            id=f"lka-{year}",
            source=f"lka-{year}.md",
            title=f"ABIM Longitudinal Knowledge Assessment {year}",
            date=dt.date(year, 6, 15),
            provider="ABIM",
            credits=(Credit("ABIM MOC points", Decimal(24)),),
            topics=topics,
            certificates=(CERT,),
        )
        for year in range(2011, 2027)
    ]
    for req in found:
        named = {credit_type_key(t) for t in req.credit_types}
        result = requirements.evaluate(req, moc_only, AS_OF, profile)
        assert result.applies, (req.name, result.reason)
        if named & MOC_TYPES:
            continue
        assert result.earned == 0 and result.contributions == (), req.name
        assert result.carried == 0, req.name
        for m in result.minimums:
            if not {credit_type_key(t) for t in m.credit_types} & MOC_TYPES:
                assert m.earned == 0 and m.contributions == (), (req.name, m.minimum.label)


def test_rules_lists_and_prints_with_sources(rec: RecordBuilder) -> None:
    run = rec.run("rules")
    assert run.code == 0
    assert "  texas " in run.out and "Texas Medical Board" in run.out
    assert "portfolio init --rules texas,dea-mate" in run.out
    run = rec.run("rules", "texas")
    assert run.code == 0
    assert run.out == (rulesets.RULES / "texas.yaml").read_text(encoding="utf-8")
    run = rec.run("rules", "texs")
    assert run.code == 1
    assert "no rule set named 'texs' (did you mean 'texas'?)" in run.err


def test_init_with_rules_starts_a_record_that_checks(tmp_path: Path) -> None:
    rec = RecordBuilder(tmp_path, profile=None)
    target = tmp_path / "mine"
    run = rec.run("init", str(target), "--rules", "texas,dea-mate")
    assert run.code == 0, run.err
    assert "add your TX license to content/portfolio.yaml" in run.out
    text = (target / "content/requirements.yaml").read_text(encoding="utf-8")
    assert "# ---- texas (portfolio rules texas) ----" in text and "# ---- dea-mate" in text
    assert "Source" in text  # each rule set keeps its sources
    # The Texas rules follow the TX license's dates: give the profile one, then the record checks.
    profile = target / "content/portfolio.yaml"
    profile.write_text(
        profile.read_text(encoding="utf-8").replace(
            "licenses: []",
            "licenses:\n  - {state: TX, number: Q4821, issued: 2018-07-15, expires: 2027-01-31}",
        ),
        encoding="utf-8",
    )
    mine = RecordBuilder(target, profile=None)
    run = mine.run("check")
    assert run.code == 0, run.err
    data = json.loads(mine.run("status", "--json", "--as-of", "2026-11-25").out)
    names = [r["name"] for r in data["requirements"]]
    assert "Texas registration renewal" in names and any("MATE" in n for n in names)
    texas = next(r for r in data["requirements"] if r["name"] == "Texas registration renewal")
    assert texas["window"]["start"] == "2025-02-01" and texas["state"] == "in-progress"


def test_init_with_an_unknown_rule_set_writes_nothing(tmp_path: Path) -> None:
    rec = RecordBuilder(tmp_path, profile=None)
    target = tmp_path / "new"
    run = rec.run("init", str(target), "--rules", "texas,atlantis")
    assert run.code == 1
    assert "no rule set named 'atlantis'" in run.err
    assert not target.exists()
