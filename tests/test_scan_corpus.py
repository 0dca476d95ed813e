"""`portfolio scan` on the generated certificate corpus: per-field accuracy, text PDFs ≥ 95 %, images ≥ 80 %.

The corpus (tests/certificate_corpus.py) is rendered once per test session. Each certificate's fields are
compared with what it says; the table of misses is printed, so a failure shows which wording was misread.
"""

from __future__ import annotations

import json
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from builder import RecordBuilder
from certificate_corpus import Sample, samples, write_corpus

from portfolio import certificates, scan

FIELDS = scan.FIELDS
NO_OCR = certificates.ocr_problem()
NO_PDFTOPPM = shutil.which("pdftoppm") is None


def norm_text(value: object) -> object:
    if not isinstance(value, str):
        return value
    text = value.replace("™", "").replace("’", "'").replace("–", "-").replace("—", "-")
    text = re.sub(r"\s+", " ", text).strip().lower()
    return text.removeprefix("the ")


def norm_credits(value: object) -> object:
    if value is None:
        return None
    return sorted((c["type"], Decimal(str(c["amount"]))) for c in value)  # type: ignore[union-attr]


def agrees(field: str, got: object, want: object) -> bool:
    if field == "credits":
        return norm_credits(got) == norm_credits(want)
    return norm_text(got) == norm_text(want)


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Sample]]:
    folder = tmp_path_factory.mktemp("corpus")
    only = None
    if NO_OCR or NO_PDFTOPPM:  # the photos need pdftoppm to be made and Tesseract to be read
        only = {s.file for s in samples() if s.kind == "text"}
    return folder, write_corpus(folder, only)


def accuracy(folder: Path, samples: list[Sample], kind: str) -> tuple[float, list[str], dict]:
    chosen = [s for s in samples if s.kind == kind]
    assert chosen, f"no {kind} certificates in the corpus"
    results = scan_files([folder / s.file for s in chosen])
    right = total = 0
    misses = []
    per_field = {f: [0, 0] for f in FIELDS}
    for sample, got in zip(chosen, results, strict=True):
        for name in FIELDS:
            ok = agrees(name, got.get(name), sample.expected[name])  # an unread file: all wrong
            right += ok
            total += 1
            per_field[name][0] += ok
            per_field[name][1] += 1
            if not ok:
                misses.append(
                    f"{sample.file}: {name}: got {got.get(name, got.get('error'))!r}, "
                    f"want {sample.expected[name]!r}"
                )
    return right / total, misses, per_field


def scan_files(paths: list[Path]) -> list[dict]:
    rec = RecordBuilder(paths[0].parent.parent / "record-for-scan")
    run = rec.run("scan", "--json", *map(str, paths))
    assert run.code in (0, 1), run.err
    data = json.loads(run.out)
    assert [Path(d["file"]).name for d in data] == [p.name for p in paths]
    return data


def report(kind: str, score: float, misses: list[str], per_field: dict) -> str:
    fields = ", ".join(f"{f} {r}/{n}" for f, (r, n) in per_field.items())
    return f"{kind}: {score:.1%} of fields right ({fields})\n" + "\n".join(misses)


def test_text_pdfs_read_at_least_95_percent(corpus: tuple[Path, list[Sample]]) -> None:
    folder, samples = corpus
    assert sum(s.kind == "text" for s in samples) >= 15
    score, misses, per_field = accuracy(folder, samples, "text")
    print(report("text PDFs", score, misses, per_field))
    assert score >= 0.95, report("text PDFs", score, misses, per_field)


@pytest.mark.skipif(NO_OCR is not None, reason=f"Tesseract OCR is not installed here: {NO_OCR}")
@pytest.mark.skipif(NO_PDFTOPPM, reason="pdftoppm (poppler-utils) is needed to make the photos")
def test_photos_and_scans_read_at_least_80_percent(corpus: tuple[Path, list[Sample]]) -> None:
    folder, samples = corpus
    score, misses, per_field = accuracy(folder, samples, "image")
    print(report("photos and scans", score, misses, per_field))
    assert score >= 0.80, report("photos and scans", score, misses, per_field)
