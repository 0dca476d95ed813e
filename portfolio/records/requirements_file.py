"""Load stage, content/requirements.yaml: each requirement with its window, minimums and caps (SPEC §1.3, §1.4).

Windows tied to a license are checked against the profile here (a missing ``issued`` is an error at the
requirement's line); their dates are computed in ``portfolio.windows`` only.
"""

from __future__ import annotations

import difflib
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from portfolio import model, windows
from portfolio.errors import Diagnostics, RecordError, did_you_mean
from portfolio.model import (
    STANDARD_CREDIT_TYPES,
    Activity,
    Cap,
    CarryOver,
    Minimum,
    Profile,
    Requirement,
    Window,
    credit_type_key,
)
from portfolio.records.fields import (
    Fields,
    _describe,
    _mapping_list,
    _Problem,
    as_amount,
    as_date,
    as_text_list,
)
from portfolio.records.profile import one_typo_from
from portfolio.source import LDict, LList, load_yaml, read_text

REQUIREMENT_KEYS = (
    "name",
    "authority",
    "credits",
    "credit_types",
    "window",
    "minimums",
    "caps",
    "notes",
    "source",
    "topics",
    "activities",
    "applies_if",
    "carry_over",
    "effective",
)
MINIMUM_KEYS = (
    "topic",
    "topics",
    "credit_types",
    "credits",
    "activities",
    "exclude_topics",
    "applies_if",
    "effective",
)
WINDOW_KEYS = ("start", "end", "months", "license", "cycles", "first_months")
NO_CREDIT_TYPES = (
    "'credit_types' is required: list the credit types the board accepts, such as "
    "[AMA PRA Category 1, AMA PRA Category 2]: an ABIM MOC point is not a CME credit, and "
    "'credit_types: any' also counts MOC points, so write 'any' only if the rule truly takes every type"
)


def _window(value: Any, line: int = 0) -> Window:
    """``{start, end}``, ``{months: N}`` or ``lifetime``; a problem inside the mapping carries its own line."""
    if isinstance(value, str) and value.strip().lower() == "lifetime":
        return Window("lifetime")
    if not isinstance(value, LDict):
        raise _Problem(
            "must be {start: YYYY-MM-DD, end: YYYY-MM-DD}, {months: N}, {license: XX} or lifetime "
            f"(got {_describe(value)})"
        )

    def problem(key: str, message: str) -> _Problem:
        found = _Problem(message)
        found.line = value.line_of(key)  # type: ignore[attr-defined]
        return found

    unknown = sorted(str(k) for k in value if k not in WINDOW_KEYS)
    if unknown:
        hint = did_you_mean(unknown[0], WINDOW_KEYS)
        raise problem(unknown[0], f"has unknown field '{unknown[0]}'{hint}")
    keys = set(value)
    if keys & {"license", "cycles", "first_months"}:
        return _license_window(value, problem)
    if "months" in keys and keys & {"start", "end"}:
        raise problem(
            "months",
            "mixes 'months' with 'start'/'end': use {start, end} for a fixed cycle "
            "or {months: N} for a rolling one",
        )
    if keys == {"months"}:
        months = value["months"]
        if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= 1200:
            raise problem(
                "months",
                f"months must be a whole number from 1 to 1200 (got {_describe(months)})",
            )
        return Window("rolling", months=months)
    if keys != {"start", "end"}:
        missing = "end" if "start" in keys else "start"
        raise _Problem(f"needs both 'start' and 'end' ('{missing}' is missing), or only 'months'")
    dates = {}
    for key in ("start", "end"):
        try:
            dates[key] = as_date(value[key])
        except _Problem as bad:
            raise problem(key, f"{key} {bad}") from None
    start, end = dates["start"], dates["end"]
    if end < start:
        raise problem("end", f"ends ({end}) before it starts ({start})")
    return Window("fixed", start=start, end=end)


