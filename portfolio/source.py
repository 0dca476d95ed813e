"""Reading the record's files: text decoding, front matter, and YAML that remembers where each key stood.

Only safe YAML is ever loaded (no tags that build Python objects), aliases are refused (no alias bombs,
no shared or cyclic structures), every float is kept exactly as a ``Decimal``, and dates stay text so that
an impossible date is reported by the validator with its line instead of crashing the YAML library. The
YAML loader itself is ``portfolio.yamlsafe``, imported when a file is first parsed (a rebuild takes its
activity files from the cache, portfolio.source_cache).
"""

from __future__ import annotations

import errno
import os
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from portfolio.errors import Diagnostic, RecordError

MAX_YAML_BYTES = (
    1_000_000  # a front matter or settings file larger than this is not a hand-written record
)


class LDict(dict):
    """A mapping from YAML that knows its own line and the line of each key."""

    __slots__ = ("line", "lines")

    def line_of(self, key: Any) -> int:
        return self.lines.get(key, self.line)


class LList(list):
    """A sequence from YAML that knows its own line and the line of each item."""

    __slots__ = ("line", "lines")

    def line_of(self, index: int) -> int:
        return self.lines[index] if index < len(self.lines) else self.line


# Only plain decimal notation is a number in a record. YAML 1.1 also reads 1:30 as 90 (base 60), 0x10 as 16,
# 010 as 8, 0b11 as 3, 1_0 as 10 and 1.0e+1 as 10: a credit written that way would count silently wrong.
_PLAIN_NUMBER = re.compile(r"[-+]?(?:(?:0|[1-9][0-9]*)(?:\.[0-9]*)?|\.[0-9]+)")
# No count, amount or share in a record has more digits; more is a slip of the keyboard.
MAX_DIGITS = 30


def plain_number(text: str) -> Decimal:
    """A number written in plain decimal notation, exactly; ValueError saying why for anything else.

    The one rule for every number in a record, so that ``new`` accepts exactly what ``check`` accepts.
    """
    text = text.strip()
    if not _PLAIN_NUMBER.fullmatch(text):
        raise ValueError(_not_plain(text))
    digits = sum(c.isdigit() for c in text)
    if digits > MAX_DIGITS:
        raise ValueError(
            f"a number with {digits} digits is not a value a record holds; is it a typo?"
            " (put it in quotes if it is text)"
        )
    return Decimal(text)


def _not_plain(text: str) -> str:
    shown = text if len(text) <= 20 else text[:17] + "..."
    bare = text.lstrip("+-")
    if not any(c.isdigit() for c in text):
        return f"{shown!r} is not a number; write digits with at most one dot, like 1.5"
    if ":" in text:
        why = "YAML reads a:b as a number in base 60 (1:30 would be 90)"
    elif bare[:2].lower() == "0x":
        why = "YAML reads 0x… as a hexadecimal number (0x10 would be 16)"
    elif bare[:2].lower() == "0b":
        why = "YAML reads 0b… as a binary number (0b11 would be 3)"
    elif "_" in text:
        why = "YAML ignores '_' inside a number (1_0 would be 10)"
    elif "e" in text.lower():
        why = "YAML reads an exponent (1.0e+1 would be 10)"
    elif bare.startswith("0") and "." not in bare:
        why = "YAML reads a whole number with a leading 0 as octal (010 would be 8)"
    else:
        why = "YAML reads it as a number in another notation"
    return (
        f"{shown!r} is not a plain decimal number: {why}; write digits with at most one dot,"
        " like 1.5, or put it in quotes if it is text"
    )


def load_yaml(text: str, path: str, line_offset: int = 0) -> Any:
    """Parse one YAML document safely; raise RecordError with every problem and its line.

    ``line_offset`` is the number of lines before the YAML text in its file (1 for front matter).
    """
    from portfolio import yamlsafe

    return yamlsafe.load_yaml(text, path, line_offset)


@dataclass(frozen=True)
class Document:
    """A Markdown file split into its front matter (parsed) and its body (text)."""

    meta: LDict
    body: str
    body_line: int  # line number of the body's first line


