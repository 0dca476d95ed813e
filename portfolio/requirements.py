"""The requirement engine: a pure function of (requirement, activities, as-of date, profile) → an explained result.

The rules (SPEC §1.3, §1.4), in one place, each shape a small function below:
- only documented activities count, and only those completed inside the window and on or before the as-of date
  (the window's dates come from ``portfolio.windows``);
- an activity contributes once to a figure: the largest of its amounts in the accepted credit types (names
  compared by ``model.credit_type_key``), never their sum;
- ``topics`` on a requirement: only activities carrying one of them count, each at its topic credit;
- a topic on an activity covers all of that amount, or for a partial topic ``{topic, credits}`` at most its credits;
- a cap limits what its topic may add to the total (``max_share × credits`` and/or ``max_credits``);
- a minimum counts its own credit types and topics, else the requirement's; ``exclude_topics`` drops an
  activity from it;
- ``activities: N`` asks for N counted activities, whatever their hours;
- ``applies_if`` facts decide whether a requirement or a minimum is owed at all;
- ``effective``: a rule whose window ended before the rule took effect is not owed for that window;
- ``carry_over`` adds the previous renewal period's excess, up to its cap, to the total after caps.
Every figure keeps the activities that fed it, so it can be explained.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from typing import ClassVar

from portfolio import windows
from portfolio.model import (
    CENT,
    Activity,
    Cap,
    Minimum,
    Profile,
    Requirement,
    credit_type_key,
    topic_key,
)
from portfolio.windows import Span

ZERO = Decimal(0)

MET = "met"
IN_PROGRESS = "in-progress"
OVERDUE = "overdue"
NOT_APPLICABLE = "not-applicable"
STATES = (MET, IN_PROGRESS, OVERDUE, NOT_APPLICABLE)
# What every output calls each state (the site, the PDF; `status` prints them in lower case).
STATE_LABELS = {
    MET: "Met",
    IN_PROGRESS: "In progress",
    OVERDUE: "Overdue",
    NOT_APPLICABLE: "Does not apply",
}

DEA_REGISTRANT = "dea-registrant"
LICENSED_IN = "licensed-in-"


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
    topics: tuple[str, ...] = ()  # the topics it counts (empty: every activity)
    applies: bool = True
    reason: str = ""  # why it does not apply, for the physician (Unmet.text)
    why: Unmet | None = None  # the same, as facts

    @property
    def needed(self) -> Decimal | None:
        return self.minimum.credits

    @property
    def remaining(self) -> Decimal | None:
        return None if self.needed is None else max(ZERO, self.needed - self.earned)

    @property
    def needed_activities(self) -> int | None:
        return self.minimum.activities

    @property
    def counted_activities(self) -> int:
        return len(self.contributions)

    @property
    def met(self) -> bool:
        """Its figures are reached (whether or not it applies)."""
        return (self.needed is None or self.earned >= self.needed) and (
            self.needed_activities is None or self.counted_activities >= self.needed_activities
        )

    @property
    def owed(self) -> bool:
        """It applies and is not met: it keeps its requirement unmet."""
        return self.applies and not self.met


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
class CarryResult:
    """The previous renewal period, evaluated under the same rules, and what of its excess carries in."""

    start: dt.date
    end: dt.date
    earned: Decimal  # that period's total after its caps (its own carry-in is never carried again)
    needed: Decimal
    limit: Decimal  # carry_over.max_credits
    carried: Decimal  # min(limit, earned − needed), never below 0
    contributions: tuple[Contribution, ...]  # the previous period's activities behind ``earned``


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
    applies: bool = True
    reason: str = ""  # why it does not apply
    carry: CarryResult | None = None
    off_topic: int = 0  # counted activities in the window that carry none of its topics
    in_force: bool = True  # False: its window ended before the rule took effect (``effective``)
    why: Unmet | None = None  # ``reason`` as facts

    @property
    def needed(self) -> Decimal | None:
        return self.requirement.credits

    @property
    def carried(self) -> Decimal:
        return self.carry.carried if self.carry else ZERO

    @property
    def earned(self) -> Decimal:
        """This period's credits after caps, plus what carries in from the previous period."""
        return max(ZERO, self.gross - sum((c.capped for c in self.caps), ZERO)) + self.carried

    @property
    def remaining(self) -> Decimal | None:
        return None if self.needed is None else max(ZERO, self.needed - self.earned)

    @property
    def needed_activities(self) -> int | None:
        return self.requirement.activities

    @property
    def counted_activities(self) -> int:
        return len(self.contributions)

    @property
    def remaining_activities(self) -> int | None:
        if self.needed_activities is None:
            return None
        return max(0, self.needed_activities - self.counted_activities)

    @property
    def met(self) -> bool:
        return (
            (self.needed is None or self.earned >= self.needed)
            and not self.remaining_activities
            and not any(m.owed for m in self.minimums)
        )

    @property
    def due(self) -> dt.date | None:
        """The last day to satisfy it; None for rolling and lifetime windows (they move with the as-of date)
        and for a requirement that does not apply (nothing is due)."""
        return None if self.requirement.window.moves or not self.applies else self.end

    @property
    def days_left(self) -> int | None:
        return (self.due - self.as_of).days if self.due else None

    @property
    def state(self) -> str:
        if not self.applies:
            return NOT_APPLICABLE
        if self.met:
            return MET
        if self.end < self.as_of:
            return OVERDUE
        return IN_PROGRESS

    @property
    def progress(self) -> Decimal:
        """Share of what is asked that is done, 0 to 1 (for progress bars): the smaller of credits and activities."""
        shares = [Decimal(1)]
        if self.needed:
            shares.append(self.earned / self.needed)
        if self.needed_activities:
            shares.append(Decimal(self.counted_activities) / self.needed_activities)
        return min(shares)


