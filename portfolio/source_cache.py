"""Read stage, for rebuilds: the front matter of activity files parsed by an earlier build.

Parsing YAML is most of the load stage of a big record (10,000 files: about half of it), and an edit changes
one file. The bounds on each note (``source.note_problem``) are kept with it: they too depend only on the
text. A build keeps what ``source.split_front_matter`` returned for each file in
``site/.portfolio-cache/front-matter.jsonl``, keyed on the SHA-256 of the file's text, and the next build takes
a file's parsed front matter from there when its text is the same. Only successful parses are kept (a file
with a mistake is parsed again, so its errors are reported again), and the entries depend on the software
(the loader's rules are part of it: ``freshness.software_key``).

An entry also keeps what the loader made of the parse (``checked``/``remember``): the validated activity with
its warnings, which depends on the text and on the profile's default credit type alone (the loader's rules,
pure functions of those two, are part of the software). A rebuild takes an unchanged file's activity from
there and skips its parse and its validation; what depends on other files — the certificates it cites — the
loader resolves again on every build (portfolio.records.activity). Such an entry drops the parse: should the
default credit type change, the file is parsed again.

The cache decides what the record says, so it is read only when the last build's stamp vouches for its bytes
(its SHA-256, ``reuse.Previous.untouched``): a file edited or planted in ``site/`` is ignored, never trusted.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from portfolio.source import (
    Document,
    LDict,
    LList,
    front_matter_end,
    note_problem,
    split_front_matter,
)

FILE = ".portfolio-cache/front-matter.jsonl"
T = TypeVar("T")


class _Uncacheable(Exception):
    """A value this file cannot write exactly: the file is parsed again next time."""


def _encode(value: Any) -> Any:
    if value is None or type(value) in (bool, int, str):
        return value
    if type(value) is Decimal:
        return {"d": str(value)}
    if type(value) is LDict:
        if not all(type(k) is str for k in value):
            raise _Uncacheable
        return {
            "m": [
                value.line,
                [[k, n] for k, n in value.lines.items() if type(k) is str],
                [[k, _encode(v)] for k, v in value.items()],
            ]
        }
    if type(value) is LList:
        return {"l": [value.line, list(value.lines), [_encode(v) for v in value]]}
    raise _Uncacheable


def _decode(value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    if "d" in value:
        return Decimal(value["d"])
    if "m" in value:
        line, lines, items = value["m"]
        mapping = LDict((k, _decode(v)) for k, v in items)
        mapping.line, mapping.lines = line, dict(lines)
        return mapping
    line, lines, items = value["l"]
    sequence = LList(_decode(v) for v in items)
    sequence.line, sequence.lines = line, list(lines)
    return sequence


class ParsedCache:
    """Parsed front matter by the SHA-256 of the file's text: the previous build's, and this build's.

    The file is one line of JSON for the header, then one line per file: its key, the origin of its checked
    value (``origin``; ``-`` for none), and its entry as JSON (``[body_line, front matter, note problem,
    checked]``; ``checked`` is ``[context, value]`` or null, see ``remember``). An entry is decoded only when its file is read, and an entry reused as it was is written
    back as the same text (10,000 files: no 6 MB of JSON encoded again on every build)."""

    def __init__(self, software: str, previous: dict[str, str] | None = None):
        self.software = software
        self.previous = previous or {}  # key → the entry's JSON text
        self.current: dict[str, str] = {}
        self.reused = 0
        # key → [body_line, front matter, problem] as JSON values, for split and remember
        self._parses: dict[str, list[Any]] = {}
        # An entry's checked value is also found by its origin (the front matter's SHA-256 with the
        # context): a file whose note alone was edited is not parsed again.
        self.previous_origins: dict[str, str] = {}  # key → origin, of the previous build's entries
        self.by_origin: dict[str, str] = {}  # origin → key
        self.origins: dict[str, str] = {}  # key → origin, of this build's
        self._last: tuple[str | None, str] = (None, "")  # the text last hashed, and its key

    @classmethod
    def load(cls, site: Path | None, software: str, trusted: bool) -> ParsedCache:
        """The cache in ``site`` when ``trusted`` (see the module's docstring) and made by this software."""
        if site is None or not trusted:
            return cls(software)
        try:
            data = (site / FILE).read_bytes()
        except OSError:
            return cls(software)
        return cls.parse(software, data)

    @classmethod
    def parse(cls, software: str, data: bytes) -> ParsedCache:
        """The cache ``dump`` wrote as ``data``, when made by this software (else an empty one)."""
        try:
            header, *lines = data.decode("utf-8").split("\n")
            if json.loads(header) != {"software": software}:
                return cls(software)
        except ValueError:
            return cls(software)
        cache = cls(software)
        for line in lines:
            parts = line.split(" ", 2)
            if len(parts) == 3:
                key, made_from, entry = parts
                cache.previous[key] = entry
                if made_from != "-":
                    cache.previous_origins[key] = made_from
                    cache.by_origin[made_from] = key
        return cache

    def _key(self, text: str) -> str:
        if self._last[0] is not text:
            self._last = (text, hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest())
        return self._last[1]

    def _previous(self, key: str) -> list[Any] | None:
        """The previous build's entry for ``key``, decoded as far as JSON goes; None when absent or damaged."""
        found = self.previous.get(key)
        if found is None:
            return None
        try:
            entry = json.loads(found)
        except ValueError:
            return None
        return entry if isinstance(entry, list) and len(entry) == 4 else None

    def checked(
        self, text: str, context: Any, decode: Callable[[Any], T | None]
    ) -> tuple[int, str, T] | None:
        """The line where the body of ``text`` starts, its origin, and ``decode`` of the value ``remember``
        kept for it under ``context`` by an earlier build; None when there is none or ``decode`` refuses it
        (then call split, and remember)."""
        key = self._key(text)
        entry = self._previous(key)
        if entry is None:
            return self._same_front_matter(text, key, context, decode)
        # If split is called next, it decodes the parse without reading the JSON again.
        self._parses[key] = entry[:3]
        if type(entry[0]) is not int or entry[0] < 1:
            return None
        value = _value(entry, context, decode)
        if value is None:
            return None
        del self._parses[key]
        self.reused += 1
        self.current[key] = self.previous[key]
        made_from = self.previous_origins.get(key) or origin(text, entry[0], context)
        self.origins[key] = made_from
        return entry[0], made_from, value

    def _same_front_matter(
        self, text: str, key: str, context: Any, decode: Callable[[Any], T | None]
    ) -> tuple[int, T] | None:
        """``checked`` for a text the cache has not seen whose front matter it has: the note alone was
        edited. The note's bounds (source.note_problem) are checked again; a problem, and the file is split
        (which reports it)."""
        lines = text.split("\n")
        end = front_matter_end(lines) if lines[0].rstrip() == "---" else None
        if end is None:
            return None
        body_line = end + 2
        made_from = origin(text, body_line, context)
        other = self.by_origin.get(made_from)
        entry = self._previous(other) if other is not None else None
        if entry is None or entry[0] != body_line:
            return None
        if note_problem("\n".join(lines[body_line - 1 :])) is not None:
            return None
        value = _value(entry, context, decode)
        if value is None:
            return None
        self.reused += 1
        with contextlib.suppress(RecursionError):
            self.current[key] = _entry([body_line, None, None], entry[3])
            self.origins[key] = made_from
        return body_line, made_from, value

    def split(self, text: str, shown: str) -> tuple[Document, tuple[int, str] | None]:
        """What source.split_front_matter(text, shown) returns, and source.note_problem of its body; from
        the cache when the text is known."""
        key = self._key(text)
        entry = self._parses.pop(key, None) or self._previous(key)
        if entry is not None:
            try:
                body_line, meta, problem = entry[:3]
                document = Document(_decode(meta), cut(text, body_line)[1], body_line)
                problem = None if problem is None else (int(problem[0]), str(problem[1]))
            except (ArithmeticError, ValueError, KeyError, TypeError, AttributeError, IndexError):
                document = None
            if document is not None and isinstance(document.meta, LDict):
                self.reused += 1
                self._parses[key] = [body_line, meta, entry[2]]
                with contextlib.suppress(RecursionError):
                    self.current[key] = _entry(self._parses[key], None)
                return document, problem
        document = split_front_matter(text, shown)  # raises RecordError: nothing is kept
        problem = note_problem(document.body)
        with contextlib.suppress(_Uncacheable, RecursionError):  # parsed again next time
            self._parses[key] = [document.body_line, _encode(document.meta), problem]
            self.current[key] = _entry(self._parses[key], None)
        return document, problem

    def remember(self, text: str, context: Any, value: Any, made_from: str) -> None:
        """Keep ``value`` (JSON values only) as what the loader made of ``text``, split just before, under
        ``context`` (``made_from``: its origin): the next build's ``checked(text, context)`` returns it."""
        key = self._key(text)
        parse = self._parses.get(key)
        if parse is not None and key in self.current:
            # Without the front matter: the value stands for it. Should the context change (another default
            # credit type), the file is parsed again.
            self.current[key] = _entry([parse[0], None, parse[2]], [context, value])
            self.origins[key] = made_from

    def dump(self) -> bytes:
        lines = [json.dumps({"software": self.software})]
        lines += [
            f"{key} {self.origins.get(key, '-')} {entry}"
            for key, entry in sorted(self.current.items())
        ]
        return ("\n".join(lines) + "\n").encode("utf-8")


def _value(entry: list[Any], context: Any, decode: Callable[[Any], T | None]) -> T | None:
    """``decode`` of the checked value of a previous entry, when it was checked under ``context``."""
    checked = entry[3]
    if not (isinstance(checked, list) and len(checked) == 2 and checked[0] == context):
        return None
    return decode(checked[1])


def _entry(parse: list[Any], checked: list[Any] | None) -> str:
    return json.dumps([*parse, checked], ensure_ascii=False, separators=(",", ":"))


def origin(text: str, body_line: int, context: str | None) -> str:
    """The SHA-256 of the front matter of ``text`` (its lines before ``body_line``) and ``context`` (the
    default credit type): what the loader makes an activity from besides its path, its body and the files
    its certificates name (model.Activity.origin). A note edited leaves it as it was."""
    front = cut(text, body_line)[0]
    kind = "\0" if context is None else "\1" + context
    return hashlib.sha256(f"{kind}\0{front}".encode("utf-8", "surrogatepass")).hexdigest()


def cut(text: str, body_line: int) -> tuple[str, str]:
    """``text`` cut where its body starts (line ``body_line``, as split_front_matter cut it): the front
    matter with its fences, and the Markdown after it."""
    parts = text.split("\n", body_line - 1)
    if len(parts) < body_line:  # no line after the front matter
        return text, ""
    return "\n".join(parts[:-1]), parts[-1]
