"""One-edit rebuilds (issue 12, item 10): keep every file of the previous site whose inputs did not change.

Each file a build writes gets a *key*: a SHA-256 of everything its bytes are made from. The stamp a build
leaves in ``site/.portfolio-cache/inputs.json`` (portfolio.freshness) lists every file with its ``stat`` and
its key. The next build computes each file's key before making it; when the previous site has that file
with the same key, and the file's ``stat`` is still the one in the stamp (so nobody edited or replaced it —
any write sets a file's ctime, which no program can set back), the file is hard-linked into the new site
(copied where links are not possible) instead of rendered again.

What a page's key covers:

- the *software*: the bytes of every file of this package (the built-in theme included) and the versions of
  Python and the libraries (``freshness.software_key``), every file of the user's theme, and the options a
  template sees everywhere (``date_format``, whether the site has a PDF, the as-of date, the profile, whether
  there is a git history);
- the template and the page's path;
- the values of the names the template (with every template it extends, includes or imports) reads from its
  context, found by Jinja's own analysis of the parsed templates (``jinja2.meta``). A template that reads
  ``site`` or ``ev`` — the whole record — or names a template only known at run time is rendered on every
  build: its key would have to cover everything. The built-in activity and requirement pages read only their
  own item (``item``, ``req``) and the shared names above.

Values are hashed as ``pickle`` bytes: equal bytes unpickle to equal values, and a page is a function of the
values it reads, so equal keys mean equal pages. The pickler runs without its memo (``Pickler.fast``), so the
bytes do not depend on which equal values are the same object — an activity checked in this build and one
taken from the cache (portfolio.source_cache) give the same bytes. The converse need not hold (a set's order
changes between runs): that only renders a page that could have been kept.
A certificate's key is its SHA-256, which the loader checked against the file in ``content/``.

A page is never kept across an encrypted build (which writes no stamp), and a build with ``--force`` keeps
nothing. ``tests/test_incremental.py`` compares incremental and clean builds byte for byte after random
edits, additions, deletions, theme and profile changes.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import io
import json
import operator
import os
import pickle
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta, nodes

from portfolio import freshness

# Names that hold the whole record: a template reading them is rendered on every build.
WHOLE_RECORD = frozenset({"site", "ev"})


def as_stamped(path: Path | str, fingerprint: str) -> bool:
    """Whether the file at ``path`` still has the status the stamp recorded (False when it is gone)."""
    try:
        return freshness.site_fingerprint(os.lstat(path)) == fingerprint
    except OSError:
        return False


class Stale(Exception):
    """A file of the previous site a build chose to keep is not as the stamp recorded: render again, keeping
    only the files that are (Previous.as_they_are)."""


class Previous:
    """The files of the previous site that a new build may keep: path → (stat when stamped, key)."""

    def __init__(self, site: Path | None, entries: dict[str, tuple[str, str]] | None = None):
        self.site = site
        self.entries = entries or {}
        self.kept = 0

    @classmethod
    def load(cls, site: Path | None, stored: dict[str, Any] | None = None) -> Previous:
        """What the stamp in ``site`` says (``stored``: that stamp, when the caller read it already); an
        absent, damaged or foreign stamp keeps nothing."""
        if site is None:
            return cls(None)
        try:
            if stored is None:
                stored = json.loads((site / freshness.STAMP).read_text(encoding="utf-8"))
            files, keys = stored["files"], stored["keys"]
            entries = {
                rel: (files[rel], key)
                for rel, key in keys.items()
                if isinstance(key, str) and isinstance(files.get(rel), str)
            }
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls(site)
        return cls(site, entries)

    def untouched(self, rel: str) -> bool:
        """Whether the previous site's file ``rel`` has the bytes that build wrote (hashed again: for a small
        file whose bytes are trusted, a ctime in the same clock tick as the build's write is not enough)."""
        entry = self.entries.get(rel)
        if self.site is None or entry is None or not entry[1].startswith("sha256:"):
            return False
        try:
            with open(self.site / rel, "rb") as handle:
                return copy_key(hashlib.file_digest(handle, "sha256").hexdigest()) == entry[1]
        except OSError:
            return False

    def keep(self, rel: str, key: str) -> tuple[str, str] | None:
        """The previous site's file ``rel`` (and its stat as stamped) when it was made from ``key``. Whether
        it is still as it was written is checked when the site is written (publish.write_atomically)."""
        entry = self.entries.get(rel)
        if self.site is None or entry is None or entry[1] != key:
            return None
        self.kept += 1
        return os.path.join(self.site, rel), entry[0]

    def as_they_are(self) -> Previous:
        """The files that are still as the stamp recorded them: what a build may keep after one it chose was
        found changed (edited by hand since, or the site replaced by another build)."""
        if self.site is None:
            return Previous(None)
        entries = {
            rel: entry
            for rel, entry in self.entries.items()
            if as_stamped(os.path.join(self.site, rel), entry[0])
        }
        return Previous(self.site, entries)


