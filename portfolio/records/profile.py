"""Load stage, content/portfolio.yaml: the physician's name, licenses, board certifications and site settings."""

from __future__ import annotations

import re
from pathlib import Path

from portfolio.errors import Diagnostics, RecordError
from portfolio.model import BoardCertification, License, Profile, SiteSettings
from portfolio.records.fields import Fields, _describe, _mapping_list, _npi, as_text, as_text_list
from portfolio.source import LDict, load_yaml, read_text

PROFILE_KEYS = (
    "name",
    "credentials",
    "specialty",
    "npi",
    "licenses",
    "board_certifications",
    "default_credit_type",
    "site",
)


def missing_theme(root: Path, theme: str) -> str | None:
    """What is wrong with the theme named in the profile, or None: the one check, at load and at render."""
    if theme == "default" or (root / "themes" / theme).is_dir():
        return None
    return f"theme '{theme}' not found: create themes/{theme}/ or use theme: default"


def load_profile(path: Path, shown: str, diags: Diagnostics) -> Profile | None:
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
    licenses = []
    for item, _line in _mapping_list(f, "licenses"):
        sub = Fields(item, shown, diags, ("state", "number", "expires"), "a license")
        state, number, expires = (
            sub.text("state", required=True),
            sub.text("number", required=True),
            sub.date("expires"),
        )
        if state and number:
            licenses.append(License(state, number, expires))
    boards = []
    for item, _line in _mapping_list(f, "board_certifications"):
        sub = Fields(item, shown, diags, ("board", "specialty", "expires"), "a board certification")
        board = sub.text("board", required=True)
        if board:
            boards.append(BoardCertification(board, sub.text("specialty"), sub.date("expires")))
    site = SiteSettings()
    raw_site = data.get("site")
    if isinstance(raw_site, LDict):
        sub = Fields(raw_site, shown, diags, ("title", "theme", "base_url"), "site settings")
        theme = sub.text("theme") or "default"
        if not re.fullmatch(r"[A-Za-z0-9_.-]+", theme) or theme.startswith("."):
            sub.error("theme", f"'theme' must be a folder name under themes/ (got {theme!r})")
        elif problem := missing_theme(path.parent.parent, theme):
            sub.error("theme", problem)
            theme = "default"
        base_url = raw_site.get("base_url")
        site = SiteSettings(
            title=sub.text("title") or "CME Portfolio",
            theme=theme,
            base_url=as_text(base_url) if isinstance(base_url, str) and base_url.strip() else "",
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
        default_credit_type=f.text("default_credit_type"),
        site=site,
    )
    # Returned even when some field was wrong (those errors are recorded), so that a bad NPI does not
    # cascade into "no credit type" errors on every activity that relies on default_credit_type.
    return profile
