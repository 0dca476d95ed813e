"""After loading: warnings that depend on the as-of date or on the record as a whole.

Run after load() by the commands that show them (today `portfolio check`); load() never calls them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from portfolio import model, requirements
from portfolio.errors import plural
from portfolio.model import Record, topic_key
from portfolio.records.activity import CERTIFICATE_SUFFIXES
from portfolio.records.profile import one_typo_from
from portfolio.requirements import DEA_REGISTRANT, LICENSED_IN


def _fact_typos(record: Record) -> list[tuple[str, int, str]]:
    """An ``applies_if`` fact one typo away from one the profile declares: the rule silently never applies."""
    profile = record.profile
    declared = {model.topic_key(w): w for w in profile.practice}
    # licensed-in-XX facts are left out: one letter turns a state code into another state's, not a typo.
    declared[requirements.DEA_REGISTRANT] = requirements.DEA_REGISTRANT
    found = []
    for req in record.requirements:
        for where, facts in (
            (req.line, req.applies_if),
            *((m.line, m.applies_if) for m in req.minimums),
        ):
            for fact in facts:
                key = model.topic_key(fact)
                if key.startswith(requirements.LICENSED_IN):
                    continue
                close = one_typo_from(key, declared)
                if key not in declared and close:
                    found.append(
                        (
                            req.file,
                            where,
                            f"applies_if '{fact}' is not a fact of your profile (did you mean '{close}'?); "
                            "as written the rule never applies to you",
                        )
                    )
    return found


def _whole_record_topic_rules(record: Record) -> list[tuple[str, int, str]]:
    """A requirement modelled the old way — a small total plus a topic minimum as large — counts the whole
    record toward its total ("24.50 of 1.00 credits"); ``topics`` on the requirement says what is meant."""
    found = []
    for req in record.requirements:
        if req.topics or req.credits is None:
            continue
        for m in req.minimums:
            if m.any_topics and m.credits is not None and m.credits >= req.credits:
                topics = ", ".join(m.any_topics)
                found.append(
                    (
                        req.file,
                        req.line,
                        f"'{req.name}' counts every accepted activity toward its total of {req.credits}, "
                        f"and its minimum on {topics} asks for as much: if the rule is only about that "
                        f"topic, write 'topics: [{topics}]' on the requirement so its total counts only it",
                    )
                )
                break
    return found


def _any_counting_moc(record: Record, as_of: dt.date) -> list[tuple[str, int, str]]:
    """A requirement with ``credit_types: any`` whose figure on ``as_of`` includes MOC points: an MOC point
    is not a CME credit (SPEC §1.4), so the figure likely over-states what the authority will accept."""
    found = []
    for req in record.requirements:
        if req.credit_types:
            continue
        result = requirements.evaluate(req, record.activities, as_of, record.profile)
        if not result.applies:
            continue
        moc = [c for c in result.contributions if model.is_moc_points(c.credit_type)]
        if not moc:
            continue
        kinds = {model.credit_type_key(c.credit_type): c.credit_type for c in moc}
        kind = next(iter(kinds.values())) if len(kinds) == 1 else "MOC points"
        points = sum((c.amount for c in moc), Decimal(0))
        total = sum((c.amount for c in result.contributions), Decimal(0))
        found.append(
            (
                req.file,
                req.line,
                f"'{req.name}' accepts 'credit_types: any': {points:.2f} of its {total:.2f} credits are "
                f"{kind}; list the credit types the authority accepts",
            )
        )
    return found


PARTIAL_TOPIC_HINT = 4  # credits: a longer activity seldom covers one topic from start to end


def _minimum_topics(record: Record, as_of: dt.date) -> dict[str, list[tuple[str, frozenset[str]]]]:
    """Topic key → each requirement with a topic minimum (or topic rule) for it that applies on ``as_of``,
    with the credit types it accepts there (empty: every type)."""
    found: dict[str, list[tuple[str, frozenset[str]]]] = {}
    for req in record.requirements:
        if not requirements.applies(req.applies_if, record.profile, as_of)[0]:
            continue
        keys = requirements.type_keys(req.credit_types)
        for name in req.topics:
            found.setdefault(model.topic_key(name), []).append((req.name, keys))
        for minimum in req.minimums:
            if not requirements.applies(minimum.applies_if, record.profile, as_of)[0]:
                continue
            accepted = (
                requirements.type_keys(minimum.credit_types) if minimum.credit_types else keys
            )
            names = [minimum.topic, *minimum.topics]
            for name in names:
                if name:
                    found.setdefault(model.topic_key(name), []).append((req.name, accepted))
    return found


def advisories(record: Record, as_of: dt.date) -> list[tuple[str, int, str]]:
    """Warnings that depend on the as-of date or on the record as a whole: (path, line, message)."""
    found: list[tuple[str, int, str]] = []
    cited: set[str] = set()
    found.extend(_fact_typos(record))
    found.extend(_whole_record_topic_rules(record))
    found.extend(_any_counting_moc(record, as_of))
    for a in record.activities:
        cited.update(c.path for c in a.certificates)
        if a.completed > as_of:
            found.append(
                (
                    a.source,
                    a.line("end_date" if a.end_date else "date"),
                    f"completed {a.completed}, after {as_of}: it counts nowhere yet",
                )
            )
        if a.state == model.UNDOCUMENTED:
            found.append(
                (
                    a.source,
                    a.line("title"),
                    "no certificate: listed but never counted; add 'certificate:' once you have the proof",
                )
            )
        if a.state == model.PENDING and a.claim_by is not None:
            days = (a.claim_by - as_of).days
            if days < 0:
                found.append(
                    (
                        a.source,
                        a.line("claim_by"),
                        f"claim deadline {a.claim_by} passed {plural(-days, 'day')} ago; ask the provider whether it can still be claimed",
                    )
                )
            elif days <= 14:
                found.append(
                    (
                        a.source,
                        a.line("claim_by"),
                        f"claim deadline {a.claim_by} is in {plural(days, 'day')}: complete the evaluation and save the certificate",
                    )
                )
        if a.status != "pending" and a.claim_by is not None:
            found.append(
                (a.source, a.line("claim_by"), "'claim_by' is only used with 'status: pending'")
            )
        biggest = max((c.amount for c in a.credits), default=None)
        for topic in a.topics:
            if topic.credits is not None and biggest is not None and topic.credits > biggest:
                found.append(
                    (
                        a.source,
                        a.line("topics"),
                        f"topic '{topic.name}' claims {topic.credits} credits but the activity has at most {biggest}; counted as {biggest}",
                    )
                )
    for path in record.certificate_files:
        if path not in cited and Path(path).suffix.lower() in CERTIFICATE_SUFFIXES:
            found.append((f"content/{path}", 0, "certificate is not cited by any activity"))
    return found


def suggestions(record: Record, as_of: dt.date) -> list[tuple[str, int, str]]:
    """Notes (never failures, even with --strict): a plain topic tag on a long activity that a topic
    minimum counts whole; writing ``{topic, credits}`` says how much of it covered the topic.

    Only a requirement that applies on ``as_of`` and accepts one of the activity's credit types is named:
    an MOC-only activity counts nothing toward a rule that takes AMA PRA Category 1 alone."""
    found: list[tuple[str, int, str]] = []
    minimum_topics = _minimum_topics(record, as_of)
    for a in record.activities:
        biggest = max((c.amount for c in a.credits), default=None)
        if biggest is None or biggest <= PARTIAL_TOPIC_HINT:
            continue
        for topic in a.topics:
            owed = next(
                (
                    name
                    for name, keys in minimum_topics.get(topic.key, ())
                    if not keys or any(c.key in keys for c in a.credits)
                ),
                None,
            )
            if topic.credits is None and owed:
                found.append(
                    (
                        a.source,
                        a.line("topics"),
                        f"the tag '{topic.name}' counts all {biggest} credits of this activity toward"
                        f" '{owed}'; if only part of it covered {topic.name}, write"
                        f" {{topic: {topic.name}, credits: N}} with the credits the certificate gives"
                        f" it (or credits: {biggest} if all of it did)",
                    )
                )
    found.extend(_undeclared_practice(record))
    return found


def _undeclared_practice(record: Record) -> list[tuple[str, int, str]]:
    """A rule (or minimum) left out only because a practice word is not declared: a physician who sees
    patients but never wrote ``practice: [direct-patient-care]`` would otherwise be told, silently, that a
    rule they owe does not apply. A note, since the word may rightly be absent."""
    declared = {topic_key(word) for word in record.profile.practice}
    found: list[tuple[str, int, str]] = []
    for requirement in record.requirements:
        parts = [(requirement.name, requirement.line, requirement.applies_if)]
        parts += [
            (f"{requirement.name}: {m.label or 'a minimum'}", m.line, m.applies_if)
            for m in requirement.minimums
        ]
        for name, line, facts in parts:
            for fact in facts:
                key = topic_key(fact)
                if key == DEA_REGISTRANT or key.startswith(LICENSED_IN) or key in declared:
                    continue
                found.append(
                    (
                        requirement.file,
                        line or requirement.line,
                        f"'{name}' is counted as not owed because 'practice:' in portfolio.yaml does"
                        f" not list '{fact}'; if that describes your practice, add it there",
                    )
                )
    return found
