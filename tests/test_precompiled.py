"""portfolio/precompiled.py: the built-in templates compiled ahead of time are current, used only when they
are, and make the same pages as compiling the templates from source."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jinja2
import pytest
from builder import PROFILE, RecordBuilder

from portfolio import precompiled, render, site
from portfolio.theme import BUILTIN

AS_OF = "2026-11-25"


def _code(template: jinja2.Template) -> Path:
    """The file the template's code was compiled from: a module in compiled/, or the template itself."""
    return Path(template.root_render_func.__code__.co_filename)


def _site_files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.relative_to(folder).as_posix().startswith(".portfolio-cache/")
    }


def test_the_committed_templates_are_what_compiling_them_now_gives(tmp_path: Path):
    """After editing a built-in template, run `python -m portfolio.precompiled` (this test says so)."""
    manifest = json.loads(precompiled.MANIFEST.read_text(encoding="utf-8"))
    env = render.environment([BUILTIN])
    names = precompiled.write(env, tmp_path / "again")
    assert "activity.html" in names and "pdf/transcript.html" in names
    loader = precompiled.Loader()
    if manifest["settings"][0] != jinja2.__version__:
        # Compiled with another Jinja: never used, every template is compiled from its source instead.
        assert not any(loader.fresh(env, name) for name in names)
        pytest.skip(f"compiled with Jinja {manifest['settings'][0]}, running {jinja2.__version__}")
    again = {p.name: p.read_bytes() for p in (tmp_path / "again").iterdir()}
    committed = {p.name: p.read_bytes() for p in precompiled.FOLDER.iterdir() if p.is_file()}
    assert committed == again, "run: python -m portfolio.precompiled"
    assert all(loader.fresh(env, name) for name in names)
    template = env.get_template("activity.html")
    assert _code(template).parent == precompiled.FOLDER
    assert template.filename == str(BUILTIN / "activity.html")  # where its errors are reported


