"""Whole-process timings of `portfolio check` and `portfolio build`, against Pelican in the same run.

    python bench/bench_build.py [--sizes 1000,10000] [--repeat 3] [--pdf-sizes 1000,10000]

For each size: generate a record with bench/gen.py, write the same Markdown bodies as Pelican articles, then
time each command as a separate process (wall clock, median of the repeats, commands interleaved so that
machine drift hits all of them alike). Every output folder is deleted before each timed run: each run is a
fresh build (with --keep-output, runs after the first rebuild over the previous output), except the two
rebuilds timed right after each fresh build: with no input changed, and after one activity's note was edited.
Each process runs under a small wrapper that reports its peak resident memory (``getrusage(RUSAGE_CHILDREN)``:
the largest process among the command and its workers). Pelican lives in its own venv under bench/out/
(created on first use, never a dependency of portfolio). Prints a table of median seconds, the ratio to
Pelican's fresh build measured in this run, and the issue's aims met or not.
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
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import gen  # noqa: E402  (bench/gen.py, beside this file)

AS_OF = gen.AS_OF.isoformat()
AIM_SIZE, AIM_RATIO = 1000, 0.35  # issue 2: 1,000 activities built in ≤ 0.35× of Pelican's time
COLD = "portfolio build --no-pdf"
NO_CHANGE = "portfolio build --no-pdf, no change"
ONE_EDIT = "portfolio build --no-pdf, one note edited"
WITH_PDF = "portfolio build (with PDF)"
PELICAN = "pelican (same bodies)"
RACY = 3.5  # seconds: portfolio hashes the bytes of files changed more recently (portfolio/freshness.py)

# Runs the command given after it; prints "<seconds> <peak RSS in KiB>" as its last line on stderr.
WRAPPER = (
    "import resource, subprocess, sys, time\n"
    "t = time.perf_counter()\n"
    "code = subprocess.run(sys.argv[1:]).returncode\n"
    "t = time.perf_counter() - t\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "print(f'{t:.6f} {peak}', file=sys.stderr)\n"
    "sys.exit(code)\n"
)

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
    peak_kib: list[int] = field(default_factory=list)
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
) -> tuple[float, int, str, str]:
    """Seconds and peak RSS (KiB) of one whole process (output folder ``clean`` deleted first), error
    text, last output line."""
    if clean is not None and clean.exists():
        shutil.rmtree(clean)
    done = subprocess.run(
        [sys.executable, "-c", WRAPPER, *argv], cwd=cwd, env=env, capture_output=True, text=True
    )
    err = done.stderr.strip().splitlines()
    seconds, peak = (float(err[-1].split()[0]), int(err[-1].split()[1])) if err else (0.0, 0)
    if done.returncode != 0:
        tail = (err[:-1] or done.stdout.strip().splitlines())[-3:]
        return seconds, peak, f"exit {done.returncode}: {' | '.join(tail)}", ""
    lines = done.stdout.strip().splitlines()
    return seconds, peak, "", lines[-1] if lines else ""


def edit_one_note(record: Path, repeat: int) -> None:
    """Change one activity's note (its body), as a physician correcting a typo would."""
    first = min((record / "content").rglob("*.md"))
    text = first.read_text(encoding="utf-8").rstrip("\n")
    first.write_text(text + f"\n\nEdited {repeat + 1}.\n", encoding="utf-8")