def _whole(value: Any, low: int, high: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise _Problem(
            f"must be a whole number from {low} to {high}{what} (got {_describe(value)})"
        )
    return value


def _license_window(value: LDict, problem: Any) -> Window:
    """``{license: XX}``, ``{license: XX, cycles: N}`` or ``{license: XX, first_months: M}``."""
    keys = set(value)
    if "license" not in keys:
        raise _Problem(
            "'cycles' and 'first_months' need 'license: XX' (the state whose license it follows)"
        )
    if keys & {"start", "end", "months"}:
        other = sorted(keys & {"start", "end", "months"})[0]
        raise problem(
            other,
            f"mixes 'license' with '{other}': a license window takes its dates from the license",
        )
    if {"cycles", "first_months"} <= keys:
        raise problem("first_months", "has both 'cycles' and 'first_months': use one")
    state = value["license"]
    if not isinstance(state, str) or not re.fullmatch(r"\s*[A-Za-z]{2}\s*", state):
        raise problem(
            "license", f"license must be a two-letter state code, like TX (got {_describe(state)})"
        )
    cycles = first = None
    try:
        if "cycles" in keys:
            cycles = _whole(value["cycles"], 1, 20, " (renewal periods)")
        if "first_months" in keys:
            first = _whole(value["first_months"], 1, 1200, " (months after the license was issued)")
    except _Problem as bad:
        raise problem(
            "cycles" if "cycles" in keys else "first_months",
            f"{sorted(keys - {'license'})[0]} {bad}",
        ) from None
    return Window("license", license=state.strip().upper(), cycles=cycles, first_months=first)


def _credit_types(f: Fields) -> tuple[str, ...] | None:
    """``credit_types``: a list, or ``any`` (the empty tuple); None (with an error) when missing or empty."""
    raw = f.data.get("credit_types")
    if raw is None:
        f.diags.error(
            f.path,
            f.line("credit_types") if "credit_types" in f.data else f.data.line,
            NO_CREDIT_TYPES,
        )
        return None
    if isinstance(raw, str) and raw.strip().lower() == "any":
        return ()
    if isinstance(raw, LList) and not raw:
        f.error(
            "credit_types",
            "'credit_types' is an empty list: name the accepted types, or write 'any'",
        )
        return None
    found = f.get("credit_types", as_text_list)
    if found and any(t.strip().lower() == "any" for t in found):
        if len(found) == 1:
            return ()  # [any] means what `any` means
        f.error(
            "credit_types",
            "'credit_types' lists 'any' with other types: write 'any' alone, or only the types",
        )
        return None
    return found


def _facts(f: Fields) -> tuple[str, ...]:
    """``applies_if``: one fact or a list; ``licensed-in-`` must end in a two-letter state code."""
    facts = f.get("applies_if", as_text_list) or ()
    for fact in facts:
        key = model.topic_key(fact)
        if key.startswith("licensed-in") and not re.fullmatch(r"licensed-in-[a-z]{2}", key):
            f.error(
                "applies_if", f"'{fact}' must end in a two-letter state code, like licensed-in-TX"
            )
    return facts


def _count(value: Any, line: int = 0) -> int:
    return _whole(value, 1, 1000, " (activities)")


def _share(value: Any, line: int = 0) -> Decimal:
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, Decimal))
        or not Decimal(value).is_finite()
    ):
        raise _Problem(f"must be a fraction such as 0.30 (got {_describe(value)})")
    share = Decimal(value)
    if not 0 < share <= 1:
        raise _Problem(f"must be more than 0 and at most 1, such as 0.30 for 30 % (got {value})")
    return share


