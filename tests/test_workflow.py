"""The issue's "done when": spreadsheet + hospital export → a checked, reconciled git record in three commands."""

from __future__ import annotations

import json
from pathlib import Path

from builder import run_in
from gitrepo import commit, git

SPREADSHEET = (
    "\ufeffDate,Activity Title,Provider,Credit Type,Credits Earned\r\n"
    "3/4/2026,Medicine Grand Rounds – Sepsis,University Hospital CME Office,AMA PRA Category 1,1\r\n"
    "3/11/2026,Medicine Grand Rounds – Heart Failure,University Hospital CME Office,AMA PRA Category 1,1\r\n"
    '3/20/2026,"ACP Meeting, Day 1",American College of Physicians,AMA PRA Category 1,6.5\r\n'
)
HOSPITAL = (
    "Completion Date;Activity;Credit Type;Hours\r\n"
    "03/04/2026;MEDICINE GRAND ROUNDS: SEPSIS;AMA PRA Category 1 Credit™;1,00\r\n"
    "03/11/2026;Medicine Grand Rounds: Heart Failure;AMA PRA Category 1 Credit™;1,00\r\n"
)


def _run(cwd: Path, *args: str) -> tuple[int, str]:
    run = run_in(cwd, *args)
    return run.code, run.out + run.err


def test_three_commands(tmp_path: Path):
    (tmp_path / "cme-log.csv").write_text(SPREADSHEET, encoding="utf-8", newline="")
    (tmp_path / "hospital.csv").write_text(HOSPITAL, encoding="utf-8", newline="")
    record = tmp_path / "cme"
    assert _run(tmp_path, "init", "cme")[0] == 0
    code, out = _run(record, "import", "../cme-log.csv", "--date-format", "%m/%d/%Y")
    assert code == 0, out
    assert "3 activities written, 0 skipped (already recorded), 0 bad" in out
    code, out = _run(
        record,
        "reconcile",
        "../hospital.csv",
        "--provider",
        "University Hospital",
        "--date-format",
        "%m/%d/%Y",
    )
    assert code == 0, out
    assert "2 matched; they agree" in out
    code, out = _run(record / "content", "check")  # from a sub-folder, too
    assert code == 0, out
    commit(record, "2026-03-21")
    assert git(record, "rev-list", "--count", "HEAD").strip() == "1"  # init made the repository
    code, out = _run(record, "build", "--no-pdf", "--as-of", "2026-11-25")
    assert code == 0, out
    data = json.loads((record / "site/transcript.json").read_text("utf-8"))
    recorded = {a["title"]: a["recorded_on"] for a in data["activities"]}
    assert recorded["ACP Meeting, Day 1"] == "2026-03-21"
