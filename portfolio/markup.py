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

EXTENSIONS = ["tables", "fenced_code", "sane_lists", "def_list", "abbr"]

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
    html = markdown.markdown(body, extensions=EXTENSIONS, output_format="html")
    return Markup(sanitize(html).strip())