NAMES_FILE = ".portfolio-cache/templates.json"


class TemplateNames:
    """The context names each template may read, with every template it extends, includes or imports.

    Parsing the templates costs a one-edit rebuild more than rendering its page, so what each template's
    parse found is kept in NAMES_FILE, keyed on the SHA-256 of its name, file and source, for the next build
    (made by this software, and read only when the stamp vouches for its bytes, like the other caches)."""

    def __init__(
        self,
        env: jinja2.Environment,
        builtin: Path,
        software: str = "",
        known: dict[str, Any] | None = None,
    ):
        self.env = env
        self.builtin = builtin
        self.software = software
        self.known = known or {}  # the previous build's parses: key → [names, referenced templates]
        self.found: dict[str, Any] = {}  # this build's, for the next
        # each template parsed once: (its names, the templates it names, whether it is the built-in one)
        self.own: dict[str, tuple[frozenset[str], tuple[str | None, ...], bool]] = {}

    @classmethod
    def load(
        cls, env: jinja2.Environment, builtin: Path, site: Path | None, software: str, trusted: bool
    ) -> TemplateNames:
        """With the parses NAMES_FILE in ``site`` holds, when ``trusted`` and made by ``software``."""
        known = None
        if site is not None and trusted:
            try:
                data = json.loads((site / NAMES_FILE).read_text(encoding="utf-8"))
                if data["software"] == software and isinstance(data["templates"], dict):
                    known = data["templates"]
            except (OSError, ValueError, KeyError, TypeError):
                known = None
        return cls(env, builtin, software, known)

    def dump(self) -> bytes:
        data = {"software": self.software, "templates": dict(sorted(self.found.items()))}
        return (json.dumps(data, separators=(",", ":")) + "\n").encode("utf-8")

    def _own(self, name: str) -> tuple[frozenset[str], tuple[str | None, ...], bool]:
        if name not in self.own:
            source, filename, _ = self.env.loader.get_source(self.env, name)  # type: ignore[union-attr]
            key = hashlib.sha256(
                f"{name}\0{filename}\0{source}".encode("utf-8", "surrogateescape")
            ).hexdigest()
            entry = self.known.get(key)
            if not _is_parse(entry):
                tree = self.env.parse(source, name, filename)
                # Every name the template loads, local ones too: more than it reads from its context, never
                # less (a context value is only ever reached through a Name node).
                loaded = {node.name for node in tree.find_all(nodes.Name) if node.ctx == "load"}
                entry = [sorted(loaded), list(meta.find_referenced_templates(tree))]
            self.found[key] = entry
            self.own[name] = (
                frozenset(entry[0]),
                tuple(entry[1]),
                filename is not None and Path(filename).parent == self.builtin,
            )
        return self.own[name]

    def __call__(self, name: str) -> tuple[frozenset[str], bool] | None:
        """(the names, whether every template involved is a built-in one); None when one of them names a
        template only at run time (its names cannot be known), or has a mistake (rendering reports it)."""
        try:
            return self._closure(name)
        except jinja2.TemplateError:
            return None

    def _closure(self, name: str) -> tuple[frozenset[str], bool] | None:
        names: set[str] = set()
        builtin = True
        seen: set[str] = set()
        todo = [name]
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            own, referenced, ours = self._own(current)
            names |= own
            builtin = builtin and ours
            for other in referenced:
                if other is None:
                    return None
                todo.append(other)
        return frozenset(names), builtin


