"""Property tests for the requirement engine: whatever the record, the figures keep their invariants.

Hand-computed cases live in test_requirements.py; here hypothesis draws random activities, windows, minimums
and caps, and checks what must always hold (never over-claim, each activity counted once, exact decimals).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from portfolio import evaluate, requirements, windows
from portfolio.exports import requirement_data
from portfolio.model import (
    Activity,
    Cap,
    CarryOver,
    Certificate,
    Credit,
    License,
    Minimum,
    Profile,
    Record,
    Requirement,
    Topic,
    Window,
    topic_key,
)

TYPES = ("AMA PRA Category 1", "AOA Category 1-A", "ABIM MOC points")
TOPICS = ("ethics", "opioids", "pain-management", "practice-management")
AS_OF = dt.date(2026, 11, 25)
CERT = Certificate("certificates/c.pdf", Path("c.pdf"), 1)

amounts = st.integers(min_value=1, max_value=4000).map(lambda n: Decimal(n) / 100)
days = st.integers(min_value=-900, max_value=60).map(lambda n: AS_OF + dt.timedelta(days=n))


@st.composite
def activities(draw: st.DrawFn, index: int) -> Activity:
    types = draw(st.lists(st.sampled_from(TYPES), min_size=1, max_size=3, unique=True))
    credits = tuple(Credit(t, draw(amounts)) for t in types)
    names = draw(st.lists(st.sampled_from(TOPICS), max_size=3, unique=True))
    topics = tuple(Topic(n, draw(st.none() | amounts)) for n in names)
    status = draw(st.sampled_from(("claimed", "claimed", "claimed", "pending", "educational")))
    documented = draw(st.booleans()) or status != "claimed"
    return Activity(
        id=f"a{index:03d}",
        source=f"a{index}.md",
        title=f"Activity {index}",
        date=draw(days),
        provider="P",
        credits=credits if status != "educational" else (),
        topics=topics,
        certificates=(CERT,) if documented else (),
        status=status,
        claim_by=AS_OF if status == "pending" else None,
    )


@st.composite
def records(draw: st.DrawFn) -> tuple[list[Activity], Requirement]:
    acts = [draw(activities(i)) for i in range(draw(st.integers(0, 25)))]
    window = draw(
        st.sampled_from(
            [
                Window("lifetime"),
                Window("rolling", months=12),
                Window("rolling", months=24),
                Window(
                    "fixed", start=AS_OF - dt.timedelta(days=400), end=AS_OF + dt.timedelta(days=30)
                ),
                Window(
                    "fixed",
                    start=AS_OF - dt.timedelta(days=700),
                    end=AS_OF - dt.timedelta(days=100),
                ),
            ]
        )
    )
    minimums = tuple(
        Minimum(
            draw(amounts),
            topic=draw(st.none() | st.sampled_from(TOPICS)),
            credit_types=tuple(
                draw(st.lists(st.sampled_from(TYPES), min_size=1, max_size=2, unique=True))
            ),
            exclude_topics=tuple(draw(st.lists(st.sampled_from(TOPICS), max_size=1))),
        )
        for _ in range(draw(st.integers(0, 2)))
    )
    caps = tuple(
        Cap(
            topic,
            max_share=draw(st.none() | st.integers(1, 100).map(lambda n: Decimal(n) / 100)),
            max_credits=draw(st.none() | amounts),
        )
        for topic in draw(st.lists(st.sampled_from(TOPICS), max_size=2, unique=True))
    )
    caps = tuple(
        c if (c.max_share or c.max_credits) else Cap(c.topic, max_share=Decimal("0.5"))
        for c in caps
    )
    requirement = Requirement(
        name="R",
        credits=draw(amounts),
        window=window,
        credit_types=tuple(draw(st.lists(st.sampled_from(TYPES), max_size=2, unique=True))),
        minimums=minimums,
        caps=caps,
    )
    return acts, requirement


@settings(max_examples=400, deadline=None)
@given(records())
def test_requirement_figures_keep_their_invariants(
    drawn: tuple[list[Activity], Requirement],
) -> None:
    acts, req = drawn
    result = requirements.evaluate(req, acts, AS_OF)
    span = windows.resolve(req.window, None, AS_OF)
    start, end = span.start, span.end
    ids = [c.activity.id for c in result.contributions]
    assert len(ids) == len(set(ids)), "an activity counted twice"
    for c in result.contributions:
        a = c.activity
        assert a.state == "documented" and a.completed <= AS_OF and a.completed <= end
        assert start is None or a.completed >= start
        # once, with the largest accepted amount, never a sum of types
        accepted = [
            x.amount for x in a.credits if not req.credit_types or x.type in req.credit_types
        ]
        assert c.amount == max(accepted)
    assert not set(ids) & {e.activity.id for e in result.excluded}
    # The total before caps, worked out from the activities alone (not from the engine's contributions).
    last = min(end, AS_OF)
    oracle = Decimal(0)
    for a in acts:
        accepted = [
            x.amount for x in a.credits if not req.credit_types or x.type in req.credit_types
        ]
        documented = a.certificates and a.status == "claimed"
        inside = (start is None or a.completed >= start) and a.completed <= last
        if documented and inside and accepted:
            oracle += max(accepted)
    assert result.gross == oracle
    cut = sum((c.capped for c in result.caps), Decimal(0))
    assert Decimal(0) <= result.earned <= result.gross
    # What no cap touches is never cut.
    capped_keys = {topic_key(c.topic) for c in req.caps}
    untouched = sum(
        (
            c.amount
            for c in result.contributions
            if not {t.key for t in c.activity.topics} & capped_keys
        ),
        Decimal(0),
    )
    assert result.earned >= untouched
    # Without caps the whole gross counts; a looser cap never lowers the total.
    uncapped = requirements.evaluate(replace(req, caps=()), acts, AS_OF)
    assert uncapped.earned == oracle
    if req.caps:
        looser = replace(
            req,
            caps=(replace(req.caps[0], max_share=None, max_credits=Decimal(10**6)),) + req.caps[1:],
        )
        assert requirements.evaluate(looser, acts, AS_OF).earned >= result.earned
    # One more documented activity without topics, in the window, adds exactly its amount.
    extra = Activity(
        id="zzz-extra",
        source="x.md",
        title="x",
        date=AS_OF,
        provider="P",
        credits=(Credit(req.credit_types[0] if req.credit_types else TYPES[0], Decimal("1.25")),),
        certificates=(CERT,),
    )
    if end >= AS_OF:
        assert requirements.evaluate(req, [*acts, extra], AS_OF).earned == result.earned + Decimal(
            "1.25"
        )
    assert result.remaining + result.earned >= result.needed
    assert result.remaining == 0 or result.earned + result.remaining == result.needed
    excess = [max(Decimal(0), cap.topic_total - cap.limit) for cap in result.caps]
    for cap, over in zip(result.caps, excess, strict=True):
        assert cap.limit == cap.limit.quantize(Decimal("0.01")) and Decimal(0) <= cap.capped <= over
    if excess:
        # every capped topic ends within its limit (at least its own excess is cut, in all), and caps applied
        # in turn never cut more than their excesses added up (no activity cut twice)
        assert max(excess) <= cut <= sum(excess)
    if len(result.caps) == 1:
        assert result.earned == max(Decimal(0), result.gross - excess[0])
    for m in result.minimums:
        parts = [c.activity.id for c in m.contributions]
        assert len(parts) == len(set(parts))
        assert set(parts) <= {a.id for a in acts if a.state == "documented"}
        assert m.earned == sum((c.amount for c in m.contributions), Decimal(0))
        for c in m.contributions:  # a topic minimum never counts more than the activity's amount
            assert c.amount <= max(x.amount for x in c.activity.credits)
            assert not {t.key for t in c.activity.topics} & set(m.minimum.exclude_topics)
    if result.met:  # met means nothing left to earn, in total or in any minimum
        assert result.remaining == 0 and all(m.remaining == 0 for m in result.minimums)
    else:
        assert result.remaining > 0 or any(m.remaining > 0 for m in result.minimums)
    if result.state == "overdue":
        assert end < AS_OF and not result.met
    # exact decimals all the way: every figure is a multiple of one cent
    for figure in (result.gross, result.earned, result.remaining):
        assert figure == figure.quantize(Decimal("0.01"))


# ---------------------------------------------------------------- SPEC §1.4 shapes

LICENSED = Profile(
    name="P",
    licenses=(
        License("TX", "Q1", expires=AS_OF + dt.timedelta(days=200), issued=dt.date(2020, 3, 1)),
    ),
    dea=None,
    practice=("direct-patient-care",),
)
CME_TYPES = ("AMA PRA Category 1", "AOA Category 1-A")


@st.composite
def carry_records(draw: st.DrawFn) -> tuple[list[Activity], Requirement]:
    acts = [draw(activities(i)) for i in range(draw(st.integers(0, 30)))]
    # spread some activities over the previous period too (days reach 900 back; add older ones)
    acts += [
        Activity(
            id=f"old{i:03d}",
            source=f"old{i}.md",
            title=f"Old {i}",
            date=AS_OF - dt.timedelta(days=draw(st.integers(500, 1500))),
            provider="P",
            credits=(Credit(draw(st.sampled_from(TYPES)), draw(amounts)),),
            topics=tuple(
                Topic(t) for t in draw(st.lists(st.sampled_from(TOPICS), max_size=2, unique=True))
            ),
            certificates=(CERT,),
        )
        for i in range(draw(st.integers(0, 15)))
    ]
    _, base = draw(records())
    requirement = Requirement(
        name="Carry",
        credits=draw(amounts),
        window=Window("license", license="TX", cycles=draw(st.none() | st.integers(1, 2))),
        credit_types=base.credit_types,
        minimums=base.minimums,
        caps=base.caps,
        topics=tuple(draw(st.lists(st.sampled_from(TOPICS), max_size=2, unique=True))),
        carry_over=CarryOver(draw(amounts)),
    )
    return acts, requirement


@settings(max_examples=200, deadline=None)
@given(carry_records())
def test_carry_over_never_exceeds_its_cap_and_never_feeds_a_minimum(
    drawn: tuple[list[Activity], Requirement],
) -> None:
    acts, req = drawn
    result = requirements.evaluate(req, acts, AS_OF, LICENSED)
    assert result.carry is not None and req.carry_over is not None
    carried = result.carry.carried
    assert Decimal(0) <= carried <= req.carry_over.max_credits
    assert carried == min(
        req.carry_over.max_credits, max(Decimal(0), result.carry.earned - req.credits)
    )
    after_caps = max(Decimal(0), result.gross - sum((c.capped for c in result.caps), Decimal(0)))
    assert result.earned == after_caps + carried
    # the previous period ends the day before this one starts; none of its activities feed this period
    assert result.carry.end == result.start - dt.timedelta(days=1)
    previous = {c.activity.id for c in result.carry.contributions}
    assert all(
        result.carry.start <= a.completed <= result.carry.end
        for a in (c.activity for c in result.carry.contributions)
    )
    for m in result.minimums:
        assert not previous & {c.activity.id for c in m.contributions}
        assert m.earned == sum((c.amount for c in m.contributions), Decimal(0))
    assert not previous & {c.activity.id for c in result.contributions}


@settings(max_examples=100, deadline=None)
@given(records(), records(), st.sampled_from(["dea-registrant", "licensed-in-FL", "pain-clinic"]))
def test_a_requirement_that_does_not_apply_never_changes_another(
    one: tuple[list[Activity], Requirement],
    other: tuple[list[Activity], Requirement],
    fact: str,
) -> None:
    acts, req = one
    _, extra = other
    extra = replace(extra, name="Not mine", applies_if=(fact,))
    record = Record(Path("."), LICENSED, tuple(acts), (req,))
    with_extra = Record(Path("."), LICENSED, tuple(acts), (req, extra))
    alone = evaluate.evaluate(record, AS_OF)
    both = evaluate.evaluate(with_extra, AS_OF)
    assert both.requirements[1].state == "not-applicable"
    assert requirement_data(both.requirements[0]) == requirement_data(alone.requirements[0])
    assert (both.totals, both.topic_totals) == (alone.totals, alone.topic_totals)


@settings(max_examples=200, deadline=None)
@given(records(), st.lists(st.sampled_from(CME_TYPES), min_size=1, max_size=2, unique=True))
def test_moc_only_activities_never_reach_a_requirement_that_does_not_name_moc(
    drawn: tuple[list[Activity], Requirement], types: list[str]
) -> None:
    acts, req = drawn
    req = replace(
        req,
        credit_types=tuple(types),
        minimums=tuple(
            replace(m, credit_types=tuple(t for t in m.credit_types if t != "ABIM MOC points"))
            for m in req.minimums
        ),
    )
    result = requirements.evaluate(req, acts, AS_OF, LICENSED)
    moc_only = {a.id for a in acts if {c.type for c in a.credits} == {"ABIM MOC points"}}
    fed = [c for c in result.contributions] + [c for m in result.minimums for c in m.contributions]
    assert not moc_only & {c.activity.id for c in fed}
    assert all(c.credit_type != "ABIM MOC points" for c in fed)
