"""Themes: where a site's and a transcript's templates and static files come from, in one place.

A theme is a folder ``themes/<name>/`` beside ``content/``: its templates replace the built-in ones of the
same name (``portfolio/themes/default/``), which stay reachable as ``!default/<name>``; its ``static/`` files
are copied to ``site/static/``; its ``pdf/`` folder holds the transcript's template and style. The profile
names the theme (``site.theme``); ``missing_theme`` is the one check of that name, at load and at render.
"""

from __future__ import annotations

from pathlib import Path

from portfolio.errors import RecordError
from portfolio.source import links_out

BUILTIN_THEMES = Path(__file__).parent / "themes"
BUILTIN = BUILTIN_THEMES / "default"


def missing_theme(root: Path, theme: str) -> str | None:
    """What is wrong with the theme named in the profile, or None: the one check, at load and at render."""
    if theme == "default" or (root / "themes" / theme).is_dir():
        return None
    return f"theme '{theme}' not found: create themes/{theme}/ or use theme: default"


def theme_dirs(root: Path, name: str) -> list[Path]:
    """Folders searched for templates and static files, first match wins."""
    builtin = BUILTIN
    user = root.resolve() / "themes" / name  # absolute: the PDF stage turns these into file: URLs
    if problem := missing_theme(root, name):  # checked at load too; it can vanish since (serve)
        raise RecordError.single("content/portfolio.yaml", 0, problem)
    if user.is_dir() and user != builtin:
        problems = links_out(user, f"themes/{name}")
        if problems:
            raise RecordError(problems)
    return [d for d in (user, builtin) if d.is_dir()] if user != builtin else [builtin]


def static_files(dirs: list[Path]) -> dict[str, Path]:
    """Site path → source of every file under each theme's static/ folder; the first theme dir wins."""
    found: dict[str, Path] = {}
    for theme in reversed(dirs):  # built-in first, so the user's files replace its files
        static = theme / "static"
        if not static.is_dir():
            continue
        for path in sorted(static.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                # a link inside the theme (links out are refused): copied from where it leads
                source = path.resolve() if path.is_symlink() else path
                found["static/" + path.relative_to(static).as_posix()] = source
    return dict(sorted(found.items()))


def pdf_files(root: Path, name: str) -> list[tuple[str, Path]]:
    """Every file under pdf/ in the theme folders, first match wins (what the cache hash covers)."""
    seen: dict[str, Path] = {}
    for folder in theme_dirs(root, name):
        for path in sorted((folder / "pdf").rglob("*")) if (folder / "pdf").is_dir() else []:
            if path.is_file():
                seen.setdefault(path.relative_to(folder).as_posix(), path)
    builtin = BUILTIN / "pdf"
    for path in sorted(builtin.rglob("*")):  # reachable as "!default/pdf/…" from a user template
        if path.is_file():
            seen.setdefault("!default/" + path.relative_to(builtin.parent).as_posix(), path)
    return sorted(seen.items())
