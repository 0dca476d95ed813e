"""Evaluate stage: the validated record and an as-of date → every figure the outputs show.

Templates and exporters only display what is computed here.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from portfolio import requirements
from portfolio.history import History
from portfolio.model import (
    DOCUMENTED,
    EDUCATIONAL,
    PENDING,
    STANDARD_CREDIT_TYPES,
    STATES,
    UNDOCUMENTED,
    Activity,
    Record,
    credit_type_key,
    credit_type_order,
    is_moc_points,
)
from portfolio.requirements import RequirementResult

ZERO = Decimal(0)


@dataclass(frozen=True)
class Evaluation:
    record: Record
    as_of: dt.date
    requirements: tuple[RequirementResult, ...]
    totals: dict[str, Decimal]  # credit type → documented amount (completed by the as-of date)
    topic_totals: dict[str, Decimal]  # topic → documented credit (largest amount of each activity)
    topic_names: dict[str, str]  # topic key → how it is shown: its first spelling in the record
    topic_split: dict[
        str, TopicSplit
    ]  # topic → tagged (whole activities) and partial credit, apart
    by_year: dict[int, dict[str, Decimal]]  # completion year → credit type → documented amount
    by_state: dict[str, tuple[Activity, ...]]
    pending: tuple[Activity, ...]  # pending claims, soonest deadline first
    history: History | None = None  # recorded-on dates from git (portfolio.history); None: no git

    @property
    def activities(self) -> tuple[Activity, ...]:
        return self.record.activities

    def counted(self, activity: Activity) -> bool:
        """Documented and completed by the as-of date: it enters totals."""
        return activity.counted_on(self.as_of)

    def days_to_claim(self, activity: Activity) -> int | None:
        return (
            (activity.claim_by - self.as_of).days
            if activity.claim_by and activity.state == PENDING
            else None
        )


@dataclass(frozen=True)
class TopicSplit:
    """One topic's credit told by where it comes from (a topic total alone misleads, issue 13).

    ``tagged``: the whole credit of activities carrying the topic as a plain tag (a three-day meeting
    tagged ``cardiology`` brings all 18.50); ``partial``: the credits certificates gave to the topic
    (``{topic, credits}``). Their sum is the topic total.
    """

    tagged: Decimal
    partial: Decimal


@dataclass(frozen=True)
class Totals:
    """Documented credit of a set of activities: per credit type, per topic, per completion year."""

    totals: dict[str, Decimal]
    topic_totals: dict[str, Decimal]
    by_year: dict[int, dict[str, Decimal]]
    topic_split: dict[str, TopicSplit]


def totals_for(activities: Iterable[Activity], as_of: dt.date, names: dict[str, str]) -> Totals:
    """Sum the activities counted on ``as_of``; ``names`` maps each topic key to how it is shown.

    A topic counts each activity's largest CME amount (its hours; never MOC points), or a partial topic's
    credits if fewer.
    Credit types written differently ("AMA PRA Category 1 Credit™", "AMA PRA Category 1") add up under one
    name: the standard one, else the first spelling met.
    """
    type_names = {credit_type_key(t): t for t in STANDARD_CREDIT_TYPES}
    totals: dict[str, Decimal] = defaultdict(lambda: ZERO)
    topics: dict[str, Decimal] = defaultdict(lambda: ZERO)
    tagged: dict[str, Decimal] = defaultdict(lambda: ZERO)
    by_year: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    for activity in activities:
        if not activity.counted_on(as_of):
            continue
        for credit in activity.credits:
            shown = type_names.setdefault(credit.key, credit.type)
            totals[shown] += credit.amount
            by_year[activity.completed.year][shown] += credit.amount
        # A topic's figure is CME credit: the largest amount of a type that is not MOC points (an
        # MOC-only activity adds nothing here; its points still show in the per-type totals).
        hours = max((c.amount for c in activity.credits if not is_moc_points(c.type)), default=None)
        if hours is None:
            continue
        for topic in activity.topics:
            share = topic.share(hours)
            name = names.get(topic.key, topic.name)
            topics[name] += share
            if topic.credits is None:
                tagged[name] += share
    topic_totals = dict(sorted(topics.items(), key=lambda kv: kv[0].lower()))
    return Totals(
        totals=dict(sorted(totals.items(), key=lambda kv: credit_type_order(kv[0]))),
        topic_totals=topic_totals,
        topic_split={
            name: TopicSplit(tagged[name], total - tagged[name])
            for name, total in topic_totals.items()
        },
        by_year={
            year: dict(sorted(v.items(), key=lambda kv: credit_type_order(kv[0])))
            for year, v in sorted(by_year.items())
        },
    )


def evaluate(record: Record, as_of: dt.date) -> Evaluation:
    """Compute totals, the state split, pending claims and every requirement's result."""
    names: dict[str, str] = {}
    by_state: dict[str, list[Activity]] = {state: [] for state in STATES}
    for activity in record.activities:
        by_state[activity.state].append(activity)
        for topic in activity.topics:
            names.setdefault(topic.key, topic.name)
    sums = totals_for(record.activities, as_of, names)
    pending = sorted(by_state[PENDING], key=lambda a: (a.claim_by or dt.date.max, a.id))
    results = tuple(
        requirements.evaluate(r, record.activities, as_of, record.profile)
        for r in record.requirements
    )
    return Evaluation(
        record=record,
        as_of=as_of,
        requirements=results,
        totals=sums.totals,
        topic_totals=sums.topic_totals,
        topic_names=names,
        topic_split=sums.topic_split,
        by_year=sums.by_year,
        by_state={state: tuple(items) for state, items in by_state.items()},
        pending=tuple(pending),
    )


__all__ = ["Evaluation", "evaluate", "DOCUMENTED", "UNDOCUMENTED", "PENDING", "EDUCATIONAL"]