def bench_size(
    size: int, args: argparse.Namespace, pelican_exe: Path, env: dict[str, str]
) -> list[Timing]:
    started = time.perf_counter()
    record, pelican = prepare(size, args.out, args.seed)
    print(f"\n{size} activities: generated in {time.perf_counter() - started:.1f} s", flush=True)
    py = sys.executable
    build = [py, "-m", "portfolio", "--root", str(record), "build", "--as-of", AS_OF]
    time.sleep(RACY)  # the files just written are older than portfolio's racy window
    commands = {
        "portfolio check": (
            [py, "-m", "portfolio", "--root", str(record), "check"],
            record,
            record / "_none",
        ),
        COLD: ([*build, "--no-pdf"], record, record / "site"),
        NO_CHANGE: ([*build, "--no-pdf"], record, None),
        ONE_EDIT: ([*build, "--no-pdf"], record, None),
        **({WITH_PDF: (build, record, record / "site")} if size in args.pdf_sizes else {}),
        PELICAN: (
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
            if name == ONE_EDIT:
                edit_one_note(record, repeat)
            seconds, peak, failed, said = run_once(argv, cwd, env, fresh)
            if name == ONE_EDIT:
                time.sleep(
                    RACY
                )  # so the next fresh build starts past the racy window, as a user's would
            if failed:
                timings[name].failed = failed
                print(f"  {name}: FAILED {failed}", flush=True)
            else:
                timings[name].seconds.append(seconds)
                timings[name].peak_kib.append(peak)
                timings[name].said = said
                print(
                    f"  run {repeat + 1}: {name} {seconds:.2f} s, {peak / 1024:.0f} MB", flush=True
                )
    return list(timings.values())


# Modules a command must not import: the heavy ones belong to other commands (issue 2, item 7).
# Run with no site/ (so no certificate verdicts cached): pypdf is allowed, since check and build read each PDF
# certificate's structure once (issue 12, item 4), then keep the verdict by SHA-256 in site/.
NOT_IMPORTED = {
    "check": ("weasyprint", "jinja2", "markdown", "nh3", "pygments", "icalendar"),
    "build --no-pdf": ("weasyprint",),
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
    rows = [("activities", "command", "median s", "× Pelican", "min s", "peak MB", "runs")]
    for size in sorted({t.size for t in timings}):
        group = [t for t in timings if t.size == size]
        baseline = next((t.median for t in group if t.command.startswith("pelican")), float("nan"))
        for t in group:
            if t.failed:
                rows.append((f"{size:,}", t.command, "failed", "", "", "", t.failed[:60]))
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
                    f"{max(t.peak_kib) / 1024:.0f}",
                    runs,
                )
            )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def aims(timings: list[Timing]) -> list[str]:
    """Issue 12's scale aims, each met or not (or not measured) in this run."""
    by = {(t.size, t.command): t for t in timings if not t.failed and t.seconds}
    lines = []

    def ratio(size: int, command: str, most: float, words: str) -> None:
        ours, pelican = by.get((size, command)), by.get((size, PELICAN))
        aim = f"{words}: ≤ {most}× Pelican's fresh build at {size:,}"
        if ours and pelican:
            r = ours.median / pelican.median
            met = "met" if r <= most else "NOT met"
            lines.append(f"{aim} — {r:.3f}× ({ours.median:.2f} s vs {pelican.median:.2f} s): {met}")
        else:
            lines.append(f"{aim} — not measured in this run")

    def seconds(size: int, command: str, most: float, words: str) -> None:
        ours = by.get((size, command))
        aim = f"{words}: ≤ {most:g} s at {size:,}"
        if ours:
            met = "met" if ours.median <= most else "NOT met"
            lines.append(f"{aim} — {ours.median:.2f} s: {met}")
        else:
            lines.append(f"{aim} — not measured in this run")

    ratio(1000, NO_CHANGE, 0.10, "No-change rebuild")
    seconds(10000, NO_CHANGE, 1.0, "No-change rebuild")
    ratio(1000, ONE_EDIT, 0.15, "One-edit rebuild")
    seconds(10000, ONE_EDIT, 3.0, "One-edit rebuild")
    pdf = by.get((10000, WITH_PDF))
    if pdf:
        peak = max(pdf.peak_kib) / 1024
        met = "met" if peak <= 1024 else "NOT met"
        lines.append(f"Build with PDF at 10,000: peak RSS ≤ 1,024 MB — {peak:.0f} MB: {met}")
    else:
        lines.append(
            "Build with PDF at 10,000: peak RSS ≤ 1,024 MB — not measured (--pdf-sizes 10000)"
        )
    small, aim = by.get((1000, WITH_PDF)), "PDF stage at 10,000 ≤ 12× its time at 1,000"
    if pdf and small and pdf_stage(pdf.said) and pdf_stage(small.said):
        ratio = pdf_stage(pdf.said) / pdf_stage(small.said)
        met = "met" if ratio <= 12 else "NOT met"
        lines.append(
            f"{aim} — {ratio:.1f}× ({pdf_stage(pdf.said):.1f} s vs {pdf_stage(small.said):.1f} s, "
            f"last runs; whole builds {pdf.median / small.median:.1f}×): {met}"
        )
    else:
        lines.append(f"{aim} — not measured (--pdf-sizes 1000,10000)")
    return lines


def pdf_stage(said: str) -> float:
    """The PDF stage's seconds in portfolio's summary line ('… pdf 12.34 s …'), 0 when absent."""
    import re

    found = re.search(r"\bpdf (\d+(?:\.\d+)?) s", said)
    return float(found.group(1)) if found else 0.0


def machine() -> str:
    import platform

    cpu = (
        next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")
            ),
            platform.processor() or "unknown CPU",
        )
        if Path("/proc/cpuinfo").exists()
        else platform.processor()
    )
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"{platform.system()} {platform.release()}, {cpu}, {cores} cores, Python {sys.version.split()[0]}"


