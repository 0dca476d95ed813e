"""The rule sets shipped inside the package (portfolio/rules/*.yaml): list them, print one, combine some.

Reachable without the repository: `portfolio rules` lists them, `portfolio rules NAME` prints one with its
sources, and `portfolio init --rules texas,dea-mate` starts a record with them as content/requirements.yaml.
Each file is a requirements.yaml of its own: comments with the rule's text and sources, then `requirements:`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from portfolio import __version__
from portfolio.errors import RecordError, did_you_mean

RULES = Path(__file__).parent / "rules"
_TOP = re.compile(r"^requirements:[ \t]*(#.*)?$", re.MULTILINE)


@dataclass(frozen=True)
class RuleSet:
    name: str  # the file's stem: 'texas'
    path: Path

    @property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")

    @property
    def title(self) -> str:
        """The file's first comment line: 'Texas — Texas Medical Board, physician registration renewal.'"""
        words: list[str] = []
        for line in self.text.splitlines():
            text = line.lstrip("#").strip() if line.startswith("#") else None
            if text is None or (not text and words):
                break  # the first paragraph of the leading comment
            if text:
                words.append(text)
        title = " ".join(words)
        first = re.match(r"(.+?\.)(\s|$)", title)
        return (first.group(1) if first else title) or self.name


def available() -> list[RuleSet]:
    """Every shipped rule set, by name."""
    if not RULES.is_dir():
        return []
    return [RuleSet(p.stem, p) for p in sorted(RULES.glob("*.yaml"))]


def find(names: Sequence[str], where: str = "--rules") -> list[RuleSet]:
    """The rule sets called ``names`` (in that order), or a RecordError (at ``where``) naming each unknown one."""
    known = {r.name: r for r in available()}
    found, problems = [], []
    for raw in names:
        name = raw.strip().lower().removesuffix(".yaml")
        if name in known:
            if known[name] not in found:
                found.append(known[name])
            continue
        listing = ", ".join(known) or "none"
        problems.append(f"no rule set named '{raw}'{did_you_mean(name, known)}; shipped: {listing}")
    if problems:
        raise RecordError.single(where, 0, "; ".join(problems))
    return found


def listing() -> str:
    """`portfolio rules`: one line per rule set, then how to use them."""
    sets = available()
    if not sets:
        return "No rule sets are installed with this copy of portfolio.\n"
    width = max(len(r.name) for r in sets)
    lines = [f"  {r.name.ljust(width)}  {r.title}" for r in sets]
    return (
        "Rule sets shipped with portfolio (starting points; each board's own text is the authority):\n"
        + "\n".join(lines)
        + "\n\nPrint one with its sources: portfolio rules NAME\n"
        "Start a record with some:   portfolio init --rules texas,dea-mate\n"
    )


def combined(sets: Sequence[RuleSet]) -> str:
    """One requirements.yaml holding every requirement of ``sets``, each after its own comments and sources."""
    names = ",".join(r.name for r in sets)
    parts = [
        f"# Copied by 'portfolio init --rules {names}' (portfolio {__version__}).\n"
        "# Each rule set keeps its sources and its list of what it cannot say; the boards' own texts are the\n"
        "# authority. Edit freely: this file is yours now.\n"
        "requirements:\n"
    ]
    for rule_set in sets:
        text = rule_set.text
        match = _TOP.search(text)
        if match is None:  # a shipped file always has one; a bug in the package if not
            raise ValueError(f"{rule_set.path} has no 'requirements:' line")
        header, body = text[: match.start()], text[match.end() :].lstrip("\n")
        parts.append(f"\n# ---- {rule_set.name} (portfolio rules {rule_set.name}) ----\n")
        parts.append("".join(f"{line}\n" for line in header.rstrip("\n").splitlines()))
        parts.append(body if body.endswith("\n") else body + "\n")
    return "".join(parts)


def licenses_needed(text: str) -> list[str]:
    """States whose license a requirements text ties windows to ({license: XX}), for init's next steps."""
    return sorted(set(re.findall(r"license:\s*([A-Za-z]{2})\b", text)), key=str.upper)
