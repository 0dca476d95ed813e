"""Build stage: run the pipeline, then hand the site to the write stage.

load → evaluate → render (HTML, exports, PDF) → write (portfolio.publish). Everything is computed in memory
first; portfolio.publish writes it atomically, so a failed build leaves the previous site exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from portfolio import (
    clock,
    deadlines,
    exports,
    freshness,
    pipeline,
    progress,
    publish,
    reuse,
    source_cache,
)
from portfolio.certificates import CACHE_FILE as CERTIFICATE_CACHE
from portfolio.certificates import Inspections
from portfolio.errors import plural
from portfolio.evaluate import Evaluation
from portfolio.gctune import fewer_collections
from portfolio.publish import MARKER, Output
from portfolio.reuse import Previous, Stale, copy_key


@dataclass
class Timer:
    """Wall time of each stage, in order, for the one-line summary."""

    stages: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        progress.stage(name)
        try:
            yield
        finally:
            self.stages[name] = self.stages.get(name, 0.0) + time.perf_counter() - started

    @property
    def total(self) -> float:
        return sum(self.stages.values())

    def summary(self) -> str:
        return ", ".join(f"{name} {seconds:.2f} s" for name, seconds in self.stages.items())


@dataclass
class BuildResult:
    evaluation: Evaluation | None  # None: the site was up to date, nothing was loaded
    out: Path
    output: Output
    timer: Timer
    warnings: list[str]

    def summary(self) -> str:
        ev = self.evaluation
        if ev is None:
            return f"{self.out.name}/ {freshness.UP_TO_DATE}"
        counted = sum(1 for a in ev.activities if ev.counted(a))
        extra = "".join(f", {note}" for note in self.output.summary_parts)
        return (
            f"Built {plural(len(ev.activities), 'activity', 'activities')} ({counted} counted): "
            f"{plural(self.output.pages, 'page')}"
            f"{extra} into {self.out} in {self.timer.total:.2f} s ({self.timer.summary()})"
        )


def render_all(
    ev: Evaluation,
    timer: Timer,
    *,
    pdf: bool,
    generated: dt.datetime,
    previous: Path,
    keep_pdf: bool = False,
    kept: Previous | None = None,
    software: str = "",
) -> Output:
    """Every output file of the site, in memory. ``previous`` is the site being replaced (for caches);
    ``kept``: its files that may be kept when their key did not change (None: keep nothing)."""
    from portfolio import render

    output = Output()
    with timer("render"), fewer_collections():
        # HTML, JSON and CSV depend only on the record and the as-of date (byte-identical rebuilds);
        # only the PDF carries a generation time.
        software = software or freshness.software_key()
        record = reuse.without_notes_key(ev)  # what every whole-record output is made from
        render.render_site(
            ev, output, pdf=pdf, previous=previous, kept=kept, software=software, record_key=record
        )
        made: dict[str, Callable[[], str | bytes]] = {
            "transcript.json": lambda: exports.to_json(exports.transcript_data(ev)),
            "transcript.csv": lambda: exports.transcript_csv(ev),
            "deadlines.ics": lambda: deadlines.calendar(ev),
        }
        for name, make in made.items():
            key = output.keys[name] = reuse.export_key(software, name, record)
            found = kept.keep(name, key) if kept is not None else None
            if found is not None:
                output.reused[name] = found
            else:
                output.add(name, make())
        for activity in ev.activities:
            for cert in activity.certificates:
                key = copy_key(cert.sha256)
                output.keys[cert.site_path] = key
                found = kept.keep(cert.site_path, key) if kept is not None else None
                if found is not None:  # the same bytes, checked when they were first copied
                    output.reused[cert.site_path] = found
                    continue
                output.copies[cert.site_path] = cert.source
                output.digests[cert.site_path] = (cert.sha256, f"content/{cert.path}")
    if not pdf and keep_pdf:
        _keep_previous_pdf(previous, output)
    if pdf:
        from portfolio import pdf as pdf_stage

        with timer("pdf"):
            pdf_stage.add_site_transcript(ev, output, generated=generated, previous=previous)
    return output


# What a full build wrote that `serve`'s rebuilds (without a PDF) keep.
KEPT_FILES = ("transcript.pdf", ".portfolio-pdf.sha256")


def _keep_previous_pdf(previous: Path, output: Output) -> None:
    """Carry the last full build's transcript.pdf (and its input hash) into a build without a PDF.

    The preview's pages do not link it (it may be older than they are); `portfolio build` replaces it, or
    reuses it when the record did not change.
    """
    if not (previous / MARKER).is_file():
        return
    for name in KEPT_FILES:
        source = previous / name
        if source.is_file() and not source.is_symlink():
            output.copies.setdefault(name, source)


def build(
    root: Path,
    out: Path | None = None,
    as_of: str | dt.date | None = None,
    *,
    pdf: bool = True,
    keep_pdf: bool = False,
    before_swap: Callable[[], None] | None = None,
    passphrase: str | None = None,
    reuse: bool = False,
) -> BuildResult:
    """Build the whole site for the record under ``root``; raise RecordError for the user's mistakes.

    With a ``passphrase``, every file that holds the record is written encrypted (portfolio.encrypt).
    With ``reuse``, a site built from the same inputs and left as it was is kept as it is (the result's
    ``evaluation`` is then None), and otherwise every file of it whose inputs did not change is kept
    (portfolio.reuse); never with a passphrase, since every encryption takes a fresh salt.
    """
    timer = Timer()
    out = out or root / "site"
    publish.check_output_folder(root, out)
    if out.parent.is_dir():  # first, even if this build fails: a site a crash left aside comes back
        with publish.build_lock(out):
            publish.recover(out)
    today = clock.today(as_of)
    generated = clock.now()
    key = None
    software = freshness.software_key()
    if passphrase is None:
        with timer("inputs"):
            options = {"pdf": bool(pdf), "keep_pdf": bool(keep_pdf and not pdf)}
            key = freshness.inputs_key(root, today, generated, options, software)
    last_stamp = None
    if reuse and key and out.is_dir():
        with publish.build_lock(out), fewer_collections():  # not while another build swaps it
            last_stamp = freshness.read_stamp(out)
            stored = freshness.unchanged(out, key, last_stamp)
        if stored is not None:  # the count is all the caller says of them: "N warnings …"
            return BuildResult(None, out, Output(), timer, ["(as in the last build)"] * stored)
    # What the previous site lets this build skip (reading them is timed too). Decoding JSON makes many small
    # objects, which the collector's default thresholds would rescan again and again (portfolio.gctune).
    with timer("caches"), fewer_collections():
        inspections = Inspections(out)
        kept = Previous.load(out, last_stamp) if reuse and key else None
        trusted = kept is not None and kept.untouched(source_cache.FILE)
        parsed = source_cache.ParsedCache.load(out, software, trusted)
    loaded = pipeline.evaluated(root, today, inspections=inspections, parsed=parsed, timer=timer)
    ev = loaded.ev
    with timer("advise"):  # the warnings that depend on the as-of date, counted in the summary
        warnings = [str(d) for d in loaded.warnings()]

    def rendered(keeping: Previous | None) -> Output:
        made = render_all(
            ev,
            timer,
            pdf=pdf,
            generated=generated,
            previous=out,
            keep_pdf=keep_pdf,
            kept=keeping,
            software=software,
        )
        if keeping is not None and keeping.kept:
            made.summary_parts.append(f"{keeping.kept} kept (unchanged)")
        return made

    output = rendered(kept)
    with timer("caches"):
        output.add(
            CERTIFICATE_CACHE, inspections.dump()
        )  # so the next check reads no unchanged file
        if (
            passphrase is None
        ):  # caches that decide what the record says: for the next build to verify
            data = parsed.dump()
            output.add(source_cache.FILE, data)
            output.keys[source_cache.FILE] = copy_key(hashlib.sha256(data).hexdigest())
    if passphrase is not None:
        from portfolio import encrypt

        with timer("encrypt"):
            output.page_count = output.pages
            hashes = {c.site_path: c.sha256 for a in ev.activities for c in a.certificates}
            # Caches (dot folders, like the certificate verdicts above) are never published encrypted.
            output.files, output.copies = encrypt.seal_site(
                output.files, output.copies, passphrase, hashes
            )
            sealed = sum(1 for rel in output.files if not encrypt.published(rel))
            output.summary_parts.append(f"{plural(sealed, 'file')} encrypted")
    with timer("write"):
        try:
            publish.write_atomically(
                out, output, before_swap, (key, len(warnings)) if key else None
            )
        except Stale:
            # A file chosen to be kept is not as the stamp recorded: edited by hand, or the site replaced by
            # another build. Render again keeping only the files that are; keeping nothing if that fails too.
            assert kept is not None  # nothing is kept without it
            for again in (kept.as_they_are(), None):
                fresh = rendered(again)
                # the caches the first attempt added after rendering
                fresh.files.update({k: v for k, v in output.files.items() if k not in fresh.files})
                fresh.keys = {**output.keys, **fresh.keys}
                try:
                    publish.write_atomically(
                        out, fresh, before_swap, (key, len(warnings)) if key else None
                    )
                except Stale:
                    if again is None:
                        raise
                    continue
                output = fresh
                break
    return BuildResult(ev, out, output, timer, warnings)
