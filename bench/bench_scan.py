"""Time `portfolio scan` and `check --certificates` against baselines measured in the same run.

    python bench/bench_scan.py [--repeat R] [--certificates N]

Whole processes (interpreter start, imports, reading), best and median of R runs, interleaved:

1. ``portfolio scan --json`` of a 1-page text PDF certificate — baselines: ``pdftotext FILE -`` and a bare
   ``python -c 'pypdf … extract_text()'``. Target: ≤ 0.3 s.
2. ``portfolio scan --json`` of a 300-dpi photo of a certificate (OCR) — baseline: bare ``tesseract FILE -``
   on the same image, with one thread as portfolio runs it. Target: ≤ 3 s.
3. ``portfolio check --certificates`` on a record of N activities (default 1,000), each citing its own
   certificate, once the cache is filled — baseline: plain ``portfolio check`` of the same record.
   Target: ≤ 0.5 s.

Files go to a temporary folder; the record is built once (``build --no-pdf``) so that the scan cache has its
site folder (``site/.portfolio-cache/``) to live in.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from certificate_corpus import Sample, photograph, render_pdf, samples  # noqa: E402


def timed(argv: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed:\n{done.stderr.decode()}")
    return elapsed


def compare(
    name: str, runs: dict[str, list[str]], env: dict[str, str], repeat: int, target: float
) -> None:
    times: dict[str, list[float]] = {label: [] for label in runs}
    for _ in range(repeat):  # interleaved, so a busy neighbour slows every contender alike
        for label, argv in runs.items():
            times[label].append(timed(argv, env))
    ours = next(iter(runs))
    print(f"\n{name}")
    for label, values in times.items():
        ratio = min(values) / min(times[ours]) if label != ours else 1.0
        extra = "" if label == ours else f"   ours = {1 / ratio:.2f}× this baseline"
        print(
            f"  {label:<34} best {min(values):6.3f} s  median {statistics.median(values):6.3f} s{extra}"
        )
    best = min(times[ours])
    print(f"  target ≤ {target} s: {'met' if best <= target else 'NOT met'} (best {best:.3f} s)")


def make_record(folder: Path, count: int) -> Path:
    """N activities, each citing its own certificate: corpus PDFs made distinct by a trailing comment."""
    content = folder / "content"
    (content / "activities").mkdir(parents=True)
    (content / "certificates").mkdir()
    (content / "portfolio.yaml").write_text(
        "name: Jordan Avery, MD\ncredentials: [MD]\ndefault_credit_type: AMA PRA Category 1\n",
        encoding="utf-8",
    )
    texts = [s for s in samples() if s.kind == "text" and s.expected["credits"]]
    sources = []
    for sample in texts:
        target = folder / sample.file
        render_pdf(sample, target)
        sources.append((sample, target.read_bytes()))
    for index in range(count):
        sample, data = sources[index % len(sources)]
        cert = f"certificates/{index:04d}-{sample.file}"
        (content / cert).write_bytes(data + f"%variant {index}\n".encode())
        e = sample.expected
        fields = {
            # a copy of an activity with the same title, date and provider is an error: each is a session
            "title": e["title"]
            if index < len(sources)
            else f"{e['title']} (session {index // len(sources) + 1})",
            "date": e["date"],
            "provider": e["provider"],
            "credits": [{"type": c["type"], "amount": float(c["amount"])} for c in e["credits"]],
            "certificate": cert,
        }
        if e["end_date"]:
            fields["end_date"] = e["end_date"]
        front = yaml.safe_dump(fields, sort_keys=False, allow_unicode=True)
        (content / "activities" / f"{index:04d}.md").write_text(
            f"---\n{front}---\n", encoding="utf-8"
        )
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--certificates", type=int, default=1000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-scan-"))
    env = dict(os.environ)
    py = sys.executable
    try:
        rounds = next(s for s in samples() if s.file == "grand-rounds.pdf")
        pdf = work / "grand-rounds.pdf"
        render_pdf(rounds, pdf)
        runs = {
            "portfolio scan --json (text PDF)": [py, "-m", "portfolio", "scan", "--json", str(pdf)]
        }
        if shutil.which("pdftotext"):
            runs["pdftotext FILE -"] = ["pdftotext", str(pdf), "-"]
        runs["bare pypdf extract_text"] = [
            py,
            "-c",
            f"import pypdf; print(pypdf.PdfReader({str(pdf)!r}).pages[0].extract_text())",
        ]
        compare("1. a 1-page text PDF", runs, env, args.repeat, 0.3)

        photo = work / "grand-rounds-300dpi.jpg"
        photograph(pdf, Sample(photo.name, {}, rotate=1.0), photo, dpi=300)
        runs = {
            "portfolio scan --json (300-dpi photo)": [
                py,
                "-m",
                "portfolio",
                "scan",
                "--json",
                str(photo),
            ]
        }
        if shutil.which("tesseract"):
            # With one thread, as portfolio runs it: on a busy machine Tesseract's threads only slow it down.
            runs["bare tesseract FILE - (1 thread)"] = [
                "env",
                "OMP_THREAD_LIMIT=1",
                "tesseract",
                str(photo),
                "-",
            ]
            compare("2. a 300-dpi photo (OCR)", runs, env, max(2, args.repeat // 2), 3.0)
        else:
            print("\n2. skipped: tesseract is not installed")

        record = make_record(work / "record", args.certificates)
        root = ["--root", str(record)]
        subprocess.run(  # the site folder the cache lives in
            [py, "-m", "portfolio", *root, "build", "--no-pdf"],
            env=env,
            capture_output=True,
            check=True,
        )
        started = time.perf_counter()
        subprocess.run(
            [py, "-m", "portfolio", *root, "check", "--certificates"],
            env=env,
            capture_output=True,
            check=True,
        )
        print(
            f"\n(filling the cache: {args.certificates} certificates read in {time.perf_counter() - started:.1f} s)"
        )
        runs = {
            f"check --certificates ({args.certificates}, cached)": [
                py,
                "-m",
                "portfolio",
                *root,
                "check",
                "--certificates",
            ],
            "plain check": [py, "-m", "portfolio", *root, "check"],
        }
        compare(
            f"3. check --certificates on {args.certificates} cached certificates",
            runs,
            env,
            args.repeat,
            0.5,
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
