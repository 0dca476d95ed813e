"""The requirement engine: a pure function of (activities, requirement, as-of date) → an explained result.

The rules (SPEC §1.3), in one place:
- only documented activities count, and only those completed inside the window and on or before the as-of date;
- an activity contributes once to a figure: the largest of its amounts in the accepted credit types;
- a topic on an activity covers all of that amount, or for a partial topic ``{topic, credits}`` at most its credits;
- a cap limits what its topic may add to the total (``max_share × credits`` and/or ``max_credits``);
- a minimum counts its own credit types, else the requirement's; ``exclude_topics`` drops an activity from it.
Every figure keeps the activities that fed it, so it can be explained.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from portfolio.model import CENT, Activity, Cap, Minimum, Requirement, topic_key

ZERO = Decimal(0)

MET = "met"
IN_PROGRESS = "in-progress"
OVERDUE = "overdue"


@dataclass(frozen=True)
class Contribution:
    """What one activity added to one figure, and why that much."""

    activity: Activity
    amount: Decimal
    credit_type: str  # the accepted type whose amount was taken
    note: str = ""


@dataclass(frozen=True)
class Exclusion:
    activity: Activity
    reason: str


@dataclass(frozen=True)
class MinimumResult:
    minimum: Minimum
    credit_types: tuple[str, ...]  # the types it counts (empty: all)
    earned: Decimal
    contributions: tuple[Contribution, ...]
    excluded: tuple[Exclusion, ...]

    @property
    def needed(self) -> Decimal:
        return self.minimum.credits

    @property
    def remaining(self) -> Decimal:
        return max(ZERO, self.needed - self.earned)

    @property
    def met(self) -> bool:
        return self.earned >= self.needed


@dataclass(frozen=True)
class CapResult:
    cap: Cap
    limit: Decimal  # the smaller of max_share × the requirement's credits and max_credits
    topic_total: Decimal  # what the topic brought before any cap
    capped: Decimal  # the amount cut from the total
    contributions: tuple[Contribution, ...]

    @property
    def binds(self) -> bool:
        return self.capped > 0


@dataclass(frozen=True)
class RequirementResult:
    requirement: Requirement
    as_of: dt.date
    start: dt.date | None
    end: dt.date
    gross: Decimal  # before caps
    contributions: tuple[Contribution, ...]
    excluded: tuple[Exclusion, ...]
    minimums: tuple[MinimumResult, ...]
    caps: tuple[CapResult, ...]
    outside_window: int  # documented activities that fell outside the window

    @property
    def needed(self) -> Decimal:
        return self.requirement.credits

    @property
    def earned(self) -> Decimal:
        return max(ZERO, self.gross - sum((c.capped for c in self.caps), ZERO))

    @property
    def remaining(self) -> Decimal:
        return max(ZERO, self.needed - self.earned)

    @property
    def met(self) -> bool:
        return self.earned >= self.needed and all(m.met for m in self.minimums)

    @property
    def due(self) -> dt.date | None:
        """The last day to satisfy it; None for rolling and lifetime windows (they move with the as-of date)."""
        return self.end if self.requirement.window.kind == "fixed" else None

    @property
    def days_left(self) -> int | None:
        return (self.due - self.as_of).days if self.due else None

    @property
    def state(self) -> str:
        if self.met:
            return MET
        if self.end < self.as_of:
            return OVERDUE
        return IN_PROGRESS

    @property
    def progress(self) -> Decimal:
        """Share of the total earned, 0 to 1 (for progress bars)."""
        return min(Decimal(1), self.earned / self.needed) if self.needed else Decimal(1)


def best_amount(activity: Activity, credit_types: Sequence[str]) -> tuple[Decimal, str]:
    """The largest amount among the accepted types (all types when none are named), and its type."""
    best, best_type = ZERO, ""
    for credit in activity.credits:
        if (not credit_types or credit.type in credit_types) and credit.amount > best:
            best, best_type = credit.amount, credit.type
    return best, best_type


def topic_share(activity: Activity, key: str, amount: Decimal) -> tuple[Decimal, str]:
    """How much of ``amount`` covers the topic ``key``: all of it, a partial topic's credits, or nothing."""
    for topic in activity.topics:
        if topic.key == key:
            if topic.credits is None:
                return amount, ""
            if topic.credits < amount:
                return topic.credits, f"partial topic: {topic.credits} of {amount}"
            return amount, ""
    return ZERO, ""


def _in_window(activity: Activity, start: dt.date | None, end: dt.date) -> bool:
    return (start is None or activity.completed >= start) and activity.completed <= end


