"""Evaluate stage: the validated record and an as-of date → every figure the outputs show.

Templates and exporters only display what is computed here.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from portfolio import requirements
from portfolio.model import DOCUMENTED, EDUCATIONAL, PENDING, STATES, UNDOCUMENTED, Activity, Record
from portfolio.requirements import RequirementResult, best_amount

ZERO = Decimal(0)


@dataclass(frozen=True)
class Evaluation:
    record: Record
    as_of: dt.date
    requirements: tuple[RequirementResult, ...]
    totals: dict[str, Decimal]  # credit type → documented amount (completed by the as-of date)
    topic_totals: dict[str, Decimal]  # topic → documented credit (largest amount of each activity)
    by_year: dict[int, dict[str, Decimal]]  # completion year → credit type → documented amount
    by_state: dict[str, tuple[Activity, ...]]
    pending: tuple[Activity, ...]  # pending claims, soonest deadline first

    @property
    def activities(self) -> tuple[Activity, ...]:
        return self.record.activities

    def counted(self, activity: Activity) -> bool:
        """Documented and completed by the as-of date: it enters totals."""
        return activity.counts and activity.completed <= self.as_of

    def days_to_claim(self, activity: Activity) -> int | None:
        return (
            (activity.claim_by - self.as_of).days
            if activity.claim_by and activity.state == PENDING
            else None
        )


def evaluate(record: Record, as_of: dt.date) -> Evaluation:
    """Compute totals, the state split, pending claims and every requirement's result."""
    totals: dict[str, Decimal] = defaultdict(lambda: ZERO)
    topics: dict[str, Decimal] = defaultdict(lambda: ZERO)
    names: dict[str, str] = {}
    by_year: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    by_state: dict[str, list[Activity]] = {state: [] for state in STATES}
    for activity in record.activities:
        by_state[activity.state].append(activity)
        if not (activity.state == DOCUMENTED and activity.completed <= as_of):
            continue
        for credit in activity.credits:
            totals[credit.type] += credit.amount
            by_year[activity.completed.year][credit.type] += credit.amount
        hours, _ = best_amount(activity, ())
        for topic in activity.topics:
            names.setdefault(topic.key, topic.name)
            topics[names[topic.key]] += (
                min(hours, topic.credits) if topic.credits is not None else hours
            )
    pending = sorted(by_state[PENDING], key=lambda a: (a.claim_by or dt.date.max, a.id))
    results = tuple(requirements.evaluate(r, record.activities, as_of) for r in record.requirements)
    return Evaluation(
        record=record,
        as_of=as_of,
        requirements=results,
        totals=dict(sorted(totals.items())),
        topic_totals=dict(sorted(topics.items(), key=lambda kv: kv[0].lower())),
        by_year={year: dict(sorted(v.items())) for year, v in sorted(by_year.items())},
        by_state={state: tuple(items) for state, items in by_state.items()},
        pending=tuple(pending),
    )


__all__ = ["Evaluation", "evaluate", "DOCUMENTED", "UNDOCUMENTED", "PENDING", "EDUCATIONAL"]
