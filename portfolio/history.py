"""When each activity entered the record: "recorded on" and "last changed" dates from git, in one pass.

A git history is evidence that a log was kept at the time. One ``git log`` over ``content/activities`` (not a
process per file) gives, for every activity file, the commit that first added it — following renames — and
the last commit that changed it. Dates are the commits' author dates as git stores them (the day in the
author's time zone), so a rebuild of the same commits gives the same bytes. No git, or a record outside any
repository: there is no history, and every output leaves the dates out without a word.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from portfolio.model import Activity

LATE_DAYS = 90  # recorded more than this many days after the activity: flagged on the transcript

# Environment variables that would point git at another repository or index than the record's own
# (a pre-commit hook sets some of them).
_GIT_LOCATORS = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_PREFIX")


@dataclass(frozen=True)
class Dates:
    """When one activity file was first committed and last changed; both None: not yet committed.

    ``edited``: the file has changes that are not committed yet (``changed_on`` is the last commit's day).
    """

    recorded_on: dt.date | None
    changed_on: dt.date | None
    edited: bool = False

    @property
    def committed(self) -> bool:
        return self.recorded_on is not None


NOT_COMMITTED = Dates(None, None)


@dataclass(frozen=True)
class Late:
    activity: Activity
    recorded_on: dt.date
    days: int  # from the activity's completion to its first commit


@dataclass(frozen=True)
class History:
    """Dates of the activity files under content/activities, by activity id."""

    dates: dict[str, Dates]
    late_days: ClassVar[int] = LATE_DAYS

    def of(self, activity: Activity) -> Dates:
        return self.dates.get(activity.id, NOT_COMMITTED)

    def late(self, activities: Iterable[Activity]) -> list[Late]:
        """Activities first committed more than LATE_DAYS days after they were completed, in order."""
        found = []
        for a in activities:
            recorded = self.of(a).recorded_on
            if recorded is not None and (recorded - a.completed).days > LATE_DAYS:
                found.append(Late(a, recorded, (recorded - a.completed).days))
        return found


def with_history(ev: Any) -> Any:
    """The evaluation ``ev`` with the history of its record's activities (None without git)."""
    record = ev.record
    found = read(record.root / "content", [a.id for a in record.activities])
    return dataclasses.replace(ev, history=found)


def late_days(history: History | None, activity: Activity) -> tuple[dt.date, int] | None:
    """(first committed, days after the activity) for an entry logged more than LATE_DAYS late, else None."""
    if history is None:
        return None
    recorded = history.of(activity).recorded_on
    if recorded is None or (recorded - activity.completed).days <= LATE_DAYS:
        return None
    return recorded, (recorded - activity.completed).days


def git(content: Path, *args: str) -> subprocess.CompletedProcess[bytes] | None:
    """Run a read-only git command in ``content``; None when git is not installed."""
    env = {k: v for k, v in os.environ.items() if k not in _GIT_LOCATORS}
    env.update(LC_ALL="C", GIT_OPTIONAL_LOCKS="0", GIT_TERMINAL_PROMPT="0")
    try:
        return subprocess.run(
            ["git", "-c", "core.quotePath=off", "-c", "log.showSignature=false", *args],
            cwd=content,
            env=env,
            capture_output=True,
            check=False,
        )
    except OSError:  # git is not installed (or cannot run): no history, quietly
        return None


def log_command() -> list[str]:
    """The one ``git log`` that history reads (run in content/): every commit touching activities/."""
    return [
        "log",
        "-z",
        "--topo-order",  # a file's rename is always seen before the commit that added it
        "--no-merges",
        "--format=%x1e%ad",
        "--date=short",
        "--name-status",
        "-M",
        "--no-ext-diff",
        "--no-textconv",
        "--relative",
        "--",
        "activities",
    ]


def pending_command() -> list[str]:
    """What the working files change against the last commit (run in content/): edits and moves."""
    return [
        "diff",
        "HEAD",
        "-z",
        "--name-status",
        "-M",
        "--no-ext-diff",
        "--relative",
        "--",
        "activities",
    ]


def read(content: Path, ids: Iterable[str]) -> History | None:
    """History of the activities ``ids`` (paths below activities/ without '.md'), or None without git.

    Two git processes for the whole record, whatever its size: the log, and the uncommitted changes.
    """
    if not content.is_dir():
        return None
    done = git(content, *log_command())
    if done is None:
        return None
    if done.returncode != 0:
        if b"does not have any commits" in done.stderr:  # a fresh `git init`: nothing committed yet
            return History({})
        return None  # not a repository (or one git refuses to read): no history
    pending = git(content, *pending_command())
    uncommitted = (
        pending.stdout.decode("utf-8", "replace") if pending and pending.returncode == 0 else ""
    )
    return History(parse(done.stdout.decode("utf-8", "replace"), ids, uncommitted))


def _changes(fields: list[str]) -> Iterator[tuple[str, str, str]]:
    """(status, old path, path) from ``-z --name-status`` fields; old path is '' unless renamed or copied."""
    tokens = iter(f.strip("\n") for f in fields)
    for status in tokens:
        if not status:
            continue
        if status[0] in "RC":
            old, new = next(tokens, ""), next(tokens, "")
            yield status, old, new
        else:
            yield status, "", next(tokens, "")


def parse(output: str, ids: Iterable[str], uncommitted: str = "") -> dict[str, Dates]:
    """Dates per activity id from ``git log -z --name-status`` output, newest commit first.

    ``uncommitted`` is ``git diff HEAD -z --name-status`` output: the working files' changes, newer than
    every commit (an edited file is marked; a moved file is followed to its committed name).
    """
    # Follow each current file back through its renames: tracked maps a path at the commit being read
    # (walking back in time) to the activity id it is today.
    tracked = {f"activities/{i}.md": i for i in ids}
    edited: set[str] = set()
    for status, old, path in _changes(uncommitted.split("\0")):
        activity = tracked.get(path)
        if activity is None:
            continue
        if status[0] in "MT" or (status[0] == "R" and status != "R100"):
            edited.add(activity)
        if status[0] == "R":
            tracked[old] = tracked.pop(path)
        elif status[0] in "AC":  # new in the index: whatever had this name before was another file
            del tracked[path]
    recorded: dict[str, dt.date] = {}
    changed: dict[str, dt.date] = {}
    for chunk in output.split("\x1e"):
        if not chunk:
            continue
        fields = chunk.split("\0")
        day = dt.date.fromisoformat(fields[0].strip())
        for status, old, path in _changes(fields[1:]):
            activity = tracked.get(path)
            if activity is None:
                continue
            if status[0] in "AMT" or (status[0] in "RC" and status[1:] != "100"):
                changed.setdefault(activity, day)
            if status[0] == "R":
                tracked[old] = tracked.pop(path)
            elif (
                status[0] in "AC"
            ):  # where the file began; older commits with this name were another file
                recorded[activity] = day
                changed.setdefault(activity, day)
                del tracked[path]
    return {i: Dates(recorded[i], changed.get(i, recorded[i]), i in edited) for i in recorded}
