"""The built-in theme's templates, compiled to Python ahead of time (issue 12: one-edit rebuilds).

Jinja turns each template into Python source and compiles it, on every build: for the activity page with the
templates it extends and imports, about 30 ms — a tenth of a one-edit rebuild of 1,000 activities, which
renders that one page. The built-in templates only change with portfolio itself, so they are compiled once,
by ``python -m portfolio.precompiled`` (with Jinja's own ``Environment.compile_templates``), into
``portfolio/compiled/`` beside a manifest, and loaded from there with Jinja's ``ModuleLoader``.

A compiled template is used only when the manifest says it was made from the template's current bytes, by
this version of Jinja, for an environment with the same settings, filters and tests as the one loading it,
and the compiled file is the one the manifest names (its SHA-256); anything else (a template edited without
compiling again, another Jinja, a damaged file) is compiled from its source, as before — slower, never
different. Errors are reported at the template's own file and line. ``tests/test_precompiled.py`` checks that the committed files are what
compiling now gives, and that pages are the same bytes either way. A theme of the user's own is always
compiled from its source: nothing is ever written outside ``site/``.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from pathlib import Path
from typing import Any

import jinja2
from jinja2.utils import _PassArg

from portfolio.theme import BUILTIN

FOLDER = Path(__file__).parent / "compiled"
MANIFEST = FOLDER / "manifest.json"


def settings(env: jinja2.Environment) -> list[Any]:
    """What of an environment goes into the Python Jinja makes of a template (besides the template)."""
    return [
        jinja2.__version__,
        env.block_start_string,
        env.block_end_string,
        env.variable_start_string,
        env.variable_end_string,
        env.comment_start_string,
        env.comment_end_string,
        env.line_statement_prefix,
        env.line_comment_prefix,
        env.trim_blocks,
        env.lstrip_blocks,
        env.newline_sequence,
        env.keep_trailing_newline,
        repr(env.autoescape),
        env.optimized,
        env.finalize is None,
        env.is_async,
        sorted(env.extensions),
        # The code calls a filter or test by name, passing the context or not as it was at compile time.
        sorted([name, str(_PassArg.from_obj(f))] for name, f in env.filters.items()),
        sorted([name, str(_PassArg.from_obj(f))] for name, f in env.tests.items()),
    ]


def _digest(name: str, folder: Path = BUILTIN) -> str | None:
    try:
        return hashlib.sha256((folder / name).read_bytes()).hexdigest()
    except OSError:
        return None


def templates() -> list[str]:
    """Every template of the built-in theme, by the name a loader knows it."""
    return sorted(
        p.relative_to(BUILTIN).as_posix()
        for p in BUILTIN.rglob("*.html")
        if "static" not in p.relative_to(BUILTIN).parts
    )


class Loader(jinja2.ModuleLoader):
    """The built-in templates from FOLDER when compiled from their current bytes for such an environment;
    TemplateNotFound otherwise (the next loader compiles them from source). Their source is the built-in
    theme's file, for whoever asks (portfolio.reuse parses it)."""

    def __init__(self) -> None:
        super().__init__(str(FOLDER))
        self.source = jinja2.FileSystemLoader(str(BUILTIN))
        try:
            self.manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.manifest = {}
        self.checked: dict[int, bool] = {}  # id(environment) → its settings are the manifest's

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Any]:
        return self.source.get_source(environment, template)

    def fresh(self, environment: jinja2.Environment, name: str) -> bool:
        """Whether FOLDER holds ``name`` compiled from its current bytes for ``environment``."""
        if not isinstance(self.manifest, dict) or not isinstance(
            self.manifest.get("templates"), dict
        ):
            return False
        same = self.checked.get(id(environment))
        if same is None:
            same = self.checked[id(environment)] = self.manifest.get("settings") == json.loads(
                json.dumps(settings(environment))
            )
        wanted = self.manifest["templates"].get(name)
        module = self.manifest.get("modules", {}).get(name)
        return (
            same
            and wanted is not None
            and wanted == _digest(name)
            and module is not None
            and module == _digest(self.get_template_key(name) + ".py", FOLDER)
        )

    def load(
        self,
        environment: jinja2.Environment,
        name: str,
        globals: Any = None,  # noqa: A002 (Jinja's name)
    ) -> jinja2.Template:
        if not self.fresh(environment, name):
            raise jinja2.TemplateNotFound(name)
        try:
            template = super().load(environment, name, globals)
        except Exception:  # a compiled file that will not load: compiled from its source instead
            raise jinja2.TemplateNotFound(name) from None
        # Where an error in it is reported (cli.template_problem): the template, not the compiled module.
        template.filename = str(BUILTIN / name)
        return template


def write(env: jinja2.Environment, folder: Path = FOLDER) -> list[str]:
    """Compile every built-in template for ``env`` into ``folder``, with its manifest; the names written."""
    names = templates()
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("tmpl_*.py"):
        old.unlink()
    # Python trusts a compiled module's .pyc by the source's time and size: a file written again within
    # the same second at the same size could be imported from its old .pyc.
    shutil.rmtree(folder / "__pycache__", ignore_errors=True)
    plain = env.overlay(
        loader=jinja2.FileSystemLoader(str(BUILTIN))
    )  # one that lists its templates
    plain.compile_templates(
        str(folder), filter_func=lambda name: name in names, zip=None, ignore_errors=False
    )
    manifest = {
        "note": "made by `python -m portfolio.precompiled`; do not edit (see portfolio/precompiled.py)",
        "settings": settings(env),
        "templates": {name: _digest(name) for name in names},
        "modules": {
            name: _digest(jinja2.ModuleLoader.get_template_key(name) + ".py", folder)
            for name in names
        },
    }
    (folder / "manifest.json").write_text(
        json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    return names


def main() -> int:
    """``python -m portfolio.precompiled``: compile the built-in templates again (after editing one)."""
    from portfolio.render import environment  # the environment every build renders with

    names = write(environment([BUILTIN]))
    print(f"compiled {len(names)} templates into {FOLDER}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
