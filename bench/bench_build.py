"""Whole-process timings of `portfolio check` and `portfolio build --no-pdf`, against Pelican in the same run.

    python bench/bench_build.py [--sizes 1000,10000] [--repeat 3]

For each size: generate a record with bench/gen.py, write the same Markdown bodies as Pelican articles, then
time each command as a separate process (wall clock, median of the repeats, commands interleaved so that
machine drift hits all of them alike). Every output folder is deleted before each timed run: each run is a
fresh build (with --keep-output, runs after the first rebuild over the previous output). Pelican lives in its own venv under bench/out/ (created on first use, never a dependency of
portfolio). Prints a table of median seconds and the ratio to Pelican measured in this run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
import venv
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import gen  # noqa: E402  (bench/gen.py, beside this file)

AS_OF = gen.AS_OF.isoformat()
AIM_SIZE, AIM_RATIO = 1000, 0.35  # issue 2: 1,000 activities built in ≤ 0.35× of Pelican's time

PELICANCONF = """\
# What `pelican-quickstart` writes, minus feeds: the baseline a user of Pelican would get.
AUTHOR = "Bench"
SITENAME = "CME notes"
SITEURL = ""
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
LINKS = ()
SOCIAL = ()
DEFAULT_PAGINATION = 10
RELATIVE_URLS = True
"""


@dataclass
class Timing:
    size: int
    command: str
    seconds: list[float]
    failed: str = ""
    said: str = (
        ""  # the command's last line of output (portfolio's summary has the time of each stage)
    )

    @property
    def median(self) -> float:
        return statistics.median(self.seconds) if self.seconds else float("nan")


def pelican_executable(out: Path, given: str | None) -> Path:
    """The pelican command of a venv dedicated to this benchmark, created (pip install) on first use."""
    if given:
        return Path(given)
    env_dir = out / "pelican-venv"
    exe = env_dir / "bin" / "pelican"
    if not exe.exists():
        print(f"creating {env_dir} with pelican and markdown (once)…", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
        subprocess.run(
            [str(env_dir / "bin" / "python"), "-m", "pip", "install", "-q", "pelican", "markdown"],
            check=True,
        )
    return exe


def prepare(size: int, out: Path, seed: int) -> tuple[Path, Path]:
    """Generate the record and the Pelican project holding the same Markdown bodies."""
    record = out / "records" / str(size)
    pelican = out / "pelican" / str(size)
    for folder in (record, pelican):
        if folder.exists():
            shutil.rmtree(folder)
    written = gen.generate(size, record, seed)
    articles = pelican / "content"
    articles.mkdir(parents=True)
    (pelican / "pelicanconf.py").write_text(PELICANCONF, encoding="utf-8")
    for item in written:
        (articles / f"{item.slug}.md").write_text(
            f"Title: {item.title}\nDate: {item.date.isoformat()}\nSlug: {item.slug}\n\n{item.body}",
            encoding="utf-8",
        )
    return record, pelican


def run_once(
    argv: list[str], cwd: Path, env: dict[str, str], clean: Path | None
) -> tuple[float, str, str]:
    """Seconds of one whole process (output folder ``clean`` deleted first), error text, last output line."""
    if clean is not None and clean.exists():
        shutil.rmtree(clean)
    started = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        return seconds, f"exit {done.returncode}: {' | '.join(tail)}", ""
    lines = done.stdout.strip().splitlines()
    return seconds, "", lines[-1] if lines else ""


def bench_size(
    size: int, args: argparse.Namespace, pelican_exe: Path, env: dict[str, str]
) -> list[Timing]:
    started = time.perf_counter()
    record, pelican = prepare(size, args.out, args.seed)
    print(f"\n{size} activities: generated in {time.perf_counter() - started:.1f} s", flush=True)
    py = sys.executable
    commands = {
        "portfolio check": (
            [py, "-m", "portfolio", "--root", str(record), "check"],
            record,
            record / "_none",
        ),
        "portfolio build --no-pdf": (
            [py, "-m", "portfolio", "--root", str(record), "build", "--no-pdf", "--as-of", AS_OF],
            record,
            record / "site",
        ),
        "pelican (same bodies)": (
            [str(pelican_exe), "content", "-s", "pelicanconf.py", "-o", "out"],
            pelican,
            pelican / "out",
        ),
    }
    timings = {name: Timing(size, name, []) for name in commands}
    for repeat in range(args.repeat):
        for name, (argv, cwd, clean) in commands.items():
            if timings[name].failed:
                continue
            fresh = clean if not args.keep_output or repeat == 0 else None
            seconds, failed, said = run_once(argv, cwd, env, fresh)
            if failed:
                timings[name].failed = failed
                print(f"  {name}: FAILED {failed}", flush=True)
            else:
                timings[name].seconds.append(seconds)
                timings[name].said = said
                print(f"  run {repeat + 1}: {name} {seconds:.2f} s", flush=True)
    return list(timings.values())


# Modules a command must not import: the heavy ones belong to other commands (issue 2, item 7).
NOT_IMPORTED = {
    "check": ("weasyprint", "jinja2", "markdown", "nh3", "pygments", "pypdf", "icalendar"),
    "build --no-pdf": ("weasyprint", "pypdf"),
}


def import_check(record: Path, env: dict[str, str]) -> list[str]:
    """One line per command: the top-level packages it imported that it should not have."""
    report = []
    record = record.resolve()
    for command, forbidden in NOT_IMPORTED.items():
        argv = [sys.executable, "-X", "importtime", "-m", "portfolio", "--root", str(record)]
        argv += command.split() + (["--as-of", AS_OF] if command.startswith("build") else [])
        shutil.rmtree(record / "site", ignore_errors=True)
        done = subprocess.run(argv, cwd=record, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            report.append(
                f"portfolio {command}: failed (exit {done.returncode}), imports not checked"
            )
            continue
        imported = {
            line.rsplit("|", 1)[1].strip().split(".")[0]
            for line in done.stderr.splitlines()
            if line.startswith("import time:") and "|" in line
        }
        wrong = sorted(imported & set(forbidden))
        verdict = f"imports {', '.join(wrong)} — should be lazy" if wrong else "imports none of"
        report.append(f"portfolio {command}: {verdict} ({', '.join(forbidden)})")
    return report


def table(timings: list[Timing]) -> str:
    rows = [("activities", "command", "median s", "× Pelican", "min s", "runs")]
    for size in sorted({t.size for t in timings}):
        group = [t for t in timings if t.size == size]
        baseline = next((t.median for t in group if t.command.startswith("pelican")), float("nan"))
        for t in group:
            if t.failed:
                rows.append((f"{size:,}", t.command, "failed", "", "", t.failed[:60]))
                continue
            ratio = t.median / baseline if baseline == baseline else float("nan")
            runs = " ".join(f"{s:.2f}" for s in t.seconds)
            rows.append(
                (
                    f"{size:,}",
                    t.command,
                    f"{t.median:.2f}",
                    f"{ratio:.2f}",
                    f"{min(t.seconds):.2f}",
                    runs,
                )
            )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def verdict(timings: list[Timing]) -> str:
    group = {t.command: t for t in timings if t.size == AIM_SIZE}
    build, pelican = group.get("portfolio build --no-pdf"), group.get("pelican (same bodies)")
    aim = f"Aim: {AIM_SIZE:,} activities built in ≤ {AIM_RATIO}× of Pelican's time"
    if not build or not pelican or build.failed or pelican.failed:
        return (
            f"{aim} — not measured in this run (needs size {AIM_SIZE} and both commands passing)."
        )
    ratio = build.median / pelican.median
    met = "met" if ratio <= AIM_RATIO else "NOT met"
    return f"{aim} — {ratio:.2f}× ({build.median:.2f} s vs {pelican.median:.2f} s): {met}."


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated activity counts")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per command (median)")
    parser.add_argument("--seed", type=int, default=gen.DEFAULT_SEED)
    parser.add_argument(
        "--out",
        type=Path,
        default=HERE / "out",
        help="work folder (default: bench/out, git-ignored)",
    )
    parser.add_argument(
        "--src",
        type=Path,
        default=REPO,
        help="the portfolio source tree to time (default: this checkout)",
    )
    parser.add_argument(
        "--pelican", help="an existing pelican executable (default: bench/out venv)"
    )
    parser.add_argument(
        "--keep-output",
        action="store_true",
        help="rebuilds: keep each output folder after the first run (default: every run builds afresh)",
    )
    args = parser.parse_args(argv)
    args.out = args.out.resolve()
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    args.out.mkdir(parents=True, exist_ok=True)
    pelican_exe = pelican_executable(args.out, args.pelican)
    env = {**os.environ, "PYTHONPATH": str(args.src.resolve())}
    env.pop("SOURCE_DATE_EPOCH", None)
    version = subprocess.run(
        [str(pelican_exe), "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()
    print(f"python {sys.version.split()[0]}, pelican {version}, portfolio from {args.src}")

    timings: list[Timing] = []
    for size in sizes:
        timings.extend(bench_size(size, args, pelican_exe, env))
    print()
    print("\n".join(import_check(args.out / "records" / str(sizes[0]), env)))
    print()
    print(table(timings))
    print()
    for t in timings:
        if t.command.startswith("portfolio build") and t.said:
            print(f"{t.size:,}: {t.said}")
    print()
    print(verdict(timings))
    results = args.out / "bench-results.json"
    results.write_text(
        json.dumps([{**asdict(t), "median": t.median} for t in timings], indent=2) + "\n",
        encoding="utf-8",
    )
    print(f"(raw timings in {results})")
    return 1 if any(t.failed for t in timings) else 0


if __name__ == "__main__":
    raise SystemExit(main())
