"""Regression tests for the defects an attacker's test found (issue 12): each failed before its fix."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest
from builder import TINY_PDF, TINY_PNG, RecordBuilder

ACT = "content/activities/a.md"


def _errors(result) -> list[str]:
    return [ln for ln in result.err.splitlines() if ": error: " in ln]


# ---------------------------------------------------------------- 1. numbers that are not numbers


@pytest.mark.parametrize(
    ("written", "fragment"),
    [
        ("1:30", "base 60"),
        ("1:30.5", "base 60"),
        ("0x10", "hexadecimal"),
        ("010", "octal"),
        ("0b11", "binary"),
        ("1_0", "'_'"),
        ("1_0.5", "'_'"),
        ("1.0e+1", "exponent"),
    ],
)
def test_credit_in_other_notation_is_an_error(rec: RecordBuilder, written, fragment):
    rec.activity("a", credits=written, certificate=rec.certificate("a.pdf"))
    result = rec.run("check")
    assert result.code == 1, result
    lines = _errors(result)
    assert any(
        ln.startswith(f"{ACT}:2: error: ") and fragment in ln and "plain decimal" in ln
        for ln in lines
    ), result.err
    assert "Traceback" not in result.err


@pytest.mark.parametrize(
    ("file", "text", "line"),
    [
        (
            "content/requirements.yaml",
            "requirements:\n  - name: R\n    credits: 0x32\n    credit_types: any\n    window: lifetime\n",
            3,
        ),
        (
            "content/requirements.yaml",
            "requirements:\n  - name: R\n    credits: 50\n    credit_types: any\n"
            "    window: {months: 030}\n",
            5,
        ),
        (
            "content/requirements.yaml",
            "requirements:\n  - name: R\n    credits: 50\n    credit_types: any\n    window: lifetime\n"
            "    caps:\n      - {topic: x, max_credits: 1:00}\n",
            7,
        ),
    ],
)
def test_every_number_in_the_record_is_plain_decimal(rec: RecordBuilder, file, text, line):
    rec.activity("a", certificate=rec.certificate("a.pdf"))
    rec.write(file, text)
    result = rec.run("check")
    assert result.code == 1, result
    assert any(
        ln.startswith(f"{file}:{line}: error: ") and "plain decimal" in ln for ln in _errors(result)
    ), result.err


def test_plain_decimal_numbers_still_count(rec: RecordBuilder):
    rec.activity("a", credits="1.5", certificate=rec.certificate("a.pdf"))
    rec.activity("b", credits="2", title="B", certificate="certificates/a.pdf")
    rec.activity("c", credits="+0.25", title="C", certificate="certificates/a.pdf")
    assert rec.run("build", "--no-pdf", "--as-of", "2026-11-25").code == 0
    data = json.loads((rec.root / "site" / "transcript.json").read_text(encoding="utf-8"))
    assert data["totals"] == {"AMA PRA Category 1": 3.75}


@pytest.mark.parametrize("digits", ["9" * 5000, "1" * 5000 + ".5", "0." + "1" * 5000])
def test_a_huge_number_is_an_error_not_a_traceback(rec: RecordBuilder, digits):
    rec.activity("a", credits=digits, certificate=rec.certificate("a.pdf"))
    result = rec.run("check")
    assert result.code == 1, result
    assert "Traceback" not in result.err
    assert any(ln.startswith(f"{ACT}:2: error: ") and "digits" in ln for ln in _errors(result)), (
        result.err[:2000]
    )


# ---------------------------------------------------------------- 9. `new`: the same numbers, no ghost files


def _new(rec: RecordBuilder, title: str, *extra: str):
    return rec.run("new", title, "--date", "2026-03-14", "--provider", "P", *extra)


def _written(rec: RecordBuilder) -> list[str]:
    return sorted(p.name for p in (rec.content / "activities").rglob("*.md"))


@pytest.mark.parametrize("amount", ["1E+1", "1_0", "0x10", "1:30"])
def test_new_refuses_exactly_what_check_refuses(rec: RecordBuilder, amount):
    result = _new(rec, "T", "--credits", amount)
    assert result.code == 1, result
    assert _errors(result) and all(ln.startswith("--credits: error: ") for ln in _errors(result))
    assert "plain decimal" in result.err
    assert _written(rec) == []


@pytest.mark.parametrize("amount", ["10", "1.5", "0.25", ".5", "+2"])
def test_new_accepts_what_check_accepts(rec: RecordBuilder, amount):
    assert _new(rec, "T", "--credits", amount).code == 0
    assert rec.run("check").code == 0


@pytest.mark.parametrize(
    ("extra", "option"),
    [
        (("--credits", "1", "--end-date", "2026-03-01"), "--end-date"),
        (("--credits", "1", "--topic", "a", "--topic", "A"), "--topic"),
    ],
)
def test_new_errors_never_name_a_file_it_did_not_write(rec: RecordBuilder, extra, option):
    result = _new(rec, "T", *extra)
    assert result.code == 1, result
    assert "content/" not in result.err, result.err
    assert any(ln.startswith(f"{option}: error: ") for ln in _errors(result)), result.err
    assert _written(rec) == []


def test_new_gives_non_latin_titles_distinct_file_names(rec: RecordBuilder):
    for title in ("東京の心臓病学", "大阪の腎臓学", "أمراض القلب", "أمراض الكلى"):
        assert _new(rec, title, "--credits", "1").code == 0, title
    names = _written(rec)
    assert len(names) == 4 and len(set(names)) == 4, names
    assert all(name.isascii() for name in names), names


# ---------------------------------------------------------------- 3. double counting


def test_a_copied_activity_file_is_an_error_naming_both(rec: RecordBuilder):
    cert = rec.certificate("a.pdf")
    rec.activity("2026/grand-rounds", title="Heart Failure Update", certificate=cert)
    rec.activity(
        "2026/grand-rounds copy",
        title="heart  failure update",  # case and spacing do not make it another activity
        provider="university hospital cme office",
        certificate=cert,
    )
    result = rec.run("check")
    assert result.code == 1, result
    errors = _errors(result)
    assert len(errors) == 1, result.err
    first, second = (
        "content/activities/2026/grand-rounds copy.md",
        "content/activities/2026/grand-rounds.md",
    )
    assert errors[0].startswith(f"{second}:2: error: same title, date and provider as {first}")
    assert "different titles" in errors[0]
    assert rec.run("build", "--no-pdf").code == 1


def test_two_real_occurrences_with_different_titles_count_twice(rec: RecordBuilder):
    cert = rec.certificate("a.pdf")
    rec.activity("a", title="Grand Rounds (session 1)", certificate=cert)
    rec.activity("b", title="Grand Rounds (session 2)", certificate=cert)
    rec.activity("c", title="Grand Rounds (session 1)", date="2026-03-15", certificate=cert)
    assert rec.run("build", "--no-pdf", "--as-of", "2026-11-25").code == 0
    data = json.loads((rec.root / "site" / "transcript.json").read_text(encoding="utf-8"))
    assert data["totals"] == {"AMA PRA Category 1": 3.0}


# ---------------------------------------------------------------- 5. silent YAML slips


def test_topics_without_brackets_is_an_error_with_the_fix(rec: RecordBuilder):
    rec.activity("a", topics="opioids, pain-management", certificate=rec.certificate("a.pdf"))
    result = rec.run("check")
    assert result.code == 1, result
    assert any(
        ln.startswith(f"{ACT}:2: error: ") and "[opioids, pain-management]" in ln
        for ln in _errors(result)
    ), result.err


def test_requirement_lists_without_brackets_are_errors(rec: RecordBuilder):
    rec.activity("a", certificate=rec.certificate("a.pdf"))
    rec.requirements(
        "requirements:\n  - name: R\n    credits: 5\n"
        "    credit_types: AMA PRA Category 1, AOA Category 1-A\n    window: lifetime\n"
    )
    result = rec.run("check")
    assert result.code == 1, result
    assert any(
        ln.startswith("content/requirements.yaml:4: error: ")
        and "[AMA PRA Category 1, AOA Category 1-A]" in ln
        for ln in _errors(result)
    ), result.err


@pytest.mark.parametrize(
    "field", ["title: Opioid Module #2 - Tapering", "location: Room #4", "provider: Clinic #3"]
)
def test_a_hash_that_starts_a_comment_inside_text_is_an_error(rec: RecordBuilder, field):
    key, value = field.split(": ", 1)
    rec.activity("a", **{key: value}, certificate=rec.certificate("a.pdf"))
    result = rec.run("check")
    assert result.code == 1, result
    assert any(
        ": error: " in ln and f'{key}: "{value}"' in ln and "comment" in ln
        for ln in _errors(result)
    ), result.err


def test_a_deliberate_comment_and_a_quoted_hash_are_fine(rec: RecordBuilder):
    rec.activity(
        "a",
        title='"Opioid Module #2 - Tapering"',
        credits="1.0   # from the certificate",
        certificate=rec.certificate("a.pdf"),
    )
    assert rec.run("check").code == 0


# ---------------------------------------------------------------- 6. tracebacks that must be errors

FAR = "9999-12-31"


def test_dates_at_the_end_of_the_calendar_build(rec: RecordBuilder):
    rec.write(
        "content/portfolio.yaml",
        "name: T\nlicenses:\n  - {state: CA, number: A1, expires: 9999-12-31}\n"
        "board_certifications: [{board: ABIM, expires: 9999-12-31}]\n"
        "default_credit_type: AMA PRA Category 1\n",
    )
    rec.activity("a", certificate=rec.certificate("a.pdf"))
    rec.activity("p", title="P", status="pending", claim_by=FAR)
    rec.requirements(
        "requirements:\n  - name: R\n    credits: 5\n    credit_types: [AMA PRA Category 1]\n"
        f"    window: {{start: 2026-01-01, end: {FAR}}}\n"
    )
    assert rec.run("check").code == 0
    result = rec.run("build", "--no-pdf", "--as-of", "2026-11-25")
    assert result.code == 0, result.err
    assert "Traceback" not in result.err
    assert b"99991231" in (rec.root / "site" / "deadlines.ics").read_bytes()
    assert rec.run("status", "--as-of", "2026-11-25").code == 0


def test_a_file_name_that_is_not_utf8_is_an_error(rec: RecordBuilder):
    import os

    rec.activity("ok", certificate=rec.certificate("a.pdf"))
    raw = os.fsencode(rec.content / "activities") + b"/caf\xe9.md"
    with open(raw, "wb") as fh:
        fh.write(b"---\ntitle: T\ndate: 2026-03-14\nprovider: P\ncredits: 1\n---\n")
    for command in (("check",), ("build", "--no-pdf")):
        result = rec.run(*command)
        assert result.code == 1, result
        assert "Traceback" not in result.err
        assert any(
            "caf\N{REPLACEMENT CHARACTER}.md" in ln and "UTF-8" in ln for ln in _errors(result)
        ), result.err


def test_serve_port_out_of_range_is_a_usage_error(rec: RecordBuilder):
    result = rec.run("serve", "--port", "99999")
    assert result.code == 2, result
    assert "Traceback" not in result.err and "65535" in result.err


def test_serve_on_a_port_in_use_is_an_error(rec: RecordBuilder):
    import socket

    rec.activity("a", certificate=rec.certificate("a.pdf"))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = rec.run("serve", "--port", str(taken.getsockname()[1]))
    assert result.code == 1, result
    assert "Traceback" not in result.err
    assert any(
        ln.startswith("--port: error: cannot listen on 127.0.0.1:") for ln in _errors(result)
    )


HOSTILE_NOTES = {
    "20,000 [": "[" * 20_000,
    "100,000 [": "[" * 100_000,
    "list 1,000 deep": "\n".join("    " * i + "- x" for i in range(1_000)),
    "list 3,000 deep on one line": "- " * 3_000 + "x",
    "quotes 1,000 deep": ">" * 1_000 + " x",
    "6,000 definitions": "term\n: definition\n" * 6_000,
    "thin rules": "***\n" * 20_000,
}


@pytest.mark.parametrize("body", HOSTILE_NOTES.values(), ids=HOSTILE_NOTES.keys())
def test_a_hostile_note_is_refused_quickly_by_check_and_build(rec: RecordBuilder, body):
    import time

    rec.activity("a", body="Fine first line.\n\n" + body, certificate=rec.certificate("a.pdf"))
    started = time.perf_counter()
    for command in (("check",), ("build", "--no-pdf")):
        result = rec.run(*command)
        assert result.code == 1, result
        assert "Traceback" not in result.err
        errors = _errors(result)
        assert len(errors) == 1 and errors[0].startswith(f"{ACT}:"), result.err
        assert "note" in errors[0] or "nested" in errors[0] or "'['" in errors[0], errors
    assert time.perf_counter() - started < 10
    assert not (rec.root / "site").exists()


def test_a_long_real_note_is_fine(rec: RecordBuilder):
    body = "\n".join(
        [
            "# Take-aways",
            "",
            *[
                f"- [Guideline {i}](https://example.org/{i}) [sic] \\[draft] dose < 5 mg"
                for i in range(300)
            ],
            "",
            "> quoted",
            "",
            "1. first",
            "    - nested",
            "        - deeper",
            "",
            "```",
            "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ not a link, in code",
            "```",
        ]
    )
    rec.activity("a", body=body, certificate=rec.certificate("a.pdf"))
    assert rec.run("build", "--no-pdf").code == 0
    assert "Guideline 299" in (rec.root / "site" / "activities" / "a.html").read_text(
        encoding="utf-8"
    )


# ---------------------------------------------------------------- 7. the site folder after a crash


def _siblings(rec: RecordBuilder) -> list[str]:
    return sorted(p.name for p in rec.root.iterdir() if p.name.startswith(".site."))


def test_site_exists_at_every_rename(rec: RecordBuilder, monkeypatch):
    """Each rename the build makes leaves a whole site/ in place (no moment without one)."""
    import os

    from portfolio import publish, site

    probe_a, probe_b = rec.root / "probe-a", rec.root / "probe-b"
    probe_a.mkdir()
    probe_b.mkdir()
    if not publish._exchange(probe_a, probe_b):
        pytest.skip(
            "this file system cannot exchange two folders in one step (README: two renames)"
        )
    probe_a.rmdir()
    probe_b.rmdir()
    rec.activity("a", certificate=rec.certificate("a.pdf"))
    assert rec.run("build", "--no-pdf").code == 0
    out = rec.root / "site"
    real_rename, gaps = os.rename, []

    def watched(src, dst, *args, **kwargs):
        real_rename(src, dst, *args, **kwargs)
        if not (out / "index.html").is_file():
            gaps.append((str(src), str(dst)))

    monkeypatch.setattr(os, "rename", watched)
    site.build(rec.root, pdf=False)
    assert gaps == []
    assert (out / "index.html").is_file()


def _kernel_exchanges(a: Path, b: Path) -> bool:
    """Whether this system exchanges two folders in one call: asked of the kernel directly (renameat2 with
    RENAME_EXCHANGE, twice, so nothing moves), independently of publish._exchange."""
    import ctypes
    import sys

    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    call = getattr(libc, "renameat2", None)
    if call is None:
        return False
    return all(call(-100, os.fsencode(a), -100, os.fsencode(b), 2) == 0 for _ in range(2))


def test_exchange_swaps_two_folders_in_one_call(tmp_path: Path, monkeypatch):
    """publish._exchange on a system that can: True, the two folders swapped (relative paths are taken from
    the working folder, as `--out site2` gives them), and a failure other than "cannot" is raised with its
    errno."""
    import errno

    from portfolio import publish

    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    if not _kernel_exchanges(a, b):
        pytest.skip("this system cannot exchange two folders in one step (README: two renames)")
    (a / "x").write_text("a", encoding="utf-8")
    (b / "x").write_text("b", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert publish._exchange(Path("a"), Path("b")) is True
    assert (a / "x").read_text(encoding="utf-8") == "b" and (b / "x").read_text(
        encoding="utf-8"
    ) == "a"
    assert publish._exchange(a, b) is True
    assert (a / "x").read_text(encoding="utf-8") == "a"
    with pytest.raises(OSError) as caught:
        publish._exchange(a, tmp_path / "missing")
    assert caught.value.errno == errno.ENOENT and caught.value.filename == str(tmp_path / "missing")
    assert caught.value.strerror == os.strerror(errno.ENOENT)


@pytest.mark.parametrize(
    ("libc", "code", "said"),
    [
        ("no renameat2", 0, False),  # an old C library: two renames instead
        ("fails", errno.ENOSYS, False),  # a kernel without the call
        ("fails", errno.EINVAL, False),  # a file system that cannot exchange
        ("fails", errno.EOPNOTSUPP, False),
        (
            "fails",
            errno.EACCES,
            "raised",
        ),  # anything else is a real failure, not a way to fall back
    ],
)
def test_exchange_falls_back_only_where_the_system_cannot(tmp_path, monkeypatch, libc, code, said):
    """publish._exchange with a C library that lacks the call, or a call that fails: False (the caller
    renames twice) only for "not supported"; any other error is raised."""
    import ctypes
    import sys

    from portfolio import publish

    class Libc:
        def __getattr__(self, name: str):  # noqa: ANN204
            if libc == "no renameat2" or name not in ("renameat2", "renamex_np"):
                raise AttributeError(name)
            return lambda *args: -1

    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(ctypes, "CDLL", lambda *args, **kwargs: Libc())
    monkeypatch.setattr(ctypes, "get_errno", lambda: code)
    if said == "raised":
        with pytest.raises(OSError) as caught:
            publish._exchange(tmp_path / "a", tmp_path / "b")
        assert caught.value.errno == code
    else:
        assert publish._exchange(tmp_path / "a", tmp_path / "b") is said


@pytest.mark.parametrize("platform", ["darwin", "win32"])
def test_exchange_on_other_systems(tmp_path, monkeypatch, platform):
    """publish._exchange on macOS calls renamex_np(a, b, RENAME_SWAP); elsewhere (not Linux, not macOS) it
    says it cannot. Checked with a stand-in C library, since this runs on Linux."""
    import ctypes
    import sys

    from portfolio import publish

    calls: list[tuple[object, ...]] = []

    class Libc:
        def renamex_np(self, *args: object) -> int:
            calls.append(args)
            return 0

        def renameat2(self, *args: object) -> int:
            calls.append(("renameat2", *args))
            return 0

    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(ctypes, "CDLL", lambda *args, **kwargs: Libc())
    a, b = tmp_path / "a", tmp_path / "b"
    if platform == "darwin":
        assert publish._exchange(a, b) is True
        assert calls == [(os.fsencode(a), os.fsencode(b), 2)]
    else:
        assert publish._exchange(a, b) is False and calls == []


def test_a_leftover_folder_that_will_not_go_is_named_not_raised(tmp_path, monkeypatch, capsys):
    """publish._remove: a folder the build cannot delete is named on stderr with the first reason, and the
    build goes on (the site itself is already in place)."""
    from portfolio import publish

    folder = tmp_path / ".site.old-42"
    (folder / "pages").mkdir(parents=True)
    (folder / "pages" / "a.html").write_text("x", encoding="utf-8")

    def refuse(path, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(os, "unlink", refuse)
    publish._remove(folder)
    err = capsys.readouterr().err
    assert err.startswith(f"warning: could not remove {folder} (") and "Permission denied" in err
    assert err.endswith("; delete it by hand\n") and err.count("\n") == 1
    monkeypatch.undo()
    publish._remove(folder)
    assert not folder.exists() and capsys.readouterr().err == ""
    publish._remove(folder)  # gone already: nothing to say


def test_a_killed_build_is_cleaned_up_by_the_next(rec: RecordBuilder):
    import subprocess
    import sys

    rec.activity("a", certificate=rec.certificate("a.pdf"))
    assert rec.run("build", "--no-pdf").code == 0
    killed = (
        "import os, signal, sys\nfrom pathlib import Path\nfrom portfolio import site\n"
        "site.build(Path(sys.argv[1]), pdf=False,"
        " before_swap=lambda: os.kill(os.getpid(), signal.SIGKILL))\n"
    )
    for _ in range(3):
        run = subprocess.run([sys.executable, "-c", killed, str(rec.root)], check=False)
        assert run.returncode == -9
    assert _siblings(rec), "the killed builds left their folders (the test is not testing anything)"
    assert (rec.root / "site" / "index.html").is_file()
    rec.activity("b", title="B", certificate="certificates/a.pdf")
    assert rec.run("build", "--no-pdf").code == 0
    assert _siblings(rec) == []
    assert (rec.root / "site" / "activities" / "b.html").is_file()


def test_a_site_lost_in_a_swap_comes_back_even_if_the_next_build_fails(rec: RecordBuilder):
    from portfolio import site

    rec.activity("a", certificate=rec.certificate("a.pdf"))
    assert rec.run("build", "--no-pdf").code == 0
    before = (rec.root / "site" / "index.html").read_bytes()
    # what `kill -9` between the two renames of the old way left: no site/, only the old one aside
    (rec.root / "site").rename(rec.root / f".site.old-{4242}")
    rec.activity("bad", date="2026-02-30")
    assert rec.run("build", "--no-pdf").code == 1
    assert (rec.root / "site" / "index.html").read_bytes() == before
    assert (rec.root / "site" / site.MARKER).is_file()
    assert _siblings(rec) == []


def test_leftovers_it_did_not_make_are_left_alone(rec: RecordBuilder):
    rec.activity("a", certificate=rec.certificate("a.pdf"))
    mine = rec.root / ".site.old-77"
    mine.mkdir()
    (mine / "notes.txt").write_text("not a portfolio folder", encoding="utf-8")
    assert rec.run("build", "--no-pdf").code == 0
    assert (mine / "notes.txt").is_file()


def test_a_foreign_folder_under_our_building_name_is_never_written_into(rec: RecordBuilder):
    import os

    # rec.run builds in this process: a folder that is not ours already holds this process's building name
    # (a reused process number). The build picks another name, leaves that folder alone, and succeeds.
    rec.activity("a", certificate=rec.certificate("a.pdf"))
    theirs = rec.root / f".site.building-{os.getpid()}"
    theirs.mkdir()
    (theirs / "notes.txt").write_text("not a portfolio folder", encoding="utf-8")
    result = rec.run("build", "--no-pdf")
    assert result.code == 0, result.err
    assert sorted(p.name for p in theirs.iterdir()) == ["notes.txt"]
    assert (rec.root / "site" / "index.html").is_file()


def test_an_overlapping_build_waits_then_names_the_other(rec: RecordBuilder, monkeypatch):
    import fcntl
    import os

    from portfolio import publish, site

    rec.activity("a", certificate=rec.certificate("a.pdf"))
    assert rec.run("build", "--no-pdf").code == 0
    monkeypatch.setattr(publish, "LOCK_WAIT", 0.3)
    other = rec.root / ".site.building-4242"
    other.mkdir()
    (other / site.MARKER).write_text(publish.MARKER_TEXT, encoding="utf-8")
    fd = os.open(rec.root, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        result = rec.run("build", "--no-pdf")
    finally:
        os.close(fd)
    assert result.code == 1, result
    assert any("another build" in ln and "4242" in ln for ln in _errors(result)), result.err
    assert other.is_dir()  # the other build's folder is its own while it runs
    assert rec.run("build", "--no-pdf").code == 0
    assert _siblings(rec) == []


def test_a_read_only_site_is_an_error(rec: RecordBuilder):
    import os
    import subprocess

    rec.activity("a", certificate=rec.certificate("a.pdf"))
    assert rec.run("build", "--no-pdf").code == 0
    out = rec.root / "site"
    before = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    mounted = False
    if (
        os.geteuid() == 0
    ):  # root writes through permissions: make the folder a read-only mount instead
        for args in (["mount", "--bind", out, out], ["mount", "-o", "remount,bind,ro", out]):
            if subprocess.run(args, capture_output=True, check=False).returncode != 0:
                if mounted:
                    subprocess.run(["umount", out], check=False)
                pytest.skip("needs a read-only bind mount (root without mount rights)")
            mounted = True
    else:
        out.chmod(0o555)
    try:  # --force: unchanged inputs would leave the site as it is ("up to date"), writing nothing
        result = rec.run("build", "--no-pdf", "--force")
    finally:
        if mounted:
            subprocess.run(["umount", out], check=True)
        else:
            out.chmod(0o755)
    assert result.code == 1, result
    assert f"{out}: error: site is read-only, so the build cannot replace it; make it writable" + (
        " (chmod -R u+w site) or remove it, then build again"
    ) in _errors(result), result.err
    after = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert _siblings(rec) == []


# ---------------------------------------------------------------- 2. check-then-use races and links


def _secret(tmp_path_factory) -> Path:
    outside = tmp_path_factory.mktemp("outside") / "secret.txt"
    outside.write_text("root:x:0:0:SECRET\n", encoding="utf-8")
    return outside


def _published(rec: RecordBuilder) -> bytes:
    site = rec.root / "site"
    return (
        b"".join(p.read_bytes() for p in site.rglob("*") if p.is_file()) if site.exists() else b""
    )


def test_an_activity_file_linked_from_outside_content_is_refused(
    rec: RecordBuilder, tmp_path_factory
):
    import os

    outside = tmp_path_factory.mktemp("outside") / "x.md"
    outside.write_text(
        "---\ntitle: SECRET\ndate: 2026-03-14\nprovider: P\ncredits: 1\n---\nSECRET\n",
        encoding="utf-8",
    )
    os.symlink(outside, rec.content / "activities" / "linked.md")
    rec.activity("a", certificate=rec.certificate("a.pdf"))
    for command in (("check",), ("build", "--no-pdf")):
        result = rec.run(*command)
        assert result.code == 1, result
        assert any(
            ln.startswith("content/activities/linked.md: error: ") and "outside content/" in ln
            for ln in _errors(result)
        ), result.err
    assert b"SECRET" not in _published(rec)


@pytest.mark.parametrize("where", ["static/leak.txt", "static/css/site.css", "base.html"])
def test_a_theme_file_linked_from_outside_is_refused(rec: RecordBuilder, tmp_path_factory, where):
    import os

    secret = _secret(tmp_path_factory)
    rec.write(
        "content/portfolio.yaml",
        rec.content.joinpath("portfolio.yaml").read_text() + "site: {theme: mine}\n",
    )
    link = rec.root / "themes" / "mine" / where
    link.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(secret, link)
    rec.activity("a", certificate=rec.certificate("a.pdf"))
    for command in (("check",), ("build", "--no-pdf")):
        result = rec.run(*command)
        assert result.code == 1, result
        assert any(
            ln.startswith(f"themes/mine/{where}: error: ") and "outside" in ln
            for ln in _errors(result)
        ), result.err
    assert b"SECRET" not in _published(rec)


def _swap_during_write(monkeypatch, action):
    from portfolio import publish

    real = publish.write_atomically

    def racing(out, output, *args, **kwargs):
        action()
        return real(out, output, *args, **kwargs)

    monkeypatch.setattr(publish, "write_atomically", racing)


def test_a_certificate_swapped_for_a_link_after_validation_is_not_published(
    rec: RecordBuilder, tmp_path_factory, monkeypatch
):
    import os

    secret = _secret(tmp_path_factory)
    rec.activity("a", certificate=rec.certificate("a.pdf"))
    assert rec.run("build", "--no-pdf").code == 0
    before = _published(rec)
    cert = rec.content / "certificates" / "a.pdf"

    def swap():
        cert.unlink()
        os.symlink(secret, cert)

    _swap_during_write(monkeypatch, swap)
    result = rec.run("build", "--no-pdf", "--force")  # the record is unchanged until the write
    assert result.code == 1, result
    assert any("content/certificates/a.pdf" in ln for ln in _errors(result)), result.err
    assert _published(rec) == before


def test_a_certificate_changed_after_hashing_is_not_published(rec: RecordBuilder, monkeypatch):
    rec.activity("a", certificate=rec.certificate("a.pdf"))
    assert rec.run("build", "--no-pdf").code == 0
    before = _published(rec)
    cert = rec.content / "certificates" / "a.pdf"
    _swap_during_write(monkeypatch, lambda: cert.write_bytes(cert.read_bytes() + b"%SECRET\n"))
    result = rec.run("build", "--no-pdf", "--force")  # the record is unchanged until the write
    assert result.code == 1, result
    assert any("changed while" in ln for ln in _errors(result)), result.err
    assert _published(rec) == before


# ---------------------------------------------------------------- 9. warnings are heard


def _warned_record(rec: RecordBuilder) -> None:
    rec.requirements(
        "requirements:\n  - name: R\n    credits: 5\n    credit_types: [AMA PRA Category 1]\n"
        "    window: lifetime\n"
    )
    rec.activity("documented", certificate=rec.certificate("a.pdf"))
    rec.activity("undocumented", title="No proof")
    rec.activity("soon", title="Due", status="pending", claim_by="2026-12-05")
    rec.activity("later", title="Later", date="2026-12-01", certificate="certificates/a.pdf")


@pytest.mark.parametrize("command", [("build", "--no-pdf"), ("pdf",)])
def test_build_and_pdf_end_with_the_warnings_check_counts(rec: RecordBuilder, command):
    _warned_record(rec)
    check = rec.run("check", "--as-of", "2026-11-25")
    assert check.code == 0 and "3 warnings" in check.out, check
    result = rec.run(*command, "--as-of", "2026-11-25")
    assert result.code == 0, result
    assert "3 warnings about the record; 'portfolio check' lists them" in result.err, result.err


# ---------------------------------------------------------------- 4. certificates that are not what they claim


def _jpeg() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "JPEG")
    return buffer.getvalue()


BAD_CERTIFICATES = {
    "empty.pdf": (b"", "empty"),
    "truncated.pdf": (TINY_PDF[:60], "not a readable PDF"),
    "text.png": (b"I promise I attended.\n", "not a PNG"),
    "pdf-named.png": (TINY_PDF, "not a PNG"),
    "truncated.png": (TINY_PNG[:45], "not a readable PNG"),
    "text.jpg": (b"hello", "not a JPEG"),
    "truncated.jpg": (None, "not a readable JPEG"),
}


@pytest.mark.parametrize("name", BAD_CERTIFICATES, ids=BAD_CERTIFICATES)
def test_check_catches_a_certificate_that_is_not_what_it_claims(rec: RecordBuilder, name):
    data, fragment = BAD_CERTIFICATES[name]
    if data is None:
        data = _jpeg()[:-40]
    rec.activity("a", certificate=rec.certificate(name, data))
    result = rec.run("check")
    assert result.code == 1, result
    assert any(
        ln.startswith(f"{ACT}:2: error: certificate certificates/{name} ") and fragment in ln
        for ln in _errors(result)
    ), result.err
    assert "Traceback" not in result.err and "BytesIO" not in result.err


def test_real_certificates_pass(rec: RecordBuilder):
    rec.activity("a", certificate=rec.certificate("a.pdf"))
    rec.activity("b", title="B", certificate=rec.certificate("b.png"))
    rec.activity("c", title="C", certificate=rec.certificate("c.jpeg", _jpeg()))
    result = rec.run("check")
    assert result.code == 0, result.err


def test_a_second_check_reads_no_certificate_again(rec: RecordBuilder, monkeypatch):
    import os

    from portfolio import certificates

    rec.activity("a", certificate=rec.certificate("a.pdf"))
    rec.activity("b", title="B", certificate=rec.certificate("b.png"))
    assert rec.run("build", "--no-pdf").code == 0
    assert rec.run("check").code == 0
    opened: list[str] = []
    real_open = os.open

    def spy(path, *args, **kwargs):
        if "certificates" in os.fsdecode(path):
            opened.append(os.fsdecode(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", spy)
    inspected: list[str] = []
    real_inspect = certificates.inspect
    monkeypatch.setattr(
        certificates,
        "inspect",
        lambda data, suffix: inspected.append(suffix) or real_inspect(data, suffix),
    )
    assert rec.run("check").code == 0
    assert opened == [] and inspected == []
    # a changed file is read again, and only that one
    (rec.content / "certificates" / "b.png").write_bytes(b"not an image")
    result = rec.run("check")
    assert result.code == 1 and "certificates/b.png" in result.err
    assert inspected == [".png"]


def test_an_aes_encrypted_certificate_is_a_clear_error_when_appended(rec: RecordBuilder, tmp_path):
    import shutil
    import subprocess

    if shutil.which("qpdf") is None:
        pytest.skip("qpdf makes the AES-256 encrypted PDF")
    plain = tmp_path / "plain.pdf"
    plain.write_bytes(TINY_PDF)
    encrypted = rec.content / "certificates" / "aes.pdf"
    encrypted.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["qpdf", "--encrypt", "", "owner", "256", "--", plain, encrypted],
        check=True,
        capture_output=True,
    )
    rec.activity("a", certificate="certificates/aes.pdf")
    check = rec.run("check")
    assert check.code == 0, check  # the proof is there; it only cannot be appended
    assert "encrypted" in check.err
    result = rec.run("pdf", "--with-certificates", "-o", str(tmp_path / "t.pdf"))
    assert result.code == 1, result
    assert "Traceback" not in result.err
    assert any(
        ln.startswith(f"{ACT}:2: error: certificate 'certificates/aes.pdf' is an encrypted PDF")
        for ln in _errors(result)
    ), result.err


def test_a_decompression_bomb_image_is_a_clear_error(rec: RecordBuilder, tmp_path):
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(buffer, "PNG", optimize=True)  # 400 million pixels, 48 KB
    rec.activity("a", certificate=rec.certificate("bomb.png", buffer.getvalue()))
    for command in (("check",), ("pdf", "--with-certificates", "-o", str(tmp_path / "t.pdf"))):
        result = rec.run(*command)
        assert result.code == 1, result
        assert "Traceback" not in result.err
        assert any("certificates/bomb.png" in ln and "pixels" in ln for ln in _errors(result)), (
            result.err
        )


def test_a_repaired_pdf_prints_no_stray_library_line(rec: RecordBuilder, tmp_path):
    import subprocess
    import sys

    no_eof = TINY_PDF.replace(
        b"%%EOF\n", b"%%EO\n"
    )  # pypdf repairs it, and logs "EOF marker not found"
    rec.activity("a", certificate=rec.certificate("a.pdf", no_eof))
    for command in (("check",), ("pdf", "--with-certificates", "-o", str(tmp_path / "t.pdf"))):
        # a process of its own: pytest's log capture would otherwise swallow what a user sees
        result = subprocess.run(
            [sys.executable, "-m", "portfolio", "--root", str(rec.root), *command],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert "EOF marker" not in result.stderr and "startxref" not in result.stderr, result.stderr


def test_a_record_file_is_read_without_following_a_link(tmp_path):
    import os

    from portfolio.errors import RecordError
    from portfolio.source import read_text

    real = tmp_path / "real.md"
    real.write_text("---\ntitle: T\n---\n", encoding="utf-8")
    link = tmp_path / "link.md"
    os.symlink(real, link)
    assert read_text(real, "real.md").startswith("---")
    with pytest.raises(RecordError) as caught:
        read_text(link, "content/activities/link.md")
    assert "became a link" in str(caught.value)


@pytest.mark.slow  # two real processes race: out of mutation runs
def test_overlapping_builds_both_finish_and_leave_one_whole_site(rec: RecordBuilder):
    import subprocess
    import sys

    for i in range(30):
        rec.activity(f"a{i}", title=f"A {i}", certificate=rec.certificate(f"c{i}.pdf"))
    command = [sys.executable, "-m", "portfolio", "--root", str(rec.root), "build", "--no-pdf"]
    for _ in range(3):
        runs = [
            subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for _ in range(3)
        ]
        results = [(run.wait(), run.stderr.read().decode()) for run in runs]
        for run in runs:
            run.stdout.close()
            run.stderr.close()
        assert all(code == 0 for code, _ in results), results
        assert (rec.root / "site" / "activities" / "a29.html").is_file()
        assert _siblings(rec) == []


def test_new_says_plainly_when_an_amount_is_not_a_number(rec: RecordBuilder):
    result = _new(rec, "T", "--credits", "lots")
    assert result.code == 1
    assert "--credits: error: credits 'lots' is not a number" in result.err, result.err


def test_without_an_atomic_exchange_two_renames_still_replace_the_site(
    rec: RecordBuilder, monkeypatch
):
    from portfolio import publish

    monkeypatch.setattr(publish, "_exchange", lambda a, b: False)
    rec.activity("a", certificate=rec.certificate("a.pdf"))
    assert rec.run("build", "--no-pdf").code == 0
    rec.activity("b", title="B", certificate="certificates/a.pdf")
    assert rec.run("build", "--no-pdf").code == 0
    assert (rec.root / "site" / "activities" / "b.html").is_file()
    assert _siblings(rec) == []


def test_links_that_stay_inside_content_are_fine(rec: RecordBuilder):
    import os

    settings = rec.content / "settings"
    settings.mkdir()
    profile = rec.content / "portfolio.yaml"
    (settings / "portfolio.yaml").write_text(
        profile.read_text(encoding="utf-8") + "site: {theme: mine}\n", encoding="utf-8"
    )
    profile.unlink()
    os.symlink(
        Path("settings") / "portfolio.yaml", profile
    )  # themes/ is still found beside content/
    (rec.root / "themes" / "mine").mkdir(parents=True)
    rec.certificate("a.pdf")
    rec.write(
        "content/kept/real.md",
        "---\ntitle: Kept\ndate: 2026-03-14\nprovider: P\ncredits: 1\n"
        "certificate: certificates/a.pdf\n---\n",
    )
    os.symlink(rec.content / "kept" / "real.md", rec.content / "activities" / "alias.md")
    result = rec.run("build", "--no-pdf")
    assert result.code == 0, result.err
    assert "Kept" in (rec.root / "site" / "activities" / "alias.html").read_text(encoding="utf-8")


def test_license_windows_at_the_end_of_the_calendar(rec: RecordBuilder):
    rec.write(
        "content/portfolio.yaml",
        "name: T\nlicenses:\n  - {state: CA, number: A1, issued: 9998-01-01, expires: 9999-12-31,"
        " cycle_months: 24}\ndefault_credit_type: AMA PRA Category 1\n",
    )
    rec.activity("a", certificate=rec.certificate("a.pdf"))
    rec.requirements(
        "requirements:\n"
        "  - {name: R, credits: 5, credit_types: any, window: {license: CA},"
        " carry_over: {max_credits: 10}}\n"
        "  - {name: F, credits: 5, credit_types: any, window: {license: CA, first_months: 36}}\n"
        "  - {name: C, credits: 5, credit_types: any, window: {license: CA, cycles: 3}}\n"
        "  - {name: M, credits: 5, credit_types: any, window: {months: 24}}\n"
    )
    for as_of in ("2026-11-25", "9000-12-31"):  # the latest --as-of there is
        for command in (("build", "--no-pdf"), ("status",)):
            result = rec.run(*command, "--as-of", as_of)
            assert result.code == 0, result.err
            assert "Traceback" not in result.err
