"""Property tests: any front matter gives an Activity or errors with a line — never another exception;
and credit arithmetic is exact decimal."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portfolio.errors import Diagnostics
from portfolio.evaluate import evaluate
from portfolio.model import Activity, Certificate, Credit, Profile, Record
from portfolio.records.activity import ACTIVITY_KEYS, _CertificateStore, load_activity

KEYS = list(ACTIVITY_KEYS) + ["titel", "credit", "type", "amount", "topic"]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.dates().map(str),
    st.sampled_from(
        [
            "2026-02-30",
            "0.125",
            ".nan",
            "claimed",
            "pending",
            "educational",
            "certificates/x.pdf",
            "../x.pdf",
            "/etc/x.pdf",
        ]
    ),
)
values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(KEYS), children, max_size=4)
    ),
    max_leaves=12,
)
front_matters = st.dictionaries(st.sampled_from(KEYS), values, max_size=12)


def _load(tmp_path: Path, text: str) -> tuple[Activity | None, Diagnostics]:
    path = tmp_path / "content" / "activities" / "x.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    diags = Diagnostics()
    store = _CertificateStore(tmp_path / "content")
    activity = load_activity(
        path, "x", "content/activities/x.md", "AMA PRA Category 1", store, diags
    )
    return activity, diags


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(front_matters)
def test_structured_front_matter_gives_model_or_errors(tmp_path: Path, meta: dict):
    text = "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\nbody\n"
    activity, diags = _load(tmp_path, text)
    if activity is None:
        assert diags.errors, "no activity and no error"
        assert all(d.path == "content/activities/x.md" and d.line >= 1 for d in diags.errors)
    else:
        assert not diags.errors
        assert all(isinstance(c.amount, Decimal) and c.amount > 0 for c in activity.credits)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=300))
def test_arbitrary_text_front_matter_gives_model_or_errors(tmp_path: Path, body: str):
    activity, diags = _load(tmp_path, "---\n" + body + "\n---\n")
    assert activity is not None or diags.errors


def _record(amounts: list[Decimal]) -> Record:
    cert = Certificate("certificates/c.pdf", Path("c.pdf"), 1)
    acts = tuple(
        Activity(
            id=f"a{i}",
            source=f"a{i}.md",
            title="t",
            date=dt.date(2026, 1, 1),
            provider="p",
            credits=(Credit("AMA PRA Category 1", a),),
            certificates=(cert,),
        )
        for i, a in enumerate(amounts)
    )
    return Record(Path("."), Profile(name="n"), acts, ())


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.integers(min_value=1, max_value=100_000).map(lambda n: Decimal(n) / 100), max_size=60
    )
)
def test_totals_are_exact_decimal_sums(amounts: list[Decimal]):
    ev = evaluate(_record(amounts), dt.date(2026, 11, 25))
    expected = sum(amounts, Decimal(0))
    assert ev.totals.get("AMA PRA Category 1", Decimal(0)) == expected


def test_ten_tenths_make_exactly_one():
    ev = evaluate(_record([Decimal("0.1")] * 10), dt.date(2026, 11, 25))
    assert ev.totals["AMA PRA Category 1"] == Decimal("1.0")
    assert str(ev.totals["AMA PRA Category 1"]) == "1.0"


def test_deeply_nested_yaml_is_an_error_not_a_crash(tmp_path: Path):
    activity, diags = _load(tmp_path, "---\ntitle: " + "[" * 5000 + "]" * 5000 + "\n---\n")
    assert activity is None
    assert [str(d) for d in diags.errors] == [
        "content/activities/x.md:2: error: YAML is nested too deeply"
    ]
