"""Build stage: run the pipeline, then write the site atomically.

load → evaluate → render (HTML, exports, PDF) → write. Everything is computed in memory first; the files go
into a sibling temporary folder that replaces the output folder only when every byte is written, so a failed
build leaves the previous site exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from portfolio import clock, deadlines, exports, history, records
from portfolio.errors import RecordError, plural
from portfolio.evaluate import Evaluation, evaluate
from portfolio.gctune import fewer_collections

MARKER = ".portfolio-site"
MARKER_TEXT = (
    "This folder is written by 'portfolio build' and replaced on every build. Do not edit it.\n"
)


@dataclass
class Timer:
    """Wall time of each stage, in order, for the one-line summary."""

    stages: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
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
class Output:
    """The files of a site, gathered in memory before anything is written."""

    files: dict[str, bytes] = field(default_factory=dict)  # site-relative POSIX path → bytes
    copies: dict[str, Path] = field(default_factory=dict)  # site-relative POSIX path → source file
    notes: list[str] = field(default_factory=list)  # extra words for the summary ("PDF 3 pages")
    page_count: int | None = None  # set when the files are no longer the pages (encrypted shells)

    def add(self, path: str, data: str | bytes) -> None:
        self.files[path] = data.encode("utf-8") if isinstance(data, str) else data

    @property
    def pages(self) -> int:
        if self.page_count is not None:
            return self.page_count
        return sum(1 for p in self.files if p.endswith(".html"))


@dataclass
class BuildResult:
    evaluation: Evaluation
    out: Path
    output: Output
    timer: Timer
    warnings: list[str]

    def summary(self) -> str:
        ev = self.evaluation
        counted = sum(1 for a in ev.activities if ev.counted(a))
        extra = "".join(f", {note}" for note in self.output.notes)
        return (
            f"Built {plural(len(ev.activities), 'activity', 'activities')} ({counted} counted): "
            f"{plural(self.output.pages, 'page')}"
            f"{extra} into {self.out} in {self.timer.total:.2f} s ({self.timer.summary()})"
        )


def check_output_folder(root: Path, out: Path) -> None:
    """Refuse an output folder that would destroy something: the record itself, or a folder we did not make."""
    out_r, root_r, content_r = out.resolve(), root.resolve(), (root / "content").resolve()
    if out_r == root_r or content_r.is_relative_to(out_r) or out_r.is_relative_to(content_r):
        raise RecordError.single(
            str(out), 0, "the output folder must not contain or be inside content/; use site/"
        )
    if out_r == Path(out_r.anchor) or out_r == Path.home().resolve():
        raise RecordError.single(
            str(out), 0, "refusing to build into a root or home folder; use site/"
        )
    if out.exists() or out.is_symlink():
        if not out.is_dir() or out.is_symlink():
            raise RecordError.single(
                str(out), 0, "the output path exists and is not a folder; refusing to replace it"
            )
        if not (out / MARKER).is_file() and any(out.iterdir()):
            raise RecordError.single(
                str(out),
                0,
                f"refusing to replace a folder that 'portfolio build' did not create (no {MARKER} marker); "
                "choose an empty or new folder",
            )


def write_atomically(
    out: Path, output: Output, before_swap: Callable[[], None] | None = None
) -> None:
    """Write every file into a temporary sibling folder, then swap it in place of ``out``."""
    parent = out.parent
    parent.mkdir(parents=True, exist_ok=True)
    tmp = parent / f".{out.name}.building-{os.getpid()}"
    old = parent / f".{out.name}.old-{os.getpid()}"
    for leftover in (tmp, old):
        if leftover.exists():
            shutil.rmtree(leftover)
    try:
        tmp.mkdir()
        (tmp / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        made: set[Path] = {tmp}
        for rel, data in sorted(output.files.items()):
            target = _target(tmp, rel, made)
            target.write_bytes(data)
        for rel, source in sorted(output.copies.items()):
            shutil.copyfile(source, _target(tmp, rel, made))
        if before_swap:
            before_swap()
        if out.exists():
            out.rename(old)
        tmp.rename(out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        if old.exists() and not out.exists():
            old.rename(out)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _target(base: Path, rel: str, made: set[Path]) -> Path:
    target = base / rel
    if target.parent not in made:
        target.parent.mkdir(parents=True, exist_ok=True)
        made.add(target.parent)
    return target


def render_all(
    ev: Evaluation, timer: Timer, *, pdf: bool, generated: dt.datetime, previous: Path
) -> Output:
    """Every output file of the site, in memory. ``previous`` is the site being replaced (for caches)."""
    from portfolio import render

    output = Output()
    with timer("render"), fewer_collections():
        # HTML, JSON and CSV depend only on the record and the as-of date (byte-identical rebuilds);
        # only the PDF carries a generation time.
        render.render_site(ev, output, pdf=pdf, previous=previous)
        output.add("transcript.json", exports.to_json(exports.transcript_data(ev)))
        output.add("transcript.csv", exports.transcript_csv(ev))
        deadlines.add_calendar(ev, output)
        for activity in ev.activities:
            for cert in activity.certificates:
                output.copies[cert.site_path] = cert.source
    if pdf:
        from portfolio import pdf as pdf_stage

        with timer("pdf"):
            pdf_stage.add_site_transcript(ev, output, generated=generated, previous=previous)
    return output


def build(
    root: Path,
    out: Path | None = None,
    as_of: str | dt.date | None = None,
    *,
    pdf: bool = True,
    before_swap: Callable[[], None] | None = None,
    passphrase: str | None = None,
) -> BuildResult:
    """Build the whole site for the record under ``root``; raise RecordError for the user's mistakes.

    With a ``passphrase``, every file that holds the record is written encrypted (portfolio.encrypt).
    """
    timer = Timer()
    out = out or root / "site"
    check_output_folder(root, out)
    today = clock.today(as_of)
    generated = clock.now()
    with timer("load"):
        record, diags = records.load(root)
    with timer("evaluate"):
        ev = evaluate(record, today)
    with timer("history"):
        ev = history.with_history(ev)
    output = render_all(ev, timer, pdf=pdf, generated=generated, previous=out)
    if passphrase is not None:
        from portfolio import encrypt

        with timer("encrypt"):
            output.page_count = output.pages
            hashes = {c.site_path: c.sha256 for a in ev.activities for c in a.certificates}
            output.files, output.copies = encrypt.seal_site(
                output.files, output.copies, passphrase, hashes
            )
            sealed = sum(1 for rel in output.files if not encrypt.published(rel))
            output.notes.append(f"{plural(sealed, 'file')} encrypted")
    with timer("write"):
        write_atomically(out, output, before_swap)
    warnings = [str(d) for d in diags.warnings]
    return BuildResult(ev, out, output, timer, warnings)
