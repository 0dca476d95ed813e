"""Load stage, content/requirements.yaml: each requirement with its window, minimums and caps."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from portfolio import model
from portfolio.errors import Diagnostics, RecordError, did_you_mean
from portfolio.model import Cap, Minimum, Requirement, Window
from portfolio.records.fields import (
    Fields,
    _describe,
    _mapping_list,
    _Problem,
    as_amount,
    as_date,
    as_text_list,
)
from portfolio.source import LDict, load_yaml, read_text

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
)


def _window(value: Any, line: int = 0) -> Window:
    """``{start, end}``, ``{months: N}`` or ``lifetime``; a problem inside the mapping carries its own line."""
    if isinstance(value, str) and value.strip().lower() == "lifetime":
        return Window("lifetime")
    if not isinstance(value, LDict):
        raise _Problem(
            "must be {start: YYYY-MM-DD, end: YYYY-MM-DD}, {months: N} or lifetime "
            f"(got {_describe(value)})"
        )

    def problem(key: str, message: str) -> _Problem:
        found = _Problem(message)
        found.line = value.line_of(key)  # type: ignore[attr-defined]
        return found

    unknown = sorted(str(k) for k in value if k not in ("start", "end", "months"))
    if unknown:
        hint = did_you_mean(unknown[0], ("start", "end", "months"))
        raise problem(unknown[0], f"has unknown field '{unknown[0]}'{hint}")
    keys = set(value)
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


def load_requirements(path: Path, shown: str, diags: Diagnostics) -> tuple[Requirement, ...]:
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
        credits = f.get("credits", as_amount, required=True)
        window = None
        if item.get("window") is None:
            f.get("window", _window, required=True)  # reports it missing
        else:
            try:
                window = _window(item["window"], f.line("window"))
            except _Problem as problem:
                where = getattr(problem, "line", None) or f.line("window")
                diags.error(shown, where, f"'window' {problem}")
        credit_types = f.get("credit_types", as_text_list) or ()
        if name:
            # Two names that differ only in case or punctuation would share one page (the slug).
            key = Requirement(name, Decimal(1), Window("lifetime")).slug
            if key in names:
                f.error(
                    "name",
                    f"requirement '{name}' is defined twice (first on line {names[key]})",
                )
            names.setdefault(key, f.line("name"))
        minimums = []
        for sub_data, sub_line in _mapping_list(f, "minimums"):
            sub = Fields(
                sub_data,
                shown,
                diags,
                ("topic", "credit_types", "credits", "exclude_topics"),
                "a minimum",
            )
            amount = sub.get("credits", as_amount, required=True)
            topic = sub.text("topic")
            types = sub.get("credit_types", as_text_list) or ()
            excluded = sub.get("exclude_topics", as_text_list) or ()
            if (
                topic is None
                and not types
                and "topic" not in sub_data
                and "credit_types" not in sub_data
            ):
                diags.error(shown, sub_line, "a minimum needs a 'topic', 'credit_types', or both")
            elif topic and any(model.topic_key(t) == model.topic_key(topic) for t in excluded):
                sub.error(
                    "exclude_topics",
                    f"a minimum for '{topic}' cannot exclude its own topic",
                )
            elif amount is not None:
                minimums.append(Minimum(amount, topic, types, excluded, sub_line))
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
            elif topic and (share is not None or max_credits is not None):
                caps.append(Cap(topic, share, max_credits, sub_line))
        if name and credits is not None and window is not None:
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
                )
            )
    return tuple(result)
