"""Load stage: content/ on disk → a validated, immutable Record, or every mistake at once.

Each file is read once. Every error carries the file and the line of the offending key.

- ``fields``: typed access to one YAML mapping (Fields) and the value converters every file shares.
- ``activity``: one activity file → an Activity; certificate paths resolved inside content/.
- ``profile``: content/portfolio.yaml → the Profile.
- ``requirements_file``: content/requirements.yaml → the Requirements.
- ``advisories``: warnings that depend on the as-of date, run after loading by the commands that show them.
- here, ``load(root)``: the whole record, raising RecordError with every error found.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from portfolio.certificates import Inspections
from portfolio.errors import Diagnostic, Diagnostics, RecordError
from portfolio.gctune import fewer_collections
from portfolio.model import Activity, Record
from portfolio.records.activity import _CertificateStore, load_activity
from portfolio.records.advisories import advisories, suggestions
from portfolio.records.profile import load_profile
from portfolio.records.requirements_file import check_credit_types, load_requirements
from portfolio.source_cache import ParsedCache

__all__ = ["advisories", "all_warnings", "load", "suggestions"]


def load(
    root: Path, inspections: Inspections | None = None, parsed: ParsedCache | None = None
) -> tuple[Record, Diagnostics]:
    """Load and validate content/ under ``root``; raise RecordError with every error found.

    Returns the record and the diagnostics (warnings only, since errors raise). ``inspections`` holds the
    verdicts on certificate files (default: those cached in ``root/site``); the caller decides whether to
    save what it learned (`check` does, into site/; a build writes it into the new site). ``parsed``: the
    front matter of activity files an earlier build parsed (portfolio.source_cache).
    """
    # Thousands of small objects that live to the end: the collector would rescan them over and over.
    with fewer_collections():
        return _load(root, inspections, parsed)


def _load(
    root: Path, inspections: Inspections | None, parsed: ParsedCache | None
) -> tuple[Record, Diagnostics]:
    diags = Diagnostics()
    content = root / "content"
    if not content.is_dir():
        raise RecordError.single(
            "content",
            0,
            f"no content/ folder in {root}; run 'portfolio init' there, or pass --root to the record's folder",
        )
    inside = content.resolve()
    profile = load_profile(
        _contained(content / "portfolio.yaml", inside, "content/portfolio.yaml", diags),
        "content/portfolio.yaml",
        diags,
        root,
    )
    requirements = load_requirements(
        _contained(content / "requirements.yaml", inside, "content/requirements.yaml", diags),
        "content/requirements.yaml",
        diags,
        profile,
    )
    if inspections is None:
        inspections = Inspections(root / "site")
    store = _CertificateStore(content, inspections)
    activities: list[Activity] = []
    default_type = profile.default_credit_type if profile else None
    activities_dir = content / "activities"
    if _contained(activities_dir, inside, "content/activities", diags) != activities_dir:
        activities_dir = content / ".no-activities"  # a link out of content/: reported, not read
    for relative, where, link in _markdown_files(activities_dir):
        posix = "/".join(relative)
        shown = f"content/activities/{posix}"
        if not _utf8(posix):
            diags.error(_printable(shown), 0, _NOT_UTF8)
            continue
        path: Path | str = where
        if link:
            path = _contained(Path(where), inside, shown, diags)
            if not path.is_file():
                continue
        activity_id = posix[: -len(".md")]  # the glob matched "*.md": the suffix is exactly ".md"
        activity = load_activity(path, activity_id, shown, default_type, store, diags, parsed)
        if activity is not None:
            activities.append(activity)
    check_credit_types(requirements, activities, default_type, "content/requirements.yaml", diags)
    cert_dir = content / "certificates"
    cert_files = tuple(
        sorted(
            p.relative_to(content).as_posix()
            for p in (cert_dir.rglob("*") if cert_dir.is_dir() else [])
            if p.is_file()
            and not any(part.startswith(".") for part in p.relative_to(content).parts)
        )
    )
    for path in cert_files:
        if not _utf8(path):
            diags.error(_printable(f"content/{path}"), 0, _NOT_UTF8)
    _refuse_copies(activities, diags)
    diags.raise_if_errors()
    assert profile is not None
    activities.sort(key=lambda a: (a.date, a.id))
    return Record(root, profile, tuple(activities), requirements, cert_files), diags


def _markdown_files(folder: Path) -> list[tuple[tuple[str, ...], str, bool]]:
    """Every ``*.md`` file under ``folder`` but those in (or named as) dot folders and files, as the parts of
    its path below ``folder``, its path, and whether it is a link (to a file); in the order of the parts.
    Like ``Path.rglob``, folders reached through a link are not entered. Thousands of files: the file type
    comes with each folder's listing (os.scandir), without a stat of its own, and no Path is made."""
    found = []
    todo: list[tuple[str, tuple[str, ...]]] = [(str(folder), ())]
    while todo:
        where, parts = todo.pop()
        try:
            with os.scandir(where) as entries:
                listed = list(entries)
        except OSError:
            continue
        for entry in listed:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    todo.append((entry.path, (*parts, name)))
                # A link's target is looked at (is_file follows it): a link to a folder is skipped.
                elif name.endswith(".md") and entry.is_file():
                    found.append(((*parts, name), entry.path, entry.is_symlink()))
            except OSError:
                continue
    found.sort()
    return found


def all_warnings(record: Record, diags: Diagnostics, as_of: dt.date) -> list[Diagnostic]:
    """Every warning about the record as of a date: what `check` lists and `build`/`pdf` count."""
    found = Diagnostics(list(diags.warnings))
    for path, line, message in advisories(record, as_of):
        found.warning(path, line, message)
    return found.warnings


def _contained(path: Path, inside: Path, shown: str, diags: Diagnostics) -> Path:
    """``path`` itself, or where its link leads when that stays inside content/; else an error and a path that
    does not exist (so the caller reads nothing). A link out would publish any file the user can read."""
    if not path.is_symlink() and path.parent.resolve() == inside:
        return path
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return path  # missing: the caller says so in its own words
    if real.is_relative_to(inside):
        return real
    diags.error(
        shown,
        0,
        "is a link to a file outside content/; the build reads only files inside content/"
        " (copy the file in instead of linking it)",
    )
    return inside / ".outside-content"


_NOT_UTF8 = (
    "the file name is not UTF-8 text (shown with \N{REPLACEMENT CHARACTER}); rename the file"
)


def _utf8(name: str) -> bool:
    """False for a name the file system gave as undecodable bytes (Python keeps them as surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _printable(name: str) -> str:
    return os.fsencode(name).decode("utf-8", "replace")


def _refuse_copies(activities: list[Activity], diags: Diagnostics) -> None:
    """Two files with the same title, date and provider are one activity counted twice: an error."""
    first: dict[tuple[str, object, str], Activity] = {}
    for activity in activities:  # in path order: the error is on the later file
        key = (_same(activity.title), activity.date, _same(activity.provider))
        earlier = first.setdefault(key, activity)
        if earlier is not activity:
            diags.error(
                activity.source,
                activity.line("title"),
                f"same title, date and provider as {earlier.source}: a copied file counts twice;"
                " delete one, or if these are two real occurrences give them different titles"
                " (such as 'session 2')",
            )


def _same(text: str) -> str:
    return " ".join(text.casefold().split())
