"""What "today" and "now" mean: --as-of, else SOURCE_DATE_EPOCH, else the clock (SPEC §3)."""

from __future__ import annotations

import datetime as dt
import os

from portfolio.errors import RecordError

# English month names, fixed: strftime's %B and %b follow the machine's locale, and the output must not.
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def source_date_epoch() -> dt.datetime | None:
    raw = os.environ.get("SOURCE_DATE_EPOCH")
    if raw is None or not raw.strip():
        return None
    try:
        return dt.datetime.fromtimestamp(int(raw.strip()), tz=dt.UTC)
    except (ValueError, OverflowError, OSError):
        raise RecordError.single(
            "SOURCE_DATE_EPOCH", 0, f"must be a whole number of seconds since 1970 (got {raw!r})"
        ) from None


def today(as_of: str | dt.date | None = None) -> dt.date:
    """The as-of date for every window and countdown."""
    if isinstance(as_of, dt.date):
        return _sane(as_of, "--as-of")
    if as_of:
        try:
            day = dt.date.fromisoformat(as_of)
        except ValueError:
            raise RecordError.single(
                "--as-of", 0, f"must be a date written YYYY-MM-DD (got {as_of!r})"
            ) from None
        return _sane(day, "--as-of")
    epoch = source_date_epoch()
    return _sane(epoch.date(), "SOURCE_DATE_EPOCH") if epoch else dt.date.today()


FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(9000, 12, 31)


def _sane(day: dt.date, where: str) -> dt.date:
    """Windows reach back decades and calendars forward: keep the as-of date where both stay valid."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise RecordError.single(
            where, 0, f"must be a date between {FIRST_DAY} and {LAST_DAY} (got {day})"
        )
    return day


def now() -> dt.datetime:
    """The generation timestamp printed in outputs (UTC)."""
    return source_date_epoch() or dt.datetime.now(tz=dt.UTC).replace(microsecond=0)
