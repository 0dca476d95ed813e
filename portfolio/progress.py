"""Progress on a terminal for long builds and transcripts (issue 12, item 12).

A build or ``pdf`` that runs longer than :data:`DELAY` seconds shows one line on stderr, rewritten in place:
the stage, a count when the stage has one, and the seconds so far (``portfolio build: render 3,400 of
10,012 pages · 12 s``). Nothing at all when stderr is not a terminal (a pipe, a log, CI), and the line is
erased before the command prints its summary, so what stays on screen is unchanged.

The stages report through module-level calls (:func:`stage`, :func:`advance`) that cost nothing when no
:func:`showing` block is active. A daemon thread redraws the line a few times a second, so a single long
call (WeasyPrint laying out a transcript) still shows its stage and time.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import TextIO

DELAY = 2.0  # seconds before anything is shown
TICK = 0.25  # seconds between redraws


class _Line:
    def __init__(self, command: str, stream: TextIO) -> None:
        self.command = command
        self.stream = stream
        self.started = time.monotonic()
        self.name = ""
        self.done = 0
        self.total: int | None = None
        self.unit = ""
        self.shown = False
        self.lock = threading.Lock()
        self.stop = threading.Event()

    def text(self) -> str:
        words = f"portfolio {self.command}: {self.name}"
        if self.total is not None:
            words += f" {self.done:,} of {self.total:,} {self.unit}".rstrip()
        return f"{words} · {time.monotonic() - self.started:.0f} s"

    def draw(self) -> None:
        with self.lock:
            if time.monotonic() - self.started < DELAY or not self.name:
                return
            self.stream.write("\r" + self.text() + "\x1b[K")
            self.stream.flush()
            self.shown = True

    def erase(self) -> None:
        with self.lock:
            if self.shown:
                self.stream.write("\r\x1b[K")
                self.stream.flush()
                self.shown = False

    def run(self) -> None:
        while not self.stop.wait(TICK):
            try:
                self.draw()
            except (OSError, ValueError):  # the terminal went away
                return


_current: _Line | None = None


@contextmanager
def showing(command: str, stream: TextIO | None = None) -> Iterator[None]:
    """Show progress for ``command`` while the block runs, if ``stream`` (stderr) is a terminal."""
    global _current
    stream = stream or sys.stderr
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        tty = False
    if not tty or _current is not None:
        yield
        return
    line = _Line(command, stream)
    _current = line
    ticker = threading.Thread(target=line.run, name="portfolio-progress", daemon=True)
    ticker.start()
    try:
        yield
    finally:
        line.stop.set()
        ticker.join()
        _current = None
        line.erase()


def stage(name: str, total: int | None = None, unit: str = "") -> None:
    """A new stage begins (with ``total`` items of ``unit`` to go through, when it counts them)."""
    line = _current
    if line is not None:
        with line.lock:
            line.name, line.done, line.total, line.unit = name, 0, total, unit
        with suppress(OSError, ValueError):
            line.draw()


def advance(count: int = 1) -> None:
    """``count`` more items of the current stage are done."""
    line = _current
    if line is not None:
        line.done += count