def load_requirements(
    path: Path,
    shown: str,
    diags: Diagnostics,
    profile: Profile | None = None,
) -> tuple[Requirement, ...]:
    """content/requirements.yaml → the requirements; ``profile`` is what license windows are checked against."""
    if not path.is_file():
        return ()
    try:
        data = load_yaml(read_text(path, shown), shown)
    except RecordError as exc:
        diags.items.extend(exc.diagnostics)
        return ()
    if data is None:
        return ()
    if not isinstance(data, LDict):
        diags.error(
            shown, 1, "requirements.yaml must start with 'requirements:' followed by a list"
        )
        return ()
    top = Fields(data, shown, diags, ("requirements",), "requirements.yaml")
    result: list[Requirement] = []
    names: dict[str, int] = {}
    for item, line in _mapping_list(top, "requirements"):
        f = Fields(item, shown, diags, REQUIREMENT_KEYS, "a requirement")
        name = f.text("name", required=True)
        credits = f.get("credits", as_amount)
        count = f.get("activities", _count)
        if "credits" not in item and "activities" not in item:
            diags.error(
                shown,
                line,
                "a requirement needs 'credits' (an amount), 'activities' (a number of activities), or both",
            )
        window = None
        if item.get("window") is None:
            f.get("window", _window, required=True)  # reports it missing
        else:
            try:
                window = _window(item["window"], f.line("window"))
            except _Problem as problem:
                where = getattr(problem, "line", None) or f.line("window")
                diags.error(shown, where, f"'window' {problem}")
        applies_if = _facts(f)
        effective = f.date("effective")  # the day the rule took effect (requirements.not_in_force)
        if window is not None:
            missing = windows.problem(window, profile)
            if missing and not _owed_elsewhere(window, applies_if, profile):
                diags.error(shown, line, missing)
                window = None
        credit_types = _credit_types(f)
        if name:
            # Two names that differ only in case or punctuation would share one page (the slug).
            key = model.slugify(name, "requirement")
            if key in names:
                f.error(
                    "name",
                    f"requirement '{name}' is defined twice (first on line {names[key]})",
                )
            names.setdefault(key, f.line("name"))
        minimums = []
        for sub_data, sub_line in _mapping_list(f, "minimums"):
            minimum = _minimum(Fields(sub_data, shown, diags, MINIMUM_KEYS, "a minimum"), sub_line)
            if minimum is not None:
                minimums.append(minimum)
        caps = []
        for sub_data, sub_line in _mapping_list(f, "caps"):
            sub = Fields(sub_data, shown, diags, ("topic", "max_share", "max_credits"), "a cap")
            topic = sub.text("topic", required=True)
            share = sub.get("max_share", _share)
            max_credits = sub.get("max_credits", as_amount)
            if "max_share" not in sub_data and "max_credits" not in sub_data:
                diags.error(
                    shown, sub_line, "a cap needs 'max_share' (such as 0.30) or 'max_credits'"
                )
            elif "max_share" in sub_data and "credits" not in item:
                sub.error(
                    "max_share",
                    "'max_share' is a share of the requirement's 'credits', and this one has none; use 'max_credits'",
                )
            elif topic and (share is not None or max_credits is not None):
                caps.append(Cap(topic, share, max_credits, sub_line))
        topics = f.get("topics", as_text_list) or ()
        carry = _carry_over(f, window)
        asked = credits is not None or count is not None
        if name and asked and window is not None and credit_types is not None:
            result.append(
                Requirement(
                    name=name,
                    credits=credits,
                    window=window,
                    authority=f.text("authority"),
                    credit_types=credit_types,
                    minimums=tuple(minimums),
                    caps=tuple(caps),
                    notes=f.text("notes"),
                    reference=f.text("source"),
                    file=shown,
                    line=line,
                    topics=topics,
                    activities=count,
                    applies_if=applies_if,
                    carry_over=carry,
                    effective=effective,
                )
            )
    return tuple(result)


def _owed_elsewhere(window: Window, applies_if: tuple[str, ...], profile: Profile | None) -> bool:
    """A license window for a state the physician holds no license in, on a rule that applies only when
    licensed there: not an error, the rule simply does not apply (a multi-state rule set stays loadable)."""
    if window.kind != "license" or profile is None or profile.license_for(window.license or ""):
        return False
    return model.topic_key(f"licensed-in-{window.license}") in {
        model.topic_key(a) for a in applies_if
    }


def _minimum(sub: Fields, line: int) -> Minimum | None:
    """One entry of 'minimums': credits and/or activities, of topics and/or credit types."""
    data = sub.data
    amount = sub.get("credits", as_amount)
    count = sub.get("activities", _count)
    topic = sub.text("topic")
    topics = sub.get("topics", as_text_list) or ()
    types = sub.get("credit_types", as_text_list) or ()
    excluded = sub.get("exclude_topics", as_text_list) or ()
    applies_if = _facts(sub)
    effective = sub.date("effective")
    if "credits" not in data and "activities" not in data:
        sub.diags.error(sub.path, line, "a minimum needs 'credits', 'activities', or both")
        return None
    if "topic" in data and "topics" in data:
        sub.error("topics", "a minimum has 'topic' or 'topics' (any of several), not both")
        return None
    if not (data.keys() & {"topic", "topics", "credit_types", "activities"}):
        sub.diags.error(
            sub.path, line, "a minimum needs a 'topic' (or 'topics'), 'credit_types', or both"
        )
        return None
    excluded_keys = {model.topic_key(t) for t in excluded}
    own = next((t for t in topics or (topic,) if t and model.topic_key(t) in excluded_keys), None)
    if own is not None:
        sub.error("exclude_topics", f"a minimum for '{own}' cannot exclude its own topic")
        return None
    if amount is None and count is None:
        return None  # its value was wrong: already reported
    return Minimum(amount, topic, types, excluded, line, topics, count, applies_if, effective)


