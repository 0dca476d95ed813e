"""Requirement windows → dates: the one place a window is computed, from the profile and the as-of date.

SPEC §1.3 and §1.4. Every window includes both of its ends.

- ``fixed`` {start, end}: as written.
- ``rolling`` {months: M}: the day after the same calendar day M months before the as-of date (clamped to the
  month's end) … the as-of date.
- ``lifetime``: no first day … the as-of date.
- ``license`` {license: XX}: the license's current renewal period, the day after ``expires`` − ``cycle_months``
  months … ``expires``; with ``cycles: N``, the last N periods; with ``first_months: M``, ``issued`` … the day
  before the same calendar day M months later (rules owed once after first licensure).

A license window's previous period (for ``carry_over``) has the same length and ends the day before it starts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from portfolio.model import License, Profile, Window, add_months

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Span:
    """The days a window covers on an as-of date: ``start`` (None: no lower bound) … ``end``, both included."""

    start: dt.date | None
    end: dt.date

    def contains(self, day: dt.date) -> bool:
        return (self.start is None or day >= self.start) and day <= self.end


def problem(window: Window, profile: Profile | None) -> str | None:
    """What the profile lacks for this window to have dates (None: nothing), said for the requirement's line."""
    if window.kind != "license":
        return None
    assert window.license is not None
    lic = profile.license_for(window.license) if profile else None
    same = (
        [x for x in profile.licenses if x.state.strip().upper() == window.license.upper()]
        if profile
        else []
    )
    if len(same) > 1:
        return f"window {{license: {window.license}}}: portfolio.yaml lists {len(same)} licenses for that state; keep one"
    if lic is None:
        return (
            f"window {{license: {window.license}}} names no license in portfolio.yaml: add "
            f"{{state: {window.license.upper()}, number: …, expires: YYYY-MM-DD}} under 'licenses'"
        )
    if window.first_months is not None:
        if lic.issued is None:
            return (
                f"window {{license: {window.license}, first_months: {window.first_months}}} needs 'issued' "
                f"(the date your {lic.state} license was first granted) on that license in portfolio.yaml"
            )
    elif lic.expires is None:
        return (
            f"window {{license: {window.license}}} needs 'expires' (the last day of the current renewal "
            f"period) on your {lic.state} license in portfolio.yaml"
        )
    return None


def _license(window: Window, profile: Profile) -> License:
    assert window.license is not None
    lic = profile.license_for(window.license)
    if lic is None:  # the loader reports it (problem()); reaching here is a bug
        raise ValueError(f"no license for {window.license}")
    return lic


def resolve(window: Window, profile: Profile | None, as_of: dt.date) -> Span:
    """The window's first and last day as of ``as_of``."""
    if window.kind == "fixed":
        assert window.start is not None and window.end is not None
        return Span(window.start, window.end)
    if window.kind == "rolling":
        assert window.months is not None
        return Span(add_months(as_of, -window.months) + ONE_DAY, as_of)
    if window.kind == "lifetime":
        return Span(None, as_of)
    assert profile is not None
    lic = _license(window, profile)
    if window.first_months is not None:
        assert lic.issued is not None
        return Span(lic.issued, add_months(lic.issued, window.first_months) - ONE_DAY)
    assert lic.expires is not None
    months = lic.cycle_months * (window.cycles or 1)
    return Span(add_months(lic.expires, -months) + ONE_DAY, lic.expires)


def previous(window: Window, profile: Profile | None, as_of: dt.date) -> Span | None:
    """The renewal period before a license window's (same length, ending the day before it starts), else None."""
    if window.kind != "license" or window.first_months is not None:
        return None
    assert profile is not None
    lic = _license(window, profile)
    current = resolve(window, profile, as_of)
    assert current.start is not None
    end = current.start - ONE_DAY
    months = lic.cycle_months * (window.cycles or 1)
    return Span(add_months(end, -months) + ONE_DAY, end)


def describe(window: Window) -> str:
    """The window as the requirements file wrote it, in words (for pages and the PDF)."""
    if window.kind == "rolling":
        return f"the last {window.months} months"
    if window.kind == "lifetime":
        return "lifetime (one-time)"
    if window.kind == "license":
        if window.first_months is not None:
            return f"the first {window.first_months} months after the {window.license} license was issued"
        if window.cycles and window.cycles > 1:
            return f"the last {window.cycles} renewal periods of the {window.license} license"
        return f"the current renewal period of the {window.license} license"
    return "fixed dates"
