"""Load stage, content/portfolio.yaml: the physician's name, licenses, board certifications and site settings."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from portfolio.errors import Diagnostics, RecordError
from portfolio.model import (
    STANDARD_CREDIT_TYPES,
    BoardCertification,
    Contact,
    Dea,
    License,
    Profile,
    SiteSettings,
    credit_type_key,
)
from portfolio.records.fields import (
    Fields,
    _as_bool,
    _choice,
    _describe,
    _mapping_list,
    _npi,
    _Problem,
    as_text,
    as_text_list,
)
from portfolio.source import LDict, links_out, load_yaml, read_text
from portfolio.theme import missing_theme

CONTACT_KEYS = ("email", "phone", "address", "institution")
_EMAIL_RE = re.compile(r"^[^@\s,;<>]+@[^@\s,;<>]+\.[A-Za-z]{2,}$")
_PHONE_RE = re.compile(r"^\+?[0-9 ()./-]+(?: *(?:x|ext\.?) *[0-9]+)?$", re.IGNORECASE)


def _email(value: Any, line: int = 0) -> str:
    text = as_text(value)
    if not _EMAIL_RE.match(text):
        raise _Problem(f"must be an e-mail address like name@example.org (got {text!r})")
    return text


def _phone(value: Any, line: int = 0) -> str:
    text = as_text(value)
    digits = sum(ch.isdigit() for ch in text.split("x")[0].split("ext")[0])
    if not _PHONE_RE.match(text) or not 7 <= digits <= 15:
        raise _Problem(
            f"must be a telephone number of 7 to 15 digits, like +1 555 010 0199 (got {text!r})"
        )
    return text


DATE_FORMATS = ("medium", "iso")  # as in portfolio.render (not imported: check stays light)

PROFILE_KEYS = (
    "name",
    "credentials",
    "specialty",
    "npi",
    "licenses",
    "board_certifications",
    "default_credit_type",
    "site",
    "dea",
    "practice",
    *CONTACT_KEYS,
)
LICENSE_KEYS = ("state", "number", "expires", "issued", "cycle_months")


def dea_is_valid(number: str) -> bool:
    """The DEA number's check digit: two letters, seven digits; (d1+d3+d5) + 2×(d2+d4+d6) ends in d7."""
    if not re.fullmatch(r"[A-Z][A-Z9]\d{7}", number):
        return False
    d = [int(c) for c in number[2:]]
    return (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10 == d[6]


def _dea_number(value: Any, line: int = 0) -> str:
    if isinstance(value, bool) or not isinstance(value, str):
        raise _Problem(
            f'must be the DEA number in quotes, like "BO1234563" (got {_describe(value)})'
        )
    text = value.strip().upper()
    if not re.fullmatch(r"[A-Z][A-Z9]\d{7}", text):
        raise _Problem(
            f"must be two letters and seven digits, like BO1234563 (got {value.strip()!r})"
        )
    if not dea_is_valid(text):
        raise _Problem(f"{text} fails the DEA check digit; look for a mistyped digit")
    return text


def _cycle_months(value: Any, line: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 120:
        raise _Problem(
            f"must be the renewal period's length in whole months, such as 24 (got {_describe(value)})"
        )
    return value


def _license(sub: Fields) -> License | None:
    """One entry of 'licenses': state, number, and for rules tied to it, issued / expires / cycle_months."""
    state, number = sub.text("state", required=True), sub.text("number", required=True)
    expires, issued = sub.date("expires"), sub.date("issued")
    cycle = sub.get("cycle_months", _cycle_months) or 24
    if issued and expires and expires < issued:
        sub.error("expires", f"'expires' {expires} is before 'issued' {issued}")
    if not (state and number):
        return None
    return License(state, number, expires, issued, cycle)


def _dea(f: Fields) -> Dea | None:
    raw = f.data.get("dea")
    if raw is None:
        return None
    if not isinstance(raw, LDict):
        f.error("dea", f"'dea' must be {{number: …, expires: YYYY-MM-DD}} (got {_describe(raw)})")
        return None
    sub = Fields(raw, f.path, f.diags, ("number", "expires"), "the DEA registration")
    number = sub.get("number", _dea_number, required=True)
    expires = sub.date("expires")
    return Dea(number, expires) if number else None


def _default_credit_type(f: Fields) -> str | None:
    """The credit type activities default to; one typo away from a standard name is an error, not a guess."""
    name = f.text("default_credit_type")
    if name is None:
        return None
    known = {credit_type_key(t): t for t in STANDARD_CREDIT_TYPES}
    key = credit_type_key(name)
    if key not in known:
        close = one_typo_from(key, known)
        if close:
            f.error(
                "default_credit_type",
                f"default credit type '{name}' is not a standard credit type (did you mean '{close}'?); "
                "requirements compare credit types by name, so a misspelt one would silently count nowhere",
            )
            return None
    return name


def one_typo_from(key: str, known: dict[str, str]) -> str | None:
    """The name of the first known key (sorted) that ``key`` is one typo away from, else None."""
    return next((name for k, name in sorted(known.items()) if one_typo_apart(key, k)), None)


def one_typo_apart(a: str, b: str) -> bool:
    """True when ``b`` is ``a`` with one letter inserted, removed, changed, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) < len(b):
        return a[i:] == b[i + 1 :]
    return a[i + 1 :] == b[i + 1 :] or (
        i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
    )


def load_profile(
    path: Path,
    shown: str,
    diags: Diagnostics,
    root: Path | None = None,
) -> Profile | None:
    """content/portfolio.yaml → the Profile; ``root`` holds themes/ (default: two folders above ``path``).

    Parsed on every build, never cached in site/: it holds what the site does not show (contact details,
    the DEA number), and a cache there is as public as the site."""
    root = root if root is not None else path.parent.parent
    if not path.is_file():
        diags.error(
            shown,
            0,
            "portfolio.yaml is missing: it holds your name and settings (run 'portfolio init' for a template)",
        )
        return None
    try:
        data = load_yaml(read_text(path, shown), shown)
    except RecordError as exc:
        diags.items.extend(exc.diagnostics)
        return None
    if not isinstance(data, LDict):
        diags.error(
            shown, 1, "portfolio.yaml must be 'key: value' lines (name, credentials, licenses, …)"
        )
        return None
    f = Fields(data, shown, diags, PROFILE_KEYS, "portfolio.yaml")
    name = f.text("name", required=True)
    licenses: list[License] = []
    for item, _line in _mapping_list(f, "licenses"):
        lic = _license(Fields(item, shown, diags, LICENSE_KEYS, "a license"))
        if lic is not None:
            licenses.append(lic)
    boards = []
    for item, _line in _mapping_list(f, "board_certifications"):
        sub = Fields(item, shown, diags, ("board", "specialty", "expires"), "a board certification")
        board = sub.text("board", required=True)
        if board:
            boards.append(BoardCertification(board, sub.text("specialty"), sub.date("expires")))
    site = SiteSettings()
    raw_site = data.get("site")
    if isinstance(raw_site, LDict):
        sub = Fields(
            raw_site,
            shown,
            diags,
            ("title", "theme", "base_url", "date_format", "show_contact"),
            "site settings",
        )
        theme = sub.text("theme") or "default"
        if not re.fullmatch(r"[A-Za-z0-9_.-]+", theme) or theme.startswith("."):
            sub.error("theme", f"'theme' must be a folder name under themes/ (got {theme!r})")
        elif problem := missing_theme(root, theme):
            sub.error("theme", problem)
            theme = "default"
        elif theme != "default":  # what `build` would refuse to publish, `check` reports
            diags.items.extend(links_out(root / "themes" / theme, f"themes/{theme}"))
        base_url = raw_site.get("base_url")
        site = SiteSettings(
            title=sub.text("title") or "CME Portfolio",
            theme=theme,
            base_url=as_text(base_url) if isinstance(base_url, str) and base_url.strip() else "",
            date_format=sub.get("date_format", _choice("date_format", DATE_FORMATS)) or "medium",
            show_contact=bool(sub.get("show_contact", _as_bool)),
        )
    elif raw_site is not None:
        f.error(
            "site",
            f"'site' must be a mapping like {{title: …, theme: default}} (got {_describe(raw_site)})",
        )
    credentials = f.get("credentials", as_text_list) or ()
    profile = Profile(
        name=name or "",
        credentials=credentials,
        specialty=f.text("specialty"),
        npi=f.get("npi", _npi),
        licenses=tuple(licenses),
        board_certifications=tuple(boards),
        default_credit_type=_default_credit_type(f),
        site=site,
        dea=_dea(f),
        practice=f.get("practice", as_text_list) or (),
        contact=Contact(
            email=f.get("email", _email),
            phone=f.get("phone", _phone),
            address=f.text("address"),
            institution=f.text("institution"),
        ),
    )
    # Returned even when some field was wrong (those errors are recorded), so that a bad NPI does not
    # cascade into "no credit type" errors on every activity that relies on default_credit_type.
    return profile
