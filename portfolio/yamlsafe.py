"""The safe YAML loader of the record's files (portfolio.source says what it refuses and keeps; it imports this
module only when a file must be parsed).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import yaml

from portfolio.errors import Diagnostic, RecordError
from portfolio.source import MAX_YAML_BYTES, LDict, LList, plain_number

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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


def _number(loader: _Loader, node: yaml.ScalarNode) -> Decimal | None:
    """The scalar as a plain decimal number; otherwise record why not and return None."""
    try:
        return plain_number(str(node.value))
    except ValueError as problem:
        loader.problems.append((loader._line(node), str(problem)))
        return None


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