def verdict(timings: list[Timing]) -> str:
    group = {t.command: t for t in timings if t.size == AIM_SIZE}
    build, pelican = group.get(COLD), group.get(PELICAN)
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
        "--pdf-sizes",
        default="",
        help="sizes also built with the PDF transcript, once per repeat (slow: 10,000 takes minutes)",
    )
    parser.add_argument(
        "--keep-output",
        action="store_true",
        help="rebuilds: keep each output folder after the first run (default: every run builds afresh)",
    )
    args = parser.parse_args(argv)
    args.out = args.out.resolve()
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    args.pdf_sizes = {int(s.replace("_", "")) for s in args.pdf_sizes.split(",") if s.strip()}
    args.out.mkdir(parents=True, exist_ok=True)
    pelican_exe = pelican_executable(args.out, args.pelican)
    env = {**os.environ, "PYTHONPATH": str(args.src.resolve())}
    env.pop("SOURCE_DATE_EPOCH", None)
    # As on a user's machine: Python keeps compiled modules (__pycache__, ignored by git). With
    # PYTHONDONTWRITEBYTECODE set (some sandboxes do), every run of portfolio would compile its own modules
    # from source, while Pelican's were compiled when pip installed them.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    version = subprocess.run(
        [str(pelican_exe), "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()
    print(f"python {sys.version.split()[0]}, pelican {version}, portfolio from {args.src}")
    print(f"machine: {machine()}")

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
    print("\n".join(aims(timings)))
    report = args.out / "bench-table.md"
    report.write_text(
        f"Machine: {machine()}; pelican {version}; "
        f"{time.strftime('%Y-%m-%d', time.gmtime())}; `python bench/bench_build.py "
        f"{' '.join(argv if argv is not None else sys.argv[1:])}`\n\n```\n{table(timings)}\n```\n\n"
        + "\n".join(f"- {line}" for line in [verdict(timings), *aims(timings)])
        + "\n",
        encoding="utf-8",
    )
    print(f"(this table as Markdown in {report})")
    results = args.out / "bench-results.json"
    results.write_text(
        json.dumps([{**asdict(t), "median": t.median} for t in timings], indent=2) + "\n",
        encoding="utf-8",
    )
    print(f"(raw timings in {results})")
    return 1 if any(t.failed for t in timings) else 0


if __name__ == "__main__":
    raise SystemExit(main())