def evaluate(
    requirement: Requirement, activities: Iterable[Activity], as_of: dt.date
) -> RequirementResult:
    """Evaluate one requirement against the activities as of a date."""
    start, end = requirement.window.resolve(as_of)
    last_day = min(end, as_of)  # nothing completed after the as-of date counts yet
    types = requirement.credit_types
    counted: list[Contribution] = []
    excluded: list[Exclusion] = []
    in_window: list[Activity] = []
    outside = 0
    # A rolling or lifetime window ends on the as-of date; what comes later is listed as not yet counted.
    reach = end if requirement.window.kind == "fixed" else dt.date.max
    for activity in activities:
        if not _in_window(activity, start, reach):
            outside += activity.counts
            continue
        if activity.completed > last_day:
            excluded.append(
                Exclusion(activity, f"completed {activity.completed}, after the as-of date {as_of}")
            )
            continue
        if not activity.counts:
            excluded.append(Exclusion(activity, _state_reason(activity)))
            continue
        in_window.append(activity)  # minimums may name credit types the total does not accept
        amount, credit_type = best_amount(activity, types)
        if not amount:
            have = ", ".join(c.type for c in activity.credits)
            excluded.append(
                Exclusion(activity, f"its credit ({have}) is not a type this requirement accepts")
            )
            continue
        counted.append(Contribution(activity, amount, credit_type))
    gross = sum((c.amount for c in counted), ZERO)
    caps = _caps(requirement, counted)
    minimums = tuple(_minimum(m, requirement, in_window) for m in requirement.minimums)
    return RequirementResult(
        requirement=requirement,
        as_of=as_of,
        start=start,
        end=end,
        gross=gross,
        contributions=tuple(counted),
        excluded=tuple(excluded),
        minimums=minimums,
        caps=caps,
        outside_window=outside,
    )


def _state_reason(activity: Activity) -> str:
    if activity.state == "undocumented":
        return "no certificate on file (undocumented)"
    if activity.state == "pending":
        return f"claim pending (complete it by {activity.claim_by})"
    return "educational only, not accredited CME"


def cap_limit(cap: Cap, requirement: Requirement) -> Decimal:
    """What the capped topic may add to the total: ``max_share × credits`` and/or ``max_credits``, the smaller."""
    limits = []
    if cap.max_share is not None:
        limits.append(cap.max_share * requirement.credits)
    if cap.max_credits is not None:
        limits.append(cap.max_credits)
    # Down to the cent, so every figure stays an exact two-decimal amount and rounding never over-claims.
    return min(limits).quantize(CENT, rounding=ROUND_DOWN)


def _caps(requirement: Requirement, counted: list[Contribution]) -> tuple[CapResult, ...]:
    """Apply the caps in file order, each to what earlier caps left of every activity.

    Subtracting each cap's excess independently would cut an activity that carries two capped topics twice
    (under-claiming); cutting in turn keeps every capped topic within its limit and cuts no more than needed
    for it. A partial topic's part is assumed to survive an earlier cut (the conservative reading).
    """
    left = [c.amount for c in counted]  # what each contribution still adds to the total
    keys = [topic_key(cap.topic) for cap in requirement.caps]
    results = []
    for index, cap in enumerate(requirement.caps):
        limit = cap_limit(cap, requirement)
        parts: list[tuple[int, Contribution]] = []
        for i, c in enumerate(counted):
            share, note = topic_share(c.activity, keys[index], c.amount)
            if share:
                parts.append((i, Contribution(c.activity, share, c.credit_type, note)))
        live = {i: min(p.amount, left[i]) for i, p in parts}
        capped = max(ZERO, sum(live.values(), ZERO) - limit)
        later = set(keys[index + 1 :])
        # Cut first where it also relieves a later cap, then from the most recent activities.
        order = sorted(
            live,
            key=lambda i: (not any(t.key in later for t in counted[i].activity.topics), -i),
        )
        to_cut = capped
        for i in order:
            cut = min(to_cut, live[i])
            left[i] -= cut
            to_cut -= cut
        total = sum((p.amount for _, p in parts), ZERO)
        results.append(CapResult(cap, limit, total, capped, tuple(p for _, p in parts)))
    return tuple(results)


def _minimum(
    minimum: Minimum, requirement: Requirement, activities: list[Activity]
) -> MinimumResult:
    types = minimum.credit_types or requirement.credit_types
    excluded_keys = {topic_key(t): t for t in minimum.exclude_topics}
    key = topic_key(minimum.topic) if minimum.topic else None
    parts: list[Contribution] = []
    excluded: list[Exclusion] = []
    for activity in activities:
        amount, credit_type = best_amount(activity, types)
        if not amount:
            continue
        note = ""
        if key is not None:
            amount, note = topic_share(activity, key, amount)
            if not amount:
                continue
        hit = next((excluded_keys[t.key] for t in activity.topics if t.key in excluded_keys), None)
        if hit is not None:
            excluded.append(
                Exclusion(activity, f"also carries '{hit}', which this minimum excludes")
            )
            continue
        parts.append(Contribution(activity, amount, credit_type, note))
    earned = sum((p.amount for p in parts), ZERO)
    return MinimumResult(minimum, types, earned, tuple(parts), tuple(excluded))
