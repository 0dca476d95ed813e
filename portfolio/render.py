"""Render stage: the evaluation → HTML pages through Jinja themes (STYLE.md "Themes").

Theme lookup is an ordered list: the user's themes/<name>/ → the built-in default theme. A user template can
reach the one it replaces with ``{% extends "!default/base.html" %}``. Autoescape is always on; notes are
Markdown rendered to HTML and sanitized with nh3 before any template sees them, and never run as Jinja.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from portfolio.errors import RecordError
from portfolio.evaluate import Evaluation

BUILTIN_THEMES = Path(__file__).parent / "themes"


def theme_dirs(root: Path, name: str) -> list[Path]:
    """Folders searched for templates and static files, first match wins."""
    builtin = BUILTIN_THEMES / "default"
    user = root / "themes" / name
    if name != "default" and not user.is_dir():
        raise RecordError.single(
            "content/portfolio.yaml",
            0,
            f"theme '{name}' not found: create themes/{name}/ or use theme: default",
        )
    return [d for d in (user, builtin) if d.is_dir()] if user != builtin else [builtin]


def environment(dirs: list[Path]) -> jinja2.Environment:
    loader = jinja2.ChoiceLoader(
        [
            jinja2.FileSystemLoader([str(d) for d in dirs]),
            jinja2.PrefixLoader(
                {"!default": jinja2.FileSystemLoader(str(BUILTIN_THEMES / "default"))}
            ),
        ]
    )
    return jinja2.Environment(
        loader=loader,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_site(ev: Evaluation, output) -> None:  # noqa: ANN001 - Output from portfolio.site
    """Add every HTML page, static asset and robots.txt of the site to ``output``."""
    record = ev.record
    env = environment(theme_dirs(record.root, record.profile.site.theme))
    page = env.get_template("index.html")
    output.add("index.html", page.render(ev=ev, profile=record.profile, root=""))
    output.add("robots.txt", "User-agent: *\nDisallow: /\n")
