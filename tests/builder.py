"""A small record builder for tests: every test writes its own record under tmp_path.

rec = RecordBuilder(tmp_path)
rec.activity("a", date="2026-03-14", credits="1.0", certificate=rec.certificate("a.pdf"))
rec.requirements("requirements:\n  - {name: X, credits: 1, credit_types: any, window: lifetime}\n")
result = rec.run("check")
"""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from portfolio import cli

# A tiny, valid one-page PDF (hand-written; pypdf and WeasyPrint read it).
TINY_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Resources<<>>>>endobj\n"
    b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n0000000101 00000 n \n"
    b"trailer<</Size 4/Root 1 0 R>>\nstartxref\n178\n%%EOF\n"
)


def _png_1x1() -> bytes:
    """A valid 1×1 white PNG (built here so every checksum is right)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


TINY_PNG = _png_1x1()

PROFILE = """\
name: Test Physician, MD
credentials: [MD]
specialty: Internal Medicine
npi: "1234567893"
licenses:
  - {state: CA, number: A123456, expires: 2027-06-30}
default_credit_type: AMA PRA Category 1
"""


@dataclass
class Run:
    code: int
    out: str
    err: str


class RecordBuilder:
    def __init__(self, root: Path, profile: str | None = PROFILE):
        self.root = root
        self.content = root / "content"
        (self.content / "activities").mkdir(parents=True, exist_ok=True)
        if profile is not None:
            self.write("content/portfolio.yaml", profile)

    def write(self, rel: str, text: str | bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def certificate(self, name: str = "cert.pdf", data: bytes | None = None) -> str:
        """Create content/certificates/<name>; return the path to cite (relative to content/)."""
        if data is None:
            data = TINY_PNG if name.lower().endswith(".png") else TINY_PDF
        self.write(f"content/certificates/{name}", data)
        return f"certificates/{name}"

    def activity(self, name: str, body: str = "", raw: str | None = None, **fields: Any) -> Path:
        """Write content/activities/<name>.md from fields (YAML-ish values) or from raw front matter."""
        if raw is None:
            fields.setdefault("title", f"Activity {name}")
            fields.setdefault("date", "2026-03-14")
            fields.setdefault("provider", "University Hospital CME Office")
            if fields.get("status") != "educational":
                fields.setdefault("credits", "1.0")
            raw = "".join(f"{k}: {v}\n" for k, v in fields.items() if v is not None)
        return self.write(f"content/activities/{name}.md", f"---\n{raw}---\n{body}")

    def requirements(self, text: str) -> Path:
        return self.write("content/requirements.yaml", text)

    def run(self, *args: str) -> Run:
        """Run the CLI in-process from the record's folder; capture exit code, stdout, stderr."""
        out, err = io.StringIO(), io.StringIO()
        with (
            contextlib.chdir(self.root),
            contextlib.redirect_stdout(out),
            contextlib.redirect_stderr(err),
        ):
            try:
                code = cli.main(["--root", str(self.root), *args])
            except SystemExit as exc:  # argparse usage errors
                code = int(exc.code or 0)
        return Run(code, out.getvalue(), err.getvalue())


def run_in(folder: Path, *args: str) -> Run:
    """Run the CLI in-process from ``folder`` without --root (the record is found as from a shell there)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(folder), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main(list(args))
        except SystemExit as exc:
            code = int(exc.code or 0)
    return Run(code, out.getvalue(), err.getvalue())
