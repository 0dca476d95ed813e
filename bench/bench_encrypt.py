"""Encrypted build against the plain build of the same record, timed in the same run (issue 8, item 5).

    python bench/bench_encrypt.py [N] [--repeat R] [--pdf]

``bench/gen.py`` writes an N-activity record (default 1,000) into a temporary folder. Then, as separate
processes, interleaved R times (default 5), each into a freshly deleted output folder:

- plain:     ``python -m portfolio --root DIR build --no-pdf --as-of 2026-11-25``
- encrypted: the same with ``--encrypt`` (passphrase from PORTFOLIO_PASSPHRASE)

``--pdf`` builds the PDF transcript too (it then dominates both builds; without it the encryption's share is
the largest, so the default is the strict case). The ratio uses CPU seconds (user + system of the build and
its worker processes, from ``getrusage``): on a machine shared with other work, wall time mostly measures the
neighbours. Prints median CPU and wall seconds of each, the ratio encrypted / plain of the CPU medians, the
median "encrypt" stage of the encrypted builds' own summary lines, and whether the aim is met: an encrypted
build takes at most 1.3× the plain build.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import gen  # noqa: E402  (bench/gen.py, beside this file)

AIM = 1.3
PASSPHRASE = "bench passphrase, long enough to pass"


def run(argv: list[str], env: dict[str, str], out: Path) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds (the process and its workers) and the last line it printed."""
    if out.exists():
        shutil.rmtree(out)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed:\n{done.stderr}")
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return seconds, cpu, done.stdout.strip().splitlines()[-1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("size", nargs="?", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pdf", action="store_true", help="build the PDF transcript too")
    args = parser.parse_args(argv)
    env = {**os.environ, "PORTFOLIO_PASSPHRASE": PASSPHRASE}
    env.pop("SOURCE_DATE_EPOCH", None)
    with tempfile.TemporaryDirectory(prefix="bench-encrypt-") as tmp:
        root = Path(tmp)
        gen.generate(args.size, root)
        out = root / "site"
        base = [sys.executable, "-m", "portfolio", "--root", str(root), "build"]
        base += ["--as-of", gen.AS_OF.isoformat(), "--out", str(out)]
        if not args.pdf:
            base.append("--no-pdf")
        commands = {"plain": base, "encrypted": [*base, "--encrypt"]}
        wall: dict[str, list[float]] = {name: [] for name in commands}
        cpu: dict[str, list[float]] = {name: [] for name in commands}
        stage: list[float] = []
        said = ""
        for repeat in range(args.repeat):
            for name, command in commands.items():
                seconds, used, line = run(command, env, out)
                wall[name].append(seconds)
                cpu[name].append(used)
                if name == "encrypted":
                    said = line
                    stage.append(float(re.search(r"encrypt (\d+\.\d+) s", line)[1]))
                print(
                    f"  run {repeat + 1}: {name} {seconds:.2f} s wall, {used:.2f} s CPU", flush=True
                )
    med = {name: statistics.median(values) for name, values in cpu.items()}
    ratio = med["encrypted"] / med["plain"]
    pdf = "with PDF" if args.pdf else "--no-pdf"
    print(f"\n{args.size} activities, {pdf}, {args.repeat} runs each (median seconds):")
    for name in commands:
        print(
            f"  {name:<10} CPU {med[name]:.2f}  wall {statistics.median(wall[name]):.2f}"
            f"  (fastest wall {min(wall[name]):.2f})"
        )
    print(f"  encrypt stage (median): {statistics.median(stage):.2f} s")
    print(f"  last encrypted build: {said}")
    verdict = "met" if ratio <= AIM else "NOT met"
    print(f"  ratio encrypted / plain (CPU): {ratio:.2f}× (aim ≤ {AIM}×: {verdict})")
    return 0 if ratio <= AIM else 1


if __name__ == "__main__":
    raise SystemExit(main())