def _carry_over(f: Fields, window: Window | None) -> CarryOver | None:
    """``carry_over: {max_credits: C}``, only on a license's renewal period and with 'credits' to exceed."""
    raw = f.data.get("carry_over")
    if raw is None:
        return None
    if not isinstance(raw, LDict):
        f.error("carry_over", f"'carry_over' must be {{max_credits: N}} (got {_describe(raw)})")
        return None
    sub = Fields(raw, f.path, f.diags, ("max_credits",), "carry_over")
    limit = sub.get("max_credits", as_amount, required=True)
    if "credits" not in f.data:
        f.error(
            "carry_over",
            "'carry_over' carries credits beyond 'credits', and this requirement has none",
        )
        return None
    if window is not None and (window.kind != "license" or window.first_months is not None):
        f.error(
            "carry_over",
            "'carry_over' needs a license's renewal period as its window ({license: XX}, or with 'cycles'), "
            "so that the previous period is known",
        )
        return None
    return CarryOver(limit) if limit is not None else None


_UNIT_RE = re.compile(r"\s+(?:points?|hours?)$")
_UNITS = (" points", " point", " hours", " hour")


def near_credit_type(key: str, known: dict[str, str]) -> tuple[str, str] | None:
    """The known type ``key`` (compared form) is a near miss of, and how: "one typo away from" or "close to".

    Near: one typo apart; the same once a trailing "point(s)"/"hour(s)" is dropped or added ("ABIM MOC" for
    "ABIM MOC points"); or what ``difflib.get_close_matches`` finds at cutoff 0.85. None for a known key.
    """
    if key in known:
        return None
    close = one_typo_from(key, known)
    if close:
        return close, "one typo away from"
    bare = _UNIT_RE.sub("", key)
    for k, name in sorted(known.items()):
        if _UNIT_RE.sub("", k) == bare or any(k == key + unit for unit in _UNITS):
            return name, "close to"
    match = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.85)
    return (known[match[0]], "close to") if match else None


def _named_types(req: Requirement) -> tuple[str, ...]:
    return (*req.credit_types, *(x for m in req.minimums for x in m.credit_types))


def known_credit_types(
    requirements: tuple[Requirement, ...], default_type: str | None
) -> dict[str, str]:
    """Compared form → name of every type a record may use: standard, named by a requirement, the default."""
    standard = {credit_type_key(t): t for t in STANDARD_CREDIT_TYPES}
    known = dict(standard)
    for req in requirements:
        for t in _named_types(req):
            if not near_credit_type(
                credit_type_key(t), standard
            ):  # a near miss is an error instead
                known.setdefault(credit_type_key(t), t)
    if default_type:
        known.setdefault(credit_type_key(default_type), default_type)
    return known


def credit_type_problem(credit_type: str, known: dict[str, str]) -> str | None:
    """The error for an activity's credit type that is a near miss of a known one, else None."""
    near = near_credit_type(credit_type_key(credit_type), known)
    if near is None:
        return None
    close, how = near
    return (
        f"credit type '{credit_type}' is {how} '{close}' (did you mean '{close}'?); "
        "as written it counts toward no requirement that names that type"
    )


def check_credit_types(
    requirements: tuple[Requirement, ...],
    activities: list[Activity],
    default_type: str | None,
    shown: str,
    diags: Diagnostics,
) -> None:
    """A credit type that is a near miss of a known one is an error with "did you mean" (SPEC §1.4).

    Known: the standard types (AMA PRA, AOA, AAFP, ABIM/ABP/ABFM MOC, ANCC, ACPE), every type a requirement
    names, and the profile's default. As written, a misspelt type would silently count nowhere — or, in a
    requirement, accept nothing that certificates actually say. "ABIM MOC" is not a new type beside
    "ABIM MOC points": near misses (``near_credit_type``) are errors too.
    """
    standard = {credit_type_key(t): t for t in STANDARD_CREDIT_TYPES}
    for req in requirements:
        for t in _named_types(req):
            near = near_credit_type(credit_type_key(t), standard)
            if near:
                close = near[0]
                diags.error(
                    shown,
                    req.line,
                    f"requirement '{req.name}' names credit type '{t}', which is not a standard one "
                    f"(did you mean '{close}'?); certificates say '{close}', so as written it would accept nothing",
                )
    known = known_credit_types(requirements, default_type)
    for activity in activities:
        for credit in activity.credits:
            problem = credit_type_problem(credit.type, known)
            if problem:
                where = activity.line(
                    "credit_type" if "credit_type" in activity.lines else "credits"
                )
                diags.error(activity.source, where, problem)