# ------------------------------------------------------------------------------------------------ amounts


def best_amount(activity: Activity, credit_types: Sequence[str]) -> tuple[Decimal, str]:
    """The largest amount among the accepted types (all types when none are named), and its type.

    One activity certifies the same hours under several systems: it counts once, never the sum (SPEC §1.3).
    Names compare as ``credit_type_key`` says: "AMA PRA Category 1 Credit™" is "AMA PRA Category 1".
    """
    return _best(activity, type_keys(credit_types))


def type_keys(credit_types: Sequence[str]) -> frozenset[str]:
    """The compared form of a list of credit types (empty: every type), computed once per figure."""
    return frozenset(credit_type_key(t) for t in credit_types)


def _best(activity: Activity, keys: frozenset[str]) -> tuple[Decimal, str]:
    best, best_type = ZERO, ""
    for credit in activity.credits:
        if credit.amount > best and (not keys or credit.key in keys):
            best, best_type = credit.amount, credit.type
    return best, best_type


def topic_share(
    activity: Activity, keys: str | Collection[str], amount: Decimal
) -> tuple[Decimal, str]:
    """How much of ``amount`` covers one of the topics ``keys``: all of it, a partial topic's credits, or nothing.

    Two matching topics count once, at the larger of their shares.
    """
    wanted = {keys} if isinstance(keys, str) else set(keys)
    best, note = ZERO, ""
    for topic in activity.topics:
        if topic.key not in wanted:
            continue
        share = topic.share(amount)
        if share == amount:
            return amount, ""
        if share > best:
            best, note = share, f"partial topic: {share} of {amount}"
    return best, note


# ------------------------------------------------------------------------------------------------ facts


def facts_of(profile: Profile | None, as_of: dt.date) -> frozenset[str]:
    """The facts ``applies_if`` can test (SPEC §1.4), from the profile on the as-of date.

    ``dea-registrant`` while the DEA registration is not expired, ``licensed-in-xx`` for each license's state,
    and every word the physician lists under ``practice``; compared as topics are (case, '-'/'_'/space).
    """
    if profile is None:
        return frozenset()
    found = {topic_key(word) for word in profile.practice}
    if profile.dea is not None and (profile.dea.expires is None or profile.dea.expires >= as_of):
        found.add(DEA_REGISTRANT)
    found.update(topic_key(LICENSED_IN + lic.state) for lic in profile.licenses)
    return frozenset(found)


