"""Load stage, the parts every file shares: typed field access and the value converters.

A converter turns one YAML value into a typed one or raises _Problem; Fields adds the key and its line.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from portfolio import clock
from portfolio.errors import Diagnostics, did_you_mean
from portfolio.model import CENT
from portfolio.source import LDict, LList

MAX_CREDITS = Decimal(1000)  # one activity worth more is a typo, not a record
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Fields:
    """Typed access to one YAML mapping that records an error (with the key's line) for each mistake."""

    def __init__(
        self, data: LDict, path: str, diags: Diagnostics, allowed: tuple[str, ...], what: str
    ):
        self.data, self.path, self.diags, self.what = data, path, diags, what
        for key in data:
            if key not in allowed:
                hint = did_you_mean(str(key), allowed)
                self.error(key, f"unknown field '{key}' in {what}{hint}")

    def line(self, key: str) -> int:
        return self.data.line_of(key)

    def error(self, key: str, message: str) -> None:
        self.diags.error(self.path, self.line(key), message)

    def warning(self, key: str, message: str) -> None:
        self.diags.warning(self.path, self.line(key), message)

    def has(self, key: str) -> bool:
        return self.data.get(key) is not None

    def get(self, key: str, convert: Callable[[Any, int], Any], required: bool = False) -> Any:
        """The converted value of ``key``; None when absent (an error when required) or invalid."""
        value = self.data.get(key)
        if value is None:
            if required:
                self.diags.error(
                    self.path,
                    self.line(key) if key in self.data else self.data.line,
                    f"'{key}' is required in {self.what}",
                )
            return None
        try:
            return convert(value, self.line(key))
        except _Problem as problem:
            self.error(key, f"'{key}' {problem}")
            return None

    def text(self, key: str, required: bool = False) -> str | None:
        return self.get(key, as_text, required)

    def date(self, key: str, required: bool = False) -> dt.date | None:
        return self.get(key, as_date, required)


class _Problem(Exception):
    """What is wrong with one value; the caller adds the key and the line."""


def as_text(value: Any, line: int = 0) -> str:
    if isinstance(value, (bool, LDict, LList)) or not isinstance(value, (str, int, Decimal)):
        raise _Problem(f"must be text (got {_describe(value)})")
    text = str(value).strip()
    if not text:
        raise _Problem("must not be empty")
    return text


def as_date(value: Any, line: int = 0) -> dt.date:
    if not isinstance(value, str) or not _DATE_RE.match(value.strip()):
        raise _Problem(f"must be a date written YYYY-MM-DD (got {_describe(value)})")
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise _Problem(f"is not a real date: {value.strip()} ({why_not_a_date(value)})") from None


def why_not_a_date(text: str) -> str:
    """What is wrong with a YYYY-MM-DD that names no day: 'February 2026 has 28 days', 'there is no month 13'."""
    year, month, day = (int(part) for part in text.strip().split("-"))
    if year < dt.MINYEAR:
        return "there is no year 0"
    if not 1 <= month <= 12:
        return f"there is no month {month}; months go from 01 to 12"
    if day == 0:
        return "there is no day 0"
    last = calendar.monthrange(year, month)[1]
    return f"{clock.MONTHS[month - 1]} {year} has {last} days"  # fixed English names


def decimal_comma(value: Any) -> bool:
    """'1,5': a decimal comma, which YAML reads as text."""
    return isinstance(value, str) and re.fullmatch(r"\s*\d+,\d+\s*", value) is not None


def as_amount(value: Any, line: int = 0) -> Decimal:
    """A credit amount: a number > 0 with at most two decimals."""
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        hint = ""
        if decimal_comma(value):
            hint = f"; use a dot for decimals: {value.strip().replace(',', '.')}"
        raise _Problem(f"must be a number > 0 (got {_describe(value)}){hint}")
    amount = Decimal(value)
    if not amount.is_finite():
        raise _Problem(f"must be a finite number > 0 (got {value})")
    if amount <= 0:
        raise _Problem(f"must be a number > 0 (got {value})")
    if amount > MAX_CREDITS:
        raise _Problem(f"must be at most {MAX_CREDITS} (got {value}); is it a typo?")
    if amount != amount.quantize(CENT):
        raise _Problem(f"may have at most two decimals, like 0.25 (got {value})")
    return amount


def as_text_list(value: Any, line: int = 0) -> tuple[str, ...]:
    if isinstance(value, str):
        comma_list(value)
    items = value if isinstance(value, list) else [value]
    result = tuple(as_text(item) for item in items)
    if len(set(result)) != len(result):
        raise _Problem("lists the same entry twice")
    return result


def comma_list(text: str) -> None:
    """Refuse `a, b` written without brackets: YAML reads it as one text, not a list of two."""
    if "," in text:
        parts = ", ".join(part.strip() for part in text.split(","))
        raise _Problem(
            f"is one text {text.strip()!r}, not a list: write a list in brackets, [{parts}]"
        )


def _describe(value: Any) -> str:
    if isinstance(value, LDict):
        return "a mapping"
    if isinstance(value, LList):
        return "a list"
    if isinstance(value, bool):
        return f"{'true' if value else 'false'}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return repr(shown)
    if isinstance(value, (int, Decimal)):
        return str(value)
    return type(value).__name__


def _web_address(value: Any, line: int = 0) -> str:
    text = as_text(value)
    if not re.match(r"^https?://[^\s]+$", text, re.IGNORECASE):
        raise _Problem(f"must be a web address starting with https:// or http:// (got {text!r})")
    return text


def _choice(key: str, choices: tuple[str, ...]) -> Callable[[Any, int], str]:
    def convert(value: Any, line: int = 0) -> str:
        text = as_text(value)
        if text not in choices:
            raise _Problem(
                f"must be one of {', '.join(choices)} (got '{text}'){did_you_mean(text, choices)}"
            )
        return text

    return convert


def _as_bool(value: Any, line: int = 0) -> bool:
    if not isinstance(value, bool):
        raise _Problem(f"must be true or false (got {_describe(value)})")
    return value


def npi_is_valid(npi: str) -> bool:
    """The NPI check digit: Luhn over '80840' + the ten digits (CMS NPI standard)."""
    if not re.fullmatch(r"\d{10}", npi):
        return False
    digits = [int(c) for c in "80840" + npi]
    total = 0
    for index, digit in enumerate(reversed(digits)):
        if index % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def _npi(value: Any, line: int = 0) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise _Problem(
            f'must be the 10-digit NPI in quotes, like "1234567893" (got {_describe(value)})'
        )
    text = str(value).strip()
    if not re.fullmatch(r"\d{10}", text):
        raise _Problem(f"must be exactly 10 digits (got {text!r})")
    if not npi_is_valid(text):
        raise _Problem(f"{text} fails the NPI check digit; look for a mistyped digit")
    return text


def _mapping_list(f: Fields, key: str) -> list[tuple[LDict, int]]:
    raw = f.data.get(key)
    if raw is None:
        return []
    if not isinstance(raw, LList):
        f.error(key, f"'{key}' must be a list (got {_describe(raw)})")
        return []
    result = []
    for index, item in enumerate(raw):
        if isinstance(item, LDict):
            result.append((item, raw.line_of(index)))
        else:
            f.diags.error(
                f.path,
                raw.line_of(index),
                f"each entry of '{key}' must be a mapping (got {_describe(item)})",
            )
    return result
