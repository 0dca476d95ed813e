"""Time the PDF transcript of a 1,000-activity record against bare WeasyPrint, in the same run.

    python bench/bench_pdf.py [N] [--repeat R]
    python bench/bench_pdf.py --scale 1000,10000 [--repeat R]

With ``--scale``: the transcript alone (``render_pdf`` of the whole record: view, template, layout, writing)
at each size, every render a process of its own, interleaved; prints CPU and wall seconds, pages and the
peak resident memory of each, and the largest size's best CPU time over the smallest's (issue 12: the PDF
of 10,000 activities in ≤ 12× the time of 1,000; a build with it in ≤ 1 GB, measured by bench_build.py).

1. ``bench/gen.py`` writes an N-activity record (default 1,000) into a temporary folder.
2. Baseline: bare WeasyPrint renders a plain HTML table of the same rows (date, title, provider, credits,
   topics, certificate path and SHA-256: what the transcript's table and certificate list show), with the
   same fonts and page size and nothing else.
3. Ours: ``portfolio.pdf.render_pdf`` for the whole record: Jinja template, print CSS, header, summary,
   requirements, totals, left-out list, certificate list, bookmarks, metadata.
   Both are run R times, interleaved, each render in its own forked process (equal conditions: WeasyPrint
   slows down as one process renders big documents in a row); the best time of each is compared
   (target: ours ≤ 1.1 × baseline).
   The ratio uses CPU time (``time.process_time``): rendering is single-threaded, and on a shared machine
   wall time mostly measures the neighbours. Wall times are printed too.
4. ``portfolio build`` twice with the same inputs: the second reuses the PDF (content hash) and says so.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import gen  # noqa: E402  (bench/gen.py)

from portfolio import exports, pdf, records, site  # noqa: E402
from portfolio.evaluate import Evaluation, evaluate  # noqa: E402

BASELINE_CSS = """
@page { size: letter; margin: 0.85in 0.7in 0.8in 0.7in; }
html { font-family: "DejaVu Sans"; font-size: 8.2pt; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; vertical-align: top; padding: 3pt 4pt; border-bottom: 0.4pt solid #ccc; }
code { font-family: "DejaVu Sans Mono"; font-size: 6.6pt; }
"""


def baseline_html(ev: Evaluation) -> str:
    """A plain table of the same rows the transcript shows, and nothing else."""
    rows = []
    for a in ev.activities:
        if not ev.counted(a):
            continue
        credits = "<br>".join(
            f"{exports.text_amount(c.amount)} {html.escape(c.type)}" for c in a.credits
        )
        topics = ", ".join(html.escape(t.name) for t in a.topics)
        certs = "<br>".join(
            f"{html.escape(c.path)}<br><code>{c.sha256}</code>" for c in a.certificates
        )
        rows.append(
            f"<tr><td>{a.date}</td><td>{html.escape(a.title)}<br>{html.escape(a.provider)}</td>"
            f"<td>{credits}</td><td>{topics}</td><td>{certs}</td></tr>"
        )
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><style>{BASELINE_CSS}</style></head><body>"
        "<table><thead><tr><th>Date</th><th>Activity</th><th>Credit</th><th>Topics</th>"
        f"<th>Certificate</th></tr></thead><tbody>{''.join(rows)}</tbody></table></body></html>"
    )


_JOB: dict = {}


def _render(kind: str) -> tuple[float, float, int]:
    """CPU and wall seconds, and pages, of one render in this (child) process."""
    import weasyprint

    cpu, wall = time.process_time(), time.perf_counter()
    if kind == "bare":
        document = weasyprint.HTML(string=_JOB["source"]).render()
        document.write_pdf()
        pages = len(document.pages)
    else:
        rendered = pdf.render_pdf(
            _JOB["ev"], _JOB["period"], generated=_JOB["generated"], identifier="0" * 32
        )
        pages = rendered.pages
    return time.process_time() - cpu, time.perf_counter() - wall, pages


def _in_child(kind: str) -> tuple[float, float, int]:
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(1) as pool:
        return pool.apply(_render, (kind,))


def _times(values: list[float]) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


def one(n: int, folder: Path) -> None:
    """Render the transcript of the N-activity record in ``folder`` (this process); print its figures."""
    import json
    import resource

    record, _ = records.load(folder)
    ev = evaluate(record, gen.AS_OF)
    view_rows = sum(1 for a in ev.activities if ev.counted(a))
    generated = dt.datetime(2026, 11, 25, tzinfo=dt.UTC)
    cpu, wall = time.process_time(), time.perf_counter()
    rendered = pdf.render_pdf(ev, pdf.whole_record(ev), generated=generated, identifier="0" * 32)
    figures = {
        "n": n,
        "counted": view_rows,
        "cpu": time.process_time() - cpu,
        "wall": time.perf_counter() - wall,
        "pages": rendered.pages,
        "bytes": len(rendered.data),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    print(json.dumps(figures))


def scale(sizes: list[int], repeat: int) -> int:
    """The transcript alone at each size, a process per render; the time ratio of the largest to the smallest."""
    import json
    import subprocess

    from portfolio.pdf import parts

    with tempfile.TemporaryDirectory(prefix="bench-pdf-scale-") as tmp:
        folders = {}
        for n in sizes:
            folders[n] = Path(tmp) / str(n)
            gen.generate(n, folders[n], gen.DEFAULT_SEED)
        runs: dict[int, list[dict]] = {n: [] for n in sizes}
        for _ in range(repeat):
            for n in sizes:
                done = subprocess.run(
                    [sys.executable, __file__, "--one", str(n), str(folders[n])],
                    capture_output=True,
                    text=True,
                    check=True,
                )
                runs[n].append(json.loads(done.stdout.strip().splitlines()[-1]))
                last = runs[n][-1]
                print(
                    f"  {n:>6,} activities: CPU {last['cpu']:.1f} s, wall {last['wall']:.1f} s, "
                    f"{last['pages']} pages, peak {last['peak_mb']:.0f} MB",
                    flush=True,
                )
    print(f"\nparts of at most {parts.PART_SIZE:,} rows (ledger and left-out lists)")
    print("activities  counted  pages  best CPU s  best wall s  peak MB  MB of PDF")
    for n in sizes:
        best = min(runs[n], key=lambda r: r["cpu"])
        rows = best["counted"]
        print(
            f"{n:>10,}  {rows:>7,}  {best['pages']:>5}  {best['cpu']:>10.1f}  "
            f"{min(r['wall'] for r in runs[n]):>11.1f}  {max(r['peak_mb'] for r in runs[n]):>7.0f}  "
            f"{best['bytes'] / 1e6:>9.1f}"
        )
    small, big = min(sizes), max(sizes)
    cpu = min(r["cpu"] for r in runs[big]) / min(r["cpu"] for r in runs[small])
    wall = min(r["wall"] for r in runs[big]) / min(r["wall"] for r in runs[small])
    aim = big / small * 1.2
    verdict = "met" if cpu <= aim else "NOT met"
    print(
        f"\n{big:,} vs {small:,} activities: best CPU time {cpu:.1f}×, best wall time {wall:.1f}× "
        f"(aim ≤ {aim:g}×: {verdict})"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--scale", help="sizes, e.g. 1000,10000: the transcript alone at each size")
    parser.add_argument("--one", nargs=2, metavar=("N", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        one(int(args.one[0]), Path(args.one[1]))
        return 0
    if args.scale:
        return scale([int(x.replace("_", "")) for x in args.scale.split(",")], args.repeat)

    import weasyprint

    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as tmp:
        root = Path(tmp)
        gen.generate(args.n, root, gen.DEFAULT_SEED)
        record, _ = records.load(root)
        ev = evaluate(record, gen.AS_OF)
        counted = sum(1 for a in ev.activities if ev.counted(a))
        generated = dt.datetime(2026, 11, 25, tzinfo=dt.UTC)
        period = pdf.whole_record(ev)
        source = baseline_html(ev)

        # Warm both paths once (imports, font discovery) here; then every render runs in its own forked
        # child, alternating. WeasyPrint slows down as one process renders big documents one after another,
        # so timing both in one process would favour whichever runs first.
        weasyprint.HTML(string="<p>warm</p>").write_pdf()
        _JOB.update(source=source, ev=ev, period=period, generated=generated)
        ours_times, base_times, ours_wall, base_wall = [], [], [], []
        pages = base_pages = 0
        for _ in range(args.repeat):
            cpu, wall, base_pages = _in_child("bare")
            base_times.append(cpu)
            base_wall.append(wall)
            cpu, wall, pages = _in_child("ours")
            ours_times.append(cpu)
            ours_wall.append(wall)

        base, ours = min(base_times), min(ours_times)
        print(
            f"record: {len(ev.activities)} activities, {counted} counted (bench/gen.py seed {gen.DEFAULT_SEED})"
        )
        print(
            f"bare WeasyPrint, plain table of the same rows: CPU {base:.2f} s, {base_pages} pages "
            f"(CPU runs: {_times(base_times)}; wall: {_times(base_wall)})"
        )
        print(
            f"portfolio transcript:                          CPU {ours:.2f} s, {pages} pages "
            f"(CPU runs: {_times(ours_times)}; wall: {_times(ours_wall)})"
        )
        verdict = "within" if ours <= 1.1 * base else "OVER"
        print(
            f"ratio (best CPU time): {ours / base:.2f}x (target <= 1.10x: {verdict}); "
            f"best wall times: {min(ours_wall) / min(base_wall):.2f}x"
        )

        out = root / "site"
        first = site.build(root, out, gen.AS_OF)
        second = site.build(root, out, gen.AS_OF)
        for label, result in (("first build", first), ("rebuild, inputs unchanged", second)):
            print(
                f"{label}: PDF stage {result.timer.stages.get('pdf', 0.0):.2f} s — "
                f"{', '.join(result.output.notes)}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