@dataclass(frozen=True)
class Unmet:
    """Why a rule is not owed, as facts: each page words them for its own reader.

    ``text`` speaks to the physician (it names portfolio.yaml, where the fact is missing); the PDF, read by a
    committee, words the same facts without any instruction about this program.
    """

    kind: str  # DEA, DEA_EXPIRED, LICENSE, PRACTICE, NOT_YET or ENDED_BEFORE
    subject: str = ""  # the state (LICENSE) or the practice fact (PRACTICE)
    day: dt.date | None = None  # the expiry (DEA_EXPIRED) or the day the rule took effect
    end: dt.date | None = None  # the end of the period (NOT_YET, ENDED_BEFORE)

    DEA: ClassVar[str] = "dea"
    DEA_EXPIRED: ClassVar[str] = "dea-expired"
    LICENSE: ClassVar[str] = "license"
    PRACTICE: ClassVar[str] = "practice"
    NOT_YET: ClassVar[str] = "not-yet"
    ENDED_BEFORE: ClassVar[str] = "ended-before"

    @property
    def text(self) -> str:
        if self.kind == Unmet.DEA_EXPIRED:
            return f"only for DEA registrants; your DEA registration expired on {self.day}"
        if self.kind == Unmet.DEA:
            return "only for DEA registrants; portfolio.yaml lists no DEA registration ('dea')"
        if self.kind == Unmet.LICENSE:
            return (
                f"only for physicians licensed in {self.subject}; "
                f"portfolio.yaml lists no {self.subject} license"
            )
        if self.kind == Unmet.PRACTICE:
            return (
                f"only if your practice includes '{self.subject}'; "
                "it is not listed under 'practice' in portfolio.yaml"
            )
        if self.kind == Unmet.NOT_YET:
            return f"this rule takes effect on {self.day}, after {self.end}, the end of the period it covers"
        return (
            f"this rule took effect on {self.day}, after the period it covers ended on {self.end}"
        )


def unmet_condition(
    conditions: Sequence[str], profile: Profile | None, as_of: dt.date
) -> Unmet | None:
    """The first ``applies_if`` fact that does not hold, or None when every one holds.

    Board rules owed only by some physicians: Florida's controlled-substance course (DEA registrants), New
    York's pain-management course (prescribers), California's geriatrics rule (a practice mostly over 65).
    """
    held = facts_of(profile, as_of)
    for fact in conditions:
        key = topic_key(fact)
        if key in held:
            continue
        if key == DEA_REGISTRANT:
            dea = profile.dea if profile else None
            if dea is not None and dea.expires is not None:
                return Unmet(Unmet.DEA_EXPIRED, day=dea.expires)
            return Unmet(Unmet.DEA)
        if key.startswith(LICENSED_IN):
            return Unmet(Unmet.LICENSE, subject=key.removeprefix(LICENSED_IN).upper())
        return Unmet(Unmet.PRACTICE, subject=fact)
    return None


def applies(conditions: Sequence[str], profile: Profile | None, as_of: dt.date) -> tuple[bool, str]:
    """Whether every ``applies_if`` fact holds, and if not, why in plain words for the physician."""
    why = unmet_condition(conditions, profile, as_of)
    return why is None, why.text if why else ""


def not_in_force(effective: dt.date | None, span: Span, as_of: dt.date) -> Unmet | None:
    """Why a rule is not owed for a window that ended before ``effective``; None when it is owed.

    Pennsylvania's 4 opioid hours within 12 months of the initial license come from Act 124 of 2016 (in force
    from 2017-01-01): a physician first licensed in 2010 never owed them. A window that ends on or after the
    day the rule took effect owes it in full, even if it began earlier (never hides a rule that was in force).
    Which activities count is unchanged: the window alone decides that.
    """
    if effective is None or span.end >= effective:
        return None
    # A rolling or lifetime window on an as-of date before the rule existed: it takes effect later.
    kind = Unmet.NOT_YET if effective > as_of else Unmet.ENDED_BEFORE
    return Unmet(kind, day=effective, end=span.end)


def in_force(effective: dt.date | None, span: Span, as_of: dt.date) -> tuple[bool, str]:
    """Whether a rule is owed for a window (see ``not_in_force``); if not, why in plain words."""
    why = not_in_force(effective, span, as_of)
    return why is None, why.text if why else ""


# ------------------------------------------------------------------------------------------------ evaluation


