"""Git habits: `init` starts a repository with .gitignore and a pre-commit hook, `--ci github`, the hook file."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import yaml
from gitrepo import init

from portfolio import cli


def _init(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = cli.main(["init", *args])
    return code, out.getvalue()


def test_init_starts_a_repository_that_ignores_the_build(tmp_path: Path):
    code, out = _init(str(tmp_path / "cme"))
    assert code == 0
    assert "started a git repository there (git init)" in out
    assert (tmp_path / "cme/.git").is_dir()
    assert (tmp_path / "cme/.gitignore").read_text().splitlines()[1:] == [
        "/site/",
        "/transcript-*.pdf",
    ]
    hooks = yaml.safe_load((tmp_path / "cme/.pre-commit-config.yaml").read_text())
    (hook,) = hooks["repos"][0]["hooks"]
    assert hook["entry"] == "portfolio check" and hook["pass_filenames"] is False
    assert not (tmp_path / "cme/.github").exists()


def test_init_inside_a_repository_does_not_nest_one(tmp_path: Path):
    init(tmp_path)
    code, out = _init(str(tmp_path / "records/cme"))
    assert code == 0
    assert f"already in the git repository {tmp_path}" in out
    assert not (tmp_path / "records/cme/.git").exists()


def test_init_without_git_says_so(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "nothing"))
    code, out = _init(str(tmp_path / "cme"))
    assert code == 0
    assert "git is not installed" in out
    assert (tmp_path / "cme/content/portfolio.yaml").is_file()


def test_ci_github_workflow_checks_and_builds_on_push(tmp_path: Path):
    code, out = _init(str(tmp_path / "cme"), "--ci", "github")
    assert code == 0
    flow = yaml.safe_load((tmp_path / "cme/.github/workflows/portfolio.yml").read_text())
    assert flow[True] == ["push", "pull_request"]  # YAML 1.1 reads the key 'on' as True
    runs = [step.get("run", "") for step in flow["jobs"]["check-and-build"]["steps"]]
    assert "portfolio check" in runs and "portfolio build" in runs
    # this test runs from an editable install: no address another machine can reach, so the user is told
    assert "Set PORTFOLIO_PACKAGE" in out


def test_pre_commit_hooks_file_of_this_repository(repo: Path):
    (hook,) = yaml.safe_load((repo / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "portfolio-check"
    assert hook["entry"] == "portfolio check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
