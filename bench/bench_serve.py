"""What `portfolio serve` does after each save: a warm rebuild (one process, modules loaded) after one edit.

    python bench/bench_serve.py [--sizes 1000,10000] [--repeat 5]

For each size: generate a record (bench/gen.py), build it once in this process as `serve` does at start
(`site.build(..., pdf=False, keep_pdf=True, reuse=True)`), then `--repeat` times edit one activity's note (a
body-only edit) and rebuild, then the same with a credit edit (which changes the whole-record pages and
exports too). Prints the median seconds of each and its ratio to the first (cold) build measured in the same
run. Issue 12 asks a warm `serve` to show a body-only edit "in well under a second".
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import gen  # noqa: E402

from portfolio import site  # noqa: E402


def _edit_note(path: Path, n: int) -> None:
    path.write_text(
        path.read_text(encoding="utf-8").rstrip("\n") + f"\n\nEdited {n}.\n", encoding="utf-8"
    )


def _edit_credits(path: Path, n: int) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    for i, line in enumerate(lines):
        if line.startswith("credits: "):
            lines[i] = f"credits: {1 + n % 5}.25"
            break
    else:
        raise SystemExit(f"{path}: no 'credits:' line to edit")
    path.write_text("\n".join(lines), encoding="utf-8")


def _build(root: Path) -> tuple[float, str]:
    started = time.perf_counter()
    result = site.build(root, None, gen.AS_OF, pdf=False, keep_pdf=True, reuse=True)
    return time.perf_counter() - started, result.summary()


def bench(size: int, repeat: int, out: Path) -> list[str]:
    root = out / f"serve-{size}"
    shutil.rmtree(root, ignore_errors=True)
    gen.generate(size, root)
    files = sorted((root / "content" / "activities").rglob("*.md"))
    target = next(p for p in files if "\ncredits: " in p.read_text(encoding="utf-8"))
    cold, _ = _build(root)
    rows = [f"{size:>7,}  {'first build (cold, in process)':<34} {cold:8.2f}  {1.0:7.3f}"]
    for name, edit in (
        ("one note edited", _edit_note),
        ("one activity's credits edited", _edit_credits),
    ):
        times = []
        said = ""
        for n in range(repeat):
            edit(target, n)
            seconds, said = _build(root)
            times.append(seconds)
        median = statistics.median(times)
        rows.append(f"{size:>7,}  {name:<34} {median:8.2f}  {median / cold:7.3f}")
        print(f"  {size:,} {name}: {' '.join(f'{t:.2f}' for t in times)} s — {said}", flush=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, default=HERE / "out")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        rows += bench(size, args.repeat, args.out.resolve())
    print(f"\n{'size':>7}  {'warm rebuild in serve':<34} {'median s':>8}  {'× cold':>7}")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