@dataclass(frozen=True)
class _Period:
    """One requirement's figures over one span, before carry-over."""

    gross: Decimal
    contributions: tuple[Contribution, ...]
    excluded: tuple[Exclusion, ...]
    in_window: tuple[Activity, ...]  # documented, in the window, counted by the as-of date
    caps: tuple[CapResult, ...]
    outside: int
    off_topic: int

    @property
    def after_caps(self) -> Decimal:
        return max(ZERO, self.gross - sum((c.capped for c in self.caps), ZERO))


def evaluate(
    requirement: Requirement,
    activities: Iterable[Activity],
    as_of: dt.date,
    profile: Profile | None = None,
) -> RequirementResult:
    """Evaluate one requirement against the activities as of a date, for the physician of ``profile``."""
    activities = tuple(activities)
    why = unmet_condition(requirement.applies_if, profile, as_of)
    ok = why is None
    unresolved = not ok and windows.problem(requirement.window, profile) is not None
    if unresolved:
        activities = ()  # its window follows a license the physician does not hold: nothing to show
        span = Span(None, as_of)
    else:
        span = windows.resolve(requirement.window, profile, as_of)
    # Asked only of a rule whose facts hold, so a page can tell the two reasons apart.
    took_effect = True
    if ok:
        why = not_in_force(requirement.effective, span, as_of)
        ok = took_effect = why is None
    period = _period(requirement, activities, span, as_of)
    minimums = tuple(
        _minimum(m, requirement, period.in_window, profile, as_of, span)
        for m in requirement.minimums
    )
    return RequirementResult(
        requirement=requirement,
        as_of=as_of,
        start=span.start,
        end=span.end,
        gross=period.gross,
        contributions=period.contributions,
        excluded=period.excluded,
        minimums=minimums,
        caps=period.caps,
        outside_window=period.outside,
        applies=ok,
        reason=why.text if why else "",
        why=why,
        carry=None if unresolved else _carry_over(requirement, activities, as_of, profile),
        off_topic=period.off_topic,
        in_force=took_effect,
    )


def _period(
    requirement: Requirement, activities: Sequence[Activity], span: Span, as_of: dt.date
) -> _Period:
    """Credit of the accepted types (and topics) completed in ``span`` by ``as_of``, and the caps on it.

    Every board's base rule: Pennsylvania's 100 hours of AMA PRA Category 1 or 2 in the biennial period —
    and never the ABIM MOC points of the same record, which no such rule names.
    """
    last_day = min(span.end, as_of)  # nothing completed after the as-of date counts yet
    # A rolling or lifetime window ends on the as-of date; what comes later is listed as not yet counted.
    reach = dt.date.max if requirement.window.moves else span.end
    topic_keys = {topic_key(t) for t in requirement.topics}
    keys = type_keys(requirement.credit_types)
    reached = Span(span.start, reach)
    counted: list[Contribution] = []
    excluded: list[Exclusion] = []
    in_window: list[Activity] = []
    outside = off_topic = 0
    for activity in activities:
        if not reached.contains(activity.completed):
            outside += activity.counts
            continue
        if topic_keys and not any(t.key in topic_keys for t in activity.topics):
            off_topic += activity.counted_on(as_of)
            continue  # not about this rule at all: not listed as excluded either
        if activity.completed > last_day:
            excluded.append(
                Exclusion(activity, f"completed {activity.completed}, after the as-of date {as_of}")
            )
            continue
        if not activity.counts:
            excluded.append(Exclusion(activity, _state_reason(activity)))
            continue
        in_window.append(activity)  # minimums may name credit types the total does not accept
        contribution = _accepted(activity, keys, topic_keys)
        if contribution is None:
            have = ", ".join(c.type for c in activity.credits)
            excluded.append(
                Exclusion(activity, f"its credit ({have}) is not a type this requirement accepts")
            )
            continue
        counted.append(contribution)
    gross = sum((c.amount for c in counted), ZERO)
    return _Period(
        gross=gross,
        contributions=tuple(counted),
        excluded=tuple(excluded),
        in_window=tuple(in_window),
        caps=_caps(requirement, counted),
        outside=outside,
        off_topic=off_topic,
    )