def read_text(path: Path | str, shown: str) -> str:
    """Read a record file as UTF-8 (a BOM is dropped, CRLF and CR become LF)."""
    try:
        data = _read_no_link(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # the caller resolved links already: this one appeared since
            message = "became a link while it was being read; check again"
        else:
            message = f"cannot read file: {exc.strerror or exc}"
        raise RecordError.single(shown, 0, message) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise RecordError.single(
            shown, line, f"file is not UTF-8 text (byte 0x{data[exc.start]:02x}); save it as UTF-8"
        ) from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        raise RecordError.single(
            shown,
            text[: text.index("\x00")].count("\n") + 1,
            "file contains NUL bytes; is it a binary file?",
        )
    return text


def _read_no_link(path: Path | str) -> bytes:
    """The file's bytes, read through a descriptor that does not follow a link at the last step."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        blocks = [os.read(fd, 1 << 16)]
        while blocks[-1]:
            blocks.append(os.read(fd, 1 << 20))
        return b"".join(blocks)
    finally:
        os.close(fd)


def links_out(folder: Path, shown: str) -> list[Diagnostic]:
    """An error for each link under ``folder`` that leads outside it (a theme file linked to /etc/passwd would
    be published or shown); ``shown`` is the folder as the user knows it."""
    inside = folder.resolve()
    problems = []
    for path in sorted(folder.rglob("*")):
        if not path.is_symlink():
            continue
        try:
            real = path.resolve(strict=True)
        except (OSError, RuntimeError):
            continue  # a broken link is never read
        if not real.is_relative_to(inside):
            rel = os.fsencode(path.relative_to(folder)).decode("utf-8", "replace")
            message = (
                f"is a link to a file outside {shown}/; it may use only its own files"
                " (copy the file in instead of linking it)"
            )
            problems.append(Diagnostic(f"{shown}/{rel}", 0, "error", message))
    return problems


def front_matter_end(lines: list[str]) -> int | None:
    """The index of the line that closes the front matter opened by ``lines[0]``; None when none does."""
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return index
    return None


def split_front_matter(text: str, shown: str) -> Document:
    """Split ``---``-fenced YAML front matter from the Markdown body and parse it."""
    if not text.strip():
        raise RecordError.single(
            shown, 1, "file is empty; an activity needs a front matter block between '---' lines"
        )
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        raise RecordError.single(
            shown,
            1,
            "no front matter: the file must start with a line '---', then the fields, then '---'",
        )
    index = front_matter_end(lines)
    if index is None:
        raise RecordError.single(
            shown, 1, "front matter is not closed: add a line '---' after the fields"
        )
    meta = load_yaml("\n".join(lines[1:index]), shown, line_offset=1)
    if meta is None:
        raise RecordError.single(
            shown, 2, "front matter is empty; an activity needs at least title, date and provider"
        )
    if not isinstance(meta, LDict):
        raise RecordError.single(
            shown, 2, f"front matter must be 'key: value' lines, not a {_kind(meta)}"
        )
    body = "\n".join(lines[index + 1 :])
    return Document(meta=meta, body=body, body_line=index + 2)


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "plain text"
    return type(value).__name__


# ---------------------------------------------------------------- notes

# Python-Markdown does quadratic (or deeply recursive) work on some inputs: 20,000 unclosed '[' take a minute,
# a list nested 1,000 deep overflows the stack, 3,000 deep takes gigabytes; its cost grows with the count of
# such characters times the note's length. A note is a person's reflection on an activity (a few thousand
# characters), so these bounds are far above a real one and keep the worst note under about a second
# (measured); checked at load, so `check` refuses exactly what `build` would.
MAX_NOTE_CHARS = 50_000
MAX_NOTE_LINES = 1_500
MAX_NESTING = 20  # lists and quotes inside each other
MAX_UNCLOSED_BRACKETS = 20  # '[' with no ']' after it in the same paragraph
MAX_ANGLE_BRACKETS = 500
MAX_SPECIAL_LINES = 50  # abbreviation definitions '*[…]:' and definition-list lines ': …'
_CONTAINER = re.compile(r" {0,3}(?:>|[-+*] |[-+*]$|\d{1,9}[.)] |\d{1,9}[.)]$)")
_FENCE = re.compile(r" {0,3}(```|~~~)")


def note_problem(body: str) -> tuple[int, str] | None:
    """(line within the body, message) when a note is beyond what the build renders safely; else None."""
    tail = "; shorten the note, or keep a long document as a file and link to it"
    if len(body) > MAX_NOTE_CHARS:
        return 1, f"the note has {len(body):,} characters, more than {MAX_NOTE_CHARS:,}{tail}"
    lines = body.split("\n")
    if len(lines) > MAX_NOTE_LINES:
        return 1, f"the note has {len(lines):,} lines, more than {MAX_NOTE_LINES:,}{tail}"
    if body.count("<") > MAX_ANGLE_BRACKETS:
        return 1, f"the note has more than {MAX_ANGLE_BRACKETS:,} '<' characters{tail}"
    fenced = False
    unclosed = special = 0
    depth_open = 0  # '[' still open in the current paragraph
    for number, line in enumerate(lines, 1):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        if not line.strip():
            unclosed += depth_open
            depth_open = 0
        depth = _nesting(line) if line[:1] in _MAY_NEST else 0
        if depth > MAX_NESTING:
            return number, (
                f"lists or quotes are nested {depth} levels deep here, more than {MAX_NESTING}{tail}"
            )
        stripped = line.lstrip()
        if stripped.startswith(("*[", ": ")):
            special += 1
            if special > MAX_SPECIAL_LINES:
                return number, (
                    f"more than {MAX_SPECIAL_LINES} abbreviation or definition lines{tail}"
                )
        if "[" in line:
            depth_open = _brackets(line, depth_open)
            if unclosed + depth_open > MAX_UNCLOSED_BRACKETS:
                return number, (
                    f"more than {MAX_UNCLOSED_BRACKETS} '[' without a closing ']' (write \\[ for a"
                    f" bracket that is not a link){tail}"
                )
    return None


_MAY_NEST = frozenset(" >-+*0123456789")


def _brackets(line: str, open_count: int) -> int:
    """'[' still open after ``line``; an escaped \\[ or \\] is text."""
    if "]" not in line and "\\" not in line:
        return open_count + line.count("[")
    escaped = False
    for char in line:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            open_count += 1
        elif char == "]" and open_count:
            open_count -= 1
    return open_count


def _nesting(line: str) -> int:
    """How many lists and quotes a line sits in: one per marker, one per four spaces of indent."""
    depth = 0
    position = 0
    while True:
        indent = len(line) - position - len(line[position:].lstrip(" "))
        depth += indent // 4
        position += indent - indent % 4
        found = _CONTAINER.match(line, position)
        if not found:
            return depth
        depth += 1
        position = found.end()
        if depth > MAX_NESTING:
            return depth
