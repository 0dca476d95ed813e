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

from pathlib import Path

from portfolio.errors import Diagnostics, RecordError
from portfolio.model import Activity, Record
from portfolio.records.activity import _CertificateStore, load_activity
from portfolio.records.advisories import advisories
from portfolio.records.profile import load_profile
from portfolio.records.requirements_file import check_credit_types, load_requirements

__all__ = ["advisories", "load"]


def load(root: Path) -> tuple[Record, Diagnostics]:
    """Load and validate content/ under ``root``; raise RecordError with every error found.

    Returns the record and the diagnostics (warnings only, since errors raise).
    """
    diags = Diagnostics()
    content = root / "content"
    if not content.is_dir():
        raise RecordError.single(
            "content",
            0,
            f"no content/ folder in {root}; run 'portfolio init' there, or pass --root to the record's folder",
        )
    profile = load_profile(content / "portfolio.yaml", "content/portfolio.yaml", diags)
    requirements = load_requirements(
        content / "requirements.yaml", "content/requirements.yaml", diags, profile
    )
    store = _CertificateStore(content)
    activities: list[Activity] = []
    default_type = profile.default_credit_type if profile else None
    activities_dir = content / "activities"
    # Thousands of files: sort on the parts tuple (the order Path comparison gives, without its per-comparison
    # cost) and take the relative path by slicing parts rather than Path.relative_to.
    found = activities_dir.rglob("*.md") if activities_dir.is_dir() else ()
    skip = len(activities_dir.parts)
    for path in sorted(found, key=lambda p: p.parts):
        relative = path.parts[skip:]
        if any(part.startswith(".") for part in relative) or not path.is_file():
            continue
        posix = "/".join(relative)
        activity_id = posix[: -len(".md")]  # the glob matched "*.md": the suffix is exactly ".md"
        shown = f"content/activities/{posix}"
        activity = load_activity(path, activity_id, shown, default_type, store, diags)
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
    diags.raise_if_errors()
    assert profile is not None
    activities.sort(key=lambda a: (a.date, a.id))
    return Record(root, profile, tuple(activities), requirements, cert_files), diags
