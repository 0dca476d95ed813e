"""The two kinds of failure: a user's mistake (RecordError, with positions) and everything else (a bug)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One finding about the record, printed as ``path:line: level: message``."""

    path: str
    line: int
    level: str  # "error", "warning" or "note" (a suggestion; never a failure)
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.level}: {self.message}"


class RecordError(Exception):
    """The record (or the command line's use of it) is wrong in ways the user can fix.

    Carries every diagnostic found, so they can be reported at once.
    """

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        self.diagnostics = sorted(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))

    @classmethod
    def single(cls, path: str, line: int, message: str) -> RecordError:
        return cls([Diagnostic(path, line, "error", message)])


@dataclass
class Diagnostics:
    """Collects findings while a stage runs; a stage raises once, at the end, with all of them."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, path: str, line: int, message: str) -> None:
        self.items.append(Diagnostic(path, line, "error", message))

    def warning(self, path: str, line: int, message: str) -> None:
        self.items.append(Diagnostic(path, line, "warning", message))

    @property
    def errors(self) -> list[Diagnostic]:
        return sorted(d for d in self.items if d.level == "error")

    @property
    def warnings(self) -> list[Diagnostic]:
        return sorted(d for d in self.items if d.level == "warning")

    def raise_if_errors(self) -> None:
        if self.errors:
            raise RecordError(self.items)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ' (did you mean 'x'?)' suffix, or '' when nothing is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def plural(count: int, word: str, many: str | None = None) -> str:
    """'1 activity', '2 activities', '0 warnings'."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


def warnings_hint(count: int) -> str:
    """What build and pdf say when the record has warnings they do not list themselves."""
    return f"{plural(count, 'warning')} about the record; 'portfolio check' lists them"
