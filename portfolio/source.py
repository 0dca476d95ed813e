"""Reading the record's files: text decoding, front matter, and YAML that remembers where each key stood.

Only safe YAML is ever loaded (no tags that build Python objects), aliases are refused (no alias bombs,
no shared or cyclic structures), every float is kept exactly as a ``Decimal``, and dates stay text so that
an impossible date is reported by the validator with its line instead of crashing the YAML library.
"""

from __future__ import annotations

import errno
import os
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from portfolio.errors import Diagnostic, RecordError

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

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


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Safe loader (the C one where available) that records positions and keeps numbers exact."""

    line_offset = 0

    def __init__(self, stream: str, line_offset: int) -> None:
        super().__init__(stream)
        self.line_offset = line_offset
        self.problems: list[tuple[int, str]] = []

    def _line(self, node: yaml.Node) -> int:
        return node.start_mark.line + 1 + self.line_offset

    def resolve(self, kind: type, value: str | None, implicit: Any) -> str:
        # The implicit tag of a scalar depends only on its text (no path resolvers are registered), and a
        # record repeats the same keys and values in every file: remember the answer instead of running
        # PyYAML's regular expressions again for each of them.
        key = (kind, value, implicit)
        try:
            return _RESOLVED[key]
        except KeyError:
            tag = super().resolve(kind, value, implicit)
            if len(_RESOLVED) < _RESOLVED_MAX:
                _RESOLVED[key] = tag
            return tag


_RESOLVED: dict[tuple[type, str | None, Any], str] = {}
_RESOLVED_MAX = 100_000  # bounded: long unique titles need not all stay in memory
# Plain text is most of a record: its value is taken directly (exactly what SafeConstructor's
# construct_yaml_str returns), skipping PyYAML's generic dispatch. Written inline, not as a helper, so
# that nesting depth (and so where "nested too deeply" starts) stays what it was.
_STR = "tag:yaml.org,2002:str"
_Scalar = yaml.ScalarNode


def _construct_map(loader: _Loader, node: yaml.MappingNode) -> LDict:
    result = LDict()
    result.line = loader._line(node)
    result.lines = {}
    loader.flatten_mapping(node)
    offset = 1 + loader.line_offset
    for key_node, value_node in node.value:
        if key_node.tag == _STR and type(key_node) is _Scalar:
            key = key_node.value
        else:
            key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + offset
        if isinstance(key, (LDict, LList)) or not _hashable(key):
            loader.problems.append((line, "a key must be a plain word, not a list or mapping"))
            continue
        if key in result:
            loader.problems.append(
                (line, f"'{key}' is given twice (first on line {result.lines[key]})")
            )
            continue
        if value_node.tag == _STR and type(value_node) is _Scalar:
            result[key] = value_node.value
        else:
            result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = line
    return result


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def _construct_seq(loader: _Loader, node: yaml.SequenceNode) -> LList:
    result = LList(
        child.value
        if child.tag == _STR and type(child) is _Scalar
        else loader.construct_object(child, deep=True)
        for child in node.value
    )
    result.line = loader._line(node)
    offset = 1 + loader.line_offset
    result.lines = [child.start_mark.line + offset for child in node.value]
    return result


_SPECIAL_FLOATS = {
    ".inf": "Infinity",
    "+.inf": "Infinity",
    "-.inf": "-Infinity",
    ".nan": "NaN",
}


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


def _number(loader: _Loader, node: yaml.ScalarNode) -> Decimal | None:
    """The scalar as a plain decimal number; otherwise record why not and return None."""
    try:
        return plain_number(str(node.value))
    except ValueError as problem:
        loader.problems.append((loader._line(node), str(problem)))
        return None


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


def _construct_decimal(loader: _Loader, node: yaml.ScalarNode) -> Decimal | str:
    special = _SPECIAL_FLOATS.get(str(node.value).lower())
    if special is not None:  # .inf and .nan: the validators say "must be a finite number"
        return Decimal(special)
    number = _number(loader, node)
    return str(node.value) if number is None else number


def _construct_int(loader: _Loader, node: yaml.ScalarNode) -> int | str:
    number = _number(loader, node)
    return str(node.value) if number is None else int(number)


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode) -> str:
    return str(node.value)


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)
_Loader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)
_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def _check_graph(node: yaml.Node, loader: _Loader) -> None:
    """Refuse aliases: a node reached twice means `*alias` (the root of alias bombs and cycles)."""
    seen: set[int] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if id(current) in seen:
            raise _AliasFound(loader._line(current))
        seen.add(id(current))
        if isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                stack.extend((key, value))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)


def _find_cut_text(node: yaml.Node, text: str, loader: _Loader) -> None:
    """Refuse plain text cut short by ' #…': YAML starts a comment there, so `title: Module #2` is 'Module'.

    A comment that starts '# ' (hash, space) is taken as meant; '#2', '#4b' almost never are.
    """
    lines = text.split("\n")
    stack: list[tuple[yaml.Node, str | None]] = [(node, None)]
    while stack:
        current, key = stack.pop()
        if isinstance(current, yaml.MappingNode):
            for key_node, value in current.value:
                stack.append((value, str(key_node.value) if type(key_node) is _Scalar else None))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend((child, None) for child in current.value)
        elif current.tag == _STR and not current.style:  # plain (the C parser says "")
            end = current.end_mark
            rest = lines[end.line][end.column :] if end.line < len(lines) else ""
            comment = rest.lstrip(" \t")
            if (
                rest[:1] in (" ", "\t")
                and comment[:1] == "#"
                and comment[1:2] not in ("", " ", "\t")
            ):
                whole = f"{current.value} {comment}".replace("\\", "\\\\").replace('"', '\\"')
                written = f'{key}: "{whole}"' if key is not None else f'"{whole}"'
                loader.problems.append(
                    (
                        loader._line(current),
                        f"the text is cut at ' {comment[:12]}': YAML reads ' #' as the start of a"
                        f" comment, so the value is {current.value!r}; put the whole value in quotes:"
                        f" {written}",
                    )
                )


class _AliasFound(Exception):
    def __init__(self, line: int):
        self.line = line


def load_yaml(text: str, path: str, line_offset: int = 0) -> Any:
    """Parse one YAML document safely; raise RecordError with every problem and its line.

    ``line_offset`` is the number of lines before the YAML text in its file (1 for front matter).
    """
    if len(text) > MAX_YAML_BYTES:
        raise RecordError.single(path, 1, "YAML is larger than 1 MB; is this really a record file?")
    loader = _Loader(text, line_offset)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if "&" in text:  # without an anchor there can be no alias (an undefined one fails to parse)
            _check_graph(node, loader)
        if " #" in text or "\t#" in text:
            _find_cut_text(node, text, loader)
        data = loader.construct_document(node)
    except _AliasFound as found:
        raise RecordError.single(
            path,
            found.line,
            "YAML anchors and aliases (&name, *name) are not allowed; write the value out in full",
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 + line_offset) if mark else line_offset + 1
        raise RecordError.single(path, line, _yaml_message(exc)) from None
    except yaml.YAMLError as exc:
        raise RecordError.single(path, line_offset + 1, f"invalid YAML: {exc}") from None
    except RecursionError:
        raise RecordError.single(path, line_offset + 1, "YAML is nested too deeply") from None
    finally:
        loader.dispose()
    if loader.problems:
        raise RecordError(Diagnostic(path, line, "error", msg) for line, msg in loader.problems)
    return data


# The mistakes people make by hand, in words a non-programmer can act on.
_PLAIN_YAML = {
    "mapping values are not allowed": "a value contains ': ' (a colon and a space); put the whole value in quotes,"
    ' like title: "Sepsis: what\'s new"',
    "found character '\\t'": "a line starts with a Tab; use spaces",
    "tab character": "a line starts with a Tab; use spaces",
    "cannot start any token": "a line starts with a Tab, or a value starts with a character such as @ or `;"
    " use spaces, and put such a value in quotes",
    "could not find expected ':'": "a line is not 'field: value'; is the closing '---' line missing, or is note"
    " text above it?",
}


def _yaml_message(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or "invalid YAML"
    plain = _PLAIN_YAML.get(next((k for k in _PLAIN_YAML if k in problem), ""), "")
    if plain:
        return f"invalid YAML: {plain} ({problem})"
    if "nesting depth" in problem:  # libyaml ≥ 0.2.5 (PyYAML 6.0.4 wheels) limits depth itself
        return "YAML is nested too deeply"
    if "could not determine a constructor" in problem or "constructor for the tag" in problem:
        tag = problem.split("tag", 1)[-1].strip(" '").replace("tag:yaml.org,2002:", "!!")
        return f"YAML tag {tag!r} is not allowed (only plain values, lists and mappings)"
    if exc.context:
        return f"invalid YAML: {exc.context}, {problem}"
    return f"invalid YAML: {problem}"


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
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            break
    else:
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
