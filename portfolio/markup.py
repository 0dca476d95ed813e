"""Notes: an activity's Markdown body → safe HTML, in the render stage (never in a template).

Markdown (tables, fenced code, lists, links) is rendered with Python-Markdown, then sanitized with nh3 so that
raw ``<script>``, event-handler attributes (``onerror=`` …), ``style`` and ``javascript:`` URLs never reach a
page, whatever the body holds. Images are dropped too: a note must never make a page fetch anything (a remote
``<img>`` would leak the reader's visit to a third party); link to a file instead. The result is marked safe
for Jinja only after sanitizing, and it is passed to templates as a value: notes are never compiled as Jinja,
so ``{{ 7*7 }}`` in a note shows literally.
"""

from __future__ import annotations

import markdown
import nh3
from markupsafe import Markup


# Python-Markdown's extensions the notes use. Given as objects: by name, Markdown would look each up among
# the installed packages' entry points (importlib.metadata), about 35 ms of every build that renders a note.
def _extensions() -> list[markdown.extensions.Extension]:
    from markdown.extensions.abbr import AbbrExtension
    from markdown.extensions.def_list import DefListExtension
    from markdown.extensions.fenced_code import FencedCodeExtension
    from markdown.extensions.sane_lists import SaneListExtension
    from markdown.extensions.tables import TableExtension

    return [
        TableExtension(),
        FencedCodeExtension(),
        SaneListExtension(),
        DefListExtension(),
        AbbrExtension(),
    ]


ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "dl",
    "dt",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "kbd",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "ol": {"start"},
    "code": {"class"},
}
URL_SCHEMES = {"http", "https", "mailto"}


def sanitize(html: str) -> str:
    """Keep only harmless markup: a fixed tag/attribute list, http(s)/mailto or relative URLs."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def render_notes(body: str) -> Markup:
    """The note's HTML, sanitized; an empty Markup for an empty body."""
    if not body.strip():
        return Markup("")
    html = _converter().reset().convert(body)
    return Markup(sanitize(html).strip())


_CONVERTER: markdown.Markdown | None = None


def _converter() -> markdown.Markdown:
    """One Markdown instance for the whole build: building one per note costs more than converting the note."""
    global _CONVERTER
    if _CONVERTER is None:
        _CONVERTER = markdown.Markdown(extensions=_extensions(), output_format="html")
    return _CONVERTER


# ---------------------------------------------------------------- cache

CACHE_FILE = ".portfolio-cache/notes.json"


def _cache_version() -> str:
    """Changes whenever the rendering could change: this module's code, Markdown's and nh3's versions."""
    import hashlib
    from pathlib import Path

    from portfolio.freshness import library_versions

    code = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
    versions = library_versions(("markdown", "nh3"))
    return f"{code}|markdown {versions['markdown']}|nh3 {versions['nh3']}"


def note_key(body: str) -> str:
    import hashlib

    return hashlib.sha256(body.encode("utf-8")).hexdigest()


class NotesCache:
    """Rendered notes from the previous build, keyed on the SHA-256 of each body (never private notes)."""

    def __init__(self, entries: dict[str, str] | None = None, trusted: bool = False):
        self.version = _cache_version()
        self.previous = entries or {}
        self.trusted = trusted  # the file is the one a build wrote, unchanged since (see load)
        self.current: dict[str, str] = {}
        self.reused = 0

    @classmethod
    def load(cls, site: object, trusted: bool = False) -> NotesCache:
        """Read the cache a previous build left in ``site`` (a Path); anything unreadable means no cache.

        ``trusted``: the build's stamp shows the file is the one it wrote (portfolio.reuse), so its notes
        were sanitized when they were written; otherwise each is sanitized again as it is reused.
        """
        import json
        from pathlib import Path

        cache = cls(trusted=trusted)
        if isinstance(site, Path):
            try:
                data = json.loads((site / CACHE_FILE).read_text(encoding="utf-8"))
                if data.get("version") == cache.version and isinstance(data.get("notes"), dict):
                    cache.previous = {k: v for k, v in data["notes"].items() if isinstance(v, str)}
            except (OSError, ValueError, AttributeError):
                pass
        return cache

    def get(self, key: str) -> str | None:
        html = self.previous.get(key)
        if html is not None:
            if not self.trusted:
                # Sanitized again (cheap next to Markdown): the previous site is only a file anyone could edit.
                html = sanitize(html).strip()
            self.reused += 1
            self.current[key] = html
        return html

    def put(self, key: str, html: str) -> None:
        self.current[key] = html

    def dump(self) -> str:
        # What json.dumps(..., indent=0, ensure_ascii=False) writes (one note a line), made of one-line
        # pieces: with an indent, json.dumps takes its pure-Python path (10,000 notes: 0.2 s more). Each
        # piece is what json.dumps(value, ensure_ascii=False) returns for a string, without making a
        # JSONEncoder for each.
        from json.encoder import encode_basestring as text

        notes = ",\n".join(f"{text(k)}: {text(v)}" for k, v in sorted(self.current.items()))
        notes = "{\n" + notes + "\n}" if notes else "{}"
        return '{\n"version": ' + text(self.version) + ',\n"notes": ' + notes + "\n}\n"