def _fresh_compiled(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A compiled copy made now (so the tests below hold under any Jinja), used in place of the committed."""
    folder = tmp_path / "compiled"
    precompiled.write(render.environment([BUILTIN]), folder)
    monkeypatch.setattr(precompiled, "FOLDER", folder)
    monkeypatch.setattr(precompiled, "MANIFEST", folder / "manifest.json")
    return folder


def test_a_template_edited_since_it_was_compiled_is_compiled_from_its_source(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    folder = _fresh_compiled(monkeypatch, tmp_path)
    env = render.environment([BUILTIN])
    assert _code(env.get_template("activity.html")).parent == folder
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    manifest["templates"]["activity.html"] = "0" * 64  # as if the file had other bytes now
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    env = render.environment([BUILTIN])
    assert _code(env.get_template("activity.html")) == BUILTIN / "activity.html"
    assert _code(env.get_template("base.html")).parent == folder  # the others still are


@pytest.mark.parametrize(
    "change",
    [
        lambda env: setattr(env, "trim_blocks", False),
        lambda env: env.filters.update(amount=jinja2.pass_context(lambda ctx, value: value)),
        lambda env: env.filters.update(extra=str),
        lambda env: env.tests.update(odd_one=lambda value: True),
        lambda env: setattr(env, "autoescape", False),
    ],
)
def test_an_environment_with_other_settings_compiles_from_source(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, change
):
    _fresh_compiled(monkeypatch, tmp_path)
    env = render.environment([BUILTIN])
    loader = precompiled.Loader()
    assert loader.fresh(env, "activity.html")
    change(env)
    assert not precompiled.Loader().fresh(env, "activity.html")


def test_a_damaged_or_missing_manifest_compiles_from_source(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    folder = _fresh_compiled(monkeypatch, tmp_path)
    env = render.environment([BUILTIN])
    for text in ("not json", "[]", '{"templates": []}', None):
        if text is None:
            (folder / "manifest.json").unlink()
        else:
            (folder / "manifest.json").write_text(text, encoding="utf-8")
        assert not precompiled.Loader().fresh(env, "activity.html")
        env = render.environment([BUILTIN])
        assert _code(env.get_template("activity.html")) == BUILTIN / "activity.html"


def test_pages_are_the_same_bytes_compiled_ahead_or_from_source(
    rec: RecordBuilder, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    _fresh_compiled(monkeypatch, tmp_path)
    rec.activity(
        "a", title="Sepsis update", certificate=rec.certificate("a.pdf"), body="*Notes*.\n"
    )
    rec.activity("b", title="Airway", status="pending", claim_by="2026-12-01", topics="[airway]")
    rec.requirements(
        "requirements:\n  - {name: Any CME, credits: 5, credit_types: any, window: lifetime}\n"
    )
    used: list[str] = []
    real = precompiled.Loader.load

    def counting(self, environment, name, globals=None):  # noqa: ANN001, ANN202, A002
        template = real(self, environment, name, globals)
        used.append(name)
        return template

    monkeypatch.setattr(precompiled.Loader, "load", counting)
    site.build(rec.root, tmp_path / "ahead", AS_OF, pdf=False, reuse=False)
    assert {"activity.html", "base.html", "index.html", "macros.html"} <= set(used)
    monkeypatch.setattr(precompiled.Loader, "fresh", lambda self, env, name: False)
    used.clear()
    site.build(rec.root, tmp_path / "source", AS_OF, pdf=False, reuse=False)
    assert used == []
    ahead, source = _site_files(tmp_path / "ahead"), _site_files(tmp_path / "source")
    assert len(ahead) > 8 and ahead == source


def test_a_theme_template_wins_over_the_compiled_one(rec: RecordBuilder, tmp_path: Path):
    rec.activity("a", title="Sepsis update")
    rec.write("content/portfolio.yaml", PROFILE + "site: {title: CME, theme: mine}\n")
    rec.write(
        "themes/mine/activity.html",
        '{% extends "!default/activity.html" %}{% block title %}MINE {{ super() }}{% endblock %}',
    )
    site.build(rec.root, None, AS_OF, pdf=False)
    page = (rec.root / "site" / "activities" / "a.html").read_text(encoding="utf-8")
    assert "MINE" in page and "Sepsis update" in page
    shutil.rmtree(rec.root / "themes")
    rec.write("content/portfolio.yaml", PROFILE)
    site.build(rec.root, None, AS_OF, pdf=False)
    assert "MINE" not in (rec.root / "site" / "activities" / "a.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("damage", ["truncated", "edited", "gone"])
def test_a_damaged_compiled_file_is_not_used(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, damage: str
):
    """The manifest names each compiled file's SHA-256: one truncated, edited or gone is compiled from the
    template's source instead (and one that fails to load anyway falls back too, never a traceback)."""
    folder = _fresh_compiled(monkeypatch, tmp_path)
    module = folder / (jinja2.ModuleLoader.get_template_key("activity.html") + ".py")
    text = module.read_text(encoding="utf-8")
    if damage == "truncated":
        module.write_text(text[: len(text) // 3], encoding="utf-8")
    elif damage == "edited":
        module.write_text(
            text.replace("yield '<", "yield '<!-- edited -->\\n<", 1), encoding="utf-8"
        )
    else:
        module.unlink()
    env = render.environment([BUILTIN])
    assert not precompiled.Loader().fresh(env, "activity.html")
    assert _code(env.get_template("activity.html")) == BUILTIN / "activity.html"
    # a file that the manifest vouches for but that does not load: from source too
    precompiled.write(render.environment([BUILTIN]), folder)
    monkeypatch.setattr(jinja2.ModuleLoader, "load", lambda *a, **k: {}["blocks"])
    env = render.environment([BUILTIN])
    assert _code(env.get_template("activity.html")) == BUILTIN / "activity.html"


def test_writing_again_drops_the_old_bytecode(tmp_path: Path):
    folder = tmp_path / "compiled"
    precompiled.write(render.environment([BUILTIN]), folder)
    (folder / "__pycache__").mkdir()
    (folder / "__pycache__" / "tmpl_old.cpython-311.pyc").write_bytes(b"stale")
    precompiled.write(render.environment([BUILTIN]), folder)
    assert not (folder / "__pycache__").exists()


def test_an_error_in_a_compiled_template_is_reported_at_the_template(
    rec: RecordBuilder, monkeypatch: pytest.MonkeyPatch
):
    """A theme's macros.html that lacks the macros the built-in templates call: the error names the
    built-in template and its line, the same message as when it is compiled from source."""
    import re

    rec.activity("a", title="Sepsis update")
    rec.write("content/portfolio.yaml", PROFILE + "site: {title: CME, theme: mine}\n")
    rec.write("themes/mine/macros.html", "{% macro unrelated() %}x{% endmacro %}\n")
    ahead = rec.run("build", "--no-pdf", "--as-of", AS_OF)
    assert ahead.code == 1 and "Traceback" not in ahead.err
    assert re.search(r"themes/default/[a-z]+\.html:\d+: error: ", ahead.err), ahead.err
    monkeypatch.setattr(precompiled.Loader, "fresh", lambda self, env, name: False)
    source = rec.run("build", "--no-pdf", "--as-of", AS_OF)
    assert source.err == ahead.err