def _accepted(
    activity: Activity, keys: frozenset[str], topic_keys: Collection[str]
) -> Contribution | None:
    """An activity's contribution to a figure that accepts ``credit_types`` and (if any) ``topic_keys``.

    Serves ``topics`` rules such as Texas's one hour of human-trafficking training: a ten-hour conference with
    that topic counts its topic credit, and an activity without it counts nothing — never the whole record.
    """
    amount, credit_type = _best(activity, keys)
    if not amount:
        return None
    note = ""
    if topic_keys:
        amount, note = topic_share(activity, topic_keys, amount)
        if not amount:
            return None
    return Contribution(activity, amount, credit_type, note)


def _state_reason(activity: Activity) -> str:
    if activity.state == "undocumented":
        return "no certificate on file (undocumented)"
    if activity.state == "pending":
        return f"claim pending (complete it by {activity.claim_by})"
    return "educational only, not accredited CME"


def cap_limit(cap: Cap, requirement: Requirement) -> Decimal:
    """What the capped topic may add to the total: ``max_share × credits`` and/or ``max_credits``, the smaller.

    California's rule that at most 30 % of the hours may be practice management is ``max_share: 0.30``.
    """
    limits = []
    if cap.max_share is not None and requirement.credits is not None:
        limits.append(cap.max_share * requirement.credits)
    if cap.max_credits is not None:
        limits.append(cap.max_credits)
    if (
        not limits
    ):  # a share of no credit total: nothing may come from the topic (the loader forbids it)
        return ZERO
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
    minimum: Minimum,
    requirement: Requirement,
    activities: Sequence[Activity],
    profile: Profile | None,
    as_of: dt.date,
    span: Span,
) -> MinimumResult:
    """A minimum inside the total: Pennsylvania's 2 hours of child-abuse training, Texas's 24 formal hours,
    California's 12 hours of "pain management or care of the terminally ill" (any of its ``topics``).

    It counts its own credit types and topics, else the requirement's; ``exclude_topics`` keeps an activity
    already counted for another minimum from counting here too (Pennsylvania's patient-safety hours).
    """
    types = minimum.credit_types or requirement.credit_types
    topics = minimum.any_topics or requirement.topics
    topic_keys = {topic_key(t) for t in topics}
    keys = type_keys(types)
    excluded_keys = {topic_key(t): t for t in minimum.exclude_topics}
    parts: list[Contribution] = []
    excluded: list[Exclusion] = []
    for activity in activities:
        contribution = _accepted(activity, keys, topic_keys)
        if contribution is None:
            continue
        hit = next((excluded_keys[t.key] for t in activity.topics if t.key in excluded_keys), None)
        if hit is not None:
            excluded.append(
                Exclusion(activity, f"also carries '{hit}', which this minimum excludes")
            )
            continue
        parts.append(contribution)
    earned = sum((p.amount for p in parts), ZERO)
    why = unmet_condition(minimum.applies_if, profile, as_of) or not_in_force(
        minimum.effective, span, as_of
    )
    return MinimumResult(
        minimum,
        types,
        earned,
        tuple(parts),
        tuple(excluded),
        tuple(topics),
        why is None,
        why.text if why else "",
        why,
    )


def _carry_over(
    requirement: Requirement,
    activities: Sequence[Activity],
    as_of: dt.date,
    profile: Profile | None,
) -> CarryResult | None:
    """Texas lets up to 48 hours earned beyond the 48 owed carry into the next renewal period.

    The previous period (same length, ending the day before this one starts) is evaluated under the same
    rules; what its total after caps exceeds ``credits`` by, up to ``max_credits``, carries in — whether or
    not that period met its minimums, and never its own carry-in (no chains). It feeds the total only.
    """
    rule = requirement.carry_over
    if rule is None or requirement.credits is None:
        return None
    span = windows.previous(requirement.window, profile, as_of)
    if span is None or span.start is None:
        return None
    before = _period(requirement, activities, span, as_of)
    excess = max(ZERO, before.after_caps - requirement.credits)
    return CarryResult(
        start=span.start,
        end=span.end,
        earned=before.after_caps,
        needed=requirement.credits,
        limit=rule.max_credits,
        carried=min(rule.max_credits, excess),
        contributions=before.contributions,
    )
