"""A temporary git repository for tests: commits with chosen dates (GIT_AUTHOR_DATE / GIT_COMMITTER_DATE)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


def git(root: Path, *args: str, date: str | None = None) -> str:
    """Run git in ``root`` with a fixed identity; ``date`` (YYYY-MM-DD) back-dates a commit."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_") and k != "EMAIL"} | {
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Test Physician",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test Physician",
        "GIT_COMMITTER_EMAIL": "test@example.org",
    }
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{date}T12:00:00+00:00"
    done = subprocess.run(
        ["git", *args], cwd=root, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def init(root: Path) -> None:
    git(root, "init", "-q", "-b", "main")


def commit(root: Path, date: str, message: str = "record") -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, date=date)