def _is_parse(entry: Any) -> bool:
    """Whether a cached entry has the shape of a parse: [[name, …], [template or None, …]]."""
    return (
        isinstance(entry, list)
        and len(entry) == 2
        and isinstance(entry[0], list)
        and all(isinstance(n, str) for n in entry[0])
        and isinstance(entry[1], list)
        and all(n is None or isinstance(n, str) for n in entry[1])
    )


def theme_key(dirs: Iterable[Path]) -> str:
    """SHA-256 of every file of the theme folders a build renders with (names and bytes)."""
    digest = hashlib.sha256()
    for folder in dirs:
        for rel, path in freshness.walk(folder):
            with open(path, "rb") as handle:
                data = handle.read()
            digest.update(f"{folder}\0{rel}\0{len(data)}\0".encode("utf-8", "surrogateescape"))
            digest.update(data)
    return digest.hexdigest()


def _pickled(values: Any, dispatch: dict[type, Any] | None = None) -> memoryview:
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = (
        True  # no memo: equal values give equal bytes, shared or not (see the module's docstring)
    )
    pickler.dispatch_table = dispatch if dispatch is not None else _dispatch(with_body=True)
    pickler.dump(values)
    return buffer.getbuffer()


def value_key(*values: Any) -> bytes:
    """Bytes that differ whenever one of ``values`` differs (see the module's docstring)."""
    return bytes(_pickled(values))


# Built-in outputs that show the whole record but never an activity's notes: their key leaves every note
# out (``without_notes_key``), so a rebuild after an edit of notes alone keeps them. Each is checked by
# tests/test_reuse.py (the output with every note changed is the same bytes).
NOTES_BLIND_TEMPLATES = frozenset(
    {"index.html", "transcript.html", "archive.html", "topics.html", "requirement.html"}
)


@functools.cache
def _dispatch(with_body: bool) -> dict[type, Any]:
    """How an Activity is pickled for a key: by what it was made from when the loader says so
    (``Activity.origin``, with its path, certificates and — ``with_body`` — its body), else by its fields
    (``body`` left out unless ``with_body``)."""
    from portfolio.model import Activity

    names = [f.name for f in dataclasses.fields(Activity) if with_body or f.name != "body"]
    values = operator.attrgetter(*names)
    made_from = operator.attrgetter(
        "origin", "id", "source", "certificates", *(["body"] if with_body else [])
    )

    def reduce(activity: Activity) -> tuple[type, tuple[Any, ...]]:
        return Activity, (made_from(activity) if activity.origin else values(activity))

    return {Activity: reduce}


def without_notes_key(*values: Any) -> bytes:
    """SHA-256 of ``values`` pickled as value_key does, but every activity without its Markdown body (see
    NOTES_BLIND_TEMPLATES; the pages' views are made from the evaluation, which is what gets hashed). The
    evaluation refers to each activity from many places: each is hashed once and its digest stands in for
    it. A set (whose order changes between runs) only makes the key differ from run to run: a re-render,
    never a wrong page."""
    from portfolio.model import Activity

    own = _dispatch(with_body=False)[Activity]
    done: dict[int, tuple[type, tuple[bytes]]] = {}

    def reduce(activity: Activity) -> tuple[type, tuple[bytes]]:
        found = done.get(id(activity))
        if found is None:
            digest = hashlib.sha256(_pickled(own(activity)[1])).digest()
            found = done[id(activity)] = (Activity, (digest,))
        return found

    return hashlib.sha256(_pickled(values, {Activity: reduce})).digest()


def page_key(base: str, template: str, path: str, values: bytes) -> str:
    digest = hashlib.sha256()
    for part in (base.encode(), template.encode(), path.encode("utf-8", "surrogateescape")):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    digest.update(values)
    return "page:" + digest.hexdigest()


def copy_key(sha256: str) -> str:
    return "sha256:" + sha256


def export_key(software: str, name: str, record: bytes) -> str:
    """An export made by our own code from the evaluation alone (transcript.json/.csv, deadlines.ics):
    its key is the software and the record without notes, which no export shows."""
    return page_key(software, "export", name, record)
