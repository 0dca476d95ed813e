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

from portfolio import requirements
from portfolio.model import (
    Activity,
    Cap,
    Certificate,
    Credit,
    Minimum,
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
    start, end = req.window.resolve(AS_OF)
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
