"""Recorded-on dates: portfolio's one `git log` pass against one `git log --follow` per file, in the same run.

    python bench/bench_history.py [--activities 1000] [--commits 1000] [--repeat 1]

Generates a record with bench/gen.py under bench/out/history/, then builds a git history of ``--commits``
back-dated commits with `git fast-import` (one process): activities added a few per commit, one in ten
added as a draft and edited in a later commit, one in twenty-five added under an old name and renamed later.
Times, median of the repeats:

- portfolio: ``history.read`` — one ``git log --name-status`` over content/activities (and one ``git diff
  HEAD`` for the working files);
- baseline: ``git log --follow --format=%ad -- FILE`` for every activity file, what a script asking git about
  each file would run (its first line is the last change, its last line the first commit).

Both must agree on every date; the ratio portfolio / baseline is printed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))

import gen  # noqa: E402

from portfolio import history  # noqa: E402

ENV = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")} | {
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def make_history(root: Path, commits: int) -> tuple[list[str], int, dict[str, history.Dates]]:
    """A git repository at ``root`` whose history adds, edits and renames activities.

    Returns the activity ids, the number of renamed files, and the true dates of each (a rename alone is
    not a change).
    """
    content = root / "content"
    files = sorted((content / "activities").rglob("*.md"))
    ids = [p.relative_to(content / "activities").with_suffix("").as_posix() for p in files]
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True, env=ENV)
    start = dt.datetime(2010, 1, 1, 12, tzinfo=dt.UTC)
    # Spread the files over the commits; plan drafts (edited later) and old names (renamed later).
    plan: list[list[str]] = [[] for _ in range(commits)]
    drafts: set[int] = set()
    renamed: set[int] = set()
    for index in range(len(files)):
        at = index * commits // max(1, len(files))
        plan[at].append(f"add {index}")
        later = min(commits - 1, at + 7)
        if index % 10 == 3 and later > at:
            plan[later].append(f"edit {index}")
            drafts.add(index)
        elif index % 25 == 7 and later > at:
            plan[later].append(f"rename {index}")
            renamed.add(index)
    stream = bytearray()
    truth: dict[str, history.Dates] = {}

    def blob(data: bytes) -> None:
        stream.extend(b"data %d\n" % len(data) + data + b"\n")

    def path_of(index: int, old: bool = False) -> bytes:
        rel = files[index].relative_to(root).as_posix()
        return (
            rel.replace("content/activities/", "content/activities/old-names/") if old else rel
        ).encode()

    for number, steps in enumerate(plan):
        when = int((start + dt.timedelta(days=number * 2)).timestamp())
        stream.extend(b"commit refs/heads/main\n")
        stream.extend(b"committer Bench <bench@example.org> %d +0000\n" % when)
        blob(f"commit {number}".encode())
        if number == 0:  # the profile and requirements come first
            for name in ("portfolio.yaml", "requirements.yaml"):
                stream.extend(b"M 100644 inline content/" + name.encode() + b"\n")
                blob((content / name).read_bytes())
        for step in steps:
            kind, index_text = step.split()
            index = int(index_text)
            day = (start + dt.timedelta(days=number * 2)).date()
            if kind == "add":
                truth[ids[index]] = history.Dates(day, day)
            elif kind == "edit":
                truth[ids[index]] = history.Dates(truth[ids[index]].recorded_on, day)
            data = files[index].read_bytes()
            if kind == "add" and index in drafts:
                data = data.replace(b"\n---\n", b"\n---\nDraft.\n", 1)
            old = kind == "add" and index in renamed
            if kind == "rename":
                stream.extend(b'R "' + path_of(index, old=True) + b'" "' + path_of(index) + b'"\n')
                continue
            stream.extend(b'M 100644 inline "' + path_of(index, old=old) + b'"\n')
            blob(data)
    subprocess.run(
        ["git", "fast-import", "--quiet"], cwd=root, input=bytes(stream), check=True, env=ENV
    )
    subprocess.run(
        ["git", "reset", "-q"], cwd=root, check=True, env=ENV
    )  # index = HEAD; files on disk agree
    return ids, len(renamed), truth


def per_file(content: Path, ids: list[str]) -> dict[str, history.Dates]:
    """The baseline: one `git log --follow` process per activity file."""
    dates = {}
    for activity in ids:
        out = subprocess.run(
            [
                "git",
                "log",
                "--follow",
                "--format=%ad",
                "--date=short",
                "--",
                f"activities/{activity}.md",
            ],
            cwd=content,
            capture_output=True,
            text=True,
            check=True,
            env=ENV,
        ).stdout.split()
        if out:
            dates[activity] = history.Dates(
                dt.date.fromisoformat(out[-1]), dt.date.fromisoformat(out[0])
            )
    return dates


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activities", type=int, default=1000)
    parser.add_argument("--commits", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args(argv)
    root = HERE / "out" / "history" / f"{args.activities}x{args.commits}"
    if root.exists():
        shutil.rmtree(root)
    gen.generate(args.activities, root)
    ids, renames, truth = make_history(root, args.commits)
    content = root / "content"
    count = subprocess.run(
        ["git", "rev-list", "--count", "HEAD"], cwd=root, capture_output=True, text=True, env=ENV
    ).stdout.strip()
    ours, theirs = [], []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        found = history.read(content, ids)
        t1 = time.perf_counter()
        baseline = per_file(content, ids)
        t2 = time.perf_counter()
        ours.append(t1 - t0)
        theirs.append(t2 - t1)
    assert found is not None
    wrong = [i for i in ids if found.dates.get(i) != truth[i]]
    # --follow also lists a pure rename, and guesses renames one file at a time
    base_wrong = [
        i
        for i in ids
        if (baseline.get(i) or history.NOT_COMMITTED).recorded_on != truth[i].recorded_on
    ]
    mine, base = statistics.median(ours), statistics.median(theirs)
    print(f"{len(ids)} activities, {count} commits ({renames} renamed files, git {git_version()})")
    print(f"  portfolio, git log + git diff: {mine:7.3f} s  (fastest {min(ours):.3f} s)")
    print(f"  baseline, git log per file:   {base:8.3f} s  (fastest {min(theirs):.3f} s)")
    print(f"  ratio portfolio / baseline:   {mine / base:8.4f}  ({base / mine:.0f}× faster)")
    print(
        f"  activities whose dates differ from the history as written: portfolio {len(wrong)}, "
        f"baseline {len(base_wrong)} (recorded-on dates only)"
    )
    return 1 if wrong else 0


def git_version() -> str:
    return subprocess.run(["git", "--version"], capture_output=True, text=True).stdout.split()[-1]


if __name__ == "__main__":
    raise SystemExit(main())
